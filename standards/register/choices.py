"""Constants and choices of the register of 5S standards (§8, seed 003 L1110–1345) and of the
daily 5S checklist (Appendix 26, L1183–1189, L4749–4803)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# L1145: «пересмотр не реже 1 раза в год».
REVIEW_PERIOD_YEARS = 1
# The reminder before the review is due: a month ahead, so the team has time to revise.
REVIEW_REMINDER_DAYS = 30
# L1189: «содержать не более 10 пунктов».
CHECKLIST_MAX_ITEMS = 10
# L1187: «в течение короткого промежутка времени (не более 5 минут)».
CHECKLIST_MAX_MINUTES = 5
# Longest search text of the knowledge-base search.
SEARCH_MAX_LENGTH = 200


class StandardStatus(models.TextChoices):
    """The register entry: a draft until its first version is approved."""

    DRAFT = "draft", _("проект")
    APPROVED = "approved", _("утверждён")


class VersionStatus(models.TextChoices):
    """A version of a standard (L1139: «гриф утверждения руководителем … и гриф согласования
    лидером 5S-команды»): written by the team, agreed by the leader, approved by the head."""

    DRAFT = "draft", _("проект")
    AGREED = "agreed", _("согласован лидером 5S-команды")
    APPROVED = "approved", _("утверждён")
    SUPERSEDED = "superseded", _("заменён новой редакцией")


class ChecklistStatus(models.TextChoices):
    DRAFT = "draft", _("проект")
    APPROVED = "approved", _("утверждён")


class FiveSStage(models.TextChoices):
    """The column «Этап 5 S» of Appendix 26 (L4769–4803)."""

    SORT = "sort", pgettext_lazy("этап 5S", "Сортировка")
    SET_IN_ORDER = "set_in_order", pgettext_lazy("этап 5S", "Рациональное расположение")
    SHINE = "shine", pgettext_lazy("этап 5S", "Уборка")
    STANDARDISE = "standardise", pgettext_lazy("этап 5S", "Стандартизация")
    SUSTAIN = "sustain", pgettext_lazy("этап 5S", "Совершенствование")


class ReviewState(models.TextChoices):
    NOT_APPROVED = "not_approved", _("не утверждён")
    CURRENT = "current", _("действует")
    DUE_SOON = "due_soon", _("скоро пересмотр")
    OVERDUE = "overdue", _("пересмотр просрочен")
