"""Writes of the indicator sheet (§4.7, seed 003 L505–551; Appendix 8, L3407–3525). The rules
are checked here once for the pages, the API and the admin:

- at least 3 paper document types, 3 electronic ones, 3 repeated operations and 3 kinds of
  material objects (Appendix 8's instruction, L3513–3519); fewer is refused naming the section;
- the expert group is at least 20 % of the agency's actual headcount, rounded up to whole
  people, and made of the agency's own employees (L533–535);
- each timed indicator keeps its observations in seconds (L539–545) and shows max / average /
  min computed from them (L3523); a material object has its costs in thousands of roubles for
  the previous month, quarter and year (L547, L3523);
- the leader approves the sheet with its technology of measurement (L513); an approved sheet
  does not change (409);
- reminders of the quarterly measurement (L549).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Case, Value, When
from django.utils.translation import gettext as _

from agencies.indicators import notices, permissions, rules, selectors
from agencies.indicators.choices import (
    COST_MAX,
    INDICATORS_MAX,
    MIN_PER_SECTION,
    NAME_MAX_LENGTH,
    OBSERVATIONS_MAX,
    REMINDER_WORKING_DAYS,
    SECONDS_MAX,
    SECONDS_PLACES,
    TIMED_SECTIONS,
    Section,
    SheetStatus,
)
from agencies.indicators.models import Indicator, IndicatorSheet, Observation
from agencies.models import Agency, Person
from agencies.people import person_of
from core import calendar, notifications
from core.exceptions import ApplicationError, ConflictError
from core.models import Notice
from core.services import check_permission, full_clean_or_raise

EDIT_DENIED = _(
    "Лист показателей заполняет 5S-команда этого ОИВ ЯО / СППО (пункт 4.7 методических "
    "рекомендаций) или администратор."
)
NOT_SAVED = _("Лист показателей не сохранён: проверьте поля.")


@dataclass(frozen=True)
class ObservationRow:
    """One timing in seconds, with the expert or employee it is of (None when not named)."""

    seconds: Decimal
    person: Person | None = None


@dataclass
class IndicatorInput:
    """One row of Appendix 8: timed (paper, electronic, operation) with its observations, or a
    kind of material object (cost) with its costs for the previous month, quarter and year."""

    section: str
    name: str
    observations: Sequence[ObservationRow] = ()
    month: Decimal | None = None
    quarter: Decimal | None = None
    year: Decimal | None = None
    own: bool = False


@dataclass
class MethodInput:
    """The technology of measurement (L515–529)."""

    responsible: str = ""
    reports_to: str = ""
    participants: str = ""
    frequency: str = ""
    analyst: str = ""
    visualisation: str = ""
    own_form: bool = False

    FIELDS = (
        "responsible",
        "reports_to",
        "participants",
        "frequency",
        "analyst",
        "visualisation",
        "own_form",
    )


def row_key(index: int, name: str) -> str:
    """The detail key of a cell of the grid (core.forms.add_grid_error reads it back)."""
    return f"rows.{index}.{name}"


def _seconds_error(value: Any) -> str | None:
    try:
        seconds = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return _("Время указывается числом секунд.")
    if not seconds.is_finite() or seconds <= 0:
        return _("Время должно быть больше нуля секунд.")
    if seconds > SECONDS_MAX:
        return _("Время не больше %(max)s с.") % {"max": SECONDS_MAX}
    exponent = seconds.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > SECONDS_PLACES:
        return _("Время указывается в секундах не более чем с двумя знаками после запятой.")
    return None


def _cost_error(value: Decimal | None) -> str | None:
    if value is None:
        return _("Укажите затраты, тыс. руб.")
    if not Decimal(value).is_finite() or value < 0 or value > COST_MAX:
        return _("Затраты — неотрицательное число тыс. руб.")
    exponent = Decimal(value).as_tuple().exponent
    if isinstance(exponent, int) and -exponent > 2:
        return _("Затраты указываются в тыс. руб. не более чем с двумя знаками после запятой.")
    return None


def _row_errors(row: IndicatorInput, agency: Agency) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = " ".join((row.name or "").split())
    if not name:
        errors["name"] = _("Укажите показатель.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("Не более %(n)s символов.") % {"n": NAME_MAX_LENGTH}
    if row.section not in Section.values:
        errors["section"] = _("Выберите группу показателей.")
        return errors
    if row.section in TIMED_SECTIONS:
        if not row.observations:
            errors["observations"] = _(
                "Укажите время хотя бы одного наблюдения, в секундах (пункт 4.7)."
            )
        elif len(row.observations) > OBSERVATIONS_MAX:
            errors["observations"] = _("Не более %(n)s наблюдений.") % {"n": OBSERVATIONS_MAX}
        else:
            for observation in row.observations:
                message = _seconds_error(observation.seconds)
                person = observation.person
                if message is None and person is not None and person.agency_id != agency.pk:
                    message = _("%(name)s не работает в этом ОИВ ЯО / СППО.") % {
                        "name": person.full_name
                    }
                if message:
                    errors["observations"] = message
                    break
        if any(value is not None for value in (row.month, row.quarter, row.year)):
            errors["month"] = _("Затраты указываются только для материальных объектов.")
    else:
        if row.observations:
            errors["observations"] = _("Для материальных объектов указываются затраты, а не время.")
        for key, value in (("month", row.month), ("quarter", row.quarter), ("year", row.year)):
            message = _cost_error(value)
            if message:
                errors[key] = message
    return errors


def section_message(section: str, count: int) -> str:
    return _(
        "Раздел «%(section)s»: не менее %(min)s показателей (приложение 8 к методическим "
        "рекомендациям, инструкция по заполнению); указано: %(count)s."
    ) % {"section": Section(section).label, "min": MIN_PER_SECTION, "count": count}


def experts_message(agency: Agency, count: int) -> str:
    return _(
        "Экспертная группа — не менее 20 процентов фактической численности ОИВ ЯО или СППО "
        "(пункт 4.7): при фактической численности %(headcount)s человек — не менее %(need)s; "
        "указано: %(count)s."
    ) % {
        "headcount": agency.actual_headcount,
        "need": rules.experts_required(agency.actual_headcount or 0),
        "count": count,
    }


def _check_sheet(
    agency: Agency,
    date: datetime.date,
    experts: list[Person],
    indicators: Sequence[IndicatorInput],
) -> None:
    errors: dict[str, str] = {}
    if date > calendar.today():
        errors["date"] = _("Лист показателей заполняется по результатам проведённого измерения.")
    if agency.actual_headcount is None:
        errors["experts"] = _(
            "Укажите фактическую численность ОИВ ЯО / СППО: от неё считается экспертная группа "
            "(не менее 20 процентов, пункт 4.7)."
        )
    elif len(experts) < rules.experts_required(agency.actual_headcount):
        errors["experts"] = experts_message(agency, len(experts))
    outsiders = [person.full_name for person in experts if person.agency_id != agency.pk]
    if outsiders:
        errors["experts"] = _(
            "Экспертная группа формируется из сотрудников ОИВ ЯО или СППО (пункт 4.7); не из "
            "этого ОИВ ЯО / СППО: %(names)s."
        ) % {"names": ", ".join(outsiders)}
    if len(indicators) > INDICATORS_MAX:
        errors["indicators"] = _("Не более %(n)s показателей.") % {"n": INDICATORS_MAX}
    counts = Counter(row.section for row in indicators)
    for section in Section.values:
        if rules.section_short(counts.get(section, 0)):
            errors[f"indicators.{section}"] = section_message(section, counts.get(section, 0))
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(indicators):
        row_errors = _row_errors(row, agency)
        key = (row.section, " ".join((row.name or "").split()).casefold())
        if "name" not in row_errors and key in seen:
            row_errors["name"] = _("Этот показатель уже есть в разделе (строка %(row)s).") % {
                "row": seen[key] + 1
            }
        seen.setdefault(key, index)
        for name, text in row_errors.items():
            errors[row_key(index, name)] = text
    if errors:
        raise ApplicationError(NOT_SAVED, details=errors)


def _stats_fields(seconds: list[Decimal]) -> dict[str, Any]:
    result = rules.stats(seconds)
    if result is None:
        return {"max_seconds": None, "avg_seconds": None, "min_seconds": None, "count": 0}
    return {
        "max_seconds": result.max,
        "avg_seconds": result.avg,
        "min_seconds": result.min,
        "count": result.count,
    }


def _lock_agency(agency_id: int) -> Agency:
    return Agency.objects.select_for_update().get(pk=agency_id)


def _mark_initial(agency_id: int) -> None:
    """The agency's earliest sheet is its initial state (L557), its latest the current one,
    which keeps the change against the initial state (selectors.agency_trends) for the
    region's view: a fixed number of queries whatever the number of sheets."""
    sheets = IndicatorSheet.objects.filter(agency_id=agency_id)
    first = sheets.order_by("date").values_list("pk", flat=True).first()
    last = sheets.order_by("-date").values_list("pk", flat=True).first()
    sheets.update(
        is_initial=Case(When(pk=first, then=Value(True)), default=Value(False)),
        is_latest=Case(When(pk=last, then=Value(True)), default=Value(False)),
        time_change=None,
        cost_change=None,
    )
    if last is None:
        return
    trends = selectors.agency_trends(agency=Agency.objects.get(pk=agency_id))
    sheets.filter(pk=last).update(time_change=trends.time_change, cost_change=trends.cost_change)


def _apply_method(sheet: IndicatorSheet, method: MethodInput | None) -> None:
    method = method or MethodInput()
    for name in MethodInput.FIELDS:
        value = getattr(method, name)
        setattr(sheet, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def sheet_create(
    *,
    actor: Any,
    agency: Agency,
    date: datetime.date,
    experts: Sequence[Person],
    indicators: Sequence[IndicatorInput],
    method: MethodInput | None = None,
) -> IndicatorSheet:
    """The agency's sheet on a date (one per agency and date) with its expert group, its
    indicators and their observations or costs. Refused as a whole (nothing saved) when a rule
    fails: the details name the section, the expert group or the row's cell."""
    check_permission(permissions.can_edit_sheets(actor, agency.pk), EDIT_DENIED)
    # The agency's row is the lock of its sheets: the initial and latest marks (and the change
    # kept on the latest) are worked out by one writer at a time; the headcount as it is now.
    agency = _lock_agency(agency.pk)
    experts = list({person.pk: person for person in experts}.values())
    _check_sheet(agency, date, experts, indicators)
    sheet = IndicatorSheet(
        agency=agency,
        date=date,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _apply_method(sheet, method)
    full_clean_or_raise(sheet, message=NOT_SAVED, validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            sheet.save()
    except IntegrityError as error:
        raise ApplicationError(
            NOT_SAVED, details={"date": _("Лист показателей на эту дату уже есть.")}
        ) from error
    sheet.experts.set(experts)
    rows = []
    for index, row in enumerate(indicators):
        values = _stats_fields([Decimal(o.seconds) for o in row.observations])
        rows.append(
            Indicator(
                sheet=sheet,
                position=index + 1,
                section=row.section,
                name=" ".join(row.name.split()),
                own=row.own,
                max_seconds=values["max_seconds"],
                avg_seconds=values["avg_seconds"],
                min_seconds=values["min_seconds"],
                observation_count=values["count"],
                cost_month=row.month if row.section == Section.COST else None,
                cost_quarter=row.quarter if row.section == Section.COST else None,
                cost_year=row.year if row.section == Section.COST else None,
            )
        )
    created = Indicator.objects.bulk_create(rows)
    recorded_by = sheet.created_by
    Observation.objects.bulk_create(
        [
            Observation(
                indicator=indicator,
                person=observation.person,
                seconds=Decimal(observation.seconds),
                recorded_by=recorded_by,
            )
            for indicator, row in zip(created, indicators, strict=True)
            for observation in row.observations
        ]
    )
    _mark_initial(agency.pk)
    sheet.refresh_from_db(fields=["is_initial", "is_latest"])
    return sheet


@dataclass(frozen=True)
class ObservationEntry:
    """A timing recorded on an existing sheet as it is measured (L541, L545)."""

    indicator: Indicator
    seconds: Decimal
    person: Person | None = None


@transaction.atomic
def observations_record(
    *, actor: Any, sheet: IndicatorSheet, entries: Sequence[ObservationEntry]
) -> int:
    """Add timings to a draft sheet (the observation grid): each row its own message, nothing
    saved when one fails; the indicators' max / average / min are computed again from all their
    observations. An approved sheet does not change (409). Returns the number recorded."""
    check_permission(permissions.can_edit_sheets(actor, sheet.agency_id), EDIT_DENIED)
    _lock_agency(sheet.agency_id)
    sheet = IndicatorSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.is_approved:
        raise ConflictError(_("Лист показателей утверждён и не изменяется."))
    errors: dict[str, str] = {}
    for index, entry in enumerate(entries):
        if entry.indicator.sheet_id != sheet.pk or not entry.indicator.is_timed:
            errors[row_key(index, "indicator")] = _("Выберите документ или действие этого листа.")
            continue
        message = _seconds_error(entry.seconds)
        if (
            message is None
            and entry.person is not None
            and entry.person.agency_id != sheet.agency_id
        ):
            message = _("%(name)s не работает в этом ОИВ ЯО / СППО.") % {
                "name": entry.person.full_name
            }
        if message:
            errors[row_key(index, "seconds")] = message
    if not entries:
        errors["rows"] = _("Внесите хотя бы одно наблюдение.")
    if errors:
        raise ApplicationError(_("Наблюдения не внесены: проверьте строки."), details=errors)
    Observation.objects.bulk_create(
        [
            Observation(
                indicator=entry.indicator,
                person=entry.person,
                seconds=Decimal(entry.seconds),
                recorded_by=actor if getattr(actor, "pk", None) else None,
            )
            for entry in entries
        ]
    )
    _recompute({entry.indicator.pk for entry in entries})
    _mark_initial(sheet.agency_id)
    return len(entries)


def _recompute(indicator_ids: set[int]) -> None:
    """Max / average / min of each indicator from all its observations (one read, one write)."""
    seconds: dict[int, list[Decimal]] = defaultdict(list)
    for indicator_id, value in Observation.objects.filter(
        indicator_id__in=indicator_ids
    ).values_list("indicator_id", "seconds"):
        seconds[indicator_id].append(value)
    indicators = list(Indicator.objects.filter(pk__in=indicator_ids))
    for indicator in indicators:
        values = _stats_fields(seconds[indicator.pk])
        indicator.max_seconds = values["max_seconds"]
        indicator.avg_seconds = values["avg_seconds"]
        indicator.min_seconds = values["min_seconds"]
        indicator.observation_count = values["count"]
    Indicator.objects.bulk_update(
        indicators, ["max_seconds", "avg_seconds", "min_seconds", "observation_count"]
    )


@transaction.atomic
def sheet_approve(
    *, actor: Any, sheet: IndicatorSheet, approved_on: datetime.date | None = None
) -> IndicatorSheet:
    """The leader approves the sheet's form and technology of measurement (L513), an
    administrator on the leader's behalf. Approving an approved sheet is 409."""
    check_permission(
        permissions.can_approve_sheet(actor, sheet.agency_id),
        _(
            "Форму листа показателей и технологию измерения утверждает лидер 5S-команды "
            "(пункт 4.7)."
        ),
    )
    sheet = IndicatorSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.is_approved:
        raise ConflictError(_("Лист показателей уже утверждён."))
    approved_on = approved_on or calendar.today()
    if approved_on < sheet.date or approved_on > calendar.today():
        raise ApplicationError(
            _("Лист показателей не утверждён."),
            details={
                "approved_on": _("Дата утверждения — не раньше даты измерения и не позже сегодня.")
            },
        )
    person = person_of(actor)
    leader = selectors.team_leader(agency_id=sheet.agency_id)
    sheet.status = SheetStatus.APPROVED
    sheet.approved_on = approved_on
    sheet.approver = person if permissions.is_leader_of(actor, sheet.agency_id) else leader
    sheet.approved_by = actor
    sheet.save(update_fields=["status", "approved_on", "approver", "approved_by"])
    return sheet


@transaction.atomic
def sheet_delete(*, actor: Any, sheet: IndicatorSheet) -> None:
    """Remove a draft entered by mistake; an approved sheet stays (409)."""
    check_permission(permissions.can_edit_sheets(actor, sheet.agency_id), EDIT_DENIED)
    _lock_agency(sheet.agency_id)
    if sheet.is_approved:
        raise ConflictError(_("Лист показателей утверждён и не удаляется."))
    agency_id = sheet.agency_id
    sheet.delete()
    _mark_initial(agency_id)


@transaction.atomic
def actual_headcount_update(*, actor: Any, agency: Agency, actual_headcount: int | None) -> Agency:
    """The agency's actual headcount (L535 «фактической численности»), next to its
    establishment headcount: administrators and the agency's team leaders."""
    check_permission(
        permissions.can_edit_headcount(actor, agency),
        _("Фактическую численность указывают администратор и лидер 5S-команды ОИВ ЯО / СППО."),
    )
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    agency.actual_headcount = actual_headcount
    full_clean_or_raise(agency, message=_("Данные не сохранены: проверьте поля."))
    agency.save(update_fields=["actual_headcount"])
    return agency


# --- Reminders of the quarterly measurement (L549) -----------------------------------------


@transaction.atomic
def indicator_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell the leaders of each agency's 5S teams that its next measurement is due (a few
    working days before the end of the quarter it falls due in) or overdue (from the day
    after); once per sheet, recipient, kind and due date (core.notifications). The daily beat
    task calls this; running it twice sends nothing twice. Returns the number of new notices."""
    today = today or calendar.today()
    due = selectors.measurements_due(today=today)
    leaders = selectors.leader_users([row.agency_id for row in due])
    before = Notice.objects.filter(kind__in=[notices.DUE, notices.OVERDUE]).count()
    for row in due:
        overdue = rules.is_overdue(row.last_date, today)
        if not overdue and calendar.add_working_days(today, REMINDER_WORKING_DAYS) < row.due_on:
            continue
        notifications.notify(
            kind=notices.OVERDUE if overdue else notices.DUE,
            subject=row.sheet,
            recipients=leaders.get(row.agency_id, []),
            due_on=row.due_on,
        )
    return Notice.objects.filter(kind__in=[notices.DUE, notices.OVERDUE]).count() - before
