"""Admin pages show the records of «Set in order»; uploads, approvals and the schedule's
agreement live in standards.placement.services, so they are written through the pages and API."""

from django.contrib import admin

from core.admin import ServiceOnlyAdmin
from standards.placement.models import PlacementRules, PlacementSchedule, PlacementScheme


@admin.register(PlacementScheme)
class PlacementSchemeAdmin(ServiceOnlyAdmin):
    list_display = ["room", "kind", "version", "agency", "status", "approved_on"]
    list_filter = ["kind", "status", "agency"]
    list_select_related = ["agency", "room"]


@admin.register(PlacementSchedule)
class PlacementScheduleAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "drawn_up_on", "status", "agreed_on", "copy_sent_on"]
    list_filter = ["status", "agency"]
    list_select_related = ["agency"]


@admin.register(PlacementRules)
class PlacementRulesAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "version", "status", "approved_on"]
    list_filter = ["status", "agency"]
    list_select_related = ["agency"]
