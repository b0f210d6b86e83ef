"""Planning an external audit and changing it before signing (Regulation on the working group
§5.1–5.5, §4.10): the date, the team, the completed steps, criterion 4.3 from the IT
department's data."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.models import WorkingGroupMembership
from agencies.selectors import working_group_current
from audits import permissions
from audits.choices import AUDIT_TEAM_MIN, STEP_NUMBERS
from audits.models import Audit, FinalScoreSheet, ScoreSheet
from audits.services.checklist import checklist_latest
from audits.services.common import locked_audit
from audits.services.reminders import audit_notice_schedule, withdraw_unsent_notices
from core import calendar
from core.exceptions import ApplicationError, ConflictError
from core.services import check_permission, full_clean_or_raise
from core.validators import past_date_error, plan_date_error


def _parse_steps(completed_steps):
    try:
        steps = sorted({int(step) for step in completed_steps})
    except (TypeError, ValueError):
        steps = None
    if not steps or any(step not in STEP_NUMBERS for step in steps):
        return None
    return steps


def held_on_paper(date, *, today) -> bool:
    """A date before today records an audit already held on paper (../shared/API.md,
    «Audits»): no §5.5 notice is due for it."""
    return date is not None and date < today


def _check_date_and_team(errors, *, date, auditors, today, past_allowed=False):
    """§5.5 (notice at least one working day before) and §5.3 (a team of at least three
    working-group members); adds messages to `errors`, returns the distinct people. With
    `past_allowed`, a date before today is an audit held on paper: not before the order of
    23.08.2011 (core.validators), and no notice."""
    # The bounds first: a date such as 9999-12-31 or 0001-01-01 must not reach the
    # working-day arithmetic.
    past = past_allowed and held_on_paper(date, today=today)
    bound = past_date_error(date) if past else plan_date_error(date)
    latest_date = calendar.add_working_days(date, -1) if date and not bound else None
    if date is None:
        errors["date"] = _("Укажите дату проведения аудита.")
    elif bound:
        errors["date"] = bound
    elif past:
        pass
    elif today > latest_date:
        earliest = calendar.add_working_days(today, 1)
        errors["date"] = _(
            "Руководитель ОИВ ЯО / СППО уведомляется не менее чем за 1 рабочий день до аудита: "
            "ближайшая допустимая дата — %(date)s."
        ) % {"date": earliest.strftime("%d.%m.%Y")}
    people = list({person.pk: person for person in auditors}.values())
    group = working_group_current()
    members = (
        set(WorkingGroupMembership.objects.filter(group=group).values_list("person_id", flat=True))
        if group
        else set()
    )
    outsiders = [person.full_name for person in people if person.pk not in members]
    if outsiders:
        errors["auditors"] = _("Не являются членами рабочей группы: %(names)s.") % {
            "names": ", ".join(outsiders)
        }
    elif len(people) < AUDIT_TEAM_MIN:
        errors["auditors"] = _(
            "Внешний аудит проводится группой не менее чем из %(min)s членов рабочей группы; "
            "выбрано: %(count)s."
        ) % {"min": AUDIT_TEAM_MIN, "count": len(people)}
    return people


@transaction.atomic
def audit_plan(
    *,
    actor,
    agency,
    date: datetime.date,
    auditors: list,
    completed_steps=None,
    time=None,
    today=None,
) -> Audit:
    """Plan an external audit: the agency, the date, a team of at least three working-group
    members (§5.3) and the steps the agency has completed. The agency's head and 5S-team
    leader are notified at once, which is at least one working day before (§5.5). A date
    before today records an audit held on paper (../shared/API.md): not before 23.08.2011,
    and no notice is sent."""
    check_permission(
        permissions.can_plan_audit(actor),
        _("Планировать внешний аудит может руководитель рабочей группы."),
    )
    today = today or calendar.today()
    errors: dict[str, str] = {}
    if completed_steps is None:
        completed_steps = list(range(1, agency.steps_completed + 1))
    steps = _parse_steps(completed_steps)
    if steps is None:
        errors["completed_steps"] = _(
            "Укажите завершённые ОИВ ЯО / СППО шаги (номера от 1 до 5): внешний аудит "
            "оценивает только завершённые шаги."
        )
    people = _check_date_and_team(
        errors, date=date, auditors=auditors, today=today, past_allowed=True
    )
    if errors:
        raise ApplicationError(_("Аудит не запланирован: исправьте ошибки."), details=errors)
    # One audit per agency and date (a retried request made three of them, issue 10). The
    # agency's row is locked so that two plans of it are made one after the other; the unique
    # constraint (unique_audit_per_agency_date) backs this up.
    type(agency).objects.select_for_update().filter(pk=agency.pk).first()
    _refuse_second_audit(agency=agency, date=date)
    audit = Audit(
        agency=agency,
        checklist=checklist_latest(),
        date=date,
        time=time,
        completed_steps=steps,
        common_areas=agency.responsible_for_common_areas,
        planned_by=actor,
    )
    full_clean_or_raise(audit)
    try:
        with transaction.atomic():
            audit.save()
    except IntegrityError:
        _refuse_second_audit(agency=agency, date=date)
        raise
    bulk_create_with_history(
        [ScoreSheet(audit=audit, auditor=p) for p in people], ScoreSheet, default_user=actor
    )
    FinalScoreSheet.objects.create(audit=audit, copy_due=audit.final_sheet_due)
    if not held_on_paper(date, today=today):
        audit_notice_schedule(audit=audit)
    return audit


def _refuse_second_audit(*, agency, date, exclude=None) -> None:
    others = Audit.objects.filter(agency=agency, date=date)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        message = _("Аудит %(agency)s на %(date)s уже запланирован.") % {
            "agency": agency.short_name,
            "date": date.strftime("%d.%m.%Y"),
        }
        raise ConflictError(message, details={"date": message})


@transaction.atomic
def audit_reschedule(
    *,
    actor,
    audit: Audit,
    date: datetime.date,
    auditors: list,
    time=None,
    completed_steps=None,
    today=None,
) -> Audit:
    """Move the audit, change its team or the completed steps before any sheet is handed in.
    The same rules as planning apply; a new date or time is notified again (§5.5); an auditor
    who has already scored cannot be taken off the team. Scores already given for a step that
    is no longer assessed are simply left out of the final sheet."""
    audit = locked_audit(actor, audit, _("Изменять аудит может руководитель рабочей группы."))
    sheets = list(audit.sheets.annotate(scored=Count("scores")).select_related("auditor"))
    if any(sheet.is_submitted for sheet in sheets):
        raise ApplicationError(
            _("Оценочные листы уже сдаются: изменить дату и состав группы нельзя.")
        )
    errors: dict[str, str] = {}
    people = _check_date_and_team(
        errors, date=date, auditors=auditors, today=today or calendar.today()
    )
    steps = audit.completed_steps if completed_steps is None else _parse_steps(completed_steps)
    if steps is None:
        errors["completed_steps"] = _(
            "Укажите завершённые ОИВ ЯО / СППО шаги (номера от 1 до 5): внешний аудит "
            "оценивает только завершённые шаги."
        )
    wanted = {person.pk for person in people}
    scored = [s.auditor.full_name for s in sheets if s.auditor_id not in wanted and s.scored]
    if scored and "auditors" not in errors:
        errors["auditors"] = _("Уже выставили оценки и не могут быть исключены: %(names)s.") % {
            "names": ", ".join(scored)
        }
    if errors:
        raise ApplicationError(_("Изменения аудита не сохранены."), details=errors)
    _refuse_second_audit(agency=audit.agency, date=date, exclude=audit)
    moved = (audit.date, audit.time) != (date, time)
    audit.date, audit.time, audit.completed_steps = date, time, steps
    full_clean_or_raise(audit)
    audit.save(update_fields=["date", "time", "completed_steps"])
    ScoreSheet.objects.filter(audit=audit).exclude(auditor_id__in=wanted).delete()
    present = {sheet.auditor_id for sheet in sheets}
    bulk_create_with_history(
        [ScoreSheet(audit=audit, auditor=p) for p in people if p.pk not in present],
        ScoreSheet,
        default_user=actor,
    )
    FinalScoreSheet.objects.filter(audit=audit).update(copy_due=audit.final_sheet_due)
    if moved:
        withdraw_unsent_notices(audit)
        audit_notice_schedule(audit=audit)
    return audit
