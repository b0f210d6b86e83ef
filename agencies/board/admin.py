"""Admin of the information board (§4.9, L561–597). Registered from agencies/admin.py. Updates
and remarks are written through the portal's services (photo validation, the team's rights,
the linked improvement proposal); the admin shows them."""

from django.contrib import admin

from agencies.board.models import BoardRemark, BoardUpdate, InformationBoard
from core.admin import PortalModelAdmin, ServiceOnlyAdmin


@admin.register(InformationBoard)
class InformationBoardAdmin(PortalModelAdmin):
    list_display = ["agency", "collector", "designer", "place", "set_up_on"]
    list_select_related = ["agency", "collector", "designer"]
    search_fields = ["agency__short_name", "goal", "place"]
    autocomplete_fields = ["agency", "collector", "designer"]
    readonly_fields = ["changed_by"]


@admin.register(BoardUpdate)
class BoardUpdateAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "date", "person", "recorded_at"]
    list_select_related = ["agency", "person"]
    search_fields = ["agency__short_name", "note"]
    date_hierarchy = "date"
    deletable = True


@admin.register(BoardRemark)
class BoardRemarkAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "kind", "author", "proposal", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["agency", "author", "proposal"]
    search_fields = ["agency__short_name", "text"]
    deletable = True
