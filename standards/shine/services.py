"""Writes of step 3 «Содержание в чистоте» (§7, seed 003 L950–1070; Appendices 19–25).

- The contamination classifier (Appendix 22) is loaded from the text (`contamination_load`);
  a 5S team adds its agency's rows (L4517).
- The analyses (Appendices 20, 23), the cleaning-inspection plans (Appendix 24), the schedules
  (Appendix 25) and the general cleaning (L1025–1057) are written by the 5S team, their rows as
  a grid refused as a whole (GridError: each bad cell named, nothing saved).
- Signatures: only the person the form names for a role signs it (an administrator may record
  it on their behalf); the head approves a plan only after the three agreements; a form with a
  signature can no longer be edited (409) — a change would no longer be what was signed.
- Actual dates: a schedule's by the employees it names and the team, once it is signed; an
  analysis's by the team member who checks the measures (L1019–1021).

Each service checks the right first (403, nothing saved), locks what it changes, validates and
writes; a broken rule is an ApplicationError (400), a state that no longer allows the action a
ConflictError (409).
"""

import datetime
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypedDict

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model, Q
from django.utils.translation import gettext as _

from agencies.models import Agency, FiveSTeam, Person, Room
from core import calendar, notifications
from core.exceptions import ApplicationError, ConflictError, GridError
from core.services import check_permission, full_clean_or_raise, locked, update_from
from core.validators import plan_date_error
from standards.shine import notices, permissions, rules
from standards.shine.choices import (
    ANALYSIS_ROLES,
    CLEANING_MAX,
    DATES_PER_ROW_MAX,
    GENERAL_CLEANING_MAX,
    GENERAL_CLEANING_ROLES,
    PLAN_AGREEMENT_ROLES,
    PLAN_ROLES,
    PREPARATION_MAX,
    SCHEDULE_ROLES,
    AnalysisKind,
    SignRole,
)
from standards.shine.models import (
    AnalysisRow,
    CleaningAnalysis,
    CleaningPlan,
    CleaningSchedule,
    ContaminationType,
    GeneralCleaning,
    PlanRow,
    ScheduleDate,
    ScheduleRow,
    Signature,
)

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "standards" / "contamination_types.json"


def _team_only() -> str:
    return _("Формы шага 3 «Содержание в чистоте» ведёт 5S-команда ОИВ ЯО / СППО.")


# --- The classifier (Appendix 22) -----------------------------------------------------------


@transaction.atomic
def contamination_load(*, path: str | Path | None = None) -> int:
    """Load the rows of Appendix 22 (L4455–4517) as the region's classifier. Idempotent;
    returns the number of the region's rows."""
    data = json.loads(Path(path or FIXTURE).read_text(encoding="utf-8"))
    for order, row in enumerate(data["types"], start=1):
        ContaminationType.objects.update_or_create(
            agency=None,
            name=row["name"],
            defaults={
                "places": "\n".join(row["places"]),
                "actions": "\n".join(row["actions"]),
                "order": order,
            },
        )
    return ContaminationType.objects.filter(agency=None).count()


CONTAMINATION_FIELDS = ("name", "places", "actions", "order")


@transaction.atomic
def contamination_create(
    *, actor: User, agency: Agency, data: Mapping[str, Any]
) -> ContaminationType:
    """The team refines the classifier with its agency's own kind (L4517)."""
    check_permission(permissions.can_edit(actor, agency.pk), _team_only())
    kind = ContaminationType(agency=agency)
    update_from(kind, data, CONTAMINATION_FIELDS)
    # Compared in Python: SQLite's case-insensitive match folds only ASCII («пыль» ≠ «Пыль»),
    # and an agency's classifier is a few dozen names.
    name = (kind.name or "").strip().casefold()
    names = ContaminationType.objects.filter(Q(agency=agency) | Q(agency__isnull=True)).values_list(
        "name", flat=True
    )
    if any(existing.strip().casefold() == name for existing in names):
        raise ApplicationError(
            _("Такой вид загрязнения уже есть в классификаторе."),
            {"name": _("Уже есть в классификаторе.")},
        )
    full_clean_or_raise(kind)
    kind.save()
    return kind


def _own_kind(actor: User, kind: ContaminationType) -> None:
    if kind.agency_id is None:
        raise ConflictError(
            _("Строки примерного классификатора (приложение 22) не изменяются; добавьте свою.")
        )
    check_permission(permissions.can_edit(actor, kind.agency_id), _team_only())


@transaction.atomic
def contamination_update(
    *, actor: User, kind: ContaminationType, data: Mapping[str, Any]
) -> ContaminationType:
    _own_kind(actor, kind)
    changed = update_from(kind, data, CONTAMINATION_FIELDS)
    if changed:
        full_clean_or_raise(kind)
        kind.save(update_fields=changed)
    return kind


@transaction.atomic
def contamination_delete(*, actor: User, kind: ContaminationType) -> None:
    _own_kind(actor, kind)
    if AnalysisRow.objects.filter(contamination=kind).exists():
        raise ConflictError(_("Этот вид загрязнения указан в анализе: его нельзя удалить."))
    kind.delete()


# --- Shared checks ----------------------------------------------------------------------------


def _person_of_agency(person: Person | None, agency: Agency, field: str, errors: dict) -> None:
    if person is not None and person.agency_id != agency.pk:
        errors[field] = _("Сотрудник другого ОИВ ЯО / СППО.")


def _leader_errors(person: Person | None, agency: Agency, errors: dict) -> None:
    if person is not None and not FiveSTeam.objects.filter(agencies=agency, leader=person).exists():
        errors["leader"] = _("Это не лидер 5S-команды этого ОИВ ЯО / СППО.")


def _refuse_if_signed(form: Model, message: str) -> None:
    if Signature.objects.filter(**{_form_field(form): form}).exists():
        raise ConflictError(message)


def _form_field(form: Model) -> str:
    return {
        CleaningAnalysis: "analysis",
        CleaningPlan: "plan",
        CleaningSchedule: "schedule",
        GeneralCleaning: "general_cleaning",
    }[type(form)]


def _rooms_of(agency: Agency, ids: set[int]) -> dict[int, Room]:
    return {r.pk: r for r in Room.objects.filter(agency=agency, pk__in=sorted(ids))}


# --- Analyses (Appendices 19, 20, 23) ----------------------------------------------------------


class AnalysisRowInput(TypedDict, total=False):
    room: Room
    place: str
    contamination: ContaminationType | None
    cause: str
    action: str
    planned_on: datetime.date | None
    responsible: str


class AnalysisInput(TypedDict, total=False):
    kind: str
    date: datetime.date
    analysts: Sequence[Person]
    leader: Person | None
    housekeeping: Person | None
    controller: Person | None
    rows: Sequence[AnalysisRowInput]


ANALYSIS_FIELDS = ("date", "leader", "housekeeping", "controller")


def _analysis_rows(
    analysis: CleaningAnalysis, rows: Sequence[AnalysisRowInput]
) -> list[AnalysisRow]:
    """Validated rows (not saved); a bad cell refuses the whole grid."""
    if not rows:
        raise ApplicationError(_("В анализе нет ни одной строки."), {"rows": _("Добавьте строку.")})
    agency = analysis.agency
    rooms = _rooms_of(agency, {r["room"].pk for r in rows if r.get("room") is not None})
    kinds = set(
        ContaminationType.objects.filter(Q(agency__isnull=True) | Q(agency=agency)).values_list(
            "pk", flat=True
        )
    )
    cleaning = analysis.kind == AnalysisKind.CLEANING_PLACES
    errors: dict[int, dict[str, str]] = {}
    built = []
    for index, row in enumerate(rows):
        cells: dict[str, str] = {}
        room = row.get("room")
        if room is None:
            cells["room"] = _("Укажите помещение.")
        elif room.pk not in rooms:
            cells["room"] = _("Помещение другого ОИВ ЯО / СППО.")
        if not (row.get("place") or "").strip():
            cells["place"] = _("Укажите место.")
        if not (row.get("cause") or "").strip():
            cells["cause"] = _("Укажите причину.")
        if not (row.get("action") or "").strip():
            cells["action"] = (
                _("Укажите мероприятие по устранению причины (проведению уборки).")
                if cleaning
                else _("Укажите предложения по устранению причины / проведению уборки.")
            )
        contamination = row.get("contamination") if cleaning else None
        planned = row.get("planned_on") if cleaning else None
        responsible = (row.get("responsible") or "").strip() if cleaning else ""
        if cleaning:
            # Appendix 23, note 1: the kind is taken from the classifier of Appendix 22.
            if contamination is None:
                cells["contamination"] = _("Укажите вид загрязнения по классификатору.")
            elif contamination.pk not in kinds:
                cells["contamination"] = _("Вида нет в классификаторе этого ОИВ ЯО / СППО.")
            if planned is None:
                cells["planned_on"] = _("Укажите плановую дату выполнения мероприятия.")
            elif plan_date_error(planned):
                cells["planned_on"] = str(plan_date_error(planned))
            if not responsible:
                cells["responsible"] = _("Укажите ответственного исполнителя.")
        if cells:
            errors[index] = cells
            continue
        built.append(
            AnalysisRow(
                analysis=analysis,
                position=index + 1,
                room=room,
                place=row["place"].strip(),
                contamination=contamination,
                cause=row["cause"].strip(),
                action=row["action"].strip(),
                planned_on=planned,
                responsible=responsible,
            )
        )
    for index, obj in enumerate(built):
        try:
            full_clean_or_raise(obj, exclude=["analysis"])
        except ApplicationError as error:
            errors.setdefault(index, {}).update({k: str(v) for k, v in error.details.items()})
    if errors:
        raise GridError(_("Анализ не сохранён: проверьте строки."), errors)
    return built


def _analysis_people(analysis: CleaningAnalysis, analysts: Sequence[Person]) -> None:
    errors: dict[str, str] = {}
    agency = analysis.agency
    for field in ANALYSIS_FIELDS[1:]:
        _person_of_agency(getattr(analysis, field), agency, field, errors)
    _leader_errors(analysis.leader, agency, errors)
    if any(p.agency_id != agency.pk for p in analysts):
        errors["analysts"] = _("Анализ проводят сотрудники этого ОИВ ЯО / СППО.")
    date_message = plan_date_error(analysis.date)
    if date_message:
        errors["date"] = date_message
    if analysis.kind == AnalysisKind.CLEANING_PLACES and analysis.controller is None:
        # Appendix 23 note 6: the leader names the team member who checks the measures.
        errors["controller"] = _("Укажите, кто осуществляет контроль за выполнением мероприятий.")
    if errors:
        raise ApplicationError(_("Анализ не сохранён."), errors)


@transaction.atomic
def analysis_create(*, actor: User, agency: Agency, data: AnalysisInput) -> CleaningAnalysis:
    check_permission(permissions.can_edit(actor, agency.pk), _team_only())
    if data.get("kind") not in AnalysisKind.values:
        raise ApplicationError(_("Неизвестная форма анализа."), {"kind": _("Выберите форму.")})
    analysis = CleaningAnalysis(agency=agency, kind=data["kind"])
    update_from(analysis, data, ANALYSIS_FIELDS)
    if analysis.kind != AnalysisKind.CLEANING_PLACES:
        analysis.controller = None
    analysts = list(data.get("analysts") or [])
    _analysis_people(analysis, analysts)
    full_clean_or_raise(analysis)
    rows = _analysis_rows(analysis, data.get("rows") or [])
    analysis.save()
    analysis.analysts.set(analysts)
    for row in rows:
        row.analysis = analysis
    AnalysisRow.objects.bulk_create(rows)
    return analysis


@transaction.atomic
def analysis_update(
    *, actor: User, analysis: CleaningAnalysis, data: AnalysisInput
) -> CleaningAnalysis:
    """Change an analysis not yet agreed; an agreed one is what was signed (409)."""
    check_permission(permissions.can_edit(actor, analysis.agency_id), _team_only())
    analysis = locked(analysis, "agency")
    _refuse_if_signed(analysis, _("Анализ уже согласован: его нельзя изменить."))
    changed = update_from(analysis, data, ANALYSIS_FIELDS)
    if analysis.kind != AnalysisKind.CLEANING_PLACES:
        analysis.controller = None
    analysts = list(data["analysts"]) if "analysts" in data else list(analysis.analysts.all())
    _analysis_people(analysis, analysts)
    full_clean_or_raise(analysis)
    if "rows" in data:
        rows = _analysis_rows(analysis, data["rows"])
        analysis.rows.all().delete()
        AnalysisRow.objects.bulk_create(rows)
    if changed:
        analysis.save(update_fields=changed)
    if "analysts" in data:
        analysis.analysts.set(analysts)
    return analysis


@transaction.atomic
def analysis_done_record(
    *,
    actor: User,
    analysis: CleaningAnalysis,
    dates: Mapping[int, datetime.date | None],
) -> CleaningAnalysis:
    """The checker's actual dates (Appendix 23 column «Фактическая дата», L1019–1021), row id →
    date (None clears a mistaken date). Not before the analysis, not after today."""
    check_permission(
        permissions.can_record_analysis_done(actor, analysis),
        _(
            "Фактическую дату проставляет сотрудник, осуществляющий контроль за выполнением "
            "мероприятий."
        ),
    )
    analysis = locked(analysis)
    if analysis.kind != AnalysisKind.CLEANING_PLACES:
        raise ApplicationError(
            _("Фактические даты проставляются в анализе мест, требующих уборки (приложение 23)."),
            {"kind": _("Форма без фактических дат.")},
        )
    rows = {r.pk: r for r in analysis.rows.select_for_update(of=("self",))}
    today = calendar.today()
    errors: dict[int, dict[str, str]] = {}
    changed = []
    for index, (pk, day) in enumerate(dates.items()):
        row = rows.get(pk)
        if row is None:
            errors[index] = {"id": _("Строки нет в этом анализе.")}
            continue
        if day is not None and (day < analysis.date or day > today):
            errors[index] = {
                "done_on": _("Фактическая дата — не раньше даты анализа и не позже сегодняшней.")
            }
            continue
        if row.done_on != day:
            row.done_on = day
            row.done_recorded_by = actor if day is not None else None
            changed.append(row)
    if errors:
        raise GridError(_("Фактические даты не сохранены: проверьте строки."), errors)
    AnalysisRow.objects.bulk_update(changed, ["done_on", "done_recorded_by"])
    return analysis


# --- Signatures -------------------------------------------------------------------------------


def _sign(
    *, actor: User, form: Any, role: str, allowed: Sequence[str], today: datetime.date | None
) -> Signature:
    if role not in allowed:
        raise ApplicationError(
            _("Эта форма не подписывается в этой роли."), {"role": _("Неверная роль.")}
        )
    check_permission(
        permissions.may_sign(actor, form, role),
        _("Подписывает только лицо, указанное в форме: %(role)s.") % {"role": SignRole(role).label},
    )
    person = permissions.designated_signer(form, role)
    if person is None:
        raise ApplicationError(
            _("В форме не указано, кто подписывает: %(role)s.") % {"role": SignRole(role).label},
            {"role": _("Не указан подписывающий.")},
        )
    field = _form_field(form)
    if Signature.objects.filter(**{field: form, "role": role}).exists():
        raise ConflictError(_("Форма уже подписана: %(role)s.") % {"role": SignRole(role).label})
    return Signature.objects.create(
        **{field: form},
        role=role,
        person=person,
        signed_on=today or calendar.today(),
        signed_by=actor,
        on_behalf=permissions.signs_on_behalf(actor, form, role),
    )


@transaction.atomic
def analysis_sign(
    *, actor: User, analysis: CleaningAnalysis, role: str, today: datetime.date | None = None
) -> Signature:
    """«СОГЛАСОВАНО» of Appendices 20 and 23: the leader and the person responsible for
    housekeeping."""
    analysis = locked(analysis, "agency", "leader", "housekeeping")
    return _sign(actor=actor, form=analysis, role=role, allowed=ANALYSIS_ROLES, today=today)


# --- Cleaning-inspection plans (Appendix 24) --------------------------------------------------


class PlanRowInput(TypedDict, total=False):
    activity: str
    frequency: str
    time_from: datetime.time
    time_to: datetime.time
    equipment: str
    responsible: str
    safety: str


class PlanInput(TypedDict, total=False):
    department: str
    rooms: Sequence[Room]
    compilers: Sequence[Person]
    leader: Person | None
    housekeeping: Person | None
    inventory_officer: Person | None
    inventory_phone: str
    rows: Sequence[PlanRowInput]


PLAN_FIELDS = ("department", "leader", "housekeeping", "inventory_officer", "inventory_phone")
PLAN_ROW_FIELDS = (
    "activity",
    "frequency",
    "time_from",
    "time_to",
    "equipment",
    "responsible",
    "safety",
)
_PHONE = re.compile(r"^\+?[\d\s()\-–]{5,}$")


def _plan_rows(plan: CleaningPlan, rows: Sequence[PlanRowInput]) -> list[PlanRow]:
    if not rows:
        raise ApplicationError(
            _("В плане нет ни одного мероприятия."), {"rows": _("Добавьте мероприятие.")}
        )
    errors: dict[int, dict[str, str]] = {}
    built = []
    for index, row in enumerate(rows):
        obj = PlanRow(plan=plan, position=index + 1)
        update_from(
            obj,
            {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()},
            PLAN_ROW_FIELDS,
        )
        cells: dict[str, str] = {}
        try:
            full_clean_or_raise(obj, exclude=["plan"], validate_constraints=False)
        except ApplicationError as error:
            cells.update({k: str(v) for k, v in error.details.items()})
        if obj.time_from and obj.time_to and obj.time_from >= obj.time_to:
            cells["time_to"] = _("Время окончания уборки должно быть позже начала.")
        if obj.safety and rules.is_reference_only(obj.safety):
            cells["safety"] = _(
                "Опишите меры безопасности: не допускается указывать только ссылку на пункт "
                "инструкции (приложение 24, примечание 6)."
            )
        if cells:
            errors[index] = cells
        built.append(obj)
    if errors:
        raise GridError(_("План не сохранён: проверьте мероприятия."), errors)
    return built


def _plan_errors(plan: CleaningPlan, rooms: Sequence[Room], compilers: Sequence[Person]) -> None:
    errors: dict[str, str] = {}
    agency = plan.agency
    if not rooms:
        errors["rooms"] = _("Укажите кабинет(ы) или части рабочего пространства.")
    elif any(r.agency_id != agency.pk for r in rooms):
        errors["rooms"] = _("Помещение другого ОИВ ЯО / СППО.")
    if any(p.agency_id != agency.pk for p in compilers):
        errors["compilers"] = _("План составляют сотрудники этого ОИВ ЯО / СППО.")
    for field in ("leader", "housekeeping", "inventory_officer"):
        _person_of_agency(getattr(plan, field), agency, field, errors)
        if getattr(plan, field) is None:
            errors[field] = _("Укажите, кто подписывает.")
    _leader_errors(plan.leader, agency, errors)
    # Appendix 24 note 9: the inventory officer's position, name and phone number.
    if not _PHONE.match((plan.inventory_phone or "").strip()):
        errors["inventory_phone"] = _(
            "Укажите номер телефона ответственного за предоставление инвентаря."
        )
    if errors:
        raise ApplicationError(_("План уборки-проверки не сохранён."), errors)


@transaction.atomic
def plan_create(*, actor: User, agency: Agency, data: PlanInput) -> CleaningPlan:
    check_permission(permissions.can_edit(actor, agency.pk), _team_only())
    plan = CleaningPlan(agency=agency)
    update_from(plan, data, PLAN_FIELDS)
    rooms, compilers = list(data.get("rooms") or []), list(data.get("compilers") or [])
    _plan_errors(plan, rooms, compilers)
    full_clean_or_raise(plan)
    rows = _plan_rows(plan, data.get("rows") or [])
    plan.save()
    plan.rooms.set(rooms)
    plan.compilers.set(compilers)
    for row in rows:
        row.plan = plan
    PlanRow.objects.bulk_create(rows)
    _ask_to_sign(plan, PLAN_AGREEMENT_ROLES)
    return plan


@transaction.atomic
def plan_update(*, actor: User, plan: CleaningPlan, data: PlanInput) -> CleaningPlan:
    """Change a plan nobody has signed yet; a signed plan is what was signed (409)."""
    check_permission(permissions.can_edit(actor, plan.agency_id), _team_only())
    plan = locked(plan, "agency")
    _refuse_if_signed(plan, _("План уже подписан: его нельзя изменить."))
    changed = update_from(plan, data, PLAN_FIELDS)
    rooms = list(data["rooms"]) if "rooms" in data else list(plan.rooms.all())
    compilers = list(data["compilers"]) if "compilers" in data else list(plan.compilers.all())
    _plan_errors(plan, rooms, compilers)
    full_clean_or_raise(plan)
    if "rows" in data:
        rows = _plan_rows(plan, data["rows"])
        plan.rows.all().delete()
        PlanRow.objects.bulk_create(rows)
    if changed:
        plan.save(update_fields=changed)
    if "rooms" in data:
        plan.rooms.set(rooms)
    if "compilers" in data:
        plan.compilers.set(compilers)
    return plan


def _ask_to_sign(form: Any, roles: Sequence[str]) -> None:
    recipients = [permissions.designated_signer(form, role) for role in roles]
    notifications.notify(
        kind=notices.TO_SIGN,
        subject=form,
        recipients=[p for p in recipients if p is not None],
        due_on=calendar.today(),
    )


@transaction.atomic
def plan_sign(
    *, actor: User, plan: CleaningPlan, role: str, today: datetime.date | None = None
) -> Signature:
    """The three agreements of Appendix 24 (leader, housekeeping, inventory officer) in any
    order, then the head's «УТВЕРЖДАЮ» (L1013: «обеспечить утверждение руководителем»)."""
    plan = locked(plan, "agency__head", "leader", "housekeeping", "inventory_officer")
    if role == SignRole.HEAD:
        signed = set(Signature.objects.filter(plan=plan).values_list("role", flat=True))
        missing = [SignRole(r).label for r in PLAN_AGREEMENT_ROLES if r not in signed]
        if missing and role in PLAN_ROLES:
            check_permission(
                permissions.may_sign(actor, plan, role),
                _("Подписывает только лицо, указанное в форме: %(role)s.")
                % {"role": SignRole(role).label},
            )
            raise ConflictError(
                _("План утверждается после согласования: не хватает подписей — %(missing)s.")
                % {"missing": ", ".join(str(m) for m in missing)}
            )
    signature = _sign(actor=actor, form=plan, role=role, allowed=PLAN_ROLES, today=today)
    signed = set(Signature.objects.filter(plan=plan).values_list("role", flat=True))
    if role != SignRole.HEAD and all(r in signed for r in PLAN_AGREEMENT_ROLES):
        _ask_to_sign(plan, [SignRole.HEAD])
    return signature


# --- Cleaning schedules (Appendix 25) ---------------------------------------------------------


class ScheduleRowInput(TypedDict, total=False):
    work: str
    frequency: str
    dates: Sequence[datetime.date]


class ScheduleInput(TypedDict, total=False):
    room: Room
    plan: CleaningPlan | None
    department: str
    period_start: datetime.date
    period_end: datetime.date
    department_head: Person | None
    staff: Sequence[Person]
    rows: Sequence[ScheduleRowInput]


SCHEDULE_FIELDS = ("room", "plan", "department", "period_start", "period_end", "department_head")


def _schedule_errors(schedule: CleaningSchedule, staff: Sequence[Person]) -> None:
    errors: dict[str, str] = {}
    agency = schedule.agency
    room = schedule.room if schedule.room_id else None
    if room is None:
        errors["room"] = _("Укажите кабинет (часть рабочего пространства).")
    elif room.agency_id != agency.pk:
        errors["room"] = _("Помещение другого ОИВ ЯО / СППО.")
    plan = schedule.plan if schedule.plan_id else None
    if plan is not None and plan.agency_id != agency.pk:
        errors["plan"] = _("План другого ОИВ ЯО / СППО.")
    if schedule.department_head is None:
        errors["department_head"] = _(
            "Укажите начальника отдела или иное лицо, подписывающее график (приложение 25, "
            "примечание 5)."
        )
    _person_of_agency(schedule.department_head, agency, "department_head", errors)
    if any(p.agency_id != agency.pk for p in staff):
        errors["staff"] = _("Сотрудники другого ОИВ ЯО / СППО.")
    start, end = schedule.period_start, schedule.period_end
    for field, value in (("period_start", start), ("period_end", end)):
        message = plan_date_error(value)
        if message:
            errors[field] = message
    if errors:
        raise ApplicationError(_("График уборки не сохранён."), errors)
    if start and end and not rules.covers_quarter(start, end):
        errors["period_end"] = _(
            "График уборки составляется на срок не менее 1 квартала (приложение 25, примечание "
            "1): для начала %(start)s — не раньше %(end)s."
        ) % {
            "start": start.strftime("%d.%m.%Y"),
            "end": rules.quarter_end(start).strftime("%d.%m.%Y"),
        }
    if errors:
        raise ApplicationError(_("График уборки не сохранён."), errors)


def _schedule_rows(
    schedule: CleaningSchedule, rows: Sequence[ScheduleRowInput]
) -> list[tuple[ScheduleRow, list[datetime.date]]]:
    if not rows:
        raise ApplicationError(_("В графике нет ни одной строки."), {"rows": _("Добавьте работу.")})
    errors: dict[int, dict[str, str]] = {}
    built = []
    for index, row in enumerate(rows):
        obj = ScheduleRow(
            schedule=schedule,
            position=index + 1,
            work=(row.get("work") or "").strip(),
            frequency=(row.get("frequency") or "").strip(),
        )
        cells: dict[str, str] = {}
        try:
            full_clean_or_raise(obj, exclude=["schedule"], validate_constraints=False)
        except ApplicationError as error:
            cells.update({k: str(v) for k, v in error.details.items()})
        dates = sorted(set(row.get("dates") or []))
        if not dates:
            cells["dates"] = _("Укажите даты проведения работ.")
        elif len(dates) > DATES_PER_ROW_MAX:
            cells["dates"] = _("Слишком много дат в одной строке.")
        else:
            outside = [d for d in dates if d < schedule.period_start or d > schedule.period_end]
            if outside:
                cells["dates"] = _("Даты вне периода графика: %(dates)s.") % {
                    "dates": ", ".join(d.strftime("%d.%m.%Y") for d in outside)
                }
        if cells:
            errors[index] = cells
        built.append((obj, dates))
    if errors:
        raise GridError(_("График уборки не сохранён: проверьте строки."), errors)
    return built


def _save_schedule_rows(
    schedule: CleaningSchedule, built: list[tuple[ScheduleRow, list[datetime.date]]]
) -> None:
    for row, _dates in built:
        row.schedule = schedule
    saved = ScheduleRow.objects.bulk_create([row for row, _dates in built])
    ScheduleDate.objects.bulk_create(
        [
            ScheduleDate(row=row, planned_on=day)
            for row, (_obj, dates) in zip(saved, built, strict=True)
            for day in dates
        ]
    )


@transaction.atomic
def schedule_create(*, actor: User, agency: Agency, data: ScheduleInput) -> CleaningSchedule:
    check_permission(permissions.can_edit(actor, agency.pk), _team_only())
    fields: Mapping[str, Any] = data
    schedule = CleaningSchedule(
        agency=agency, **{f: fields[f] for f in SCHEDULE_FIELDS if f in fields}
    )
    staff = list(data.get("staff") or [])
    _schedule_errors(schedule, staff)
    full_clean_or_raise(schedule)
    built = _schedule_rows(schedule, data.get("rows") or [])
    schedule.save()
    schedule.staff.set(staff)
    _save_schedule_rows(schedule, built)
    _ask_to_sign(schedule, SCHEDULE_ROLES)
    return schedule


@transaction.atomic
def schedule_update(
    *, actor: User, schedule: CleaningSchedule, data: ScheduleInput
) -> CleaningSchedule:
    """Change a schedule not yet signed; a signed one is what was signed (409)."""
    check_permission(permissions.can_edit(actor, schedule.agency_id), _team_only())
    schedule = locked(schedule, "agency")
    _refuse_if_signed(schedule, _("График уже подписан: его нельзя изменить."))
    changed = update_from(schedule, data, SCHEDULE_FIELDS)
    staff = list(data["staff"]) if "staff" in data else list(schedule.staff.all())
    _schedule_errors(schedule, staff)
    full_clean_or_raise(schedule)
    if "rows" in data:
        built = _schedule_rows(schedule, data["rows"])
        schedule.rows.all().delete()
        _save_schedule_rows(schedule, built)
    elif {"period_start", "period_end"} & set(changed):
        outside = ScheduleDate.objects.filter(row__schedule=schedule).filter(
            Q(planned_on__lt=schedule.period_start) | Q(planned_on__gt=schedule.period_end)
        )
        if outside.exists():
            raise ApplicationError(
                _("Даты проведения работ выходят за новый период графика."),
                {"period_start": _("Сначала измените даты работ.")},
            )
    if changed:
        schedule.save(update_fields=changed)
    if "staff" in data:
        schedule.staff.set(staff)
    return schedule


@transaction.atomic
def schedule_sign(
    *, actor: User, schedule: CleaningSchedule, today: datetime.date | None = None
) -> Signature:
    """The head of the department signs the schedule (Appendix 25, note 5, L4745)."""
    schedule = locked(schedule, "agency", "department_head")
    return _sign(
        actor=actor,
        form=schedule,
        role=SignRole.DEPARTMENT_HEAD,
        allowed=SCHEDULE_ROLES,
        today=today,
    )


@transaction.atomic
def schedule_done_record(
    *,
    actor: User,
    schedule: CleaningSchedule,
    dates: Mapping[int, datetime.date | None],
) -> CleaningSchedule:
    """The employees mark the dates the work was actually done (L1017), planned date id → the
    actual date (None clears a mistaken one). Only in a signed schedule; an actual date lies in
    the schedule's period and not after today."""
    check_permission(
        permissions.can_record_schedule_done(actor, schedule),
        _("Даты выполнения отмечают сотрудники кабинета, указанные в графике, и 5S-команда."),
    )
    schedule = locked(schedule)
    if not Signature.objects.filter(schedule=schedule).exists():
        raise ConflictError(
            _("График ещё не подписан начальником отдела: отмечать выполнение рано.")
        )
    planned = {
        d.pk: d
        for d in ScheduleDate.objects.select_for_update(of=("self",)).filter(row__schedule=schedule)
    }
    today = calendar.today()
    errors: dict[int, dict[str, str]] = {}
    changed = []
    for index, (pk, day) in enumerate(dates.items()):
        record = planned.get(pk)
        if record is None:
            errors[index] = {"id": _("Такой даты нет в этом графике.")}
            continue
        if day is not None and (
            day < schedule.period_start or day > min(today, schedule.period_end)
        ):
            errors[index] = {
                "done_on": _("Фактическая дата — в периоде графика и не позже сегодняшней.")
            }
            continue
        if record.done_on != day:
            record.done_on = day
            record.done_by = actor if day is not None else None
            changed.append(record)
    if errors:
        raise GridError(_("Даты выполнения не сохранены: проверьте строки."), errors)
    ScheduleDate.objects.bulk_update(changed, ["done_on", "done_by"])
    return schedule


# --- The general cleaning (§7.3, L1025–1057) ---------------------------------------------------


GENERAL_FIELDS = (
    "preparation_start",
    "preparation_end",
    "cleaning_start",
    "cleaning_end",
    "cleaners",
    "notes",
)


def _general_errors(cleaning: GeneralCleaning) -> None:
    errors: dict[str, str] = {}
    for field in ("preparation_start", "preparation_end", "cleaning_start", "cleaning_end"):
        value = getattr(cleaning, field)
        message = plan_date_error(value.date()) if value is not None else None
        if message:
            errors[field] = message
    if errors:
        raise ApplicationError(_("Генеральная уборка не сохранена."), errors)
    ps, pe = cleaning.preparation_start, cleaning.preparation_end
    cs, ce = cleaning.cleaning_start, cleaning.cleaning_end
    if ps and pe and pe <= ps:
        errors["preparation_end"] = _("Подготовка должна закончиться позже, чем началась.")
    elif ps and pe and rules.stage_too_long(ps, pe, PREPARATION_MAX):
        errors["preparation_end"] = _(
            "Подготовка к генеральной уборке — не более 1 дня (п. 7.3 Методических рекомендаций)."
        )
    if cs and ce and ce <= cs:
        errors["cleaning_end"] = _("Уборка должна закончиться позже, чем началась.")
    elif cs and ce and rules.stage_too_long(cs, ce, CLEANING_MAX):
        errors["cleaning_end"] = _(
            "Проведение генеральной уборки — не более 1 дня (п. 7.3 Методических рекомендаций)."
        )
    if pe and cs and cs < pe:
        errors["cleaning_start"] = _("Уборка начинается после подготовки.")
    if not errors and ps and ce and rules.stage_too_long(ps, ce, GENERAL_CLEANING_MAX):
        errors["cleaning_end"] = _(
            "Генеральная уборка-проверка с подготовкой — не более 2 дней (шаг 3, мероприятие 2)."
        )
    if errors:
        raise ApplicationError(_("Генеральная уборка не сохранена."), errors)


@transaction.atomic
def general_cleaning_create(
    *, actor: User, agency: Agency, data: Mapping[str, Any]
) -> GeneralCleaning:
    check_permission(permissions.can_edit(actor, agency.pk), _team_only())
    cleaning = GeneralCleaning(agency=agency)
    update_from(cleaning, data, GENERAL_FIELDS)
    full_clean_or_raise(cleaning)
    _general_errors(cleaning)
    cleaning.save()
    _ask_to_sign(cleaning, GENERAL_CLEANING_ROLES)
    return cleaning


@transaction.atomic
def general_cleaning_update(
    *, actor: User, cleaning: GeneralCleaning, data: Mapping[str, Any]
) -> GeneralCleaning:
    check_permission(permissions.can_edit(actor, cleaning.agency_id), _team_only())
    cleaning = locked(cleaning)
    _refuse_if_signed(
        cleaning, _("Дата генеральной уборки уже согласована с руководителем: её нельзя изменить.")
    )
    changed = update_from(cleaning, data, GENERAL_FIELDS)
    if changed:
        full_clean_or_raise(cleaning)
        _general_errors(cleaning)
        cleaning.save(update_fields=changed)
    return cleaning


@transaction.atomic
def general_cleaning_agree(
    *, actor: User, cleaning: GeneralCleaning, today: datetime.date | None = None
) -> Signature:
    """The head agrees the date and time (L1035); the agency's employees are told (L1037)."""
    cleaning = locked(cleaning, "agency__head")
    signature = _sign(
        actor=actor, form=cleaning, role=SignRole.HEAD, allowed=GENERAL_CLEANING_ROLES, today=today
    )
    notifications.notify(
        kind=notices.GENERAL_CLEANING,
        subject=cleaning,
        recipients=list(
            Person.objects.filter(agency=cleaning.agency, user__isnull=False).select_related("user")
        ),
        due_on=cleaning.cleaning_start.date(),
    )
    return signature


# --- Reminders --------------------------------------------------------------------------------


def cleaning_reminders_send(*, today: datetime.date | None = None) -> int:
    """Planned dates passed without an actual date: of signed schedules, to the employees named
    and the head of the department; of the Appendix 23 measures, to the checker. Once per form,
    recipient and planned date (core.notifications). Returns the number of (form, date) pairs
    reminded of."""
    today = today or calendar.today()
    count = 0
    missed = (
        ScheduleDate.objects.filter(
            done_on__isnull=True,
            planned_on__lt=today,
            row__schedule__signatures__isnull=False,
        )
        .values_list("row__schedule_id", "planned_on")
        .distinct()
    )
    by_schedule: dict[int, set[datetime.date]] = {}
    for schedule_id, day in missed:
        by_schedule.setdefault(schedule_id, set()).add(day)
    schedules = (
        CleaningSchedule.objects.filter(pk__in=sorted(by_schedule))
        .select_related("department_head__user")
        .prefetch_related("staff__user")
    )
    for schedule in schedules:
        recipients: list[Any] = list(schedule.staff.all())
        if schedule.department_head is not None:
            recipients.append(schedule.department_head)
        for day in sorted(by_schedule[schedule.pk]):
            notifications.notify(
                kind=notices.DATE_MISSED, subject=schedule, recipients=recipients, due_on=day
            )
            count += 1
    late = (
        AnalysisRow.objects.filter(done_on__isnull=True, planned_on__lt=today)
        .exclude(analysis__controller=None)
        .select_related("analysis__controller__user")
        .order_by("analysis_id", "planned_on")
    )
    seen: set[tuple[int, datetime.date]] = set()
    for row in late:
        assert row.planned_on is not None
        key = (row.analysis_id, row.planned_on)
        if key in seen:
            continue
        seen.add(key)
        notifications.notify(
            kind=notices.MEASURE_OVERDUE,
            subject=row.analysis,
            recipients=[row.analysis.controller],
            due_on=row.planned_on,
        )
        count += 1
    return count
