"""The notices of the stock of material objects, sent through `core.notifications` (kinds
registered from `StandardsConfig.ready()` through `standards.stock.registration`).

- `standards.stock_order_proposed`: a count has reached the minimum and the portal proposes an
  order request to the employee responsible for the stock (L1237: «ответственный за наличие
  материальных объектов, должен сделать заказ»).
- `standards.stock_request_awaiting_approval`: a request waits for the head's approval
  (Appendix 27, «УТВЕРЖДАЮ»).
The subject is the request; a render function rebuilds the text (in Russian) when sending.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Notice
from core.notifications import NoticeText
from standards.stock.models import OrderRequest

ORDER_PROPOSED = "standards.stock_order_proposed"
ORDER_PROPOSED_LABEL = gettext_lazy("Предложена заявка на заказ материальных объектов")
AWAITING_APPROVAL = "standards.stock_request_awaiting_approval"
AWAITING_APPROVAL_LABEL = gettext_lazy("Заявка на заказ материальных объектов ждёт утверждения")


def _request(notice: Notice) -> OrderRequest:
    request = notice.subject
    assert isinstance(request, OrderRequest)
    return request


def render_order_proposed(notice: Notice) -> NoticeText:
    request = _request(notice)
    return NoticeText(
        subject=_("Запас на исходе: %(place)s, предложена заявка № %(number)s")
        % {"place": request.place, "number": request.number},
        body=_(
            "Количество материальных объектов в месте хранения «%(place)s» (%(agency)s) "
            "уменьшилось до минимального уровня. Портал предложил заявку № %(number)s; "
            "проверьте количество и передайте её на утверждение руководителю (5S-стандарт "
            "«Управление уровнем запасов материальных объектов»)."
        )
        % {"place": request.place, "agency": request.agency.short_name, "number": request.number},
        url=request.get_absolute_url(),
    )


def render_awaiting_approval(notice: Notice) -> NoticeText:
    request = _request(notice)
    return NoticeText(
        subject=_("Заявка № %(number)s на заказ материальных объектов ждёт утверждения")
        % {"number": request.number},
        body=_(
            "Заявка № %(number)s от %(date)s (%(agency)s, %(place)s) передана вам на "
            "утверждение. Приобретение материальных объектов возможно только по заявке."
        )
        % {
            "number": request.number,
            "date": request.requested_on.strftime("%d.%m.%Y"),
            "agency": request.agency.short_name,
            "place": request.place,
        },
        url=request.get_absolute_url(),
    )
