"""«Set in order» (step 2, §6 of the methodological recommendations, seed 003 L770–950):
per room the current-state map and the rational-placement scheme, approved by the head (L893);
the placement schedule with one person responsible per room, agreed with the head, its paper
copy due to the group head within 3 working days (L901, L907); the list of items that may be
kept on a desk, the storage rules and the visualisation rules (Appendix 21, L4385–4441)."""

import datetime
import re

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.deployment.models import private_storage
from standards.placement import rules
from standards.placement.choices import (
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    QUANTITY_MAX,
    RULES_MAX_LENGTH,
    ApprovalStatus,
    ScheduleStatus,
    SchemeKind,
)


def _scheme_path(instance, filename):
    return f"placement/{instance.agency_id}/{filename}"


class _Approval(models.Model):
    """The «УТВЕРЖДАЮ» of the head (L893): who approved, when, and whether an administrator
    recorded it on the head's behalf."""

    status = models.CharField(
        _("состояние"),
        max_length=16,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.PENDING,
    )
    approver = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("руководитель, утвердивший документ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто отметил утверждение"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_on = models.DateField(_("дата утверждения"), null=True, blank=True)
    on_behalf = models.BooleanField(_("утверждение отмечено администратором"), default=False)

    class Meta:
        abstract = True

    @property
    def is_approved(self) -> bool:
        return self.status == ApprovalStatus.APPROVED


class PlacementScheme(_Approval):
    """A drawing of a room (§6.2 L825–847, §6.3 L853–887): the map of its current state or the
    scheme of rational placement, uploaded as an image or a PDF of the sheet the team drew
    (the room's number at the top, the contour, the objects in the symbols of Appendix 18).
    Each upload is a new version; the versions before it are kept. A rational-placement scheme
    is approved by the head (L893); a room with a single workplace needs none (L909)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="placement_schemes",
    )
    room = models.ForeignKey(
        "agencies.Room",
        verbose_name=_("помещение"),
        on_delete=models.PROTECT,
        related_name="placement_schemes",
    )
    kind = models.CharField(_("вид"), max_length=16, choices=SchemeKind.choices)
    version = models.PositiveSmallIntegerField(_("версия"), validators=[MinValueValidator(1)])
    file = models.FileField(_("файл"), storage=private_storage, upload_to=_scheme_path)
    content_type = models.CharField(_("тип файла"), max_length=40)
    original_name = models.CharField(_("имя загруженного файла"), max_length=255, blank=True)
    note = models.CharField(_("пояснение"), max_length=NOTE_MAX_LENGTH, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто загрузил"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("загружено"), auto_now_add=True)

    class Meta:
        verbose_name = _("схема размещения предметов")
        verbose_name_plural = _("схемы размещения предметов")
        ordering = ["agency", "room__name", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "kind", "version"], name="placement_scheme_unique_version"
            )
        ]

    def __str__(self):
        return _("%(kind)s, %(room)s, версия %(version)s") % {
            "kind": self.get_kind_display(),
            "room": self.room,
            "version": self.version,
        }

    def get_absolute_url(self):
        return reverse("standards:placement-room", args=[self.room_id])

    @property
    def download_name(self) -> str:
        """The file's name for a person (and the same on every database): the kind, the room
        and the version, not the stored file's random name."""
        extension = self.file.name.rsplit(".", 1)[-1] if "." in self.file.name else "bin"
        room = re.sub(r"[^\w.-]+", "-", self.room.name).strip("-") or "room"
        return f"{self.kind}-{room}-v{self.version}.{extension}"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class PlacementSchedule(models.Model):
    """«График рационального размещения предметов в рабочем пространстве» (L901): prepared by
    the 5S team leader with the person responsible for each office, meeting room, archive…,
    agreed with the head; its paper copy goes to the group head within 3 working days of the
    agreement (L907)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="placement_schedules",
    )
    drawn_up_on = models.DateField(_("дата составления"))
    status = models.CharField(
        _("состояние"), max_length=16, choices=ScheduleStatus.choices, default=ScheduleStatus.DRAFT
    )
    approver = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("руководитель, согласовавший график"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто отметил согласование"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agreed_on = models.DateField(_("дата согласования"), null=True, blank=True)
    on_behalf = models.BooleanField(_("согласование отмечено администратором"), default=False)
    copy_sent_on = models.DateField(
        _("копия направлена руководителю рабочей группы"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто составил"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("график рационального размещения предметов")
        verbose_name_plural = _("графики рационального размещения предметов")
        ordering = ["agency", "-drawn_up_on", "-pk"]

    def __str__(self):
        return _("График рационального размещения от %(date)s") % {
            "date": self.drawn_up_on.strftime("%d.%m.%Y")
        }

    def get_absolute_url(self):
        return reverse("standards:placement-schedule", args=[self.pk])

    @property
    def is_agreed(self) -> bool:
        return self.status == ScheduleStatus.AGREED

    @property
    def copy_due(self) -> datetime.date | None:
        """The last day for the paper copy (L907), counted in working days."""
        return rules.copy_due(self.agreed_on) if self.agreed_on else None

    def copy_overdue(self, today: datetime.date) -> bool:
        return rules.copy_overdue(self.copy_due, self.copy_sent_on, today)


class PlacementScheduleRow(models.Model):
    """A room of the schedule with the one employee responsible for its rational placement
    (L901: «с указанием лиц, ответственных за рациональное размещение предметов в рабочих
    кабинетах, комнатах для совещаний, архивах») and the days of the placement."""

    schedule = models.ForeignKey(
        PlacementSchedule, verbose_name=_("график"), on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveSmallIntegerField(_("№ п/п"))
    room = models.ForeignKey(
        "agencies.Room", verbose_name=_("помещение"), on_delete=models.PROTECT, related_name="+"
    )
    responsible = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("ответственный за рациональное размещение"),
        on_delete=models.PROTECT,
        related_name="placement_rooms",
    )
    date_from = models.DateField(_("начало размещения"))
    date_to = models.DateField(_("окончание размещения"))

    class Meta:
        verbose_name = _("строка графика рационального размещения")
        verbose_name_plural = _("строки графика рационального размещения")
        ordering = ["schedule", "position"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "room"], name="placement_row_one_per_room"),
            models.UniqueConstraint(
                fields=["schedule", "position"], name="placement_row_unique_position"
            ),
            models.CheckConstraint(
                condition=models.Q(date_from__lte=models.F("date_to")),
                name="placement_row_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.room}"


class PlacementRules(_Approval):
    """The storage and visualisation system of an agency (§6.3 L883–893; Appendix 21 «Элементы
    системы хранения и визуализации», L4385–4441): 1) the list of items that may be kept on a
    desk (rows of `DeskItem`), 2) the rules of storing items in the workspace, 3) the rules of
    visualising their placement. Agreed by the leader with the head and approved by the head
    (L893); each edition is a new version, the earlier ones are kept."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="placement_rules",
    )
    version = models.PositiveSmallIntegerField(_("редакция №"), validators=[MinValueValidator(1)])
    storage_rules = models.TextField(
        _("правила хранения предметов в рабочем пространстве"), max_length=RULES_MAX_LENGTH
    )
    visual_rules = models.TextField(
        _("правила визуализации размещения предметов"), max_length=RULES_MAX_LENGTH
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто составил"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("составлено"), auto_now_add=True)

    class Meta:
        verbose_name = _("правила хранения и визуализации")
        verbose_name_plural = _("правила хранения и визуализации")
        ordering = ["agency", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "version"], name="placement_rules_unique_version"
            )
        ]

    def __str__(self):
        return _("Правила хранения и визуализации, редакция %(version)s") % {
            "version": self.version
        }

    def get_absolute_url(self):
        return reverse("standards:placement-rules", args=[self.pk])


class DeskItem(models.Model):
    """A row of «список предметов, которые могут храниться на рабочем месте» (Appendix 21,
    item 1, L4407: «с указанием названий, количества и мест хранения предметов»)."""

    rules = models.ForeignKey(
        PlacementRules,
        verbose_name=_("правила"),
        on_delete=models.CASCADE,
        related_name="desk_items",
    )
    position = models.PositiveSmallIntegerField(_("№ п/п"))
    name = models.CharField(_("наименование предмета"), max_length=NAME_MAX_LENGTH)
    quantity = models.PositiveIntegerField(
        _("количество"), validators=[MinValueValidator(1), MaxValueValidator(QUANTITY_MAX)]
    )
    place = models.CharField(_("место хранения"), max_length=PLACE_MAX_LENGTH)

    class Meta:
        verbose_name = _("предмет рабочего места")
        verbose_name_plural = _("список предметов рабочего места")
        ordering = ["rules", "position"]
        constraints = [
            models.UniqueConstraint(fields=["rules", "position"], name="desk_item_unique_position")
        ]

    def __str__(self):
        return f"{self.position}. {self.name}"
