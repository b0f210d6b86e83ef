"""Admin pages show the visual-control records; they are written through the pages and API
(standards.visual.services)."""

from django.contrib import admin

from core.admin import ServiceOnlyAdmin
from standards.visual.models import EmergencyProcedure, ErrorProofing, VisualControlList


@admin.register(VisualControlList)
class VisualControlListAdmin(ServiceOnlyAdmin):
    list_display = ["room", "agency", "compiled_on", "status", "agreed_on"]
    list_filter = ["status", "agency"]
    list_select_related = ["agency", "room"]


@admin.register(ErrorProofing)
class ErrorProofingAdmin(ServiceOnlyAdmin):
    list_display = ["measure", "error", "agency", "room", "in_force"]
    list_select_related = ["agency", "room"]


@admin.register(EmergencyProcedure)
class EmergencyProcedureAdmin(ServiceOnlyAdmin):
    list_display = ["title", "agency", "status", "approved_on"]
    list_filter = ["status"]
    list_select_related = ["agency"]
