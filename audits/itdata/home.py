"""The home panel of the IT department and the group head: agencies without the month's data."""

from django.urls import reverse
from django.utils.translation import gettext as _

from audits.itdata import permissions, selectors
from core import calendar
from core.periods import format_month, month_start
from core.registry import HomePanel


def panels(user):
    if not permissions.can_enter_it_data(user):
        return []
    today = calendar.today()
    month = month_start(today)
    due_on = calendar.last_working_day_of_month(today)
    url = f"{reverse('audits:it-standard')}?month={format_month(month)}"
    missing = list(selectors.agencies_without_data(month).values_list("short_name", flat=True))
    return [
        HomePanel(
            title=_("ИТ-стандарт: нет данных за %(month)s") % {"month": format_month(month)},
            url=url,
            order=35,
            empty_text=_("Данные за месяц есть по всем ОИВ ЯО / СППО."),
            items=[
                {"text": name, "url": url, "due": due_on, "overdue": today > due_on}
                for name in missing
            ],
        )
    ]
