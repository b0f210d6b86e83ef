"""Labour economics of lean work: pure arithmetic over plain values.

Source: «"Гемба кайдзен" глазами нормировщика. Экономика труда в "бережливом" производстве»
(Ярославль, 2017), the manual attached to the programme. Formula numbers (1)–(11) are the
manual's own; takt time, headcount, Kвц, Kинт and Kст are the manual's unnumbered formulas in
its sections «Tт», «Явочная численность», «Квц» and «Адаптация к БП оплаты труда».

Rounding rule: every function computes exactly in Decimal (28 significant digits, the default
context) and returns the unrounded value; rounding happens once, at presentation, through
`rounded()` with ROUND_HALF_UP to the places in `PLACES`. Nothing here touches the database.

Impossible inputs (zero or negative times, Kвц above 1, actual available time above ideal,
yield above 100 %) raise `InvalidInput`, an ApplicationError naming the offending input so the
API and the forms can attach the message to their field of the same name.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.exceptions import ApplicationError

# What the functions accept as a number: a Decimal, an int, or a string («7,5» too).
Number = Decimal | int | str

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
SECONDS_PER_HOUR = Decimal(3600)
SECONDS_PER_MINUTE = Decimal(60)

# Kст: the base Kвц values the manual names (L442: «примем Kвц до = 0,4»; L459: «Можно принять
# Kвц баз = 0,5 (даже лучше)») — offered first; any base in (0; 1] is the enterprise's choice
# (L462–463: «Какое Kвц принять за базу – дело предприятия») — and the range of the worker's share
# of the saving (L438: «0,3 ÷ 0,7»).
KVC_BASES = (Decimal("0.4"), Decimal("0.5"))
WORKER_SHARE_MIN = Decimal("0.3")
WORKER_SHARE_MAX = Decimal("0.7")
KST_BAND_STEP = Decimal("0.05")

# Every input lies within ±10^12 and is 0 or at least 10^-12 in size: the plausible bounds of
# productivity.bounds are far inside, and with them every result fits Decimal's 28 digits, so no
# computation or rounding here can overflow (issue 10: `"1e999999"` was an InvalidOperation).
MAGNITUDE_MAX = Decimal("1e12")
MAGNITUDE_MIN = Decimal("1e-12")

# Decimal places at presentation (see `rounded`).
PLACES = {
    "coefficient": 4,  # Kвц, Kинт, Kст, growth factors — the Kст table prints 4 places
    "percent": 2,
    "time": 4,  # norms, cycle and available times
    "money": 2,  # roubles: piece rate, hourly wage
    "output": 2,  # pieces per hour or shift
    "headcount": 2,
}


class InvalidInput(ApplicationError):
    """An input no real workplace can have; `field` names it."""

    def __init__(self, field: str, message: str | Promise) -> None:
        self.field = field
        super().__init__(message, details={field: message})


def rounded(value: Number, kind: str = "coefficient") -> Decimal:
    """Round a result for presentation: ROUND_HALF_UP to PLACES[kind]."""
    exponent = Decimal(1).scaleb(-PLACES[kind])
    return Decimal(value).quantize(exponent, rounding=ROUND_HALF_UP)


def to_decimal(value: object, field: str) -> Decimal:
    """Decimal from an int, str or Decimal (floats go through str so 0.1 stays 0.1); refuses
    what is not a finite number within ±10^12 (MAGNITUDE_MAX) and at least 10^-12 in size."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidInput(field, _("Введите число."))
    else:
        try:
            result = Decimal(str(value).strip().replace(",", "."))
        except (InvalidOperation, ValueError, TypeError):
            raise InvalidInput(field, _("Введите число.")) from None
    if not result.is_finite():
        raise InvalidInput(field, _("Введите число."))
    if abs(result) > MAGNITUDE_MAX or (result and abs(result) < MAGNITUDE_MIN):
        raise InvalidInput(field, _("Число вне допустимого диапазона."))
    return result


def _positive(value: object, field: str) -> Decimal:
    number = to_decimal(value, field)
    if number <= 0:
        raise InvalidInput(field, _("Значение должно быть больше нуля."))
    return number


def _not_negative(value: object, field: str) -> Decimal:
    number = to_decimal(value, field)
    if number < 0:
        raise InvalidInput(field, _("Значение не может быть отрицательным."))
    return number


def _positive_list(values: Iterable[object] | None, field: str) -> list[Decimal]:
    items = list(values or ())
    if not items:
        raise InvalidInput(field, _("Укажите хотя бы одно значение."))
    result = []
    for value in items:
        try:
            result.append(_positive(value, field))
        except InvalidInput:
            raise InvalidInput(field, _("Все значения должны быть числами больше нуля.")) from None
    return result


def yield_percent(value: object, field: str) -> Decimal:
    """A yield of good parts in percent: above 0 and at most 100."""
    number = _positive(value, field)
    if number > HUNDRED:
        raise InvalidInput(field, _("Выход годных не может превышать 100 %."))
    return number


# --- Norm of time ----------------------------------------------------------------------------


def operation_norm(*, operative_time: Number, allowance_coefficient: Number) -> Decimal:
    """Formula (1): n = Tоп × Kоп — the standards engineers' norm of time for an operation.

    Kоп accounts for the shift's organisational and technical service, rest and preparatory
    time, so it is at least 1.
    """
    time = _positive(operative_time, "operative_time")
    allowance = _positive(allowance_coefficient, "allowance_coefficient")
    if allowance < ONE:
        raise InvalidInput("allowance_coefficient", _("Коэффициент Kоп не может быть меньше 1."))
    return time * allowance


def available_time_ideal(*, shift_time: Number, rest_time: Number) -> Decimal:
    """Tдост идеал = Tсм − Tолн: time a shift offers for productive work, personal needs and
    rest excluded."""
    shift = _positive(shift_time, "shift_time")
    rest = _not_negative(rest_time, "rest_time")
    if rest >= shift:
        raise InvalidInput(
            "rest_time", _("Время на отдых и личные надобности должно быть меньше смены.")
        )
    return shift - rest


def available_time_actual(
    *,
    shift_time: Number,
    rest_time: Number,
    preparatory_time: Number,
    maintenance_time: Number,
    losses_time: Number,
) -> Decimal:
    """Tдост факт = Tдост идеал − Tпз − Tорг-тех − Tпотерь (простоев)."""
    ideal = available_time_ideal(shift_time=shift_time, rest_time=rest_time)
    deductions = {
        "preparatory_time": _not_negative(preparatory_time, "preparatory_time"),
        "maintenance_time": _not_negative(maintenance_time, "maintenance_time"),
        "losses_time": _not_negative(losses_time, "losses_time"),
    }
    actual = ideal - sum(deductions.values(), ZERO)
    if actual <= 0:
        field = max(deductions, key=lambda name: deductions[name])
        raise InvalidInput(
            field,
            _("Подготовительное время, обслуживание и потери не оставляют доступного времени."),
        )
    return actual


def time_norm(
    *,
    cycle_time: Number,
    shift_time: Number,
    available_time: Number,
    parts_per_cycle: Number = 1,
    workers_per_workplace: Number = 1,
) -> Decimal:
    """Formula (2): n = (Tц / Зн × Tсм / Tдост факт) × Чр рм — norm of time per part at a
    workplace; with Зн = Чр рм = 1 it is formula (3): n = Tц × Tсм / Tдост факт.

    The norm comes out in the unit of `cycle_time`; `shift_time` and `available_time` only need
    to share a unit with each other. Tдост факт cannot exceed the shift.
    """
    cycle = _positive(cycle_time, "cycle_time")
    shift = _positive(shift_time, "shift_time")
    available = _positive(available_time, "available_time")
    parts = _positive(parts_per_cycle, "parts_per_cycle")
    workers = _positive(workers_per_workplace, "workers_per_workplace")
    if available > shift:
        raise InvalidInput(
            "available_time", _("Доступное время не может превышать продолжительность смены.")
        )
    return (cycle / parts * shift / available) * workers


def output_per_shift(*, shift_time: Number, norm: Number) -> Decimal:
    """V = Tсм / n (used to derive formula (5)); both in the same unit."""
    return _positive(shift_time, "shift_time") / _positive(norm, "norm")


def output_per_hour(*, norm_seconds: Number) -> Decimal:
    """Vчас = 3600 / n — pieces per hour of the shift for a norm in seconds."""
    return SECONDS_PER_HOUR / _positive(norm_seconds, "norm_seconds")


# --- Productivity growth ---------------------------------------------------------------------


def growth_from_output(*, output_before: Number, output_after: Number) -> Decimal:
    """Formula (4): Pпт = Vпосле / Vдо."""
    return _positive(output_after, "output_after") / _positive(output_before, "output_before")


def cycle_factor(*, cycle_before: Iterable[object], cycle_after: Iterable[object]) -> Decimal:
    """Formula (8): Pпт(Tц) = ΣTц до / ΣTц после (one operation: formula (5)'s first factor).

    Each argument is a sequence of cycle times of the operations of the workplace or process,
    in one unit.
    """
    before = _positive_list(cycle_before, "cycle_before")
    after = _positive_list(cycle_after, "cycle_after")
    return sum(before, ZERO) / sum(after, ZERO)


def available_factor(*, available_before: Number, available_after: Number) -> Decimal:
    """Formula (9): Pпт(Tдост) = Tдост после / Tдост до."""
    before = _positive(available_before, "available_before")
    after = _positive(available_after, "available_after")
    return after / before


def quality_factor(*, yield_target: Number = HUNDRED, yield_actual: Number) -> Decimal:
    """Formula (10): Pпт(кач) = ВГцель(%) / ВГфакт(%); ВГцель ideally 100 %, ВГфакт is the
    yield before kaizen. Neither may exceed 100 %."""
    target = yield_percent(yield_target, "yield_target")
    actual = yield_percent(yield_actual, "yield_actual")
    return target / actual


def growth_percent(growth: Number) -> Decimal:
    """Formula (7): ПТ(%) = (Pпт − 1) × 100 %."""
    return (to_decimal(growth, "growth") - ONE) * HUNDRED


@dataclass(frozen=True)
class Growth:
    """Formula (11) and its factors (8), (9), (10); (6) is cycle × available."""

    cycle_factor: Decimal
    available_factor: Decimal
    quality_factor: Decimal

    @property
    def growth(self) -> Decimal:
        return self.cycle_factor * self.available_factor * self.quality_factor

    @property
    def growth_percent(self) -> Decimal:
        return growth_percent(self.growth)


def productivity_growth(
    *,
    cycle_before: Sequence[object],
    cycle_after: Sequence[object],
    available_before: Number,
    available_after: Number,
    yield_target: Number = HUNDRED,
    yield_actual: Number = HUNDRED,
) -> Growth:
    """Formula (11): Pпт = ΣTц до / ΣTц после × Tдост после / Tдост до × ВГцель / ВГфакт.

    With the default yields (100 % / 100 %) this is formula (6).
    """
    return Growth(
        cycle_factor=cycle_factor(cycle_before=cycle_before, cycle_after=cycle_after),
        available_factor=available_factor(
            available_before=available_before, available_after=available_after
        ),
        quality_factor=quality_factor(yield_target=yield_target, yield_actual=yield_actual),
    )


# --- Takt time and headcount -----------------------------------------------------------------


def takt_time(*, available_time: Number, programme: Number) -> Decimal:
    """Tт = Tдост / ПП — available time per unit of the production programme."""
    return _positive(available_time, "available_time") / _positive(programme, "programme")


def headcount_lean(*, cycle_times: Iterable[object], takt: Number) -> Decimal:
    """Чопер = Σ Tцi / Tт — the lean specialists' attendance headcount."""
    return sum(_positive_list(cycle_times, "cycle_times"), ZERO) / _positive(takt, "takt")


@dataclass(frozen=True)
class Operation:
    """One operation for the standards engineers' headcount."""

    cycle_time: Decimal
    workers_per_workplace: Decimal = ONE
    parts_per_cycle: Decimal = ONE


def headcount_standards(
    *,
    operations: Iterable[Operation],
    takt: Number,
    norm_fulfilment: Number = ONE,
    shifts: Number = 1,
) -> Decimal:
    """Чяв = Σ Tцi / (Tт × Kвн) × Чр рм / Зн × Kсм — the standards engineers' headcount.

    Kвн is the norm fulfilment coefficient, Kсм the number of shifts. With Kвн = Чр рм = Зн =
    Kсм = 1 it equals `headcount_lean`: the manual's point that the two differ only in Kвн.
    """
    takt_time = _positive(takt, "takt")
    fulfilment = _positive(norm_fulfilment, "norm_fulfilment")
    shift_count = _positive(shifts, "shifts")
    rows = list(operations)
    if not rows:
        raise InvalidInput("operations", _("Укажите хотя бы одну операцию."))
    total = ZERO
    for operation in rows:
        cycle = _positive(operation.cycle_time, "cycle_times")
        workers = _positive(operation.workers_per_workplace, "workers_per_workplace")
        parts = _positive(operation.parts_per_cycle, "parts_per_cycle")
        total += cycle / (takt_time * fulfilment) * workers / parts * shift_count
    return total


@dataclass(frozen=True)
class Headcount:
    """Takt time in seconds and the two attendance headcounts."""

    takt_s: Decimal
    headcount_lean: Decimal
    headcount_standards: Decimal


def headcount(
    *,
    available_h: Number,
    programme: Number,
    operations: Sequence[Operation],
    norm_fulfilment: Number = ONE,
    shifts: Number = 1,
) -> Headcount:
    """Tт = Tдост / ПП (Tдост in hours, Tт in seconds), Чопер = Σ Tцi / Tт and Чяв for the
    operations. Errors name `available_h`, `programme`, `operations` (a cycle time) and
    `operations.workers_per_workplace` / `operations.parts_per_cycle`."""
    try:
        available_s = to_decimal(available_h, "available_h") * SECONDS_PER_HOUR
        takt = takt_time(available_time=available_s, programme=programme)
    except InvalidInput as error:
        raise _renamed(error, {"available_time": "available_h"}) from None
    rows = list(operations)
    try:
        lean = headcount_lean(cycle_times=[row.cycle_time for row in rows], takt=takt)
        standards = headcount_standards(
            operations=rows, takt=takt, norm_fulfilment=norm_fulfilment, shifts=shifts
        )
    except InvalidInput as error:
        raise _renamed(
            error,
            {
                "cycle_times": "operations",
                "workers_per_workplace": "operations.workers_per_workplace",
                "parts_per_cycle": "operations.parts_per_cycle",
            },
        ) from None
    return Headcount(takt_s=takt, headcount_lean=lean, headcount_standards=standards)


# --- Kвц, Kинт --------------------------------------------------------------------------------


def kvc(*, manual_time: Number, cycle_time: Number) -> Decimal:
    """Kвц = Tрр / Tц, 0 < Kвц ≤ 1 — the worker's in-cycle load with manual work."""
    manual = _positive(manual_time, "manual_time")
    cycle = _positive(cycle_time, "cycle_time")
    if manual > cycle:
        raise InvalidInput(
            "manual_time",
            _("Время ручной работы не может превышать время цикла (Kвц не может быть больше 1)."),
        )
    return manual / cycle


def _kvc_value(value: object, field: str = "kvc") -> Decimal:
    number = _positive(value, field)
    if number > ONE:
        raise InvalidInput(field, _("Kвц не может быть больше 1."))
    return number


def kint(*, kvc: Number, available_actual: Number, available_ideal: Number) -> Decimal:
    """Kинт = Kвц × Tдост факт / Tдост идеал — the worker's intensity over the shift."""
    load = _kvc_value(kvc)
    actual = _positive(available_actual, "available_actual")
    ideal = _positive(available_ideal, "available_ideal")
    if actual > ideal:
        raise InvalidInput(
            "available_actual",
            _("Фактически доступное время не может превышать идеальное."),
        )
    return load * actual / ideal


# --- Kст --------------------------------------------------------------------------------------


def _kst_settings(base: Number, share: Number) -> tuple[Decimal, Decimal]:
    """The base Kвц, any value in (0; 1] (seed 004 L462–463), and the worker's share."""
    base_value = to_decimal(base, "kvc_base")
    if not ZERO < base_value <= ONE:
        raise InvalidInput("kvc_base", _("Базовый Kвц должен быть больше 0 и не больше 1."))
    share_value = to_decimal(share, "worker_share")
    if not WORKER_SHARE_MIN <= share_value <= WORKER_SHARE_MAX:
        raise InvalidInput("worker_share", _("Доля рабочего должна быть от 0,3 до 0,7."))
    return base_value, share_value


def kst_formula(
    *, kvc: Number, base: Number = KVC_BASES[0], share: Number = WORKER_SHARE_MIN
) -> Decimal:
    """Kст = 1 + (Kвц после / Kвц до − 1) × (0,3…0,7) (seed 004 L438), with Kвц до the base the
    enterprise chose in (0; 1] (L442: 0,4; L459: 0,5 «даже лучше»; L462–463) and Kст = 1 at or
    below the base (L450). `kvc` may be Kинт instead (L385, see `load_factor`)."""
    load = _kvc_value(kvc)
    base_value, share_value = _kst_settings(base, share)
    if load <= base_value:
        return ONE
    return ONE + (load / base_value - ONE) * share_value


def kst_max(*, base: Number = KVC_BASES[0], share: Number = WORKER_SHARE_MIN) -> Decimal:
    """Kст at Kвц = 1: 1,45 for base 0,4 and share 0,3; 1,3 for base 0,5 (the manual's note)."""
    return kst_formula(kvc=ONE, base=base, share=share)


def kst_band_upper(kvc: Number, step: Decimal = KST_BAND_STEP, base: Number = ZERO) -> Decimal:
    """The upper edge of the table band holding Kвц. The manual's table (L465–478) starts at
    the base and steps by 0,05 up to 1: bands are (base + (i − 1) × step, base + i × step], the
    last one cut at 1; at or below the base the edge is the base itself. With the manual's
    bases (0,4, 0,5) the edges are the multiples of 0,05."""
    load = _kvc_value(kvc)
    start = to_decimal(base, "kvc_base")
    if load <= start:
        return start
    steps = ((load - start) / step).to_integral_value(rounding=ROUND_CEILING)
    return min(start + steps * step, ONE)


def kst_table_value(
    *,
    kvc: Number,
    base: Number = KVC_BASES[0],
    share: Number = WORKER_SHARE_MIN,
    step: Decimal = KST_BAND_STEP,
) -> Decimal:
    """Kст by the manual's banded table: the formula at the upper edge of Kвц's band, so it is
    constant inside a band and equals the formula at every band edge; 1 at or below the base.
    The bands are those of `kst_table` for the same base."""
    base_value, share_value = _kst_settings(base, share)
    return kst_formula(
        kvc=kst_band_upper(kvc, step, base_value), base=base_value, share=share_value
    )


@dataclass(frozen=True)
class KstBand:
    lower: Decimal | None  # None: the first row, «Kвц ≤ base»
    upper: Decimal
    kst: Decimal


def kst_table(
    *, base: Number = KVC_BASES[0], share: Number = WORKER_SHARE_MIN, step: Decimal = KST_BAND_STEP
) -> list[KstBand]:
    """The manual's table (L465–478) for a base and share: «Kвц ≤ base → 1», then bands of
    `step` from the base up to 1."""
    base_value, share_value = _kst_settings(base, share)
    rows = [KstBand(lower=None, upper=base_value, kst=ONE)]
    lower = base_value
    while lower < ONE:
        upper = min(lower + step, ONE)
        kst_value = kst_formula(kvc=upper, base=base_value, share=share_value)
        rows.append(KstBand(lower=lower, upper=upper, kst=kst_value))
        lower = upper
    return rows


def load_factor(*, factor: str, kvc: Number, kint: Number | None) -> Decimal:
    """The coefficient Kст is computed from: Kвц, or Kинт in its place — «вместо Kвц в любую из
    предложенных формул можно поставить Kинт» (seed 004 L385), Kинт being the fuller measure of
    the worker's intensity over the shift (L377, L383)."""
    if factor == "kvc":
        return _kvc_value(kvc)
    if factor == "kint":
        if kint is None:
            raise InvalidInput("kint", _("Kинт не рассчитан."))
        return _kvc_value(kint, "kint")
    raise InvalidInput(
        "kst_factor", _("Выберите, по какому коэффициенту считать Kст: Kвц или Kинт.")
    )


def kst(
    *,
    kvc: Number,
    base: Number = KVC_BASES[0],
    share: Number = WORKER_SHARE_MIN,
    mode: str = "table",
) -> Decimal:
    """Kст by the table (the manual's practical form) or by the formula; `kvc` is the load
    factor chosen by `load_factor` (Kвц or Kинт)."""
    if mode == "formula":
        return kst_formula(kvc=kvc, base=base, share=share)
    if mode == "table":
        return kst_table_value(kvc=kvc, base=base, share=share)
    raise InvalidInput("kst_mode", _("Выберите способ расчёта: по таблице или по формуле."))


# --- Piece rate -------------------------------------------------------------------------------


def piece_rate(*, norm_seconds: Number, hourly_rate: Number, kst: Number = ONE) -> Decimal:
    """P = n × Cчас × Kст — the piece rate with the workplace rate Cрм = Cчас × Kст.

    With n in seconds and Cчас in roubles per hour, n is taken in hours.
    """
    norm = _positive(norm_seconds, "norm_seconds")
    rate = _positive(hourly_rate, "hourly_rate")
    coefficient = to_decimal(kst, "kst")
    if coefficient < ONE:
        raise InvalidInput("kst", _("Kст не может быть меньше 1."))
    return norm / SECONDS_PER_HOUR * rate * coefficient


def hourly_wage(*, rate: Number, output_per_hour: Number) -> Decimal:
    """ЗПчас = P × Vчас."""
    return _positive(rate, "rate") * _positive(output_per_hour, "output_per_hour")


@dataclass(frozen=True)
class PieceRateCard:
    """The piece-rate card; `kst_factor` says whether Kст came from Kвц or Kинт, `kint` is None
    when Tдост идеал was not given."""

    kvc: Decimal
    kint: Decimal | None
    kst_factor: str
    kst: Decimal
    norm_seconds: Decimal
    rate: Decimal
    output_per_hour: Decimal
    wage_per_hour: Decimal

    @property
    def norm_minutes(self) -> Decimal:
        return self.norm_seconds / SECONDS_PER_MINUTE


def piece_rate_card(
    *,
    cycle_time_s: Number,
    manual_time_s: Number,
    shift_h: Number,
    available_h: Number,
    hourly_rate: Number,
    kvc_base: Number = KVC_BASES[0],
    worker_share: Number = WORKER_SHARE_MIN,
    kst_mode: str = "table",
    parts_per_cycle: Number = 1,
    workers_per_workplace: Number = 1,
    kst_factor: str = "kvc",
    available_ideal_h: Number | None = None,
) -> PieceRateCard:
    """A workplace's piece-rate card: Kвц, Kинт (when Tдост идеал is given), Kст (table or
    formula, from Kвц or Kинт), norm (2), P = n × Cчас × Kст, hourly output and hourly wage —
    the manual's closing example."""
    try:
        norm = time_norm(
            cycle_time=cycle_time_s,
            shift_time=shift_h,
            available_time=available_h,
            parts_per_cycle=parts_per_cycle,
            workers_per_workplace=workers_per_workplace,
        )
    except InvalidInput as error:
        raise _renamed(
            error,
            {
                "cycle_time": "cycle_time_s",
                "shift_time": "shift_h",
                "available_time": "available_h",
            },
        ) from None
    try:
        load = kvc(manual_time=manual_time_s, cycle_time=cycle_time_s)
    except InvalidInput as error:
        raise _renamed(
            error, {"manual_time": "manual_time_s", "cycle_time": "cycle_time_s"}
        ) from None
    intensity = None
    if available_ideal_h is not None:
        try:
            intensity = kint(
                kvc=load, available_actual=available_h, available_ideal=available_ideal_h
            )
        except InvalidInput as error:
            raise _renamed(
                error, {"available_actual": "available_h", "available_ideal": "available_ideal_h"}
            ) from None
    elif kst_factor == "kint":
        raise InvalidInput("available_ideal_h", _("Для расчёта Kст по Kинт укажите Tдост идеал."))
    coefficient = kst(
        kvc=load_factor(factor=kst_factor, kvc=load, kint=intensity),
        base=kvc_base,
        share=worker_share,
        mode=kst_mode,
    )
    rate = piece_rate(norm_seconds=norm, hourly_rate=hourly_rate, kst=coefficient)
    per_hour = output_per_hour(norm_seconds=norm)
    return PieceRateCard(
        kvc=load,
        kint=intensity,
        kst_factor=kst_factor,
        kst=coefficient,
        norm_seconds=norm,
        rate=rate,
        output_per_hour=per_hour,
        wage_per_hour=hourly_wage(rate=rate, output_per_hour=per_hour),
    )


def _renamed(error: InvalidInput, names: dict[str, str]) -> InvalidInput:
    """The same error under the caller's name for the field."""
    return InvalidInput(names.get(error.field, error.field), error.message)


# --- A workplace measured in a timing study ---------------------------------------------------


@dataclass(frozen=True)
class ObservedOperation:
    """Repeated observations of one operation, in seconds."""

    cycle_times_s: Sequence[object]
    manual_times_s: Sequence[object]
    parts_per_cycle: object = 1


@dataclass(frozen=True)
class OperationFigures:
    cycle_min_s: Decimal
    cycle_avg_s: Decimal
    manual_min_s: Decimal
    manual_avg_s: Decimal
    parts_per_cycle: Decimal


@dataclass(frozen=True)
class MeasurementFigures:
    operations: tuple[OperationFigures, ...]
    available_ideal_h: Decimal
    available_actual_h: Decimal
    cycle_time_s: Decimal  # Σ Tц / Зн per part (averages)
    manual_time_s: Decimal  # Σ Tрр / Зн per part (averages)
    kvc: Decimal
    kint: Decimal
    norm_s: Decimal
    output_per_shift: Decimal
    output_per_hour: Decimal
    kst_factor: str  # «kvc» or «kint»: what Kст was computed from
    kst: Decimal
    rate: Decimal
    wage_per_hour: Decimal


def observed_operation(operation: ObservedOperation, prefix: str = "") -> OperationFigures:
    """Minimum and average of the repeated observations; Tрр ≤ Tц on average (Kвц ≤ 1)."""
    cycles = _positive_list(operation.cycle_times_s, f"{prefix}cycle_times_s")
    manuals = _positive_list(operation.manual_times_s, f"{prefix}manual_times_s")
    parts = _positive(operation.parts_per_cycle, f"{prefix}parts_per_cycle")
    cycle_avg = sum(cycles, ZERO) / len(cycles)
    manual_avg = sum(manuals, ZERO) / len(manuals)
    if manual_avg > cycle_avg:
        raise InvalidInput(
            f"{prefix}manual_times_s",
            _("Время ручной работы не может превышать время цикла (Kвц не может быть больше 1)."),
        )
    return OperationFigures(
        cycle_min_s=min(cycles),
        cycle_avg_s=cycle_avg,
        manual_min_s=min(manuals),
        manual_avg_s=manual_avg,
        parts_per_cycle=parts,
    )


def workplace_measurement(
    *,
    shift_h: Number,
    rest_h: Number,
    preparatory_h: Number,
    maintenance_h: Number,
    losses_h: Number,
    operations: Sequence[ObservedOperation],
    hourly_rate: Number,
    workers_per_workplace: Number = 1,
    kvc_base: Number = KVC_BASES[0],
    worker_share: Number = WORKER_SHARE_MIN,
    kst_mode: str = "table",
    kst_factor: str = "kvc",
) -> MeasurementFigures:
    """Every figure of one measurement: Tдост идеал and факт from the shift's components,
    ΣTц and ΣTрр per part, Kвц, Kинт, the norm (2), output per shift and hour, Kст (from Kвц or
    Kинт, `kst_factor`) and the piece rate with the hourly wage. Input names are those of the
    measurement form and API; an operation's fields are named `operations.<i>.<field>`."""
    names = {
        "shift_time": "shift_h",
        "rest_time": "rest_h",
        "preparatory_time": "preparatory_h",
        "maintenance_time": "maintenance_h",
        "losses_time": "losses_h",
    }
    try:
        ideal = available_time_ideal(shift_time=shift_h, rest_time=rest_h)
        actual = available_time_actual(
            shift_time=shift_h,
            rest_time=rest_h,
            preparatory_time=preparatory_h,
            maintenance_time=maintenance_h,
            losses_time=losses_h,
        )
    except InvalidInput as error:
        raise _renamed(error, names) from None
    rows = list(operations)
    if not rows:
        raise InvalidInput("operations", _("Укажите хотя бы одну операцию с замерами."))
    figures = tuple(
        observed_operation(operation, prefix=f"operations.{index}.")
        for index, operation in enumerate(rows)
    )
    cycle_total = sum((f.cycle_avg_s / f.parts_per_cycle for f in figures), ZERO)
    manual_total = sum((f.manual_avg_s / f.parts_per_cycle for f in figures), ZERO)
    load = manual_total / cycle_total
    workers = _positive(workers_per_workplace, "workers_per_workplace")
    shift = to_decimal(shift_h, "shift_h")
    norm = time_norm(
        cycle_time=cycle_total,
        shift_time=shift,
        available_time=actual,
        workers_per_workplace=workers,
    )
    intensity = kint(kvc=load, available_actual=actual, available_ideal=ideal)
    coefficient = kst(
        kvc=load_factor(factor=kst_factor, kvc=load, kint=intensity),
        base=kvc_base,
        share=worker_share,
        mode=kst_mode,
    )
    rate = piece_rate(norm_seconds=norm, hourly_rate=hourly_rate, kst=coefficient)
    per_hour = output_per_hour(norm_seconds=norm)
    return MeasurementFigures(
        operations=figures,
        available_ideal_h=ideal,
        available_actual_h=actual,
        cycle_time_s=cycle_total,
        manual_time_s=manual_total,
        kvc=load,
        kint=intensity,
        norm_s=norm,
        output_per_shift=output_per_shift(shift_time=shift * SECONDS_PER_HOUR, norm=norm),
        output_per_hour=per_hour,
        kst_factor=kst_factor,
        kst=coefficient,
        rate=rate,
        wage_per_hour=hourly_wage(rate=rate, output_per_hour=per_hour),
    )
