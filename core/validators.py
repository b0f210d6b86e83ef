"""Plausible bounds for dates, shared by models, forms, serializers and services.

The programme starts with the Governor's order of 23.08.2011 № 414-р (seed 003, L31): nothing
the portal records as having happened (marked, held, conducted, photographed, measured) is
earlier than that day, and nothing that happened is later than today. Plans and deadlines look
ahead, but not more than two years (the longest horizon of the regulation's plans is the
deployment plan's year, Appendix 10; two years leave room for a plan made late in a year).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# The order that starts the programme (seed 003, L31: «от 23.08.2011 № 414-р»).
PROGRAMME_START = datetime.date(2011, 8, 23)
# How far ahead a planned date or a deadline may lie.
PLAN_HORIZON_YEARS = 2


def today() -> datetime.date:
    from core import calendar

    return calendar.today()


def plan_horizon(day: datetime.date | None = None) -> datetime.date:
    """The latest date a plan or deadline may name: two years from `day` (default today)."""
    day = day or today()
    try:
        return day.replace(year=day.year + PLAN_HORIZON_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year + PLAN_HORIZON_YEARS, day=28)


def past_date_error(value: datetime.date | None) -> str | None:
    """The message for a date of something that happened, or None when it is plausible."""
    if value is None:
        return None
    if value < PROGRAMME_START:
        return str(
            _("Дата не может быть раньше приказа от 23.08.2011 № 414-р (%(date)s).")
            % {"date": PROGRAMME_START.strftime("%d.%m.%Y")}
        )
    if value > today():
        return str(_("Дата не может быть позже сегодняшней."))
    return None


def plan_date_error(value: datetime.date | None) -> str | None:
    """The message for a planned date or deadline, or None when it is plausible."""
    if value is None:
        return None
    if value < PROGRAMME_START:
        return str(
            _("Дата не может быть раньше приказа от 23.08.2011 № 414-р (%(date)s).")
            % {"date": PROGRAMME_START.strftime("%d.%m.%Y")}
        )
    horizon = plan_horizon()
    if value > horizon:
        return str(
            _("Дата не может быть позже чем через 2 года (%(date)s).")
            % {"date": horizon.strftime("%d.%m.%Y")}
        )
    return None


@deconstructible
class PastDateValidator:
    """Model/form validator for dates of things that happened (not before 23.08.2011, not
    after today)."""

    def __call__(self, value):
        message = past_date_error(value)
        if message:
            raise ValidationError(message, code="implausible_date")

    def __eq__(self, other):
        return isinstance(other, PastDateValidator)


@deconstructible
class PlanDateValidator:
    """Model/form validator for planned dates and deadlines (not more than 2 years ahead)."""

    def __call__(self, value):
        message = plan_date_error(value)
        if message:
            raise ValidationError(message, code="implausible_date")

    def __eq__(self, other):
        return isinstance(other, PlanDateValidator)


validate_past_date = PastDateValidator()
validate_plan_date = PlanDateValidator()
