"""Writes for workplaces and timing studies.

Every figure is computed by productivity.calc from the values recorded here, once, for the
forms, the calculators' «save into a study», the API and the admin alike. Impossible inputs
raise ApplicationError with a Russian message per field and nothing is saved.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from productivity import calc, selectors
from productivity.choices import MAX_OBSERVATIONS, Phase
from productivity.models import Measurement, Operation, Study, Workplace
from productivity.permissions import can_edit_study, can_edit_workplace, can_record


def _full_clean(instance, exclude=None):
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        details = {
            key: " ".join(str(m) for m in messages) for key, messages in error.message_dict.items()
        }
        raise ApplicationError(_("Проверьте введённые данные."), details=details) from None


def _require(allowed):
    if not allowed:
        raise PermissionDenied


# --- Workplaces -------------------------------------------------------------------------------


@dataclass
class WorkplaceData:
    agency: object
    name: str
    hourly_rate: Decimal
    workers_per_workplace: int = 1
    kvc_base: Decimal = calc.KVC_BASES[0]
    worker_share: Decimal = calc.WORKER_SHARE_MIN
    kst_mode: str = "table"


def _check_workplace(data: WorkplaceData):
    errors = {}
    checks = (
        lambda: calc.piece_rate(norm_seconds=1, hourly_rate=data.hourly_rate),
        lambda: calc.kst_max(base=data.kvc_base, share=data.worker_share),
        lambda: calc.kst(kvc=1, base=data.kvc_base, share=data.worker_share, mode=data.kst_mode),
    )
    for check in checks:
        try:
            check()
        except calc.InvalidInput as error:
            errors.setdefault(error.field, str(error.message))
    if errors:
        raise ApplicationError(_("Проверьте параметры рабочего места."), details=errors)


@transaction.atomic
def workplace_create(*, actor, data: WorkplaceData) -> Workplace:
    _require(can_record(actor, data.agency.pk))
    _check_workplace(data)
    workplace = Workplace(
        agency=data.agency,
        name=data.name.strip(),
        hourly_rate=data.hourly_rate,
        workers_per_workplace=data.workers_per_workplace,
        kvc_base=data.kvc_base,
        worker_share=data.worker_share,
        kst_mode=data.kst_mode,
    )
    _full_clean(workplace)
    workplace.save()
    return workplace


@transaction.atomic
def workplace_update(*, actor, workplace: Workplace, data: WorkplaceData) -> Workplace:
    """New settings apply to measurements recorded from now on; recorded cards keep the Kст
    that was in force."""
    _require(can_edit_workplace(actor, workplace))
    if data.agency.pk != workplace.agency_id:
        raise ApplicationError(
            _("Рабочее место нельзя перенести в другой ОИВ ЯО / СППО."),
            details={"agency": _("Рабочее место нельзя перенести в другой ОИВ ЯО / СППО.")},
        )
    _check_workplace(data)
    for name in (
        "name",
        "hourly_rate",
        "workers_per_workplace",
        "kvc_base",
        "worker_share",
        "kst_mode",
    ):
        setattr(workplace, name, getattr(data, name))
    workplace.name = workplace.name.strip()
    _full_clean(workplace)
    workplace.save()
    return workplace


# --- Studies ----------------------------------------------------------------------------------


# `measurement_record` leaves the study's corrective action as it is unless one is given.
UNCHANGED = object()


def _corrective_action(value, *, agency_id):
    """The corrective action (Appendix 30) whose improvement the study measures, or None.

    `value` is a CorrectiveAction, its id, or None/"" for «none». The one rule, for the forms,
    the API and any other caller: it must be an action of an approved plan of the study's own
    agency (productivity.selectors.corrective_actions says why only approved plans). An unknown
    id and another agency's action get the same message, so ids of other agencies' plans do not
    leak.
    """
    if value is None or value == "":
        return None
    pk = getattr(value, "pk", value)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        pk = None
    action = (
        selectors.corrective_actions(agencies=agency_id).filter(pk=pk).first()
        if pk is not None
        else None
    )
    if action is None:
        message = _(
            "Выберите корректирующее мероприятие из утверждённого плана "
            "ОИВ ЯО / СППО, к которому относится рабочее место."
        )
        raise ApplicationError(message, details={"corrective_action": message})
    return action


@transaction.atomic
def study_create(
    *, actor, workplace: Workplace, title: str, improvement: str = "", corrective_action=None
) -> Study:
    _require(can_edit_workplace(actor, workplace))
    study = Study(
        agency_id=workplace.agency_id,
        workplace=workplace,
        title=title.strip(),
        improvement=(improvement or "").strip(),
        corrective_action=_corrective_action(corrective_action, agency_id=workplace.agency_id),
        created_by=actor,
    )
    _full_clean(study, exclude=["created_by"])
    study.save()
    return study


@transaction.atomic
def study_update(
    *, actor, study: Study, title: str, improvement: str = "", corrective_action=None
) -> Study:
    """`corrective_action=None` unlinks the study from its corrective action."""
    _require(can_edit_study(actor, study))
    study.title = title.strip()
    study.improvement = (improvement or "").strip()
    study.corrective_action = _corrective_action(corrective_action, agency_id=study.agency_id)
    if not study.improvement and study.measurements.filter(phase=Phase.AFTER).exists():
        raise ApplicationError(
            _("Опишите улучшение, вызвавшее изменение."),
            details={"improvement": _("Опишите улучшение, вызвавшее изменение.")},
        )
    _full_clean(study, exclude=["created_by"])
    study.save()
    return study


@transaction.atomic
def study_delete(*, actor, study: Study):
    _require(can_edit_study(actor, study))
    study.delete()


@dataclass
class OperationData:
    name: str
    cycle_times_s: list
    manual_times_s: list
    parts_per_cycle: int = 1


@dataclass
class MeasurementData:
    phase: str
    measured_on: object
    shift_h: Decimal
    rest_h: Decimal
    preparatory_h: Decimal
    maintenance_h: Decimal
    losses_h: Decimal
    yield_percent: Decimal
    operations: list = field(default_factory=list)


def _check_operations(operations):
    errors = {}
    for index, operation in enumerate(operations):
        if not (operation.name or "").strip():
            errors[f"operations.{index}.name"] = _("Укажите наименование операции.")
        for name in ("cycle_times_s", "manual_times_s"):
            if len(getattr(operation, name) or ()) > MAX_OBSERVATIONS:
                errors[f"operations.{index}.{name}"] = _("Не более %(n)s замеров на операцию.") % {
                    "n": MAX_OBSERVATIONS
                }
    if errors:
        raise ApplicationError(_("Проверьте операции замера."), details=errors)


def _compute(workplace, data: MeasurementData):
    calc.yield_percent(data.yield_percent, "yield_percent")
    return calc.workplace_measurement(
        shift_h=data.shift_h,
        rest_h=data.rest_h,
        preparatory_h=data.preparatory_h,
        maintenance_h=data.maintenance_h,
        losses_h=data.losses_h,
        operations=[
            calc.ObservedOperation(
                cycle_times_s=op.cycle_times_s,
                manual_times_s=op.manual_times_s,
                parts_per_cycle=op.parts_per_cycle,
            )
            for op in data.operations
        ],
        hourly_rate=workplace.hourly_rate,
        workers_per_workplace=workplace.workers_per_workplace,
        kvc_base=workplace.kvc_base,
        worker_share=workplace.worker_share,
        kst_mode=workplace.kst_mode,
    )


def _r(value, kind):
    return calc.rounded(value, kind)


@transaction.atomic
def measurement_record(
    *,
    actor,
    study: Study,
    data: MeasurementData,
    improvement: str | None = None,
    corrective_action=UNCHANGED,
) -> Measurement:
    """Record (or re-record) the study's measurement of one phase, compute its figures with the
    workplace's piece-rate settings and refresh the study's growth.

    The «after» measurement needs the improvement that caused the change: given here or
    already on the study. `corrective_action` (an action, its id, or None to unlink) is left
    as it is unless given.
    """
    _require(can_edit_study(actor, study))
    if data.phase not in Phase.values:
        raise ApplicationError(
            _("Выберите замер: до или после улучшения."),
            details={"phase": _("Выберите замер: до или после улучшения.")},
        )
    if improvement is not None:
        study.improvement = improvement.strip()
    if corrective_action is not UNCHANGED:
        study.corrective_action = _corrective_action(corrective_action, agency_id=study.agency_id)
    if data.phase == Phase.AFTER and not study.improvement:
        raise ApplicationError(
            _("Опишите улучшение, вызвавшее изменение."),
            details={"improvement": _("Опишите улучшение, вызвавшее изменение.")},
        )
    _check_operations(data.operations)
    workplace = study.workplace
    figures = _compute(workplace, data)

    measurement = Measurement.objects.filter(study=study, phase=data.phase).first() or Measurement(
        study=study, phase=data.phase
    )
    measurement.measured_on = data.measured_on or timezone.localdate()
    for name in (
        "shift_h",
        "rest_h",
        "preparatory_h",
        "maintenance_h",
        "losses_h",
        "yield_percent",
    ):
        setattr(measurement, name, calc.to_decimal(getattr(data, name), name))
    measurement.available_ideal_h = _r(figures.available_ideal_h, "time")
    measurement.available_actual_h = _r(figures.available_actual_h, "time")
    measurement.cycle_time_s = _r(figures.cycle_time_s, "time")
    measurement.manual_time_s = _r(figures.manual_time_s, "time")
    measurement.kvc = _r(figures.kvc, "coefficient")
    measurement.kint = _r(figures.kint, "coefficient")
    measurement.norm_s = _r(figures.norm_s, "time")
    measurement.output_per_shift = _r(figures.output_per_shift, "time")
    measurement.output_per_hour = _r(figures.output_per_hour, "time")
    measurement.kst = _r(figures.kst, "coefficient")
    measurement.rate = _r(figures.rate, "time")
    measurement.wage_per_hour = _r(figures.wage_per_hour, "time")
    _full_clean(measurement, exclude=["study"])
    measurement.save()

    measurement.operations.all().delete()
    Operation.objects.bulk_create(
        [
            Operation(
                measurement=measurement,
                position=index + 1,
                name=op.name.strip(),
                parts_per_cycle=int(op.parts_per_cycle),
                cycle_times_s=[str(calc.to_decimal(v, "cycle_times_s")) for v in op.cycle_times_s],
                manual_times_s=[
                    str(calc.to_decimal(v, "manual_times_s")) for v in op.manual_times_s
                ],
                cycle_min_s=_r(result.cycle_min_s, "time"),
                cycle_avg_s=_r(result.cycle_avg_s, "time"),
                manual_min_s=_r(result.manual_min_s, "time"),
                manual_avg_s=_r(result.manual_avg_s, "time"),
            )
            for index, (op, result) in enumerate(
                zip(data.operations, figures.operations, strict=True)
            )
        ]
    )
    _refresh_growth(study)
    _full_clean(study, exclude=["created_by"])
    study.save()
    return measurement


def _refresh_growth(study: Study):
    """Growth (11) from the two measurements: ΣTц per part (8), Tдост факт (9) and the yields
    (10), ВГцель being the yield reached after the improvement."""
    by_phase = {m.phase: m for m in Measurement.objects.filter(study=study)}
    before, after = by_phase.get(Phase.BEFORE), by_phase.get(Phase.AFTER)
    if before is None or after is None:
        study.cycle_factor = study.available_factor = study.quality_factor = None
        study.growth = study.growth_percent = None
        return
    growth = calc.productivity_growth(
        cycle_before=[before.cycle_time_s],
        cycle_after=[after.cycle_time_s],
        available_before=before.available_actual_h,
        available_after=after.available_actual_h,
        yield_target=after.yield_percent,
        yield_actual=before.yield_percent,
    )
    study.cycle_factor = _r(growth.cycle_factor, "coefficient")
    study.available_factor = _r(growth.available_factor, "coefficient")
    study.quality_factor = _r(growth.quality_factor, "coefficient")
    study.growth = _r(growth.growth, "coefficient")
    study.growth_percent = _r(growth.growth_percent, "percent")
