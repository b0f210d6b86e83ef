"""Writes of step 1, sorting (§5 of the Methodological recommendations).

Every rule is checked here once, for the HTML views, the API, the admin and the commands:
- red tags (Appendix 1) get the next number of their agency under a row lock, so numbers run
  1, 2, 3… with no gap and no repeat however many people mark items at once;
- a line of the unneeded list (Appendix 16) is made from a red tag and kept in step with it;
- decisions and agreements are entered by the team leader (§5.4);
- an item enters the temporary storage zone only with a filled red tag and a line in the
  unneeded list (§5.3); the person responsible records the weekly check.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, FiveSTeam
from agencies.people import person_of
from core import calendar
from core.exceptions import ApplicationError
from sorting import permissions
from sorting.choices import (
    REQUIRED_APPROVAL_ROLES,
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
    SortingReminder,
    SortingRound,
    StorageAdmission,
    StorageCheck,
    StorageCheckLine,
)
from sorting.schedule import latest_allowed_next_date

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures" / "sorting"
KIND_OF_COLUMN = {
    "regularities": EntryKind.REGULARITY,
    "states": EntryKind.STATE,
    "decisions": EntryKind.DECISION,
}


def _invalid(message, details=None):
    return ApplicationError(message, details=details or {})


def _deny(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


# --- Classifier (Appendix 14) and control sheet (Appendix 15) ---------------------------------


@transaction.atomic
def classifier_load(*, classifier_path=None, control_sheet_path=None):
    """Load the template classifier and control sheet from the fixtures (idempotent).

    Returns the number of template entries and control-sheet items now present.
    """
    classifier = json.loads(
        Path(classifier_path or FIXTURE_DIR / "classifier.json").read_text(encoding="utf-8")
    )
    order = 0
    for category in classifier["categories"]:
        if category["code"] not in ItemCategory.values:
            raise _invalid(_("Неизвестная категория предметов: %s") % category["code"])
        for column, kind in KIND_OF_COLUMN.items():
            for text in category[column]:
                order += 1
                ClassifierEntry.objects.update_or_create(
                    team=None,
                    category=category["code"],
                    kind=kind,
                    text=text,
                    defaults={"order": order},
                )
    sheet = json.loads(
        Path(control_sheet_path or FIXTURE_DIR / "control_sheet.json").read_text(encoding="utf-8")
    )
    order = 0
    for section in sheet["sections"]:
        for text in section["items"]:
            order += 1
            ControlSheetItem.objects.update_or_create(
                section_number=section["number"],
                text=text,
                defaults={"section_title": section["title"], "order": order},
            )
    return (
        ClassifierEntry.objects.filter(team=None).count(),
        ControlSheetItem.objects.count(),
    )


@transaction.atomic
def classifier_entry_add(*, actor, team: FiveSTeam, category: str, kind: str, text: str):
    """A team refines the classifier with its own entry (§5.2)."""
    _deny(
        permissions.can_extend_classifier(actor, team),
        _("Дополнять классификатор предметов может лидер 5S-команды."),
    )
    text = (text or "").strip()
    if not text:
        raise _invalid(_("Позиция не добавлена."), {"text": _("Укажите текст позиции.")})
    exists = (
        ClassifierEntry.objects.filter(
            team__in=[team.pk], category=category, kind=kind, text=text
        ).exists()
        or ClassifierEntry.objects.filter(
            team=None, category=category, kind=kind, text=text
        ).exists()
    )
    if exists:
        raise _invalid(
            _("Позиция не добавлена."), {"text": _("Такая позиция уже есть в классификаторе.")}
        )
    last = ClassifierEntry.objects.aggregate(last=Max("order"))["last"] or 0
    entry = ClassifierEntry(team=team, category=category, kind=kind, text=text, order=last + 1)
    entry.full_clean()
    entry.save()
    return entry


def _entry_allowed(entry, *, agency_id, category, kind):
    if entry is None or entry.category != category or entry.kind != kind:
        return False
    if entry.team_id is None:
        return True
    return FiveSTeam.objects.filter(pk=entry.team_id, agencies=agency_id).exists()


# --- Red tags (Appendix 1) -------------------------------------------------------------------

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
# What the unneeded list repeats from the tag (Appendix 1, note 3).
LINE_FIELDS_FROM_TAG = ("room", "workplace_owner", "item_name", "inventory_number", "quantity")


def _check_tag(tag):
    errors = {}
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
    if errors:
        raise _invalid(_("«Красный ярлык» не сохранён: проверьте поля."), errors)


def _full_clean(instance, exclude=None):
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        raise _invalid(
            _("Данные не сохранены: проверьте поля."),
            {name: " ".join(messages) for name, messages in error.message_dict.items()},
        ) from error


def _next_tag_number(agency_id):
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
def redtag_create(*, actor, agency: Agency, data: dict, sorting_round: SortingRound | None = None):
    """Mark an item with a red tag; its registration number is assigned here.

    With `sorting_round` the item goes straight onto that round's unneeded list.
    """
    _deny(
        permissions.can_mark_items(actor, agency.pk),
        _("Вы не можете маркировать предметы в этом ОИВ ЯО / СППО."),
    )
    tag = RedTag(agency=agency, created_by=actor)
    for name in TAG_FIELDS:
        if name in data:
            setattr(tag, name, data[name] if data[name] is not None or name in _NULLABLE else "")
    if not tag.marked_on:
        tag.marked_on = calendar.today()
    if not tag.marked_by:
        # Appendix 1: «5S-команда или фамилия и инициалы сотрудника», the marker by default.
        person = person_of(actor)
        tag.marked_by = person.full_name if person else _("5S-команда")
    tag.number = 0  # a placeholder so that full_clean passes; the real number comes last
    _full_clean(tag)
    _check_tag(tag)
    if sorting_round is not None and sorting_round.agency_id != agency.pk:
        raise _invalid(
            _("«Красный ярлык» не сохранён."),
            {"round": _("Сортировка проводится в другом ОИВ ЯО / СППО.")},
        )
    tag.number = _next_tag_number(agency.pk)
    tag.save()
    if sorting_round is not None:
        _add_tag_line(tag, sorting_round)
    return tag


_NULLABLE = {"move_deadline", "reason", "action", "marked_on", "quantity"}


def _list_of(sorting_round, kind):
    sorting_list, _created = SortingList.objects.get_or_create(round=sorting_round, kind=kind)
    return sorting_list


def _next_position(sorting_list):
    SortingList.objects.select_for_update().filter(pk=sorting_list.pk).first()
    last = sorting_list.lines.aggregate(last=Max("position"))["last"] or 0
    return last + 1


def _add_tag_line(tag, sorting_round):
    if hasattr(tag, "list_line"):
        raise _invalid(
            _("Предмет уже внесён в список «ненужных» предметов (сортировка %(round)s).")
            % {"round": tag.list_line.sorting_list.round.period_display}
        )
    sorting_list = _list_of(sorting_round, ListKind.UNNEEDED)
    if list_is_agreed(sorting_list):
        raise _invalid(_("Список «ненужных» предметов уже согласован: новые строки не вносятся."))
    line = SortingListLine(
        sorting_list=sorting_list,
        position=_next_position(sorting_list),
        red_tag=tag,
        **{name: getattr(tag, name) for name in LINE_FIELDS_FROM_TAG},
    )
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def redtag_add_to_list(*, actor, tag: RedTag, sorting_round: SortingRound):
    """Enter a tagged item in the round's unneeded list (Appendix 15, «Механизм», item 2)."""
    _deny(
        permissions.can_work_round(actor, tag.agency_id),
        _("Вносить предметы в список может 5S-команда."),
    )
    if sorting_round.agency_id != tag.agency_id:
        raise _invalid(_("Сортировка проводится в другом ОИВ ЯО / СППО."))
    tag = RedTag.objects.select_for_update().get(pk=tag.pk)
    return _add_tag_line(tag, sorting_round)


@transaction.atomic
def redtag_update(*, actor, tag: RedTag, data: dict):
    """Correct a tag; its line in the unneeded list follows, so the two always agree."""
    _deny(
        permissions.can_edit_tag(actor, tag),
        _(
            "Изменять «красный ярлык» может его автор (до помещения предмета в зону временного "
            "хранения) или лидер 5S-команды."
        ),
    )
    tag = RedTag.objects.select_for_update().get(pk=tag.pk)
    line = SortingListLine.objects.filter(red_tag=tag).select_related("sorting_list").first()
    for name in TAG_FIELDS:
        if name in data:
            setattr(tag, name, data[name] if data[name] is not None or name in _NULLABLE else "")
    _full_clean(tag)
    _check_tag(tag)
    if line is not None:
        changed = [
            name for name in LINE_FIELDS_FROM_TAG if getattr(line, name) != getattr(tag, name)
        ]
        if line.decision_id and tag.action_id != line.decision_id:
            raise _invalid(
                _("«Красный ярлык» не сохранён."),
                {
                    "action": _(
                        "По предмету уже принято решение «%(decision)s»: «Что делать с предметом» "
                        "должно с ним совпадать."
                    )
                    % {"decision": line.decision.text}
                },
            )
        if changed and list_is_agreed(line.sorting_list):
            raise _invalid(
                _("Список «ненужных» предметов уже согласован: сведения о предмете не меняются.")
            )
        for name in changed:
            setattr(line, name, getattr(tag, name))
        if changed:
            line.save(update_fields=changed)
    tag.save()
    return tag


# --- Sorting rounds (§5.4) -------------------------------------------------------------------


def _check_round(sorting_round, agency):
    errors = {}
    if sorting_round.date_to and sorting_round.date_to < sorting_round.date_from:
        errors["date_to"] = _("Окончание периода не может быть раньше его начала.")
    if not (sorting_round.rooms or "").strip():
        errors["rooms"] = _("Укажите рабочее пространство (кабинеты), где проходит сортировка.")
    if sorting_round.next_sorting_on:
        end = sorting_round.date_to or sorting_round.date_from
        limit = latest_allowed_next_date(end, agency.deployment_state)
        if sorting_round.next_sorting_on <= end:
            errors["next_sorting_on"] = _(
                "Дата следующей сортировки должна быть позже окончания этой сортировки."
            )
        elif sorting_round.next_sorting_on > limit:
            errors["next_sorting_on"] = _(
                "Следующая сортировка — не позднее %(limit)s: в период развёртывания системы 5S "
                "не реже 1 раза в месяц, при её функционировании — не реже 1 раза в квартал."
            ) % {"limit": limit.strftime("%d.%m.%Y")}
    if errors:
        raise _invalid(_("Сортировка не сохранена: проверьте поля."), errors)


def _check_participants(participants, agency):
    outsiders = [person.full_name for person in participants if person.agency_id != agency.pk]
    if outsiders:
        raise _invalid(
            _("Сортировка не сохранена: проверьте поля."),
            {
                "participants": _("Сотрудники не из этого ОИВ ЯО / СППО: %(names)s.")
                % {"names": ", ".join(outsiders)}
            },
        )


@transaction.atomic
def round_create(
    *,
    actor,
    agency: Agency,
    date_from,
    rooms: str,
    date_to=None,
    participants=(),
    next_sorting_on=None,
):
    """Plan a sorting: the team leader sets its date (§5.4) and the rooms it covers."""
    _deny(
        permissions.can_plan_rounds(actor, agency.pk),
        _("Назначать сортировку может лидер 5S-команды."),
    )
    sorting_round = SortingRound(
        agency=agency,
        date_from=date_from,
        date_to=date_to,
        rooms=rooms,
        next_sorting_on=next_sorting_on,
        created_by=actor,
    )
    _full_clean(sorting_round)
    _check_round(sorting_round, agency)
    _check_participants(participants, agency)
    sorting_round.save()
    sorting_round.participants.set(participants)
    SortingList.objects.bulk_create(
        [SortingList(round=sorting_round, kind=kind) for kind in ListKind.values]
    )
    return sorting_round


@transaction.atomic
def round_update(*, actor, sorting_round: SortingRound, data: dict):
    """Change the period, rooms, participants or the date of the next sorting."""
    _deny(
        permissions.can_plan_rounds(actor, sorting_round.agency_id),
        _("Изменять сортировку может лидер 5S-команды."),
    )
    sorting_round = SortingRound.objects.select_for_update().get(pk=sorting_round.pk)
    participants = data.pop("participants", None)
    for name, value in data.items():
        setattr(sorting_round, name, value)
    _full_clean(sorting_round)
    _check_round(sorting_round, sorting_round.agency)
    if participants is not None:
        _check_participants(participants, sorting_round.agency)
    sorting_round.save()
    if participants is not None:
        sorting_round.participants.set(participants)
    return sorting_round


@transaction.atomic
def control_sheet_save(*, actor, sorting_round: SortingRound, checked_item_ids):
    """Tick exactly these lines of the round's control sheet (Appendix 15)."""
    _deny(
        permissions.can_work_round(actor, sorting_round.agency_id),
        _("Заполнять лист контроля сортировки может 5S-команда."),
    )
    wanted = set(
        ControlSheetItem.objects.filter(pk__in=list(checked_item_ids)).values_list("pk", flat=True)
    )
    if len(wanted) != len(set(checked_item_ids)):
        raise _invalid(_("Лист контроля не сохранён: неизвестный пункт."))
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
def rarely_needed_line_add(*, actor, sorting_round: SortingRound, data: dict):
    """Add a line to the rarely-needed list (Appendix 17) with its usage regularity."""
    _deny(
        permissions.can_work_round(actor, sorting_round.agency_id),
        _("Вносить предметы в список может 5S-команда."),
    )
    sorting_list = _list_of(sorting_round, ListKind.RARELY_NEEDED)
    if list_is_agreed(sorting_list):
        raise _invalid(
            _("Список «ненужных срочно» предметов уже согласован: новые строки не вносятся.")
        )
    line = SortingListLine(sorting_list=sorting_list, position=0)
    for name in ("room", "workplace_owner", "item_name", "inventory_number", "quantity"):
        if name in data:
            setattr(line, name, data[name] if data[name] is not None else "")
    line.regularity = data.get("regularity")
    _full_clean(line)
    errors = {}
    if not _entry_allowed(
        line.regularity,
        agency_id=sorting_round.agency_id,
        category=ItemCategory.RARELY_NEEDED,
        kind=EntryKind.REGULARITY,
    ):
        errors["regularity"] = _("Выберите регулярность использования «ненужного срочно» предмета.")
    if line.quantity < 1:
        errors["quantity"] = _("Количество должно быть не меньше 1.")
    if errors:
        raise _invalid(_("Строка не добавлена: проверьте поля."), errors)
    line.position = _next_position(sorting_list)
    line.save()
    return line


# --- Decisions and agreements (§5.4, Appendices 16 and 17) --------------------------------------


def list_missing_approvals(sorting_list, approvals=None, lines=None):
    """What the «СОГЛАСОВАНО» block still lacks: role labels and deciders' names."""
    approvals = list(sorting_list.approvals.all()) if approvals is None else approvals
    lines = list(sorting_list.lines.all()) if lines is None else lines
    roles = {approval.role for approval in approvals}
    missing = [
        str(ApprovalRole(role).label) for role in REQUIRED_APPROVAL_ROLES if role not in roles
    ]
    agreed_deciders = {
        approval.full_name.strip().lower()
        for approval in approvals
        if approval.role == ApprovalRole.DECIDER
    }
    deciders = sorted({line.decider_name.strip() for line in lines if line.decider_name.strip()})
    missing += [name for name in deciders if name.lower() not in agreed_deciders]
    return missing


def list_is_agreed(sorting_list, approvals=None, lines=None):
    lines = list(sorting_list.lines.all()) if lines is None else lines
    if not lines or any(line.decision_id is None for line in lines):
        return False
    return not list_missing_approvals(sorting_list, approvals, lines)


@transaction.atomic
def line_decide(
    *,
    actor,
    line: SortingListLine,
    decider_name: str,
    decider_position: str,
    decision: ClassifierEntry,
    execute_by,
):
    """The team leader enters the decision agreed at the discussion (§5.4)."""
    sorting_list = line.sorting_list
    sorting_round = sorting_list.round
    _deny(
        permissions.can_decide(actor, sorting_round.agency_id),
        _("Решение по дальнейшему использованию вносит лидер 5S-команды."),
    )
    line = SortingListLine.objects.select_for_update().get(pk=line.pk)
    errors = {}
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
    if execute_by is None:
        errors["execute_by"] = _("Укажите срок исполнения решения.")
    elif execute_by < sorting_round.date_from:
        errors["execute_by"] = _("Срок исполнения решения не может быть раньше сортировки.")
    if sorting_round.date_from > calendar.today():
        errors.setdefault(
            "decision", _("Решение вносится по окончании сортировки, а она ещё не началась.")
        )
    if line.carried_out_on:
        errors.setdefault("decision", _("Решение уже исполнено и не меняется."))
    if list_is_agreed(sorting_list):
        errors.setdefault("decision", _("Список уже согласован: решения не меняются."))
    if errors:
        raise _invalid(_("Решение не сохранено: проверьте поля."), errors)
    line.decider_name = decider_name.strip()
    line.decider_position = decider_position.strip()
    line.decision = decision
    line.execute_by = execute_by
    line.decided_by = actor
    line.decided_at = timezone.now()
    line.save()
    if line.red_tag_id and line.red_tag.action_id != decision.pk:
        # Appendix 1, note 3: «Что делать с предметом» on the tag agrees with the list.
        RedTag.objects.filter(pk=line.red_tag_id).update(action=decision)
    return line


@transaction.atomic
def list_approve(
    *, actor, sorting_list: SortingList, role: str, full_name: str, position: str, agreed_on
):
    """Record one agreement of the list: who agreed (role, name, position) and when."""
    _deny(
        permissions.can_decide(actor, sorting_list.round.agency_id),
        _("Согласования списка вносит лидер 5S-команды."),
    )
    SortingList.objects.select_for_update().filter(pk=sorting_list.pk).first()
    errors = {}
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
    elif agreed_on < sorting_list.round.date_from:
        errors["agreed_on"] = _("Список не может быть согласован раньше сортировки.")
    if not lines:
        errors.setdefault("role", _("В списке нет предметов: согласовывать нечего."))
    elif any(line.decision_id is None for line in lines):
        errors.setdefault(
            "role",
            _("Сначала внесите решения по всем предметам списка: согласуется список с решениями."),
        )
    if (
        not errors
        and role == ApprovalRole.DECIDER
        and full_name.strip().lower() not in {line.decider_name.strip().lower() for line in lines}
    ):
        errors["full_name"] = _("Этот сотрудник не указан в списке как принимающий решение.")
    if (
        not errors
        and sorting_list.approvals.filter(role=role, full_name__iexact=full_name.strip()).exists()
    ):
        errors["full_name"] = _("Это согласование уже внесено.")
    if errors:
        raise _invalid(_("Согласование не сохранено: проверьте поля."), errors)
    approval = ListApproval(
        sorting_list=sorting_list,
        role=role,
        full_name=full_name.strip(),
        position=position.strip(),
        agreed_on=agreed_on,
        recorded_by=actor,
    )
    approval.full_clean()
    approval.save()
    return approval


@transaction.atomic
def line_mark_carried_out(*, actor, line: SortingListLine, carried_out_on):
    """The leader records that a decision was carried out (for items outside the zone)."""
    _deny(
        permissions.can_decide(actor, line.sorting_list.round.agency_id),
        _("Отметку об исполнении решения вносит лидер 5S-команды."),
    )
    line = SortingListLine.objects.select_for_update().get(pk=line.pk)
    _check_carried_out(line, carried_out_on, field="carried_out_on")
    line.carried_out_on = carried_out_on
    line.save(update_fields=["carried_out_on"])
    StorageAdmission.objects.filter(red_tag_id=line.red_tag_id, released_on=None).exclude(
        red_tag_id=None
    ).update(released_on=carried_out_on)
    return line


def _check_carried_out(line, carried_out_on, *, field, not_after=None):
    error = None
    if line.decision_id is None:
        error = _("По предмету «%(item)s» ещё нет решения.") % {"item": line.item_name}
    elif carried_out_on is None:
        error = _("Укажите дату исполнения решения.")
    elif carried_out_on > (not_after or calendar.today()):
        error = _("Дата исполнения решения не может быть позже даты проверки.")
    elif line.carried_out_on:
        error = _("Решение по предмету «%(item)s» уже отмечено исполненным.") % {
            "item": line.item_name
        }
    if error:
        raise _invalid(_("Отметка не сохранена."), {field: error})


# --- Temporary storage zone (§5.3) --------------------------------------------------------------


@transaction.atomic
def storage_admit(*, actor, tag: RedTag, admitted_on=None):
    """Place an item in the storage zone. §5.3: only with a filled red tag on the item and
    the item in the unneeded list; otherwise refused with the reason."""
    _deny(
        permissions.can_keep_zone(actor, tag.agency_id),
        _(
            "Принимать предметы в зону временного хранения может ответственный за учёт предметов "
            "или лидер 5S-команды."
        ),
    )
    tag = RedTag.objects.select_for_update().select_related("reason", "action").get(pk=tag.pk)
    admitted_on = admitted_on or calendar.today()
    if StorageAdmission.objects.filter(red_tag=tag).exists():
        raise _invalid(
            _("Предмет по «красному ярлыку» № %(number)s уже помещён в зону временного хранения.")
            % {"number": tag.number}
        )
    if not tag.is_filled:
        labels = ", ".join(
            f"«{RedTag._meta.get_field(name.removesuffix('_id')).verbose_name}»"
            for name in tag.missing_fields
        )
        raise _invalid(
            _("Предмет не принят: «красный ярлык» № %(number)s заполнен не полностью (%(fields)s).")
            % {"number": tag.number, "fields": labels},
            {"red_tag": _("Заполните ярлык: %(fields)s.") % {"fields": labels}},
        )
    line = SortingListLine.objects.filter(red_tag=tag).first()
    if line is None:
        raise _invalid(
            _("Предмет не принят: его нет в списке «ненужных» предметов."),
            {"red_tag": _("Внесите предмет в список «ненужных» предметов сортировки.")},
        )
    if admitted_on > calendar.today():
        raise _invalid(
            _("Предмет не принят."),
            {"admitted_on": _("Дата помещения не может быть в будущем.")},
        )
    if admitted_on < tag.marked_on:
        raise _invalid(
            _("Предмет не принят."),
            {"admitted_on": _("Дата помещения не может быть раньше даты маркировки.")},
        )
    admission = StorageAdmission(
        agency_id=tag.agency_id, red_tag=tag, admitted_on=admitted_on, admitted_by=actor
    )
    admission.full_clean()
    admission.save()
    return admission


@transaction.atomic
def storage_check_record(*, actor, agency: Agency, checked_on, entries: list, note: str = ""):
    """The weekly check (§5.3): every item in the zone is found (or not), matched against the
    unneeded list, and decisions carried out are marked with their dates.

    `entries`: dicts with `admission` (id), `present`, `matches_list`, `carried_out_on`.
    """
    _deny(
        permissions.can_keep_zone(actor, agency.pk),
        _("Проверку зоны временного хранения записывает ответственный за учёт предметов."),
    )
    if checked_on is None:
        raise _invalid(_("Проверка не сохранена."), {"checked_on": _("Укажите дату проверки.")})
    if checked_on > calendar.today():
        raise _invalid(
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
        raise _invalid(
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
        raise _invalid(
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
    check.full_clean()
    check.save()
    check_lines = []
    for pk, admission in in_zone.items():
        entry = given[pk]
        carried_out_on = entry.get("carried_out_on")
        if carried_out_on:
            line = lines[admission.red_tag_id]
            _check_carried_out(line, carried_out_on, field="entries", not_after=checked_on)
            if carried_out_on < admission.admitted_on:
                raise _invalid(
                    _("Отметка не сохранена."),
                    {"entries": _("Решение не может быть исполнено раньше помещения в зону.")},
                )
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


def sorting_reminders_send(*, today=None):
    """E-mail each team leader whose next sorting is due within a few working days or overdue,
    once per due date. Returns the number of reminders sent."""
    from sorting.selectors import agency_schedules

    today = today or calendar.today()
    horizon = calendar.add_working_days(today, SORTING_REMINDER_WORKING_DAYS)
    sent = 0
    due_agencies = [s for s in agency_schedules().values() if s.due and s.due <= horizon]
    already = set(
        SortingReminder.objects.filter(
            agency_id__in=[s.agency.pk for s in due_agencies]
        ).values_list("agency_id", "due_on")
    )
    leaders = _leader_emails([s.agency.pk for s in due_agencies])
    for schedule in due_agencies:
        if (schedule.agency.pk, schedule.due) in already:
            continue
        recipients = leaders.get(schedule.agency.pk, [])
        if not recipients:
            continue
        with transaction.atomic():
            _reminder, created = SortingReminder.objects.get_or_create(
                agency=schedule.agency,
                due_on=schedule.due,
                defaults={"recipients": ", ".join(recipients)},
            )
            if not created:
                continue
            state = _("просрочена") if schedule.due < today else _("предстоит")
            send_mail(
                subject=_("Сортировка в %(agency)s: %(state)s, срок %(due)s")
                % {
                    "agency": schedule.agency.short_name,
                    "state": state,
                    "due": schedule.due.strftime("%d.%m.%Y"),
                },
                message=_(
                    "Следующая сортировка (шаг 1 системы 5S) в %(agency)s должна быть проведена "
                    "не позднее %(due)s (пункт 5.4 Методических рекомендаций: в период "
                    "развёртывания — не реже 1 раза в месяц, при функционировании — не реже 1 "
                    "раза в квартал).\n\n%(url)s"
                )
                % {
                    "agency": schedule.agency.full_name,
                    "due": schedule.due.strftime("%d.%m.%Y"),
                    "url": settings.PORTAL_BASE_URL.rstrip("/") + "/sorting/",
                },
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=recipients,
            )
            sent += 1
    return sent


def _leader_emails(agency_ids):
    result = {}
    rows = FiveSTeam.objects.filter(agencies__in=agency_ids).values_list(
        "agencies", "leader__user__email"
    )
    for agency_id, email in rows:
        if email and agency_id in agency_ids:
            result.setdefault(agency_id, [])
            if email not in result[agency_id]:
                result[agency_id].append(email)
    return result
