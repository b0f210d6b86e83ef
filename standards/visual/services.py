"""Writes of visual control (Appendix 28, seed 003 L4875–4981) and of the records criteria 4.6
(error-proofing, L2465) and 4.7 (the emergency procedure, L2475) are scored against.

- A list of control points is compiled for a room by the 5S team (up to three compilers sign
  it, the form's «Перечень составили») and agreed by the team leader (note 4, L4927). An agreed
  list is not changed: a new list is compiled (it keeps the agreed one's history).
- Error-proofing measures are kept by the team.
- The emergency procedure is drafted by the team and approved by the head («порядок действий
  утверждён», L2477); an approved one is not changed.
"""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, Person, Room
from agencies.people import person_of
from core import calendar
from core.exceptions import ApplicationError, ConflictError
from core.services import check_permission, full_clean_or_raise, update_from
from standards.visual import permissions
from standards.visual.choices import COMPILERS_MAX, ListStatus, ProcedureStatus
from standards.visual.models import (
    EmergencyProcedure,
    ErrorProofing,
    VisualControlList,
    VisualControlPoint,
)

POINT_FIELDS = ("category", "control_point", "requirement", "checker")
PROOFING_FIELDS = ("room", "error", "measure", "in_force")
PROCEDURE_FIELDS = ("title", "steps", "posted_at", "equipment")

EDIT_REFUSED = _("Перечень точек визуального контроля составляет 5S-команда.")


class PointRow(TypedDict, total=False):
    point: VisualControlPoint | None
    category: str
    control_point: str
    requirement: str
    checker: Person | None
    delete: bool


def _check_people(agency: Agency, people: Sequence[Person | None], field: str) -> None:
    strangers = [p for p in people if p is not None and p.agency_id != agency.pk]
    if strangers:
        raise ApplicationError(
            _("Указаны сотрудники другого ОИВ ЯО / СППО."),
            {field: ", ".join(p.full_name for p in strangers)},
        )


def _save_points(control_list: VisualControlList, rows: Sequence[PointRow]) -> None:
    """The rows given become the list's rows: points not among them are deleted."""
    kept = [point.pk for row in rows if (point := row.get("point")) is not None]
    control_list.points.exclude(pk__in=kept).delete()
    errors: dict[str, str] = {}
    position = 0
    for index, row in enumerate(rows):
        point = row.get("point")
        if point is not None and point.control_list_id != control_list.pk:
            errors[f"{index}.point"] = _("Точка другого перечня.")
            continue
        if row.get("delete"):
            if point is not None:
                point.delete()
            continue
        checker = row.get("checker")
        if checker is not None and checker.agency_id != control_list.agency_id:
            errors[f"{index}.checker"] = _("Сотрудник другого ОИВ ЯО / СППО.")
            continue
        position += 1
        point = point or VisualControlPoint(control_list=control_list)
        update_from(point, row, POINT_FIELDS)
        point.position = position
        try:
            full_clean_or_raise(point)
        except ApplicationError as error:
            errors.update({f"{index}.{k}": v for k, v in error.details.items()})
            continue
        point.save()
    if errors:
        raise ApplicationError(_("Перечень не сохранён: проверьте строки."), details=errors)


@transaction.atomic
def list_create(
    *,
    actor: User,
    agency: Agency,
    room: Room,
    compiled_on: datetime.date | None = None,
    compilers: Sequence[Person] = (),
    points: Sequence[PointRow] = (),
) -> VisualControlList:
    check_permission(permissions.can_edit(actor, agency.pk), EDIT_REFUSED)
    if room.agency_id != agency.pk:
        raise ApplicationError(
            _("Помещение другого ОИВ ЯО / СППО."), {"room": _("Чужое помещение.")}
        )
    if len(compilers) > COMPILERS_MAX:
        raise ApplicationError(
            _("Перечень подписывают не более %(n)s составителей (приложение 28).")
            % {"n": COMPILERS_MAX},
            {"compilers": _("Слишком много составителей.")},
        )
    _check_people(agency, list(compilers), "compilers")
    control_list = VisualControlList(
        agency=agency, room=room, compiled_on=compiled_on or calendar.today()
    )
    full_clean_or_raise(control_list)
    control_list.save()
    control_list.compilers.set(compilers)
    _save_points(control_list, points)
    return control_list


@transaction.atomic
def list_update(
    *,
    actor: User,
    control_list: VisualControlList,
    data: Mapping[str, Any] | None = None,
    points: Sequence[PointRow] | None = None,
) -> VisualControlList:
    check_permission(permissions.can_edit(actor, control_list.agency_id), EDIT_REFUSED)
    control_list = VisualControlList.objects.select_for_update().get(pk=control_list.pk)
    if control_list.status != ListStatus.DRAFT:
        raise ConflictError(_("Перечень согласован: составьте новый перечень."))
    data = data or {}
    if "compiled_on" in data:
        control_list.compiled_on = data["compiled_on"]
        control_list.save(update_fields=["compiled_on"])
    if "compilers" in data:
        compilers = list(data["compilers"])
        if len(compilers) > COMPILERS_MAX:
            raise ApplicationError(
                _("Перечень подписывают не более %(n)s составителей (приложение 28).")
                % {"n": COMPILERS_MAX},
                {"compilers": _("Слишком много составителей.")},
            )
        _check_people(control_list.agency, compilers, "compilers")
        control_list.compilers.set(compilers)
    if points is not None:
        _save_points(control_list, points)
    return control_list


@transaction.atomic
def list_agree(
    *, actor: User, control_list: VisualControlList, today: datetime.date | None = None
) -> VisualControlList:
    """«СОГЛАСОВАНО Лидер 5S-команды» (Appendix 28, note 4, L4927)."""
    check_permission(
        permissions.can_agree_visual_list(actor, control_list.agency_id),
        _("Перечень согласует лидер 5S-команды."),
    )
    control_list = VisualControlList.objects.select_for_update().get(pk=control_list.pk)
    if control_list.status != ListStatus.DRAFT:
        raise ConflictError(_("Перечень уже согласован."))
    if not control_list.points.exists():
        raise ApplicationError(
            _("В перечне нет ни одной точки контроля."), {"points": _("Добавьте точки контроля.")}
        )
    control_list.status = ListStatus.AGREED
    control_list.agreed_by = actor
    control_list.leader = person_of(actor)
    control_list.agreed_on = today or calendar.today()
    control_list.save(update_fields=["status", "agreed_by", "leader", "agreed_on"])
    return control_list


def _proofing_errors(proofing: ErrorProofing) -> None:
    room: Room | None = proofing.room if proofing.room_id else None
    if room is not None and room.agency_id != proofing.agency_id:
        raise ApplicationError(
            _("Помещение другого ОИВ ЯО / СППО."), {"room": _("Чужое помещение.")}
        )
    full_clean_or_raise(proofing)


@transaction.atomic
def proofing_create(*, actor: User, agency: Agency, data: Mapping[str, Any]) -> ErrorProofing:
    """A means of error-proofing (criterion 4.6, L2465)."""
    check_permission(
        permissions.can_edit(actor, agency.pk), _("Защиту от ошибок ведёт 5S-команда.")
    )
    proofing = ErrorProofing(agency=agency, **{f: data[f] for f in PROOFING_FIELDS if f in data})
    _proofing_errors(proofing)
    proofing.save()
    return proofing


@transaction.atomic
def proofing_update(
    *, actor: User, proofing: ErrorProofing, data: Mapping[str, Any]
) -> ErrorProofing:
    check_permission(
        permissions.can_edit(actor, proofing.agency_id), _("Защиту от ошибок ведёт 5S-команда.")
    )
    changed = update_from(proofing, data, PROOFING_FIELDS)
    if changed:
        _proofing_errors(proofing)
        proofing.save(update_fields=changed)
    return proofing


@transaction.atomic
def procedure_create(*, actor: User, agency: Agency, data: Mapping[str, Any]) -> EmergencyProcedure:
    """A draft emergency procedure (criterion 4.7: «разработан проект порядка действий»)."""
    check_permission(
        permissions.can_edit(actor, agency.pk),
        _("Порядок действий в чрезвычайной ситуации разрабатывает 5S-команда."),
    )
    procedure = EmergencyProcedure(
        agency=agency, **{f: data[f] for f in PROCEDURE_FIELDS if f in data}
    )
    full_clean_or_raise(procedure)
    procedure.save()
    return procedure


@transaction.atomic
def procedure_update(
    *, actor: User, procedure: EmergencyProcedure, data: Mapping[str, Any]
) -> EmergencyProcedure:
    check_permission(
        permissions.can_edit(actor, procedure.agency_id),
        _("Порядок действий в чрезвычайной ситуации разрабатывает 5S-команда."),
    )
    procedure = EmergencyProcedure.objects.select_for_update().get(pk=procedure.pk)
    if procedure.status != ProcedureStatus.DRAFT and set(data) - {"posted_at", "equipment"}:
        raise ConflictError(_("Порядок действий утверждён: его текст не меняется."))
    changed = update_from(procedure, data, PROCEDURE_FIELDS)
    if changed:
        full_clean_or_raise(procedure)
        procedure.save(update_fields=changed)
    return procedure


@transaction.atomic
def procedure_approve(
    *, actor: User, procedure: EmergencyProcedure, today: datetime.date | None = None
) -> EmergencyProcedure:
    """The head approves the procedure (criterion 4.7, L2477: «порядок действий утверждён»);
    an administrator may record it on the head's behalf."""
    check_permission(
        permissions.may_approve_for(actor, procedure.agency),
        _("Порядок действий утверждает руководитель ОИВ ЯО / СППО."),
    )
    procedure = (
        EmergencyProcedure.objects.select_for_update().select_related("agency").get(pk=procedure.pk)
    )
    if procedure.status != ProcedureStatus.DRAFT:
        raise ConflictError(_("Порядок действий уже утверждён."))
    on_behalf = permissions.approves_on_behalf(actor, procedure.agency)
    procedure.status = ProcedureStatus.APPROVED
    procedure.approved_by = actor
    procedure.approver = procedure.agency.head if on_behalf else person_of(actor)
    procedure.approved_on = today or calendar.today()
    procedure.save(update_fields=["status", "approved_by", "approver", "approved_on"])
    return procedure
