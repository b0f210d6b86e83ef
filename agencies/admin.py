from django.contrib import admin

from agencies.models import (
    Agency,
    Curator,
    FiveSTeam,
    Person,
    TeamMembership,
    WorkingGroup,
    WorkingGroupMembership,
)
from core.admin import PortalModelAdmin


@admin.register(Curator)
class CuratorAdmin(PortalModelAdmin):
    list_display = ["full_name", "position"]
    search_fields = ["full_name"]


@admin.register(Agency)
class AgencyAdmin(PortalModelAdmin):
    list_display = [
        "short_name",
        "kind",
        "curator",
        "staff_headcount",
        "deployment_state",
        "steps_completed",
    ]
    list_filter = ["kind", "deployment_state", "responsible_for_common_areas"]
    search_fields = ["full_name", "short_name"]
    list_select_related = ["curator"]
    raw_id_fields = ["head"]


@admin.register(Person)
class PersonAdmin(PortalModelAdmin):
    list_display = ["full_name", "position", "agency", "trained_on", "user"]
    list_filter = ["agency"]
    search_fields = ["full_name", "position"]
    list_select_related = ["agency", "user"]
    raw_id_fields = ["user"]


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    raw_id_fields = ["person"]
    extra = 0


@admin.register(FiveSTeam)
class FiveSTeamAdmin(PortalModelAdmin):
    list_display = ["name", "leader", "period_start", "order_number", "order_date"]
    search_fields = ["name"]
    list_select_related = ["leader"]
    raw_id_fields = ["leader", "storage_keeper"]
    filter_horizontal = ["agencies"]
    inlines = [TeamMembershipInline]


class WorkingGroupMembershipInline(admin.TabularInline):
    model = WorkingGroupMembership
    raw_id_fields = ["person"]
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(PortalModelAdmin):
    list_display = ["name", "head"]
    raw_id_fields = ["head"]
    inlines = [WorkingGroupMembershipInline]
