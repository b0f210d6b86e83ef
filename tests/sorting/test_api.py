import datetime

import pytest

from core import calendar
from sorting.models import ListApproval, RedTag, StorageAdmission, StorageCheck
from tests.sorting.factories import action, decide, make_round, make_tag, reason, unneeded_list


def _payload(agency, **overrides):
    data = {
        "agency": agency.pk,
        "marked_by": "5S-команда",
        "room": "410",
        "workplace_owner": "Орлов О.О.",
        "item_name": "Факс Panasonic",
        "inventory_number": "1101",
        "quantity": 1,
        "reason": reason(1).pk,
        "action": action(3).pk,
        "move_deadline": (calendar.today() + datetime.timedelta(days=1)).isoformat(),
        "responsible_for_moving": "Орлов О.О.",
    }
    data.update(overrides)
    return data


def test_post_creates_a_tag_and_returns_the_server_number(api_client, team_member_a, agency_a):
    client = api_client(team_member_a)
    first = client.post("/api/v1/red-tags/", _payload(agency_a), format="json")
    second = client.post("/api/v1/red-tags/", _payload(agency_a, number=777), format="json")
    assert first.status_code == 201, first.data
    assert (first.data["number"], second.data["number"]) == (1, 2)
    assert first.data["url"].endswith(f"/sorting/tags/{first.data['id']}/")
    assert first.data["is_filled"] is True


def test_post_with_a_round_puts_the_tag_on_the_list(api_client, team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    response = api_client(team_leader_a).post(
        "/api/v1/red-tags/", _payload(agency_a, round=sorting_round.pk), format="json"
    )
    assert response.status_code == 201
    assert response.data["list_line"] is not None


def test_bad_tag_gets_400_with_russian_field_errors(api_client, team_member_a, agency_a):
    response = api_client(team_member_a).post(
        "/api/v1/red-tags/", _payload(agency_a, reason=action(0).pk), format="json"
    )
    assert response.status_code == 400
    assert "причину маркировки" in response.data["errors"]["reason"][0]
    assert not RedTag.objects.exists()


def test_list_detail_update_and_pdf(api_client, team_member_a, agency_a):
    tag = make_tag(team_member_a, agency_a)
    client = api_client(team_member_a)
    listing = client.get("/api/v1/red-tags/")
    assert [row["number"] for row in listing.data["results"]] == [1]
    assert client.get(f"/api/v1/red-tags/{tag.pk}/").data["item_name"] == tag.item_name
    patched = client.patch(f"/api/v1/red-tags/{tag.pk}/", {"room": "222"}, format="json")
    assert patched.status_code == 200 and patched.data["room"] == "222"
    assert patched.data["number"] == 1
    pdf = client.get(f"/api/v1/red-tags/{tag.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_member_of_another_agency_can_neither_read_nor_change_a_tag(
    api_client, team_member_a, agency_a, team_leader_b
):
    tag = make_tag(team_member_a, agency_a)
    client = api_client(team_leader_b)
    assert client.get("/api/v1/red-tags/").data["results"] == []
    assert client.get(f"/api/v1/red-tags/{tag.pk}/").status_code == 404
    assert client.get(f"/api/v1/red-tags/{tag.pk}/pdf/").status_code == 404
    assert (
        client.patch(f"/api/v1/red-tags/{tag.pk}/", {"room": "1"}, format="json").status_code == 404
    )
    tag.refresh_from_db()
    assert tag.room.name == "101"


def test_member_of_another_agency_cannot_create_tags_there(api_client, team_leader_b, agency_a):
    response = api_client(team_leader_b).post(
        "/api/v1/red-tags/", _payload(agency_a), format="json"
    )
    assert response.status_code == 404
    assert not RedTag.objects.exists()


def test_governor_reads_but_cannot_create(api_client, governor, team_member_a, agency_a):
    make_tag(team_member_a, agency_a)
    client = api_client(governor)
    assert len(client.get("/api/v1/red-tags/").data["results"]) == 1
    assert client.post("/api/v1/red-tags/", _payload(agency_a), format="json").status_code == 403


def test_anonymous_and_roleless_are_refused(api_client, no_role):
    # Anonymous: 401 (token authentication asks for credentials); signed in without a role: 403.
    for client, code in ((api_client(), 401), (api_client(no_role), 403)):
        assert client.get("/api/v1/red-tags/").status_code == code
        assert client.get("/api/v1/sorting-figures/").status_code == code


def test_other_members_tag_cannot_be_changed_by_an_employee(
    api_client, team_member_a, employee_a, agency_a
):
    tag = make_tag(team_member_a, agency_a)
    response = api_client(employee_a).patch(
        f"/api/v1/red-tags/{tag.pk}/", {"room": "1"}, format="json"
    )
    assert response.status_code == 403


def test_decision_and_approval_through_the_api(api_client, team_leader_a, team_member_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round)
    line = tag.list_line
    body = {
        "decider_name": "Сидоров С.С.",
        "decider_position": "Начальник отдела",
        "decision": action(2).pk,
        "execute_by": (calendar.today() + datetime.timedelta(days=3)).isoformat(),
    }
    denied = api_client(team_member_a).post(f"/api/v1/sorting-lines/{line.pk}/decision/", body)
    assert denied.status_code == 403
    client = api_client(team_leader_a)
    response = client.post(f"/api/v1/sorting-lines/{line.pk}/decision/", body, format="json")
    assert response.status_code == 200 and response.data["decision"] == action(2).pk
    sorting_list = unneeded_list(sorting_round)
    approval = client.post(
        f"/api/v1/sorting-lists/{sorting_list.pk}/approvals/",
        {
            "role": "materially_responsible",
            "full_name": "Матответов М.М.",
            "position": "Консультант",
            "agreed_on": calendar.today().isoformat(),
        },
        format="json",
    )
    assert approval.status_code == 201
    detail = client.get(f"/api/v1/sorting-lists/{sorting_list.pk}/").data
    assert detail["lines"][0]["decision_text"] == action(2).text
    assert detail["approvals"][0]["full_name"] == "Матответов М.М."
    assert detail["agreed"] is False
    assert client.get(f"/api/v1/sorting-lists/{sorting_list.pk}/xlsx/").status_code == 200
    assert ListApproval.objects.count() == 1


def test_rounds_through_the_api(api_client, team_leader_a, team_member_a, agency_a, team_leader_b):
    body = {"agency": agency_a.pk, "date_from": calendar.today().isoformat(), "rooms": "1-10"}
    assert api_client(team_member_a).post("/api/v1/sorting-rounds/", body).status_code == 403
    response = api_client(team_leader_a).post("/api/v1/sorting-rounds/", body, format="json")
    assert response.status_code == 201
    assert set(response.data["lists"]) == {"unneeded", "rarely_needed"}
    assert api_client(team_leader_b).get("/api/v1/sorting-rounds/").data["results"] == []


def test_storage_zone_through_the_api(api_client, keeper_a, team_leader_a, team_member_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    listed = make_tag(team_member_a, agency_a, sorting_round=sorting_round)
    unlisted = make_tag(team_member_a, agency_a)
    decide(team_leader_a, listed.list_line)
    client = api_client(keeper_a)
    refused = client.post("/api/v1/storage-admissions/", {"red_tag": unlisted.pk}, format="json")
    assert refused.status_code == 400
    assert "нет в списке" in refused.data["detail"]
    assert (
        api_client(team_member_a)
        .post("/api/v1/storage-admissions/", {"red_tag": listed.pk}, format="json")
        .status_code
        == 403
    )
    admitted = client.post("/api/v1/storage-admissions/", {"red_tag": listed.pk}, format="json")
    assert admitted.status_code == 201, admitted.data
    check = client.post(
        "/api/v1/storage-checks/",
        {
            "agency": agency_a.pk,
            "checked_on": calendar.today().isoformat(),
            "entries": [{"admission": admitted.data["id"], "present": True, "matches_list": True}],
        },
        format="json",
    )
    assert check.status_code == 201, check.data
    assert check.data["lines"][0]["present"] is True
    assert StorageCheck.objects.count() == 1


def test_keeper_of_a_cannot_admit_agency_b_items(api_client, keeper_a, team_leader_b, agency_b):
    round_b = make_round(team_leader_b, agency_b)
    tag_b = make_tag(team_leader_b, agency_b, sorting_round=round_b)
    response = api_client(keeper_a).post(
        "/api/v1/storage-admissions/", {"red_tag": tag_b.pk}, format="json"
    )
    assert response.status_code == 404
    assert not StorageAdmission.objects.exists()


def test_figures_endpoint_counts_per_agency(api_client, team_member_a, agency_a, governor):
    make_tag(team_member_a, agency_a)
    rows = api_client(governor).get("/api/v1/sorting-figures/").data
    row = next(r for r in rows if r["agency"] == agency_a.pk)
    assert row == {
        "agency": agency_a.pk,
        "tags_issued": 1,
        "items_moved": 0,
        "decisions_overdue": 0,
        "decisions_missing": 0,
    }


@pytest.mark.parametrize("count", [30])
def test_tag_list_endpoint_takes_a_fixed_number_of_queries(
    api_client, team_member_a, agency_a, django_assert_max_num_queries, count
):
    for index in range(count):
        make_tag(team_member_a, agency_a, item_name=f"П {index}")
    client = api_client(team_member_a)
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/red-tags/").status_code == 200


@pytest.mark.parametrize(
    ("who", "code"), [("team_member_a", 403), ("governor", 403), ("team_leader_b", 404)]
)
def test_approvals_are_refused_to_all_but_the_leader(
    request, api_client, team_leader_a, team_member_a, agency_a, who, code
):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round)
    decide(team_leader_a, tag.list_line)
    response = api_client(request.getfixturevalue(who)).post(
        f"/api/v1/sorting-lists/{unneeded_list(sorting_round).pk}/approvals/",
        {
            "role": "chief_accountant",
            "full_name": "Х",
            "position": "Х",
            "agreed_on": calendar.today().isoformat(),
        },
        format="json",
    )
    assert response.status_code == code
    assert not ListApproval.objects.exists()


@pytest.mark.parametrize(
    ("who", "code"), [("team_member_a", 403), ("governor", 403), ("team_leader_b", 404)]
)
def test_storage_checks_are_refused_to_others(request, api_client, agency_a, keeper_a, who, code):
    response = api_client(request.getfixturevalue(who)).post(
        "/api/v1/storage-checks/",
        {"agency": agency_a.pk, "checked_on": calendar.today().isoformat(), "entries": []},
        format="json",
    )
    assert response.status_code == code
    assert not StorageCheck.objects.exists()


def test_lines_and_lists_of_agency_a_are_hidden_from_agency_b(
    api_client, team_leader_a, team_member_a, agency_a, team_leader_b
):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round)
    client = api_client(team_leader_b)
    assert client.get(f"/api/v1/sorting-lines/{tag.list_line.pk}/").status_code == 404
    assert (
        client.get(f"/api/v1/sorting-lists/{unneeded_list(sorting_round).pk}/").status_code == 404
    )
    assert client.get("/api/v1/storage-admissions/").data["results"] == []
    assert (
        client.post(
            f"/api/v1/sorting-lines/{tag.list_line.pk}/decision/", {}, format="json"
        ).status_code
        == 404
    )


def test_marked_by_defaults_to_the_marker(api_client, team_member_a, agency_a):
    body = _payload(agency_a)
    del body["marked_by"]
    response = api_client(team_member_a).post("/api/v1/red-tags/", body, format="json")
    assert response.status_code == 201
    assert response.data["marked_by"] == "Членова Мария Ивановна"


def test_tag_cannot_join_another_agencys_round(
    api_client, team_member_a, agency_a, team_leader_b, agency_b
):
    round_b = make_round(team_leader_b, agency_b)
    response = api_client(team_member_a).post(
        "/api/v1/red-tags/", _payload(agency_a, round=round_b.pk), format="json"
    )
    assert response.status_code == 400
    assert not RedTag.objects.exists()


def test_list_endpoints_take_a_fixed_number_of_queries(
    api_client, team_leader_a, team_member_a, keeper_a, agency_a, django_assert_max_num_queries
):
    for _ in range(3):
        sorting_round = make_round(team_leader_a, agency_a)
        for index in range(5):
            tag = make_tag(
                team_member_a, agency_a, sorting_round=sorting_round, item_name=f"П {index}"
            )
            decide(team_leader_a, tag.list_line)
            admission = services_admit(keeper_a, tag)
    from sorting.models import StorageAdmission
    from sorting.services import storage_check_record

    for _ in range(2):
        storage_check_record(
            actor=keeper_a,
            agency=agency_a,
            checked_on=calendar.today(),
            entries=[
                {"admission": pk, "present": True, "matches_list": True}
                for pk in StorageAdmission.objects.values_list("pk", flat=True)
            ],
        )
    client = api_client(team_leader_a)
    for url in (
        "/api/v1/sorting-rounds/",
        "/api/v1/sorting-lists/",
        "/api/v1/storage-admissions/",
        "/api/v1/storage-checks/",
        "/api/v1/sorting-figures/",
        f"/api/v1/sorting-lines/{admission.red_tag.list_line.pk}/",
    ):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200, url


def services_admit(keeper, tag):
    from sorting.services import storage_admit

    return storage_admit(actor=keeper, tag=tag)
