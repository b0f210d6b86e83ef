from django.contrib import admin

from core.admin import PortalModelAdmin
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


@admin.register(Publication)
class PublicationAdmin(PortalModelAdmin):
    list_display = ["title", "kind", "agency", "period", "published_at"]
    list_filter = ["kind"]
    search_fields = ["title", "agency__short_name"]
    list_select_related = ["agency"]
    raw_id_fields = ["document"]
