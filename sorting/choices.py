from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemCategory(models.TextChoices):
    """Appendix 14 and §1.4.15–1.4.17: the three categories of items."""

    UNNEEDED = "unneeded", _("«Ненужные»")
    RARELY_NEEDED = "rarely_needed", _("«Ненужные срочно»")
    NEEDED = "needed", _("«Нужные»")


class EntryKind(models.TextChoices):
    """The columns of Appendix 14 after the category."""

    REGULARITY = "regularity", _("Регулярность использования")
    STATE = "state", _("Состояние предметов")
    DECISION = "decision", _("Вариант решения по дальнейшему использованию")


class ListKind(models.TextChoices):
    """Appendix 16 (unneeded items) and Appendix 17 (rarely-needed items)."""

    UNNEEDED = "unneeded", _("Список «ненужных» предметов")
    RARELY_NEEDED = "rarely_needed", _("Список «ненужных срочно» предметов")


class ApprovalRole(models.TextChoices):
    """The «СОГЛАСОВАНО» block of Appendices 16 and 17."""

    TEAM_LEADER = "team_leader", _("Лидер 5S-команды")
    CHIEF_ACCOUNTANT = "chief_accountant", _("Главный бухгалтер")
    MATERIALLY_RESPONSIBLE = "materially_responsible", _("Материально ответственное лицо")
    DECIDER = "decider", _("Сотрудник, принимающий решение по дальнейшему использованию")


# The roles whose agreement every list needs; deciders are added per line (see services).
REQUIRED_APPROVAL_ROLES = (
    ApprovalRole.TEAM_LEADER,
    ApprovalRole.CHIEF_ACCOUNTANT,
    ApprovalRole.MATERIALLY_RESPONSIBLE,
)

# §5.4 (seed 003 L755): the next sorting is due at least monthly while the 5S system is being
# deployed and at least quarterly once it functions: agencies.cadence.
# The team leader is reminded this many working days before the next sorting is due.
SORTING_REMINDER_WORKING_DAYS = 3
# §5.4 (L751): decisions are discussed «в течение 1 рабочего дня после завершения сортировки».
DECISION_WORKING_DAYS_AFTER_SORTING = 1
# §5.3 (L715): the storage zone is checked weekly.
STORAGE_CHECK_INTERVAL_DAYS = 7
# Two A5 tags side by side fill one A4 landscape sheet.
TAGS_PER_SHEET = 2
# Most tags printed in one batch.
TAG_BATCH_LIMIT = 200
# Plausible bounds of what people type (issue 10 item 8: a 1 MB comment made a 4-second PDF).
# Free text (a tag's comments, the rooms of a sorting, a check's note): about a page of text.
TEXT_MAX_LENGTH = 2000
# Items of one kind found in one room and written on one tag or line (Appendix 16, item 7:
# «количество … (1, 2, 3…)»); a larger number is a typo.
QUANTITY_MAX = 100_000
# Rooms one sorting covers (§5.4): more is a typo or a pasted document.
ROOMS_PER_ROUND_MAX = 200
# Lines in one weekly check of a storage zone (one per item in the zone).
CHECK_ENTRIES_MAX = 1000
# Primary keys are 64-bit (BigAutoField); an id beyond that is refused before any lookup (on
# SQLite it would be an OverflowError).
MAX_ID = 2**63 - 1
