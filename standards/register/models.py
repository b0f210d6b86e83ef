"""The register of 5S standards (§8.2, seed 003 L1119–1257; Appendix 29 «Перечень
5S-стандартов», L4983–5015) and the daily 5S checklist (Appendix 26, L1183–1189, L4749–4803).

Imported by `standards.models`, the app's models module."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import i18n
from standards.register import rules
from standards.register.choices import (
    CHECKLIST_MAX_MINUTES,
    ChecklistStatus,
    FiveSStage,
    StandardStatus,
    VersionStatus,
)


class StandardKind(models.Model):
    """One of the eight 5S standards every agency must have (§8.2, L1161–1253), in the
    regulation's order with its title. Reference data: fixtures/standards/mandatory_standards.json,
    loaded by `load_reference_data`."""

    code = models.SlugField(_("код"), max_length=40, unique=True)
    title = models.CharField(_("наименование по Методическим рекомендациям"), max_length=300)
    # English (fixtures/standards/mandatory_standards.en.json, issue 17 item 10).
    title_en = models.CharField(_("наименование (англ.)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("порядок"), unique=True)
    source_line = models.PositiveIntegerField(_("строка распоряжения"), default=0)

    class Meta:
        verbose_name = _("обязательный 5S-стандарт")
        verbose_name_plural = _("обязательные 5S-стандарты")
        ordering = ["order"]

    def __str__(self):
        return self.shown_title

    @property
    def shown_title(self) -> str:
        """The title a person reads: English in English mode where translated."""
        return i18n.shown_text(self.title, self.title_en)


class Standard(models.Model):
    """A row of the register of 5S standards of an agency (Appendix 29: «Наименование
    5S-стандарта», «Назначение 5S-стандарта», «Проблемы при разработке»). Its text lives in
    versions; the latest approved version is the one in force, reviewed at least yearly (L1145).

    `approved_on` and `review_due` copy the approved version's dates so that lists filter by them
    in the query."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="standards",
    )
    kind = models.ForeignKey(
        StandardKind,
        verbose_name=_("обязательный стандарт"),
        to_field="code",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standards",
    )
    title = models.CharField(_("наименование 5S-стандарта"), max_length=300)
    purpose = models.TextField(_("назначение 5S-стандарта"), blank=True)
    problems = models.TextField(_("проблемы при разработке"), blank=True)
    status = models.CharField(
        _("состояние"), max_length=16, choices=StandardStatus.choices, default=StandardStatus.DRAFT
    )
    approved_version = models.ForeignKey(
        "StandardVersion",
        verbose_name=_("действующая редакция"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_on = models.DateField(_("утверждён"), null=True, blank=True)
    review_due = models.DateField(_("пересмотреть не позднее"), null=True, blank=True)
    origin = models.ForeignKey(
        "StandardVersion",
        verbose_name=_("заимствован из"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
    )
    # Kept as text too: the origin is named even if its agency later replaces that version.
    origin_label = models.CharField(_("источник"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("создал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    class Meta:
        verbose_name = _("5S-стандарт")
        verbose_name_plural = _("5S-стандарты")
        ordering = ["agency__short_name", "kind__order", "title", "pk"]
        constraints = [
            # One register entry per mandatory kind and agency; revisions are its versions.
            models.UniqueConstraint(
                fields=["agency", "kind"],
                condition=Q(kind__isnull=False),
                name="standard_one_per_kind",
            )
        ]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["review_due"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("standards:standard-detail", args=[self.pk])

    def review_state(self, today):
        return rules.review_state(self.review_due, today)

    def is_review_overdue(self, today):
        return rules.is_review_overdue(self.review_due, today)


class StandardVersion(models.Model):
    """A version (редакция) of a 5S standard: its text, rich with pictures as attachments
    (L1141), with the leader's agreement and the head's approval (L1139)."""

    standard = models.ForeignKey(
        Standard, verbose_name=_("5S-стандарт"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("редакция №"))
    text = models.TextField(_("текст"), blank=True)
    change_note = models.CharField(_("что изменено"), max_length=500, blank=True)
    status = models.CharField(
        _("состояние"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    agreed_by = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("согласовал (лидер 5S-команды)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    agreed_on = models.DateField(_("дата согласования"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("утвердил (руководитель)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_on = models.DateField(_("дата утверждения"), null=True, blank=True)
    # An administrator acting on behalf of the leader or the head (API.md «Who may act»).
    signed_on_behalf_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("от имени подписал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("создал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)

    class Meta:
        verbose_name = _("редакция 5S-стандарта")
        verbose_name_plural = _("редакции 5S-стандартов")
        ordering = ["standard", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "number"], name="standard_version_number")
        ]

    def __str__(self):
        return f"{self.standard} ({_('редакция')} {self.number})"

    def get_absolute_url(self):
        return reverse("standards:version-detail", args=[self.pk])


def _attachment_path(instance, filename):
    return f"standards/{instance.version.standard.agency_id}/{filename}"


class StandardAttachment(models.Model):
    """A picture, scheme or file of a standard's version (L1141: «визуализации правил … в виде
    рисунков, схем, пиктограмм»)."""

    version = models.ForeignKey(
        StandardVersion,
        verbose_name=_("редакция"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("файл"), upload_to=_attachment_path)
    caption = models.CharField(_("подпись"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("приложение к 5S-стандарту")
        verbose_name_plural = _("приложения к 5S-стандартам")
        ordering = ["version", "pk"]

    def __str__(self):
        return self.caption or self.file.name

    @property
    def is_image(self):
        return self.file.name.lower().rsplit(".", 1)[-1] in {"png", "jpg", "jpeg", "gif", "webp"}


class DailyChecklist(models.Model):
    """The daily 5S checklist of an agency (Appendix 26 «Контрольный лист для ежедневного
    применения 5S (5S-пятиминутки)»; L1187–1189): one standard form per agency, at most 10
    items, the daily time of use and a duration of at most 5 minutes. Each form posted is a new
    version; the latest approved one is current."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="daily_checklists",
    )
    version = models.PositiveSmallIntegerField(_("редакция №"))
    time_of_use = models.TimeField(_("время ежедневного применения"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("продолжительность, минут"),
        default=CHECKLIST_MAX_MINUTES,
        validators=[MinValueValidator(1), MaxValueValidator(CHECKLIST_MAX_MINUTES)],
    )
    status = models.CharField(
        _("состояние"),
        max_length=16,
        choices=ChecklistStatus.choices,
        default=ChecklistStatus.DRAFT,
    )
    approved_by = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("утвердил (руководитель)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_on = models.DateField(_("дата утверждения"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("создал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    class Meta:
        verbose_name = _("контрольный лист ежедневного применения 5S")
        verbose_name_plural = _("контрольные листы ежедневного применения 5S")
        ordering = ["agency__short_name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "version"], name="daily_checklist_version")
        ]

    def __str__(self):
        return f"{self.agency} — {_('контрольный лист')} {self.version}"

    def get_absolute_url(self):
        return reverse("standards:checklist-detail", args=[self.pk])


class DailyChecklistItem(models.Model):
    """A line of the daily checklist: «Этап 5 S» and «Порядок действий» (Appendix 26)."""

    checklist = models.ForeignKey(
        DailyChecklist,
        verbose_name=_("контрольный лист"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    order = models.PositiveSmallIntegerField(_("№ п/п"))
    stage = models.CharField(_("этап 5S"), max_length=16, choices=FiveSStage.choices, blank=True)
    text = models.CharField(_("порядок действий"), max_length=500)

    class Meta:
        verbose_name = _("пункт контрольного листа")
        verbose_name_plural = _("пункты контрольного листа")
        ordering = ["checklist", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["checklist", "order"], name="daily_checklist_item_order"
            )
        ]

    def __str__(self):
        return self.text

    @property
    def shown_text(self) -> str:
        """The item as a person reads it: an item left as Appendix 26 has it reads in English
        in English mode (fixtures/standards/daily_checklist.en.json); one the agency wrote or
        changed reads as typed."""
        return i18n.shown_template_text("standards/daily_checklist.json", self.text)
