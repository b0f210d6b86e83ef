"""Training of an agency's employees (§9.2 of the Methodological recommendations, seed 003
L1377–1413): the yearly programme with its topics and schedule, and the sessions held.

Imported at the end of `agencies/models.py`, so Django registers these models with the
`agencies` app."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.training.choices import (
    DURATION_MAX,
    DURATION_MIN,
    ProgrammeStatus,
    TargetGroup,
)


class TrainingProgramme(models.Model):
    """The agency's training programme for a calendar year (L1381, L1385): «перечень тем
    занятий … и график обучения», written by the agency's HR employee with the 5S-team leader
    and approved by the head of the ОИВ ЯО or СППО."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="training_programmes",
    )
    year = models.PositiveSmallIntegerField(
        _("календарный год"), validators=[MinValueValidator(2011), MaxValueValidator(2100)]
    )
    hr_person = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("сотрудник кадровой службы"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("состояние"),
        max_length=16,
        choices=ProgrammeStatus.choices,
        default=ProgrammeStatus.DRAFT,
    )
    approved_on = models.DateField(_("дата утверждения"), null=True, blank=True)
    approver = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("утвердил (руководитель)"),
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
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("программа обучения")
        verbose_name_plural = _("программы обучения")
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"], name="training_programme_one_per_agency_year"
            )
        ]

    def __str__(self):
        return f"{self.agency} — {self.year}"

    def get_absolute_url(self):
        return reverse("agencies:training-programme", args=[self.pk])

    @property
    def is_approved(self):
        return self.status == ProgrammeStatus.APPROVED


class ProgrammeTopic(models.Model):
    """One topic of a programme with its target group and its date in the schedule (L1381,
    L1383)."""

    programme = models.ForeignKey(
        TrainingProgramme,
        verbose_name=_("программа обучения"),
        on_delete=models.CASCADE,
        related_name="topics",
    )
    position = models.PositiveSmallIntegerField(_("№ п/п"))
    title = models.CharField(_("тема занятия"), max_length=300)
    target_group = models.CharField(
        _("целевая группа"),
        max_length=16,
        choices=TargetGroup.choices,
        default=TargetGroup.EVERYONE,
    )
    planned_on = models.DateField(_("срок по графику"))

    class Meta:
        verbose_name = _("тема программы обучения")
        verbose_name_plural = _("темы программы обучения")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "position"], name="programme_topic_unique_position"
            )
        ]

    def __str__(self):
        return self.title


class TrainingSession(models.Model):
    """A session held (L1383): its date, topic, trainer, length and at most seven attendees.
    A session whose topic is not in the agency's approved programme of its year is recorded
    and marked «вне программы» (`programme_topic` empty)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    date = models.DateField(_("дата занятия"))
    topic = models.CharField(_("тема занятия"), max_length=300)
    programme_topic = models.ForeignKey(
        ProgrammeTopic,
        verbose_name=_("тема программы"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    target_group = models.CharField(
        _("целевая группа"),
        max_length=16,
        choices=TargetGroup.choices,
        default=TargetGroup.EVERYONE,
    )
    trainer = models.CharField(_("преподаватель"), max_length=200, blank=True)
    duration_hours = models.DecimalField(
        _("длительность, ч"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(DURATION_MIN), MaxValueValidator(DURATION_MAX)],
        default=Decimal("1"),
    )
    attendees = models.ManyToManyField(
        "agencies.Person",
        verbose_name=_("обучающиеся"),
        through="TrainingAttendance",
        related_name="training_sessions",
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

    class Meta:
        verbose_name = _("занятие по системе 5S")
        verbose_name_plural = _("занятия по системе 5S")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["agency", "date"])]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} — {self.topic}"

    def get_absolute_url(self):
        return reverse("agencies:training-agency", args=[self.agency_id])

    @property
    def in_programme(self):
        return self.programme_topic_id is not None


class TrainingAttendance(models.Model):
    """One person at one session: the person's training record (L1421 «пройти обучение по
    системе 5S»), which the 5S-team rules read (L381, L413)."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        "agencies.Person", on_delete=models.PROTECT, related_name="training_attendances"
    )

    class Meta:
        verbose_name = _("обучающийся")
        verbose_name_plural = _("обучающиеся")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="training_attendance_once")
        ]

    def __str__(self):
        return f"{self.person_id} — {self.session_id}"
