"""Admin pages show the stock records; levels, counts, the proposing of requests and their
approval live in standards.stock.services, so they are written through the pages and API."""

from django.contrib import admin

from core.admin import ServiceOnlyAdmin
from standards.stock.models import OrderRequest, StockItem, StockPlace


@admin.register(StockPlace)
class StockPlaceAdmin(ServiceOnlyAdmin):
    list_display = ["name", "room", "agency", "responsible"]
    list_filter = ["agency"]
    list_select_related = ["agency", "room", "responsible"]


@admin.register(StockItem)
class StockItemAdmin(ServiceOnlyAdmin):
    list_display = ["name", "place", "minimum", "maximum", "count", "counted_on"]
    list_select_related = ["place__room"]
    search_fields = ["name"]


@admin.register(OrderRequest)
class OrderRequestAdmin(ServiceOnlyAdmin):
    list_display = ["number", "agency", "place", "requested_on", "status", "approved_on"]
    list_filter = ["status", "agency"]
    list_select_related = ["agency", "place__room"]
