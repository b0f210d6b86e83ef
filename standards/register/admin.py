"""Admin of the register and the daily checklist: the region's readers look, the administrator
corrects the reference list of mandatory kinds; standards, versions and checklists are written
and signed through the services (pages and API), so the admin shows them read-only."""

from django.contrib import admin

from core.admin import PortalModelAdmin, ServiceOnlyAdmin
from standards.register.models import (
    DailyChecklist,
    DailyChecklistItem,
    Standard,
    StandardAttachment,
    StandardKind,
    StandardVersion,
)


@admin.register(StandardKind)
class StandardKindAdmin(PortalModelAdmin):
    list_display = ["order", "title", "code", "source_line"]


class VersionInline(admin.TabularInline):
    model = StandardVersion
    extra = 0
    fields = ["number", "status", "agreed_by", "agreed_on", "approved_by", "approved_on"]
    readonly_fields = fields


@admin.register(Standard)
class StandardAdmin(ServiceOnlyAdmin):
    list_display = ["title", "agency", "kind", "status", "approved_on", "review_due"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "agency__short_name"]
    list_select_related = ["agency", "kind"]
    readonly_fields = ["status", "approved_version", "approved_on", "review_due", "origin"]
    inlines = [VersionInline]


class AttachmentInline(admin.TabularInline):
    model = StandardAttachment
    extra = 0


@admin.register(StandardVersion)
class StandardVersionAdmin(ServiceOnlyAdmin):
    list_display = ["standard", "number", "status", "approved_on"]
    list_filter = ["status"]
    list_select_related = ["standard"]
    readonly_fields = ["status", "agreed_by", "agreed_on", "approved_by", "approved_on"]
    inlines = [AttachmentInline]


class ItemInline(admin.TabularInline):
    model = DailyChecklistItem
    extra = 0


@admin.register(DailyChecklist)
class DailyChecklistAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "version", "time_of_use", "duration_minutes", "status"]
    list_filter = ["status"]
    list_select_related = ["agency"]
    readonly_fields = ["status", "approved_by", "approved_on"]
    inlines = [ItemInline]
