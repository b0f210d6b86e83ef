"""Constants of the head's walk-rounds (§4.5, L461–463; criterion 5.7, L2855)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# L461: «не реже 1 раза в полугодие»: calendar half-years (January–June, July–December).
REQUIRED_MONTHS = 6
# L2855 (criterion 5.7, scores «5» and «4»): «регулярно (не реже 1 раза в квартал)».
TOP_SCORE_MONTHS = 3
TEXT_MAX_LENGTH = 4000
# The head and the leader are reminded this many working days before a half-year ends without
# a walk-round.
REMINDER_WORKING_DAYS = 10
REMINDER_KIND = "agencies.walkround_due"
CONFIRM_KIND = "agencies.walkround_confirm"


class Aspect(models.TextChoices):
    """What a walk-round looks at (L463): «выполнение сортировки, рационального расположения и
    уборки, необходимость улучшения условий, достигнутые показатели»."""

    SORTING = "sorting", _("Выполнение сортировки")
    ORDER = "order", _("Рациональное расположение")
    CLEANING = "cleaning", _("Уборка")
    CONDITIONS = "conditions", _("Необходимость улучшения условий")
    INDICATORS = "indicators", _("Достигнутые показатели")


class WalkRoundStatus(models.TextChoices):
    RECORDED = "recorded", _("Внесён, ждёт подтверждения руководителя")
    CONFIRMED = "confirmed", _("Подтверждён руководителем")
