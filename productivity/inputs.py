"""What a person enters for a workplace, a study, a measurement and each calculator, declared once.

Each input is a field of a dataclass whose metadata carries its `Spec`: the label, the kind, the
plausible bound (productivity.bounds) or maximum length, and the form's initial value. From these
declarations the page forms (productivity.forms), the API serializers (productivity.api) and the
services' checks are derived, and the services copy the stored ones onto the model by name; no
list of field names is typed twice (issue 11, items 5 and 8). The dataclasses are also the
services' input: `services.workplace_create(data=WorkplaceData(...))`.

A field's default, when it has one, is the API's default; a field without a default is required
in the API. `Spec.required` is the form's requirement.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.validators import past_date_error
from productivity import bounds
from productivity.choices import (
    DEFAULT_KVC_BASE,
    DEFAULT_SHIFT_H,
    DEFAULT_WORKER_SHARE,
    DEFAULT_YIELD,
    KstFactor,
    KstMode,
    Phase,
)

if TYPE_CHECKING:
    from agencies.models import Agency

Kind = Literal["decimal", "integer", "text", "choice", "date", "observations", "kvc_base"]
Label = str | Promise


@dataclass(frozen=True)
class Spec:
    """How one input is entered and checked."""

    label: Label
    kind: Kind
    bound: bounds.Bound | None = None
    minimum: int | None = None  # integers
    maximum: int | None = None  # integers; for texts and observations the maximum length/count
    choices: Sequence[tuple[str, Label]] = ()
    multiline: bool = False
    required: bool = True
    initial: Any = None
    help_text: Label = ""
    stored: bool = True  # copied onto the model field of the same name


def _meta(spec: Spec) -> dict[str, Spec]:
    return {"spec": spec}


def number(label: Label, bound: bounds.Bound, **kwargs: Any) -> dict[str, Spec]:
    return _meta(Spec(label, "decimal", bound=bound, **kwargs))


def integer(label: Label, minimum: int, maximum: int, **kwargs: Any) -> dict[str, Spec]:
    return _meta(Spec(label, "integer", minimum=minimum, maximum=maximum, **kwargs))


def text(label: Label, max_length: int, **kwargs: Any) -> dict[str, Spec]:
    return _meta(Spec(label, "text", maximum=max_length, **kwargs))


def choice(label: Label, choices: Sequence[tuple[str, Label]], **kwargs: Any) -> dict[str, Spec]:
    return _meta(Spec(label, "choice", choices=tuple(choices), **kwargs))


def happened_on(label: Label, **kwargs: Any) -> dict[str, Spec]:
    """A date of something that happened: not before the order of 23.08.2011, not after today
    (core.validators)."""
    return _meta(Spec(label, "date", **kwargs))


def observations(label: Label, **kwargs: Any) -> dict[str, Spec]:
    """Repeated observations of one operation, seconds each (bounds.SECONDS)."""
    return _meta(
        Spec(label, "observations", bound=bounds.SECONDS, maximum=bounds.MAX_OBSERVATIONS, **kwargs)
    )


def specs(data_class: type) -> dict[str, Spec]:
    """The declared inputs of a dataclass, in declaration order."""
    return {f.name: f.metadata["spec"] for f in fields(data_class) if "spec" in f.metadata}


def defaults(data_class: type) -> dict[str, Any]:
    """The declared inputs that have a default (optional in the API) and that default."""
    result: dict[str, Any] = {}
    for f in fields(data_class):
        if "spec" not in f.metadata:
            continue
        if f.default is not MISSING:
            result[f.name] = f.default
        elif f.default_factory is not MISSING:
            result[f.name] = f.default_factory()
    return result


def stored(data_class: type) -> list[str]:
    """Names of the inputs stored on the model under the same name."""
    return [name for name, spec in specs(data_class).items() if spec.stored]


def initial(data_class: type, instance: object | None = None) -> dict[str, Any]:
    """A form's initial values: the instance's stored values, else the declared initial ones."""
    if instance is not None:
        return {name: getattr(instance, name) for name in stored(data_class)}
    values = {**defaults(data_class)}
    values.update({n: s.initial for n, s in specs(data_class).items() if s.initial is not None})
    return values


def spec_error(spec: Spec, value: Any) -> str | None:
    """The message for one value outside its spec, or None."""
    if value is None or value == "":
        return gettext("Обязательное поле.") if spec.required and spec.kind != "date" else None
    if spec.kind in ("decimal", "kvc_base"):
        assert spec.bound is not None
        return spec.bound.error(value)
    if spec.kind == "integer":
        try:
            whole = int(value)
        except (TypeError, ValueError, OverflowError):
            return gettext("Введите целое число.")
        if whole != value and str(whole) != str(value).strip():
            return gettext("Введите целое число.")
        assert spec.minimum is not None and spec.maximum is not None
        if not spec.minimum <= whole <= spec.maximum:
            return gettext("Введите целое число от %(min)s до %(max)s.") % {
                "min": spec.minimum,
                "max": spec.maximum,
            }
        return None
    if spec.kind == "text":
        assert spec.maximum is not None
        if len(str(value)) > spec.maximum:
            return gettext("Не более %(n)s символов.") % {"n": spec.maximum}
        return None
    if spec.kind == "choice":
        if str(value) not in {key for key, _label in spec.choices}:
            return gettext("Выберите один из вариантов.")
        return None
    if spec.kind == "date":
        if not isinstance(value, datetime.date):
            return gettext("Введите дату.")
        return past_date_error(value)
    if spec.kind == "observations":
        values = list(value)
        assert spec.maximum is not None and spec.bound is not None
        if len(values) > spec.maximum:
            return gettext("Не более %(n)s замеров на операцию.") % {"n": spec.maximum}
        return spec.bound.list_error(values)
    raise AssertionError(spec.kind)


def errors(data: object, prefix: str = "") -> dict[str, str]:
    """Every declared input of a dataclass instance that is out of its spec, by field name
    (`prefix` names a nested row: `operations.0.`)."""
    found = {}
    for name, spec in specs(type(data)).items():
        message = spec_error(spec, getattr(data, name))
        if message is not None:
            found[f"{prefix}{name}"] = message
    return found


# --- Workplaces and studies -------------------------------------------------------------------

KST_MODE_CHOICES = tuple(KstMode.choices)
KST_FACTOR_CHOICES = tuple(KstFactor.choices)


def kst_factor(**kwargs: Any) -> dict[str, Spec]:
    """Kвц, or Kинт in its place (seed 004 L385), chosen per calculation."""
    return choice(_("Kст рассчитывается по"), KST_FACTOR_CHOICES, **kwargs)


def kvc_base(**kwargs: Any) -> dict[str, Spec]:
    """The base Kвц: 0,4 or 0,5 offered, any value in (0; 1] allowed (seed 004 L459–463)."""
    return _meta(Spec(_("Базовый Kвц"), "kvc_base", bound=bounds.KVC_BASE, **kwargs))


PHASE_CHOICES = tuple(Phase.choices)


@dataclass(kw_only=True)
class WorkplaceData:
    """A workplace and its piece-rate settings (seed 004, «Адаптация к БП оплаты труда»)."""

    agency: Agency
    name: str = field(metadata=text(_("Рабочее место"), bounds.NAME_LENGTH))
    workers_per_workplace: int = field(
        default=1,
        metadata=integer(
            _("Число рабочих на рабочем месте (Чр рм)"), 1, bounds.WORKERS_PER_WORKPLACE_MAX
        ),
    )
    hourly_rate: Decimal = field(
        metadata=number(_("Часовая ставка Cчас, руб."), bounds.HOURLY_RATE)
    )
    kvc_base: Decimal = field(
        default=DEFAULT_KVC_BASE,
        metadata=kvc_base(),
    )
    worker_share: Decimal = field(
        default=DEFAULT_WORKER_SHARE,
        metadata=number(_("Доля экономии, отдаваемая рабочему (0,3–0,7)"), bounds.WORKER_SHARE),
    )
    kst_mode: str = field(default=KstMode.TABLE, metadata=choice(_("Расчёт Kст"), KST_MODE_CHOICES))
    kst_factor: str = field(default=KstFactor.KVC, metadata=kst_factor())


@dataclass(kw_only=True)
class StudyData:
    """The study's title and the improvement that caused the change."""

    title: str = field(metadata=text(_("Наименование исследования"), bounds.NAME_LENGTH))
    improvement: str = field(
        default="",
        metadata=text(
            _("Улучшение, вызвавшее изменение"),
            bounds.TEXT_LENGTH,
            multiline=True,
            required=False,
        ),
    )


@dataclass(kw_only=True)
class OperationData:
    """One timed operation: repeated observations of Tц and Tрр in seconds, Зн parts a cycle."""

    name: str = field(metadata=text(_("Операция"), bounds.NAME_LENGTH))
    parts_per_cycle: int = field(
        default=1, metadata=integer(_("Деталей за цикл (Зн)"), 1, bounds.PARTS_PER_CYCLE_MAX)
    )
    cycle_times_s: list[Any] = field(metadata=observations(_("Замеры Tц, с")))
    manual_times_s: list[Any] = field(metadata=observations(_("Замеры Tрр, с")))


@dataclass(kw_only=True)
class MeasurementData:
    """One measurement of the workplace: the shift's components and the yield; the operations
    are OperationData rows."""

    phase: str = field(metadata=choice(_("Замер"), PHASE_CHOICES, stored=False))
    measured_on: datetime.date | None = field(
        default=None, metadata=happened_on(_("Дата замера"), stored=False)
    )
    shift_h: Decimal = field(
        metadata=number(_("Время смены Tсм, ч"), bounds.SHIFT_HOURS, initial=DEFAULT_SHIFT_H)
    )
    rest_h: Decimal = field(
        default=Decimal(0),
        metadata=number(_("Отдых и личные надобности Tолн, ч"), bounds.SHIFT_PART_HOURS),
    )
    preparatory_h: Decimal = field(
        default=Decimal(0),
        metadata=number(_("Подготовительно-заключительное время Tпз, ч"), bounds.SHIFT_PART_HOURS),
    )
    maintenance_h: Decimal = field(
        default=Decimal(0),
        metadata=number(
            _("Организационно-техническое обслуживание Tорг-тех, ч"), bounds.SHIFT_PART_HOURS
        ),
    )
    losses_h: Decimal = field(
        default=Decimal(0),
        metadata=number(_("Потери (простои) Tпотерь, ч"), bounds.SHIFT_PART_HOURS),
    )
    yield_percent: Decimal = field(
        default=DEFAULT_YIELD, metadata=number(_("Выход годных ВГ, %"), bounds.YIELD_PERCENT)
    )
    operations: list[OperationData] = field(default_factory=list)


# --- The calculators' inputs (names are productivity.calc's argument names) -------------------


@dataclass(kw_only=True)
class GrowthInput:
    """Formula (11) and its factors (8), (9), (10), in percent (7)."""

    cycle_before: list[Any] = field(
        metadata=observations(
            _("ΣTц до: время цикла операций до улучшения, с"),
            help_text=_("Время цикла каждой операции через пробел"),
        )
    )
    cycle_after: list[Any] = field(
        metadata=observations(
            _("ΣTц после: время цикла операций после улучшения, с"),
            help_text=_("Время цикла каждой операции через пробел"),
        )
    )
    available_before: Decimal = field(metadata=number(_("Tдост до, ч"), bounds.AVAILABLE_HOURS))
    available_after: Decimal = field(metadata=number(_("Tдост после, ч"), bounds.AVAILABLE_HOURS))
    yield_target: Decimal = field(
        default=DEFAULT_YIELD, metadata=number(_("ВГцель, %"), bounds.YIELD_PERCENT)
    )
    yield_actual: Decimal = field(
        default=DEFAULT_YIELD, metadata=number(_("ВГфакт (до кайдзен), %"), bounds.YIELD_PERCENT)
    )


@dataclass(kw_only=True)
class PieceRateInput:
    """P = n × Cчас × Kст with n by formula (2) and Kст by the table or the formula."""

    cycle_time_s: Decimal = field(metadata=number(_("Время цикла Tц, с"), bounds.SECONDS))
    manual_time_s: Decimal = field(metadata=number(_("Время ручной работы Tрр, с"), bounds.SECONDS))
    shift_h: Decimal = field(
        metadata=number(_("Время смены Tсм, ч"), bounds.SHIFT_HOURS, initial=DEFAULT_SHIFT_H)
    )
    available_h: Decimal = field(
        metadata=number(_("Фактически доступное время Tдост, ч"), bounds.AVAILABLE_HOURS)
    )
    hourly_rate: Decimal = field(
        metadata=number(_("Часовая ставка Cчас, руб."), bounds.HOURLY_RATE)
    )
    parts_per_cycle: Decimal = field(
        default=Decimal(1), metadata=number(_("Деталей за цикл (Зн)"), bounds.PARTS)
    )
    workers_per_workplace: Decimal = field(
        default=Decimal(1),
        metadata=number(_("Рабочих на рабочем месте (Чр рм)"), bounds.WORKERS),
    )
    kvc_base: Decimal = field(
        default=DEFAULT_KVC_BASE,
        metadata=kvc_base(),
    )
    worker_share: Decimal = field(
        default=DEFAULT_WORKER_SHARE,
        metadata=number(_("Доля экономии, отдаваемая рабочему (0,3–0,7)"), bounds.WORKER_SHARE),
    )
    kst_mode: str = field(default=KstMode.TABLE, metadata=choice(_("Расчёт Kст"), KST_MODE_CHOICES))
    kst_factor: str = field(default=KstFactor.KVC, metadata=kst_factor())
    available_ideal_h: Decimal | None = field(
        default=None,
        metadata=number(
            _("Tдост идеал, ч"),
            bounds.AVAILABLE_HOURS,
            required=False,
            help_text=_("Нужно для Kинт: Tсм − Tолн"),
        ),
    )


@dataclass(kw_only=True)
class OperationNormInput:
    """Formula (1): n = Tоп × Kоп."""

    operative_time: Decimal = field(
        metadata=number(_("Оперативное время Tоп, мин"), bounds.MINUTES)
    )
    allowance_coefficient: Decimal = field(
        metadata=number(_("Коэффициент Kоп"), bounds.ALLOWANCE, initial=Decimal("1.1"))
    )


@dataclass(kw_only=True)
class AvailableTimeInput:
    """Tдост идеал = Tсм − Tолн; Tдост факт = Tдост идеал − Tпз − Tорг-тех − Tпотерь."""

    shift_time: Decimal = field(
        metadata=number(_("Время смены Tсм, ч"), bounds.SHIFT_HOURS, initial=DEFAULT_SHIFT_H)
    )
    rest_time: Decimal = field(
        metadata=number(
            _("Отдых и личные надобности Tолн, ч"),
            bounds.SHIFT_PART_HOURS,
            initial=Decimal("0.5"),
        )
    )
    preparatory_time: Decimal = field(
        metadata=number(
            _("Подготовительно-заключительное время Tпз, ч"), bounds.SHIFT_PART_HOURS, initial=0
        )
    )
    maintenance_time: Decimal = field(
        metadata=number(
            _("Организационно-техническое обслуживание Tорг-тех, ч"),
            bounds.SHIFT_PART_HOURS,
            initial=0,
        )
    )
    losses_time: Decimal = field(
        metadata=number(_("Потери (простои) Tпотерь, ч"), bounds.SHIFT_PART_HOURS, initial=0)
    )


@dataclass(kw_only=True)
class WorkplaceNormInput:
    """Formula (2): n = (Tц / Зн × Tсм / Tдост факт) × Чр рм."""

    cycle_time: Decimal = field(metadata=number(_("Время цикла Tц, с"), bounds.SECONDS))
    parts_per_cycle: Decimal = field(
        metadata=number(_("Деталей за цикл (Зн)"), bounds.PARTS, initial=1)
    )
    workers_per_workplace: Decimal = field(
        metadata=number(_("Рабочих на рабочем месте (Чр рм)"), bounds.WORKERS, initial=1)
    )
    shift_time: Decimal = field(
        metadata=number(_("Время смены Tсм, ч"), bounds.SHIFT_HOURS, initial=DEFAULT_SHIFT_H)
    )
    available_time: Decimal = field(
        metadata=number(_("Фактически доступное время Tдост факт, ч"), bounds.AVAILABLE_HOURS)
    )


@dataclass(kw_only=True)
class HeadcountInput:
    """Takt time and the attendance headcount (the page's calculator: one Чр рм and Зн for
    every operation; the API takes them per operation)."""

    available_time: Decimal = field(
        metadata=number(_("Доступное время Tдост, ч"), bounds.AVAILABLE_HOURS)
    )
    programme: Decimal = field(
        metadata=number(_("Производственная программа ПП, шт."), bounds.PROGRAMME)
    )
    cycle_times: list[Any] = field(
        metadata=observations(
            _("Время цикла операций Tц, с"),
            help_text=_("Время цикла каждой операции через пробел"),
        )
    )
    norm_fulfilment: Decimal = field(
        metadata=number(_("Коэффициент выполнения норм Kвн"), bounds.NORM_FULFILMENT, initial=1)
    )
    workers_per_workplace: Decimal = field(
        metadata=number(_("Рабочих на рабочем месте (Чр рм)"), bounds.WORKERS, initial=1)
    )
    parts_per_cycle: Decimal = field(
        metadata=number(_("Деталей за цикл (Зн)"), bounds.PARTS, initial=1)
    )
    shifts: Decimal = field(metadata=number(_("Число смен Kсм"), bounds.SHIFTS, initial=1))


@dataclass(kw_only=True)
class KvcKintInput:
    """Kвц = Tрр / Tц; Kинт = Kвц × Tдост факт / Tдост идеал."""

    manual_time: Decimal = field(metadata=number(_("Время ручной работы Tрр, с"), bounds.SECONDS))
    cycle_time: Decimal = field(metadata=number(_("Время цикла Tц, с"), bounds.SECONDS))
    available_actual: Decimal = field(metadata=number(_("Tдост факт, ч"), bounds.AVAILABLE_HOURS))
    available_ideal: Decimal = field(metadata=number(_("Tдост идеал, ч"), bounds.AVAILABLE_HOURS))


@dataclass(kw_only=True)
class KstInput:
    """Kст by the formula and by the table for a base Kвц and the worker's share."""

    kvc: Decimal = field(metadata=number(_("Kвц на рабочем месте"), bounds.LOAD_FACTOR))
    kvc_base: Decimal = field(
        default=DEFAULT_KVC_BASE,
        metadata=kvc_base(),
    )
    worker_share: Decimal = field(
        default=DEFAULT_WORKER_SHARE,
        metadata=number(_("Доля экономии, отдаваемая рабочему (0,3–0,7)"), bounds.WORKER_SHARE),
    )
    kst_factor: str = field(default=KstFactor.KVC, metadata=kst_factor())
