"""Admin pages show the sorting records; numbering, list agreement and the storage zone live
in sorting.services, so they are written through the portal's pages and API."""

from django.contrib import admin

from core.admin import PortalModelAdmin, ServiceOnlyAdmin
from sorting.models import (
    ClassifierEntry,
    ControlSheetItem,
    RedTag,
    SortingList,
    SortingRound,
    StorageAdmission,
    StorageCheck,
)


@admin.register(ClassifierEntry)
class ClassifierEntryAdmin(PortalModelAdmin):
    list_display = ["text", "category", "kind", "team", "order"]
    list_filter = ["category", "kind"]


@admin.register(ControlSheetItem)
class ControlSheetItemAdmin(PortalModelAdmin):
    list_display = ["section_number", "text", "order"]


@admin.register(RedTag)
class RedTagAdmin(ServiceOnlyAdmin):
    list_display = ["number", "agency", "item_name", "room", "marked_on"]
    list_filter = ["agency"]
    search_fields = ["item_name", "room__name", "inventory_number"]
    list_select_related = ["agency", "room"]


@admin.register(SortingRound)
class SortingRoundAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "date_from", "date_to", "next_sorting_on"]
    list_select_related = ["agency"]


@admin.register(SortingList)
class SortingListAdmin(ServiceOnlyAdmin):
    list_display = ["round", "kind"]
    list_select_related = ["round__agency"]


@admin.register(StorageAdmission)
class StorageAdmissionAdmin(ServiceOnlyAdmin):
    list_display = ["red_tag", "agency", "admitted_on", "released_on"]
    list_select_related = ["red_tag", "agency"]


@admin.register(StorageCheck)
class StorageCheckAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "checked_on", "checked_by"]
    list_select_related = ["agency", "checked_by"]
