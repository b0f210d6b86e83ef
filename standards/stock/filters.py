"""One FilterSet per stock list, applied in the selectors (`agencies.filters.apply_filters`) so
the pages and the API filter alike and a malformed value is a 400 naming the parameter."""

import django_filters
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils.translation import gettext_lazy

from agencies.models import Agency, Room
from standards.stock.choices import RequestStatus
from standards.stock.models import OrderRequest, StockItem, StockPlace


def _agencies() -> QuerySet[Agency]:
    return Agency.objects.order_by("short_name")


class StockPlaceFilter(django_filters.FilterSet):
    """`?agency=`, `?room=`, `?needs_order=true` (a place with an item at its minimum)."""

    agency = django_filters.ModelChoiceFilter(
        queryset=_agencies(), label=gettext_lazy("ОИВ ЯО / СППО"), empty_label=gettext_lazy("все")
    )
    room = django_filters.ModelChoiceFilter(
        queryset=Room.objects.all(),
        label=gettext_lazy("Помещение"),
        empty_label=gettext_lazy("все"),
    )
    needs_order = django_filters.BooleanFilter(
        method="filter_needs_order", label=gettext_lazy("Нужен заказ")
    )

    class Meta:
        model = StockPlace
        fields = ["agency", "room", "needs_order"]

    def filter_needs_order(self, queryset, name, value):
        if value is None:
            return queryset
        low = Exists(StockItem.objects.filter(place=OuterRef("pk"), count__lte=F("minimum")))
        return queryset.filter(low) if value else queryset.exclude(low)


class StockItemFilter(django_filters.FilterSet):
    """`?agency=`, `?place=`."""

    agency = django_filters.ModelChoiceFilter(
        field_name="place__agency",
        queryset=_agencies(),
        label=gettext_lazy("ОИВ ЯО / СППО"),
        empty_label=gettext_lazy("все"),
    )
    place = django_filters.ModelChoiceFilter(
        queryset=StockPlace.objects.all(), label=gettext_lazy("Место хранения")
    )

    class Meta:
        model = StockItem
        fields = ["agency", "place"]


class OrderRequestFilter(django_filters.FilterSet):
    """`?agency=`, `?place=`, `?status=`."""

    agency = django_filters.ModelChoiceFilter(
        queryset=_agencies(), label=gettext_lazy("ОИВ ЯО / СППО"), empty_label=gettext_lazy("все")
    )
    place = django_filters.ModelChoiceFilter(
        queryset=StockPlace.objects.all(), label=gettext_lazy("Место хранения")
    )
    status = django_filters.ChoiceFilter(
        choices=RequestStatus.choices,
        label=gettext_lazy("Состояние"),
        empty_label=gettext_lazy("все"),
    )

    class Meta:
        model = OrderRequest
        fields = ["agency", "place", "status"]
