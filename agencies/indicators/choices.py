"""Choices and constants of the indicator sheet (§4.7 of the Methodological recommendations,
seed 003 L505–551; the form of Appendix 8, L3407–3525; examples of Appendix 9)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """The four groups of Appendix 8 (L3449–3495) and its instruction (L3513–3519)."""

    PAPER = "paper", _("Поиск носителей информации в бумажном виде")
    ELECTRONIC = "electronic", _("Поиск носителей информации в электронном виде")
    OPERATION = "operation", _("Операционные (повторяющиеся) действия")
    COST = "cost", _("Затраты на материальные объекты")


# Sections whose value is a time (max / average / min of the observations, L3523).
TIMED_SECTIONS = (Section.PAPER, Section.ELECTRONIC, Section.OPERATION)


class SheetStatus(models.TextChoices):
    """L513: «Форму листа показателей и технологию измерения показателей утверждает лидер
    5S-команды, проставляя подпись в грифе утверждения»."""

    DRAFT = "draft", _("Проект")
    APPROVED = "approved", _("Утверждён лидером 5S-команды")


# L3513–3519: «не менее 3 типов бумажных носителей … не менее 3 типов материальных объектов».
MIN_PER_SECTION = 3
# L535: «не менее 20 процентов фактической численности ОИВ ЯО или СППО».
EXPERT_SHARE_PERCENT = 20
# A timing is in seconds with at most two decimals; a sanity bound of one working day.
SECONDS_PLACES = 2
SECONDS_MAX = Decimal("28800")
# Costs in thousands of roubles (L3523) with two decimals.
COST_PLACES = 2
COST_MAX = Decimal("999999999.99")
# The average is shown with one decimal place, rounded half up (issue 16; ../shared/API.md).
AVERAGE_PLACES = Decimal("0.1")
# Changes against the initial state, per cent with one decimal.
CHANGE_PLACES = Decimal("0.1")
# L549: «не реже 1 раза в квартал»: the reminder goes this many working days before the end of
# a quarter without a measurement.
REMINDER_WORKING_DAYS = 10
# The most rows one sheet may list (the grid), and observations per indicator.
INDICATORS_MAX = 60
OBSERVATIONS_MAX = 500
NAME_MAX_LENGTH = 300
