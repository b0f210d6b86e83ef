"""The FilterSet of the indicator sheets, applied by the selector (`core.filters.apply_filters`)
so the pages and the API filter alike (`?agency=`, `?status=`, `?year=`)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from agencies.indicators.choices import SheetStatus
from agencies.indicators.models import IndicatorSheet
from core.filters import IdFilter


class SheetFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id", label=_("ОИВ ЯО / СППО"))
    status = django_filters.ChoiceFilter(choices=SheetStatus.choices, label=_("Состояние"))
    year = django_filters.NumberFilter(
        field_name="date__year", label=_("Год"), min_value=2011, max_value=2100
    )

    class Meta:
        model = IndicatorSheet
        fields = ["agency", "status", "year"]
