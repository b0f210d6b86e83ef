"""What the agencies app puts on each role's home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies import selectors
from agencies.people import person_of
from agencies.training import selectors as training_selectors
from core.permissions import sees_whole_region
from core.registry import HomePanel


def panels(user):
    result = []
    person = person_of(user)
    if sees_whole_region(user):
        counts = selectors.region_counts()
        result.append(
            HomePanel(
                title=_("Регион"),
                url=reverse("agencies:list"),
                order=10,
                items=[
                    {"text": _("ОИВ ЯО и СППО: %(n)s") % {"n": counts["agencies"]}},
                    {"text": _("С 5S-командой: %(n)s") % {"n": counts["with_team"]}},
                    {"text": _("Развёртывают систему 5S: %(n)s") % {"n": counts["deploying"]}},
                    {"text": _("Система 5S функционирует: %(n)s") % {"n": counts["functioning"]}},
                ],
            )
        )
    if person is not None:
        teams = list(selectors.team_list(user=user).filter(memberships__person=person))
        items = [{"text": str(person.agency), "url": person.agency.get_absolute_url()}]
        items += [
            {
                # Team names carry «5S-команда» already (the team form suggests it).
                "text": team.name,
                "url": team.get_absolute_url(),
            }
            for team in teams
        ]
        if not training_selectors.is_trained(person):
            items.append(
                {"text": _("Вы ещё не прошли обучение по программе «Система 5S»."), "overdue": True}
            )
        result.append(HomePanel(title=_("Моё подразделение"), items=items, order=20))
    return result
