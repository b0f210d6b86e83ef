"""Admin pages read audits only: every change goes through the services (the HTML pages and
the API), so the rules of §4.10, §5.6 and §9.3 cannot be bypassed from the admin."""

from django.contrib import admin

from agencies.people import person_of
from audits import permissions
from audits.closure.models import ClosureProblem, ClosureStandard, StepClosure
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

    def scope(self, request, queryset):
        return permissions.visible_audits(request.user, queryset)

    def may_see(self, request, obj):
        return permissions.visible_audits(request.user).filter(pk=obj.pk).exists()


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ServiceOnlyAdmin):
    list_display = ["audit", "auditor", "status", "submitted_at"]
    list_select_related = ["audit__agency", "auditor"]

    def scope(self, request, queryset):
        # As permissions.can_view_sheet: the head and administrators, or the sheet's author.
        if permissions.can_plan_audit(request.user):
            return queryset
        person = person_of(request.user)
        return queryset.filter(auditor=person) if person is not None else queryset.none()

    def may_see(self, request, obj):
        return permissions.can_view_sheet(request.user, obj)


@admin.register(CorrectiveActionPlan)
class CorrectiveActionPlanAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "audit", "status", "approved_on", "copy_due", "copy_sent_at"]
    list_select_related = ["audit__agency"]

    def scope(self, request, queryset):
        return permissions.visible_plans(request.user, queryset)

    def may_see(self, request, obj):
        return permissions.visible_plans(request.user).filter(pk=obj.pk).exists()


@admin.register(InternalAudit)
class InternalAuditAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "month", "conducted_on"]
    list_select_related = ["agency"]


@admin.register(Photo)
class PhotoAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "taken_on", "place", "subject", "photographer"]
    list_select_related = ["agency"]


class ClosureProblemInline(admin.TabularInline):
    model = ClosureProblem
    extra = 0
    can_delete = False
    readonly_fields = ["number", "problem", "proposal"]


class ClosureStandardInline(admin.TabularInline):
    model = ClosureStandard
    extra = 0
    can_delete = False
    readonly_fields = ["number", "name", "purpose", "problems", "copy_name"]
    exclude = ["copy"]


@admin.register(StepClosure)
class StepClosureAdmin(ServiceOnlyAdmin):
    """Closed steps (§4.6, L501): closed by the team's diagnosis on the portal's pages and API,
    never typed here; the agency's completed steps follow from them."""

    list_display = ["agency", "step", "closed_on", "recipient", "recorded"]
    list_filter = ["step", "recorded"]
    list_select_related = ["agency"]
    search_fields = ["agency__short_name"]
    inlines = [ClosureProblemInline, ClosureStandardInline]
