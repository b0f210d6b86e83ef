"""Constants and choices of step 3, «Содержание в чистоте» (§7, seed 003 L950–1070; Appendices
19–25)."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 500
NAME_MAX_LENGTH = 300
PHONE_MAX_LENGTH = 40

# L4737: «График уборки составляется на срок не менее 1 квартала» — three calendar months.
QUARTER_MONTHS = 3
# L1029–1031: «подготовка к генеральной уборке – не более 1 дня; проведение генеральной уборки –
# не более 1 дня»; the step-3 table gives the whole measure «2 дня» (L983).
PREPARATION_MAX = datetime.timedelta(days=1)
CLEANING_MAX = datetime.timedelta(days=1)
GENERAL_CLEANING_MAX = datetime.timedelta(days=2)
# L1045: the leader checks the inventory 30 minutes before the start; L1047: the team briefs the
# participants 15 minutes before it.
INVENTORY_CHECK_BEFORE = datetime.timedelta(minutes=30)
BRIEFING_BEFORE = datetime.timedelta(minutes=15)
# Planned dates of a schedule, one cell of Appendix 25 «Даты проведения работ».
DATES_PER_ROW_MAX = 120


class AnalysisKind(models.TextChoices):
    """The two analysis forms of step 3."""

    HARD_PLACES = "hard_places", _("Анализ труднодоступных для уборки мест")  # Appendix 20
    CLEANING_PLACES = "cleaning_places", _("Анализ мест, требующих уборки")  # Appendix 23


class SignRole(models.TextChoices):
    """Who signs a form of step 3, as the forms name them."""

    LEADER = "leader", _("Лидер 5S-команды")
    HOUSEKEEPING = "housekeeping", _("Ответственный за хозяйственное обеспечение")
    INVENTORY = "inventory", _("Ответственный за предоставление инвентаря")
    HEAD = "head", _("Руководитель ОИВ ЯО (СППО)")
    DEPARTMENT_HEAD = "department_head", _("Начальник отдела")


# The roles each form asks for, in the order they sign.
ANALYSIS_ROLES = (SignRole.LEADER, SignRole.HOUSEKEEPING)  # Appendices 20, 23 «СОГЛАСОВАНО»
# Appendix 24: «СОГЛАСОВАНО» leader, housekeeping, the inventory officer; then «УТВЕРЖДАЮ».
PLAN_AGREEMENT_ROLES = (SignRole.LEADER, SignRole.HOUSEKEEPING, SignRole.INVENTORY)
PLAN_ROLES = (*PLAN_AGREEMENT_ROLES, SignRole.HEAD)
SCHEDULE_ROLES = (SignRole.DEPARTMENT_HEAD,)  # Appendix 25, note 5 (L4745)
GENERAL_CLEANING_ROLES = (SignRole.HEAD,)  # L1035 «по согласованию с руководителем»

# Appendix 19: what the team examines (the checklist of the hard-to-clean analysis).
APPENDIX_19_SECTIONS = (
    (
        _("Исследовать поверхности"),
        (_("полы"), _("стены"), _("потолки"), _("двери"), _("окна"), _("проходы")),
    ),
    (
        _("Исследовать оборудование"),
        (
            _("мебель"),
            _("компьютеры"),
            _("принтеры"),
            _("копировальные аппараты"),
            _("телефонные аппараты"),
        ),
    ),
    (
        _("Исследовать предметы на хранении"),
        (_("«ненужные срочно» предметы"), _("носители информации, хранящиеся в шкафах, на полках")),
    ),
    (
        _("Исследовать предметы в использовании"),
        (
            _("«нужные» предметы, расположенные на рабочих столах"),
            _("«нужные» предметы, расположенные в тумбочках, ящиках"),
        ),
    ),
)
