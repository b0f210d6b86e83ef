"""Constants and choices of «Set in order» (step 2, §6 of the methodological recommendations,
seed 003 L770–950; Appendices 18 and 21)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 500
NAME_MAX_LENGTH = 300
PLACE_MAX_LENGTH = 300
RULES_MAX_LENGTH = 20_000
QUANTITY_MAX = 10_000
# A schedule of one agency names at most this many rooms (a grid, not an inventory).
SCHEDULE_ROWS_MAX = 300
# «в течение 3 рабочих дней с даты согласования … направляет его копию в бумажном виде
# руководителю рабочей группы» (L907).
SCHEDULE_COPY_WORKING_DAYS = 3
# An uploaded scheme: an image (core.images, settings.PHOTO_MAX_BYTES) or a PDF up to this size.
SCHEME_PDF_MAX_BYTES = 20 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"
# Appendix 18's legend (the list of symbols for drawing objects and people), fixtures/.
SYMBOLS_FIXTURE = "standards/placement_symbols.json"


class SchemeKind(models.TextChoices):
    """The two drawings of a room (§6.2 L825–847 «карта текущего состояния рабочего
    пространства»; §6.3 L853–887 «схема рационального размещения предметов»)."""

    CURRENT_MAP = "current_map", _("карта текущего состояния")
    RATIONAL = "rational", _("схема рационального размещения")


class ApprovalStatus(models.TextChoices):
    """A rational-placement scheme or the storage and visualisation rules are drafted by the
    5S team, agreed by its leader with the head and approved by the head (L893: «Руководитель(и)
    … проставляет(ют) свою подпись в грифе утверждения»). A new version starts pending again;
    the versions before it are kept."""

    PENDING = "pending", _("на утверждении")
    APPROVED = "approved", _("утверждено")


class ScheduleStatus(models.TextChoices):
    """The placement schedule is prepared by the leader and agreed with the head (L901)."""

    DRAFT = "draft", _("проект")
    AGREED = "agreed", _("согласован")
