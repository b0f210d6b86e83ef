"""Improvement proposals (§9.1 item 3, seed 003 L1429–1447; Appendix 36 «Схема процесса
совершенствования»): any employee brings a problem and a proposal (L1435), the 5S team takes it
through the five actions of L1437–1445, with who does each and by when.

Imported at the end of `agencies/models.py`, so Django registers these models with the
`agencies` app."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.proposals.choices import FIVE_WHYS, OutcomeKind, ProposalState, Stage


class Proposal(models.Model):
    """A proposal for improvement (L1435: «Информация о проблеме может поступить как от
    руководителя …, так и от любого другого сотрудника»): what is proposed, where, and the
    problem it solves; then the team's analysis, options, decision and what it became."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    author = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("автор"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("внесено пользователем"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_on = models.DateField(_("дата подачи"))
    what = models.TextField(_("что предлагается"), max_length=2000)
    where = models.CharField(_("где (помещение, часть рабочего пространства)"), max_length=300)
    problem = models.TextField(_("какую проблему решает"), max_length=2000)
    stage = models.CharField(
        _("этап"), max_length=16, choices=Stage.choices, default=Stage.IDENTIFY
    )
    state = models.CharField(
        _("состояние"),
        max_length=16,
        choices=ProposalState.choices,
        default=ProposalState.OPEN,
    )
    # L1403: the root cause the «5 почему» leads to.
    root_cause = models.TextField(_("первопричина"), max_length=2000, blank=True)
    options = models.TextField(_("возможные варианты решения"), max_length=4000, blank=True)
    decision = models.TextField(
        _("выбранное решение и план его выполнения"), max_length=4000, blank=True
    )
    accepted = models.BooleanField(_("предложение принято"), null=True, blank=True)
    outcome_kind = models.CharField(
        _("стало"), max_length=32, choices=OutcomeKind.choices, blank=True
    )
    outcome_reference = models.CharField(
        _("ссылка на документ (номер, пункт)"), max_length=300, blank=True
    )
    # The record the proposal became, when its app registered the kind
    # (agencies.proposals.outcomes): a generic reference, since agencies imports no domain app.
    outcome_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("вид записи"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome_id = models.PositiveBigIntegerField(_("№ записи"), null=True, blank=True)
    outcome = GenericForeignKey("outcome_type", "outcome_id")
    closed_on = models.DateField(_("дата завершения"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("предложение по улучшению")
        verbose_name_plural = _("предложения по улучшению")
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["agency", "state", "stage"])]

    def __str__(self):
        return _("Предложение № %(number)s") % {"number": self.pk}

    def get_absolute_url(self):
        return reverse("agencies:proposal-detail", args=[self.pk])

    @property
    def is_open(self):
        return self.state == ProposalState.OPEN


class ProposalStep(models.Model):
    """Who does one stage of a proposal and by when (L1437–1445), and when it was done."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(_("этап"), max_length=16, choices=Stage.choices)
    responsible = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("ответственный"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal_steps",
    )
    due_on = models.DateField(_("срок"), null=True, blank=True)
    done_on = models.DateField(_("выполнено"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("отметил"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("этап предложения")
        verbose_name_plural = _("этапы предложения")
        ordering = ["proposal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "stage"], name="proposal_step_once")
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.get_stage_display()}"


class FiveWhy(models.Model):
    """One line of the «5 почему» record of a proposal's analysis (L1403): the question asked
    and its answer; each next question follows from the previous answer."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="whys")
    position = models.PositiveSmallIntegerField(
        _("№"), validators=[MinValueValidator(1), MaxValueValidator(FIVE_WHYS)]
    )
    question = models.CharField(_("почему?"), max_length=500)
    answer = models.CharField(_("потому что"), max_length=500)

    class Meta:
        verbose_name = _("«почему?»")
        verbose_name_plural = _("«5 почему»")
        ordering = ["proposal", "position"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "position"], name="five_why_position")
        ]

    def __str__(self):
        return self.question
