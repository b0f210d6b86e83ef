from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.choices import (
    ROOM_AREA_MAX,
    ROOM_NAME_MAX_LENGTH,
    STEP_COUNT,
    TEAM_WORD,
    AgencyKind,
    CouncilRole,
    DeploymentState,
    PositionLevel,
    RoomKind,
)


class Curator(models.Model):
    """Deputy governor curating agencies (§4.3, §4.4: «заместитель Губернатора области,
    курирующий СППО»); several small subdivisions of one curator form one 5S team."""

    full_name = models.CharField(_("Ф.И.О."), max_length=200)
    position = models.CharField(_("должность"), max_length=300)
    # The curator's own record, through which their account (role «curator») reaches the
    # agencies they curate and approves a СППО's plan (Appendix 30, L5027).
    person = models.OneToOneField(
        "Person",
        verbose_name=_("сотрудник"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="curatorship",
    )

    class Meta:
        verbose_name = _("куратор (заместитель Губернатора области)")
        verbose_name_plural = _("кураторы (заместители Губернатора области)")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name


class Agency(models.Model):
    """An executive body (ОИВ ЯО) or a subdivision of the Government apparatus (СППО), §1.2."""

    kind = models.CharField(_("вид"), max_length=32, choices=AgencyKind.choices)
    full_name = models.CharField(_("полное наименование"), max_length=500, unique=True)
    short_name = models.CharField(_("краткое наименование"), max_length=150)
    curator = models.ForeignKey(
        Curator,
        verbose_name=_("курирующий заместитель Губернатора области"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
    )
    head = models.ForeignKey(
        "Person",
        verbose_name=_("руководитель"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    staff_headcount = models.PositiveIntegerField(_("штатная численность"))
    # §4.7 (L535): the expert group is at least 20 % of the «фактической численности»: the
    # people actually working, kept next to the establishment headcount.
    actual_headcount = models.PositiveIntegerField(
        _("фактическая численность"), null=True, blank=True
    )
    responsible_for_common_areas = models.BooleanField(
        _("отвечает за содержание мест общего пользования"), default=False
    )
    # §4.2 (L379): in an ОИВ ЯО with committees the 5S-team leader is at least a committee
    # chairman; without them, at least a head of department.
    has_committees = models.BooleanField(_("в структуре есть комитеты"), default=False)
    deployment_state = models.CharField(
        _("состояние системы 5S"),
        max_length=16,
        choices=DeploymentState.choices,
        default=DeploymentState.PREPARING,
    )
    # The last step the team closed by its diagnosis (audits.closure, §4.6 L501): written only
    # by closing a step (and by the data migration that recorded the typed values as closures).
    steps_completed = models.PositiveSmallIntegerField(
        _("пройдено шагов"),
        default=0,
        validators=[MaxValueValidator(STEP_COUNT)],
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ОИВ ЯО / СППО")
        verbose_name_plural = _("ОИВ ЯО и СППО")
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("agencies:detail", args=[self.pk])

    @property
    def is_subdivision(self):
        return self.kind == AgencyKind.APPARATUS_SUBDIVISION

    @property
    def plan_approver(self):
        """Who approves the agency's corrective-action plan (Appendix 30, L5027: «руководитель
        ОИВ ЯО или заместитель Губернатора области, курирующий СППО»): the head of an ОИВ ЯО,
        the curating deputy governor's person for a СППО (None when not known)."""
        if self.is_subdivision:
            return self.curator.person if self.curator is not None else None
        return self.head


class Person(models.Model):
    """An employee of an agency (§1.4.28), optionally with a portal account."""

    full_name = models.CharField(_("Ф.И.О."), max_length=200)
    position = models.CharField(_("должность"), max_length=300)
    agency = models.ForeignKey(
        Agency, verbose_name=_("ОИВ ЯО / СППО"), on_delete=models.PROTECT, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("учётная запись"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    trained_on = models.DateField(
        _("дата обучения по программе «Система 5S»"), null=True, blank=True
    )
    position_level = models.CharField(
        _("уровень должности"), max_length=32, choices=PositionLevel.choices, blank=True
    )
    council_role = models.CharField(
        _("совет при Губернаторе области"), max_length=16, choices=CouncilRole.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("сотрудник")
        verbose_name_plural = _("сотрудники")
        ordering = ["full_name"]
        indexes = [models.Index(fields=["agency", "full_name"])]
        constraints = [
            # The council has one secretary (L765, L1065: «направляет секретарю совета»).
            models.UniqueConstraint(
                fields=["council_role"],
                condition=models.Q(council_role=CouncilRole.SECRETARY),
                name="person_one_council_secretary",
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def is_trained(self):
        return self.trained_on is not None

    @property
    def on_council(self):
        """A member or the secretary of the council at the Governor (L163, L415)."""
        return bool(self.council_role)


class FiveSTeam(models.Model):
    """5S team (§1.4.10, §4.3, Appendix 5): one agency, or several small subdivisions of one
    curator, with its leader, members and the deployment order that formed it."""

    name = models.CharField(_("наименование"), max_length=300)
    agencies = models.ManyToManyField(Agency, verbose_name=_("ОИВ ЯО / СППО"), related_name="teams")
    curator = models.ForeignKey(
        Curator,
        verbose_name=_("курирующий заместитель Губернатора области"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
    )
    leader = models.ForeignKey(
        Person,
        verbose_name=_("лидер 5S-команды"),
        on_delete=models.PROTECT,
        related_name="led_teams",
    )
    members = models.ManyToManyField(
        Person,
        verbose_name=_("члены 5S-команды"),
        through="TeamMembership",
        related_name="teams",
    )
    period_start = models.DateField(_("начало периода работы"))
    period_end = models.DateField(_("окончание периода работы"), null=True, blank=True)
    order_number = models.CharField(_("номер приказа о развёртывании"), max_length=50, blank=True)
    order_date = models.DateField(_("дата приказа о развёртывании"), null=True, blank=True)
    deployment_start = models.DateField(_("дата начала развёртывания"), null=True, blank=True)
    storage_keeper = models.ForeignKey(
        Person,
        verbose_name=_("ответственный за зону временного хранения"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kept_storage_zones",
    )
    history = HistoricalRecords(m2m_fields=[agencies])

    class Meta:
        verbose_name = _("5S-команда")
        verbose_name_plural = _("5S-команды")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agencies:team-detail", args=[self.pk])

    @property
    def caption(self) -> str:
        """How a heading names the team: «5S-команда «Альфа»», or the name alone when it
        already says it is a 5S team («Объединённая 5S-команда: …»), so no heading reads
        «5S-команда «5S-команда …»»."""
        if TEAM_WORD in self.name.casefold().replace("-", "").replace(" ", ""):
            return self.name
        return gettext("5S-команда «%(name)s»") % {"name": self.name}


class TeamMembership(models.Model):
    """One person's place in a 5S team; the leader has one too."""

    team = models.ForeignKey(FiveSTeam, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")

    class Meta:
        verbose_name = _("член 5S-команды")
        verbose_name_plural = _("члены 5S-команды")
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="unique_team_member")
        ]

    def __str__(self):
        return f"{self.person} — {self.team}"


class WorkingGroup(models.Model):
    """The working group monitoring the deployment (§1.4.23, the order's item 2 and the
    Regulation on the working group): its head and members audit the agencies."""

    name = models.CharField(_("наименование"), max_length=500)
    head = models.ForeignKey(
        Person,
        verbose_name=_("руководитель рабочей группы"),
        on_delete=models.PROTECT,
        related_name="headed_working_groups",
    )
    members = models.ManyToManyField(
        Person,
        verbose_name=_("члены рабочей группы"),
        through="WorkingGroupMembership",
        related_name="working_groups",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("рабочая группа")
        verbose_name_plural = _("рабочие группы")

    def __str__(self):
        return self.name


class WorkingGroupMembership(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="working_group_memberships"
    )

    class Meta:
        verbose_name = _("член рабочей группы")
        verbose_name_plural = _("члены рабочей группы")
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="unique_working_group_member")
        ]

    def __str__(self):
        return f"{self.person} — {self.group}"


class Room(models.Model):
    """A part of an agency's workspace (§1.4.25, seed 003 L159): a numbered office or a named
    room (Appendix 7 «№ кабинета, вид помещения», L3381; «номер кабинета, при его отсутствии -
    наименование части рабочего пространства», L837). Internal audits, red tags, sorting rounds,
    placement schemes and cleaning plans name the room they concern."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("ОИВ ЯО / СППО"), on_delete=models.PROTECT, related_name="rooms"
    )
    name = models.CharField(_("номер кабинета или наименование"), max_length=ROOM_NAME_MAX_LENGTH)
    kind = models.CharField(
        _("вид помещения"), max_length=32, choices=RoomKind.choices, default=RoomKind.OFFICE
    )
    area = models.DecimalField(
        _("площадь, м²"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(ROOM_AREA_MAX))],
    )
    common_area = models.BooleanField(_("место общего пользования"), default=False)
    single_workplace = models.BooleanField(_("одно рабочее место"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("помещение")
        verbose_name_plural = _("помещения")
        ordering = ["agency", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="room_unique_name_per_agency")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agencies:rooms", args=[self.agency_id])


# The information board (§4.9, L561–597; Appendix 11) lives in its sub-package.
from agencies.board.models import BoardRemark, BoardUpdate, InformationBoard  # noqa: E402, F401

# The head's walk-rounds (§4.5, L461) live in their sub-package; the models belong to this app.
# The deployment order and plan (§4.4, §4.8) live in their own module of the app.
from agencies.deployment.models import (  # noqa: E402, F401
    DeploymentOrder,
    DeploymentPlan,
    PlanActivity,
    PlanTemplateActivity,
)

# The programme's training (§9.2) and improvement proposals (§9.1, Appendix 36) live in
# sub-packages of this app; importing their models here registers them with it.
# The indicator sheet (§4.7, Appendix 8) lives in its sub-package.
from agencies.indicators.models import Indicator, IndicatorSheet, Observation  # noqa: E402, F401
from agencies.proposals.models import FiveWhy, Proposal, ProposalStep  # noqa: E402, F401
from agencies.training.models import (  # noqa: E402, F401
    ProgrammeTopic,
    TrainingAttendance,
    TrainingProgramme,
    TrainingSession,
)
from agencies.walkrounds.models import WalkRound  # noqa: E402, F401
