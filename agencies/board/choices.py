"""Constants of the information board (§4.9, seed 003 L561–597; criterion 2.6, L1903–1917)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# L583: the member who gathers the information updates it «не реже 1 раза в 2 недели».
UPDATE_EVERY_DAYS = 14
# L589 «обновлять информацию не реже одного раза в месяц»; criterion 2.6 (L1903): score «5» while
# «с момента обновления данных … прошло не более 1 месяца», «1» when «более 1 месяца» (L1917).
OVERDUE_AFTER_MONTHS = 1
TEXT_MAX_LENGTH = 4000
REMARK_MAX_LENGTH = 2000
SHORT_MAX_LENGTH = 300
# How many of the latest updates and remarks the board page shows (the rest: the API's lists).
UPDATES_SHOWN = 10
REMARKS_SHOWN = 20
# The «где» of an improvement proposal made from a remark about the board (L595).
PROPOSAL_WHERE = "Информационный стенд 5S"

DUE_KIND = "agencies.board_update_due"
OVERDUE_KIND = "agencies.board_update_overdue"


class BoardState(models.TextChoices):
    """Where the board stands (L583, L589)."""

    FRESH = "fresh", _("Обновлён")
    DUE = "due", _("Пора обновить (раз в 2 недели)")
    OVERDUE = "overdue", _("Не обновлялся более месяца")


class RemarkKind(models.TextChoices):
    """L595: «предложений и замечаний сотрудников … по состоянию информационного стенда»."""

    REMARK = "remark", _("Замечание")
    PROPOSAL = "proposal", _("Предложение")


class PosterSize(models.TextChoices):
    A3 = "A3", "A3"
    A1 = "A1", "A1"


# Appendix 11 (seed 003 L3675, L3677): the board shows a «мини-урок» for each of the steps
# «сортировка, рациональное размещение, уборка и проверка, стандартизация» and for «поддержание
# и совершенствование». Each is kept on the board as InformationBoard.lesson_<key>; the key is
# also the API's name of the lesson.
LESSONS = (
    ("sorting", _("сортировка")),
    ("set_in_order", _("рациональное размещение")),
    ("shine", _("уборка и проверка")),
    ("standardisation", _("стандартизация")),
    ("sustain", _("поддержание и совершенствование")),
)
LESSON_KEYS = tuple(key for key, _label in LESSONS)


def lesson_field(key: str) -> str:
    return f"lesson_{key}"
