"""A complete audit trail (issue 13, item 4): every score, note, decision and vote change is
recorded with who and when (bulk saves included); re-recording a decision keeps the earlier
votes in the history; the final sheet shows the group head and administrators who changed
which score before signing; a record's history is shown only to those who may see the
record (admin history pages)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from audits import selectors, services
from audits.models import Decision, Score, Vote
from tests.audits.conftest import fill, sheet_of

pytestmark = pytest.mark.django_db


def _divergent(audit, auditor, auditor2, auditor3):
    fill(audit, auditor, {"1.1": 2})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 5})


def test_every_save_of_a_score_and_note_is_recorded_with_who_and_when(audit, auditor):
    sheet = sheet_of(audit, auditor)
    fill(audit, auditor, {"1.1": 3}, submit=False)
    fill(audit, auditor, {"1.1": 2}, notes={"1.1": "Папки на подоконнике"}, submit=False)

    score = Score.objects.get(sheet=sheet, criterion__code="1.1")
    records = list(score.history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.score, r.note) for r in records] == [
        ("+", 3, ""),
        ("~", 2, "Папки на подоконнике"),
    ]
    assert {r.history_user for r in records} == {auditor}
    # An unchanged criterion is not written again: one record each.
    other = Score.objects.get(sheet=sheet, criterion__code="1.2")
    assert other.history.count() == 1


def test_re_recording_a_decision_keeps_the_earlier_votes_in_the_history(
    audit, group_head, auditor, auditor2, auditor3
):
    _divergent(audit, auditor, auditor2, auditor3)
    first = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 5}
    second = {auditor.person.pk: 5, auditor2.person.pk: 5, auditor3.person.pk: 5}
    services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=first)
    decision = services.decision_record(
        actor=group_head, audit=audit, criterion_code="1.1", votes=second
    )

    assert dict(decision.votes.values_list("person_id", "score")) == second
    assert [r.score for r in decision.history.order_by("history_date", "history_id")] == [4, 5]
    earlier = Vote.history.filter(decision_id=decision.pk, history_type="+").order_by(
        "history_date", "history_id"
    )
    assert sorted(r.score for r in earlier[:3]) == [4, 4, 5]
    removed = Vote.history.filter(decision_id=decision.pk, history_type="-")
    assert sorted(removed.values_list("person_id", "score")) == sorted(first.items())
    assert {r.history_user for r in earlier} == {group_head}


def test_the_change_log_shows_who_changed_which_score_and_each_decision(
    audit, group_head, administrator, auditor, auditor2, auditor3
):
    _divergent(audit, auditor, auditor2, auditor3)
    # The administrator corrects auditor2's submitted sheet on their behalf: 4 → 3 on 1.2.
    sheet = sheet_of(audit, auditor2)
    Score.objects.filter(sheet=sheet, criterion__code="1.2").update(score=4)  # no history
    row = Score.objects.get(sheet=sheet, criterion__code="1.2")
    row.score, row._history_user = 3, administrator
    row.save()
    votes = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 5}
    services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=votes)

    changes = selectors.score_changes(user=group_head, audit=audit)

    assert [(c.code, c.sheet_of, c.before, c.after, c.decision) for c in changes] == [
        ("1.2", auditor2.person.full_name, 4, 3, False),
        ("1.1", "", None, 4, True),
    ]
    assert changes[0].changed_by == administrator.username
    assert changes[1].changed_by == group_head.person.full_name
    # Auditors entering their own scores are not «changes».
    assert all(c.code != "1.1" or c.decision for c in changes)


@pytest.mark.parametrize("who", ["auditor", "governor", "team_leader_a"])
def test_only_the_head_and_administrators_get_the_change_log(request, who, audit):
    assert selectors.score_changes(user=request.getfixturevalue(who), audit=audit) is None


def test_the_final_sheet_page_shows_the_change_log_to_the_head_and_administrators_only(
    audit, group_head, administrator, auditor, auditor2, auditor3, login
):
    _divergent(audit, auditor, auditor2, auditor3)
    votes = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 5}
    services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=votes)
    url = reverse("audits:final", args=[audit.pk])

    for user in (group_head, administrator):
        page = login(user).get(url)
        assert page.status_code == 200
        body = page.content.decode()
        assert 'data-testid="score-changes"' in body
        assert "Изменения оценок до подписания" in body
        assert group_head.person.full_name in body

    services.final_sheet_finalise(actor=group_head, audit=audit)
    page = login(auditor).get(url)  # a signed sheet: the auditors may read it, not its log
    assert page.status_code == 200
    assert 'data-testid="score-changes"' not in page.content.decode()


def test_the_change_log_reads_in_a_fixed_number_of_queries(
    audit, group_head, auditor, auditor2, auditor3, django_assert_max_num_queries
):
    _divergent(audit, auditor, auditor2, auditor3)
    for code, value in (("1.2", 3), ("1.3", 2), ("2.1", 3), ("2.2", 2)):
        row = Score.objects.get(sheet=sheet_of(audit, auditor3), criterion__code=code)
        row.score, row._history_user = value, group_head
        row.save()
    with django_assert_max_num_queries(5):
        changes = selectors.score_changes(user=group_head, audit=audit)
    assert len(changes) == 4


# --- the admin shows a record's history only to those who may see the record ------------------


def _staff(user):
    user.is_staff = True
    user.save()
    return user


def test_an_auditor_cannot_open_the_history_of_another_auditors_sheet_in_the_admin(
    audit, auditor, auditor2, group_head, login
):
    fill(audit, auditor2, {"1.1": 2}, submit=False)
    other = sheet_of(audit, auditor2)
    own = sheet_of(audit, auditor)
    history = "admin:audits_scoresheet_history"
    client = login(_staff(auditor))
    assert client.get(reverse(history, args=[other.pk])).status_code == 403
    assert client.get(reverse("admin:audits_scoresheet_change", args=[other.pk])).status_code in (
        302,
        403,
    )
    assert client.get(reverse(history, args=[own.pk])).status_code == 200
    listing = client.get(reverse("admin:audits_scoresheet_changelist"))
    assert listing.status_code == 200
    assert list(listing.context["cl"].queryset) == [own]
    assert login(_staff(group_head)).get(reverse(history, args=[other.pk])).status_code == 200


def test_the_governors_office_cannot_open_the_history_of_an_unsigned_audit(
    audit, governor, group_head, login, auditor, auditor2, auditor3
):
    client = login(_staff(governor))
    url = reverse("admin:audits_audit_history", args=[audit.pk])
    assert client.get(url).status_code == 403
    _divergent(audit, auditor, auditor2, auditor3)
    votes = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 5}
    services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=votes)
    services.final_sheet_finalise(actor=group_head, audit=audit)
    assert client.get(url).status_code == 200


def test_the_admin_asks_the_audit_permissions_for_one_record(audit, governor, administrator):
    from django.contrib import admin

    from audits.models import Audit

    request = RequestFactory().get("/admin/")
    request.user = _staff(governor)
    model_admin = admin.site._registry[Audit]
    assert model_admin.has_view_permission(request)  # the list opens, scoped
    assert not model_admin.has_view_permission(request, audit)
    request.user = _staff(administrator)
    assert model_admin.has_view_permission(request, audit)


@pytest.mark.django_db(transaction=True)
def test_decisions_and_votes_are_recorded_outside_a_test_transaction(
    audit, group_head, auditor, auditor2, auditor3
):
    _divergent(audit, auditor, auditor2, auditor3)
    first = {auditor.person.pk: 2, auditor2.person.pk: 2, auditor3.person.pk: 4}
    second = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 4}
    services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=first)
    services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=second)
    decision = Decision.objects.get()
    assert decision.history.count() == 2
    assert Vote.history.filter(history_type="-").count() == 3
    assert Vote.history.filter(history_type="+").count() == 6
    assert Score.history.filter(sheet__audit=audit).count() == Score.objects.count()
