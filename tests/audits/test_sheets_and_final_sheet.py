"""Individual sheets (Appendix 6), the final sheet (Appendix 12) and collegial decisions
(Regulation §5.6), through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from audits import scoring, selectors, services
from audits.choices import AuditStatus, SheetStatus
from audits.models import Criterion, Decision, ITStandardRecord, Score
from core.exceptions import ApplicationError, ConflictError
from tests.audits.conftest import fill, sheet_of


def test_a_draft_is_saved_and_submission_locks_the_sheet(audit, auditor):
    sheet = sheet_of(audit, auditor)
    services.sheet_save(actor=auditor, sheet=sheet, scores={"1.1": 4}, notes={"1.1": "Мусор"})
    assert Score.objects.get(sheet=sheet).note == "Мусор"
    with pytest.raises(ApplicationError) as error:
        services.sheet_submit(actor=auditor, sheet=sheet)
    assert "1.2" in error.value.details and "1.1" not in error.value.details
    fill(audit, auditor, {})
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED
    with pytest.raises(ApplicationError, match="сдан"):
        services.sheet_save(actor=auditor, sheet=sheet, scores={"1.1": 5})


def test_scores_outside_one_to_five_are_refused_and_nothing_is_saved(audit, auditor):
    sheet = sheet_of(audit, auditor)
    with pytest.raises(ApplicationError) as error:
        services.sheet_save(actor=auditor, sheet=sheet, scores={"1.1": 6, "1.2": 0, "1.3": 4})
    assert set(error.value.details) == {"1.1", "1.2"}
    assert "от 1 до 5" in error.value.details["1.1"]
    assert not Score.objects.exists()


@pytest.mark.parametrize(
    ("code", "reason"),
    [("3.1", "шаг 3 не завершён"), ("2.7", "мест общего пользования"), ("9.9", "нет критерия")],
)
def test_scores_for_unscored_criteria_are_refused(audit, auditor, code, reason):
    sheet = sheet_of(audit, auditor)
    with pytest.raises(ApplicationError) as error:
        services.sheet_save(actor=auditor, sheet=sheet, scores={"1.1": 4, code: 4})
    assert reason in error.value.details[code]
    assert not Score.objects.exists()


def test_common_area_criteria_are_scored_where_the_agency_keeps_common_areas(
    plan_audit, agency_a, auditor, auditor2, auditor3
):
    agency_a.responsible_for_common_areas = True
    agency_a.save()
    audit = plan_audit(agency_a, [auditor, auditor2, auditor3])
    services.sheet_save(actor=auditor, sheet=sheet_of(audit, auditor), scores={"2.7": 3})
    assert Score.objects.get().score == 3


def _it_record(agency, month, workplaces, compliant):
    return ITStandardRecord.objects.create(
        agency=agency, month=month, workplaces=workplaces, compliant=compliant
    )


def test_criterion_4_3_comes_from_the_it_departments_record_not_the_auditors(
    plan_audit, agency_a, auditor, auditor2, auditor3, api_client, group_head
):
    """§8.4 (L1337), Appendix 12 note (3) (L3817), bands L2365–2377: 4 of 10 workplaces not
    complying is 40 % → 2; the auditors do not score 4.3."""
    audit = plan_audit(agency_a, [auditor, auditor2, auditor3], steps=[1, 2, 3, 4])
    _it_record(agency_a, audit.date.replace(day=1), 10, 6)
    with pytest.raises(ApplicationError) as error:
        services.sheet_save(actor=auditor, sheet=sheet_of(audit, auditor), scores={"4.3": 5})
    assert "департамента информатизации" in error.value.details["4.3"]
    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {"*": 5})
    data = selectors.final_sheet_data(audit)
    assert data.criteria["4.3"].value == Decimal("2.00")
    assert data.criteria["4.3"].applicable
    body = api_client(group_head).get(f"/api/v1/audits/{audit.pk}/final-sheet/").json()
    month = audit.date.strftime("%Y-%m")
    assert body["criteria"]["4.3"]["external"] == {
        "month": month,
        "workplaces": 10,
        "compliant": 6,
        "score": 2,
    }
    assert body["criteria"]["4.3"]["value"] == "2.00"
    assert body["criteria"]["4.2"]["external"] is None


def test_without_the_months_data_the_sheet_says_so_and_cannot_be_signed(
    plan_audit, agency_a, auditor, auditor2, auditor3, group_head, api_client
):
    audit = plan_audit(agency_a, [auditor, auditor2, auditor3], steps=[1, 2, 3, 4])
    # A record of a LATER month does not count for this audit.
    later = (audit.date.replace(day=28) + datetime.timedelta(days=5)).replace(day=1)
    _it_record(agency_a, later, 10, 10)
    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {"*": 4})
    month = audit.date.strftime("%Y-%m")
    data = selectors.final_sheet_data(audit)
    assert data.it_missing_month == month
    assert data.criteria["4.3"].value is None
    with pytest.raises(ApplicationError) as error:
        services.final_sheet_finalise(actor=group_head, audit=audit)
    assert month in error.value.details["it_standard"]
    audit.refresh_from_db()
    assert audit.status == AuditStatus.PLANNED
    response = api_client(group_head).post(f"/api/v1/audits/{audit.pk}/final-sheet/finalise/")
    assert response.status_code == 400
    assert month in str(response.json())
    # An earlier month's record is taken when the audit's own month has none.
    earlier = (audit.date.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    _it_record(agency_a, earlier, 20, 19)
    services.final_sheet_finalise(actor=group_head, audit=audit)
    audit.final_sheet.refresh_from_db()
    assert audit.final_sheet.it_standard == {
        "month": earlier.strftime("%Y-%m"),
        "workplaces": 20,
        "compliant": 19,
        "score": 4,
    }
    # A signed sheet keeps the record it signed, whatever the department reports later.
    _it_record(agency_a, audit.date.replace(day=1), 20, 1)
    data = selectors.final_sheet_data(audit)
    assert data.criteria["4.3"].value == Decimal("4.00")


def test_when_step_4_is_not_completed_4_3_has_no_value_whatever_the_data(
    plan_audit, agency_a, auditor, auditor2, auditor3, group_head
):
    audit = plan_audit(agency_a, [auditor, auditor2, auditor3], steps=[1, 2, 3])
    _it_record(agency_a, audit.date.replace(day=1), 10, 10)
    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {"*": 4})
    data = selectors.final_sheet_data(audit)
    assert not data.criteria["4.3"].applicable
    assert data.criteria["4.3"].value is None
    assert data.it_missing_month is None
    services.final_sheet_finalise(actor=group_head, audit=audit)
    audit.final_sheet.refresh_from_db()
    assert audit.final_sheet.it_standard == {}


def test_another_auditors_sheet_cannot_be_written(audit, auditor, auditor2):
    with pytest.raises(PermissionDenied):
        services.sheet_save(actor=auditor, sheet=sheet_of(audit, auditor2), scores={"1.1": 4})
    assert not Score.objects.exists()


def test_final_sheet_averages_by_hand(audit, auditor, auditor2, auditor3):
    # step 1: 1.1 = (4+4+5)/3 = 4.333…, 1.2 = 3, 1.3 = (5+4+5)/3 = 4.666…  → step 1 = 4
    # step 2: every criterion 2.1–2.6 scored 4, 4, 3 → 11/3 each (2.7 left out) → 3.666…
    # overall = (4 + 11/3) / 2 = 23/6 = 3.8333… → 3.83
    fill(audit, auditor, {"*": 4, "1.1": 4, "1.2": 3, "1.3": 5})
    fill(audit, auditor2, {"*": 4, "1.1": 4, "1.2": 3, "1.3": 4})
    fill(audit, auditor3, {"*": 3, "1.1": 5, "1.2": 3, "1.3": 5})
    data = selectors.final_sheet_data(audit)
    assert data.criteria["1.1"].value == Decimal("4.33")
    assert data.criteria["1.3"].value == Decimal("4.67")
    assert data.criteria["2.1"].value == Decimal("3.67")
    assert not data.criteria["2.7"].applicable
    assert data.criteria["2.7"].value is None
    assert not data.criteria["3.1"].applicable
    assert data.criteria["3.1"].reason_label == "шаг не завершён"
    steps = {step.number: step for step in data.steps}
    assert steps[1].value == Decimal("4.00")
    assert steps[2].value == Decimal("3.67")
    assert steps[3].value is None and not steps[3].completed
    assert data.overall == Decimal("3.83")


def _divergent(audit, auditor, auditor2, auditor3):
    fill(audit, auditor, {"1.1": 2})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 5})


def test_a_divergence_of_more_than_one_point_is_flagged_and_blocks_finalising(
    audit, group_head, auditor, auditor2, auditor3
):
    _divergent(audit, auditor, auditor2, auditor3)
    data = selectors.final_sheet_data(audit)
    assert data.criteria["1.1"].divergent and data.undecided == ("1.1",)
    assert not data.criteria["1.2"].divergent
    with pytest.raises(ApplicationError) as error:
        services.final_sheet_finalise(actor=group_head, audit=audit)
    assert "1.1" in error.value.details["decisions"]
    audit.refresh_from_db()
    assert audit.status == AuditStatus.PLANNED and audit.final_sheet.finalised_at is None


def test_the_majority_decides_and_replaces_the_mean(audit, group_head, auditor, auditor2, auditor3):
    _divergent(audit, auditor, auditor2, auditor3)
    votes = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 5}
    services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=votes)
    data = selectors.final_sheet_data(audit)
    assert data.criteria["1.1"].decided == 4
    assert data.criteria["1.1"].value == Decimal("4.00")
    assert data.criteria["1.1"].mean == Decimal("3.67")
    assert data.undecided == ()


def test_on_a_tie_the_heads_vote_decides(audit, group_head, auditor, auditor2, auditor3):
    _divergent(audit, auditor, auditor2, auditor3)
    head = group_head.person.pk
    votes = {auditor.person.pk: 3, auditor2.person.pk: 5, auditor3.person.pk: 3, head: 5}
    services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=votes)
    assert Decision.objects.get().score == 5
    assert Decision.objects.get().votes.count() == 4


def test_a_tie_without_the_heads_vote_is_refused(audit, group_head, auditor, auditor2, auditor3):
    fill(audit, auditor, {"1.1": 2})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 4})
    votes = {auditor.person.pk: 2, auditor2.person.pk: 4, auditor3.person.pk: 3}
    with pytest.raises(ApplicationError) as error:
        services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=votes)
    assert "решающим является голос руководителя" in error.value.details["votes"]
    assert not Decision.objects.exists()


def test_every_auditor_votes_and_only_group_members_vote(
    audit, group_head, auditor, auditor2, auditor3, team_leader_a
):
    _divergent(audit, auditor, auditor2, auditor3)
    with pytest.raises(ApplicationError, match="Решение"):
        services.decision_record(
            actor=group_head, audit=audit, criterion_code="1.1", votes={auditor.person.pk: 4}
        )
    votes = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 4}
    votes[team_leader_a.person.pk] = 5
    with pytest.raises(ApplicationError):
        services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=votes)
    assert not Decision.objects.exists()


def test_no_decision_on_a_criterion_that_does_not_diverge(
    audit, group_head, auditor, auditor2, auditor3
):
    _divergent(audit, auditor, auditor2, auditor3)
    with pytest.raises(ApplicationError) as error:
        services.decision_record(
            actor=group_head,
            audit=audit,
            criterion_code="1.2",
            votes={auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 4},
        )
    assert "не более чем на 1 балл" in error.value.details["criterion"]


def test_an_auditor_cannot_record_decisions(audit, auditor, auditor2, auditor3):
    _divergent(audit, auditor, auditor2, auditor3)
    with pytest.raises(PermissionDenied):
        services.decision_record(
            actor=auditor, audit=audit, criterion_code="1.1", votes={auditor.person.pk: 4}
        )


def test_finalising_needs_every_sheet_handed_in(audit, group_head, auditor, auditor2):
    fill(audit, auditor, {})
    fill(audit, auditor2, {})
    with pytest.raises(ApplicationError) as error:
        services.final_sheet_finalise(actor=group_head, audit=audit)
    assert "Оценщиков" in error.value.details["sheets"]


def test_finalising_signs_publishes_and_sends_the_copy(
    audit, group_head, auditor, auditor2, auditor3, team_a, django_capture_on_commit_callbacks
):
    team_a.leader.user.email = "leader@example.org"
    team_a.leader.user.save()
    _divergent(audit, auditor, auditor2, auditor3)
    votes = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 5}
    services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=votes)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sheet = services.final_sheet_finalise(actor=group_head, audit=audit)
    audit.refresh_from_db()
    sheet.refresh_from_db()
    assert audit.status == AuditStatus.FINALISED
    assert sheet.signer_name == "Главнов Глеб Глебович"
    assert sheet.signed_on is not None and sheet.finalised_at is not None
    assert sheet.copy_sent_at is not None
    assert [m.to for m in mail.outbox] == [["leader@example.org"]]
    assert "Итоговый оценочный лист" in mail.outbox[0].subject
    with pytest.raises(ConflictError):  # signed: no more decisions or signing (409)
        services.final_sheet_finalise(actor=group_head, audit=audit)


def test_finalising_stores_the_step_values_the_final_sheet_shows(
    audit, group_head, auditor, auditor2, auditor3
):
    # the sheet of test_final_sheet_averages_by_hand: step 1 = 4, step 2 = 11/3, step 3 not
    # completed; overall = 23/6
    fill(audit, auditor, {"*": 4, "1.1": 4, "1.2": 3, "1.3": 5})
    fill(audit, auditor2, {"*": 4, "1.1": 4, "1.2": 3, "1.3": 4})
    fill(audit, auditor3, {"*": 3, "1.1": 5, "1.2": 3, "1.3": 5})
    sheet = services.final_sheet_finalise(actor=group_head, audit=audit)
    sheet.refresh_from_db()
    assert sheet.step_values == {"1": "4.000000", "2": "3.666667"}
    assert sheet.overall == Decimal("3.833333")
    data = selectors.final_sheet_data(audit)
    shown = {str(s.number): s.value for s in data.steps if s.value is not None}
    assert {
        number: scoring.display(Decimal(value)) for number, value in sheet.step_values.items()
    } == shown
    # the overall is the mean of the completed steps' values
    assert scoring.display(scoring.mean(Decimal(v) for v in sheet.step_values.values())) == (
        scoring.display(sheet.overall)
    )
    assert scoring.display(sheet.overall) == data.overall == Decimal("3.83")


def test_a_collegial_decision_is_in_the_stored_step_value(
    audit, group_head, auditor, auditor2, auditor3
):
    # 1.1 scored 2, 4, 5 (mean 11/3) is decided 4: step 1 = (4 + 4 + 4) / 3, not 35/9
    _divergent(audit, auditor, auditor2, auditor3)
    votes = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 5}
    services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=votes)
    sheet = services.final_sheet_finalise(actor=group_head, audit=audit)
    sheet.refresh_from_db()
    assert sheet.step_values == {"1": "4.000000", "2": "4.000000"}


def test_saving_a_whole_sheet_takes_a_fixed_number_of_queries(
    audit, auditor, django_assert_max_num_queries
):
    sheet = sheet_of(audit, auditor)
    criteria = list(Criterion.objects.filter(version=audit.checklist))
    codes = services.applicable_codes(audit, criteria)
    with django_assert_max_num_queries(12):
        services.sheet_save(
            actor=auditor,
            sheet=sheet,
            scores=dict.fromkeys(codes, 3),
            notes=dict.fromkeys(codes, "замечание"),
        )
    with django_assert_max_num_queries(12):
        services.sheet_save(actor=auditor, sheet=sheet, scores=dict.fromkeys(codes, 5), notes={})
    assert Score.objects.filter(sheet=sheet, score=5).count() == len(codes) == 9


def test_saving_a_five_step_sheet_takes_the_same_number_of_queries(
    plan_audit, agency_a, auditor, auditor2, auditor3, django_assert_max_num_queries
):
    agency_a.responsible_for_common_areas = True
    agency_a.save()
    audit = plan_audit(agency_a, [auditor, auditor2, auditor3], steps=[1, 2, 3, 4, 5])
    sheet = sheet_of(audit, auditor)
    codes = services.applicable_codes(
        audit, list(Criterion.objects.filter(version=audit.checklist))
    )
    assert len(codes) == 34  # all 35 but 4.3, which the IT department's data score (L1337)
    assert "4.3" not in codes
    with django_assert_max_num_queries(12):
        services.sheet_save(actor=auditor, sheet=sheet, scores=dict.fromkeys(codes, 4), notes={})


def test_computing_the_final_sheet_takes_a_fixed_number_of_queries(
    plan_audit,
    agency_a,
    working_group,
    auditor,
    auditor2,
    auditor3,
    group_head,
    django_assert_num_queries,
):
    from agencies.models import WorkingGroupMembership
    from core.roles import Role
    from tests.agencies.factories import PersonFactory, UserFactory

    extra = []
    for index in range(3):
        user = UserFactory(username=f"extra{index}", roles=[Role.WORKING_GROUP_AUDITOR])
        person = PersonFactory(agency=auditor.person.agency, user=user)
        WorkingGroupMembership.objects.create(group=working_group, person=person)
        extra.append(user)
    small = plan_audit(agency_a, [auditor, auditor2, auditor3], steps=[1])
    big = plan_audit(agency_a, [auditor, auditor2, auditor3, *extra], steps=[1, 2, 3, 4, 5])
    for user in (auditor, auditor2, auditor3):
        fill(small, user, {"1.1": 1 if user == auditor else 4})
    for user in (auditor, auditor2, auditor3, *extra):
        fill(big, user, {"1.1": 1 if user == auditor else 4})
    votes = {u.person.pk: 4 for u in (auditor, auditor2, auditor3)}
    services.decision_record(actor=group_head, audit=small, criterion_code="1.1", votes=votes)
    votes.update({u.person.pk: 4 for u in extra})
    services.decision_record(actor=group_head, audit=big, criterion_code="1.1", votes=votes)
    # Six for the sheet, one for the IT department's record of the month (4.3), two for the
    # voters (the group's head and the names of voters outside the audit's team).
    with django_assert_num_queries(9):
        selectors.final_sheet_data(small)
    with django_assert_num_queries(9):
        data = selectors.final_sheet_data(big)
    assert len(data.auditors) == 6 and data.criteria["1.1"].decided == 4


def test_decisions_wait_for_every_sheet_to_be_handed_in(
    audit, group_head, auditor, auditor2, auditor3
):
    fill(audit, auditor, {"1.1": 2})
    fill(audit, auditor2, {"1.1": 5})
    fill(audit, auditor3, {"1.1": 4}, submit=False)
    votes = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 4}
    with pytest.raises(ApplicationError) as error:
        services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=votes)
    assert "Оценщиков" in error.value.details["sheets"]
    assert not Decision.objects.exists()
