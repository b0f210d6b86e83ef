"""The stock of material objects (§8.2, the 5S standard «Управление уровнем запасов
материальных объектов», seed 003 L1211–1245) and its order request (Appendix 27, L4833–4873)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from standards.stock import rules
from standards.stock.choices import (
    LEAD_DAYS_DEFAULT,
    LEAD_DAYS_MAX,
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    QUANTITY_MAX,
    UNIT_MAX_LENGTH,
    RequestStatus,
)


def _quantity(label):
    return models.PositiveIntegerField(label, validators=[MaxValueValidator(QUANTITY_MAX)])


class StockPlace(models.Model):
    """A place where an agency keeps material objects (§8.2, section 1 of the stock standard,
    L1229: «номенклатуру, сведения о минимальном и максимальном уровне запасов … в месте
    хранения»), in one of its rooms, with the employee responsible for the stock (L1237)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="stock_places",
    )
    room = models.ForeignKey(
        "agencies.Room",
        verbose_name=_("помещение"),
        on_delete=models.PROTECT,
        related_name="stock_places",
    )
    name = models.CharField(_("место хранения"), max_length=NAME_MAX_LENGTH)
    responsible = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("ответственный за наличие материальных объектов"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    lead_days = models.PositiveSmallIntegerField(
        _("срок получения со склада, дней"),
        default=LEAD_DAYS_DEFAULT,
        validators=[MaxValueValidator(LEAD_DAYS_MAX)],
    )

    class Meta:
        verbose_name = _("место хранения материальных объектов")
        verbose_name_plural = _("места хранения материальных объектов")
        ordering = ["agency", "room__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["room", "name"], name="stock_place_unique_per_room")
        ]

    def __str__(self):
        return f"{self.room} — {self.name}"

    def get_absolute_url(self):
        return reverse("standards:stock-place", args=[self.pk])


class StockItem(models.Model):
    """One object of a storage place's nomenclature with its minimum and maximum levels and the
    current count (L1229, L1235)."""

    place = models.ForeignKey(
        StockPlace, verbose_name=_("место хранения"), on_delete=models.CASCADE, related_name="items"
    )
    name = models.CharField(_("наименование материального объекта"), max_length=NAME_MAX_LENGTH)
    unit = models.CharField(_("единица"), max_length=UNIT_MAX_LENGTH, default="шт.")
    minimum = _quantity(_("минимальный уровень"))
    maximum = _quantity(_("максимальный уровень"))
    count = models.PositiveIntegerField(
        _("количество"), default=0, validators=[MaxValueValidator(QUANTITY_MAX)]
    )
    counted_on = models.DateField(_("дата пересчёта"), null=True, blank=True)

    class Meta:
        verbose_name = _("материальный объект")
        verbose_name_plural = _("материальные объекты")
        ordering = ["place", "name"]
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="stock_item_unique_per_place"),
            models.CheckConstraint(
                condition=Q(minimum__lte=F("maximum")), name="stock_item_minimum_not_above_maximum"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def needs_order(self) -> bool:
        return rules.needs_order(self.count, self.minimum)

    @property
    def over_maximum(self) -> bool:
        return rules.over_maximum(self.count, self.maximum)


class StockCount(models.Model):
    """A count of an item as recorded (or a delivery received): the history the consumption
    between requests is taken from (L1231)."""

    item = models.ForeignKey(
        StockItem,
        verbose_name=_("материальный объект"),
        on_delete=models.CASCADE,
        related_name="counts",
    )
    counted_on = models.DateField(_("дата"))
    count = models.PositiveIntegerField(_("количество"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто записал"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("записано"), auto_now_add=True)

    class Meta:
        verbose_name = _("пересчёт запаса")
        verbose_name_plural = _("пересчёты запасов")
        ordering = ["item", "counted_on", "pk"]

    def __str__(self):
        return f"{self.item}: {self.count} ({self.counted_on:%d.%m.%Y})"


class OrderRequest(models.Model):
    """«Заявка на заказ материальных объектов» (Appendix 27, L4833–4873): proposed when a count
    reaches the minimum, to the employee responsible for stock (L1237), approved by the head of
    the agency («УТВЕРЖДАЮ»), printed in two copies; nothing is bought without one (L1217)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="stock_requests",
    )
    place = models.ForeignKey(
        StockPlace,
        verbose_name=_("место хранения"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    number = models.PositiveIntegerField(_("номер"))
    requested_on = models.DateField(_("дата заявки"))
    status = models.CharField(
        _("состояние"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PROPOSED
    )
    responsible = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("ответственный за материальное обеспечение"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто передал на утверждение"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approver = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("руководитель, утвердивший заявку"),
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
    on_behalf = models.BooleanField(_("утверждение отмечено администратором"), default=False)
    received_on = models.DateField(_("дата получения"), null=True, blank=True)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)

    class Meta:
        verbose_name = _("заявка на заказ материальных объектов")
        verbose_name_plural = _("заявки на заказ материальных объектов")
        ordering = ["-requested_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="stock_request_unique_number")
        ]

    def __str__(self):
        return _("Заявка № %(number)s от %(date)s") % {
            "number": self.number,
            "date": self.requested_on.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self):
        return reverse("standards:stock-request", args=[self.pk])


class OrderLine(models.Model):
    """A row of the request's table (Appendix 27: «№ п/п», «Наименование материального
    объекта», «Количество», «Примечание»)."""

    request = models.ForeignKey(
        OrderRequest, verbose_name=_("заявка"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveIntegerField(_("№ п/п"))
    item = models.ForeignKey(
        StockItem,
        verbose_name=_("материальный объект"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
    )
    name = models.CharField(_("наименование материального объекта"), max_length=NAME_MAX_LENGTH)
    quantity = models.PositiveIntegerField(
        _("количество"), validators=[MaxValueValidator(QUANTITY_MAX)]
    )
    suggested = models.PositiveIntegerField(_("предложено порталом"), default=0)
    note = models.CharField(_("примечание"), max_length=NOTE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("строка заявки")
        verbose_name_plural = _("строки заявки")
        ordering = ["request", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "position"], name="stock_line_unique_position"
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.name}"
