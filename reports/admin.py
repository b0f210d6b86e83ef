from django.contrib import admin

from core.admin import PortalModelAdmin
from core.retention import within_retention
from reports.models import GeneratedDocument, Publication


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(PortalModelAdmin):
    """Generated files are made by the tasks only; the admin looks and may delete."""

    list_display = ["__str__", "kind", "format", "status", "size", "created_by", "created_at"]
    list_filter = ["kind", "format", "status"]
    list_select_related = ["audit__agency", "created_by"]
    readonly_fields = [
        "kind",
        "format",
        "params",
        "audit",
        "month",
        "status",
        "progress",
        "error",
        "attempts",
        "file",
        "file_name",
        "size",
        "checksum",
        "created_by",
        "started_at",
        "finished_at",
    ]

    def has_add_permission(self, request, *args):
        return False

    def has_delete_permission(self, request, obj=None):
        """A copy of a final sheet or summary is kept two years (Regulation §5.8, L5493)."""
        if obj is not None and within_retention(obj.finished_at or obj.created_at):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Publication)
class PublicationAdmin(PortalModelAdmin):
    list_display = ["title", "kind", "agency", "period", "published_at"]
    list_filter = ["kind"]
    search_fields = ["title", "agency__short_name"]
    list_select_related = ["agency"]
    raw_id_fields = ["document"]

    def has_delete_permission(self, request, obj=None):
        """The knowledge base's copy of a final sheet, summary or photo report is kept two
        years from its last version (Regulation §5.8, L5493; Appendix 5 §6.3)."""
        if obj is not None and within_retention(obj.updated_at):
            return False
        return super().has_delete_permission(request, obj)
