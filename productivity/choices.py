from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """A timing study measures the workplace before and after an improvement (kaizen)."""

    BEFORE = "before", _("До улучшения")
    AFTER = "after", _("После улучшения")


class KstMode(models.TextChoices):
    """Kст by the manual's banded table or by its formula."""

    TABLE = "table", _("По таблице (шаг 0,05)")
    FORMULA = "formula", _("По формуле")


KVC_BASE_CHOICES = [
    (Decimal("0.4"), "0,4"),
    (Decimal("0.5"), "0,5"),
]
DEFAULT_KVC_BASE = Decimal("0.4")
DEFAULT_WORKER_SHARE = Decimal("0.3")
DEFAULT_SHIFT_H = Decimal(8)
# The manual: ВГцель in the ideal is 100 %.
DEFAULT_YIELD = Decimal(100)
# Repeated observations per operation accepted in one field.
MAX_OBSERVATIONS = 100
