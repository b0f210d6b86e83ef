"""Numbers and months shown to people, formatted for the interface's language (issue 17, item 4).

One table says how many decimal places each quantity is shown with; `format_number` rounds half
up to them and formats through django.utils.formats, so Russian gets a decimal comma («0,7665»)
and English a point («0.7665»). Templates use the `num` and `month` filters of
core/templatetags/numbers.py; Python code that builds page text (home panels, chart labels) calls
these functions. The API's decimal strings and the numeric cells of XLSX never pass through here:
they stay numbers with a point (../shared/API.md).

Places follow what the manual prints (seed 004): the Kст table gives Kст with four places
(«1,0375», L466–L475), Kвц and Kинт are ratios of measured times shown with the same four places
the model stores (L361, L373), the growth of productivity is «1,2 (раза)», «2,4 (раза)» (L236,
L240) and is shown with two so a 2,2-fold and a 2,25-fold growth stay apart; percentages one place
(«20%», «140%»), roubles two (kopecks), scores of the checklist two (Appendix 12, «4,33»).
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import get_language

# Decimal places per quantity. One place to change them.
PLACES: dict[str, int] = {
    "kvc": 4,  # Kвц (manual L361): measured ratio, stored with 4 places
    "kint": 4,  # Kинт (manual L373)
    "kst": 4,  # Kст: the manual's table prints 1,0000 … 1,3000 (L466–L475)
    "coefficient": 4,  # any other coefficient
    "growth": 2,  # growth of productivity, «раза» (manual L236–L240)
    "percent": 1,  # «20%» (manual L236)
    "money": 2,  # roubles and kopecks: piece rate, hourly wage
    "time": 4,  # norms and times in minutes or hours
    "output": 2,  # pieces per hour or shift
    "headcount": 2,
    "score": 2,  # mean scores of the checklist (Appendix 12)
    "seconds": 1,  # the indicator sheet's search and operation times (Appendix 8, L3523)
    "integer": 0,
}

EMPTY = "—"

# Short month names for chart axes: «дек 2025», «Dec 2025» (never «12.25», which reads as a
# decimal). Django's own short names are lower-case in Russian already.
_MONTHS_RU = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def rounded(value: object, quantity: str) -> Decimal | None:
    """The value rounded half up to its quantity's places; None when it is not a number."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    if not number.is_finite():
        return None
    return number.quantize(Decimal(1).scaleb(-PLACES[quantity]), rounding=ROUND_HALF_UP)


def format_number(value: object, quantity: str = "coefficient", empty: str = EMPTY) -> str:
    """«0,7665» in Russian, «0.7665» in English; `empty` for None or what is not a number.
    An unknown quantity is a programming error (KeyError), not a silent default."""
    places = PLACES[quantity]
    number = rounded(value, quantity)
    if number is None:
        return empty
    return formats.number_format(number, decimal_pos=places, use_l10n=True)


def format_month(value: datetime.date | None, empty: str = EMPTY) -> str:
    """A month for a chart axis or a heading: «дек 2025» / «Dec 2025»."""
    if value is None:
        return empty
    names = _MONTHS_EN if (get_language() or "ru").startswith("en") else _MONTHS_RU
    return f"{names[value.month - 1]} {value.year}"
