"""Step closure (§4.6, L501; §5.5, §6.5, §7.4, §8.4): the 5S team's diagnosis after a step closes
it, and the document the leader signs and sends: the list of problem questions and proposals
(steps 1–3) or the list of 5S standards of Appendix 29 with their electronic copies (step 4).

Imported at the end of audits/models.py, so the models belong to the `audits` app."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from audits.closure.choices import (
    LAST_STEP,
    STEP_DOCUMENTS,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    DocumentKind,
    Recipient,
)
from audits.models import private_storage


class StepClosure(models.Model):
    """A closed step of an agency's deployment: the diagnosis that closed it (§4.6: internal audit
    of every room and the photo report) and the signed document with its date. A closure
    `recorded` from the agency's former typed «пройдено шагов» has no diagnosis or document."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="step_closures",
    )
    step = models.PositiveSmallIntegerField(
        _("шаг"), validators=[MinValueValidator(1), MaxValueValidator(LAST_STEP)]
    )
    closed_on = models.DateField(_("дата завершения шага"), null=True, blank=True)
    internal_audit = models.ForeignKey(
        "audits.InternalAudit",
        verbose_name=_("внутренний аудит (диагностика)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="step_closures",
    )
    rooms_diagnosed = models.PositiveIntegerField(_("помещений осмотрено"), default=0)
    photos = models.PositiveIntegerField(_("фотоснимков в фотоотчёте"), default=0)
    leader = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("лидер 5S-команды (подписал)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    document_kind = models.CharField(
        _("документ"), max_length=16, choices=DocumentKind.choices, blank=True
    )
    recipient = models.CharField(
        _("направляется"), max_length=32, choices=Recipient.choices, blank=True
    )
    recipient_name = models.CharField(_("получатель (Ф.И.О.)"), max_length=200, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("внёс"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    on_behalf = models.BooleanField(_("внесено администратором за лидера"), default=False)
    # Recorded by the data migration from the typed value: nothing to diagnose or send.
    recorded = models.BooleanField(
        _("перенесено из прежнего значения «пройдено шагов»"), default=False
    )
    created_at = models.DateTimeField(_("внесено"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("завершение шага")
        verbose_name_plural = _("завершение шагов")
        ordering = ["agency", "step"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "step"], name="step_closure_once_per_step")
        ]

    def __str__(self):
        return _("%(agency)s: шаг %(step)s завершён") % {
            "agency": self.agency.short_name,
            "step": self.step,
        }

    def get_absolute_url(self):
        return reverse("audits:closure-detail", args=[self.pk])

    @property
    def has_document(self):
        return bool(self.document_kind) and not self.recorded

    @staticmethod
    def document_of(step):
        return STEP_DOCUMENTS[step]


class ClosureProblem(models.Model):
    """One row of the list of problem questions and proposals after step 1, 2 or 3 (L765, L945,
    L1065), including the cases where no unanimous decision was reached."""

    closure = models.ForeignKey(StepClosure, on_delete=models.CASCADE, related_name="problems")
    number = models.PositiveSmallIntegerField(_("№ п/п"))
    problem = models.TextField(_("проблемный вопрос"), max_length=TEXT_MAX_LENGTH)
    proposal = models.TextField(_("предложение"), max_length=TEXT_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("проблемный вопрос")
        verbose_name_plural = _("проблемные вопросы и предложения")
        ordering = ["closure", "number"]

    def __str__(self):
        return f"{self.number}. {self.problem[:60]}"


def _standard_path(instance, filename):
    return f"closure/{instance.closure.agency_id}/{filename}"


class ClosureStandard(models.Model):
    """One row of Appendix 29 «Перечень 5S-стандартов» (L4989) with the standard's electronic
    copy (L1341): name, purpose, problems met while developing it."""

    closure = models.ForeignKey(StepClosure, on_delete=models.CASCADE, related_name="standards")
    number = models.PositiveSmallIntegerField(_("№ п/п"))
    name = models.CharField(_("наименование 5S-стандарта"), max_length=TITLE_MAX_LENGTH)
    purpose = models.TextField(_("назначение 5S-стандарта"), max_length=TEXT_MAX_LENGTH)
    problems = models.TextField(
        _("проблемы при разработке"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    copy = models.FileField(
        _("электронная копия 5S-стандарта"),
        upload_to=_standard_path,
        storage=private_storage,
    )
    copy_name = models.CharField(_("имя файла"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("5S-стандарт перечня")
        verbose_name_plural = _("перечень 5S-стандартов")
        ordering = ["closure", "number"]

    def __str__(self):
        return f"{self.number}. {self.name}"
