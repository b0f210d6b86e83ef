"""The writes of the stock standard (L1211–1245, Appendix 27): a count at the minimum proposes
a request to the person responsible (L1237), one above does not; the head approves; only an
approved request is received (L1217); every write refuses a user without the right."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from core.exceptions import ApplicationError, ConflictError
from core.models import Notice
from standards.stock import notices, services
from standards.stock.choices import RequestStatus
from standards.stock.models import OrderRequest, StockCount, StockItem

DAY = datetime.date(2026, 11, 16)


def test_a_count_one_above_the_minimum_proposes_nothing(keeper_a, paper_a):
    assert services.count_record(actor=keeper_a, item=paper_a, count=6, counted_on=DAY) is None
    assert not OrderRequest.objects.exists()


def test_a_count_at_the_minimum_proposes_a_request_to_the_person_responsible(keeper_a, paper_a):
    request = services.count_record(actor=keeper_a, item=paper_a, count=5, counted_on=DAY)
    assert request is not None
    assert request.status == RequestStatus.PROPOSED
    assert request.number == 1 and request.requested_on == DAY
    assert request.responsible == keeper_a.person
    line = request.lines.get()
    assert (line.name, line.quantity, line.suggested) == ("Бумага А4, пачка", 15, 15)
    notice = Notice.objects.get(kind=notices.ORDER_PROPOSED)
    assert notice.user == keeper_a


def test_a_second_item_at_its_minimum_joins_the_proposed_request(keeper_a, paper_a, place_a):
    pens = StockItem.objects.create(place=place_a, name="Ручки", minimum=10, maximum=30, count=20)
    first = services.count_record(actor=keeper_a, item=paper_a, count=5, counted_on=DAY)
    second = services.count_record(actor=keeper_a, item=pens, count=3, counted_on=DAY)
    assert first == second
    assert list(first.lines.values_list("position", "name", "quantity")) == [
        (1, "Бумага А4, пачка", 15),
        (2, "Ручки", 27),
    ]
    # An item already on an open request is not ordered twice.
    services.count_record(actor=keeper_a, item=paper_a, count=4, counted_on=DAY)
    assert first.lines.count() == 2
    assert OrderRequest.objects.count() == 1


def test_the_order_size_follows_the_use_since_the_previous_request(keeper_a, head_a, paper_a):
    first = services.count_record(actor=keeper_a, item=paper_a, count=5, counted_on=DAY)
    services.request_submit(actor=keeper_a, request=first)
    services.request_approve(actor=head_a, request=first, today=DAY)
    services.request_receive(actor=keeper_a, request=first, received_on=DAY)
    paper_a.refresh_from_db()
    assert paper_a.count == 20
    # 20 → 12 → 5 in 20 days: 15 used, 0.75 a day; (20 + 2 lead days) × 0.75 = 16.5 → 17,
    # but not above the maximum: 20 − 5 = 15.
    services.count_record(
        actor=keeper_a, item=paper_a, count=12, counted_on=DAY + datetime.timedelta(10)
    )
    second = services.count_record(
        actor=keeper_a, item=paper_a, count=5, counted_on=DAY + datetime.timedelta(20)
    )
    assert second.number == 2
    assert second.lines.get().suggested == 15
    paper_a.maximum = 40
    paper_a.save()
    assert (
        services.suggested_quantity(paper_a, today=DAY + datetime.timedelta(20), lead_days=2) == 17
    )


def test_the_head_approves_a_submitted_request(keeper_a, head_a, paper_a):
    request = services.count_record(actor=keeper_a, item=paper_a, count=5, counted_on=DAY)
    services.request_submit(actor=keeper_a, request=request)
    assert Notice.objects.get(kind=notices.AWAITING_APPROVAL).user == head_a
    request = services.request_approve(actor=head_a, request=request, today=DAY)
    assert request.status == RequestStatus.APPROVED
    assert request.approver == head_a.person and not request.on_behalf
    with pytest.raises(ConflictError):
        services.request_approve(actor=head_a, request=request, today=DAY)


def test_an_administrator_approves_on_the_heads_behalf(keeper_a, head_a, administrator, paper_a):
    request = services.count_record(actor=keeper_a, item=paper_a, count=5, counted_on=DAY)
    services.request_submit(actor=keeper_a, request=request)
    request = services.request_approve(actor=administrator, request=request, today=DAY)
    assert request.on_behalf and request.approver == head_a.person


@pytest.mark.parametrize(
    "who",
    [
        "keeper_a",
        "team_leader_a",
        "team_member_a",
        "employee_a",
        "governor",
        "group_head",
        "team_leader_b",
    ],
)
def test_only_the_head_approves(request, who, keeper_a, head_a, paper_a):
    order = services.count_record(actor=keeper_a, item=paper_a, count=5, counted_on=DAY)
    services.request_submit(actor=keeper_a, request=order)
    with pytest.raises(PermissionDenied):
        services.request_approve(actor=request.getfixturevalue(who), request=order)
    order.refresh_from_db()
    assert order.status == RequestStatus.SUBMITTED and order.approved_by is None


def test_a_proposed_request_cannot_be_approved_before_it_is_submitted(keeper_a, head_a, paper_a):
    order = services.count_record(actor=keeper_a, item=paper_a, count=5, counted_on=DAY)
    with pytest.raises(ConflictError):
        services.request_approve(actor=head_a, request=order)


def test_nothing_is_received_without_an_approved_request(keeper_a, paper_a):
    order = services.count_record(actor=keeper_a, item=paper_a, count=5, counted_on=DAY)
    with pytest.raises(ConflictError, match="исключительно по утверждённой заявке"):
        services.request_receive(actor=keeper_a, request=order)
    paper_a.refresh_from_db()
    assert paper_a.count == 5


@pytest.mark.parametrize("who", ["employee_a", "governor", "group_head", "team_leader_b", "head_a"])
def test_counts_are_refused_to_those_who_do_not_keep_the_stock(request, who, paper_a, head_a):
    with pytest.raises(PermissionDenied):
        services.count_record(actor=request.getfixturevalue(who), item=paper_a, count=1)
    paper_a.refresh_from_db()
    assert paper_a.count == 12
    assert not StockCount.objects.exists() and not OrderRequest.objects.exists()


@pytest.mark.parametrize(
    "who", ["keeper_a", "employee_a", "governor", "group_head", "team_leader_b", "head_a"]
)
def test_levels_are_set_by_the_team_only(request, who, place_a, head_a):
    with pytest.raises(PermissionDenied):
        services.item_create(
            actor=request.getfixturevalue(who),
            place=place_a,
            data={"name": "Скрепки", "minimum": 1, "maximum": 5},
        )
    assert not StockItem.objects.exists()


def test_the_team_sets_levels_in_a_grid_and_a_bad_row_saves_nothing(team_member_a, place_a):
    with pytest.raises(ApplicationError) as error:
        services.items_save(
            actor=team_member_a,
            place=place_a,
            rows=[
                {"name": "Скрепки", "unit": "уп.", "minimum": 1, "maximum": 5},
                {"name": "Папки", "unit": "шт.", "minimum": 9, "maximum": 5},
            ],
        )
    assert "1.minimum" in error.value.details
    assert not StockItem.objects.exists()
    saved = services.items_save(
        actor=team_member_a,
        place=place_a,
        rows=[
            {"name": "Скрепки", "unit": "уп.", "minimum": 1, "maximum": 5},
        ],
    )
    assert [i.name for i in saved] == ["Скрепки"]
    # A new item has not been counted yet: nothing is proposed until its first count.
    assert not OrderRequest.objects.exists()
    services.count_record(actor=team_member_a, item=saved[0], count=1)
    assert OrderRequest.objects.get().lines.get().quantity == 4


def test_a_place_in_another_agencys_room_is_refused(team_leader_a, agency_a, room_b):
    with pytest.raises(ApplicationError) as error:
        services.place_create(
            actor=team_leader_a, agency=agency_a, data={"room": room_b, "name": "X"}
        )
    assert "room" in error.value.details


def test_request_numbers_run_per_agency(keeper_a, paper_a, place_a, team_leader_a):
    services.count_record(actor=keeper_a, item=paper_a, count=5, counted_on=DAY)
    other = services.place_create(
        actor=team_leader_a, agency=place_a.agency, data={"room": place_a.room, "name": "Полка"}
    )
    item = services.item_create(
        actor=team_leader_a,
        place=other,
        data={"name": "Тонер", "minimum": 1, "maximum": 3, "count": 1},
        counted_on=DAY,
    )
    assert sorted(OrderRequest.objects.values_list("number", flat=True)) == [1, 2]
    assert item.count == 1


def test_a_proposed_request_is_corrected_before_submission(keeper_a, paper_a):
    order = services.count_record(actor=keeper_a, item=paper_a, count=5, counted_on=DAY)
    line = order.lines.get()
    services.request_update(
        actor=keeper_a, request=order, rows=[{"line": line, "quantity": 10, "note": "Снегурочка"}]
    )
    line.refresh_from_db()
    assert (line.quantity, line.note, line.suggested) == (10, "Снегурочка", 15)
    services.request_submit(actor=keeper_a, request=order)
    with pytest.raises(ConflictError):
        services.request_update(actor=keeper_a, request=order, rows=[{"line": line, "quantity": 1}])


def test_a_request_with_nothing_to_order_is_not_submitted(keeper_a, paper_a):
    order = services.count_record(actor=keeper_a, item=paper_a, count=5, counted_on=DAY)
    services.request_update(
        actor=keeper_a, request=order, rows=[{"line": order.lines.get(), "quantity": 0}]
    )
    with pytest.raises(ApplicationError):
        services.request_submit(actor=keeper_a, request=order)
    order.refresh_from_db()
    assert order.status == RequestStatus.PROPOSED


def test_a_count_above_the_maximum_is_flagged(keeper_a, paper_a):
    services.count_record(actor=keeper_a, item=paper_a, count=21, counted_on=DAY)
    paper_a.refresh_from_db()
    assert paper_a.over_maximum and not paper_a.needs_order
