"""Recording and confirming the head's walk-rounds (§4.5, L461–463) and reminding the head
and the team leader before a half-year ends without one."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, Person
from agencies.walkrounds import permissions, selectors
from agencies.walkrounds.choices import (
    CONFIRM_KIND,
    REMINDER_KIND,
    REMINDER_WORKING_DAYS,
    Aspect,
    WalkRoundStatus,
)
from agencies.walkrounds.models import WalkRound
from core import calendar, notifications
from core.exceptions import ApplicationError, ConflictError
from core.services import check_permission, full_clean_or_raise, update_from
from core.validators import past_date_error

# The fields a record or its correction may set (declared once).
WALK_ROUND_FIELDS = (
    "date",
    "head",
    "leader",
    "curator",
    "curator_took_part",
    "aspects",
    "looked_at",
    "remarks",
)


@dataclass(frozen=True)
class WalkRoundInput:
    date: datetime.date | None
    leader: Person | None
    looked_at: str
    remarks: str = ""
    aspects: list[str] = field(default_factory=list)
    curator_invited: bool = False
    curator_took_part: bool = False
    head: Person | None = None  # the agency's head by default


def team_leaders_of(agency: Agency) -> list[Person]:
    return [team.leader for team in agency.teams.select_related("leader__user")]


def _values(agency: Agency, data: WalkRoundInput) -> dict:
    """The record's fields from the input, refused field by field when a rule is broken."""
    errors: dict[str, str] = {}
    if data.date is None:
        errors["date"] = _("Укажите дату обхода.")
    elif data.date > calendar.today():
        errors["date"] = _("Обход вносится после того, как он проведён: дата не позже сегодняшней.")
    elif implausible := past_date_error(data.date):
        errors["date"] = implausible
    head = data.head or agency.head
    if head is None:
        errors["head"] = _("У ОИВ ЯО / СППО не указан руководитель: обход проводит он (пункт 4.5).")
    elif head.agency_id != agency.pk:
        errors["head"] = _("Обход проводит руководитель этого ОИВ ЯО / СППО.")
    leaders = team_leaders_of(agency)
    if data.leader is None:
        errors["leader"] = _(
            "При проведении обходов обязательно присутствие лидера 5S-команды (пункт 4.5)."
        )
    elif data.leader.pk not in {p.pk for p in leaders}:
        errors["leader"] = _("Укажите лидера 5S-команды этого ОИВ ЯО / СППО.")
    if data.curator_invited and agency.curator_id is None:
        errors["curator_invited"] = _(
            "У ОИВ ЯО / СППО не указан курирующий заместитель Губернатора."
        )
    if data.curator_took_part and not data.curator_invited:
        errors["curator_took_part"] = _("Принять участие мог только приглашённый заместитель.")
    unknown = [a for a in data.aspects if a not in Aspect.values]
    if unknown:
        errors["aspects"] = _("Неизвестные пункты осмотра: %(items)s.") % {
            "items": ", ".join(unknown)
        }
    if not (data.looked_at or "").strip():
        errors["looked_at"] = _("Укажите, что осмотрено во время обхода.")
    if errors:
        raise ApplicationError(_("Обход не сохранён: проверьте поля."), details=errors)
    return {
        "date": data.date,
        "head": head,
        "leader": data.leader,
        "curator": agency.curator if data.curator_invited else None,
        "curator_took_part": data.curator_took_part,
        "aspects": [a for a in Aspect.values if a in data.aspects],
        "looked_at": data.looked_at.strip(),
        "remarks": (data.remarks or "").strip(),
    }


@transaction.atomic
def walk_round_create(*, actor, agency: Agency, data: WalkRoundInput) -> WalkRound:
    """Record a walk-round. Recorded by the head, it is confirmed at once; recorded by the team,
    the head is asked to confirm it."""
    check_permission(
        permissions.can_record(actor, agency),
        _("Обход вносят руководитель ОИВ ЯО / СППО и его 5S-команда."),
    )
    walk_round = WalkRound(agency=agency, created_by=actor, **_values(agency, data))
    if permissions.is_head_of(actor, agency):
        walk_round.status = WalkRoundStatus.CONFIRMED
        walk_round.confirmed_by = actor
        walk_round.confirmed_on = calendar.today()
    full_clean_or_raise(walk_round)
    walk_round.save()
    if not walk_round.is_confirmed and walk_round.head is not None:
        notifications.notify(kind=CONFIRM_KIND, subject=walk_round, recipients=[walk_round.head])
    return walk_round


@transaction.atomic
def walk_round_update(*, actor, walk_round: WalkRound, data: WalkRoundInput) -> WalkRound:
    """Correct a record the head has not confirmed yet (a confirmed one is a conflict)."""
    walk_round = (
        WalkRound.objects.select_for_update().select_related("agency").get(pk=walk_round.pk)
    )
    check_permission(
        permissions.can_record(actor, walk_round.agency),
        _("Обход вносят руководитель ОИВ ЯО / СППО и его 5S-команда."),
    )
    if walk_round.is_confirmed:
        raise ConflictError(_("Обход подтверждён руководителем: запись не меняется."))
    changed = update_from(walk_round, _values(walk_round.agency, data), WALK_ROUND_FIELDS)
    full_clean_or_raise(walk_round)
    if changed:
        walk_round.save(update_fields=changed)
    return walk_round


@transaction.atomic
def walk_round_confirm(
    *, actor, walk_round: WalkRound, confirmed_on: datetime.date | None = None
) -> WalkRound:
    """The head confirms the record (an administrator may on the head's behalf)."""
    walk_round = (
        WalkRound.objects.select_for_update().select_related("agency").get(pk=walk_round.pk)
    )
    check_permission(
        permissions.can_confirm(actor, walk_round.agency),
        _("Обход подтверждает руководитель ОИВ ЯО / СППО."),
    )
    if walk_round.is_confirmed:
        raise ConflictError(_("Обход уже подтверждён."))
    confirmed_on = confirmed_on or calendar.today()
    if confirmed_on < walk_round.date or confirmed_on > calendar.today():
        raise ApplicationError(
            _("Обход не подтверждён."),
            details={"confirmed_on": _("Дата подтверждения — между датой обхода и сегодняшней.")},
        )
    walk_round.status = WalkRoundStatus.CONFIRMED
    walk_round.confirmed_by = actor
    walk_round.confirmed_on = confirmed_on
    walk_round.confirmed_on_behalf = permissions.confirms_on_behalf(actor, walk_round.agency)
    walk_round.save(update_fields=["status", "confirmed_by", "confirmed_on", "confirmed_on_behalf"])
    return walk_round


def reminder_due(today: datetime.date, half_year_end: datetime.date) -> bool:
    """The head and the leader are reminded from REMINDER_WORKING_DAYS working days before the
    half-year's last day."""
    return today >= calendar.add_working_days(half_year_end, -REMINDER_WORKING_DAYS)


@transaction.atomic
def walk_round_reminders_send(*, today: datetime.date | None = None) -> int:
    """The beat job: every agency whose half-year is running out (or overdue) without a
    walk-round gets one reminder per half-year for its head and team leaders (keyed by the
    half-year's end, so a second run sends nothing)."""
    today = today or calendar.today()
    sent = 0
    rows = selectors.overview(user=None, today=today, all_agencies=True)
    for row in rows:
        status = row.half_year
        if status.is_done or not (status.is_overdue or reminder_due(today, status.end)):
            continue
        agency = row.agency
        people = ([agency.head] if agency.head_id else []) + team_leaders_of(agency)
        if not people:
            continue
        notifications.notify(
            kind=REMINDER_KIND, subject=agency, recipients=people, due_on=status.end
        )
        sent += 1
    return sent
