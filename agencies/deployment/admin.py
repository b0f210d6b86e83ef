"""Admin pages of the deployment order and plan: the rules (one plan per year, maxima,
approval by the head or curator) live in the services, so the admin shows and the portal's
pages and API write."""

from django.contrib import admin

from agencies.deployment.models import (
    DeploymentOrder,
    DeploymentPlan,
    PlanActivity,
    PlanTemplateActivity,
)
from core.admin import PortalModelAdmin, ServiceOnlyAdmin


@admin.register(PlanTemplateActivity)
class PlanTemplateActivityAdmin(PortalModelAdmin):
    list_display = ["section", "number", "title", "max_weeks", "max_days", "period_group"]
    list_filter = ["section"]


class PlanActivityInline(admin.TabularInline):
    model = PlanActivity
    extra = 0
    can_delete = False
    fields = ["section", "number", "title", "planned_start", "planned_end", "actual_end"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DeploymentPlan)
class DeploymentPlanAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "year", "status", "approved_on", "approval_late", "copies_sent_on"]
    list_filter = ["status", "year"]
    list_select_related = ["agency"]
    inlines = [PlanActivityInline]


@admin.register(DeploymentOrder)
class DeploymentOrderAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "number", "date", "issuer", "copy_sent_on", "team_approved_on"]
    list_filter = ["date"]
    list_select_related = ["agency", "issuer"]
