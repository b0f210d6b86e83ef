"""Admin: the region's readers look at workplaces and studies; every change goes through the
portal's pages or API, where the services compute the figures (an admin edit would not)."""

from django.contrib import admin

from core.admin import ServiceOnlyAdmin
from productivity.models import Measurement, Operation, Study, Workplace


class MeasurementInline(admin.TabularInline):
    model = Measurement
    fields = [
        "phase",
        "measured_on",
        "available_actual_h",
        "cycle_time_s",
        "kvc",
        "kint",
        "kst",
        "rate",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Workplace)
class WorkplaceAdmin(ServiceOnlyAdmin):
    deletable = True

    list_display = ["name", "agency", "hourly_rate", "kvc_base", "worker_share", "kst_mode"]
    list_filter = ["agency", "kst_mode"]
    search_fields = ["name"]
    list_select_related = ["agency"]


@admin.register(Study)
class StudyAdmin(ServiceOnlyAdmin):
    deletable = True

    list_display = [
        "title",
        "agency",
        "workplace",
        "corrective_action",
        "growth",
        "growth_percent",
        "created_at",
    ]
    list_filter = ["agency"]
    search_fields = ["title", "improvement", "corrective_action__remark"]
    list_select_related = ["agency", "workplace", "corrective_action"]
    inlines = [MeasurementInline]


class OperationInline(admin.TabularInline):
    model = Operation
    fields = [
        "position",
        "name",
        "parts_per_cycle",
        "cycle_min_s",
        "cycle_avg_s",
        "manual_min_s",
        "manual_avg_s",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Measurement)
class MeasurementAdmin(ServiceOnlyAdmin):
    deletable = True

    list_display = ["study", "phase", "measured_on", "kvc", "kst", "rate"]
    list_select_related = ["study"]
    inlines = [OperationInline]
