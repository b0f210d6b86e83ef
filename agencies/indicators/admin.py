"""Admin of the indicator sheet (§4.7, Appendix 8): sheets with their indicators, shown to the
region's readers (core.admin). Registered from agencies/admin.py. The rules (at least 3 per
section, the expert group of L535, max / average / min from the observations) live in the
services, so the pages and the API write the sheets and the admin only shows them."""

from django.contrib import admin

from agencies.indicators.models import Indicator, IndicatorSheet
from core.admin import ServiceOnlyAdmin


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    can_delete = False
    fields = [
        "position",
        "section",
        "name",
        "own",
        "max_seconds",
        "avg_seconds",
        "min_seconds",
        "observation_count",
        "cost_month",
        "cost_quarter",
        "cost_year",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(IndicatorSheet)
class IndicatorSheetAdmin(ServiceOnlyAdmin):
    list_display = ["agency", "date", "status", "is_initial", "approved_on"]
    list_filter = ["status", "is_initial"]
    list_select_related = ["agency"]
    search_fields = ["agency__short_name"]
    date_hierarchy = "date"
    inlines = [IndicatorInline]
