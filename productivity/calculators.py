"""The interactive calculators: for each formula of the manual, its inputs (a form derived from
the calculator's inputs declared in productivity.inputs, whose field names are the names
productivity.calc gives to its inputs, so an impossible value lands on its own field), the
computation and the formula as the manual prints it. Nothing here saves."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from productivity import calc, inputs
from productivity.choices import KstFactor
from productivity.forms import fields_for, input_form

Label = str | Promise
Data = Mapping[str, Any]


@dataclass(frozen=True)
class Result:
    label: Label
    value: Decimal | str
    unit: Label = ""
    main: bool = False


@dataclass(frozen=True)
class Calculator:
    slug: str
    title: Label
    formulas: tuple[str, ...]
    form_class: type[forms.BaseForm]
    compute: Callable[[Data], list[Result]]
    saves_into_study: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


def _r(value: calc.Number, kind: str = "coefficient") -> Decimal:
    return calc.rounded(value, kind)


# --- Forms: one per calculator, derived from its declared inputs ------------------------------


def _form(name: str, data_class: type, base: type[forms.BaseForm] = forms.Form) -> Any:
    return input_form(name, base, fields_for(data_class))


OperationNormForm = _form("OperationNormForm", inputs.OperationNormInput)
AvailableTimeForm = _form("AvailableTimeForm", inputs.AvailableTimeInput)
WorkplaceNormForm = _form("WorkplaceNormForm", inputs.WorkplaceNormInput)
GrowthForm = _form("GrowthForm", inputs.GrowthInput)
HeadcountForm = _form("HeadcountForm", inputs.HeadcountInput)
KvcKintForm = _form("KvcKintForm", inputs.KvcKintInput)
KstForm = _form("KstForm", inputs.KstInput)
PieceRateForm = _form("PieceRateForm", inputs.PieceRateInput)


# A measurement's shift and yield, one operation, and the workplace's piece-rate settings.
MeasurementCalcForm = input_form(
    "MeasurementCalcForm",
    forms.Form,
    {
        **fields_for(inputs.MeasurementData, exclude=("phase", "measured_on")),
        "operation": forms.CharField(
            label=_("Операция"),
            max_length=inputs.specs(inputs.OperationData)["name"].maximum,
            initial=_("Операция"),
        ),
        **fields_for(inputs.OperationData, exclude=("name",)),
        **fields_for(inputs.WorkplaceData, exclude=("agency", "name")),
    },
)


# --- Computations -----------------------------------------------------------------------------


def _operation_norm(data: Data) -> list[Result]:
    norm = calc.operation_norm(**data)
    return [Result(_("Норма времени n"), _r(norm, "time"), _("мин"), main=True)]


def _available_time(data: Data) -> list[Result]:
    ideal = calc.available_time_ideal(shift_time=data["shift_time"], rest_time=data["rest_time"])
    actual = calc.available_time_actual(**data)
    return [
        Result(_("Tдост идеал"), _r(ideal, "time"), _("ч")),
        Result(_("Tдост факт"), _r(actual, "time"), _("ч"), main=True),
        Result(_("Использование сменного времени Tдост факт / Tдост идеал"), _r(actual / ideal)),
    ]


def _workplace_norm(data: Data) -> list[Result]:
    norm = calc.time_norm(**data)
    shift_s = data["shift_time"] * calc.SECONDS_PER_HOUR
    return [
        Result(_("Норма времени n"), _r(norm, "time"), _("с"), main=True),
        Result(_("Норма времени n"), _r(norm / calc.SECONDS_PER_MINUTE, "time"), _("мин")),
        Result(
            _("Выработка за смену V = Tсм / n"),
            _r(calc.output_per_shift(shift_time=shift_s, norm=norm), "output"),
            _("шт."),
        ),
        Result(
            _("Выработка в час"), _r(calc.output_per_hour(norm_seconds=norm), "output"), _("шт.")
        ),
    ]


def _growth(data: Data) -> list[Result]:
    growth = calc.productivity_growth(**data)
    return [
        Result(_("Рост ПТ за счёт Tц (8)"), _r(growth.cycle_factor)),
        Result(_("Рост ПТ за счёт Tдост (9)"), _r(growth.available_factor)),
        Result(_("Рост ПТ за счёт качества (10)"), _r(growth.quality_factor)),
        Result(_("Рост ПТ (11)"), _r(growth.growth), _("раза"), main=True),
        Result(_("Рост ПТ в процентах (7)"), _r(growth.growth_percent, "percent"), "%", main=True),
    ]


# The page's names for the errors calc.headcount gives under the API's names.
_HEADCOUNT_FIELDS = {
    "available_h": "available_time",
    "operations": "cycle_times",
    "operations.workers_per_workplace": "workers_per_workplace",
    "operations.parts_per_cycle": "parts_per_cycle",
}


def _headcount(data: Data) -> list[Result]:
    operations = [
        calc.Operation(
            cycle_time=cycle,
            workers_per_workplace=data["workers_per_workplace"],
            parts_per_cycle=data["parts_per_cycle"],
        )
        for cycle in data["cycle_times"]
    ]
    try:
        result = calc.headcount(
            available_h=data["available_time"],
            programme=data["programme"],
            operations=operations,
            norm_fulfilment=data["norm_fulfilment"],
            shifts=data["shifts"],
        )
    except calc.InvalidInput as error:
        raise calc.InvalidInput(
            _HEADCOUNT_FIELDS.get(error.field, error.field), error.message
        ) from None
    return [
        Result(_("Время такта Tт"), _r(result.takt_s, "time"), _("с"), main=True),
        Result(
            _("Численность по-бережливому Чопер = ΣTц / Tт"),
            _r(result.headcount_lean, "headcount"),
            _("чел."),
            main=True,
        ),
        Result(
            _("Численность по-нормировщицки Чяв"),
            _r(result.headcount_standards, "headcount"),
            _("чел."),
            main=True,
        ),
    ]


def _kvc_kint(data: Data) -> list[Result]:
    load = calc.kvc(manual_time=data["manual_time"], cycle_time=data["cycle_time"])
    intensity = calc.kint(
        kvc=load, available_actual=data["available_actual"], available_ideal=data["available_ideal"]
    )
    return [
        Result(_("Kвц"), _r(load), main=True),
        Result(_("Kинт"), _r(intensity), main=True),
    ]


def _factor(data: Data) -> Result:
    """Which coefficient Kст was computed from (Kинт may stand in for Kвц, seed 004 L385)."""
    return Result(_("Kст рассчитан по"), KstFactor(data["kst_factor"]).label)


def _kst(data: Data) -> list[Result]:
    base, share = data["kvc_base"], data["worker_share"]
    return [
        _factor(data),
        Result(
            _("Kст по таблице"),
            _r(calc.kst_table_value(kvc=data["kvc"], base=base, share=share)),
            main=True,
        ),
        Result(
            _("Kст по формуле"),
            _r(calc.kst_formula(kvc=data["kvc"], base=base, share=share)),
            main=True,
        ),
        Result(_("Kст максимальный (Kвц = 1)"), _r(calc.kst_max(base=base, share=share))),
    ]


def piece_rate_results(card: calc.PieceRateCard) -> list[Result]:
    intensity = [] if card.kint is None else [Result(_("Kинт"), _r(card.kint))]
    return [
        Result(_("Kвц"), _r(card.kvc)),
        *intensity,
        Result(_("Kст рассчитан по"), KstFactor(card.kst_factor).label),
        Result(_("Kст"), _r(card.kst)),
        Result(_("Норма времени n"), _r(card.norm_minutes, "time"), _("мин")),
        Result(_("Расценка P = n × Cчас × Kст"), _r(card.rate, "money"), _("руб."), main=True),
        Result(_("Выработка в час Vчас"), _r(card.output_per_hour, "output"), _("шт."), main=True),
        Result(_("Заработок в час ЗПчас"), _r(card.wage_per_hour, "money"), _("руб."), main=True),
    ]


def _piece_rate(data: Data) -> list[Result]:
    return piece_rate_results(calc.piece_rate_card(**data))


def measurement_figures(data: Data) -> calc.MeasurementFigures:
    return calc.workplace_measurement(
        shift_h=data["shift_h"],
        rest_h=data["rest_h"],
        preparatory_h=data["preparatory_h"],
        maintenance_h=data["maintenance_h"],
        losses_h=data["losses_h"],
        operations=[
            calc.ObservedOperation(
                cycle_times_s=data["cycle_times_s"],
                manual_times_s=data["manual_times_s"],
                parts_per_cycle=data["parts_per_cycle"],
            )
        ],
        hourly_rate=data["hourly_rate"],
        workers_per_workplace=data["workers_per_workplace"],
        kvc_base=data["kvc_base"],
        worker_share=data["worker_share"],
        kst_mode=data["kst_mode"],
        kst_factor=data["kst_factor"],
    )


def _measurement(data: Data) -> list[Result]:
    calc.yield_percent(data["yield_percent"], "yield_percent")
    figures = measurement_figures(data)
    operation = figures.operations[0]
    return [
        Result(
            _("Tц мин / сред"),
            f"{_r(operation.cycle_min_s, 'time')} / {_r(operation.cycle_avg_s, 'time')}",
            _("с"),
        ),
        Result(
            _("Tрр мин / сред"),
            f"{_r(operation.manual_min_s, 'time')} / {_r(operation.manual_avg_s, 'time')}",
            _("с"),
        ),
        Result(_("Tдост идеал"), _r(figures.available_ideal_h, "time"), _("ч")),
        Result(_("Tдост факт"), _r(figures.available_actual_h, "time"), _("ч")),
        Result(_("Kвц"), _r(figures.kvc), main=True),
        Result(_("Kинт"), _r(figures.kint), main=True),
        _factor(data),
        Result(
            _("Норма времени n"), _r(figures.norm_s / calc.SECONDS_PER_MINUTE, "time"), _("мин")
        ),
        Result(_("Выработка за смену"), _r(figures.output_per_shift, "output"), _("шт.")),
        Result(_("Выработка в час"), _r(figures.output_per_hour, "output"), _("шт.")),
        Result(_("Kст"), _r(figures.kst), main=True),
        Result(_("Расценка P"), _r(figures.rate, "money"), _("руб."), main=True),
        Result(_("Заработок в час"), _r(figures.wage_per_hour, "money"), _("руб.")),
    ]


CALCULATORS = (
    Calculator(
        "operation-norm",
        _("Норма времени на операцию"),
        ("n = Tоп × Kоп   (1)",),
        OperationNormForm,
        _operation_norm,
    ),
    Calculator(
        "available-time",
        _("Доступное время смены"),
        (
            "Tдост идеал = Tсм − Tолн",
            "Tдост факт = Tдост идеал − Tпз − Tорг-тех − Tпотерь",
        ),
        AvailableTimeForm,
        _available_time,
    ),
    Calculator(
        "workplace-norm",
        _("Норма времени по рабочему месту и выработка"),
        (
            "n = (Tц / Зн × Tсм / Tдост факт) × Чр рм   (2)",
            "n = Tц × Tсм / Tдост факт   (3)",
            "V = Tсм / n",
        ),
        WorkplaceNormForm,
        _workplace_norm,
    ),
    Calculator(
        "growth",
        _("Рост производительности труда"),
        (
            "Pпт = Vпосле / Vдо   (4)",
            "Pпт = ΣTц до / ΣTц после × Tдост после / Tдост до   (5), (6)",
            "ПТ (%) = (Pпт − 1) × 100 %   (7)",
            "Pпт(Tц) = ΣTц до / ΣTц после   (8)",
            "Pпт(Tдост) = Tдост после / Tдост до   (9)",
            "Pпт(кач) = ВГцель(%) / ВГфакт(%)   (10)",
            "Pпт = ΣTц до / ΣTц после × Tдост после / Tдост до × ВГцель / ВГфакт   (11)",
        ),
        GrowthForm,
        _growth,
    ),
    Calculator(
        "headcount",
        _("Время такта и явочная численность"),
        (
            "Tт = Tдост / ПП",
            "Чопер = Σ Tцi / Tт",
            "Чяв = Σ Tцi / (Tт × Kвн) × Чр рм / Зн × Kсм",
        ),
        HeadcountForm,
        _headcount,
    ),
    Calculator(
        "kvc-kint",
        _("Kвц и Kинт"),
        ("Kвц = Tрр / Tц,   0 < Kвц ≤ 1", "Kинт = Kвц × Tдост факт / Tдост идеал"),
        KvcKintForm,
        _kvc_kint,
    ),
    Calculator(
        "kst",
        _("Коэффициент увеличения часовой ставки Kст"),
        (
            "Kст = 1 + (Kвц / Kвц баз − 1) × (0,3…0,7)",
            "Kст = 1 при Kвц ≤ Kвц баз; по таблице — с шагом 0,05",
        ),
        KstForm,
        _kst,
    ),
    Calculator(
        "piece-rate",
        _("Сдельная расценка"),
        ("P = n × Cчас × Kст", "Cрм = Cчас × Kст", "ЗПчас = P × Vчас"),
        PieceRateForm,
        _piece_rate,
    ),
    Calculator(
        "measurement",
        _("Замер рабочего места"),
        (
            "Tдост идеал = Tсм − Tолн;  Tдост факт = Tдост идеал − Tпз − Tорг-тех − Tпотерь",
            "Kвц = Tрр / Tц;  Kинт = Kвц × Tдост факт / Tдост идеал",
            "n = (Tц / Зн × Tсм / Tдост факт) × Чр рм   (2)",
            "P = n × Cчас × Kст",
        ),
        MeasurementCalcForm,
        _measurement,
        saves_into_study=True,
    ),
)

BY_SLUG = {calculator.slug: calculator for calculator in CALCULATORS}


def run(calculator: Calculator, form: forms.BaseForm) -> list[Result] | None:
    """Results for a bound form, or None with the errors put on the form's fields."""
    if not form.is_valid():
        return None
    try:
        return calculator.compute(dict(form.cleaned_data))
    except calc.InvalidInput as error:
        add_calc_error(form, error)
        return None


def add_calc_error(form: forms.BaseForm, error: calc.InvalidInput) -> None:
    name = error.field
    if name not in form.fields:
        name = name.rsplit(".", 1)[-1]
    form.add_error(name if name in form.fields else None, str(error.message))
