"""The write rules of step 3: the quarter of a schedule, the general cleaning's limits, written
safety measures, who signs, signed forms locked, planned vs actual dates, reminders."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.exceptions import ApplicationError, ConflictError, GridError
from core.models import Notice
from standards.shine import notices, services
from standards.shine.choices import AnalysisKind, SignRole
from standards.shine.models import (
    AnalysisRow,
    CleaningAnalysis,
    CleaningPlan,
    CleaningSchedule,
    ContaminationType,
    GeneralCleaning,
    ScheduleDate,
    Signature,
)
from tests.standards.shine.conftest import plan_row

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def today(monkeypatch):
    day = D(2026, 2, 10)
    monkeypatch.setattr("core.calendar.today", lambda: day)
    return day


# --- Schedules (Appendix 25) ------------------------------------------------------------------


def test_a_schedule_shorter_than_a_quarter_is_refused_citing_the_rule(
    team_leader_a, agency_a, schedule_data
):
    schedule_data["period_end"] = D(2026, 3, 30)
    with pytest.raises(ApplicationError) as refused:
        services.schedule_create(actor=team_leader_a, agency=agency_a, data=schedule_data)
    message = refused.value.details["period_end"]
    assert "не менее 1 квартала" in message and "приложение 25" in message
    assert "31.03.2026" in message
    assert not CleaningSchedule.objects.exists()


def test_a_schedule_of_exactly_a_quarter_is_accepted(team_leader_a, agency_a, schedule_data):
    schedule = services.schedule_create(actor=team_leader_a, agency=agency_a, data=schedule_data)
    assert ScheduleDate.objects.filter(row__schedule=schedule).count() == 3


def test_a_planned_date_outside_the_period_is_refused_beside_its_row(
    team_leader_a, agency_a, schedule_data
):
    schedule_data["rows"][1]["dates"] = [D(2026, 4, 2)]
    with pytest.raises(GridError) as refused:
        services.schedule_create(actor=team_leader_a, agency=agency_a, data=schedule_data)
    assert set(refused.value.rows) == {1} and "02.04.2026" in refused.value.rows[1]["dates"]
    assert not CleaningSchedule.objects.exists()


def test_only_the_team_writes_a_schedule(
    governor, employee_a, team_leader_b, agency_a, schedule_data
):
    for user in (governor, employee_a, team_leader_b):
        with pytest.raises(PermissionDenied):
            services.schedule_create(actor=user, agency=agency_a, data=schedule_data)
    assert not CleaningSchedule.objects.exists()


def test_only_the_department_head_signs_a_schedule_and_then_it_is_locked(
    schedule_a, team_leader_a, cleaner_a, chief_a, administrator, schedule_data
):
    for user in (team_leader_a, cleaner_a):
        with pytest.raises(PermissionDenied):
            services.schedule_sign(actor=user, schedule=schedule_a)
    assert not Signature.objects.exists()
    signature = services.schedule_sign(actor=chief_a, schedule=schedule_a, today=D(2025, 12, 25))
    assert signature.person == chief_a.person and not signature.on_behalf
    with pytest.raises(ConflictError):
        services.schedule_sign(actor=administrator, schedule=schedule_a)
    schedule_data["department"] = "Другой отдел"
    with pytest.raises(ConflictError):
        services.schedule_update(actor=team_leader_a, schedule=schedule_a, data=schedule_data)
    schedule_a.refresh_from_db()
    assert schedule_a.department == "Отдел кадров"


def test_an_administrator_signs_on_the_department_heads_behalf(schedule_a, administrator, chief_a):
    signature = services.schedule_sign(actor=administrator, schedule=schedule_a)
    assert signature.on_behalf and signature.person == chief_a.person


def test_employees_named_record_actual_dates_only_once_signed(
    schedule_a, cleaner_a, chief_a, employee_a, today
):
    first = ScheduleDate.objects.filter(row__schedule=schedule_a).order_by("planned_on").first()
    with pytest.raises(ConflictError):
        services.schedule_done_record(
            actor=cleaner_a, schedule=schedule_a, dates={first.pk: D(2026, 1, 9)}
        )
    services.schedule_sign(actor=chief_a, schedule=schedule_a)
    with pytest.raises(PermissionDenied):  # an employee the schedule does not name
        services.schedule_done_record(
            actor=employee_a, schedule=schedule_a, dates={first.pk: D(2026, 1, 9)}
        )
    services.schedule_done_record(
        actor=cleaner_a, schedule=schedule_a, dates={first.pk: D(2026, 1, 10)}
    )
    first.refresh_from_db()
    assert first.done_on == D(2026, 1, 10) and first.done_by == cleaner_a


@pytest.mark.parametrize("day", [D(2025, 12, 31), D(2026, 2, 11)])
def test_an_actual_date_before_the_period_or_in_the_future_is_refused(
    schedule_a, cleaner_a, chief_a, today, day
):
    services.schedule_sign(actor=chief_a, schedule=schedule_a)
    first = ScheduleDate.objects.filter(row__schedule=schedule_a).first()
    with pytest.raises(GridError):
        services.schedule_done_record(actor=cleaner_a, schedule=schedule_a, dates={first.pk: day})
    first.refresh_from_db()
    assert first.done_on is None


def test_the_actual_date_today_is_accepted(schedule_a, cleaner_a, chief_a, today):
    services.schedule_sign(actor=chief_a, schedule=schedule_a)
    first = ScheduleDate.objects.filter(row__schedule=schedule_a).first()
    services.schedule_done_record(actor=cleaner_a, schedule=schedule_a, dates={first.pk: today})
    first.refresh_from_db()
    assert first.done_on == today


# --- Plans (Appendix 24) ----------------------------------------------------------------------


def test_a_reference_to_an_instruction_instead_of_safety_measures_is_refused_beside_its_cell(
    team_leader_a, agency_a, plan_data
):
    plan_data["rows"] = [plan_row(), plan_row(safety="п. 3.2 инструкции по охране труда")]
    with pytest.raises(GridError) as refused:
        services.plan_create(actor=team_leader_a, agency=agency_a, data=plan_data)
    assert set(refused.value.rows) == {1}
    assert "примечание 6" in refused.value.rows[1]["safety"]
    assert not CleaningPlan.objects.exists()


def test_a_plan_needs_the_inventory_officers_phone(team_leader_a, agency_a, plan_data):
    plan_data["inventory_phone"] = "нет"
    with pytest.raises(ApplicationError) as refused:
        services.plan_create(actor=team_leader_a, agency=agency_a, data=plan_data)
    assert "inventory_phone" in refused.value.details
    assert not CleaningPlan.objects.exists()


def test_a_cleaning_time_ending_before_it_starts_is_refused(team_leader_a, agency_a, plan_data):
    plan_data["rows"] = [plan_row(time_from=datetime.time(9, 0), time_to=datetime.time(8, 45))]
    with pytest.raises(GridError) as refused:
        services.plan_create(actor=team_leader_a, agency=agency_a, data=plan_data)
    assert "time_to" in refused.value.rows[0]


def test_the_plan_is_signed_by_the_three_it_names_then_approved_by_the_head(
    plan_a, team_leader_a, housekeeper_a, inventory_a, head_a, team_member_a
):
    with pytest.raises(PermissionDenied):
        services.plan_sign(actor=team_member_a, plan=plan_a, role=SignRole.LEADER)
    with pytest.raises(PermissionDenied):  # the housekeeper cannot sign for the inventory officer
        services.plan_sign(actor=housekeeper_a, plan=plan_a, role=SignRole.INVENTORY)
    services.plan_sign(actor=team_leader_a, plan=plan_a, role=SignRole.LEADER)
    with pytest.raises(ConflictError) as early:
        services.plan_sign(actor=head_a, plan=plan_a, role=SignRole.HEAD)
    assert "Ответственный за хозяйственное обеспечение" in str(early.value)
    services.plan_sign(actor=housekeeper_a, plan=plan_a, role=SignRole.HOUSEKEEPING)
    services.plan_sign(actor=inventory_a, plan=plan_a, role=SignRole.INVENTORY)
    with pytest.raises(PermissionDenied):
        services.plan_sign(actor=team_leader_a, plan=plan_a, role=SignRole.HEAD)
    services.plan_sign(actor=head_a, plan=plan_a, role=SignRole.HEAD)
    assert set(plan_a.signatures.values_list("role", flat=True)) == {
        "leader",
        "housekeeping",
        "inventory",
        "head",
    }
    with pytest.raises(ConflictError):
        services.plan_sign(actor=head_a, plan=plan_a, role=SignRole.HEAD)


def test_a_plan_with_a_signature_cannot_be_edited_silently(plan_a, team_leader_a, plan_data):
    services.plan_sign(actor=team_leader_a, plan=plan_a, role=SignRole.LEADER)
    plan_data["rows"] = [plan_row(activity="Иное")]
    with pytest.raises(ConflictError):
        services.plan_update(actor=team_leader_a, plan=plan_a, data=plan_data)
    assert plan_a.rows.order_by("position").first().activity.startswith("Протереть")


def test_an_unsigned_plan_is_edited_by_the_team(plan_a, team_member_a, plan_data):
    plan_data["rows"] = [plan_row(activity="Вынести мусор")]
    services.plan_update(actor=team_member_a, plan=plan_a, data=plan_data)
    assert list(plan_a.rows.values_list("activity", flat=True)) == ["Вынести мусор"]


def test_the_leader_signing_a_plan_must_lead_the_agencys_team(
    team_leader_a, agency_a, plan_data, housekeeper_a
):
    plan_data["leader"] = housekeeper_a.person
    with pytest.raises(ApplicationError) as refused:
        services.plan_create(actor=team_leader_a, agency=agency_a, data=plan_data)
    assert "leader" in refused.value.details


def test_a_room_of_another_agency_is_refused(team_leader_a, agency_a, plan_data, room_b):
    plan_data["rooms"] = [room_b]
    with pytest.raises(ApplicationError):
        services.plan_create(actor=team_leader_a, agency=agency_a, data=plan_data)
    assert not CleaningPlan.objects.exists()


# --- Analyses (Appendices 20, 23) -------------------------------------------------------------


def test_appendix_23_rows_need_a_kind_of_the_classifier_a_planned_date_and_a_responsible(
    team_leader_a, agency_a, analysis_data
):
    analysis_data["rows"][0].update(contamination=None, planned_on=None, responsible="")
    with pytest.raises(GridError) as refused:
        services.analysis_create(actor=team_leader_a, agency=agency_a, data=analysis_data)
    assert set(refused.value.rows[0]) == {"contamination", "planned_on", "responsible"}
    assert not CleaningAnalysis.objects.exists()


def test_a_hard_to_clean_analysis_needs_no_dates(team_leader_a, agency_a, analysis_data, room_a):
    analysis_data.update(kind=AnalysisKind.HARD_PLACES)
    analysis_data["rows"] = [
        {
            "room": room_a,
            "place": "Пространство за шкафом",
            "cause": "Шкаф вплотную к стене",
            "action": "Отодвинуть шкаф на 10 см",
        }
    ]
    analysis = services.analysis_create(actor=team_leader_a, agency=agency_a, data=analysis_data)
    assert analysis.controller is None and analysis.rows.get().planned_on is None


def test_only_the_checker_or_the_leader_records_the_actual_dates(
    analysis_a, team_member_a, employee_a, team_leader_a, today
):
    row = analysis_a.rows.get()
    with pytest.raises(PermissionDenied):
        services.analysis_done_record(actor=employee_a, analysis=analysis_a, dates={row.pk: today})
    services.analysis_done_record(
        actor=team_member_a, analysis=analysis_a, dates={row.pk: D(2026, 1, 19)}
    )
    row.refresh_from_db()
    assert row.done_on == D(2026, 1, 19) and row.done_recorded_by == team_member_a


def test_the_classifier_is_loaded_from_appendix_22_and_refined_by_the_team(
    classifier, team_leader_a, agency_a, governor
):
    assert list(classifier) == ["Пыль", "Грязь", "Неисправность", "Беспорядок"]
    assert "плинтус" in classifier["Пыль"].places
    assert services.contamination_load() == 4  # idempotent
    own = services.contamination_create(
        actor=team_leader_a, agency=agency_a, data={"name": "Следы скотча", "actions": "оттереть"}
    )
    assert own.agency == agency_a
    with pytest.raises(ApplicationError):
        services.contamination_create(actor=team_leader_a, agency=agency_a, data={"name": "пыль"})
    with pytest.raises(PermissionDenied):
        services.contamination_create(actor=governor, agency=agency_a, data={"name": "Иное"})
    with pytest.raises(ConflictError):
        services.contamination_update(
            actor=team_leader_a, kind=classifier["Пыль"], data={"name": "x"}
        )
    assert ContaminationType.objects.filter(agency=None).count() == 4


def test_an_agreed_analysis_cannot_be_edited(
    analysis_a, team_leader_a, housekeeper_a, analysis_data
):
    services.analysis_sign(actor=housekeeper_a, analysis=analysis_a, role=SignRole.HOUSEKEEPING)
    with pytest.raises(ConflictError):
        services.analysis_update(actor=team_leader_a, analysis=analysis_a, data=analysis_data)
    with pytest.raises(ApplicationError):  # the analysis has no head's signature
        services.analysis_sign(actor=team_leader_a, analysis=analysis_a, role=SignRole.HEAD)


# --- The general cleaning (L1025–1057) --------------------------------------------------------


def _times(prep_hours, gap_hours, clean_hours, prep_minutes=0, clean_minutes=0):
    start = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))
    prep_end = start + datetime.timedelta(hours=prep_hours, minutes=prep_minutes)
    clean_start = prep_end + datetime.timedelta(hours=gap_hours)
    return {
        "preparation_start": start,
        "preparation_end": prep_end,
        "cleaning_start": clean_start,
        "cleaning_end": clean_start + datetime.timedelta(hours=clean_hours, minutes=clean_minutes),
    }


def test_the_general_cleanings_stages_of_exactly_a_day_each_are_accepted(team_leader_a, agency_a):
    cleaning = services.general_cleaning_create(
        actor=team_leader_a, agency=agency_a, data=_times(24, 0, 24)
    )
    assert cleaning.briefing_at == cleaning.cleaning_start - datetime.timedelta(minutes=15)
    assert cleaning.inventory_check_at == cleaning.cleaning_start - datetime.timedelta(minutes=30)


@pytest.mark.parametrize(
    ("times", "field", "words"),
    [
        (_times(24, 0, 1, prep_minutes=1), "preparation_end", "Подготовка к генеральной уборке"),
        (_times(1, 0, 24, clean_minutes=1), "cleaning_end", "Проведение генеральной уборки"),
        (_times(20, 8, 20, clean_minutes=1), "cleaning_end", "не более 2 дней"),
        (_times(2, -1, 2), "cleaning_start", "после подготовки"),
    ],
)
def test_the_general_cleanings_limits_refuse_a_minute_past(
    team_leader_a, agency_a, times, field, words
):
    with pytest.raises(ApplicationError) as refused:
        services.general_cleaning_create(actor=team_leader_a, agency=agency_a, data=times)
    assert words in refused.value.details[field]
    assert not GeneralCleaning.objects.exists()


def test_the_whole_general_cleaning_of_exactly_two_days_is_accepted(team_leader_a, agency_a):
    services.general_cleaning_create(actor=team_leader_a, agency=agency_a, data=_times(20, 4, 24))


def test_the_head_agrees_the_general_cleaning_and_the_employees_are_told(
    team_leader_a, agency_a, head_a, cleaner_a
):
    cleaning = services.general_cleaning_create(
        actor=team_leader_a, agency=agency_a, data=_times(8, 16, 8)
    )
    with pytest.raises(PermissionDenied):
        services.general_cleaning_agree(actor=team_leader_a, cleaning=cleaning)
    services.general_cleaning_agree(actor=head_a, cleaning=cleaning)
    told = set(
        Notice.objects.filter(kind=notices.GENERAL_CLEANING).values_list(
            "user__username", flat=True
        )
    )
    assert {"cleaner_a", "leader_a", "head_a"} <= told
    with pytest.raises(ConflictError):
        services.general_cleaning_update(
            actor=team_leader_a, cleaning=cleaning, data={"notes": "x"}
        )


# --- Reminders --------------------------------------------------------------------------------


def test_planned_dates_passed_without_an_actual_date_are_reminded_once(
    schedule_a, chief_a, cleaner_a, analysis_a, team_member_a
):
    services.schedule_sign(actor=chief_a, schedule=schedule_a)
    day = D(2026, 1, 17)  # 09.01 and 16.01 passed; 02.02 not yet; the measure of 20.01 not yet
    assert services.cleaning_reminders_send(today=day) == 2
    missed = Notice.objects.filter(kind=notices.DATE_MISSED)
    assert set(missed.values_list("due_on", flat=True)) == {D(2026, 1, 9), D(2026, 1, 16)}
    assert set(missed.values_list("user__username", flat=True)) == {"cleaner_a", "chief_a"}
    before = Notice.objects.count()
    services.cleaning_reminders_send(today=day)
    assert Notice.objects.count() == before
    services.cleaning_reminders_send(today=D(2026, 1, 21))
    assert Notice.objects.get(kind=notices.MEASURE_OVERDUE).user == team_member_a
    row = AnalysisRow.objects.get()
    assert row.is_overdue(D(2026, 1, 21))
