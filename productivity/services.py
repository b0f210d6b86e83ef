"""Writes for workplaces and timing studies.

Every figure is computed by productivity.calc from the values recorded here, once, for the
forms, the calculators' «save into a study», the API and the admin alike. The inputs are the
dataclasses of productivity.inputs; each is checked against its declared bound first, then by the
arithmetic's rules; an impossible or implausible input raises ApplicationError with a Russian
message per field and nothing is saved. Each service checks the actor's right first
(PermissionDenied, 403).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.exceptions import ApplicationError
from core.services import check_permission, full_clean_or_raise, update_from
from productivity import bounds, calc, inputs, selectors
from productivity.choices import Phase
from productivity.inputs import MeasurementData, OperationData, StudyData, WorkplaceData
from productivity.models import Measurement, Operation, Study, Workplace
from productivity.permissions import can_edit_study, can_edit_workplace, can_record

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from audits.models import CorrectiveAction

__all__ = [
    "UNCHANGED",
    "MeasurementData",
    "OperationData",
    "StudyData",
    "WorkplaceData",
    "measurement_record",
    "study_create",
    "study_delete",
    "study_update",
    "workplace_create",
    "workplace_update",
]


def _refuse_if(errors: dict[str, str], message: str) -> None:
    if errors:
        raise ApplicationError(message, details=errors)


def _denied_recording() -> str:
    return _("Вы не можете вести исследования этого ОИВ ЯО / СППО.")


# --- Workplaces -------------------------------------------------------------------------------


def _check_workplace(data: WorkplaceData) -> None:
    """Declared bounds first, then the piece-rate rules of productivity.calc."""
    _refuse_if(inputs.errors(data), _("Проверьте параметры рабочего места."))
    errors: dict[str, str] = {}
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
    _refuse_if(errors, _("Проверьте параметры рабочего места."))


def _settings(data: WorkplaceData) -> dict[str, object]:
    """The declared settings of a workplace, as the model stores them."""
    return {name: getattr(data, name) for name in inputs.stored(WorkplaceData)}


@transaction.atomic
def workplace_create(*, actor: User, data: WorkplaceData) -> Workplace:
    check_permission(can_record(actor, data.agency.pk), _denied_recording())
    data = replace(data, name=(data.name or "").strip())
    _check_workplace(data)
    workplace = Workplace(agency=data.agency, **_settings(data))
    full_clean_or_raise(workplace, message=_("Проверьте параметры рабочего места."))
    workplace.save()
    return workplace


@transaction.atomic
def workplace_update(*, actor: User, workplace: Workplace, data: WorkplaceData) -> Workplace:
    """New settings apply to measurements recorded from now on; recorded cards keep the Kст
    that was in force."""
    check_permission(can_edit_workplace(actor, workplace), _denied_recording())
    if data.agency.pk != workplace.agency_id:
        message = _("Рабочее место нельзя перенести в другой ОИВ ЯО / СППО.")
        raise ApplicationError(message, details={"agency": message})
    data = replace(data, name=(data.name or "").strip())
    _check_workplace(data)
    update_from(workplace, _settings(data), inputs.stored(WorkplaceData))
    full_clean_or_raise(workplace, message=_("Проверьте параметры рабочего места."))
    workplace.save()
    return workplace


# --- Studies ----------------------------------------------------------------------------------


class _Unchanged:
    """`measurement_record` leaves the study's corrective action as it is unless one is given."""


UNCHANGED = _Unchanged()


def _corrective_action(value: object, *, agency_id: int) -> CorrectiveAction | None:
    """The corrective action (Appendix 30) whose improvement the study measures, or None.

    `value` is a CorrectiveAction, its id, or None/"" for «none». The one rule, for the forms,
    the API and any other caller: it must be an action of an approved plan of the study's own
    agency (productivity.selectors.corrective_actions says why only approved plans). An unknown
    id and another agency's action get the same message, so ids of other agencies' plans do not
    leak.
    """
    if value is None or value == "":
        return None
    raw = getattr(value, "pk", value)
    try:
        pk: int | None = int(str(raw)) if len(str(raw)) <= 19 else None
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


def _study_data(title: str, improvement: str | None) -> StudyData:
    data = StudyData(title=(title or "").strip(), improvement=(improvement or "").strip())
    _refuse_if(inputs.errors(data), _("Проверьте данные исследования."))
    return data


@transaction.atomic
def study_create(
    *,
    actor: User,
    workplace: Workplace,
    title: str,
    improvement: str = "",
    corrective_action: object = None,
) -> Study:
    check_permission(can_edit_workplace(actor, workplace), _denied_recording())
    data = _study_data(title, improvement)
    study = Study(
        agency_id=workplace.agency_id,
        workplace=workplace,
        title=data.title,
        improvement=data.improvement,
        corrective_action=_corrective_action(corrective_action, agency_id=workplace.agency_id),
        created_by=actor,
    )
    full_clean_or_raise(study, exclude=["created_by"])
    study.save()
    return study


@transaction.atomic
def study_update(
    *,
    actor: User,
    study: Study,
    title: str,
    improvement: str = "",
    corrective_action: object = None,
) -> Study:
    """`corrective_action=None` unlinks the study from its corrective action."""
    check_permission(can_edit_study(actor, study), _denied_recording())
    data = _study_data(title, improvement)
    study.title, study.improvement = data.title, data.improvement
    study.corrective_action = _corrective_action(corrective_action, agency_id=study.agency_id)
    if not study.improvement and study.measurements.filter(phase=Phase.AFTER).exists():
        message = _("Опишите улучшение, вызвавшее изменение.")
        raise ApplicationError(message, details={"improvement": message})
    full_clean_or_raise(study, exclude=["created_by"])
    study.save()
    return study


@transaction.atomic
def study_delete(*, actor: User, study: Study) -> None:
    check_permission(can_edit_study(actor, study), _denied_recording())
    study.delete()


def _check_measurement(data: MeasurementData) -> None:
    """The declared bounds of the measurement and of each operation, named like the form and
    the API name them (`operations.<i>.<field>`)."""
    if data.phase not in Phase.values:
        message = _("Выберите замер: до или после улучшения.")
        raise ApplicationError(message, details={"phase": message})
    errors = inputs.errors(data)
    if len(data.operations) > bounds.MAX_OPERATIONS:
        errors["operations"] = _("Не более %(n)s операций в замере.") % {"n": bounds.MAX_OPERATIONS}
    for index, operation in enumerate(data.operations[: bounds.MAX_OPERATIONS]):
        errors.update(inputs.errors(operation, prefix=f"operations.{index}."))
        if not operation.name:
            errors[f"operations.{index}.name"] = _("Укажите наименование операции.")
    _refuse_if(errors, _("Проверьте данные замера."))


def _compute(workplace: Workplace, data: MeasurementData) -> calc.MeasurementFigures:
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
        kst_factor=workplace.kst_factor,
    )


def _r(value: Decimal, kind: str) -> Decimal:
    return calc.rounded(value, kind)


# Figures of a measurement and the rounding each is stored with (calc.PLACES).
FIGURES = {
    "available_ideal_h": "time",
    "available_actual_h": "time",
    "cycle_time_s": "time",
    "manual_time_s": "time",
    "kvc": "coefficient",
    "kint": "coefficient",
    "norm_s": "time",
    "output_per_shift": "time",
    "output_per_hour": "time",
    "kst": "coefficient",
    "rate": "time",
    "wage_per_hour": "time",
}


@transaction.atomic
def measurement_record(
    *,
    actor: User,
    study: Study,
    data: MeasurementData,
    improvement: str | None = None,
    corrective_action: object = UNCHANGED,
) -> Measurement:
    """Record (or re-record) the study's measurement of one phase, compute its figures with the
    workplace's piece-rate settings (its base Kвц, share, table or formula, and Kвц or Kинт as
    the load factor, recorded on the measurement) and refresh the study's growth.

    The «after» measurement needs the improvement that caused the change: given here or
    already on the study. `corrective_action` (an action, its id, or None to unlink) is left
    as it is unless given.
    """
    check_permission(can_edit_study(actor, study), _denied_recording())
    data = replace(
        data,
        operations=[replace(op, name=(op.name or "").strip()) for op in data.operations],
    )
    _check_measurement(data)
    if improvement is not None:
        study.improvement = _study_data(study.title, improvement).improvement
    if corrective_action is not UNCHANGED:
        study.corrective_action = _corrective_action(corrective_action, agency_id=study.agency_id)
    if data.phase == Phase.AFTER and not study.improvement:
        message = _("Опишите улучшение, вызвавшее изменение.")
        raise ApplicationError(message, details={"improvement": message})
    figures = _compute(study.workplace, data)

    measurement = Measurement.objects.filter(study=study, phase=data.phase).first() or Measurement(
        study=study, phase=data.phase
    )
    measurement.measured_on = data.measured_on or timezone.localdate()
    update_from(
        measurement,
        {
            name: calc.to_decimal(getattr(data, name), name)
            for name in inputs.stored(MeasurementData)
        },
        inputs.stored(MeasurementData),
    )
    update_from(
        measurement,
        {name: _r(getattr(figures, name), kind) for name, kind in FIGURES.items()},
        FIGURES,
    )
    measurement.kst_factor = figures.kst_factor
    full_clean_or_raise(measurement, exclude=["study"])
    measurement.save()

    measurement.operations.all().delete()  # each removal is recorded in the history
    bulk_create_with_history(
        [
            Operation(
                measurement=measurement,
                position=index + 1,
                name=op.name,
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
        ],
        Operation,
        default_user=actor,
    )
    _refresh_growth(study)
    full_clean_or_raise(study, exclude=["created_by"])
    study.save()
    return measurement


def _refresh_growth(study: Study) -> None:
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
