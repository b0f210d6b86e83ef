"""The head's walk-rounds of the workplaces (§4.5, L461–463): at least once a half-year, the team
leader present, the curating deputy governor invited; criterion 5.7 (L2855) wants one a quarter
for its top score. Imported at the end of agencies/models.py (the models belong to `agencies`)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.walkrounds.choices import TEXT_MAX_LENGTH, Aspect, WalkRoundStatus


class WalkRound(models.Model):
    """§4.5 (L461): «руководитель ОИВ ЯО или СППО … не реже 1 раза в полугодие, проводит обходы
    рабочих мест сотрудников … обязательно присутствие лидера 5S-команды». The team records it;
    the head confirms the record (an administrator may on the head's behalf)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="walk_rounds",
    )
    date = models.DateField(_("дата обхода"))
    head = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("руководитель (проводил обход)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    leader = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("лидер 5S-команды (присутствовал)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    curator = models.ForeignKey(
        "agencies.Curator",
        verbose_name=_("курирующий заместитель Губернатора области (приглашён)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    curator_took_part = models.BooleanField(
        _("заместитель Губернатора области принял участие"), default=False
    )
    aspects = models.JSONField(_("на что обращено внимание"), default=list, blank=True)
    looked_at = models.TextField(
        _("что осмотрено (кабинеты, части рабочего пространства)"), max_length=TEXT_MAX_LENGTH
    )
    remarks = models.TextField(_("замечания"), max_length=TEXT_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("состояние"),
        max_length=16,
        choices=WalkRoundStatus.choices,
        default=WalkRoundStatus.RECORDED,
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("подтвердил"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_on = models.DateField(_("дата подтверждения"), null=True, blank=True)
    confirmed_on_behalf = models.BooleanField(
        _("подтверждено администратором за руководителя"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("внёс"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("внесено"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("обход рабочих мест")
        verbose_name_plural = _("обходы рабочих мест")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["agency", "date"])]

    def __str__(self):
        return _("Обход рабочих мест %(agency)s %(date)s") % {
            "agency": self.agency.short_name,
            "date": self.date.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self):
        return reverse("agencies:walkround-detail", args=[self.pk])

    @property
    def is_confirmed(self):
        return self.status == WalkRoundStatus.CONFIRMED

    @property
    def aspect_labels(self):
        labels = dict(Aspect.choices)
        return [labels[a] for a in self.aspects if a in labels]
