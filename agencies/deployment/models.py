"""The deployment order (§4.4, Appendix 5) and the deployment plan (§4.8, Appendix 10).

Imported at the end of agencies/models.py, so the models belong to the agencies app. They refer
to the app's other models by name only: this module imports nothing else of agencies.
"""

import datetime

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.deployment import rules
from agencies.deployment.choices import (
    PLAN_YEAR_MAX,
    PLAN_YEAR_MIN,
    TEMPLATE_PATH,
    PlanSection,
    PlanStatus,
)
from core import i18n

# The template fixture relative to fixtures/, for core.i18n.shown_template_text.
TEMPLATE_FIXTURE = TEMPLATE_PATH.removeprefix("fixtures/")


class PrivateStorage(FileSystemStorage):
    """Scanned orders live outside MEDIA_ROOT (settings.PRIVATE_MEDIA_ROOT, like the audits'
    photos) and are served only through a permission-checked view."""

    @cached_property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        return None


private_storage = PrivateStorage()


def _scan_path(instance, filename):
    return f"deployment-orders/{instance.agency_id}/{filename}"


class PlanTemplateActivity(models.Model):
    """One row of the regulation's activity tables (§4.1 L303, §5.1 L617, §6.1 L775, step 3
    L951 as «7.1», §8.1 L1075, §9.1 L1345): the template a new plan starts from. Loaded from
    fixtures/deployment/plan_template.json by `load_deployment_template`."""

    section = models.CharField(_("раздел"), max_length=8, choices=PlanSection.choices)
    number = models.PositiveSmallIntegerField(_("№ п/п"))
    step = models.PositiveSmallIntegerField(_("шаг"), validators=[MaxValueValidator(5)])
    title = models.CharField(_("мероприятие"), max_length=500)
    # English (fixtures/deployment/plan_template.en.json, issue 17 item 10).
    title_en = models.CharField(_("мероприятие (англ.)"), max_length=500, blank=True)
    max_weeks = models.PositiveSmallIntegerField(_("максимум, недель"), null=True, blank=True)
    max_days = models.PositiveSmallIntegerField(_("максимум, дней"), null=True, blank=True)
    period_group = models.CharField(_("общий срок"), max_length=20, blank=True)
    executor = models.CharField(_("исполнитель"), max_length=500)
    note = models.TextField(_("как прочитана таблица"), blank=True)
    source_line = models.PositiveIntegerField(_("строка текста"), null=True, blank=True)

    class Meta:
        verbose_name = _("мероприятие шаблона плана развёртывания")
        verbose_name_plural = _("шаблон плана развёртывания")
        ordering = ["section", "number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="plan_template_unique_row")
        ]

    def __str__(self):
        return f"{self.section}.{self.number}. {self.shown_title}"

    @property
    def shown_title(self) -> str:
        """The activity a person reads: English in English mode where translated."""
        return i18n.shown_text(self.title, self.title_en)


class DeploymentOrder(models.Model):
    """The order on deploying the 5S system in an agency (§4.4, L421–L441; Appendix 5's form):
    issued by the head of an ОИВ ЯО, for a СППО by the curating deputy governor (L439)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="deployment_orders",
    )
    team = models.ForeignKey(
        "agencies.FiveSTeam",
        verbose_name=_("5S-команда"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deployment_orders",
    )
    number = models.CharField(_("номер приказа"), max_length=50)
    date = models.DateField(_("дата приказа"))
    issuer = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("издал"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deployment_start = models.DateField(_("дата начала развёртывания"), null=True, blank=True)
    personal_control = models.TextField(
        _("сроки и формы личного контроля руководителя"), blank=True
    )
    team_regulation = models.TextField(_("положение о 5S-команде"), blank=True)
    diagnosis_start = models.DateField(_("диагностика: начало"), null=True, blank=True)
    diagnosis_end = models.DateField(_("диагностика: окончание"), null=True, blank=True)
    diagnosis_responsible = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("ответственный за диагностику"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    indicators_start = models.DateField(_("система показателей: начало"), null=True, blank=True)
    indicators_end = models.DateField(_("система показателей: окончание"), null=True, blank=True)
    indicators_responsible = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("ответственный за систему показателей"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    plan_approval_due = models.DateField(_("срок утверждения плана развёртывания"))
    plan_developer = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("ответственный за разработку плана (лидер 5S-команды)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    camera_procedure = models.TextField(_("порядок предоставления фотоаппаратуры"), blank=True)
    board_responsible = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("ответственный за информационный стенд"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    preparation_activities = models.TextField(_("мероприятия по подготовке"), blank=True)
    scan = models.FileField(
        _("скан приказа"), storage=private_storage, upload_to=_scan_path, blank=True
    )
    copy_sent_on = models.DateField(
        _("копия направлена руководителю рабочей группы"), null=True, blank=True
    )
    team_approved_on = models.DateField(_("состав 5S-команды утверждён"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("приказ о развёртывании системы 5S")
        verbose_name_plural = _("приказы о развёртывании системы 5S")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number", "date"], name="deployment_order_unique_number"
            )
        ]

    def __str__(self):
        return f"№ {self.number} от {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("agencies:deployment-order", args=[self.pk])

    @property
    def copy_due(self) -> datetime.date:
        return rules.order_copy_due(self.date)

    def copy_overdue(self, today: datetime.date) -> bool:
        return rules.is_overdue(self.copy_due, self.copy_sent_on, today)

    @property
    def plan_approval_deadline(self) -> datetime.date:
        return rules.plan_approval_deadline(self.date)

    @property
    def team_reapproval_due(self) -> datetime.date:
        return rules.team_reapproval_due(self.team_approved_on or self.date)

    def team_reapproval_overdue(self, today: datetime.date) -> bool:
        return today > self.team_reapproval_due


class DeploymentPlan(models.Model):
    """The deployment plan of an agency for a plan year (§4.8, L549–L559; Appendix 10,
    L3573–L3650): its activities per step with their periods, approved by the head of an ОИВ ЯО
    or, for a СППО, by the curating deputy governor (L555).

    A joint team of several СППО of one curator (§4.3, L411, L413) has one plan per year for all
    of them (Appendix 10, L3637: the plan «касается … нескольких СППО»): `agency` is the СППО
    whose team made it, `team` the joint team; every СППО of the team reads and edits it
    (permissions.plan_scope, services.plan_create)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="deployment_plans",
    )
    team = models.ForeignKey(
        "agencies.FiveSTeam",
        verbose_name=_("5S-команда"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deployment_plans",
    )
    year = models.PositiveSmallIntegerField(
        _("год плана"),
        validators=[MinValueValidator(PLAN_YEAR_MIN), MaxValueValidator(PLAN_YEAR_MAX)],
    )
    # Appendix 10, L3626: «Период реализации плана - 1 год» — twelve months from this day.
    starts_on = models.DateField(_("начало периода плана"))
    status = models.CharField(
        _("состояние"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    order = models.ForeignKey(
        DeploymentOrder,
        verbose_name=_("приказ о развёртывании"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
    )
    approved_on = models.DateField(_("дата утверждения"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("утвердил (учётная запись)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The head or curating deputy governor; an administrator approves on their behalf.
    approver = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("утверждающий"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    on_behalf = models.BooleanField(_("утверждён администратором от имени"), default=False)
    approval_late = models.BooleanField(_("утверждён позднее месяца с даты приказа"), default=False)
    copies_sent_on = models.DateField(
        _("копии направлены руководителю рабочей группы"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("план развёртывания системы 5S")
        verbose_name_plural = _("планы развёртывания системы 5S")
        ordering = ["-year", "agency__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="deployment_plan_one_per_year")
        ]

    def __str__(self):
        return f"{self.agency} — {self.year}"

    def get_absolute_url(self):
        return reverse("agencies:deployment-plan", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return self.status == PlanStatus.APPROVED

    @property
    def joint_agencies(self) -> list:
        """The СППО of the plan's joint team (§4.3, L411), or [] when the team is one agency's
        (uses the prefetched `team__agencies` when there is one)."""
        if self.team is None:
            return []
        agencies = sorted(self.team.agencies.all(), key=lambda agency: agency.short_name)
        return agencies if len(agencies) > 1 else []

    @property
    def copies_due(self) -> datetime.date | None:
        return rules.plan_copies_due(self.approved_on) if self.approved_on else None

    def copies_overdue(self, today: datetime.date) -> bool:
        return rules.is_overdue(self.copies_due, self.copies_sent_on, today)


class PlanActivity(models.Model):
    """One activity of a deployment plan (Appendix 10's row): the step, the activity, its
    executor and responsible person (L3640–L3642), planned and actual dates; its maximum is
    copied from the template when the plan is made."""

    plan = models.ForeignKey(DeploymentPlan, on_delete=models.CASCADE, related_name="activities")
    section = models.CharField(_("раздел"), max_length=8, choices=PlanSection.choices)
    number = models.PositiveSmallIntegerField(_("№ п/п"))
    step = models.PositiveSmallIntegerField(_("шаг"), validators=[MaxValueValidator(5)])
    title = models.CharField(_("мероприятие"), max_length=500)
    max_weeks = models.PositiveSmallIntegerField(_("максимум, недель"), null=True, blank=True)
    max_days = models.PositiveSmallIntegerField(_("максимум, дней"), null=True, blank=True)
    period_group = models.CharField(_("общий срок"), max_length=20, blank=True)
    executor = models.CharField(_("исполнитель"), max_length=500, blank=True)
    responsible = models.CharField(_("ответственный"), max_length=300, blank=True)
    planned_start = models.DateField(_("плановое начало"), null=True, blank=True)
    planned_end = models.DateField(_("плановое окончание"), null=True, blank=True)
    actual_start = models.DateField(_("фактическое начало"), null=True, blank=True)
    actual_end = models.DateField(_("фактическое окончание"), null=True, blank=True)

    class Meta:
        verbose_name = _("мероприятие плана развёртывания")
        verbose_name_plural = _("мероприятия плана развёртывания")
        ordering = ["plan", "section", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "section", "number"], name="plan_activity_unique_row"
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        # The Russian title: the label goes into the rules' messages, which the API returns.
        return f"{self.section}.{self.number} «{self.title}»"

    @property
    def shown_title(self) -> str:
        """The activity a person reads: the template's text (copied into the plan) in English
        in English mode (plan_template.en.json); the Russian otherwise."""
        return i18n.shown_template_text(TEMPLATE_FIXTURE, self.title)

    def as_dates(self) -> rules.ActivityDates:
        return rules.ActivityDates(
            key=self.pk,
            label=self.label,
            max_weeks=self.max_weeks,
            max_days=self.max_days,
            period_group=self.period_group,
            start=self.planned_start,
            end=self.planned_end,
        )

    @property
    def exceeds_maximum(self) -> bool:
        return rules.exceeds_maximum(self.as_dates())

    @property
    def length_days(self) -> int | None:
        if self.planned_start is None or self.planned_end is None:
            return None
        return rules.length_days(self.planned_start, self.planned_end)

    @property
    def maximum_days(self) -> int | None:
        return rules.max_length_days(self.max_weeks, self.max_days)

    @property
    def is_done(self) -> bool:
        return self.actual_end is not None
