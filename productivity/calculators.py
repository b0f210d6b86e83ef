"""The interactive calculators: for each formula of the manual, its inputs (a form whose field
names are the names productivity.calc gives to its inputs, so an impossible value lands on its
own field), the computation and the formula as the manual prints it. Nothing here saves."""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from productivity import calc
from productivity.forms import (
    ObservationsField,
    decimal_field,
    kst_mode_field,
    kvc_base_field,
    worker_share_field,
)


@dataclass(frozen=True)
class Result:
    label: str
    value: Decimal
    unit: str = ""
    main: bool = False


@dataclass(frozen=True)
class Calculator:
    slug: str
    title: str
    formulas: tuple
    form_class: type
    compute: object  # callable(cleaned_data) -> list[Result]
    saves_into_study: bool = False
    notes: tuple = field(default_factory=tuple)


def _r(value, kind="coefficient"):
    return calc.rounded(value, kind)


# --- Forms ------------------------------------------------------------------------------------


class OperationNormForm(forms.Form):
    operative_time = decimal_field(_("Оперативное время Tоп, мин"))
    allowance_coefficient = decimal_field(_("Коэффициент Kоп"), initial=Decimal("1.1"))


class AvailableTimeForm(forms.Form):
    shift_time = decimal_field(_("Время смены Tсм, ч"), initial=8)
    rest_time = decimal_field(_("Отдых и личные надобности Tолн, ч"), initial=Decimal("0.5"))
    preparatory_time = decimal_field(_("Подготовительно-заключительное время Tпз, ч"), initial=0)
    maintenance_time = decimal_field(
        _("Организационно-техническое обслуживание Tорг-тех, ч"), initial=0
    )
    losses_time = decimal_field(_("Потери (простои) Tпотерь, ч"), initial=0)


class WorkplaceNormForm(forms.Form):
    cycle_time = decimal_field(_("Время цикла Tц, с"))
    parts_per_cycle = decimal_field(_("Деталей за цикл (Зн)"), initial=1)
    workers_per_workplace = decimal_field(_("Рабочих на рабочем месте (Чр рм)"), initial=1)
    shift_time = decimal_field(_("Время смены Tсм, ч"), initial=8)
    available_time = decimal_field(_("Фактически доступное время Tдост факт, ч"))


class GrowthForm(forms.Form):
    cycle_before = ObservationsField(
        label=_("ΣTц до: время цикла операций до улучшения, с"),
        help_text=_("Время цикла каждой операции через пробел"),
    )
    cycle_after = ObservationsField(
        label=_("ΣTц после: время цикла операций после улучшения, с"),
        help_text=_("Время цикла каждой операции через пробел"),
    )
    available_before = decimal_field(_("Tдост до, ч"))
    available_after = decimal_field(_("Tдост после, ч"))
    yield_target = decimal_field(_("ВГцель, %"), initial=100)
    yield_actual = decimal_field(_("ВГфакт (до кайдзен), %"), initial=100)


class HeadcountForm(forms.Form):
    available_time = decimal_field(_("Доступное время Tдост, ч"))
    programme = decimal_field(_("Производственная программа ПП, шт."))
    cycle_times = ObservationsField(
        label=_("Время цикла операций Tц, с"),
        help_text=_("Время цикла каждой операции через пробел"),
    )
    norm_fulfilment = decimal_field(_("Коэффициент выполнения норм Kвн"), initial=1)
    workers_per_workplace = decimal_field(_("Рабочих на рабочем месте (Чр рм)"), initial=1)
    parts_per_cycle = decimal_field(_("Деталей за цикл (Зн)"), initial=1)
    shifts = decimal_field(_("Число смен Kсм"), initial=1)


class KvcKintForm(forms.Form):
    manual_time = decimal_field(_("Время ручной работы Tрр, с"))
    cycle_time = decimal_field(_("Время цикла Tц, с"))
    available_actual = decimal_field(_("Tдост факт, ч"))
    available_ideal = decimal_field(_("Tдост идеал, ч"))


class KstForm(forms.Form):
    kvc = decimal_field(_("Kвц на рабочем месте"))
    kvc_base = kvc_base_field()
    worker_share = worker_share_field()


class PieceRateForm(forms.Form):
    cycle_time_s = decimal_field(_("Время цикла Tц, с"))
    manual_time_s = decimal_field(_("Время ручной работы Tрр, с"))
    shift_h = decimal_field(_("Время смены Tсм, ч"), initial=8)
    available_h = decimal_field(_("Фактически доступное время Tдост, ч"))
    hourly_rate = decimal_field(_("Часовая ставка Cчас, руб."))
    parts_per_cycle = decimal_field(_("Деталей за цикл (Зн)"), initial=1)
    workers_per_workplace = decimal_field(_("Рабочих на рабочем месте (Чр рм)"), initial=1)
    kvc_base = kvc_base_field()
    worker_share = worker_share_field()
    kst_mode = kst_mode_field()


class MeasurementCalcForm(forms.Form):
    shift_h = decimal_field(_("Время смены Tсм, ч"), initial=8)
    rest_h = decimal_field(_("Отдых и личные надобности Tолн, ч"), initial=0)
    preparatory_h = decimal_field(_("Подготовительно-заключительное время Tпз, ч"), initial=0)
    maintenance_h = decimal_field(
        _("Организационно-техническое обслуживание Tорг-тех, ч"), initial=0
    )
    losses_h = decimal_field(_("Потери (простои) Tпотерь, ч"), initial=0)
    yield_percent = decimal_field(_("Выход годных ВГ, %"), initial=100)
    operation = forms.CharField(label=_("Операция"), max_length=300, initial=_("Операция"))
    cycle_times_s = ObservationsField(label=_("Замеры Tц, с"))
    manual_times_s = ObservationsField(label=_("Замеры Tрр, с"))
    parts_per_cycle = forms.IntegerField(label=_("Деталей за цикл (Зн)"), initial=1, min_value=1)
    workers_per_workplace = forms.IntegerField(
        label=_("Рабочих на рабочем месте (Чр рм)"), initial=1, min_value=1
    )
    hourly_rate = decimal_field(_("Часовая ставка Cчас, руб."))
    kvc_base = kvc_base_field()
    worker_share = worker_share_field()
    kst_mode = kst_mode_field()


# --- Computations -----------------------------------------------------------------------------


def _operation_norm(data):
    norm = calc.operation_norm(**data)
    return [Result(_("Норма времени n"), _r(norm, "time"), _("мин"), main=True)]


def _available_time(data):
    ideal = calc.available_time_ideal(shift_time=data["shift_time"], rest_time=data["rest_time"])
    actual = calc.available_time_actual(**data)
    return [
        Result(_("Tдост идеал"), _r(ideal, "time"), _("ч")),
        Result(_("Tдост факт"), _r(actual, "time"), _("ч"), main=True),
        Result(_("Использование сменного времени Tдост факт / Tдост идеал"), _r(actual / ideal)),
    ]


def _workplace_norm(data):
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


def _growth(data):
    growth = calc.productivity_growth(**data)
    return [
        Result(_("Рост ПТ за счёт Tц (8)"), _r(growth.cycle_factor)),
        Result(_("Рост ПТ за счёт Tдост (9)"), _r(growth.available_factor)),
        Result(_("Рост ПТ за счёт качества (10)"), _r(growth.quality_factor)),
        Result(_("Рост ПТ (11)"), _r(growth.growth), _("раза"), main=True),
        Result(_("Рост ПТ в процентах (7)"), _r(growth.growth_percent, "percent"), "%", main=True),
    ]


def _headcount(data):
    takt = calc.takt_time(
        available_time=data["available_time"] * calc.SECONDS_PER_HOUR,
        programme=data["programme"],
    )
    operations = [
        calc.Operation(
            cycle_time=cycle,
            workers_per_workplace=data["workers_per_workplace"],
            parts_per_cycle=data["parts_per_cycle"],
        )
        for cycle in data["cycle_times"] or [Decimal(0)]
    ]
    lean = calc.headcount_lean(cycle_times=data["cycle_times"], takt=takt)
    standards = calc.headcount_standards(
        operations=operations,
        takt=takt,
        norm_fulfilment=data["norm_fulfilment"],
        shifts=data["shifts"],
    )
    return [
        Result(_("Время такта Tт"), _r(takt, "time"), _("с"), main=True),
        Result(
            _("Численность по-бережливому Чопер = ΣTц / Tт"),
            _r(lean, "headcount"),
            _("чел."),
            main=True,
        ),
        Result(
            _("Численность по-нормировщицки Чяв"), _r(standards, "headcount"), _("чел."), main=True
        ),
    ]


def _kvc_kint(data):
    load = calc.kvc(manual_time=data["manual_time"], cycle_time=data["cycle_time"])
    intensity = calc.kint(
        kvc=load, available_actual=data["available_actual"], available_ideal=data["available_ideal"]
    )
    return [
        Result(_("Kвц"), _r(load), main=True),
        Result(_("Kинт"), _r(intensity), main=True),
    ]


def _kst(data):
    settings = {"base": data["kvc_base"], "share": data["worker_share"]}
    return [
        Result(
            _("Kст по таблице"), _r(calc.kst_table_value(kvc=data["kvc"], **settings)), main=True
        ),
        Result(_("Kст по формуле"), _r(calc.kst_formula(kvc=data["kvc"], **settings)), main=True),
        Result(_("Kст максимальный (Kвц = 1)"), _r(calc.kst_max(**settings))),
    ]


def piece_rate_results(card):
    return [
        Result(_("Kвц"), _r(card.kvc)),
        Result(_("Kст"), _r(card.kst)),
        Result(_("Норма времени n"), _r(card.norm_minutes, "time"), _("мин")),
        Result(_("Расценка P = n × Cчас × Kст"), _r(card.rate, "money"), _("руб."), main=True),
        Result(_("Выработка в час Vчас"), _r(card.output_per_hour, "output"), _("шт."), main=True),
        Result(_("Заработок в час ЗПчас"), _r(card.wage_per_hour, "money"), _("руб."), main=True),
    ]


def _piece_rate(data):
    return piece_rate_results(calc.piece_rate_card(**data))


def measurement_figures(data):
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
    )


def _measurement(data):
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


def run(calculator, form):
    """Results for a bound form, or None with the errors put on the form's fields."""
    if not form.is_valid():
        return None
    try:
        return calculator.compute(dict(form.cleaned_data))
    except calc.InvalidInput as error:
        add_calc_error(form, error)
        return None


def add_calc_error(form, error):
    name = error.field
    if name not in form.fields:
        name = name.rsplit(".", 1)[-1]
    form.add_error(name if name in form.fields else None, str(error.message))
