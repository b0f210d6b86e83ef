"""Writes of «Set in order» (step 2, §6 of the methodological recommendations, seed 003
L770–950; Appendix 21).

- The 5S team uploads a room's current-state map (§6.2, L825–847) and its rational-placement
  scheme (§6.3, L853–893) as an image or a PDF; each upload is a new version, the earlier ones
  are kept. The head approves the scheme (L893); approving a version older than the newest is
  a conflict (the team has redrawn it since).
- The leader draws up the placement schedule: one row per room, with the one person
  responsible for its rational placement and the days (L901); the head agrees it; within 3
  working days the leader sends its paper copy to the group head (L907), reminded through
  `core.notifications`.
- The team writes the list of items that may be kept on a desk, the storage rules and the
  visualisation rules (L883–889, Appendix 21) as one document; each edition is a new version
  approved by the head (L893).

Each service checks the right first (403, nothing saved), locks what it numbers, validates
and writes; a broken rule is an ApplicationError (400), a state that no longer allows the
action a ConflictError (409).
"""

import datetime
import uuid
from collections.abc import Sequence
from typing import Any, TypedDict

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from agencies.models import Agency, Person, Room
from agencies.people import person_of
from core import calendar, images, notifications
from core.exceptions import ApplicationError, ConflictError
from core.models import Notice
from core.services import check_permission, full_clean_or_raise, locked
from standards.placement import notices, permissions
from standards.placement.choices import (
    PDF_SIGNATURE,
    SCHEDULE_ROWS_MAX,
    SCHEME_PDF_MAX_BYTES,
    ApprovalStatus,
    ScheduleStatus,
    SchemeKind,
)
from standards.placement.models import (
    DeskItem,
    PlacementRules,
    PlacementSchedule,
    PlacementScheduleRow,
    PlacementScheme,
)

# --- schemes ---------------------------------------------------------------------------------


def _scheme_file(upload: UploadedFile) -> tuple[ContentFile, str]:
    """The stored file and its type: a PDF (by its signature, up to SCHEME_PDF_MAX_BYTES) or
    an image checked and re-encoded by core.images (JPEG, PNG, WebP). Anything else is refused
    with a message naming what is accepted."""
    upload.seek(0)
    head = upload.read(len(PDF_SIGNATURE))
    upload.seek(0)
    if head == PDF_SIGNATURE:
        if (upload.size or 0) > SCHEME_PDF_MAX_BYTES:
            message = _("Файл слишком большой: допустимо не более %(mb)s МБ.") % {
                "mb": SCHEME_PDF_MAX_BYTES // (1024 * 1024)
            }
            raise ApplicationError(message, details={"file": message})
        return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.pdf"), "application/pdf"
    try:
        image = images.process_image(upload, field="file")
    except ApplicationError as error:
        reason = str(error.details.get("file") or error.message)
        message = _(
            "Схема не загружена: %(reason)s Допустимы изображение (JPEG, PNG, WebP) или PDF."
        ) % {"reason": reason}
        raise ApplicationError(message, details={"file": message}) from error
    return ContentFile(image.content, name=image.name), image.content_type


def scheme_upload(
    *, actor: User, room: Room, kind: str, file: UploadedFile, note: str = ""
) -> PlacementScheme:
    """A new version of the room's map or scheme (§6.2, §6.3); a scheme waits for the head's
    approval, who is notified (L893).

    The file goes to the storage before its row: if the transaction that makes the row does
    not commit — the row refused, the notice failing, or the commit itself (a serialisation
    failure, a lost connection) — the file is removed, so no version is left on disk without
    its row. The cleanup sits outside the atomic block for the commit to be inside it."""
    stored: list[tuple[Storage, str]] = []
    try:
        return _scheme_upload(
            actor=actor, room=room, kind=kind, file=file, note=note, stored=stored
        )
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise


@transaction.atomic
def _scheme_upload(
    *,
    actor: User,
    room: Room,
    kind: str,
    file: UploadedFile,
    note: str,
    stored: list[tuple[Storage, str]],
) -> PlacementScheme:
    check_permission(
        permissions.can_edit(actor, room.agency_id),
        _("Карты и схемы размещения загружает 5S-команда ОИВ ЯО / СППО."),
    )
    if kind not in SchemeKind.values:
        message = _("Выберите вид: карта текущего состояния или схема рационального размещения.")
        raise ApplicationError(message, details={"kind": message})
    content, content_type = _scheme_file(file)
    Room.objects.select_for_update().filter(pk=room.pk).first()
    last = PlacementScheme.objects.filter(room=room, kind=kind).aggregate(n=Max("version"))["n"]
    scheme = PlacementScheme(
        agency_id=room.agency_id,
        room=room,
        kind=kind,
        version=(last or 0) + 1,
        content_type=content_type,
        original_name=(getattr(file, "name", "") or "")[-255:],
        note=(note or "").strip(),
        uploaded_by=actor,
        status=ApprovalStatus.PENDING,
    )
    full_clean_or_raise(scheme, message=_("Схема не загружена."), exclude=["file"])
    scheme.file.save(content.name or "scheme", content, save=False)
    stored.append((scheme.file.storage, scheme.file.name or ""))
    scheme.save()
    if kind == SchemeKind.RATIONAL:
        head = room.agency.head
        notifications.notify(
            kind=notices.SCHEME_AWAITING_APPROVAL,
            subject=scheme,
            recipients=[head] if head is not None else [],
        )
    return scheme


@transaction.atomic
def scheme_approve(
    *, actor: User, scheme: PlacementScheme, today: datetime.date | None = None
) -> PlacementScheme:
    """The head approves the room's rational-placement scheme (L893 «гриф утверждения»); an
    administrator may record it on the head's behalf."""
    agency = scheme.agency
    check_permission(
        permissions.may_approve_for(actor, agency),
        _("Схему рационального размещения утверждает руководитель ОИВ ЯО / СППО."),
    )
    scheme = PlacementScheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.kind != SchemeKind.RATIONAL:
        raise ApplicationError(
            _("Утверждается схема рационального размещения, а не карта текущего состояния."),
            details={"kind": _("Карта текущего состояния не утверждается.")},
        )
    if scheme.status == ApprovalStatus.APPROVED:
        raise ConflictError(_("Эта версия схемы уже утверждена."))
    newest = PlacementScheme.objects.filter(room_id=scheme.room_id, kind=scheme.kind).aggregate(
        n=Max("version")
    )["n"]
    if newest != scheme.version:
        raise ConflictError(
            _("Есть более новая версия схемы (%(version)s): утверждается она.")
            % {"version": newest}
        )
    on_behalf = permissions.approves_on_behalf(actor, agency)
    scheme.status = ApprovalStatus.APPROVED
    scheme.approved_by = actor
    scheme.approver = agency.head if on_behalf else person_of(actor)
    scheme.on_behalf = on_behalf
    scheme.approved_on = today or calendar.today()
    scheme.save(update_fields=["status", "approved_by", "approver", "on_behalf", "approved_on"])
    return scheme


# --- the placement schedule ------------------------------------------------------------------


class ScheduleRow(TypedDict):
    """A row of the schedule grid: a room, the one person responsible, the days."""

    room: Room | None
    responsible: Person | None
    date_from: datetime.date | None
    date_to: datetime.date | None


def _rows_errors(agency: Agency, rows: Sequence[ScheduleRow]) -> dict[str, str]:
    errors: dict[str, str] = {}
    seen: dict[int, int] = {}
    if len(rows) > SCHEDULE_ROWS_MAX:
        errors["rows"] = _("В графике не более %(n)s строк.") % {"n": SCHEDULE_ROWS_MAX}
    for index, row in enumerate(rows):
        room, person = row.get("room"), row.get("responsible")
        start, end = row.get("date_from"), row.get("date_to")
        if room is None:
            errors[f"{index}.room"] = _("Укажите помещение.")
        elif room.agency_id != agency.pk:
            errors[f"{index}.room"] = _("Помещение другого ОИВ ЯО / СППО.")
        elif room.pk in seen:
            errors[f"{index}.room"] = _(
                "Помещение уже есть в строке %(n)s: у помещения один ответственный."
            ) % {"n": seen[room.pk] + 1}
        else:
            seen[room.pk] = index
        if person is None:
            errors[f"{index}.responsible"] = _("Укажите ответственного.")
        elif person.agency_id != agency.pk:
            errors[f"{index}.responsible"] = _(
                "Ответственный должен работать в этом ОИВ ЯО / СППО."
            )
        if start is None:
            errors[f"{index}.date_from"] = _("Укажите дату начала.")
        if end is None:
            errors[f"{index}.date_to"] = _("Укажите дату окончания.")
        if start is not None and end is not None and end < start:
            errors[f"{index}.date_to"] = _("Окончание раньше начала.")
    return errors


def _write_rows(schedule: PlacementSchedule, rows: Sequence[ScheduleRow]) -> None:
    """Replace the schedule's rows with `rows` (already checked by `_rows_errors`)."""
    schedule.rows.all().delete()
    made = []
    for number, row in enumerate(rows, 1):
        start, end = row["date_from"], row["date_to"]
        assert start is not None and end is not None
        made.append(
            PlacementScheduleRow(
                schedule=schedule,
                position=number,
                room=row["room"],
                responsible=row["responsible"],
                date_from=start,
                date_to=end,
            )
        )
    PlacementScheduleRow.objects.bulk_create(made)


def _check_rows(agency: Agency, rows: Sequence[ScheduleRow]) -> None:
    if not rows:
        raise ApplicationError(
            _("В графике нет ни одного помещения."), details={"rows": _("Добавьте строку.")}
        )
    errors = _rows_errors(agency, rows)
    if errors:
        raise ApplicationError(_("График не сохранён: проверьте строки."), details=errors)


@transaction.atomic
def schedule_create(
    *,
    actor: User,
    agency: Agency,
    drawn_up_on: datetime.date | None,
    rows: Sequence[ScheduleRow],
) -> PlacementSchedule:
    """The leader's schedule of rational placement (L901), one row per room; the head is
    asked to agree it."""
    check_permission(
        permissions.can_edit(actor, agency.pk),
        _("График рационального размещения готовит лидер 5S-команды."),
    )
    _check_rows(agency, rows)
    schedule = PlacementSchedule(
        agency=agency, drawn_up_on=drawn_up_on or calendar.today(), created_by=actor
    )
    full_clean_or_raise(schedule, message=_("График не сохранён."))
    schedule.save()
    _write_rows(schedule, rows)
    head = agency.head
    notifications.notify(
        kind=notices.SCHEDULE_AWAITING_AGREEMENT,
        subject=schedule,
        recipients=[head] if head is not None else [],
    )
    return schedule


def _locked_schedule(schedule: PlacementSchedule) -> PlacementSchedule:
    return locked(schedule, "agency", "agency__head")


@transaction.atomic
def schedule_update(
    *, actor: User, schedule: PlacementSchedule, rows: Sequence[ScheduleRow]
) -> PlacementSchedule:
    """Rewrite the rows of a schedule not yet agreed (an agreed one is a conflict: draw up a
    new schedule instead)."""
    check_permission(
        permissions.can_edit(actor, schedule.agency_id),
        _("График рационального размещения готовит лидер 5S-команды."),
    )
    schedule = _locked_schedule(schedule)
    if schedule.status != ScheduleStatus.DRAFT:
        raise ConflictError(_("График уже согласован: его нельзя изменить."))
    _check_rows(schedule.agency, rows)
    _write_rows(schedule, rows)
    return schedule


def _leaders(agency: Agency) -> list[Any]:
    return [team.leader for team in agency.teams.select_related("leader__user")]


@transaction.atomic
def schedule_agree(
    *, actor: User, schedule: PlacementSchedule, today: datetime.date | None = None
) -> PlacementSchedule:
    """The head agrees the schedule (L901); the leader is reminded of its paper copy, due
    within 3 working days (L907)."""
    check_permission(
        permissions.may_approve_for(actor, schedule.agency),
        _("График рационального размещения согласует руководитель ОИВ ЯО / СППО."),
    )
    schedule = _locked_schedule(schedule)
    if schedule.status != ScheduleStatus.DRAFT:
        raise ConflictError(_("График уже согласован."))
    agency = schedule.agency
    on_behalf = permissions.approves_on_behalf(actor, agency)
    schedule.status = ScheduleStatus.AGREED
    schedule.agreed_by = actor
    schedule.approver = agency.head if on_behalf else person_of(actor)
    schedule.on_behalf = on_behalf
    schedule.agreed_on = today or calendar.today()
    schedule.save(update_fields=["status", "agreed_by", "approver", "on_behalf", "agreed_on"])
    notifications.notify(
        kind=notices.SCHEDULE_COPY_DUE,
        subject=schedule,
        recipients=_leaders(agency),
        due_on=schedule.copy_due,
    )
    return schedule


@transaction.atomic
def schedule_copy_sent(
    *, actor: User, schedule: PlacementSchedule, sent_on: datetime.date | None = None
) -> PlacementSchedule:
    """The leader records the day the paper copy went to the group head (L907)."""
    check_permission(
        permissions.can_record_copy(actor, schedule.agency),
        _("Отправку копии графика отмечает лидер 5S-команды."),
    )
    schedule = _locked_schedule(schedule)
    if schedule.status != ScheduleStatus.AGREED or schedule.agreed_on is None:
        raise ConflictError(_("Копия направляется после согласования графика руководителем."))
    day = sent_on or calendar.today()
    if day < schedule.agreed_on or day > calendar.today():
        message = _("Дата отправки — не раньше согласования (%(date)s) и не позже сегодня.") % {
            "date": schedule.agreed_on.strftime("%d.%m.%Y")
        }
        raise ApplicationError(message, details={"copy_sent_on": message})
    schedule.copy_sent_on = day
    schedule.save(update_fields=["copy_sent_on"])
    return schedule


def placement_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the leaders of the schedule copies not yet sent, once the due day (L907) is the
    next working day or has passed. Keyed by the due date: a second run sends nothing new."""
    today = today or calendar.today()
    horizon = calendar.add_working_days(today, 1)
    before = Notice.objects.filter(kind=notices.SCHEDULE_COPY_DUE).count()
    schedules = PlacementSchedule.objects.filter(
        status=ScheduleStatus.AGREED, copy_sent_on__isnull=True, agreed_on__isnull=False
    ).select_related("agency")
    for schedule in schedules:
        due = schedule.copy_due
        if due is not None and due <= horizon:
            notifications.notify(
                kind=notices.SCHEDULE_COPY_DUE,
                subject=schedule,
                recipients=_leaders(schedule.agency),
                due_on=due,
            )
    # notify() returns the notices that already existed too: count the new ones only.
    return Notice.objects.filter(kind=notices.SCHEDULE_COPY_DUE).count() - before


# --- the storage and visualisation rules -----------------------------------------------------


class DeskItemRow(TypedDict):
    name: str
    quantity: int | None
    place: str


@transaction.atomic
def rules_create(
    *,
    actor: User,
    agency: Agency,
    storage_rules: str,
    visual_rules: str,
    items: Sequence[DeskItemRow],
) -> PlacementRules:
    """A new edition of the agency's storage and visualisation system (Appendix 21): the list
    of items that may be kept on a desk (name, quantity, place), the storage rules, the
    visualisation rules. It waits for the head's approval (L893)."""
    check_permission(
        permissions.can_edit(actor, agency.pk),
        _("Правила хранения и визуализации разрабатывает 5S-команда."),
    )
    errors: dict[str, str] = {}
    if not (storage_rules or "").strip():
        errors["storage_rules"] = _("Опишите правила хранения предметов в рабочем пространстве.")
    if not (visual_rules or "").strip():
        errors["visual_rules"] = _("Опишите правила визуализации размещения предметов.")
    rows = [row for row in items if (row.get("name") or "").strip()]
    if not rows:
        errors["items"] = _(
            "Внесите хотя бы один предмет, который может храниться на рабочем месте."
        )
    for index, row in enumerate(rows):
        if not row.get("quantity"):
            errors[f"{index}.quantity"] = _("Укажите количество.")
        if not (row.get("place") or "").strip():
            errors[f"{index}.place"] = _("Укажите место хранения.")
    if errors:
        raise ApplicationError(_("Правила не сохранены: проверьте поля."), details=errors)
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    last = PlacementRules.objects.filter(agency=agency).aggregate(n=Max("version"))["n"]
    document = PlacementRules(
        agency=agency,
        version=(last or 0) + 1,
        storage_rules=storage_rules.strip(),
        visual_rules=visual_rules.strip(),
        created_by=actor,
    )
    full_clean_or_raise(document, message=_("Правила не сохранены."))
    document.save()
    desk_items = [
        DeskItem(
            rules=document,
            position=number,
            name=row["name"].strip(),
            quantity=row["quantity"] or 0,
            place=row["place"].strip(),
        )
        for number, row in enumerate(rows, 1)
    ]
    item_errors: dict[str, str] = {}
    for index, item in enumerate(desk_items):
        try:
            full_clean_or_raise(item, exclude=["rules"])
        except ApplicationError as error:
            item_errors.update({f"{index}.{k}": v for k, v in error.details.items()})
    if item_errors:
        raise ApplicationError(_("Правила не сохранены: проверьте строки."), details=item_errors)
    DeskItem.objects.bulk_create(desk_items)
    return document


@transaction.atomic
def rules_approve(
    *, actor: User, document: PlacementRules, today: datetime.date | None = None
) -> PlacementRules:
    """The head approves the edition (L893); only the newest edition is approved."""
    agency = document.agency
    check_permission(
        permissions.may_approve_for(actor, agency),
        _("Правила хранения и визуализации утверждает руководитель ОИВ ЯО / СППО."),
    )
    document = PlacementRules.objects.select_for_update().get(pk=document.pk)
    if document.status == ApprovalStatus.APPROVED:
        raise ConflictError(_("Эта редакция уже утверждена."))
    newest = PlacementRules.objects.filter(agency=agency).aggregate(n=Max("version"))["n"]
    if newest != document.version:
        raise ConflictError(
            _("Есть более новая редакция (%(version)s): утверждается она.") % {"version": newest}
        )
    on_behalf = permissions.approves_on_behalf(actor, agency)
    document.status = ApprovalStatus.APPROVED
    document.approved_by = actor
    document.approver = agency.head if on_behalf else person_of(actor)
    document.on_behalf = on_behalf
    document.approved_on = today or calendar.today()
    document.save(update_fields=["status", "approved_by", "approver", "on_behalf", "approved_on"])
    return document
