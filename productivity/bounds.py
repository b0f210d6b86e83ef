"""Plausible ranges of every number the productivity app accepts (issue 10: «every input has
plausible bounds … numbers within the model's range»), declared once and used by the forms (HTML
min/max/step), the API serializers (so the OpenAPI schema shows them), the model validators and
the services, which check them again before anything is computed or saved.

A bound is a closed range with a number of decimal places; «more than zero» is an exclusive
minimum. The ranges follow the manual's quantities (seed 004): a shift is at most a day (Tсм and
its parts in hours, observations in seconds of that day), a yield is a percentage, Kвц and Kинт
are at most 1 («0 < Kвц ≤ 1», L363), the base Kвц is any value in (0; 1] the enterprise
chooses (L461–463), the worker's share is 0,3…0,7 (L438). Each maximum fits the model field
that stores the value (max_digits − decimal_places digits before the point).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _shown(value: Decimal, unit: str | Promise = "") -> str:
    """A bound as people write it: «86 400 с», «0,3» (the active language's separators)."""
    whole = value.to_integral_value()
    shown = number_format(whole if value == whole else value, force_grouping=True)
    return f"{shown} {unit}" if unit else shown


@dataclass(frozen=True)
class Bound:
    """A plausible range: [minimum; maximum], or (minimum; maximum] when `exclusive_minimum`,
    with at most `places` decimal places."""

    minimum: Decimal
    maximum: Decimal
    places: int
    exclusive_minimum: bool = False
    unit: str | Promise = ""  # shown after the bound in messages: «не больше 100 %»

    @property
    def step(self) -> Decimal:
        """The smallest difference the places allow (the HTML input's `step`)."""
        return Decimal(1).scaleb(-self.places)

    @property
    def least(self) -> Decimal:
        """The smallest accepted value: with 4 places, «more than 0» starts at 0.0001."""
        return self.minimum + self.step if self.exclusive_minimum else self.minimum

    @property
    def max_digits(self) -> int:
        """Digits a model field needs to store every accepted value."""
        return len(str(int(self.maximum))) + self.places

    def error(self, value: Any) -> str | None:
        """The message for a value outside the bound, or None when it is plausible."""
        if isinstance(value, bool):
            return gettext("Введите число.")
        try:
            number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
        except (InvalidOperation, ValueError, TypeError):
            return gettext("Введите число.")
        if not number.is_finite():
            return gettext("Введите число.")
        if self.exclusive_minimum and number <= self.minimum:
            if self.minimum == 0:
                return gettext("Значение должно быть больше нуля.")
            return gettext("Значение должно быть больше %(min)s.") % {
                "min": _shown(self.minimum, self.unit)
            }
        if number < self.minimum:
            return gettext("Значение должно быть не меньше %(min)s.") % {
                "min": _shown(self.minimum, self.unit)
            }
        if number > self.maximum:
            return gettext("Значение должно быть не больше %(max)s.") % {
                "max": _shown(self.maximum, self.unit)
            }
        exponent = number.as_tuple().exponent
        if (
            isinstance(exponent, int)
            and -exponent > self.places
            and number != number.quantize(self.step)
        ):
            if self.places == 0:
                return gettext("Введите целое число.")
            return gettext("Не более %(places)s знаков после запятой.") % {"places": self.places}
        return None

    def hint(self) -> str:
        """The range as the form states it beside the field: «от 0 до 24 ч», «больше 0, не
        больше 24 ч»."""
        if self.exclusive_minimum:
            return gettext("больше %(min)s, не больше %(max)s") % {
                "min": _shown(self.minimum),
                "max": _shown(self.maximum, self.unit),
            }
        return gettext("от %(min)s до %(max)s") % {
            "min": _shown(self.minimum),
            "max": _shown(self.maximum, self.unit),
        }

    def list_error(self, values: Iterable[Any]) -> str | None:
        """The message for a list of observations when any of them is out of the bound."""
        for value in values:
            message = self.error(value)
            if message is not None:
                return gettext(
                    "Все значения должны быть числами больше нуля и не больше %(max)s "
                    "(не более %(places)s знаков после запятой)."
                ) % {"max": _shown(self.maximum, self.unit), "places": self.places}
        return None


@deconstructible
class BoundValidator:
    """A Django validator (models, forms and DRF fields alike) for one bound."""

    def __init__(self, bound: Bound) -> None:
        self.bound = bound

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        message = self.bound.error(value)
        if message:
            raise ValidationError(message, code="out_of_bounds")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BoundValidator) and other.bound == self.bound

    def __hash__(self) -> int:
        return hash(self.bound)


def model_validators(bound: Bound) -> list[MinValueValidator | MaxValueValidator]:
    """The bound as Django's own validators, for the model field that stores the value (the
    field's max_digits and decimal_places hold the places)."""
    return [MinValueValidator(bound.least), MaxValueValidator(bound.maximum)]


def _d(text: str) -> Decimal:
    return Decimal(text)


# Hours of a shift and of its parts (Tсм, Tолн, Tпз, Tорг-тех, Tпотерь, Tдост): a day at most.
# Stored as DecimalField(6, 3).
HOURS_PER_DAY = _d("24")
SHIFT_HOURS = Bound(_d("0"), HOURS_PER_DAY, 3, exclusive_minimum=True, unit=_("ч"))
SHIFT_PART_HOURS = Bound(_d("0"), HOURS_PER_DAY, 3, unit=_("ч"))
# Available time in the calculators (Tдост до / после, Tдост факт / идеал).
AVAILABLE_HOURS = Bound(_d("0"), HOURS_PER_DAY, 4, exclusive_minimum=True, unit=_("ч"))
# Seconds of one observation of Tц or Tрр (a cycle is at most a day of 86 400 s).
SECONDS = Bound(_d("0"), _d("86400"), 4, exclusive_minimum=True, unit=_("с"))
# Operative time Tоп of formula (1), minutes of a day.
MINUTES = Bound(_d("0"), _d("1440"), 4, exclusive_minimum=True, unit=_("мин"))
# Yield of good parts ВГ, % (formula (10)): above 0, at most 100. DecimalField(6, 2).
YIELD_PERCENT = Bound(_d("0"), _d("100"), 2, exclusive_minimum=True, unit="%")
# The hourly rate Cчас in roubles. DecimalField(10, 2).
HOURLY_RATE = Bound(_d("0.01"), _d("100000"), 2, unit=_("руб."))
# Kвц or Kинт of a workplace: 0 < K ≤ 1 (seed 004, L363).
LOAD_FACTOR = Bound(_d("0"), _d("1"), 4, exclusive_minimum=True)
# The base Kвц of the Kст correction: any value in (0; 1] the enterprise chooses (L461–463).
KVC_BASE = Bound(_d("0"), _d("1"), 4, exclusive_minimum=True)
# The worker's share of the saving, 0,3…0,7 (L438: «0,3 ÷ 0,7»).
WORKER_SHARE = Bound(_d("0.3"), _d("0.7"), 2)
# Kоп of formula (1): at least 1 (it adds the shift's allowances to Tоп).
ALLOWANCE = Bound(_d("1"), _d("10"), 4)
# Workers at one workplace (Чр рм) and parts per cycle (Зн) in the calculators.
WORKERS = Bound(_d("0"), _d("100"), 4, exclusive_minimum=True)
PARTS = Bound(_d("0"), _d("1000"), 4, exclusive_minimum=True)
# The production programme ПП, pieces per the available time.
PROGRAMME = Bound(_d("0"), _d("10000000"), 4, exclusive_minimum=True)
# Kвн, the norm fulfilment coefficient.
NORM_FULFILMENT = Bound(_d("0"), _d("10"), 4, exclusive_minimum=True)
# Kсм, the number of shifts: «1, 2, 3 или 4» (seed 004, L353).
SHIFTS = Bound(_d("1"), _d("4"), 4)

# Whole numbers stored in PositiveSmallIntegerFields.
WORKERS_PER_WORKPLACE_MAX = 100
PARTS_PER_CYCLE_MAX = 1000

# Lists and texts.
MAX_OBSERVATIONS = 100  # repeated observations of one operation
MAX_OPERATIONS = 30  # operations of one measurement (the form's rows)
MAX_CALCULATOR_OPERATIONS = 100  # operations in the growth and headcount calculators
NAME_LENGTH = 300
TEXT_LENGTH = 2000  # the improvement that caused the change
