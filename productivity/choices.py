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


class KstFactor(models.TextChoices):
    """What Kст is computed from: Kвц, or Kинт in its place (seed 004 L385: «вместо Kвц в любую
    из предложенных формул можно поставить Kинт»)."""

    KVC = "kvc", "Kвц"
    KINT = "kint", "Kинт"


# The base Kвц values the forms offer (seed 004 L442: 0,4; L459: 0,5); any other value in
# (0; 1] may be entered (L462–463: «Какое Kвц принять за базу – дело предприятия»).
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
