"""Writes of step 1, sorting (§5 of the Methodological recommendations, seed 003 L695–761).

Every rule is checked here once, for the HTML views, the API, the admin and the commands:
- red tags (Appendix 1, L1449–1487) get the next number of their agency under a row lock, so
  numbers run 1, 2, 3… with no gap and no repeat however many people mark items at once;
- a line of the unneeded list (Appendix 16) is made from a red tag and kept in step with it
  (Appendix 1, note: L1461);
- decisions and agreements are entered by the team leader (§5.4, L751; L4125–4129);
- an item enters the temporary storage zone only with a filled red tag and a line in the
  unneeded list (§5.3, L713); the person responsible records the weekly check (L715).

Each service checks the right first (`core.services.check_permission`: 403, nothing saved),
locks what it changes and re-reads its state under the lock, validates, then writes. A rule
broken raises ApplicationError (400 with field messages); an action the record's state no
longer allows (already listed, admitted, carried out, agreed) raises ConflictError (409).
"""

import datetime
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NotRequired, TypedDict, TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from agencies.models import Agency, FiveSTeam, Person, Room
from agencies.people import person_of
from agencies.services import room_get_or_create
from core import calendar, i18n, notifications
from core.exceptions import ApplicationError, ConflictError, GridError
from core.models import Notice
from core.services import check_permission, full_clean_or_raise, update_from
from sorting import notices, permissions, rules, schedule
from sorting.choices import (
    ROOMS_PER_ROUND_MAX,
    SORTING_REMINDER_WORKING_DAYS,
    ApprovalRole,
    EntryKind,
    ItemCategory,
    ListKind,
)
from sorting.models import (
    ClassifierEntry,
    ControlSheetItem,
    ControlSheetMark,
    ListApproval,
    RedTag,
    RedTagCounter,
    SortingList,
    SortingListLine,
    SortingRound,
    StorageAdmission,
    StorageCheck,
    StorageCheckLine,
)
from sorting.selectors import agency_schedules, list_is_agreed

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures" / "sorting"
KIND_OF_COLUMN = {
    "regularities": EntryKind.REGULARITY,
    "states": EntryKind.STATE,
    "decisions": EntryKind.DECISION,
}

Errors = dict[str, str]
T = TypeVar("T")
R = TypeVar("R")


def _rows_or_refuse(message: str, rows: Iterable[T], write: Callable[[T], R]) -> list[R]:
    """Call write(row) for every row inside the caller's transaction; collect each row's
    refusal and, if any, refuse the whole grid (the caller's atomic undoes the rows written).
    A ConflictError (the list was agreed meanwhile) refuses the grid at once."""
    results: list[R] = []
    errors: dict[int, Errors] = {}
    for index, row in enumerate(rows):
        try:
            results.append(write(row))
        except ConflictError:
            raise
        except ApplicationError as error:
            errors[index] = {str(k): str(v) for k, v in error.details.items()} or {
                "__all__": str(error.message)
            }
    if errors:
        raise GridError(message, errors)
    return results


def _validate(instance: Any, message: str, errors: Errors, *, validate_unique: bool = True) -> None:
    """One refusal with every problem: the rule checks already found (`errors`) and the model's
    own field validation of the other fields."""
    try:
        full_clean_or_raise(
            instance, message=message, exclude=list(errors), validate_unique=validate_unique
        )
    except ApplicationError as error:
        errors = {**error.details, **errors}
    if errors:
        raise ApplicationError(message, errors)


# --- Classifier (Appendix 14) and control sheet (Appendix 15) ---------------------------------


@transaction.atomic
def classifier_load(
    *, classifier_path: str | Path | None = None, control_sheet_path: str | Path | None = None
) -> tuple[int, int]:
    """Load the template classifier and control sheet from the fixtures (idempotent).

    The English beside each fixture (classifier.en.json, control_sheet.en.json; issue 17 item
    10) is stored in the entries' `_en` fields; the Russian text stays the source.
    Returns the number of template entries and control-sheet items now present.
    """
    classifier = json.loads(
        Path(classifier_path or FIXTURE_DIR / "classifier.json").read_text(encoding="utf-8")
    )
    english = i18n.english_texts(classifier_path or FIXTURE_DIR / "classifier.json")
    order = 0
    for category in classifier["categories"]:
        if category["code"] not in ItemCategory.values:
            raise ApplicationError(_("Неизвестная категория предметов: %s") % category["code"])
        for column, kind in KIND_OF_COLUMN.items():
            for text in category[column]:
                order += 1
                ClassifierEntry.objects.update_or_create(
                    team=None,
                    category=category["code"],
                    kind=kind,
                    text=text,
                    defaults={"order": order, "text_en": i18n.english_of(english, text)},
                )
    sheet = json.loads(
        Path(control_sheet_path or FIXTURE_DIR / "control_sheet.json").read_text(encoding="utf-8")
    )
    english = i18n.english_texts(control_sheet_path or FIXTURE_DIR / "control_sheet.json")
    order = 0
    for section in sheet["sections"]:
        for text in section["items"]:
            order += 1
            ControlSheetItem.objects.update_or_create(
                section_number=section["number"],
                text=text,
                defaults={
                    "section_title": section["title"],
                    "order": order,
                    "section_title_en": i18n.english_of(english, section["title"]),
                    "text_en": i18n.english_of(english, text),
                },
            )
    return (
        ClassifierEntry.objects.filter(team=None).count(),
        ControlSheetItem.objects.count(),
    )


@transaction.atomic
def classifier_entry_add(
    *, actor: User, team: FiveSTeam, category: str, kind: str, text: str
) -> ClassifierEntry:
    """A team refines the classifier with its own entry (§5.2)."""
    check_permission(
        permissions.can_extend_classifier(actor, team),
        _("Дополнять классификатор предметов может лидер 5S-команды."),
    )
    # Two leaders adding the same entry at once: the second waits here and sees the first.
    FiveSTeam.objects.select_for_update().filter(pk=team.pk).first()
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("Позиция не добавлена."), {"text": _("Укажите текст позиции.")})
    exists = (
        ClassifierEntry.objects.filter(
            team__in=[team.pk], category=category, kind=kind, text=text
        ).exists()
        or ClassifierEntry.objects.filter(
            team=None, category=category, kind=kind, text=text
        ).exists()
    )
    if exists:
        raise ApplicationError(
            _("Позиция не добавлена."), {"text": _("Такая позиция уже есть в классификаторе.")}
        )
    last = ClassifierEntry.objects.aggregate(last=Max("order"))["last"] or 0
    entry = ClassifierEntry(team=team, category=category, kind=kind, text=text, order=last + 1)
    full_clean_or_raise(entry, message=_("Позиция не добавлена."))
    entry.save()
    return entry


def _entry_allowed(
    entry: ClassifierEntry | None, *, agency_id: int, category: str, kind: str
) -> bool:
    if entry is None or entry.category != category or entry.kind != kind:
        return False
    if entry.team_id is None:
        return True
    return FiveSTeam.objects.filter(pk=entry.team_id, agencies=agency_id).exists()


# --- Red tags (Appendix 1) -------------------------------------------------------------------

# The lines of the form of Appendix 1 a person fills in (L1463–1487); the number is the
# portal's (item 6).
TAG_FIELDS = (
    "marked_on",
    "marked_by",
    "room",
    "workplace_owner",
    "item_name",
    "inventory_number",
    "quantity",
    "reason",
    "action",
    "move_deadline",
    "responsible_for_moving",
    "comments",
)
# Fields that may be empty (None); the text fields take "" for «not given».
_TAG_NULLABLE = frozenset({"move_deadline", "reason", "action", "marked_on", "quantity"})
# What the unneeded list repeats from the tag (Appendix 1, note 3, L1461); the line keeps the
# room's name.
LINE_FIELDS_FROM_TAG = ("room", "workplace_owner", "item_name", "inventory_number", "quantity")
# What a person types for a line of the rarely-needed list (Appendix 17).
RARELY_NEEDED_FIELDS = ("room", "workplace_owner", "item_name", "inventory_number", "quantity")


def _text_or_blank(
    data: Mapping[str, Any], fields: Iterable[str], nullable: Iterable[str] = ()
) -> dict[str, Any]:
    """The declared `fields` found in `data`, with None turned into "" except for the
    `nullable` ones (dates, numbers, choices)."""
    nullable = frozenset(nullable)
    return {
        name: ("" if data[name] is None and name not in nullable else data[name])
        for name in fields
        if name in data
    }


def _room_of(*, actor: User, agency: Agency, value: Room | str | None, field: str) -> Room | None:
    """The agency's room a form or a request names: a room of the list, or a name typed that
    the list does not have yet, which adds it (agencies.services.room_get_or_create, issue 11
    item 4). Runs inside the caller's transaction: a refused record leaves no new room."""
    if value is None or isinstance(value, Room):
        if value is not None and value.agency_id != agency.pk:
            raise ApplicationError(
                _("Помещение другого ОИВ ЯО / СППО."),
                {field: _("Выберите помещение этого ОИВ ЯО / СППО.")},
            )
        return value
    if not value.strip():
        return None
    try:
        return room_get_or_create(actor=actor, agency=agency, name=value)
    except ApplicationError as error:
        raise ApplicationError(
            error.message, {field: " ".join(str(text) for text in error.details.values())}
        ) from error


def _tag_values(actor: User, agency: Agency, data: Mapping[str, Any]) -> dict[str, Any]:
    """The declared fields of the tag found in `data`, the room resolved to the agency's."""
    values = _text_or_blank(data, TAG_FIELDS, _TAG_NULLABLE | {"room"})
    if "room" in values:
        values["room"] = _room_of(actor=actor, agency=agency, value=values["room"], field="room")
    return values


def _line_values_from(tag: RedTag) -> dict[str, Any]:
    values = {name: getattr(tag, name) for name in LINE_FIELDS_FROM_TAG}
    values["room"] = tag.room.name
    return values


def _tag_errors(tag: RedTag) -> Errors:
    errors: Errors = {}
    if tag.room_id is None:
        errors["room"] = _("Укажите № кабинета.")
    if not _entry_allowed(
        tag.reason, agency_id=tag.agency_id, category=ItemCategory.UNNEEDED, kind=EntryKind.STATE
    ):
        errors["reason"] = _(
            "Выберите причину маркировки из классификатора предметов (состояние «ненужного» "
            "предмета)."
        )
    if not _entry_allowed(
        tag.action,
        agency_id=tag.agency_id,
        category=ItemCategory.UNNEEDED,
        kind=EntryKind.DECISION,
    ):
        errors["action"] = _(
            "Выберите, что делать с предметом, из вариантов решения классификатора предметов."
        )
    if tag.quantity is not None and tag.quantity < 1:
        errors["quantity"] = _("Количество должно быть не меньше 1.")
    if tag.move_deadline and tag.marked_on and tag.move_deadline < tag.marked_on:
        errors["move_deadline"] = _(
            "Срок перемещения предмета не может быть раньше даты маркировки."
        )
    if tag.marked_on and tag.marked_on > calendar.today():
        errors["marked_on"] = _("Дата маркировки не может быть в будущем.")
    return errors


def _next_tag_number(agency_id: int) -> int:
    """The next number of the agency, the counter row locked until the transaction ends.

    bulk_create(ignore_conflicts) makes the row if it is missing without failing when a
    parallel transaction makes it first (INSERT … ON CONFLICT DO NOTHING).
    """
    RedTagCounter.objects.bulk_create([RedTagCounter(agency_id=agency_id)], ignore_conflicts=True)
    counter = RedTagCounter.objects.select_for_update().get(agency_id=agency_id)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def redtag_create(
    *,
    actor: User,
    agency: Agency,
    data: Mapping[str, Any],
    sorting_round: SortingRound | None = None,
) -> RedTag:
    """Mark an item with a red tag; its registration number is assigned here (Appendix 1,
    item 6, L1487).

    With `sorting_round` the item goes straight onto that round's unneeded list.
    """
    check_permission(
        permissions.can_mark_items(actor, agency.pk),
        _("Вы не можете маркировать предметы в этом ОИВ ЯО / СППО."),
    )
    tag = RedTag(agency=agency, created_by=actor, **_tag_values(actor, agency, data))
    if not tag.marked_on:
        tag.marked_on = calendar.today()
    if not tag.marked_by:
        # Appendix 1 (L1467): «5S-команда или фамилия и инициалы сотрудника», the marker.
        person = person_of(actor)
        tag.marked_by = person.full_name if person else _("5S-команда")
    tag.number = 0  # a placeholder so that full_clean passes; the real number comes last
    message = _("«Красный ярлык» не сохранён: проверьте поля.")
    _validate(tag, message, _tag_errors(tag), validate_unique=False)
    if sorting_round is not None and sorting_round.agency_id != agency.pk:
        raise ApplicationError(
            _("«Красный ярлык» не сохранён."),
            {"round": _("Сортировка проводится в другом ОИВ ЯО / СППО.")},
        )
    tag.number = _next_tag_number(agency.pk)
    tag.save()
    if sorting_round is not None:
        _add_tag_line(tag, sorting_round)
    return tag


def _list_of(sorting_round: SortingRound, kind: str) -> SortingList:
    """The round's list of that kind, locked: lines are numbered and agreed under this lock."""
    SortingList.objects.bulk_create(
        [SortingList(round=sorting_round, kind=kind)], ignore_conflicts=True
    )
    return SortingList.objects.select_for_update().get(round=sorting_round, kind=kind)


def _next_position(sorting_list: SortingList) -> int:
    last = sorting_list.lines.aggregate(last=Max("position"))["last"] or 0
    return last + 1


def _add_tag_line(tag: RedTag, sorting_round: SortingRound) -> SortingListLine:
    existing = SortingListLine.objects.filter(red_tag=tag).select_related("sorting_list__round")
    line = existing.first()
    if line is not None:
        raise ConflictError(
            _("Предмет уже внесён в список «ненужных» предметов (сортировка %(round)s).")
            % {"round": line.sorting_list.round.period_display}
        )
    sorting_list = _list_of(sorting_round, ListKind.UNNEEDED)
    if list_is_agreed(sorting_list):
        raise ConflictError(
            _("Список «ненужных» предметов уже согласован: новые строки не вносятся.")
        )
    line = SortingListLine(
        sorting_list=sorting_list,
        position=_next_position(sorting_list),
        red_tag=tag,
        **_line_values_from(tag),
    )
    full_clean_or_raise(line)
    line.save()
    return line


@transaction.atomic
def redtag_add_to_list(*, actor: User, tag: RedTag, sorting_round: SortingRound) -> SortingListLine:
    """Enter a tagged item in the round's unneeded list (Appendix 15, «Механизм», item 2)."""
    check_permission(
        permissions.can_work_round(actor, tag.agency_id),
        _("Вносить предметы в список может 5S-команда."),
    )
    if sorting_round.agency_id != tag.agency_id:
        raise ApplicationError(_("Сортировка проводится в другом ОИВ ЯО / СППО."))
    tag = RedTag.objects.select_for_update().get(pk=tag.pk)
    return _add_tag_line(tag, sorting_round)


@transaction.atomic
def redtag_update(*, actor: User, tag: RedTag, data: Mapping[str, Any]) -> RedTag:
    """Correct a tag; its line in the unneeded list follows, so the two always agree."""
    # Locked and re-read first: whether the author may still edit depends on the admission.
    tag = RedTag.objects.select_for_update().get(pk=tag.pk)
    check_permission(
        permissions.can_edit_tag(actor, tag),
        _(
            "Изменять «красный ярлык» может его автор (до помещения предмета в зону временного "
            "хранения) или лидер 5S-команды."
        ),
    )
    line = (
        SortingListLine.objects.filter(red_tag=tag)
        .select_related("sorting_list", "decision")
        .first()
    )
    update_from(tag, _tag_values(actor, tag.agency, data), TAG_FIELDS)
    message = _("«Красный ярлык» не сохранён: проверьте поля.")
    _validate(tag, message, _tag_errors(tag), validate_unique=False)
    if line is not None:
        if line.decision_id and tag.action_id != line.decision_id:
            assert line.decision is not None
            raise ApplicationError(
                _("«Красный ярлык» не сохранён."),
                {
                    "action": _(
                        "По предмету уже принято решение «%(decision)s»: «Что делать с предметом» "
                        "должно с ним совпадать."
                    )
                    % {"decision": line.decision.shown_text}
                },
            )
        changed = update_from(line, _line_values_from(tag), LINE_FIELDS_FROM_TAG)
        if changed:
            SortingList.objects.select_for_update().filter(pk=line.sorting_list_id).first()
            if list_is_agreed(line.sorting_list):
                raise ConflictError(
                    _(
                        "Список «ненужных» предметов уже согласован: сведения о предмете не "
                        "меняются."
                    )
                )
            line.save(update_fields=changed)
    tag.save()
    return tag


# --- Sorting rounds (§5.4) -------------------------------------------------------------------

ROUND_FIELDS = ("date_from", "date_to", "next_sorting_on")

# The rooms of a sorting: typed as one line («215, 218, 220»), or given as rooms of the list.
RoomsInput = str | Iterable[Room | str]


def _rooms_of(*, actor: User, agency: Agency, rooms: RoomsInput) -> list[Room]:
    """The agency's rooms a sorting covers (§5.4), in the order given; names the list does not
    have are added to it (issue 11 item 4)."""
    values: list[Room | str] = (
        list(rules.room_names_parsed(rooms)) if isinstance(rooms, str) else list(rooms)
    )
    if len(values) > ROOMS_PER_ROUND_MAX:
        raise ApplicationError(
            _("Сортировка не сохранена: проверьте поля."),
            {
                "rooms": _("Не более %(max)s помещений в одной сортировке.")
                % {"max": ROOMS_PER_ROUND_MAX}
            },
        )
    result: list[Room] = []
    for value in values:
        room = _room_of(actor=actor, agency=agency, value=value, field="rooms")
        if room is not None and room not in result:
            result.append(room)
    return result


def _round_errors(
    sorting_round: SortingRound, agency: Agency, rooms: Sequence[Room] | None = None
) -> Errors:
    errors: Errors = {}
    if sorting_round.date_to and sorting_round.date_to < sorting_round.date_from:
        errors["date_to"] = _("Окончание периода не может быть раньше его начала.")
    if rooms is not None and not rooms:
        errors["rooms"] = _("Укажите рабочее пространство (кабинеты), где проходит сортировка.")
    if sorting_round.next_sorting_on and sorting_round.date_from:
        end = sorting_round.date_to or sorting_round.date_from
        limit = schedule.latest_allowed_next_date(end, agency.deployment_state)
        if sorting_round.next_sorting_on <= end:
            errors["next_sorting_on"] = _(
                "Дата следующей сортировки должна быть позже окончания этой сортировки."
            )
        elif sorting_round.next_sorting_on > limit:
            errors["next_sorting_on"] = _(
                "Следующая сортировка — не позднее %(limit)s: в период развёртывания системы 5S "
                "не реже 1 раза в месяц, при её функционировании — не реже 1 раза в квартал."
            ) % {"limit": limit.strftime("%d.%m.%Y")}
    return errors


def _participants_errors(participants: Iterable[Person], agency: Agency) -> Errors:
    outsiders = [person.full_name for person in participants if person.agency_id != agency.pk]
    if not outsiders:
        return {}
    return {
        "participants": _("Сотрудники не из этого ОИВ ЯО / СППО: %(names)s.")
        % {"names": ", ".join(outsiders)}
    }


@transaction.atomic
def round_create(
    *,
    actor: User,
    agency: Agency,
    date_from: datetime.date,
    rooms: RoomsInput,
    date_to: datetime.date | None = None,
    participants: Iterable[Person] = (),
    next_sorting_on: datetime.date | None = None,
) -> SortingRound:
    """Plan a sorting: the team leader sets its date (§5.4, L755) and the rooms it covers (the
    agency's rooms; a name typed that the list lacks is added to it)."""
    check_permission(
        permissions.can_plan_rounds(actor, agency.pk),
        _("Назначать сортировку может лидер 5S-команды."),
    )
    participants = list(participants)
    room_list = _rooms_of(actor=actor, agency=agency, rooms=rooms)
    sorting_round = SortingRound(
        agency=agency,
        date_from=date_from,
        date_to=date_to,
        next_sorting_on=next_sorting_on,
        created_by=actor,
    )
    _validate(
        sorting_round,
        _("Сортировка не сохранена: проверьте поля."),
        {
            **_round_errors(sorting_round, agency, room_list),
            **_participants_errors(participants, agency),
        },
    )
    sorting_round.save()
    sorting_round.participants.set(participants)
    sorting_round.rooms.set(room_list)
    bulk_create_with_history(
        [SortingList(round=sorting_round, kind=kind) for kind in ListKind.values],
        SortingList,
        default_user=actor,
    )
    return sorting_round


@transaction.atomic
def round_update(
    *, actor: User, sorting_round: SortingRound, data: Mapping[str, Any]
) -> SortingRound:
    """Change the period, rooms, participants or the date of the next sorting."""
    check_permission(
        permissions.can_plan_rounds(actor, sorting_round.agency_id),
        _("Изменять сортировку может лидер 5S-команды."),
    )
    sorting_round = (
        SortingRound.objects.select_for_update().select_related("agency").get(pk=sorting_round.pk)
    )
    participants = list(data["participants"]) if "participants" in data else None
    room_list = (
        _rooms_of(actor=actor, agency=sorting_round.agency, rooms=data["rooms"])
        if "rooms" in data
        else None
    )
    update_from(sorting_round, data, ROUND_FIELDS)
    errors = _round_errors(sorting_round, sorting_round.agency, room_list)
    if participants is not None:
        errors.update(_participants_errors(participants, sorting_round.agency))
    _validate(sorting_round, _("Сортировка не сохранена: проверьте поля."), errors)
    sorting_round.save()
    if participants is not None:
        sorting_round.participants.set(participants)
    if room_list is not None:
        sorting_round.rooms.set(room_list)
    return sorting_round


@transaction.atomic
def control_sheet_save(
    *, actor: User, sorting_round: SortingRound, checked_item_ids: Iterable[int]
) -> set[int]:
    """Tick exactly these lines of the round's control sheet (Appendix 15)."""
    check_permission(
        permissions.can_work_round(actor, sorting_round.agency_id),
        _("Заполнять лист контроля сортировки может 5S-команда."),
    )
    # Two people saving the sheet at once: one after the other, never a duplicate mark.
    SortingRound.objects.select_for_update().filter(pk=sorting_round.pk).first()
    asked = set(checked_item_ids)
    wanted = set(ControlSheetItem.objects.filter(pk__in=sorted(asked)).values_list("pk", flat=True))
    if len(wanted) != len(asked):
        raise ApplicationError(_("Лист контроля не сохранён: неизвестный пункт."))
    ControlSheetMark.objects.filter(round=sorting_round).exclude(item_id__in=wanted).delete()
    existing = set(
        ControlSheetMark.objects.filter(round=sorting_round).values_list("item_id", flat=True)
    )
    ControlSheetMark.objects.bulk_create(
        [
            ControlSheetMark(round=sorting_round, item_id=pk, checked_by=actor)
            for pk in sorted(wanted - existing)
        ]
    )
    return wanted


@transaction.atomic
def rarely_needed_line_add(
    *, actor: User, sorting_round: SortingRound, data: Mapping[str, Any]
) -> SortingListLine:
    """Add a line to the rarely-needed list (Appendix 17) with its usage regularity."""
    check_permission(
        permissions.can_work_round(actor, sorting_round.agency_id),
        _("Вносить предметы в список может 5S-команда."),
    )
    sorting_list = _list_of(sorting_round, ListKind.RARELY_NEEDED)
    if list_is_agreed(sorting_list):
        raise ConflictError(
            _("Список «ненужных срочно» предметов уже согласован: новые строки не вносятся.")
        )
    line = SortingListLine(sorting_list=sorting_list, position=0)
    update_from(
        line, _text_or_blank(data, RARELY_NEEDED_FIELDS, {"quantity"}), RARELY_NEEDED_FIELDS
    )
    line.regularity = data.get("regularity")
    errors: Errors = {}
    if not _entry_allowed(
        line.regularity,
        agency_id=sorting_round.agency_id,
        category=ItemCategory.RARELY_NEEDED,
        kind=EntryKind.REGULARITY,
    ):
        errors["regularity"] = _("Выберите регулярность использования «ненужного срочно» предмета.")
    if line.quantity is not None and line.quantity < 1:
        errors["quantity"] = _("Количество должно быть не меньше 1.")
    _validate(line, _("Строка не добавлена: проверьте поля."), errors, validate_unique=False)
    line.position = _next_position(sorting_list)
    line.save()
    return line


@transaction.atomic
def rarely_needed_lines_add(
    *, actor: User, sorting_round: SortingRound, rows: Sequence[Mapping[str, Any]]
) -> list[SortingListLine]:
    """Several lines of the rarely-needed list at once (the page's grid): all or none."""
    check_permission(
        permissions.can_work_round(actor, sorting_round.agency_id),
        _("Вносить предметы в список может 5S-команда."),
    )
    return _rows_or_refuse(
        _("Строки не добавлены: проверьте отмеченные ячейки."),
        rows,
        lambda data: rarely_needed_line_add(actor=actor, sorting_round=sorting_round, data=data),
    )


# --- Decisions and agreements (§5.4, Appendices 16 and 17) --------------------------------------


def _decision_errors(
    line: SortingListLine,
    sorting_list: SortingList,
    *,
    decider_name: str,
    decider_position: str,
    decision: ClassifierEntry | None,
    execute_by: datetime.date | None,
) -> Errors:
    sorting_round = sorting_list.round
    errors: Errors = {}
    if not (decider_name or "").strip():
        errors["decider_name"] = _("Укажите Ф.И.О. сотрудника, принимающего решение.")
    if not (decider_position or "").strip():
        errors["decider_position"] = _("Укажите должность сотрудника, принимающего решение.")
    if not _entry_allowed(
        decision,
        agency_id=sorting_round.agency_id,
        category=sorting_list.category,
        kind=EntryKind.DECISION,
    ):
        errors["decision"] = _("Выберите решение из вариантов классификатора предметов.")
    end = sorting_round.end_date
    if execute_by is None:
        errors["execute_by"] = _("Укажите срок исполнения решения.")
    elif execute_by < end:
        errors["execute_by"] = _(
            "Срок исполнения решения не может быть раньше окончания сортировки (%(end)s)."
        ) % {"end": end.strftime("%d.%m.%Y")}
    if not schedule.decisions_open(sorting_end=end, day=calendar.today()):
        # Appendix 16 item 9 (L4125), Appendix 17 item 10 (L4249): «по окончании сортировки».
        errors.setdefault(
            "decision",
            _(
                "Решение вносится по окончании сортировки (приложения 16 и 17 к Методическим "
                "рекомендациям): не раньше %(end)s."
            )
            % {"end": end.strftime("%d.%m.%Y")},
        )
    return errors


@transaction.atomic
def line_decide(
    *,
    actor: User,
    line: SortingListLine,
    decider_name: str,
    decider_position: str,
    decision: ClassifierEntry | None,
    execute_by: datetime.date | None,
) -> SortingListLine:
    """The team leader enters the decision agreed at the discussion (§5.4, L751; Appendix 16
    item 9, L4125)."""
    sorting_list = SortingList.objects.select_related("round").get(pk=line.sorting_list_id)
    check_permission(
        permissions.can_decide(actor, sorting_list.round.agency_id),
        _("Решение по дальнейшему использованию вносит лидер 5S-команды."),
    )
    # The list first (agreements are recorded under the same lock), then the line, both re-read.
    sorting_list = (
        SortingList.objects.select_for_update().select_related("round").get(pk=sorting_list.pk)
    )
    line = SortingListLine.objects.select_for_update().get(pk=line.pk)
    errors = _decision_errors(
        line,
        sorting_list,
        decider_name=decider_name,
        decider_position=decider_position,
        decision=decision,
        execute_by=execute_by,
    )
    if errors:
        raise ApplicationError(_("Решение не сохранено: проверьте поля."), errors)
    if line.carried_out_on:
        raise ConflictError(
            _("Решение не сохранено: проверьте поля."),
            {"decision": _("Решение уже исполнено и не меняется.")},
        )
    if list_is_agreed(sorting_list):
        raise ConflictError(
            _("Решение не сохранено: проверьте поля."),
            {"decision": _("Список уже согласован: решения не меняются.")},
        )
    assert decision is not None
    line.decider_name = decider_name.strip()
    line.decider_position = decider_position.strip()
    line.decision = decision
    line.execute_by = execute_by
    line.decided_by = actor
    line.decided_at = timezone.now()
    _validate(line, _("Решение не сохранено: проверьте поля."), {}, validate_unique=False)
    line.save()
    if line.red_tag_id:
        # Appendix 1, note 3 (L1461): «Что делать с предметом» on the tag agrees with the list.
        # Saved row by row, so the tag's history records the decision (issue 13, item 4).
        tags = list(RedTag.objects.filter(pk=line.red_tag_id).exclude(action=decision))
        for tag in tags:
            tag.action = decision
        bulk_update_with_history(tags, RedTag, ["action"], default_user=actor)
    return line


class DecisionRow(TypedDict):
    """One row of the decisions grid: the line and what the leader entered for it."""

    line: SortingListLine
    decider_name: str
    decider_position: str
    decision: ClassifierEntry | None
    execute_by: datetime.date | None


@transaction.atomic
def line_decisions_record(
    *, actor: User, sorting_list: SortingList, rows: Sequence[DecisionRow]
) -> list[SortingListLine]:
    """The decisions of several lines of a list at once (the page's grid): all or none."""
    check_permission(
        permissions.can_decide(actor, sorting_list.round.agency_id),
        _("Решение по дальнейшему использованию вносит лидер 5S-команды."),
    )
    if any(row["line"].sorting_list_id != sorting_list.pk for row in rows):
        raise ApplicationError(_("Строка не из этого списка."))
    return _rows_or_refuse(
        _("Решения не сохранены: проверьте отмеченные ячейки."),
        rows,
        lambda row: line_decide(
            actor=actor,
            line=row["line"],
            decider_name=row["decider_name"],
            decider_position=row["decider_position"],
            decision=row["decision"],
            execute_by=row["execute_by"],
        ),
    )


@transaction.atomic
def list_approve(
    *,
    actor: User,
    sorting_list: SortingList,
    role: str,
    full_name: str,
    position: str,
    agreed_on: datetime.date | None,
) -> ListApproval:
    """Record one agreement of the list: who agreed (role, name, position) and when
    (Appendix 16 items 10–11, L4127–4129)."""
    check_permission(
        permissions.can_decide(actor, sorting_list.round.agency_id),
        _("Согласования списка вносит лидер 5S-команды."),
    )
    sorting_list = (
        SortingList.objects.select_for_update().select_related("round").get(pk=sorting_list.pk)
    )
    errors: Errors = {}
    lines = list(sorting_list.lines.all())
    if role not in ApprovalRole.values:
        errors["role"] = _("Выберите, кто согласует список.")
    if not (full_name or "").strip():
        errors["full_name"] = _("Укажите Ф.И.О.")
    if not (position or "").strip():
        errors["position"] = _("Укажите должность.")
    if agreed_on is None:
        errors["agreed_on"] = _("Укажите дату согласования.")
    elif agreed_on > calendar.today():
        errors["agreed_on"] = _("Дата согласования не может быть в будущем.")
    elif not schedule.decisions_open(sorting_end=sorting_list.round.end_date, day=agreed_on):
        # Appendix 16 item 10 (L4127): the list is agreed «после завершения сортировки».
        errors["agreed_on"] = _(
            "Список согласуется после завершения сортировки: не раньше %(end)s."
        ) % {"end": sorting_list.round.end_date.strftime("%d.%m.%Y")}
    if not lines:
        errors.setdefault("role", _("В списке нет предметов: согласовывать нечего."))
    elif not rules.all_decided(lines):
        errors.setdefault(
            "role",
            _("Сначала внесите решения по всем предметам списка: согласуется список с решениями."),
        )
    if not errors and role == ApprovalRole.DECIDER and not rules.is_named_decider(full_name, lines):
        errors["full_name"] = _("Этот сотрудник не указан в списке как принимающий решение.")
    message = _("Согласование не сохранено: проверьте поля.")
    if errors:
        raise ApplicationError(message, errors)
    assert agreed_on is not None  # refused above otherwise
    if sorting_list.approvals.filter(role=role, full_name__iexact=full_name.strip()).exists():
        raise ConflictError(message, {"full_name": _("Это согласование уже внесено.")})
    approval = ListApproval(
        sorting_list=sorting_list,
        role=role,
        full_name=full_name.strip(),
        position=position.strip(),
        agreed_on=agreed_on,
        recorded_by=actor,
    )
    _validate(approval, message, {})
    approval.save()
    return approval


def _already_carried_out(line: SortingListLine, field: str) -> ConflictError:
    return ConflictError(
        _("Отметка не сохранена."),
        {
            field: _("Решение по предмету «%(item)s» уже отмечено исполненным.")
            % {"item": line.item_name}
        },
    )


@transaction.atomic
def line_mark_carried_out(
    *, actor: User, line: SortingListLine, carried_out_on: datetime.date | None
) -> SortingListLine:
    """The leader records that a decision was carried out (for items outside the zone)."""
    agency_id = (
        SortingList.objects.filter(pk=line.sorting_list_id)
        .values_list("round__agency_id", flat=True)
        .get()
    )
    check_permission(
        permissions.can_decide(actor, agency_id),
        _("Отметку об исполнении решения вносит лидер 5S-команды."),
    )
    line = SortingListLine.objects.select_for_update().get(pk=line.pk)
    error = rules.carried_out_error(
        item_name=line.item_name,
        decided=line.decision_id is not None,
        carried_out_on=carried_out_on,
        not_after=calendar.today(),
    )
    if error:
        raise ApplicationError(_("Отметка не сохранена."), {"carried_out_on": error})
    if line.carried_out_on:
        raise _already_carried_out(line, "carried_out_on")
    line.carried_out_on = carried_out_on
    _validate(line, _("Отметка не сохранена."), {}, validate_unique=False)
    line.save(update_fields=["carried_out_on"])
    if line.red_tag_id:
        admissions = list(
            StorageAdmission.objects.filter(red_tag_id=line.red_tag_id, released_on=None)
        )
        for admission in admissions:
            admission.released_on = carried_out_on
        bulk_update_with_history(admissions, StorageAdmission, ["released_on"], default_user=actor)
    return line


# --- Temporary storage zone (§5.3) --------------------------------------------------------------


@transaction.atomic
def storage_admit(
    *, actor: User, tag: RedTag, admitted_on: datetime.date | None = None
) -> StorageAdmission:
    """Place an item in the storage zone. §5.3 (L713): only with a filled red tag on the item
    and the item in the unneeded list; otherwise refused with the reason."""
    check_permission(
        permissions.can_keep_zone(actor, tag.agency_id),
        _(
            "Принимать предметы в зону временного хранения может ответственный за учёт предметов "
            "или лидер 5S-команды."
        ),
    )
    tag = RedTag.objects.select_for_update().select_related("reason", "action").get(pk=tag.pk)
    admitted_on = admitted_on or calendar.today()
    if StorageAdmission.objects.filter(red_tag=tag).exists():
        raise ConflictError(
            _("Предмет по «красному ярлыку» № %(number)s уже помещён в зону временного хранения.")
            % {"number": tag.number}
        )
    refusal = rules.storage_admission_refusal(
        missing_fields=tag.missing_fields,
        listed=SortingListLine.objects.filter(red_tag=tag).exists(),
    )
    if refusal == "filled":
        labels = ", ".join(
            f"«{getattr(RedTag._meta.get_field(name.removesuffix('_id')), 'verbose_name', name)}»"
            for name in tag.missing_fields
        )
        raise ApplicationError(
            _("Предмет не принят: «красный ярлык» № %(number)s заполнен не полностью (%(fields)s).")
            % {"number": tag.number, "fields": labels},
            {"red_tag": _("Заполните ярлык: %(fields)s.") % {"fields": labels}},
        )
    if refusal == "listed":
        raise ApplicationError(
            _("Предмет не принят: его нет в списке «ненужных» предметов."),
            {"red_tag": _("Внесите предмет в список «ненужных» предметов сортировки.")},
        )
    errors: Errors = {}
    if admitted_on > calendar.today():
        errors["admitted_on"] = _("Дата помещения не может быть в будущем.")
    elif admitted_on < tag.marked_on:
        errors["admitted_on"] = _("Дата помещения не может быть раньше даты маркировки.")
    admission = StorageAdmission(
        agency_id=tag.agency_id, red_tag=tag, admitted_on=admitted_on, admitted_by=actor
    )
    _validate(admission, _("Предмет не принят."), errors, validate_unique=False)
    admission.save()
    return admission


class CheckEntry(TypedDict):
    """One item as the keeper found it in the weekly check."""

    admission: int
    present: bool
    matches_list: bool
    carried_out_on: NotRequired[datetime.date | None]


@transaction.atomic
def storage_check_record(
    *,
    actor: User,
    agency: Agency,
    checked_on: datetime.date | None,
    entries: Sequence[CheckEntry],
    note: str = "",
) -> StorageCheck:
    """The weekly check (§5.3, L715–721): every item in the zone is found (or not), matched
    against the unneeded list, and decisions carried out are marked with their dates."""
    check_permission(
        permissions.can_keep_zone(actor, agency.pk),
        _("Проверку зоны временного хранения записывает ответственный за учёт предметов."),
    )
    if checked_on is None:
        raise ApplicationError(
            _("Проверка не сохранена."), {"checked_on": _("Укажите дату проверки.")}
        )
    if checked_on > calendar.today():
        raise ApplicationError(
            _("Проверка не сохранена."),
            {"checked_on": _("Дата проверки не может быть в будущем.")},
        )
    in_zone = {
        admission.pk: admission
        for admission in StorageAdmission.objects.select_for_update()
        .filter(agency=agency, released_on=None, admitted_on__lte=checked_on)
        .select_related("red_tag")
    }
    given = {int(entry["admission"]): entry for entry in entries}
    unknown = set(given) - set(in_zone)
    if unknown:
        raise ApplicationError(
            _(
                "Проверка не сохранена: в записи есть предметы, которых нет в зоне временного "
                "хранения."
            ),
            {
                "entries": _("Лишние записи: %(ids)s.")
                % {"ids": ", ".join(map(str, sorted(unknown)))}
            },
        )
    missing = [admission for pk, admission in in_zone.items() if pk not in given]
    if missing:
        raise ApplicationError(
            _("Проверка не сохранена: отметьте все предметы зоны временного хранения."),
            {
                "entries": _("Не отмечены ярлыки: %(numbers)s.")
                % {"numbers": ", ".join(f"№ {a.red_tag.number}" for a in missing)}
            },
        )
    lines = {
        line.red_tag_id: line
        for line in SortingListLine.objects.select_for_update().filter(
            red_tag_id__in=[a.red_tag_id for a in in_zone.values()]
        )
    }
    check = StorageCheck(agency=agency, checked_on=checked_on, checked_by=actor, note=note or "")
    _validate(check, _("Проверка не сохранена."), {})
    check.save()
    check_lines = []
    for pk, admission in in_zone.items():
        entry = given[pk]
        carried_out_on = entry.get("carried_out_on")
        if carried_out_on:
            line = lines[admission.red_tag_id]
            error = rules.carried_out_error(
                item_name=line.item_name,
                decided=line.decision_id is not None,
                carried_out_on=carried_out_on,
                not_after=checked_on,
                admitted_on=admission.admitted_on,
            )
            if error:
                raise ApplicationError(_("Отметка не сохранена."), {"entries": error})
            if line.carried_out_on:
                raise _already_carried_out(line, "entries")
            line.carried_out_on = carried_out_on
            line.save(update_fields=["carried_out_on"])
            admission.released_on = carried_out_on
            admission.save(update_fields=["released_on"])
        check_lines.append(
            StorageCheckLine(
                check_record=check,
                admission=admission,
                present=bool(entry.get("present")),
                matches_list=bool(entry.get("matches_list")),
                carried_out_on=carried_out_on,
            )
        )
    StorageCheckLine.objects.bulk_create(check_lines)
    return check


# --- Schedule reminders (§5.4) ------------------------------------------------------------------


@transaction.atomic
def sorting_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind each team leader whose agency's next sorting is due within a few working days or
    overdue (§5.4, L755), once per agency, leader and due date (core.notifications: the notice
    is sent by e-mail after the commit and listed in the portal). The daily beat task calls
    this; running it twice sends nothing twice. Returns the number of new notices."""
    today = today or calendar.today()
    horizon = calendar.add_working_days(today, SORTING_REMINDER_WORKING_DAYS)
    due_agencies = [s for s in agency_schedules().values() if s.due and s.due <= horizon]
    leaders = _leaders_of([s.agency.pk for s in due_agencies])
    before = Notice.objects.filter(kind=notices.NEXT_SORTING_DUE).count()
    for item in due_agencies:
        notifications.notify(
            kind=notices.NEXT_SORTING_DUE,
            subject=item.agency,
            recipients=leaders.get(item.agency.pk, []),
            due_on=item.due,
        )
    return Notice.objects.filter(kind=notices.NEXT_SORTING_DUE).count() - before


def _leaders_of(agency_ids: Sequence[int]) -> dict[int, list[User]]:
    """The accounts of the leaders of each agency's 5S teams (a leader without an account has
    nobody to tell)."""
    rows = list(
        FiveSTeam.objects.filter(agencies__in=agency_ids, leader__user__isnull=False)
        .values_list("agencies", "leader__user_id")
        .distinct()
    )
    users = User.objects.in_bulk({user_id for _agency_id, user_id in rows})
    result: dict[int, list[User]] = {}
    for agency_id, user_id in sorted(rows):
        result.setdefault(agency_id, []).append(users[user_id])
    return result
