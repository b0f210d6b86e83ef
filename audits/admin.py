"""Admin pages read audits only: every change goes through the services (the HTML pages and
the API), so the rules of §4.10, §5.6 and §9.3 cannot be bypassed from the admin."""

from django.contrib import admin

from audits.models import (
    Audit,
    ChecklistVersion,
    CorrectiveActionPlan,
    Criterion,
    InternalAudit,
    Photo,
    ScoreSheet,
)
from core.admin import ServiceOnlyAdmin


@admin.register(ChecklistVersion)
class ChecklistVersionAdmin(ServiceOnlyAdmin):
    list_display = ["version", "title", "loaded_at"]


@admin.register(Criterion)
class CriterionAdmin(ServiceOnlyAdmin):
    list_display = ["code", "version", "common_areas_only", "external_data"]
    list_filter = ["version", "step_number"]


@admin.register(Audit)
class AuditAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "date", "status", "checklist"]
    list_filter = ["status"]
    list_select_related = ["agency", "checklist"]
    date_hierarchy = "date"


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ServiceOnlyAdmin):
    list_display = ["audit", "auditor", "status", "submitted_at"]
    list_select_related = ["audit__agency", "auditor"]


@admin.register(CorrectiveActionPlan)
class CorrectiveActionPlanAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "audit", "status", "approved_on", "copy_due", "copy_sent_at"]
    list_select_related = ["agency", "audit__agency"]


@admin.register(InternalAudit)
class InternalAuditAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "month", "conducted_on"]
    list_select_related = ["agency"]


@admin.register(Photo)
class PhotoAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "taken_on", "place", "subject", "photographer"]
    list_select_related = ["agency"]
