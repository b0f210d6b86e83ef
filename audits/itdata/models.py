"""The IT department's monthly record per agency (§8.4, L1337). Imported by audits.models so
that Django finds it in the `audits` app."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ITStandardRecord(models.Model):
    """The state of an agency's workplaces against the approved IT standard at the end of a
    month, as the департамент информатизации и связи reports it on the month's last working day
    (§8.4, L1337). One record per agency and month; a new report replaces the numbers and the
    history keeps the earlier ones."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="it_standard_records",
    )
    month = models.DateField(_("месяц"), help_text=_("первое число месяца"))
    workplaces = models.PositiveIntegerField(
        _("рабочих мест всего"), validators=[MinValueValidator(1)]
    )
    compliant = models.PositiveIntegerField(_("из них соответствуют ИТ-стандарту"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("внёс"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("внесено"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("данные о соответствии ИТ-стандарту")
        verbose_name_plural = _("данные о соответствии ИТ-стандарту")
        ordering = ["-month", "agency__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "month"], name="one_it_record_per_month"),
            models.CheckConstraint(
                condition=Q(workplaces__gte=1) & Q(compliant__lte=F("workplaces")),
                name="it_record_compliant_within_workplaces",
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.month:%m.%Y}: {self.compliant}/{self.workplaces}"
