"""Timing studies of workplaces before and after an improvement, with their piece-rate cards.

They implement the manual «"Гемба кайдзен" глазами нормировщика» (Ярославль, 2017): the shift's
components and available time, formula (2) for the norm, Kвц and Kинт, growth (8)–(11) and the
piece rate P = n × Cчас × Kст. The arithmetic is in productivity.calc; the figures stored here
are computed by productivity.services when a measurement is recorded, so lists and the results
page read them without recomputing.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import validate_past_date
from productivity import bounds
from productivity.bounds import model_validators
from productivity.choices import (
    DEFAULT_KVC_BASE,
    DEFAULT_SHIFT_H,
    DEFAULT_WORKER_SHARE,
    DEFAULT_YIELD,
    KstFactor,
    KstMode,
    Phase,
)


def _decimal(verbose_name, digits=12, places=4, **kwargs):
    return models.DecimalField(verbose_name, max_digits=digits, decimal_places=places, **kwargs)


class Workplace(models.Model):
    """A workplace of an agency and its piece-rate settings (manual, «Адаптация к БП оплаты
    труда»: Cрм = Cчас × Kст, with the base Kвц the enterprise chose, the worker's share of the
    saving, the table or the formula, and Kвц or Kинт as the load factor)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="workplaces",
    )
    name = models.CharField(_("рабочее место"), max_length=300)
    workers_per_workplace = models.PositiveSmallIntegerField(
        _("число рабочих на рабочем месте (Чр рм)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(bounds.WORKERS_PER_WORKPLACE_MAX)],
    )
    hourly_rate = _decimal(
        _("часовая ставка Cчас, руб."), 10, 2, validators=model_validators(bounds.HOURLY_RATE)
    )
    # Any value in (0; 1] the enterprise chooses (seed 004 L462–463); 0,4 and 0,5 are offered.
    kvc_base = _decimal(
        _("базовый Kвц"),
        bounds.KVC_BASE.max_digits,
        bounds.KVC_BASE.places,
        default=DEFAULT_KVC_BASE,
        validators=model_validators(bounds.KVC_BASE),
    )
    worker_share = _decimal(
        _("доля экономии, отдаваемая рабочему"),
        3,
        2,
        default=DEFAULT_WORKER_SHARE,
        validators=model_validators(bounds.WORKER_SHARE),
    )
    kst_mode = models.CharField(
        _("расчёт Kст"), max_length=8, choices=KstMode.choices, default=KstMode.TABLE
    )
    kst_factor = models.CharField(
        _("Kст рассчитывается по"), max_length=8, choices=KstFactor.choices, default=KstFactor.KVC
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("рабочее место")
        verbose_name_plural = _("рабочие места")
        ordering = ["agency__short_name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unique_workplace_per_agency")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("productivity:workplace-detail", args=[self.pk])

    @property
    def kvc_base_shown(self):
        """The base as the manual writes it (0,40), with more places only when it has them
        (0,425)."""
        cents = self.kvc_base.quantize(Decimal("0.01"))
        return cents if cents == self.kvc_base else self.kvc_base.normalize()


class Study(models.Model):
    """A timing study of one workplace: measured before and after an improvement (kaizen), with
    the improvement that caused the change and the growth (11) it gave.

    `corrective_action` is the row of Appendix 30 (the corrective-action plan drawn up after an
    external audit, §9.3) that the improvement carried out, when it came from one. It must be
    an action of an approved plan of the study's own agency (productivity.services checks it).
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="timing_studies",
    )
    workplace = models.ForeignKey(
        Workplace, verbose_name=_("рабочее место"), on_delete=models.PROTECT, related_name="studies"
    )
    title = models.CharField(_("наименование исследования"), max_length=300)
    improvement = models.TextField(
        _("улучшение, вызвавшее изменение"),
        blank=True,
        max_length=bounds.TEXT_LENGTH,
        validators=[MaxLengthValidator(bounds.TEXT_LENGTH)],
    )
    corrective_action = models.ForeignKey(
        "audits.CorrectiveAction",
        verbose_name=_("корректирующее мероприятие"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="studies",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("записал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    # Growth (11) and its factors, filled when both measurements exist.
    cycle_factor = _decimal(_("рост ПТ за счёт Tц (8)"), null=True, blank=True)
    available_factor = _decimal(_("рост ПТ за счёт Tдост (9)"), null=True, blank=True)
    quality_factor = _decimal(_("рост ПТ за счёт качества (10)"), null=True, blank=True)
    growth = _decimal(_("рост ПТ (11)"), null=True, blank=True)
    growth_percent = _decimal(_("рост ПТ, % (7)"), 14, 2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("исследование затрат рабочего времени")
        verbose_name_plural = _("исследования затрат рабочего времени")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("productivity:study-detail", args=[self.pk])

    @property
    def is_complete(self):
        return self.growth is not None


class Measurement(models.Model):
    """One measurement of a workplace (before or after the improvement): the shift's
    components (Tсм, Tолн, Tпз, Tорг-тех, losses), the yield, the timed operations and the
    figures computed from them — Tдост идеал/факт, ΣTц, Kвц, Kинт, the norm (2), output, and
    the piece-rate card with the Kст in force when it was recorded.

    Averages of the repeated observations enter the formulas; minima are kept to show the
    reserve (Tц should tend to Tрр min).
    """

    study = models.ForeignKey(
        Study, verbose_name=_("исследование"), on_delete=models.CASCADE, related_name="measurements"
    )
    phase = models.CharField(_("замер"), max_length=8, choices=Phase.choices)
    measured_on = models.DateField(_("дата замера"), validators=[validate_past_date])
    shift_h = _decimal(
        _("время смены Tсм, ч"),
        6,
        3,
        default=DEFAULT_SHIFT_H,
        validators=model_validators(bounds.SHIFT_HOURS),
    )
    rest_h = _decimal(
        _("отдых и личные надобности Tолн, ч"),
        6,
        3,
        default=0,
        validators=model_validators(bounds.SHIFT_PART_HOURS),
    )
    preparatory_h = _decimal(
        _("подготовительно-заключительное время Tпз, ч"),
        6,
        3,
        default=0,
        validators=model_validators(bounds.SHIFT_PART_HOURS),
    )
    maintenance_h = _decimal(
        _("организационно-техническое обслуживание Tорг-тех, ч"),
        6,
        3,
        default=0,
        validators=model_validators(bounds.SHIFT_PART_HOURS),
    )
    losses_h = _decimal(
        _("потери (простои) Tпотерь, ч"),
        6,
        3,
        default=0,
        validators=model_validators(bounds.SHIFT_PART_HOURS),
    )
    yield_percent = _decimal(
        _("выход годных, %"),
        6,
        2,
        default=DEFAULT_YIELD,
        validators=model_validators(bounds.YIELD_PERCENT),
    )
    # Computed by services.measurement_record.
    available_ideal_h = _decimal(_("Tдост идеал, ч"), default=0)
    available_actual_h = _decimal(_("Tдост факт, ч"), default=0)
    cycle_time_s = _decimal(_("ΣTц на деталь, с"), default=0)
    manual_time_s = _decimal(_("ΣTрр на деталь, с"), default=0)
    kvc = _decimal(_("Kвц"), default=0)
    kint = _decimal(_("Kинт"), default=0)
    norm_s = _decimal(_("норма времени n, с"), default=0)
    output_per_shift = _decimal(_("выработка за смену, шт."), default=0)
    output_per_hour = _decimal(_("выработка в час, шт."), default=0)
    kst_factor = models.CharField(
        _("Kст рассчитан по"), max_length=8, choices=KstFactor.choices, default=KstFactor.KVC
    )
    kst = _decimal(_("Kст"), default=1)
    rate = _decimal(_("расценка P, руб."), default=0)
    wage_per_hour = _decimal(_("заработок в час, руб."), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("замер")
        verbose_name_plural = _("замеры")
        ordering = ["study", "phase"]
        constraints = [
            models.UniqueConstraint(fields=["study", "phase"], name="unique_measurement_phase")
        ]

    def __str__(self):
        return f"{self.study} — {self.get_phase_display()}"

    @property
    def kst_load(self):
        """The coefficient the recorded Kст was computed from: Kвц, or Kинт in its place."""
        return self.kint if self.kst_factor == KstFactor.KINT else self.kvc

    @property
    def norm_min(self):
        return self.norm_s / 60


class Operation(models.Model):
    """An operation timed at the workplace: repeated observations of manual time (Tрр) and
    cycle time (Tц) in seconds, with their minimum and average, and Зн parts per cycle."""

    measurement = models.ForeignKey(
        Measurement, verbose_name=_("замер"), on_delete=models.CASCADE, related_name="operations"
    )
    position = models.PositiveSmallIntegerField(_("№ п/п"), default=1)
    name = models.CharField(_("операция"), max_length=300)
    parts_per_cycle = models.PositiveSmallIntegerField(
        _("деталей за цикл (Зн)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(bounds.PARTS_PER_CYCLE_MAX)],
    )
    cycle_times_s = models.JSONField(_("замеры времени цикла Tц, с"), default=list)
    manual_times_s = models.JSONField(_("замеры времени ручной работы Tрр, с"), default=list)
    cycle_min_s = _decimal(_("Tц мин, с"))
    cycle_avg_s = _decimal(_("Tц сред, с"))
    manual_min_s = _decimal(_("Tрр мин, с"))
    manual_avg_s = _decimal(_("Tрр сред, с"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("операция")
        verbose_name_plural = _("операции")
        ordering = ["measurement", "position"]

    def __str__(self):
        return self.name
