"""Choices of the continuous-improvement process (§9.1 item 3, «Мероприятие 3 - внедрить
процесс постоянного улучшения», seed 003 L1429–1447; Appendix 36, «Схема процесса
совершенствования», L5143 — the drawing is not in the export, so the stages are those of the
text at L1437–1445)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """L1435–1445: «5S-команда последовательно выполняет следующие действия», in this order."""

    IDENTIFY = "identify", _("Идентификация проблемы")
    ANALYSE = "analyse", _("Анализ проблемы")
    OPTIONS = "options", _("Варианты решения")
    DECIDE = "decide", _("Выбор решения и планирование")
    STANDARDISE = "standardise", _("Оценка выполнения и стандартизация")


# The stages in the order the team goes through them (L1437–1445).
STAGE_ORDER = (Stage.IDENTIFY, Stage.ANALYSE, Stage.OPTIONS, Stage.DECIDE, Stage.STANDARDISE)


class ProposalState(models.TextChoices):
    OPEN = "open", _("В работе")
    STANDARDISED = "standardised", _("Достигнутое стандартизировано")
    REJECTED = "rejected", _("Отклонено")


class OutcomeKind(models.TextChoices):
    """What an accepted proposal becomes (issue 14, item 6): a corrective action of the plan of
    Appendix 30 (§9.3), a 5S standard (§8), or an activity of the deployment plan (Appendix
    10). The record it became is named by a free reference: the agencies app does not import
    the apps that keep those records."""

    CORRECTIVE_ACTION = "corrective_action", _("Корректирующее мероприятие")
    STANDARD = "standard", _("5S-стандарт")
    PLAN_ACTIVITY = "plan_activity", _("Мероприятие плана развёртывания")


# L1403: «вопрос «почему?» повторяют несколько раз»: the tool is called «5 почему».
FIVE_WHYS = 5
# Days the team gives a stage when nobody sets its date, for the reminder (calendar days).
STAGE_REMINDER_WORKING_DAYS = 2
