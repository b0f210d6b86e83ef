import json

from django.conf import settings
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE
from reports.choices import DocumentFormat, DocumentKind, DocumentStatus, PublicationKind
from reports.periods import month_label
from reports.storage import report_storage

CONTENT_TYPES = {DocumentFormat.PDF: PDF_CONTENT_TYPE, DocumentFormat.XLSX: XLSX_CONTENT_TYPE}


def params_key(params: dict) -> str:
    """The normalised parameters: the same request always gives the same key, so ordering a
    document twice finds the first one instead of making a second."""
    return json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _document_path(instance, filename):
    return f"documents/{instance.kind}/{filename}"


def _publication_path(instance, filename):
    return f"publications/{instance.kind}/{filename}"


class GeneratedDocument(models.Model):
    """A generated copy of Appendix 12 (the final score sheet of one audit) or Appendix 13 (the
    summary report as of a month), as PDF or XLSX, produced by a Celery task (reports.tasks).

    One row per kind, format and parameters: ordering again re-renders the same row, so a task
    run twice leaves one document. `audit` and `month` repeat the parameters as columns so that
    lists can be scoped to the user in the query."""

    kind = models.CharField(_("вид документа"), max_length=16, choices=DocumentKind.choices)
    format = models.CharField(_("формат"), max_length=8, choices=DocumentFormat.choices)
    params = models.JSONField(_("параметры"), default=dict)
    params_key = models.CharField(_("ключ параметров"), max_length=200, editable=False)
    audit = models.ForeignKey(
        "audits.Audit",
        verbose_name=_("внешний аудит"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    month = models.DateField(_("отчётный месяц"), null=True, blank=True)
    status = models.CharField(
        _("состояние"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("готовность, %"), default=0)
    error = models.TextField(_("ошибка"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("попыток"), default=0)
    file = models.FileField(_("файл"), storage=report_storage, upload_to=_document_path, blank=True)
    file_name = models.CharField(_("имя файла"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("размер, байт"), null=True, blank=True)
    checksum = models.CharField(_("контрольная сумма SHA-256"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("заказал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("заказан"), auto_now_add=True)
    started_at = models.DateTimeField(_("начато"), null=True, blank=True)
    finished_at = models.DateTimeField(_("завершено"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["progress"])

    class Meta:
        verbose_name = _("сформированный документ")
        verbose_name_plural = _("сформированные документы")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "format", "params_key"], name="unique_generated_document"
            )
        ]
        indexes = [models.Index(fields=["kind", "month"])]

    def __str__(self):
        return f"{self.title} ({self.get_format_display()})"

    def save(self, *args, **kwargs):
        self.params_key = params_key(self.params)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reports:document", args=[self.pk])

    @property
    def title(self):
        """What a person reads (issue 17, item 7): the appendix, the agency and the audit's date
        or the month — never an internal number. Lists select `audit__agency`."""
        if self.kind == DocumentKind.FINAL_SHEET and self.audit_id:
            return _("%(kind)s: %(agency)s, аудит %(date)s") % {
                "kind": self.get_kind_display(),
                "agency": self.audit.agency.short_name,
                "date": self.audit.date.strftime("%d.%m.%Y"),
            }
        if self.kind == DocumentKind.SUMMARY and self.month:
            russian = (get_language() or "ru").startswith("ru")
            return _("%(kind)s за %(month)s") % {
                "kind": self.get_kind_display(),
                # «март 2026» (reports.periods), «March 2026»
                "month": month_label(self.month) if russian else date_format(self.month, "F Y"),
            }
        return str(self.get_kind_display())

    @property
    def size_label(self):
        """«21,6 КБ», «1,2 МБ» — in the page's language; the API keeps `size` in bytes."""
        return filesizeformat(self.size) if self.size is not None else ""

    def describe_params(self):
        if self.kind == DocumentKind.SUMMARY and self.month:
            return self.month.strftime("%m.%Y")
        if self.audit_id:
            return _("аудит № %(id)s") % {"id": self.audit_id}
        return ""

    @property
    def is_ready(self):
        return self.status == DocumentStatus.DONE and bool(self.file)

    @property
    def is_pending(self):
        return self.status in (DocumentStatus.QUEUED, DocumentStatus.RUNNING)

    @property
    def content_type(self):
        return CONTENT_TYPES[self.format]


class Publication(models.Model):
    """An entry of the «ДИАрама» knowledge base (§4.10): a signed final sheet, a monthly
    summary report, a photo report (§4.6) or an approved 5S standard. An entry carries a
    generated document, an uploaded file or a link to the portal page holding it.

    (kind, source_key) is unique, so publishing the same thing twice updates one entry."""

    kind = models.CharField(_("раздел"), max_length=16, choices=PublicationKind.choices)
    source_key = models.CharField(_("источник"), max_length=100)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
    )
    period = models.DateField(_("период"))
    title = models.CharField(_("наименование"), max_length=300)
    document = models.ForeignKey(
        GeneratedDocument,
        verbose_name=_("документ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
    )
    file = models.FileField(
        _("файл"), storage=report_storage, upload_to=_publication_path, blank=True
    )
    url = models.CharField(_("ссылка на страницу портала"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("размещено"), auto_now_add=True)
    updated_at = models.DateTimeField(_("обновлено"), auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("разместил"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("публикация в базе знаний «ДИАрама»")
        verbose_name_plural = _("база знаний «ДИАрама»")
        ordering = ["-period", "kind", "title", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "source_key"], name="unique_publication")
        ]
        indexes = [
            models.Index(fields=["kind", "period"]),
            models.Index(fields=["agency", "period"]),
        ]

    def __str__(self):
        return self.title

    def get_download_url(self):
        if self.document_id or self.file:
            return reverse("reports:publication-download", args=[self.pk])
        return self.url
