"""Reads of the stock of material objects (§8.2, L1211–1245; Appendix 27), scoped to what the
user may read and fetched with a constant number of queries however many places, items and
requests there are."""

from collections.abc import Mapping
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404

from agencies.models import Agency
from agencies.people import person_of
from core.filters import apply_filters
from core.permissions import is_administrator
from standards.stock import filters, permissions
from standards.stock.choices import RequestStatus
from standards.stock.models import OrderLine, OrderRequest, StockItem, StockPlace


def place_list(*, user: Any, filters_data: Mapping[str, Any] | None = None) -> QuerySet[StockPlace]:
    places = StockPlace.objects.select_related("agency", "room", "responsible").prefetch_related(
        Prefetch("items", queryset=StockItem.objects.order_by("name"))
    )
    places = permissions.scope_by_agency(places, user)
    return apply_filters(filters.StockPlaceFilter, filters_data, places).order_by(
        "agency__short_name", "room__name", "name"
    )


def place_detail(*, user: Any, pk: int) -> StockPlace:
    place = place_list(user=user).filter(pk=pk).first()
    if place is None:
        raise Http404
    return place


def item_list(*, user: Any, filters_data: Mapping[str, Any] | None = None) -> QuerySet[StockItem]:
    items = StockItem.objects.select_related("place__agency", "place__room")
    items = permissions.scope_by_agency(items, user, "place__agency_id")
    return apply_filters(filters.StockItemFilter, filters_data, items).order_by(
        "place__agency__short_name", "place__room__name", "place__name", "name"
    )


def request_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[OrderRequest]:
    requests = OrderRequest.objects.select_related(
        "agency", "agency__head", "place__room", "responsible", "approver"
    ).prefetch_related(Prefetch("lines", queryset=OrderLine.objects.order_by("position")))
    requests = permissions.scope_by_agency(requests, user)
    return apply_filters(filters.OrderRequestFilter, filters_data, requests).order_by(
        "-requested_on", "-number", "-pk"
    )


def request_detail(*, user: Any, pk: int) -> OrderRequest:
    request = request_list(user=user).filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def requests_to_approve(*, user: Any) -> QuerySet[OrderRequest]:
    """Requests waiting for this user's approval: the agencies they head (Appendix 27)."""
    submitted = OrderRequest.objects.filter(status=RequestStatus.SUBMITTED).select_related(
        "agency", "place__room"
    )
    if is_administrator(user):
        return submitted.order_by("requested_on", "pk")
    person = person_of(user)
    if person is None:
        return submitted.none()
    return submitted.filter(agency__head=person).order_by("requested_on", "pk")


def items_needing_order(*, user: Any) -> QuerySet[StockItem]:
    """Items at or below the minimum in the places the user is responsible for (L1237)."""
    person = person_of(user)
    if person is None:
        return StockItem.objects.none()
    return (
        StockItem.objects.filter(place__responsible=person, count__lte=F("minimum"))
        .select_related("place__room")
        .order_by("place__room__name", "place__name", "name")
    )


def proposed_requests_for(*, user: Any) -> QuerySet[OrderRequest]:
    person = person_of(user)
    if person is None:
        return OrderRequest.objects.none()
    return OrderRequest.objects.filter(
        status=RequestStatus.PROPOSED, place__responsible=person
    ).select_related("place__room")


def agency_of(*, user: Any, pk: int) -> Agency:
    if not permissions.can_view_agency(user, pk):
        raise Http404
    agency = Agency.objects.filter(pk=pk).first()
    if agency is None:
        raise Http404
    return agency
