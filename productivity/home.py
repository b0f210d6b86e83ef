"""What the productivity app puts on each role's home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.formatting import format_number
from core.permissions import sees_whole_region
from core.registry import HomePanel
from productivity import selectors
from productivity.permissions import can_record_anywhere

OPEN_STUDIES_SHOWN = 10


def panels(user):
    result = []
    if can_record_anywhere(user):
        studies = list(selectors.open_studies(user=user)[: OPEN_STUDIES_SHOWN + 1])
        items = [
            {
                "text": _("%(title)s (%(workplace)s): нет замера после улучшения")
                % {"title": study.title, "workplace": study.workplace.name},
                "url": study.get_absolute_url(),
            }
            for study in studies[:OPEN_STUDIES_SHOWN]
        ]
        result.append(
            HomePanel(
                title=_("Исследования без замера «после»"),
                items=items,
                url=reverse("productivity:index") + "?state=open",
                # «All finished» only when there is something finished (issue 17, item 12).
                empty_text=(
                    _("Все исследования завершены.")
                    if studies or selectors.editable_studies(user=user).exists()
                    else _("Исследований пока нет.")
                ),
                order=60,
            )
        )
    if sees_whole_region(user):
        counts = selectors.region_counts(user=user)
        growth = counts["growth_avg"]
        result.append(
            HomePanel(
                title=_("Производительность труда"),
                url=reverse("productivity:results"),
                order=61,
                items=[
                    {"text": _("Исследований: %(n)s") % {"n": counts["studies"]}},
                    {"text": _("Завершено (до и после): %(n)s") % {"n": counts["complete"]}},
                    {
                        "text": _("Средний рост ПТ: %(g)s раза")
                        % {"g": format_number(growth, "growth")}
                    },
                ],
            )
        )
    return result
