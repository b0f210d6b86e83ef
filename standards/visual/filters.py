"""FilterSets of the visual-control lists (applied in the selectors, used by pages and API)."""

import django_filters
from django.utils.translation import gettext_lazy

from agencies.models import Agency, Room
from standards.visual.choices import ListStatus, ProcedureStatus
from standards.visual.models import EmergencyProcedure, ErrorProofing, VisualControlList


def _agency_filter(field_name: str = "agency") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=Agency.objects.order_by("short_name"),
        label=gettext_lazy("ОИВ ЯО / СППО"),
        empty_label=gettext_lazy("все"),
    )


class VisualListFilter(django_filters.FilterSet):
    """`?agency=`, `?room=`, `?status=`."""

    agency = _agency_filter()
    room = django_filters.ModelChoiceFilter(
        queryset=Room.objects.all(),
        label=gettext_lazy("Помещение"),
        empty_label=gettext_lazy("все"),
    )
    status = django_filters.ChoiceFilter(
        choices=ListStatus.choices, label=gettext_lazy("Состояние"), empty_label=gettext_lazy("все")
    )

    class Meta:
        model = VisualControlList
        fields = ["agency", "room", "status"]


class ErrorProofingFilter(django_filters.FilterSet):
    """`?agency=`, `?in_force=`."""

    agency = _agency_filter()
    in_force = django_filters.BooleanFilter(label=gettext_lazy("Действует"))

    class Meta:
        model = ErrorProofing
        fields = ["agency", "in_force"]


class EmergencyProcedureFilter(django_filters.FilterSet):
    """`?agency=`, `?status=`."""

    agency = _agency_filter()
    status = django_filters.ChoiceFilter(
        choices=ProcedureStatus.choices,
        label=gettext_lazy("Состояние"),
        empty_label=gettext_lazy("все"),
    )

    class Meta:
        model = EmergencyProcedure
        fields = ["agency", "status"]
