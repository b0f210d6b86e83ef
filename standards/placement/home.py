"""What «Set in order» puts on the home pages: for the head the schemes and rules to approve
and the schedules to agree (L893, L901); for the 5S team leader the paper copies of agreed
schedules due to the group head (L907); for a person responsible for a room in an agreed
schedule, the rational placement there and its days (L917)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import calendar
from core.registry import HomePanel
from standards.placement import selectors


def panels(user):
    result = []
    shown = HomePanel.SHOWN + 1
    schemes = list(selectors.schemes_to_approve(user=user)[:shown])
    documents = list(selectors.rules_to_approve(user=user)[:shown])
    schedules = list(selectors.schedules_to_agree(user=user)[:shown])
    if schemes or documents or schedules:
        items = [
            {
                "text": _("Схема рационального размещения: %(agency)s, %(room)s, версия %(v)s")
                % {"agency": s.agency.short_name, "room": s.room, "v": s.version},
                "url": s.get_absolute_url(),
            }
            for s in schemes
        ]
        items += [
            {
                "text": _("%(rules)s, %(agency)s") % {"rules": d, "agency": d.agency.short_name},
                "url": d.get_absolute_url(),
            }
            for d in documents
        ]
        items += [
            {
                "text": _("%(schedule)s, %(agency)s")
                % {"schedule": s, "agency": s.agency.short_name},
                "url": s.get_absolute_url(),
            }
            for s in schedules
        ]
        result.append(
            HomePanel(
                title=_("Создание порядка: утвердить и согласовать"),
                url=reverse("standards:placement-schemes") + "?status=pending",
                order=34,
                items=items,
            )
        )
    today = calendar.today()
    owed = list(selectors.placements_owed(user=user, today=today)[:shown])
    if owed:
        result.append(
            HomePanel(
                title=_("Рациональное размещение предметов в ваших помещениях"),
                url=reverse("standards:placement-schedules"),
                order=35,
                items=[
                    {
                        "text": _("Помещение %(room)s: %(start)s – %(end)s")
                        % {
                            "room": row.room,
                            "start": row.date_from.strftime("%d.%m.%Y"),
                            "end": row.date_to.strftime("%d.%m.%Y"),
                        },
                        "url": reverse("standards:placement-room", args=[row.room_id]),
                        "due": row.date_to,
                    }
                    for row in owed
                ],
            )
        )
    copies = list(selectors.copies_due(user=user)[:shown])
    if copies:
        result.append(
            HomePanel(
                title=_("Копии графиков рационального размещения — руководителю рабочей группы"),
                url=reverse("standards:placement-schedules") + "?copy_sent=false",
                order=35,
                items=[
                    {
                        "text": _("%(schedule)s, %(agency)s")
                        % {"schedule": s, "agency": s.agency.short_name},
                        "url": s.get_absolute_url(),
                        "due": s.copy_due,
                        "overdue": s.copy_overdue(today),
                    }
                    for s in copies
                ],
            )
        )
    return result
