"""What the stock puts on the home pages: the requests waiting for the head's approval
(Appendix 27), and for the employee responsible for stock the items at their minimum and the
requests proposed to them (L1237)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import HomePanel
from standards.stock import selectors


def panels(user):
    result = []
    to_approve = list(selectors.requests_to_approve(user=user)[: HomePanel.SHOWN + 1])
    if to_approve:
        result.append(
            HomePanel(
                title=_("Заявки на заказ материальных объектов к утверждению"),
                url=reverse("standards:stock-requests") + "?status=submitted",
                order=36,
                items=[
                    {
                        "text": _("Заявка № %(number)s, %(agency)s, %(place)s")
                        % {"number": r.number, "agency": r.agency.short_name, "place": r.place},
                        "url": r.get_absolute_url(),
                        "due": r.requested_on,
                    }
                    for r in to_approve
                ],
            )
        )
    proposed = list(selectors.proposed_requests_for(user=user))
    low = list(selectors.items_needing_order(user=user))
    if proposed or low:
        items = [
            {
                "text": _("Предложена заявка № %(number)s: %(place)s")
                % {"number": r.number, "place": r.place},
                "url": r.get_absolute_url(),
                "due": r.requested_on,
                "overdue": True,
            }
            for r in proposed
        ]
        items += [
            {
                "text": _("Нужен заказ: %(item)s (%(count)s при минимуме %(minimum)s), %(place)s")
                % {"item": i.name, "count": i.count, "minimum": i.minimum, "place": i.place},
                "url": i.place.get_absolute_url(),
            }
            for i in low
        ]
        result.append(
            HomePanel(
                title=_("Запасы материальных объектов: нужен заказ"),
                url=reverse("standards:stock-places") + "?needs_order=true",
                order=37,
                items=items,
            )
        )
    return result
