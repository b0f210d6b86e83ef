from django.contrib import admin

from agencies.models import (
    Agency,
    Curator,
    FiveSTeam,
    Person,
    Room,
    TeamMembership,
    WorkingGroup,
    WorkingGroupMembership,
)
from agencies.walkrounds.models import WalkRound
from core.admin import PortalModelAdmin, ServiceOnlyAdmin


@admin.register(Curator)
class CuratorAdmin(PortalModelAdmin):
    list_display = ["full_name", "position", "person"]
    search_fields = ["full_name"]
    raw_id_fields = ["person"]


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
    # Set by closing a step (audits.closure, §4.6 L501), never typed (issue 14, item 3).
    readonly_fields = ["steps_completed"]


@admin.register(Person)
class PersonAdmin(PortalModelAdmin):
    list_display = [
        "full_name",
        "position",
        "position_level",
        "agency",
        "trained_on",
        "council_role",
        "user",
    ]
    list_filter = ["council_role", "position_level", "agency"]
    search_fields = ["full_name", "position"]
    list_select_related = ["agency", "user"]
    raw_id_fields = ["user"]


class TeamMembershipInline(admin.TabularInline):
    """Read-only here: a team's composition changes only through agencies.services, which
    enforces §4.3 (the portal's team form), so the admin cannot save a team that breaks it."""

    model = TeamMembership
    fields = ["person"]
    readonly_fields = ["person"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FiveSTeam)
class FiveSTeamAdmin(PortalModelAdmin):
    list_display = ["name", "leader", "period_start", "order_number", "order_date"]
    search_fields = ["name"]
    list_select_related = ["leader"]
    readonly_fields = ["agencies", "leader", "storage_keeper", "curator"]
    inlines = [TeamMembershipInline]

    def has_add_permission(self, request):
        return False  # teams are formed through the portal's team form (§4.3 rules)


class WorkingGroupMembershipInline(admin.TabularInline):
    """Read-only for the same reason: the working-group form checks that nobody sits on a team."""

    model = WorkingGroupMembership
    fields = ["person"]
    readonly_fields = ["person"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WorkingGroup)
class WorkingGroupAdmin(PortalModelAdmin):
    list_display = ["name", "head"]
    readonly_fields = ["head"]
    inlines = [WorkingGroupMembershipInline]

    def has_add_permission(self, request):
        return False  # formed through the portal's working-group form


@admin.register(Room)
class RoomAdmin(PortalModelAdmin):
    list_display = ["name", "agency", "kind", "area", "common_area", "single_workplace"]
    list_filter = ["kind", "common_area", "agency"]
    search_fields = ["name", "agency__short_name"]
    list_select_related = ["agency"]


@admin.register(WalkRound)
class WalkRoundAdmin(ServiceOnlyAdmin):
    """The head's walk-rounds (§4.5, L461): recorded and confirmed through the portal's pages
    and API (the leader's presence and the head's confirmation are the services' rules)."""

    list_display = ["agency", "date", "head", "leader", "status", "confirmed_on"]
    list_filter = ["status"]
    search_fields = ["agency__short_name", "looked_at", "remarks"]
    list_select_related = ["agency", "head", "leader"]
    date_hierarchy = "date"


# The information board (§4.9, Appendix 11) registers its own admin.
from agencies.board import admin as board_admin  # noqa: E402, F401

# The deployment order and plan's admin pages (§4.4, §4.8).
from agencies.deployment import admin as deployment_admin  # noqa: E402, F401

# The indicator sheet (§4.7, Appendix 8).
from agencies.indicators import admin as indicators_admin  # noqa: E402, F401

# Training (§9.2) and improvement proposals (§9.1, Appendix 36) register their own admins.
from agencies.proposals import admin as proposals_admin  # noqa: E402, F401
from agencies.training import admin as training_admin  # noqa: E402, F401
