"""One FilterSet per list of «Set in order», applied in the selectors (`core.filters
.apply_filters`) so the pages and the API filter alike and a malformed value is a 400 naming
the parameter."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from agencies.models import Agency, Room
from standards.placement.choices import ApprovalStatus, ScheduleStatus, SchemeKind
from standards.placement.models import PlacementRules, PlacementSchedule, PlacementScheme


def _agencies() -> QuerySet[Agency]:
    return Agency.objects.order_by("short_name")


def _agency_filter(**kwargs):
    return django_filters.ModelChoiceFilter(
        queryset=_agencies(),
        label=gettext_lazy("ОИВ ЯО / СППО"),
        empty_label=gettext_lazy("все"),
        **kwargs,
    )


class PlacementSchemeFilter(django_filters.FilterSet):
    """`?agency=`, `?room=`, `?kind=`, `?status=`."""

    agency = _agency_filter()
    room = django_filters.ModelChoiceFilter(
        queryset=Room.objects.all(),
        label=gettext_lazy("Помещение"),
        empty_label=gettext_lazy("все"),
    )
    kind = django_filters.ChoiceFilter(
        choices=SchemeKind.choices, label=gettext_lazy("Вид"), empty_label=gettext_lazy("все")
    )
    status = django_filters.ChoiceFilter(
        choices=ApprovalStatus.choices,
        label=gettext_lazy("Состояние"),
        empty_label=gettext_lazy("все"),
    )

    class Meta:
        model = PlacementScheme
        fields = ["agency", "room", "kind", "status"]


class PlacementScheduleFilter(django_filters.FilterSet):
    """`?agency=`, `?status=`, `?copy_sent=true|false`."""

    agency = _agency_filter()
    status = django_filters.ChoiceFilter(
        choices=ScheduleStatus.choices,
        label=gettext_lazy("Состояние"),
        empty_label=gettext_lazy("все"),
    )
    copy_sent = django_filters.BooleanFilter(
        field_name="copy_sent_on",
        lookup_expr="isnull",
        exclude=True,
        label=gettext_lazy("Копия направлена"),
    )

    class Meta:
        model = PlacementSchedule
        fields = ["agency", "status", "copy_sent"]


class PlacementRulesFilter(django_filters.FilterSet):
    """`?agency=`, `?status=`."""

    agency = _agency_filter()
    status = django_filters.ChoiceFilter(
        choices=ApprovalStatus.choices,
        label=gettext_lazy("Состояние"),
        empty_label=gettext_lazy("все"),
    )

    class Meta:
        model = PlacementRules
        fields = ["agency", "status"]
