"""Writes of the stock of material objects (§8.2 «Управление уровнем запасов материальных
объектов», seed 003 L1211–1245; Appendix 27).

- The 5S team keeps the storage places, their nomenclature and the minimum and maximum levels
  (section 1, L1229).
- A count is recorded by the team or the employee responsible for the place; a count at or
  below the minimum proposes an order request to that employee (L1237) with the order size
  suggested from the consumption since the previous request (L1231, `rules`). While a request
  of the place is open, a further item at its minimum joins it instead of starting another.
- The responsible employee (or the team) completes and submits the request; the head approves
  it (Appendix 27 «УТВЕРЖДАЮ»); the objects received from the warehouse are recorded against
  the approved request only — «приобретение материальных объектов возможно исключительно по
  заявке» (L1217), so there is no other way to raise a count above what was counted.

Each service checks the right first (403, nothing saved), locks what it changes, validates and
writes; a broken rule is an ApplicationError (400), a state that no longer allows the action a
ConflictError (409).
"""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from agencies.models import Agency, Person, Room
from agencies.people import person_of
from core import calendar, notifications
from core.exceptions import ApplicationError, ConflictError
from core.services import check_permission, full_clean_or_raise, update_from
from standards.stock import notices, permissions, rules
from standards.stock.choices import OPEN_STATUSES, RequestStatus
from standards.stock.models import OrderLine, OrderRequest, StockCount, StockItem, StockPlace

PLACE_FIELDS = ("room", "name", "responsible", "lead_days")
ITEM_FIELDS = ("name", "unit", "minimum", "maximum")
LINE_FIELDS = ("quantity", "note")


def _place_errors(place: StockPlace) -> None:
    errors = {}
    room: Room | None = place.room if place.room_id else None
    if room is not None and room.agency_id != place.agency_id:
        errors["room"] = _("Помещение другого ОИВ ЯО / СППО.")
    responsible: Person | None = place.responsible if place.responsible_id else None
    if responsible is not None and responsible.agency_id != place.agency_id:
        errors["responsible"] = _("Ответственный должен работать в этом ОИВ ЯО / СППО.")
    if errors:
        raise ApplicationError(_("Место хранения не сохранено."), details=errors)


@transaction.atomic
def place_create(*, actor: User, agency: Agency, data: Mapping[str, Any]) -> StockPlace:
    check_permission(
        permissions.can_edit(actor, agency.pk),
        _("Места хранения ведёт 5S-команда ОИВ ЯО / СППО."),
    )
    place = StockPlace(agency=agency, **{f: data[f] for f in PLACE_FIELDS if f in data})
    _place_errors(place)
    full_clean_or_raise(place)
    place.save()
    return place


@transaction.atomic
def place_update(*, actor: User, place: StockPlace, data: Mapping[str, Any]) -> StockPlace:
    check_permission(
        permissions.can_edit(actor, place.agency_id),
        _("Места хранения ведёт 5S-команда ОИВ ЯО / СППО."),
    )
    changed = update_from(place, data, PLACE_FIELDS)
    if changed:
        _place_errors(place)
        full_clean_or_raise(place)
        place.save(update_fields=changed)
    return place


def _item_errors(item: StockItem) -> None:
    if item.minimum is not None and item.maximum is not None and item.minimum > item.maximum:
        raise ApplicationError(
            _("Минимальный уровень не может быть больше максимального."),
            details={"minimum": _("Минимальный уровень больше максимального.")},
        )
    full_clean_or_raise(item)


@transaction.atomic
def item_create(
    *,
    actor: User,
    place: StockPlace,
    data: Mapping[str, Any],
    counted_on: datetime.date | None = None,
) -> StockItem:
    """A new object of the place's nomenclature with its levels; a count given with it is
    recorded as its first count (and may propose a request at once)."""
    check_permission(
        permissions.can_edit(actor, place.agency_id),
        _("Номенклатуру и уровни запасов устанавливает 5S-команда."),
    )
    item = StockItem(place=place)
    update_from(item, data, ITEM_FIELDS)
    _item_errors(item)
    item.save()
    if data.get("count") is not None:
        _count(actor=actor, item=item, count=int(data["count"]), counted_on=counted_on)
        _propose(place=place, items=[item], today=counted_on or calendar.today())
    return item


@transaction.atomic
def item_update(*, actor: User, item: StockItem, data: Mapping[str, Any]) -> StockItem:
    """Change the name or the levels (section 5 of the standard, L1245: the volumes are
    refined). A level raised to the current count proposes a request like a count does."""
    place = item.place
    check_permission(
        permissions.can_edit(actor, place.agency_id),
        _("Номенклатуру и уровни запасов устанавливает 5S-команда."),
    )
    item = StockItem.objects.select_for_update().get(pk=item.pk)
    changed = update_from(item, data, ITEM_FIELDS)
    if changed:
        _item_errors(item)
        item.save(update_fields=changed)
        _propose(place=place, items=[item], today=calendar.today())
    return item


@transaction.atomic
def item_delete(*, actor: User, item: StockItem) -> None:
    check_permission(
        permissions.can_edit(actor, item.place.agency_id),
        _("Номенклатуру и уровни запасов устанавливает 5S-команда."),
    )
    item.delete()


class ItemRow(TypedDict, total=False):
    """A row of the levels grid: an existing item (`item`) or a new one, or one to delete."""

    item: StockItem | None
    name: str
    unit: str
    minimum: int
    maximum: int
    delete: bool


@transaction.atomic
def items_save(*, actor: User, place: StockPlace, rows: Sequence[ItemRow]) -> list[StockItem]:
    """The levels grid of a place saved as a whole; a bad row refuses the grid (its message is
    keyed `<index>.<field>`) and nothing is saved."""
    check_permission(
        permissions.can_edit(actor, place.agency_id),
        _("Номенклатуру и уровни запасов устанавливает 5S-команда."),
    )
    errors: dict[str, str] = {}
    saved: list[StockItem] = []
    for index, row in enumerate(rows):
        existing = row.get("item")
        if existing is not None and existing.place_id != place.pk:
            errors[f"{index}.item"] = _("Объект другого места хранения.")
            continue
        if row.get("delete"):
            if existing is not None:
                existing.delete()
            continue
        item = existing or StockItem(place=place)
        changed = update_from(item, row, ITEM_FIELDS)
        try:
            _item_errors(item)
        except ApplicationError as error:
            errors.update({f"{index}.{k}": v for k, v in error.details.items()})
            continue
        if existing is None or changed:
            item.save()
        saved.append(item)
    if errors:
        raise ApplicationError(_("Уровни запасов не сохранены: проверьте строки."), details=errors)
    _propose(place=place, items=saved, today=calendar.today())
    return saved


def _count(
    *, actor: User | None, item: StockItem, count: int, counted_on: datetime.date | None
) -> None:
    day = counted_on or calendar.today()
    if count < 0:
        raise ApplicationError(
            _("Количество не может быть отрицательным."), {"count": _("Меньше нуля.")}
        )
    item.count = count
    item.counted_on = day
    full_clean_or_raise(item)
    item.save(update_fields=["count", "counted_on"])
    StockCount.objects.create(item=item, counted_on=day, count=count, recorded_by=actor)


@transaction.atomic
def count_record(
    *, actor: User, item: StockItem, count: int, counted_on: datetime.date | None = None
) -> OrderRequest | None:
    """Record the current count of an item (L1235); a count at or below the minimum proposes
    an order request (L1237). Returns the request proposed or extended, if any."""
    place = item.place
    check_permission(
        permissions.can_keep_stock(actor, place),
        _("Количество записывает 5S-команда или ответственный за наличие материальных объектов."),
    )
    item = StockItem.objects.select_for_update().select_related("place").get(pk=item.pk)
    _count(actor=actor, item=item, count=count, counted_on=counted_on)
    return _propose(place=place, items=[item], today=counted_on or calendar.today())


@transaction.atomic
def counts_record(
    *,
    actor: User,
    place: StockPlace,
    counts: Mapping[int, int],
    counted_on: datetime.date | None = None,
) -> OrderRequest | None:
    """The counts grid of a place (item id → count) recorded at once; at most one request is
    proposed for all the items at their minimum."""
    check_permission(
        permissions.can_keep_stock(actor, place),
        _("Количество записывает 5S-команда или ответственный за наличие материальных объектов."),
    )
    items = {i.pk: i for i in StockItem.objects.select_for_update().filter(place=place)}
    unknown = [pk for pk in counts if pk not in items]
    if unknown:
        raise ApplicationError(
            _("Объекты не из этого места хранения."), {"counts": ", ".join(map(str, unknown))}
        )
    changed = []
    for pk, count in counts.items():
        if items[pk].count != count or items[pk].counted_on != (counted_on or calendar.today()):
            _count(actor=actor, item=items[pk], count=count, counted_on=counted_on)
            changed.append(items[pk])
    return _propose(place=place, items=changed, today=counted_on or calendar.today())


def suggested_quantity(item: StockItem, *, today: datetime.date, lead_days: int) -> int:
    """The order size of `rules.suggest_order_quantity` for an item (L1231): the use since the
    previous request that ordered it, over the days since that request."""
    previous = (
        OrderLine.objects.filter(item=item)
        .exclude(request__status=RequestStatus.PROPOSED)
        .order_by("-request__requested_on", "-request__number")
        .values_list("request__requested_on", flat=True)
        .first()
    )
    if previous is None:
        return rules.suggest_order_quantity(
            consumed=0, interval_days=0, lead_days=lead_days, count=item.count, maximum=item.maximum
        )
    counts = list(
        item.counts.filter(counted_on__gte=previous)
        .order_by("counted_on", "pk")
        .values_list("count", flat=True)
    )
    return rules.suggest_order_quantity(
        consumed=rules.consumption(counts),
        interval_days=(today - previous).days,
        lead_days=lead_days,
        count=item.count,
        maximum=item.maximum,
    )


def _next_number(agency: Agency) -> int:
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    last = OrderRequest.objects.filter(agency=agency).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _propose(
    *, place: StockPlace, items: Sequence[StockItem], today: datetime.date
) -> OrderRequest | None:
    """An order request for the items at or below their minimum (L1237): the place's proposed
    request gains lines for them, or a new one is proposed to the person responsible. An item
    already on an open request (proposed, submitted or approved) is not ordered twice."""
    # An item never counted has no stock to speak of yet: its first count decides.
    due = [i for i in items if i.counted_on is not None and rules.needs_order(i.count, i.minimum)]
    if not due:
        return None
    ordered = set(
        OrderLine.objects.filter(item__in=due, request__status__in=OPEN_STATUSES).values_list(
            "item_id", flat=True
        )
    )
    due = [i for i in due if i.pk not in ordered]
    if not due:
        return None
    request = (
        OrderRequest.objects.select_for_update()
        .filter(place=place, status=RequestStatus.PROPOSED)
        .first()
    )
    created = request is None
    if request is None:
        request = OrderRequest.objects.create(
            agency=place.agency,
            place=place,
            number=_next_number(place.agency),
            requested_on=today,
            responsible=place.responsible,
        )
    position = request.lines.aggregate(n=Max("position"))["n"] or 0
    for item in due:
        position += 1
        suggested = suggested_quantity(item, today=today, lead_days=place.lead_days)
        OrderLine.objects.create(
            request=request,
            position=position,
            item=item,
            name=item.name,
            quantity=suggested,
            suggested=suggested,
        )
    if created:
        notifications.notify(
            kind=notices.ORDER_PROPOSED,
            subject=request,
            recipients=_stock_keepers(place),
            due_on=today,
        )
    return request


def _stock_keepers(place: StockPlace) -> list[Any]:
    """The person responsible for the place; without one, the 5S team leaders of the agency."""
    if place.responsible_id:
        return [place.responsible]
    return [team.leader for team in place.agency.teams.select_related("leader__user")]


def _locked(request: OrderRequest) -> OrderRequest:
    return (
        OrderRequest.objects.select_for_update()
        .select_related("place", "agency")
        .get(pk=request.pk)
    )


class LineRow(TypedDict, total=False):
    line: OrderLine
    quantity: int
    note: str


@transaction.atomic
def request_update(*, actor: User, request: OrderRequest, rows: Sequence[LineRow]) -> OrderRequest:
    """Correct the quantities and notes of a proposed request (Appendix 27, note 1: «Примечание»
    holds what matters for the order, e.g. the maker)."""
    check_permission(
        permissions.can_keep_stock(actor, request.place),
        _("Заявку составляет ответственный за наличие материальных объектов или 5S-команда."),
    )
    request = _locked(request)
    if request.status != RequestStatus.PROPOSED:
        raise ConflictError(_("Заявка уже передана на утверждение: её нельзя изменить."))
    errors: dict[str, str] = {}
    for index, row in enumerate(rows):
        line = row["line"]
        if line.request_id != request.pk:
            errors[f"{index}.line"] = _("Строка другой заявки.")
            continue
        changed = update_from(line, row, LINE_FIELDS)
        try:
            full_clean_or_raise(line)
        except ApplicationError as error:
            errors.update({f"{index}.{k}": v for k, v in error.details.items()})
            continue
        if changed:
            line.save(update_fields=changed)
    if errors:
        raise ApplicationError(_("Заявка не сохранена: проверьте строки."), details=errors)
    return request


@transaction.atomic
def request_submit(*, actor: User, request: OrderRequest) -> OrderRequest:
    """Pass the request to the head for approval; the head is reminded."""
    check_permission(
        permissions.can_keep_stock(actor, request.place),
        _("Заявку передаёт ответственный за наличие материальных объектов или 5S-команда."),
    )
    request = _locked(request)
    if request.status != RequestStatus.PROPOSED:
        raise ConflictError(_("Заявка уже передана на утверждение."))
    if not request.lines.filter(quantity__gt=0).exists():
        raise ApplicationError(
            _("В заявке нет ни одного объекта с количеством больше нуля."),
            {"lines": _("Укажите количество.")},
        )
    request.lines.filter(quantity=0).delete()
    request.status = RequestStatus.SUBMITTED
    request.submitted_by = actor
    request.save(update_fields=["status", "submitted_by"])
    head = request.agency.head
    notifications.notify(
        kind=notices.AWAITING_APPROVAL,
        subject=request,
        recipients=[head] if head is not None else [],
        due_on=request.requested_on,
    )
    return request


@transaction.atomic
def request_approve(
    *, actor: User, request: OrderRequest, today: datetime.date | None = None
) -> OrderRequest:
    """The head approves the request (Appendix 27 «УТВЕРЖДАЮ»); an administrator may record it
    on the head's behalf."""
    check_permission(
        permissions.may_approve_for(actor, request.agency),
        _("Заявку утверждает руководитель ОИВ ЯО / СППО."),
    )
    request = _locked(request)
    if request.status != RequestStatus.SUBMITTED:
        raise ConflictError(
            _("Утвердить можно только заявку, переданную на утверждение; эта — «%(status)s».")
            % {"status": request.get_status_display()}
        )
    on_behalf = permissions.approves_on_behalf(actor, request.agency)
    request.status = RequestStatus.APPROVED
    request.approved_by = actor
    request.approver = request.agency.head if on_behalf else person_of(actor)
    request.on_behalf = on_behalf
    request.approved_on = today or calendar.today()
    request.save(update_fields=["status", "approved_by", "approver", "on_behalf", "approved_on"])
    return request


@transaction.atomic
def request_receive(
    *, actor: User, request: OrderRequest, received_on: datetime.date | None = None
) -> OrderRequest:
    """The objects of an approved request are taken from the warehouse (L1239): each item's
    count grows by the line's quantity. Only an approved request may be received (L1217)."""
    check_permission(
        permissions.can_keep_stock(actor, request.place),
        _("Получение отмечает ответственный за наличие материальных объектов или 5S-команда."),
    )
    request = _locked(request)
    if request.status != RequestStatus.APPROVED:
        raise ConflictError(
            _("Приобретение материальных объектов возможно исключительно по утверждённой заявке.")
        )
    day = received_on or calendar.today()
    lines = list(request.lines.select_related("item"))
    items = {
        i.pk: i
        for i in StockItem.objects.select_for_update().filter(
            pk__in=[ln.item_id for ln in lines if ln.item_id]
        )
    }
    for line in lines:
        item = items.get(line.item_id) if line.item_id else None
        if item is not None:
            _count(actor=actor, item=item, count=item.count + line.quantity, counted_on=day)
    request.status = RequestStatus.RECEIVED
    request.received_on = day
    request.save(update_fields=["status", "received_on"])
    return request
