"""Constants and choices of the stock of material objects (§8.2 «Управление уровнем запасов
материальных объектов», seed 003 L1211–1245; Appendix 27, L4833–4873)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

NAME_MAX_LENGTH = 300
UNIT_MAX_LENGTH = 30
NOTE_MAX_LENGTH = 500
# A count or a level above this is a typing error, not a stock (and keeps the integer columns
# far from the database's range).
QUANTITY_MAX = 1_000_000
# Default time to get objects from the warehouse (L1231: «учитывая временной промежуток на
# получение материальных объектов со склада»), in calendar days; each place sets its own.
LEAD_DAYS_DEFAULT = 1
LEAD_DAYS_MAX = 365
# The request is printed in two copies (L1237: «заказ, составленный в двух экземплярах»); one
# goes to the person responsible for supplies (L1239).
REQUEST_COPIES = 2


class RequestStatus(models.TextChoices):
    """The way of an order request (Appendix 27): the portal proposes it when a count reaches
    the minimum (L1237), the person responsible for stock submits it, the head approves it
    («УТВЕРЖДАЮ»), then the objects are received from the warehouse (L1239)."""

    PROPOSED = "proposed", _("предложена")
    SUBMITTED = "submitted", _("ожидает утверждения")
    APPROVED = "approved", _("утверждена")
    RECEIVED = "received", _("получена")


OPEN_STATUSES = (RequestStatus.PROPOSED, RequestStatus.SUBMITTED, RequestStatus.APPROVED)
