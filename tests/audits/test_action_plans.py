"""Corrective-action plans (Appendix 30, §9.3)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audits import selectors, services
from audits.choices import PlanStatus
from audits.models import CorrectiveAction, CorrectiveActionPlan
from core.exceptions import ApplicationError
from core.roles import Role
from tests.agencies.factories import PersonFactory, UserFactory
from tests.audits.conftest import fill, plan_grid


@pytest.fixture
def signed(audit, group_head, auditor, auditor2, auditor3):
    fill(audit, auditor, {}, notes={"1.1": "Коробки в коридоре", "2.3": "Нет маркировки полок"})
    fill(audit, auditor2, {}, notes={"1.1": "Коробки у лифта"})
    fill(audit, auditor3, {})
    services.final_sheet_finalise(actor=group_head, audit=audit)
    audit.refresh_from_db()
    return audit


@pytest.fixture
def agency_head(agency_a):
    user = UserFactory(username="head_a", roles=[Role.EMPLOYEE], email="head@example.org")
    person = PersonFactory(agency=agency_a, user=user, full_name="Руководов Роман Романович")
    agency_a.head = person
    agency_a.save()
    return user


def _complete(plan, leader):
    rows = [
        {
            "id": action.pk,
            "cause": "Нет места хранения",
            "action": "Определить место хранения",
            "planned_date": datetime.date(2026, 3, 20),
            "executor": "Иванов И. И.",
        }
        for action in plan.actions.all()
    ]
    services.plan_save(actor=leader, plan=plan, rows=rows)


def test_the_plan_is_drafted_from_the_final_sheets_remarks(signed, team_leader_a):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    rows = list(plan.actions.order_by("step", "number"))
    assert [(r.step, r.number, r.criterion_code) for r in rows] == [(1, 1, "1.1"), (2, 1, "2.3")]
    assert rows[0].remark == "Коробки в коридоре\nКоробки у лифта"


def test_no_plan_before_signing_nor_twice(audit, signed, team_leader_a):
    services.plan_create(actor=team_leader_a, audit=signed)
    with pytest.raises(ApplicationError, match="уже создан"):
        services.plan_create(actor=team_leader_a, audit=signed)


@pytest.mark.parametrize(
    "who", ["team_member_a", "employee_a", "team_leader_b", "auditor", "group_head"]
)
def test_only_the_agencys_team_leader_drafts_the_plan(signed, request, who):
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=request.getfixturevalue(who), audit=signed)
    assert not CorrectiveActionPlan.objects.exists()


def test_an_incomplete_plan_cannot_be_approved(signed, team_leader_a, agency_head):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    with pytest.raises(ApplicationError, match=r"1\.1, 2\.1"):
        services.plan_approve(actor=agency_head, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_the_agency_head_approves_and_the_copy_is_due_in_three_working_days(
    signed,
    team_leader_a,
    agency_head,
    team_leader_b,
    django_capture_on_commit_callbacks,
    group_head,
):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    _complete(plan, team_leader_a)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=team_leader_a, plan=plan)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=team_leader_b, plan=plan)
    services.plan_approve(actor=agency_head, plan=plan, approved_on=datetime.date(2026, 3, 5))
    plan.refresh_from_db()
    assert plan.is_approved and not plan.approved_on_behalf
    assert plan.approver.full_name == "Руководов Роман Романович"
    # Thursday 5 March + 3 working days: 6, (9 March off), 10, 11
    assert plan.copy_due == datetime.date(2026, 3, 11)
    group_head.email = "wg@example.org"
    group_head.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_send_copy(actor=team_leader_a, plan=plan)
    assert [m.to for m in mail.outbox] == [["wg@example.org"]]
    plan.refresh_from_db()
    assert plan.copy_sent_at is not None


def test_an_administrator_records_the_approval_on_the_heads_behalf(
    signed, team_leader_a, administrator, agency_head
):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    _complete(plan, team_leader_a)
    services.plan_approve(actor=administrator, plan=plan)
    plan.refresh_from_db()
    assert plan.approved_on_behalf and plan.approved_by == administrator
    assert plan.approver.user == agency_head


def test_after_approval_only_actual_dates_change(signed, team_leader_a, agency_head, today):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    _complete(plan, team_leader_a)
    services.plan_approve(actor=agency_head, plan=plan)
    action = plan.actions.first()
    with pytest.raises(ApplicationError):
        services.plan_save(
            actor=team_leader_a, plan=plan, rows=[{"id": action.pk, "action": "Другое"}]
        )
    services.plan_save(
        actor=team_leader_a,
        plan=plan,
        rows=[{"id": action.pk, "actual_date": datetime.date(2026, 3, 2)}],
    )
    action.refresh_from_db()
    assert action.actual_date == datetime.date(2026, 3, 2) and not action.is_open


def test_overdue_actions_are_flagged_and_the_next_audit_shows_open_ones(
    signed,
    team_leader_a,
    agency_head,
    plan_audit,
    agency_a,
    auditor,
    auditor2,
    auditor3,
    today,
    monkeypatch,
    login,
    group_head,
):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    _complete(plan, team_leader_a)
    services.plan_approve(actor=agency_head, plan=plan)
    from core import calendar

    monkeypatch.setattr(calendar, "today", lambda: datetime.date(2026, 3, 23))
    action = plan.actions.first()
    assert action.is_overdue
    assert plan.copy_overdue
    next_audit = plan_audit(agency_a, [auditor, auditor2, auditor3], date=datetime.date(2026, 4, 1))
    assert set(selectors.open_actions(agency_id=agency_a.pk, before=next_audit.date)) == set(
        plan.actions.all()
    )
    page = login(group_head).get(next_audit.get_absolute_url()).content.decode()
    assert "Определить место хранения" in page and "просрочено" in page
    home = login(team_leader_a).get("/").content.decode()
    assert "просрочено" in home and "Направить копию плана рабочей группе" in home


def test_plan_pages_per_role(
    signed, team_leader_a, team_member_a, employee_a, team_leader_b, governor, auditor, login
):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    url = plan.get_absolute_url()
    for user in (team_leader_a, team_member_a, employee_a):
        assert login(user).get(url).status_code == 200
    for user in (team_leader_b, governor, auditor):  # a draft stays in the agency
        assert login(user).get(url).status_code == 404
    plan.status = "approved"
    plan.save()
    for user in (governor, auditor):
        assert login(user).get(url).status_code == 200
    assert login(team_member_a).post(url, plan_grid(plan)).status_code == 403


@pytest.mark.django_db(transaction=True)  # the page's write path, committed (PostgreSQL too)
def test_the_leader_edits_rows_in_the_page_and_adds_one(signed, team_leader_a, login):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    first = plan.actions.order_by("step", "number").first()
    response = login(team_leader_a).post(
        plan.get_absolute_url(),
        plan_grid(
            plan,
            {
                0: {
                    "cause": "Причина",
                    "action": "Убрать коробки",
                    "planned_date": "2026-03-20",
                    "executor": "Петров П. П.",
                }
            },
            new={"step": "3", "remark": "Пыль на шкафах", "action": "Уборка"},
        ),
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.action, first.planned_date) == ("Убрать коробки", datetime.date(2026, 3, 20))
    assert CorrectiveAction.objects.filter(
        plan=plan, step=3, number=1, remark="Пыль на шкафах"
    ).exists()


def _row_html(page, counter):
    """The HTML of the grid's row `counter` (1-based) and of its error row above it."""
    html = page.content.decode()
    start = html.index(f'data-testid="plan-row-{counter}"')
    start = html.rfind("<tr", 0, start)
    errors = html.rfind(f'data-testid="plan-row-errors-{counter}"', 0, start)
    if errors != -1:
        start = html.rfind("<tr", 0, errors)
    return html[start : html.index("</tr>", html.index(f'data-testid="plan-row-{counter}"'))]


def test_a_bad_date_is_named_at_its_row_nothing_is_saved_and_the_typing_stays(
    signed, team_leader_a, login
):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    before = list(plan.actions.order_by("pk").values())
    response = login(team_leader_a).post(
        plan.get_absolute_url(),
        plan_grid(
            plan,
            {
                0: {"cause": "Нет места хранения", "executor": "Петров П. П."},
                1: {"cause": "Полки без табличек", "planned_date": "2026-02-30"},
            },
            new={"remark": "Пыль на шкафах", "action": "Уборка"},
        ),
    )
    assert response.status_code == 200
    second = _row_html(response, 2)
    assert "Неверная дата." in second and "has-error" in second
    assert 'value="2026-02-30"' in second and "Полки без табличек" in second
    first = _row_html(response, 1)
    assert "Неверная дата." not in first and "field-error" not in first
    assert "Нет места хранения" in first and 'value="Петров П. П."' in first
    assert "Пыль на шкафах" in _row_html(response, 3)
    assert "План мероприятий не сохранён." in response.content.decode()
    assert list(plan.actions.order_by("pk").values()) == before


def test_an_implausible_date_and_a_missing_remark_are_named_beside_their_cells(
    signed, team_leader_a, login
):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    before = list(plan.actions.order_by("pk").values())
    response = login(team_leader_a).post(
        plan.get_absolute_url(),
        plan_grid(
            plan,
            {0: {"planned_date": "2040-01-01"}, 1: {"remark": ""}},
            new={"cause": "Без замечания"},
        ),
    )
    assert response.status_code == 200
    assert "Дата не может быть позже чем через 2 года" in _row_html(response, 1)
    assert "Укажите содержание замечания." in _row_html(response, 2)
    assert "Укажите содержание замечания." in _row_html(response, 3)
    assert list(plan.actions.order_by("pk").values()) == before


def test_a_rule_of_the_service_is_named_at_its_row(signed, team_leader_a, login, agency_head):
    """After approval only actual dates change; a future actual date is refused by the row's
    own check, beside its cell, and nothing is saved."""
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    _complete(plan, team_leader_a)
    services.plan_approve(actor=agency_head, plan=plan)
    plan.refresh_from_db()
    response = login(team_leader_a).post(
        plan.get_absolute_url(), plan_grid(plan, {1: {"actual_date": "2026-03-10"}})
    )
    assert response.status_code == 200
    assert "Дата не может быть позже сегодняшней." in _row_html(response, 2)
    assert not plan.actions.exclude(actual_date=None).exists()
    response = login(team_leader_a).post(
        plan.get_absolute_url(), plan_grid(plan, {1: {"actual_date": "2026-03-02"}})
    )
    assert response.status_code == 302
    assert list(plan.actions.exclude(actual_date=None).values_list("actual_date", flat=True)) == [
        datetime.date(2026, 3, 2)
    ]


def test_rows_changed_meanwhile_refuse_the_grid(signed, team_leader_a, login):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    data = plan_grid(plan, {0: {"cause": "Причина"}})
    plan.actions.order_by("pk").last().delete()
    response = login(team_leader_a).post(plan.get_absolute_url(), data)
    assert response.status_code == 200
    assert "Строки плана изменились" in response.content.decode()
    assert not plan.actions.filter(cause="Причина").exists()


def test_the_api_creates_approves_and_lists_plans(
    signed, team_leader_a, agency_head, api_client, team_leader_b
):
    response = api_client(team_leader_a).post(f"/api/v1/audits/{signed.pk}/action-plan/")
    assert response.status_code == 201
    plan_id = response.json()["id"]
    rows = [
        {
            "id": a["id"],
            "cause": "Причина",
            "action": "Мероприятие",
            "planned_date": "2026-03-20",
            "executor": "Иванов",
        }
        for a in response.json()["actions"]
    ]
    response = api_client(team_leader_a).put(
        f"/api/v1/action-plans/{plan_id}/", {"rows": rows}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert api_client(team_leader_b).get(f"/api/v1/action-plans/{plan_id}/").status_code == 404
    response = api_client(agency_head).post(f"/api/v1/action-plans/{plan_id}/approve/")
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_the_plan_list_takes_a_fixed_number_of_queries(
    signed,
    team_leader_a,
    login,
    django_assert_max_num_queries,
    plan_audit,
    agency_a,
    auditor,
    auditor2,
    auditor3,
    group_head,
):
    services.plan_create(actor=team_leader_a, audit=signed)
    _plans(
        4,
        leader=team_leader_a,
        agency=agency_a,
        plan_audit=plan_audit,
        auditors=[auditor, auditor2, auditor3],
        group_head=group_head,
    )
    client = login(team_leader_a)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("audits:list"))
    assert len(re.findall(r'href="/audits/action-plans/\d+/"', response.content.decode())) == 5
    with django_assert_max_num_queries(12):
        response = client.get(reverse("audits:plan-list"))
    assert len(re.findall(r'href="/audits/action-plans/\d+/"', response.content.decode())) == 5


def _plans(count, *, leader, agency, plan_audit, auditors, group_head):
    for _index in range(count):
        audit = plan_audit(agency, auditors)
        for user in auditors:
            fill(audit, user, {}, notes={"1.2": "Замечание"})
        services.final_sheet_finalise(actor=group_head, audit=audit)
        services.plan_create(actor=leader, audit=audit)


def test_the_plan_list_page_is_paged_filtered_and_scoped(
    team_leader_a,
    team_leader_b,
    login,
    plan_audit,
    agency_a,
    agency_b,
    auditor,
    auditor2,
    auditor3,
    group_head,
    monkeypatch,
):
    auditors = [auditor, auditor2, auditor3]
    _plans(
        3,
        leader=team_leader_a,
        agency=agency_a,
        plan_audit=plan_audit,
        auditors=auditors,
        group_head=group_head,
    )
    _plans(
        1,
        leader=team_leader_b,
        agency=agency_b,
        plan_audit=plan_audit,
        auditors=auditors,
        group_head=group_head,
    )
    monkeypatch.setattr("audits.views.PAGE_SIZE", 2)
    monkeypatch.setattr("audits.views.PLANS_ON_AUDIT_LIST", 2)
    plan_link = re.compile(r'href="/audits/action-plans/(\d+)/"')

    head = login(group_head)
    first = head.get("/audits/action-plans/").content.decode()
    second = head.get("/audits/action-plans/?page=2").content.decode()
    assert len(plan_link.findall(first)) == 2 and len(plan_link.findall(second)) == 2
    assert "Страница 1 из 2" in first
    assert 'data-testid="all-plans"' in head.get("/audits/").content.decode()
    only_b = head.get(f"/audits/action-plans/?agency={agency_b.pk}&status=draft").content.decode()
    assert plan_link.findall(only_b) == [
        str(CorrectiveActionPlan.objects.get(audit__agency=agency_b).pk)
    ]
    assert (
        plan_link.findall(head.get("/audits/action-plans/?status=approved").content.decode()) == []
    )

    # Drafts stay with their agency: the leader of B sees B's plan only.
    seen_by_b = plan_link.findall(
        login(team_leader_b).get("/audits/action-plans/").content.decode()
    )
    assert seen_by_b == [str(CorrectiveActionPlan.objects.get(audit__agency=agency_b).pk)]


@pytest.mark.parametrize("path", ["/audits/", "/audits/action-plans/"])
def test_a_malformed_list_filter_is_shown_as_an_error_not_a_server_error(path, login, group_head):
    response = login(group_head).get(path, {"agency": "abc", "status": "zzz"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="field-error"') == 2
    assert "Выберите корректный вариант" in html


@pytest.mark.parametrize(
    "path",
    ["/api/v1/audits/", "/api/v1/action-plans/", "/api/v1/internal-audits/", "/api/v1/photos/"],
)
def test_a_malformed_api_filter_is_a_400_naming_the_parameter(path, api_client, group_head):
    response = api_client(group_head).get(path, {"agency": "abc"})
    assert response.status_code == 400
    body = response.json()
    # The lists filtered in their selector answer the portal's {"detail", "errors"}; the
    # others DRF's {field: [...]} (both shapes of ../shared/API.md).
    assert "agency" in body.get("errors", body)


def test_the_api_lists_the_open_actions_the_next_audit_checks(
    signed,
    team_leader_a,
    agency_head,
    plan_audit,
    agency_a,
    auditor,
    auditor2,
    auditor3,
    api_client,
    group_head,
    team_leader_b,
):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    _complete(plan, team_leader_a)
    services.plan_approve(actor=agency_head, plan=plan)
    next_audit = plan_audit(agency_a, [auditor, auditor2, auditor3], date=datetime.date(2026, 4, 1))
    body = api_client(group_head).get(f"/api/v1/audits/{next_audit.pk}/open-actions/").json()
    assert [row["criterion_code"] for row in body] == ["1.1", "2.3"]
    # The agency's leader opens its planned audit (§5.5, issue 17 item 12): the open actions
    # are the agency's own plan; another agency's leader gets 404.
    leader = api_client(team_leader_a).get(f"/api/v1/audits/{next_audit.pk}/open-actions/")
    assert [row["criterion_code"] for row in leader.json()] == ["1.1", "2.3"]
    assert (
        api_client(team_leader_b).get(f"/api/v1/audits/{next_audit.pk}/open-actions/").status_code
        == 404
    )


def test_the_plan_list_needs_a_sign_in_and_a_role(client, login, no_role, employee_a):
    assert client.get("/audits/action-plans/").status_code == 302
    assert login(no_role).get("/audits/action-plans/").status_code == 403
    assert login(employee_a).get("/audits/action-plans/").status_code == 200
