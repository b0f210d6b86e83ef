"""What the register puts on the home pages: the standards whose yearly review (L1145) is due
or overdue, for the agency's 5S team and head; versions waiting for the leader's agreement or
the head's approval (L1139); for the region's roles, agencies with overdue reviews."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.models import FiveSTeam
from agencies.people import headed_agency_ids, person_of
from core import calendar
from core.permissions import sees_whole_region
from core.registry import HomePanel
from standards.register import rules
from standards.register.choices import REVIEW_REMINDER_DAYS, StandardStatus, VersionStatus
from standards.register.models import Standard, StandardVersion


def panels(user):
    today = calendar.today()
    soon = today + datetime.timedelta(days=REVIEW_REMINDER_DAYS)
    result = []
    if sees_whole_region(user):
        overdue = (
            Standard.objects.filter(status=StandardStatus.APPROVED, review_due__lt=today)
            .select_related("agency")
            .order_by("review_due")
        )
        result.append(
            HomePanel(
                title=_("Просрочен пересмотр 5S-стандартов"),
                url=reverse("standards:list") + "?review_overdue=true",
                order=45,
                empty_text=_("Все 5S-стандарты пересмотрены в срок."),
                items=[
                    {
                        "text": f"{s.agency.short_name}: {s.title}",
                        "url": s.get_absolute_url(),
                        "due": s.review_due,
                        "overdue": True,
                    }
                    for s in overdue
                ],
            )
        )
    person = person_of(user)
    if person is None:
        return result
    led = set(FiveSTeam.objects.filter(leader=person).values_list("agencies", flat=True))
    in_team = led | set(
        FiveSTeam.objects.filter(memberships__person=person).values_list("agencies", flat=True)
    )
    headed = set(headed_agency_ids(user))
    owners = (in_team | headed) - {None}
    items = []
    if owners:
        for standard in (
            Standard.objects.filter(agency__in=owners, review_due__lte=soon)
            .select_related("agency")
            .order_by("review_due")
        ):
            items.append(
                {
                    "text": _("Пересмотреть 5S-стандарт: %(title)s") % {"title": standard.title},
                    "url": standard.get_absolute_url(),
                    "due": standard.review_due,
                    "overdue": rules.is_review_overdue(standard.review_due, today),
                }
            )
    waiting = Q(pk__in=[])
    if led:
        waiting |= Q(standard__agency__in=led, status=VersionStatus.DRAFT)
    if headed:
        waiting |= Q(standard__agency__in=headed, status=VersionStatus.AGREED)
    for version in StandardVersion.objects.filter(waiting).select_related("standard"):
        text = (
            _("Утвердить 5S-стандарт: %(title)s")
            if version.status == VersionStatus.AGREED
            else _("Согласовать 5S-стандарт: %(title)s")
        )
        items.append(
            {"text": text % {"title": version.standard.title}, "url": version.get_absolute_url()}
        )
    if owners:
        result.append(
            HomePanel(
                title=_("5S-стандарты"),
                url=reverse("standards:register"),
                order=46,
                empty_text=_("Пересматривать и утверждать нечего."),
                items=items,
            )
        )
    return result
