"""Home panels of the head and the team leader: the half-year's walk-round they owe (§4.5, L461)
and, for the head, the records awaiting their confirmation."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.people import agency_ids_of
from agencies.walkrounds import permissions, selectors
from agencies.walkrounds.choices import WalkRoundStatus
from agencies.walkrounds.models import WalkRound
from core import calendar
from core.permissions import has_role
from core.registry import HomePanel
from core.roles import Role


def panels(user):
    headed = permissions.headed_agency_ids(user)
    led = agency_ids_of(user) if has_role(user, Role.TEAM_LEADER) else frozenset()
    ids = headed | led
    if not ids:
        return []
    today = calendar.today()
    items = []
    for row in selectors.overview(user=user, today=today):
        if row.agency.pk not in ids or row.half_year.is_done:
            continue
        items.append(
            {
                "text": _("%(agency)s: обход рабочих мест руководителем в полугодии")
                % {"agency": row.agency.short_name},
                "url": reverse("agencies:walkround-agency", args=[row.agency.pk]),
                "due": row.half_year.end,
                "overdue": row.half_year.is_overdue,
            }
        )
    for walk_round in WalkRound.objects.filter(
        agency_id__in=headed, status=WalkRoundStatus.RECORDED
    ).select_related("agency"):
        items.append(
            {
                "text": _("Подтвердите обход %(date)s (%(agency)s)")
                % {
                    "date": walk_round.date.strftime("%d.%m.%Y"),
                    "agency": walk_round.agency.short_name,
                },
                "url": walk_round.get_absolute_url(),
            }
        )
    if not items:
        return []
    return [
        HomePanel(
            title=_("Обходы рабочих мест"),
            url=reverse("agencies:walkround-overview"),
            order=45,
            items=items,
        )
    ]
