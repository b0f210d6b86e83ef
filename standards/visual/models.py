"""Visual control points (Appendix 28 «Перечень точек визуального контроля», seed 003
L4875–4981), error-proofing (criterion 4.6, «действует система защиты от ошибок», L2465) and
the emergency procedure (criterion 4.7, «Наличие порядка действий в чрезвычайной ситуации»,
L2475)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from standards.visual import rules
from standards.visual.choices import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, ListStatus, ProcedureStatus


class VisualControlList(models.Model):
    """«Перечень точек визуального контроля» of one room (Appendix 28): compiled on a date by up
    to three employees, agreed by the 5S team leader (note 4, L4927)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="visual_lists",
    )
    room = models.ForeignKey(
        "agencies.Room",
        verbose_name=_("помещение"),
        on_delete=models.PROTECT,
        related_name="visual_lists",
    )
    compiled_on = models.DateField(_("дата составления"))
    compilers = models.ManyToManyField(
        "agencies.Person", verbose_name=_("перечень составили"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("состояние"), max_length=16, choices=ListStatus.choices, default=ListStatus.DRAFT
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("согласовал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    leader = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("лидер 5S-команды"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agreed_on = models.DateField(_("дата согласования"), null=True, blank=True)

    class Meta:
        verbose_name = _("перечень точек визуального контроля")
        verbose_name_plural = _("перечни точек визуального контроля")
        ordering = ["agency", "room__name", "-compiled_on"]

    def __str__(self):
        return _("Перечень точек визуального контроля: %(room)s") % {"room": self.room}

    def get_absolute_url(self):
        return reverse("standards:visual-list", args=[self.pk])


class VisualControlPoint(models.Model):
    """A row of Appendix 28: «Категория», «Точка контроля», «Требования 5S-стандарта» (the
    normal state), and who checks it."""

    control_list = models.ForeignKey(
        VisualControlList,
        verbose_name=_("перечень"),
        on_delete=models.CASCADE,
        related_name="points",
    )
    position = models.PositiveIntegerField(_("№"))
    category = models.CharField(_("категория"), max_length=TITLE_MAX_LENGTH)
    control_point = models.CharField(_("точка контроля"), max_length=TEXT_MAX_LENGTH)
    requirement = models.CharField(_("требования 5S-стандарта"), max_length=TEXT_MAX_LENGTH)
    checker = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("кто проверяет"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("точка визуального контроля")
        verbose_name_plural = _("точки визуального контроля")
        ordering = ["control_list", "position"]

    def __str__(self):
        return self.control_point

    @property
    def shown_category(self) -> str:
        """The category a person reads (English in English mode for Appendix 28's own)."""
        return rules.shown_category(self.category)


class ErrorProofing(models.Model):
    """A means of error-proofing in an agency (criterion 4.6: «действует система защиты от
    ошибок», L2465): what mistake it prevents, how, and whether it is in force."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="error_proofings",
    )
    room = models.ForeignKey(
        "agencies.Room",
        verbose_name=_("помещение"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="error_proofings",
    )
    error = models.CharField(_("какую ошибку предотвращает"), max_length=TEXT_MAX_LENGTH)
    measure = models.CharField(_("способ защиты"), max_length=TEXT_MAX_LENGTH)
    in_force = models.BooleanField(_("действует"), default=True)

    class Meta:
        verbose_name = _("защита от ошибок")
        verbose_name_plural = _("защита от ошибок")
        ordering = ["agency", "pk"]

    def __str__(self):
        return self.measure


class EmergencyProcedure(models.Model):
    """«Порядок действий в чрезвычайной ситуации» (criterion 4.7, L2475): its steps, the places
    where it is posted, approved by the head of the agency."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="emergency_procedures",
    )
    title = models.CharField(_("ситуация"), max_length=TITLE_MAX_LENGTH)
    steps = models.TextField(_("последовательность действий"))
    posted_at = models.CharField(_("где размещён"), max_length=TEXT_MAX_LENGTH, blank=True)
    # Criterion 4.7's second indicator (L2489): «все средства, применяемые в чрезвычайных
    # ситуациях, обозначены, исправны, имеется свободный доступ к месту их расположения».
    equipment = models.CharField(
        _("средства для чрезвычайной ситуации и место их расположения"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
    )
    status = models.CharField(
        _("состояние"),
        max_length=16,
        choices=ProcedureStatus.choices,
        default=ProcedureStatus.DRAFT,
    )
    approver = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("руководитель, утвердивший порядок"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто отметил утверждение"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_on = models.DateField(_("дата утверждения"), null=True, blank=True)

    class Meta:
        verbose_name = _("порядок действий в чрезвычайной ситуации")
        verbose_name_plural = _("порядки действий в чрезвычайной ситуации")
        ordering = ["agency", "title"]

    def __str__(self):
        return self.title
