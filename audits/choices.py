"""Constants of the audit rules, each with the clause it comes from."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Appendix 6, §4.6: «оценка проставляется по каждому критерию от 1 до 5 баллов».
SCORE_MIN = 1
SCORE_MAX = 5
SCORES = tuple(range(SCORE_MAX, SCORE_MIN - 1, -1))  # 5, 4, 3, 2, 1 as in the checklist columns
STEP_NUMBERS = (1, 2, 3, 4, 5)
# §4.6: the internal audit scores rooms by steps 1–4 only.
INTERNAL_AUDIT_STEPS = (1, 2, 3, 4)
# Regulation on the working group §5.3: an external audit team has at least three members.
AUDIT_TEAM_MIN = 3
# §5.6: a divergence of MORE than one point between auditors calls for a collegial decision.
DIVERGENCE_LIMIT = 1
# §5.5: the agency is told at least 1 working day before the audit.
NOTICE_WORKING_DAYS = 1
# §4.10: the final sheet's copy goes to the 5S-team leader within 5 working days of the audit.
FINAL_SHEET_COPY_WORKING_DAYS = 5
# §9.3: the approved corrective-action plan's copy is due to the group within 3 working days.
PLAN_COPY_WORKING_DAYS = 3
# Decimal places shown and exported (Appendix 12's means).
DISPLAY_PLACES = 2
# Plausible lengths of free text (issue 10: a 5 MB score note was accepted): a note of Appendix
# 6's column 8 and the text cells of a corrective-action row (Appendix 30) are a few sentences.
NOTE_MAX_LENGTH = 2000
ACTION_TEXT_MAX_LENGTH = 2000
PHOTO_PROBLEM_MAX_LENGTH = 2000
# The offline sheet (Appendix 6 as XLSX): the downloaded workbook is about 15 KB; anything far
# larger, or that unpacks to far more, is not a sheet made by the portal.
XLSX_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
XLSX_UNPACKED_MAX_BYTES = 20 * 1024 * 1024
# Rows below the last criterion that the parser still looks at (a row moved down by hand).
XLSX_SPARE_ROWS = 20

# The names of the 5S steps; in English the 5S terms (Sort, Set in order...). The context keeps
# step 1 apart from the sorting section of the portal ("Sorting").
STEP_NAMES = {
    1: pgettext_lazy("шаг 5S", "Сортировка"),
    2: pgettext_lazy("шаг 5S", "Создание порядка"),
    3: pgettext_lazy("шаг 5S", "Содержание в чистоте"),
    4: pgettext_lazy("шаг 5S", "Стандартизация"),
    5: pgettext_lazy("шаг 5S", "Совершенствование"),
}


class AuditStatus(models.TextChoices):
    PLANNED = "planned", _("Запланирован")
    FINALISED = "finalised", _("Итоговый лист подписан")


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Черновик")
    SUBMITTED = "submitted", _("Сдан")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Проект")
    APPROVED = "approved", _("Утверждён")


class Unscored(models.TextChoices):
    """Why a criterion is not scored on a sheet (Appendix 6, notes 1, 4 and 5)."""

    STEP_NOT_COMPLETED = "step", _("шаг не завершён")
    NO_COMMON_AREAS = "common_areas", _("не отвечает за места общего пользования")
    EXTERNAL_DATA = "external", _("по данным департамента информатизации и связи")
