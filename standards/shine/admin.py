"""Admin pages show the step-3 records; the forms, their rows, signatures and actual dates are
written through standards.shine.services (pages and API), so the rules hold."""

from django.contrib import admin

from core.admin import ServiceOnlyAdmin
from standards.shine.models import (
    CleaningAnalysis,
    CleaningPlan,
    CleaningSchedule,
    ContaminationType,
    GeneralCleaning,
    Signature,
)


@admin.register(ContaminationType)
class ContaminationTypeAdmin(ServiceOnlyAdmin):
    list_display = ["name", "agency", "order"]
    list_filter = ["agency"]
    list_select_related = ["agency"]
    search_fields = ["name"]


@admin.register(CleaningAnalysis)
class CleaningAnalysisAdmin(ServiceOnlyAdmin):
    list_display = ["date", "kind", "agency"]
    list_filter = ["kind", "agency"]
    list_select_related = ["agency"]


@admin.register(CleaningPlan)
class CleaningPlanAdmin(ServiceOnlyAdmin):
    list_display = ["pk", "agency", "department", "inventory_officer", "inventory_phone"]
    list_filter = ["agency"]
    list_select_related = ["agency", "inventory_officer"]


@admin.register(CleaningSchedule)
class CleaningScheduleAdmin(ServiceOnlyAdmin):
    list_display = ["room", "agency", "period_start", "period_end", "department_head"]
    list_filter = ["agency"]
    list_select_related = ["agency", "room", "department_head"]


@admin.register(GeneralCleaning)
class GeneralCleaningAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "preparation_start", "cleaning_start", "cleaning_end"]
    list_filter = ["agency"]
    list_select_related = ["agency"]


@admin.register(Signature)
class SignatureAdmin(ServiceOnlyAdmin):
    list_display = ["role", "person", "signed_on", "on_behalf", "plan", "schedule", "analysis"]
    list_filter = ["role", "on_behalf"]
    list_select_related = ["person", "plan", "schedule__room", "analysis"]
