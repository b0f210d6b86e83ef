"""The indicator sheet (§4.7 of the Methodological recommendations, seed 003 L505–551; the form
of Appendix 8, L3407–3525): an agency's measurement on a date by its expert group.

Imported at the end of `agencies/models.py`, so Django registers these models with the
`agencies` app."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.indicators.choices import (
    COST_MAX,
    NAME_MAX_LENGTH,
    SECONDS_MAX,
    TIMED_SECTIONS,
    Section,
    SheetStatus,
)


class IndicatorSheet(models.Model):
    """Appendix 8 «Примерный лист показателей» (L3419–3509) of one ОИВ ЯО or СППО on a date
    (in a joint team each СППО has its own, L549), with the technology of measurement the
    leader approves (L513–529). The agency's first sheet is its initial state (L557)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="indicator_sheets",
    )
    date = models.DateField(_("дата измерения"))
    status = models.CharField(
        _("состояние"), max_length=16, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    # Kept by the services: the agency's earliest sheet (L557 «лист показателей
    # первоначального состояния»).
    is_initial = models.BooleanField(_("первоначальное состояние"), default=False, editable=False)
    # Kept by the services: the agency's latest sheet (the trends and the region's view compare
    # it with the initial one in the database).
    is_latest = models.BooleanField(_("последнее измерение"), default=False, editable=False)
    # Kept by the services on the latest sheet (selectors.agency_trends): the change against
    # the initial state in %, so the region's view reads one row per agency.
    time_change = models.DecimalField(
        _("изменение времени, %"), max_digits=8, decimal_places=1, null=True, editable=False
    )
    cost_change = models.DecimalField(
        _("изменение затрат, %"), max_digits=8, decimal_places=1, null=True, editable=False
    )
    experts = models.ManyToManyField(
        "agencies.Person",
        verbose_name=_("экспертная группа"),
        related_name="indicator_sheets",
        blank=True,
    )
    # L515–529: the technology of measurement.
    responsible = models.CharField(_("ответственный за сбор данных"), max_length=300, blank=True)
    reports_to = models.CharField(
        _("кому докладывать о результатах сбора данных"), max_length=300, blank=True
    )
    participants = models.CharField(_("кто участвует в сборе данных"), max_length=500, blank=True)
    frequency = models.CharField(
        _("как часто и в какое время проходит измерение"), max_length=300, blank=True
    )
    analyst = models.CharField(_("кто анализирует информацию"), max_length=300, blank=True)
    visualisation = models.CharField(
        _("способ визуализации и место отображения значений"), max_length=500, blank=True
    )
    # L511: the team may propose its own sheet to the working group's head.
    own_form = models.BooleanField(
        _("собственный лист показателей (предложение руководителю рабочей группы)"), default=False
    )
    approved_on = models.DateField(_("дата утверждения"), null=True, blank=True)
    approver = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("утвердил (лидер 5S-команды)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("утверждено пользователем"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("внесено пользователем"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("внесено"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("лист показателей")
        verbose_name_plural = _("листы показателей")
        ordering = ["agency", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "date"], name="indicator_sheet_one_per_date")
        ]

    def __str__(self):
        return f"{self.agency} — {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("agencies:indicator-sheet", args=[self.pk])

    @property
    def is_approved(self):
        return self.status == SheetStatus.APPROVED


class Indicator(models.Model):
    """One row of Appendix 8 (L3449–3495): a paper or electronic document type, a repeated
    operation (times in seconds: max / average / min of the observations, L3523), or a kind of
    material object (costs in thousands of roubles for the previous month, quarter and year,
    L3523, L547). `own` marks an indicator the team added (L507, examples of Appendix 9). The
    max / average / min are kept from the observations by the services, so lists and trends
    read them without reading every observation."""

    sheet = models.ForeignKey(
        IndicatorSheet,
        verbose_name=_("лист показателей"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    position = models.PositiveSmallIntegerField(_("№ п/п"))
    section = models.CharField(_("группа показателей"), max_length=16, choices=Section.choices)
    name = models.CharField(_("показатель"), max_length=NAME_MAX_LENGTH)
    own = models.BooleanField(_("собственный показатель 5S-команды"), default=False)
    max_seconds = models.DecimalField(
        _("максимум, с"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    avg_seconds = models.DecimalField(
        _("среднее, с"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    min_seconds = models.DecimalField(
        _("минимум, с"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    observation_count = models.PositiveIntegerField(_("число наблюдений"), default=0)
    cost_month = models.DecimalField(
        _("затраты за месяц, тыс. руб."),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(COST_MAX)],
    )
    cost_quarter = models.DecimalField(
        _("затраты за квартал, тыс. руб."),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(COST_MAX)],
    )
    cost_year = models.DecimalField(
        _("затраты за год, тыс. руб."),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(COST_MAX)],
    )

    class Meta:
        verbose_name = _("показатель")
        verbose_name_plural = _("показатели")
        ordering = ["sheet", "position"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "position"], name="indicator_unique_position"),
            models.UniqueConstraint(
                fields=["sheet", "section", "name"], name="indicator_unique_name_per_section"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_timed(self):
        return self.section in TIMED_SECTIONS


class Observation(models.Model):
    """One timing (L539–545): an expert's search for a document type, timed by the team, or an
    employee's own report of a repeated operation; seconds with at most two decimals. Kept as
    recorded: the sheet's max / average / min are computed from them."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("показатель"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    person = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("сотрудник"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicator_observations",
    )
    seconds = models.DecimalField(
        _("время, с"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(SECONDS_MAX)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("внесено пользователем"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("внесено"), auto_now_add=True)

    class Meta:
        verbose_name = _("наблюдение")
        verbose_name_plural = _("наблюдения")
        ordering = ["indicator", "pk"]

    def __str__(self):
        return f"{self.indicator_id}: {self.seconds}"
