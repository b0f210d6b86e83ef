from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from audits.choices import (
    FINAL_SHEET_COPY_WORKING_DAYS,
    INTERNAL_AUDIT_STEPS,
    NOTICE_WORKING_DAYS,
    SCORE_MAX,
    SCORE_MIN,
    STEP_NAMES,
    AuditStatus,
    PlanStatus,
    SheetStatus,
)
from core import calendar
from core.i18n import shown_rows, shown_text

SCORE_VALIDATORS = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
STEP_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class PrivateStorage(FileSystemStorage):
    """Photos are personal workspace images: they live outside MEDIA_ROOT (next to it, or in
    settings.PRIVATE_MEDIA_ROOT) and are served only through a permission-checked view."""

    @cached_property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        return None


private_storage = PrivateStorage()


# --- Appendix 2: the checklist -------------------------------------------------------------


class ChecklistVersion(models.Model):
    """One edition of the checklist (Appendix 2, as amended 07.12.2011). Loaded from a fixture;
    never changed once an audit refers to it, so an audit keeps the text it was scored with."""

    version = models.CharField(_("редакция"), max_length=32, unique=True)
    title = models.CharField(_("наименование"), max_length=500)
    title_en = models.CharField(_("наименование (англ.)"), max_length=500, blank=True)
    source = models.CharField(_("источник"), max_length=500, blank=True)
    loaded_at = models.DateTimeField(_("загружен"), auto_now_add=True)

    class Meta:
        verbose_name = _("редакция чек-листа")
        verbose_name_plural = _("редакции чек-листа")
        ordering = ["-version"]

    def __str__(self):
        return f"{self.title} ({self.version})"

    @property
    def shown_title(self):
        """The title a person reads (English in English mode where translated)."""
        return shown_text(self.title, self.title_en)


class ChecklistStep(models.Model):
    """A step of the 5S system as a section of the checklist (Appendix 2, column 1)."""

    version = models.ForeignKey(ChecklistVersion, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("номер шага"), validators=STEP_VALIDATORS)
    name = models.CharField(_("наименование шага"), max_length=200)
    name_en = models.CharField(_("наименование шага (англ.)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("шаг чек-листа")
        verbose_name_plural = _("шаги чек-листа")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="unique_checklist_step")
        ]

    def __str__(self):
        return _("Шаг %(number)s. %(name)s") % {"number": self.number, "name": self.shown_name}

    @property
    def shown_name(self):
        """The step's name a person reads (English in English mode where translated)."""
        return shown_text(self.name, self.name_en)


class Criterion(models.Model):
    """A criterion of Appendix 2 (columns 2–8): its code (1.1–5.8 as in Appendices 6 and 12),
    title and indicator rows, each with the five descriptors for scores 5 to 1 (a descriptor
    merged across rows in the original table is null)."""

    version = models.ForeignKey(ChecklistVersion, on_delete=models.CASCADE, related_name="criteria")
    step = models.ForeignKey(ChecklistStep, on_delete=models.CASCADE, related_name="criteria")
    step_number = models.PositiveSmallIntegerField(_("номер шага"), validators=STEP_VALIDATORS)
    position = models.PositiveSmallIntegerField(_("порядковый номер"))
    code = models.CharField(_("номер критерия"), max_length=8)
    title = models.TextField(_("наименование критерия оценки"))
    common_areas_only = models.BooleanField(
        _("только для отвечающих за места общего пользования"), default=False
    )
    external_data = models.BooleanField(
        _("по данным департамента информатизации и связи"), default=False
    )
    indicators = models.JSONField(_("показатели"), default=list)
    # The English rendering (fixtures/checklist/checklist_2011.en.json): for reading only; the
    # Russian title and descriptors above stay the legal text an audit is scored against.
    title_en = models.TextField(_("наименование критерия оценки (англ.)"), blank=True)
    indicators_en = models.JSONField(_("показатели (англ.)"), default=list, blank=True)

    class Meta:
        verbose_name = _("критерий оценки")
        verbose_name_plural = _("критерии оценки")
        ordering = ["version", "step_number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_criterion_code")
        ]

    def __str__(self):
        return f"{self.code}. {self.title[:80]}"

    @property
    def shown_title(self):
        """The criterion's title a person reads: English in English mode where translated."""
        return shown_text(self.title, self.title_en)

    def shown_indicators(self) -> list:
        """The descriptor rows a person reads (keyed "5".."1"): each cell in English in English
        mode where translated, the Russian cell otherwise."""
        return shown_rows(self.indicators, self.indicators_en)

    def indicator_rows(self):
        """Rows as lists of (score, descriptor) from 5 to 1, for templates, in the language a
        person reads (see shown_indicators)."""
        return [
            [(score, row.get(str(score))) for score in (5, 4, 3, 2, 1)]
            for row in self.shown_indicators()
        ]


# --- §4.10, Regulation §5: the external audit -------------------------------------------------


class Audit(models.Model):
    """An external audit of one agency by a team of the working group (§4.10 of the
    recommendations; §5.1–5.5 of the Regulation on the working group)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="audits",
    )
    checklist = models.ForeignKey(
        ChecklistVersion,
        verbose_name=_("редакция чек-листа"),
        on_delete=models.PROTECT,
        related_name="audits",
    )
    date = models.DateField(_("дата проведения аудита"))
    time = models.TimeField(_("время начала"), null=True, blank=True)
    completed_steps = models.JSONField(_("завершённые шаги"), default=list)
    common_areas = models.BooleanField(
        _("отвечает за содержание мест общего пользования"), default=False
    )
    status = models.CharField(
        _("состояние"), max_length=16, choices=AuditStatus.choices, default=AuditStatus.PLANNED
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("запланировал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("внешний аудит")
        verbose_name_plural = _("внешние аудиты")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["agency", "date"])]
        constraints = [
            # One audit per agency and date (../shared/API.md, «Audits»).
            models.UniqueConstraint(fields=["agency", "date"], name="unique_audit_per_agency_date")
        ]

    def __str__(self):
        return _("Аудит %(agency)s от %(date)s") % {
            "agency": self.agency.short_name if self.agency_id else "",
            "date": self.date.strftime("%d.%m.%Y") if self.date else "",
        }

    def get_absolute_url(self):
        return reverse("audits:detail", args=[self.pk])

    @property
    def is_finalised(self):
        return self.status == AuditStatus.FINALISED

    @property
    def notice_due(self):
        """§5.5: the agency's head is told at least one working day before."""
        return calendar.add_working_days(self.date, -NOTICE_WORKING_DAYS)

    @property
    def final_sheet_due(self):
        """§4.10: the final sheet's copy goes out within 5 working days of the audit."""
        return calendar.add_working_days(self.date, FINAL_SHEET_COPY_WORKING_DAYS)

    def completed_step_names(self):
        return [f"{n}. {STEP_NAMES[n]}" for n in sorted(self.completed_steps)]


class ScoreSheet(models.Model):
    """Appendix 6: one auditor's individual score sheet for one audit."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="sheets")
    auditor = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("член рабочей группы"),
        on_delete=models.PROTECT,
        related_name="score_sheets",
    )
    status = models.CharField(
        _("состояние"), max_length=16, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)
    submitted_at = models.DateTimeField(_("сдан"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("оценочный лист")
        verbose_name_plural = _("оценочные листы")
        ordering = ["audit", "auditor__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "auditor"], name="unique_sheet_per_auditor")
        ]

    def __str__(self):
        return f"{self.auditor} — {self.audit}"

    def get_absolute_url(self):
        return reverse("audits:sheet", args=[self.audit_id, self.auditor_id])

    @property
    def is_submitted(self):
        return self.status == SheetStatus.SUBMITTED


class Score(models.Model):
    """One line of Appendix 6: the score (columns 3–7) and the note (column 8) of a criterion."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("оценка"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    note = models.TextField(_("примечания"), blank=True)
    # Who changed which score or note before signing (issue 13, item 4): shown on the final
    # sheet to the group head and administrators (selectors.score_changes).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("оценка по критерию")
        verbose_name_plural = _("оценки по критериям")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="unique_score_criterion")
        ]

    def __str__(self):
        return f"{self.criterion.code}: {self.score}"


class FinalScoreSheet(models.Model):
    """Appendix 12: the final score sheet of an audit, signed by the working group head (§5.7
    of the Regulation). Values are computed from the submitted sheets and the decisions
    (audits.scoring). A signed sheet never changes, so signing stores a copy of its results for
    sorting, summaries and the dashboard: `overall` («общая оценка») and `step_values`
    («значение шага» of each completed step), both exact values rounded half up to six places
    (audits.scoring.stored). `step_values` maps the step number as a string to the value as a
    decimal string ({"1": "4.333333"}); migration 0011 stored it for the sheets signed before
    it existed."""

    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="final_sheet")
    finalised_at = models.DateTimeField(_("подписан"), null=True, blank=True)
    signed_by = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("руководитель рабочей группы"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signer_name = models.CharField(_("подписал (Ф.И.О.)"), max_length=200, blank=True)
    signed_on = models.DateField(_("дата подписания"), null=True, blank=True)
    overall = models.DecimalField(
        _("общая оценка"), max_digits=10, decimal_places=6, null=True, blank=True
    )
    step_values = models.JSONField(_("значения шагов"), default=dict, blank=True)
    # Criterion 4.3 as signed (§8.4, L1337): the IT department's record the sheet used —
    # {"month": "YYYY-MM", "workplaces", "compliant", "score"}, {} when no step-4 value counted —
    # kept so that a later report for the month does not change a signed sheet. None on a sheet
    # signed before the portal took that record: its 4.3 counted the head's typed score
    # ({"score": n} after migration 0010) or, without one, the auditors' scores.
    it_standard = models.JSONField(
        _("данные департамента информатизации и связи (критерий 4.3)"), null=True, blank=True
    )
    copy_due = models.DateField(_("срок направления копии лидеру 5S-команды"))
    copy_sent_at = models.DateTimeField(_("копия направлена"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("итоговый оценочный лист")
        verbose_name_plural = _("итоговые оценочные листы")

    def __str__(self):
        return str(self.audit)

    @property
    def is_finalised(self):
        return self.finalised_at is not None


class Decision(models.Model):
    """Regulation §5.6: the collegial decision on a criterion whose individual scores differ by
    more than one point; the decided score replaces the mean."""

    final_sheet = models.ForeignKey(
        FinalScoreSheet, on_delete=models.CASCADE, related_name="decisions"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("итоговая оценка"), validators=SCORE_VALIDATORS)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("записано"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("коллегиальное решение")
        verbose_name_plural = _("коллегиальные решения")
        constraints = [
            models.UniqueConstraint(
                fields=["final_sheet", "criterion"], name="unique_decision_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion.code}: {self.score}"


class Vote(models.Model):
    """One member's vote in a collegial decision (§5.6)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey("agencies.Person", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("голос за оценку"), validators=SCORE_VALIDATORS)
    # Re-recording a decision replaces its votes; the history keeps the earlier ones.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("голос")
        verbose_name_plural = _("голоса")
        constraints = [
            models.UniqueConstraint(fields=["decision", "person"], name="unique_vote_per_person")
        ]

    def __str__(self):
        return f"{self.person_id}: {self.score}"


# --- Appendix 30, §9.3: the corrective-action plan ---------------------------------------------


class CorrectiveActionPlan(models.Model):
    """Appendix 30: the plan of preventive and corrective actions drafted by the 5S-team leader
    from the final sheet's remarks and approved by the head of the agency (§9.3)."""

    audit = models.OneToOneField(Audit, on_delete=models.PROTECT, related_name="action_plan")
    status = models.CharField(
        _("состояние"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approver = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("утвердил"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("внёс отметку об утверждении"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_on = models.DateField(_("дата утверждения"), null=True, blank=True)
    approved_on_behalf = models.BooleanField(
        _("утверждение внесено администратором за руководителя"), default=False
    )
    copy_due = models.DateField(_("срок направления копии рабочей группе"), null=True, blank=True)
    copy_sent_at = models.DateTimeField(_("копия направлена"), null=True, blank=True)
    # The leader hands the finished draft to the approver (Appendix 30, «УТВЕРЖДАЮ», L5023–L5027);
    # the approver is told through core.notifications (issue 17, item 5).
    sent_for_approval_at = models.DateTimeField(
        _("направлен на утверждение"), null=True, blank=True
    )
    sent_for_approval_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("направил на утверждение"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("план корректирующих мероприятий")
        verbose_name_plural = _("планы корректирующих мероприятий")
        ordering = ["-audit__date"]

    def __str__(self):
        return _("План мероприятий по итогам аудита от %(date)s") % {
            "date": self.audit.date.strftime("%d.%m.%Y")
        }

    def get_absolute_url(self):
        return reverse("audits:plan", args=[self.pk])

    # The plan is the audited agency's (L605): its agency is the audit's, never stored apart
    # (issue 11 item 10). Lists select `audit__agency`; queries filter on `audit__agency`.
    @property
    def agency(self):
        return self.audit.agency

    @property
    def agency_id(self):
        return self.audit.agency_id

    @property
    def is_approved(self):
        return self.status == PlanStatus.APPROVED

    @property
    def copy_overdue(self):
        return (
            self.copy_due is not None
            and self.copy_sent_at is None
            and calendar.today() > self.copy_due
        )


class CorrectiveAction(models.Model):
    """A row of Appendix 30: step, remark, cause, action, planned and actual dates, executor."""

    plan = models.ForeignKey(CorrectiveActionPlan, on_delete=models.CASCADE, related_name="actions")
    step = models.PositiveSmallIntegerField(_("№ шага"), validators=STEP_VALIDATORS)
    number = models.PositiveSmallIntegerField(_("№ п/п"))
    criterion_code = models.CharField(_("критерий"), max_length=8, blank=True)
    remark = models.TextField(_("содержание замечания"))
    cause = models.TextField(_("причина возникновения замечания"), blank=True)
    action = models.TextField(_("мероприятие по устранению замечания"), blank=True)
    planned_date = models.DateField(_("плановая дата выполнения"), null=True, blank=True)
    actual_date = models.DateField(_("фактическая дата выполнения"), null=True, blank=True)
    executor = models.CharField(_("исполнитель"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("корректирующее мероприятие")
        verbose_name_plural = _("корректирующие мероприятия")
        ordering = ["plan", "step", "number"]

    def __str__(self):
        return f"{self.step}.{self.number}. {self.remark[:60]}"

    @property
    def is_open(self):
        return self.actual_date is None

    @property
    def is_overdue(self):
        return (
            self.actual_date is None
            and self.planned_date is not None
            and calendar.today() > self.planned_date
        )


# --- §4.6, Appendix 7: internal audits and photo reports -----------------------------------


class InternalAudit(models.Model):
    """§4.6: the 5S team's internal audit of its rooms by steps 1–4 for one month; its scores
    make one column of Appendix 7."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="internal_audits",
    )
    month = models.DateField(_("месяц"))  # the first day of the month
    conducted_on = models.DateField(_("дата проведения"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("внутренний аудит")
        verbose_name_plural = _("внутренние аудиты")
        ordering = ["agency", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "month"], name="unique_internal_audit_month")
        ]

    def __str__(self):
        return _("Внутренний аудит %(agency)s, %(month)s") % {
            "agency": self.agency.short_name,
            "month": self.month.strftime("%m.%Y"),
        }

    def get_absolute_url(self):
        return reverse("audits:internal", args=[self.agency_id])


class InternalScore(models.Model):
    """The score (1–5) of one room of the agency (agencies.Room: Appendix 7 «№ кабинета, вид
    помещения», seed 003 L3381) for one of steps 1–4 (§4.6)."""

    internal_audit = models.ForeignKey(
        InternalAudit, on_delete=models.CASCADE, related_name="scores"
    )
    room = models.ForeignKey(
        "agencies.Room",
        verbose_name=_("помещение"),
        on_delete=models.PROTECT,
        related_name="internal_scores",
    )
    step = models.PositiveSmallIntegerField(
        _("шаг"), validators=[MinValueValidator(1), MaxValueValidator(max(INTERNAL_AUDIT_STEPS))]
    )
    score = models.PositiveSmallIntegerField(_("оценка"), validators=SCORE_VALIDATORS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("оценка части рабочего пространства")
        verbose_name_plural = _("оценки частей рабочего пространства")
        constraints = [
            models.UniqueConstraint(
                fields=["internal_audit", "room", "step"], name="unique_internal_room_score"
            )
        ]

    def __str__(self):
        return f"{self.room_id}/{self.step}: {self.score}"


def _photo_path(instance, filename):
    # core.images already generated the name; keep photos of one agency together.
    return f"photos/{instance.agency_id}/{filename}"


class Photo(models.Model):
    """§4.6 photo report: a photo with its explanation (date, place, subject, problem,
    photographer). A repeat photo points at the earlier one it was taken to compare with."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="photos",
    )
    internal_audit = models.ForeignKey(
        InternalAudit,
        verbose_name=_("внутренний аудит"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    room = models.ForeignKey(
        "agencies.Room",
        verbose_name=_("помещение"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos",
    )
    taken_on = models.DateField(_("дата фотосъёмки"))
    place = models.CharField(_("где находится рабочее место"), max_length=300)
    subject = models.CharField(_("объект фотосъёмки"), max_length=300)
    problem = models.TextField(_("наличие проблемы"), blank=True)
    photographer = models.CharField(_("Ф.И.О. фотографирующего"), max_length=200)
    image = models.FileField(_("фотоснимок"), storage=private_storage, upload_to=_photo_path)
    thumbnail = models.FileField(_("миниатюра"), storage=private_storage, upload_to=_photo_path)
    content_type = models.CharField(max_length=32)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    before = models.ForeignKey(
        "self",
        verbose_name=_("повторный снимок к"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="after_photos",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("фотоснимок")
        verbose_name_plural = _("фотоотчёт")
        ordering = ["-taken_on", "-pk"]

    def __str__(self):
        return f"{self.taken_on:%d.%m.%Y} {self.place}: {self.subject}"


# --- §8.4 (L1337): the IT department's monthly data for criterion 4.3 -------------------------


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


# Step closure (§4.6, L501) lives in its sub-package; its models belong to this app.
from audits.closure.models import ClosureProblem, ClosureStandard, StepClosure  # noqa: E402, F401

# The region's state kept current at signing (issue 18) lives in its sub-package.
from audits.state.models import AgencyState, RegionMonth  # noqa: E402, F401
