"""Writes of the information board (§4.9, L561–597): setting it up with its two responsible
members (L583), recording an update of the physical board with a photo (L583, L589; criterion
2.6), an employee's proposal or remark about it (L595), and the reminders (L583, L589)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.board import permissions, selectors
from agencies.board.choices import (
    DUE_KIND,
    LESSON_KEYS,
    OVERDUE_KIND,
    PROPOSAL_WHERE,
    BoardState,
    RemarkKind,
    lesson_field,
)
from agencies.board.models import BoardRemark, BoardUpdate, InformationBoard
from agencies.models import Agency, FiveSTeam, Person
from agencies.people import person_of
from agencies.proposals.services import proposal_submit
from core import calendar, notifications
from core.exceptions import ApplicationError
from core.images import process_image
from core.services import check_permission, full_clean_or_raise, update_from
from core.validators import past_date_error

LESSON_FIELDS = tuple(lesson_field(key) for key in LESSON_KEYS)
BOARD_FIELDS = ("goal", "place", "size", "collector", "designer", *LESSON_FIELDS)


@transaction.atomic
def board_save(
    *,
    actor: Any,
    agency: Agency,
    collector: Person | None,
    designer: Person | None,
    goal: str = "",
    place: str = "",
    size: str = "",
    lessons: Mapping[str, str] | None = None,
) -> InformationBoard:
    """Set up the board or change it: goal and mission, place, size, the two responsible
    members of the 5S team — two different people (L583) — and the mini-lessons of Appendix 11
    (L3675, L3677) keyed by `LESSONS` («sorting» … «sustain»); a lesson not given is kept."""
    check_permission(
        permissions.can_edit(actor, agency.pk),
        _("Информационный стенд ведёт 5S-команда ОИВ ЯО / СППО."),
    )
    members = {p.pk for p in selectors.team_people(agency)}
    errors: dict[str, str] = {}
    for name, person in (("collector", collector), ("designer", designer)):
        if person is None:
            errors[name] = _("Назначьте члена 5S-команды (пункт 4.9).")
        elif person.pk not in members:
            errors[name] = _("Назначается член 5S-команды этого ОИВ ЯО / СППО.")
    if collector is not None and designer is not None and collector.pk == designer.pk:
        errors["designer"] = _(
            "За стенд отвечают два члена 5S-команды: один обновляет информацию, другой "
            "обеспечивает её наглядность (пункт 4.9)."
        )
    unknown = sorted(set(lessons or {}) - set(LESSON_KEYS))
    if unknown:
        errors["lessons"] = _("Неизвестный мини-урок: %(keys)s.") % {"keys": ", ".join(unknown)}
    if errors:
        raise ApplicationError(_("Стенд не сохранён: проверьте поля."), details=errors)
    values: dict[str, Any] = {
        "goal": (goal or "").strip(),
        "place": " ".join((place or "").split()),
        "size": " ".join((size or "").split()),
        "collector": collector,
        "designer": designer,
    }
    for key, text in (lessons or {}).items():
        values[lesson_field(key)] = (text or "").strip()
    # Two first saves at once: the agency's row is locked, so the second finds the board the
    # first made and changes it instead of failing on the one-board-per-agency rule.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    board = InformationBoard.objects.select_for_update().filter(agency=agency).first()
    if board is None:
        board = InformationBoard(agency=agency, set_up_on=calendar.today(), **values)
        board.changed_by = actor
        full_clean_or_raise(board, message=_("Стенд не сохранён: проверьте поля."))
        board.save()
        return board
    changed = update_from(board, values, BOARD_FIELDS)
    full_clean_or_raise(board, message=_("Стенд не сохранён: проверьте поля."))
    if changed:
        board.changed_by = actor
        board.save(update_fields=[*changed, "changed_by"])
    return board


@transaction.atomic
def board_update_record(
    *,
    actor: Any,
    agency: Agency,
    date: datetime.date | None,
    photo: Any,
    person: Person | None = None,
    note: str = "",
) -> BoardUpdate:
    """Record an update of the physical board (L583, L589): the day, who updated it (the actor's
    own person by default) and a photo of the board, validated and thumbnailed by core.images."""
    check_permission(
        permissions.can_edit(actor, agency.pk),
        _("Обновление стенда вносит 5S-команда ОИВ ЯО / СППО."),
    )
    person = person or person_of(actor)
    errors: dict[str, str] = {}
    if date is None:
        errors["date"] = _("Укажите дату обновления стенда.")
    elif implausible := past_date_error(date):
        errors["date"] = implausible
    if person is None:
        errors["person"] = _("Укажите, кто обновил стенд.")
    elif not selectors.team_people(agency).filter(pk=person.pk).exists():
        errors["person"] = _("Стенд обновляет член 5S-команды этого ОИВ ЯО / СППО.")
    if not photo:
        errors["photo"] = _("Приложите фотоснимок обновлённого стенда.")
    if errors or date is None:
        raise ApplicationError(_("Обновление стенда не сохранено."), details=errors)
    image = process_image(photo, field="photo")
    update = BoardUpdate(
        agency=agency,
        date=date,
        person=person,
        note=(note or "").strip(),
        content_type=image.content_type,
        width=image.width,
        height=image.height,
        recorded_by=actor,
    )
    update.image.save(image.name, ContentFile(image.content), save=False)
    update.thumbnail.save(image.thumbnail_name, ContentFile(image.thumbnail), save=False)
    full_clean_or_raise(update, message=_("Обновление стенда не сохранено."))
    update.save()
    return update


@transaction.atomic
def board_remark_add(*, actor: Any, agency: Agency, text: str, kind: str) -> BoardRemark:
    """An employee's proposal or remark about the board (L595). A proposal is also submitted as
    an improvement proposal (§9.1, L1435) and linked, so the team takes it through its stages."""
    check_permission(
        permissions.can_remark(actor, agency.pk),
        _("Предложение или замечание по стенду оставляет сотрудник этого ОИВ ЯО / СППО."),
    )
    text = (text or "").strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = _("Напишите предложение или замечание.")
    if kind not in RemarkKind.values:
        errors["kind"] = _("Выберите: предложение или замечание.")
    if errors:
        raise ApplicationError(_("Не сохранено: проверьте поля."), details=errors)
    author = person_of(actor)
    remark = BoardRemark(
        agency=agency,
        kind=kind,
        text=text,
        author=author if author is not None and author.agency_id == agency.pk else None,
        submitted_by=actor,
    )
    full_clean_or_raise(remark, message=_("Не сохранено: проверьте поля."))
    if kind == RemarkKind.PROPOSAL:
        remark.proposal = proposal_submit(
            actor=actor, agency=agency, what=text, where=PROPOSAL_WHERE, problem=text
        )
    remark.save()
    return remark


def responsible_people(board: InformationBoard) -> list[Person]:
    """Who is reminded: the member who updates the board (L583), else the team's leaders."""
    if board.collector_id is not None:
        return [board.collector]  # type: ignore[list-item]
    return [
        team.leader
        for team in FiveSTeam.objects.filter(agencies=board.agency_id).select_related(
            "leader__user"
        )
    ]


@transaction.atomic
def board_reminders_send(*, today: datetime.date | None = None) -> int:
    """The beat job: a board due (two weeks since its update, L583) reminds its responsible
    member once per due date; a board not updated for more than a month (L589, criterion 2.6)
    once more, as overdue. Keyed by the date, so a second run sends nothing."""
    today = today or calendar.today()
    sent = 0
    for row in selectors.board_statuses(today=today):
        status = row.status
        if not status.is_due:
            continue
        if status.state == BoardState.OVERDUE:
            kind, due_on = OVERDUE_KIND, status.overdue_after
        else:
            kind, due_on = DUE_KIND, status.due_on
        people = responsible_people(row.board)
        if people:
            notifications.notify(kind=kind, subject=row.board, recipients=people, due_on=due_on)
            sent += 1
    return sent
