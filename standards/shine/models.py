"""Step 3 «Содержание в чистоте» (§7, seed 003 L950–1070): the contamination classifier
(Appendix 22), the analyses of hard-to-clean places (Appendices 19, 20) and of places needing
cleaning (Appendix 23), cleaning-inspection plans (Appendix 24), quarterly cleaning schedules
(Appendix 25) and the general cleaning day (§7.3, L1025–1057). Rooms are agencies.Room."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.i18n import shown_template_text
from standards.shine import rules
from standards.shine.choices import (
    BRIEFING_BEFORE,
    INVENTORY_CHECK_BEFORE,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    AnalysisKind,
    SignRole,
)


def _agency(related_name):
    return models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name=related_name,
    )


def _person(label, **kwargs):
    return models.ForeignKey(
        "agencies.Person",
        verbose_name=label,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        **kwargs,
    )


CLASSIFIER_FIXTURE = "standards/contamination_types.json"  # Appendix 22, with its .en.json


class ContaminationType(models.Model):
    """A row of the contamination (disorder) classifier (Appendix 22, L4455–4517): the kind,
    the places where it shows and the options of what to do. The rows of the appendix are the
    region's (`agency` empty, loaded from fixtures/standards/contamination_types.json); «
    Классификатор может дополняться по усмотрению 5S-команды» (L4517): a team adds its agency's."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contamination_types",
        help_text=_("Пусто — примерный классификатор приложения 22."),
    )
    name = models.CharField(_("вид загрязнения (беспорядка)"), max_length=NAME_MAX_LENGTH)
    places = models.TextField(_("наименование места"), blank=True)
    actions = models.TextField(_("вариант дальнейших действий"), blank=True)
    order = models.PositiveIntegerField(_("порядок"), default=0)

    class Meta:
        verbose_name = _("вид загрязнения (беспорядка)")
        verbose_name_plural = _("классификатор загрязнений (беспорядка)")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"], name="contamination_unique_per_agency"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(agency__isnull=True),
                name="contamination_unique_regional",
            ),
        ]

    def __str__(self):
        return self.shown_name

    # What a person reads (issue 17 item 10, core.i18n): the appendix's rows in English in
    # English mode (fixtures/standards/contamination_types.en.json), a team's own as typed.
    def _shown(self, text: str) -> str:
        if self.agency_id is not None:
            return text
        return "\n".join(shown_template_text(CLASSIFIER_FIXTURE, line) for line in text.split("\n"))

    @property
    def shown_name(self) -> str:
        return self._shown(self.name)

    @property
    def shown_places(self) -> str:
        return self._shown(self.places)

    @property
    def shown_actions(self) -> str:
        return self._shown(self.actions)


class CleaningAnalysis(models.Model):
    """«Анализ труднодоступных для уборки мест» (Appendix 20, L4319–4383), made with the maps of
    the current state (L853) by the Appendix 19 checklist, or «Анализ мест, требующих уборки»
    (Appendix 23, L4519–4605) with planned and actual dates and the team member who checks the
    measures (L1019–1021, note 6)."""

    agency = _agency("cleaning_analyses")
    kind = models.CharField(_("форма"), max_length=20, choices=AnalysisKind.choices)
    date = models.DateField(_("дата"))
    analysts = models.ManyToManyField(
        "agencies.Person", verbose_name=_("анализ провели"), related_name="+", blank=True
    )
    leader = _person(_("лидер 5S-команды"))
    housekeeping = _person(_("ответственный за хозяйственное обеспечение"))
    controller = _person(_("контроль за выполнением мероприятий осуществляет"))
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    class Meta:
        verbose_name = _("анализ мест уборки")
        verbose_name_plural = _("анализы мест уборки")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("standards:shine-analysis", args=[self.pk])

    @property
    def appendix(self) -> int:
        return 20 if self.kind == AnalysisKind.HARD_PLACES else 23


class AnalysisRow(models.Model):
    """A row of Appendix 20 («№ каб.», «Наименование места», «Причина труднодоступности»,
    «Предложения по устранению причины/ проведению уборки») or of Appendix 23 (the same with
    «Вид загрязнения (беспорядка)», «Плановая дата», «Фактическая дата», «Ответственный
    исполнитель»)."""

    analysis = models.ForeignKey(
        CleaningAnalysis, verbose_name=_("анализ"), on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveIntegerField(_("№ п/п"))
    room = models.ForeignKey(
        "agencies.Room", verbose_name=_("помещение"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("наименование места"), max_length=NAME_MAX_LENGTH)
    contamination = models.ForeignKey(
        ContaminationType,
        verbose_name=_("вид загрязнения (беспорядка)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cause = models.CharField(_("причина"), max_length=TEXT_MAX_LENGTH)
    action = models.CharField(_("мероприятие"), max_length=TEXT_MAX_LENGTH)
    planned_on = models.DateField(_("плановая дата выполнения мероприятия"), null=True, blank=True)
    done_on = models.DateField(_("фактическая дата выполнения мероприятия"), null=True, blank=True)
    done_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто проставил фактическую дату"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible = models.CharField(
        _("ответственный исполнитель"), max_length=NAME_MAX_LENGTH, blank=True
    )

    class Meta:
        verbose_name = _("строка анализа")
        verbose_name_plural = _("строки анализа")
        ordering = ["analysis", "position"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "position"], name="analysis_row_position")
        ]

    def __str__(self):
        return f"{self.position}. {self.place}"

    def is_overdue(self, today) -> bool:
        return rules.is_overdue(self.planned_on, self.done_on, today)


class CleaningPlan(models.Model):
    """«План уборки-проверки» (Appendix 24, L4607–4709): approved by the head («УТВЕРЖДАЮ»),
    agreed by the 5S team leader, the person responsible for housekeeping and the person who
    provides the inventory (with a phone number, note 9); its copies go to every room it
    covers (L1015)."""

    agency = _agency("cleaning_plans")
    department = models.CharField(_("наименование отдела"), max_length=NAME_MAX_LENGTH, blank=True)
    rooms = models.ManyToManyField(
        "agencies.Room", verbose_name=_("№ кабинета(ов)"), related_name="cleaning_plans"
    )
    compilers = models.ManyToManyField(
        "agencies.Person", verbose_name=_("план составили"), related_name="+", blank=True
    )
    leader = _person(_("лидер 5S-команды"))
    housekeeping = _person(_("ответственный за хозяйственное обеспечение"))
    inventory_officer = _person(_("ответственный за предоставление инвентаря"))
    inventory_phone = models.CharField(
        _("телефон ответственного за предоставление инвентаря"), max_length=PHONE_MAX_LENGTH
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    class Meta:
        verbose_name = _("план уборки-проверки")
        verbose_name_plural = _("планы уборки-проверки")
        ordering = ["agency", "department", "pk"]

    def __str__(self):
        return _("План уборки-проверки № %(pk)s") % {"pk": self.pk}

    def get_absolute_url(self):
        return reverse("standards:shine-plan", args=[self.pk])


class PlanRow(models.Model):
    """A row of Appendix 24: «Наименование мероприятия», «Периодичность уборки», «Время уборки»
    (a span of the clock, note 4), «Необходимый инвентарь», «Ф.И.О. ответственного»,
    «Меры безопасности» (written out, note 6)."""

    plan = models.ForeignKey(
        CleaningPlan, verbose_name=_("план"), on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveIntegerField(_("№ п/п"))
    activity = models.CharField(_("наименование мероприятия"), max_length=TEXT_MAX_LENGTH)
    frequency = models.CharField(_("периодичность уборки"), max_length=NAME_MAX_LENGTH)
    time_from = models.TimeField(_("время уборки: с"))
    time_to = models.TimeField(_("время уборки: до"))
    equipment = models.CharField(_("необходимый инвентарь"), max_length=TEXT_MAX_LENGTH, blank=True)
    responsible = models.CharField(_("Ф.И.О. ответственного"), max_length=NAME_MAX_LENGTH)
    safety = models.TextField(_("меры безопасности"))

    class Meta:
        verbose_name = _("мероприятие плана уборки-проверки")
        verbose_name_plural = _("мероприятия плана уборки-проверки")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="plan_row_position"),
            models.CheckConstraint(
                condition=Q(time_from__lt=models.F("time_to")), name="plan_row_time_span"
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.activity}"


class CleaningSchedule(models.Model):
    """«Примерный график уборки» (Appendix 25, L4711–4747) of one room for at least a quarter
    (note 1), made from the cleaning-inspection plan (L1017), signed by the head of the
    department (note 5); the room's employees record the actual dates (L1017)."""

    agency = _agency("cleaning_schedules")
    room = models.ForeignKey(
        "agencies.Room",
        verbose_name=_("№ кабинета (части рабочего пространства)"),
        on_delete=models.PROTECT,
        related_name="cleaning_schedules",
    )
    plan = models.ForeignKey(
        CleaningPlan,
        verbose_name=_("план уборки-проверки"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schedules",
    )
    department = models.CharField(_("наименование отдела"), max_length=NAME_MAX_LENGTH, blank=True)
    period_start = models.DateField(_("начало периода"))
    period_end = models.DateField(_("окончание периода"))
    department_head = _person(_("график составил(а)"))
    staff = models.ManyToManyField(
        "agencies.Person",
        verbose_name=_("сотрудники, отмечающие выполнение"),
        related_name="cleaning_schedules",
        blank=True,
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    class Meta:
        verbose_name = _("график уборки")
        verbose_name_plural = _("графики уборки")
        ordering = ["-period_start", "room__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lt=models.F("period_end")), name="schedule_period_order"
            )
        ]

    def __str__(self):
        return _("График уборки %(room)s, %(start)s – %(end)s") % {
            "room": self.room,
            "start": self.period_start.strftime("%d.%m.%Y"),
            "end": self.period_end.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self):
        return reverse("standards:shine-schedule", args=[self.pk])


class ScheduleRow(models.Model):
    """A row of Appendix 25: «Содержание работ» (a kind of work of the plan, note 3),
    «Периодичность уборки» and its «Даты проведения работ» (ScheduleDate)."""

    schedule = models.ForeignKey(
        CleaningSchedule, verbose_name=_("график"), on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveIntegerField(_("№ п/п"))
    work = models.CharField(_("содержание работ"), max_length=TEXT_MAX_LENGTH)
    frequency = models.CharField(_("периодичность уборки"), max_length=NAME_MAX_LENGTH)

    class Meta:
        verbose_name = _("строка графика уборки")
        verbose_name_plural = _("строки графика уборки")
        ordering = ["schedule", "position"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "position"], name="schedule_row_position")
        ]

    def __str__(self):
        return f"{self.position}. {self.work}"


class ScheduleDate(models.Model):
    """A planned date of a schedule row (note 4, «02.09.2011, 09.09.2011») with the date the
    employees actually did the work (L1017: «отмечая в них даты фактического исполнения»)."""

    row = models.ForeignKey(
        ScheduleRow,
        verbose_name=_("строка графика"),
        on_delete=models.CASCADE,
        related_name="dates",
    )
    planned_on = models.DateField(_("плановая дата"))
    done_on = models.DateField(_("фактическая дата"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто отметил"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("дата проведения работ")
        verbose_name_plural = _("даты проведения работ")
        ordering = ["row", "planned_on"]
        constraints = [
            models.UniqueConstraint(fields=["row", "planned_on"], name="schedule_date_unique")
        ]

    def __str__(self):
        return self.planned_on.strftime("%d.%m.%Y")

    def is_overdue(self, today) -> bool:
        return rules.is_overdue(self.planned_on, self.done_on, today)


class GeneralCleaning(models.Model):
    """The general cleaning-inspection (§7.3, L1025–1057): the first cleaning of the whole
    workspace, in two stages of at most a day each (L1029–1031), on a date the leader agrees
    with the head (L1035); the inventory is checked 30 minutes and the participants briefed 15
    minutes before the start (L1045–1047)."""

    agency = _agency("general_cleanings")
    preparation_start = models.DateTimeField(_("начало подготовки"))
    preparation_end = models.DateTimeField(_("окончание подготовки"))
    cleaning_start = models.DateTimeField(_("начало генеральной уборки"))
    cleaning_end = models.DateTimeField(_("окончание генеральной уборки"))
    cleaners = models.CharField(
        _("привлечённые специалисты по уборке"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    notes = models.TextField(_("примечания"), blank=True)
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    class Meta:
        verbose_name = _("генеральная уборка-проверка")
        verbose_name_plural = _("генеральные уборки-проверки")
        ordering = ["-cleaning_start", "pk"]

    def __str__(self):
        return _("Генеральная уборка-проверка %(date)s") % {
            "date": self.cleaning_start.strftime("%d.%m.%Y")
        }

    def get_absolute_url(self):
        return reverse("standards:shine-general", args=[self.pk])

    @property
    def inventory_check_at(self):
        return self.cleaning_start - INVENTORY_CHECK_BEFORE

    @property
    def briefing_at(self):
        return self.cleaning_start - BRIEFING_BEFORE


class Signature(models.Model):
    """One signature a form of step 3 asks for, given in the portal by the person it names (or
    recorded by an administrator on their behalf): the agreement blocks of Appendices 20, 23
    and 24, the head's «УТВЕРЖДАЮ» of Appendix 24, the department head's signature of
    Appendix 25, the head's agreement of the general cleaning date (L1035)."""

    analysis = models.ForeignKey(
        CleaningAnalysis, on_delete=models.CASCADE, null=True, blank=True, related_name="signatures"
    )
    plan = models.ForeignKey(
        CleaningPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="signatures"
    )
    schedule = models.ForeignKey(
        CleaningSchedule,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signatures",
    )
    general_cleaning = models.ForeignKey(
        GeneralCleaning,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signatures",
    )
    role = models.CharField(_("кто подписывает"), max_length=20, choices=SignRole.choices)
    person = models.ForeignKey(
        "agencies.Person", verbose_name=_("подписал"), on_delete=models.PROTECT, related_name="+"
    )
    signed_on = models.DateField(_("дата подписи"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто отметил подпись"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    on_behalf = models.BooleanField(_("отмечено администратором"), default=False)

    class Meta:
        verbose_name = _("подпись формы шага 3")
        verbose_name_plural = _("подписи форм шага 3")
        ordering = ["signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "role"], name="shine_sign_analysis"),
            models.UniqueConstraint(fields=["plan", "role"], name="shine_sign_plan"),
            models.UniqueConstraint(fields=["schedule", "role"], name="shine_sign_schedule"),
            models.UniqueConstraint(fields=["general_cleaning", "role"], name="shine_sign_general"),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person} ({self.signed_on:%d.%m.%Y})"
