"""Choices and constants of the deployment order (§4.4, Appendix 5) and plan (§4.8, Appendix 10)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanSection(models.TextChoices):
    """The regulation's activity tables a plan is made from (the step-3 table, unnumbered in the
    text at L951, is called 7.1)."""

    PREPARATION = "4.1", _("4.1. Подготовка к развёртыванию")
    SORTING = "5.1", _("5.1. Шаг 1. Сортировка")
    ORDER = "6.1", _("6.1. Шаг 2. Создание порядка")
    CLEANING = "7.1", _("7.1. Шаг 3. Содержание в чистоте")
    STANDARDISATION = "8.1", _("8.1. Шаг 4. Стандартизация")
    IMPROVEMENT = "9.1", _("9.1. Шаг 5. Совершенствование")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("проект")
    APPROVED = "approved", _("утверждён")


# §4.4, L441: the paper copy of the order reaches the group head within 5 working days.
ORDER_COPY_WORKING_DAYS = 5
# §4.8, L557: copies of the approved plan and of the initial indicator sheet within 3 working days.
PLAN_COPIES_WORKING_DAYS = 3
# §4.4, L431: the plan is approved within 1 month of the order.
PLAN_APPROVAL_MONTHS = 1
# Appendix 5, L3205: the team's composition is approved yearly.
TEAM_REAPPROVAL_MONTHS = 12
# Appendix 10, L3634: 52 week columns.
PLAN_WEEKS = 52
# Reminders are sent this many working days before a due date (and again once overdue).
REMIND_WORKING_DAYS_BEFORE = 2
# The team's yearly approval shows on the home page and is reminded this many days before.
REAPPROVAL_NOTICE_DAYS = 30
# Days of a week-long maximum.
DAYS_PER_WEEK = 7
PLAN_YEAR_MIN = 2011  # the order of 23.08.2011
PLAN_YEAR_MAX = 2100
TEMPLATE_PATH = "fixtures/deployment/plan_template.json"
