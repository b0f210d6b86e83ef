"""HTML pages: who may open what (allowed and denied per role), forms and query counts."""

import pytest
from django.urls import reverse

from audits.models import Audit, Decision, Score
from core import evidence
from tests.audits.conftest import AUDIT_DATE, fill, sheet_of


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("audits:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_user_without_a_role_is_refused(login, no_role):
    assert login(no_role).get(reverse("audits:list")).status_code == 403


def test_the_head_plans_an_audit_through_the_form(
    login, group_head, checklist, today, agency_a, auditor, auditor2, auditor3
):
    client = login(group_head)
    assert client.get(reverse("audits:plan-audit")).status_code == 200
    response = client.post(
        reverse("audits:plan-audit"),
        {
            "agency": agency_a.pk,
            "date": AUDIT_DATE.isoformat(),
            "auditors": [auditor.person.pk, auditor2.person.pk, auditor3.person.pk],
            "completed_steps": ["1", "2"],
        },
    )
    audit = Audit.objects.get()
    assert response.status_code == 302 and response["Location"] == audit.get_absolute_url()


def test_the_plan_form_shows_the_rule_when_refused(
    login, group_head, checklist, today, agency_a, auditor
):
    response = login(group_head).post(
        reverse("audits:plan-audit"),
        {"agency": agency_a.pk, "date": AUDIT_DATE.isoformat(), "auditors": [auditor.person.pk]},
    )
    assert response.status_code == 200
    assert "не менее чем из 3" in response.content.decode()
    assert not Audit.objects.exists()


@pytest.mark.parametrize("who", ["auditor", "team_leader_a", "governor", "employee_a"])
def test_others_cannot_plan(login, request, who, checklist):
    assert login(request.getfixturevalue(who)).get(reverse("audits:plan-audit")).status_code == 403


def test_the_sheet_form_shows_the_descriptors_and_why_criteria_are_not_scored(
    login, audit, auditor
):
    response = login(auditor).get(reverse("audits:sheet", args=[audit.pk, auditor.person.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "- список «ненужных» предметов составлен" in text
    assert 'name="score-1.1"' in text and 'name="score-3.1"' not in text
    assert "Не оценивается: шаг не завершён." in text
    assert "Не оценивается: не отвечает за места общего пользования." in text


def test_the_auditor_saves_a_draft_and_submits_through_the_form(login, audit, auditor, request):
    client = login(auditor)
    url = reverse("audits:sheet", args=[audit.pk, auditor.person.pk])
    data = {"score-1.1": "4", "note-1.1": "Коробки в коридоре"}
    assert client.post(url, data).status_code == 302
    assert Score.objects.get(criterion__code="1.1").note == "Коробки в коридоре"
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 200  # re-rendered with the missing criteria
    assert "не выставлены оценки" in response.content.decode()
    full = {f"score-{c}": "4" for c in ["1.1", "1.2", "1.3", *[f"2.{i}" for i in range(1, 7)]]}
    response = client.post(url, {**full, "submit": "1"})
    assert response.status_code == 200  # before the audit's day: refused (L601)
    assert "сдаётся в день аудита или позже" in response.content.decode()
    assert not sheet_of(audit, auditor).is_submitted
    request.getfixturevalue("audit_day")
    response = client.post(url, {**full, "submit": "1"})
    assert response.status_code == 302
    assert sheet_of(audit, auditor).is_submitted


def test_a_bad_score_in_the_form_is_refused_and_nothing_saved(login, audit, auditor):
    url = reverse("audits:sheet", args=[audit.pk, auditor.person.pk])
    response = login(auditor).post(url, {"score-1.1": "9"})
    assert response.status_code == 200
    assert "от 1 до 5" in response.content.decode()
    assert not Score.objects.exists()


def test_a_foreign_auditors_sheet_is_closed(login, audit, auditor, auditor2):
    url = reverse("audits:sheet", args=[audit.pk, auditor2.person.pk])
    client = login(auditor)
    assert client.get(url).status_code == 403
    assert client.post(url, {"score-1.1": "4"}).status_code == 403
    assert (
        client.get(reverse("audits:sheet-xlsx", args=[audit.pk, auditor2.person.pk])).status_code
        == 403
    )
    assert not Score.objects.exists()


# The agency's own 5S-team leader opens its planned audit (§5.5, issue 17 item 12), not its
# final sheet: tests/audits/test_dead_ends.py.
@pytest.mark.parametrize("who", ["team_member_a", "governor", "team_leader_b"])
def test_an_unsigned_audit_is_hidden_from_agencies_and_the_governor(login, audit, request, who):
    client = login(request.getfixturevalue(who))
    assert client.get(audit.get_absolute_url()).status_code == 404
    assert client.get(reverse("audits:final", args=[audit.pk])).status_code == 404


def test_the_head_resolves_a_divergence_and_finalises_through_the_pages(
    login, audit, group_head, auditor, auditor2, auditor3
):
    fill(audit, auditor, {"1.1": 2})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 5})
    client = login(group_head)
    page = client.get(reverse("audits:final", args=[audit.pk])).content.decode()
    assert 'data-testid="divergent-1.1"' in page
    client.post(reverse("audits:finalise", args=[audit.pk]))
    audit.refresh_from_db()
    assert not audit.is_finalised
    client.post(
        reverse("audits:decision", args=[audit.pk]),
        {
            "criterion": "1.1",
            f"vote-{auditor.person.pk}": "4",
            f"vote-{auditor2.person.pk}": "4",
            f"vote-{auditor3.person.pk}": "5",
        },
    )
    assert Decision.objects.get().score == 4
    client.post(reverse("audits:finalise", args=[audit.pk]))
    audit.refresh_from_db()
    assert audit.is_finalised


def test_after_signing_the_team_leader_and_auditors_read_the_final_sheet(
    login,
    audit,
    group_head,
    auditor,
    auditor2,
    auditor3,
    team_leader_a,
    team_member_a,
    employee_a,
    team_leader_b,
    governor,
):
    from audits import services

    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {})
    services.final_sheet_finalise(actor=group_head, audit=audit)
    url = reverse("audits:final", args=[audit.pk])
    for user in (team_leader_a, team_member_a, employee_a, auditor, governor):
        assert login(user).get(url).status_code == 200, user
    assert login(team_leader_b).get(url).status_code == 404
    # an auditor still cannot open a colleague's individual sheet
    assert (
        login(auditor).get(reverse("audits:sheet", args=[audit.pk, auditor2.person.pk])).status_code
        == 403
    )


def test_the_audit_list_takes_a_fixed_number_of_queries(
    login,
    plan_audit,
    agency_a,
    agency_b,
    auditor,
    auditor2,
    auditor3,
    group_head,
    django_assert_max_num_queries,
):
    for _index in range(5):
        plan_audit(agency_a, [auditor, auditor2, auditor3])
        plan_audit(agency_b, [auditor, auditor2, auditor3])
    client = login(group_head)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("audits:list"))
    assert response.status_code == 200
    assert response.content.decode().count("/audits/") >= 10


def test_the_home_page_shows_the_auditors_draft_with_its_due_date(login, audit, auditor):
    text = login(auditor).get("/").content.decode()
    assert "Мои оценочные листы" in text
    assert reverse("audits:sheet", args=[audit.pk, auditor.person.pk]) in text


def test_the_home_page_shows_the_head_what_to_finalise(login, audit, group_head):
    text = login(group_head).get("/").content.decode()
    assert reverse("audits:final", args=[audit.pk]) in text
    assert "12.03.2026" in text  # the copy of the final sheet is due 5 working days after


def test_the_audit_pages_switch_to_english(login, audit, group_head):
    client = login(group_head)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    text = client.get(reverse("audits:list")).content.decode()
    assert "External audits" in text and "Plan an audit" in text
    text = client.get(reverse("audits:final", args=[audit.pk])).content.decode()
    assert "Final score sheet of the workspace" in text


def test_the_sheet_and_final_sheet_pages_take_a_fixed_number_of_queries(
    login,
    plan_audit,
    agency_a,
    auditor,
    auditor2,
    auditor3,
    group_head,
    django_assert_max_num_queries,
):
    agency_a.responsible_for_common_areas = True
    agency_a.save()
    small = plan_audit(agency_a, [auditor, auditor2, auditor3], steps=[1])
    big = plan_audit(agency_a, [auditor, auditor2, auditor3], steps=[1, 2, 3, 4, 5])
    for audit in (small, big):
        for user in (auditor, auditor2, auditor3):
            fill(audit, user, {}, notes={"1.1": "Замечание"})
    client = login(auditor)
    head = login(group_head)
    # The sheet shows the agency's evidence per criterion (core.evidence): one query for the
    # criteria and one per registered record kind, however many records (issue 16, item 3).
    evidence_queries = 1 + len(evidence.registered_kinds())
    for audit in (small, big):
        with django_assert_max_num_queries(16 + evidence_queries):
            assert (
                client.get(reverse("audits:sheet", args=[audit.pk, auditor.person.pk])).status_code
                == 200
            )
        with django_assert_max_num_queries(20):
            assert head.get(reverse("audits:final", args=[audit.pk])).status_code == 200


def test_the_audit_list_filters_by_agency(
    login, plan_audit, agency_a, agency_b, auditor, auditor2, auditor3, group_head
):
    plan_audit(agency_a, [auditor, auditor2, auditor3])
    other = plan_audit(agency_b, [auditor, auditor2, auditor3])
    text = login(group_head).get(reverse("audits:list"), {"agency": agency_b.pk}).content.decode()
    assert other.get_absolute_url() in text
    assert text.count('href="/audits/') - text.count('href="/audits/plan') >= 1
    assert "Департамент А</td>" not in text


def test_the_home_panels_take_a_fixed_number_of_queries(
    login,
    plan_audit,
    agency_a,
    agency_b,
    auditor,
    auditor2,
    auditor3,
    group_head,
    team_leader_a,
    django_assert_max_num_queries,
):
    from audits import services

    for index in range(4):
        audit = plan_audit(agency_a, [auditor, auditor2, auditor3])
        plan_audit(agency_b, [auditor, auditor2, auditor3])
        if index < 3:
            for user in (auditor, auditor2, auditor3):
                fill(audit, user, {}, notes={"1.1": "Замечание"})
            services.final_sheet_finalise(actor=group_head, audit=audit)
    # Every app adds its panels (about 20 for a team leader since steps 2–4, the indicators and
    # the board), each one or two queries: the count is bounded and, what matters, does not
    # grow with the audits (checked below).
    for user in (auditor, group_head, team_leader_a):
        client = login(user)
        with django_assert_max_num_queries(60):
            assert client.get("/").status_code == 200
    before = {user: _home_queries(login, user) for user in (auditor, group_head, team_leader_a)}
    for _index in range(3):
        audit = plan_audit(agency_a, [auditor, auditor2, auditor3])
        for user in (auditor, auditor2, auditor3):
            fill(audit, user, {}, notes={"1.1": "Ещё замечание"})
        services.final_sheet_finalise(actor=group_head, audit=audit)
    after = {user: _home_queries(login, user) for user in (auditor, group_head, team_leader_a)}
    assert after == before


def _home_queries(login, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(user)
    with CaptureQueriesContext(connection) as context:
        assert client.get("/").status_code == 200
    return len(context.captured_queries)


def test_the_audit_list_is_paginated_and_keeps_the_filter_in_the_page_links(
    login, plan_audit, agency_a, auditor, auditor2, auditor3, group_head, monkeypatch
):
    monkeypatch.setattr("audits.views.PAGE_SIZE", 2)
    audits = [plan_audit(agency_a, [auditor, auditor2, auditor3]) for _index in range(3)]
    client = login(group_head)
    first = client.get(reverse("audits:list"), {"agency": agency_a.pk}).content.decode()
    assert "Страница 1 из 2" in first
    assert f"agency={agency_a.pk}&amp;page=2" in first
    second = client.get(reverse("audits:list"), {"agency": agency_a.pk, "page": 2}).content.decode()
    shown = [a for a in audits if a.get_absolute_url() + '"' in first + second]
    assert len(shown) == 3
    assert "Страница 2 из 2" in second
