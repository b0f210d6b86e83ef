"""The state of the region as the signed final sheets leave it (Appendix 12 signed, §4.10;
Appendix 13 «по состоянию на» a month, L3827): kept current by the signing service
(audits.services.final_sheet_finalise → audits.state.services.record_signed) in the same
transaction, filled by the migration that added it and rebuilt by
`manage.py rebuild_region_state`.

Imported at the end of audits/models.py, so the models belong to the `audits` app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyState(models.Model):
    """An agency's latest signed external audit (Appendix 12): its date, the number of steps
    completed, its overall score and that of the agency's signed audit before it. The step
    values are read from the audit's final sheet (FinalScoreSheet.step_values), the one stored
    copy."""

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="signed_state",
    )
    audit = models.ForeignKey(
        "audits.Audit",
        verbose_name=_("последний подписанный аудит"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    date = models.DateField(_("дата проведения аудита"))
    completed_steps = models.PositiveSmallIntegerField(_("пройдено шагов"), default=0)
    overall = models.DecimalField(
        _("общая оценка"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    previous_overall = models.DecimalField(
        _("общая оценка предыдущего аудита"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
    )
    # The newest change tells the region's pages whether what they cached is still current.
    updated_at = models.DateTimeField(_("обновлено"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("состояние ОИВ ЯО / СППО")
        verbose_name_plural = _("состояния ОИВ ЯО / СППО")
        indexes = [models.Index(fields=["completed_steps", "overall"])]

    def __str__(self):
        return f"{self.agency_id}: {self.date:%d.%m.%Y} {self.overall}"


class RegionMonth(models.Model):
    """The region at a month's end: how many agencies have a signed audit with an overall score
    held on or before that day, and the sum of those agencies' latest overall scores (six
    places, exact), whose mean is the region's trend of the dashboard. Months run without gap
    from the first signed audit's month to the last one's; a later month is as the last."""

    month = models.DateField(_("месяц"), primary_key=True)
    audited = models.PositiveIntegerField(_("ОИВ ЯО / СППО с подписанным аудитом"), default=0)
    total = models.DecimalField(_("сумма общих оценок"), max_digits=18, decimal_places=6, default=0)

    class Meta:
        verbose_name = _("состояние региона на конец месяца")
        verbose_name_plural = _("состояния региона на конец месяца")
        ordering = ["month"]

    def __str__(self):
        return f"{self.month:%m.%Y}: {self.audited} / {self.total}"
