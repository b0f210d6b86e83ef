"""One FilterSet per list of step 3, applied in the selectors (core.filters.apply_filters), so
the pages and the API filter alike and a malformed value is a 400 naming the parameter."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy

from agencies.models import Agency, Room
from core import calendar
from standards.shine.choices import AnalysisKind, SignRole
from standards.shine.models import (
    AnalysisRow,
    CleaningAnalysis,
    CleaningPlan,
    CleaningSchedule,
    ContaminationType,
    GeneralCleaning,
    ScheduleDate,
    Signature,
)


def _agency_filter(field_name: str = "agency") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=Agency.objects.order_by("short_name"),
        label=gettext_lazy("ОИВ ЯО / СППО"),
        empty_label=gettext_lazy("все"),
    )


def _room_filter(field_name: str) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=Room.objects.all(),
        label=gettext_lazy("Помещение"),
        empty_label=gettext_lazy("все"),
        distinct=True,
    )


class ContaminationTypeFilter(django_filters.FilterSet):
    """`?agency=` — the classifier of an agency: the appendix's rows and the agency's own."""

    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.order_by("short_name"),
        label=gettext_lazy("ОИВ ЯО / СППО"),
        empty_label=gettext_lazy("все"),
        method="filter_agency",
    )

    class Meta:
        model = ContaminationType
        fields = ["agency"]

    def filter_agency(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(Q(agency__isnull=True) | Q(agency=value))


class CleaningAnalysisFilter(django_filters.FilterSet):
    """`?agency=`, `?kind=`, `?room=`, `?overdue=true` (a planned date passed without an actual
    date)."""

    agency = _agency_filter()
    kind = django_filters.ChoiceFilter(
        choices=AnalysisKind.choices, label=gettext_lazy("Форма"), empty_label=gettext_lazy("все")
    )
    room = _room_filter("rows__room")
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=gettext_lazy("Просрочено")
    )

    class Meta:
        model = CleaningAnalysis
        fields = ["agency", "kind", "room", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Exists(
            AnalysisRow.objects.filter(
                analysis=OuterRef("pk"), done_on__isnull=True, planned_on__lt=calendar.today()
            )
        )
        return queryset.filter(late) if value else queryset.exclude(late)


class CleaningPlanFilter(django_filters.FilterSet):
    """`?agency=`, `?room=`, `?approved=true|false` (the head's «УТВЕРЖДАЮ»)."""

    agency = _agency_filter()
    room = _room_filter("rooms")
    approved = django_filters.BooleanFilter(
        method="filter_approved", label=gettext_lazy("Утверждён")
    )

    class Meta:
        model = CleaningPlan
        fields = ["agency", "room", "approved"]

    def filter_approved(self, queryset, name, value):
        if value is None:
            return queryset
        signed = Exists(Signature.objects.filter(plan=OuterRef("pk"), role=SignRole.HEAD))
        return queryset.filter(signed) if value else queryset.exclude(signed)


class CleaningScheduleFilter(django_filters.FilterSet):
    """`?agency=`, `?room=`, `?on=YYYY-MM-DD` (the schedules in force that day), `?signed=`,
    `?overdue=true` (a planned date passed without an actual date)."""

    agency = _agency_filter()
    room = _room_filter("room")
    on = django_filters.DateFilter(method="filter_on", label=gettext_lazy("Действует на дату"))
    signed = django_filters.BooleanFilter(method="filter_signed", label=gettext_lazy("Подписан"))
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=gettext_lazy("Просрочено")
    )

    class Meta:
        model = CleaningSchedule
        fields = ["agency", "room", "on", "signed", "overdue"]

    def filter_on(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(period_start__lte=value, period_end__gte=value)

    def filter_signed(self, queryset, name, value):
        if value is None:
            return queryset
        signed = Exists(Signature.objects.filter(schedule=OuterRef("pk")))
        return queryset.filter(signed) if value else queryset.exclude(signed)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Exists(
            ScheduleDate.objects.filter(
                row__schedule=OuterRef("pk"), done_on__isnull=True, planned_on__lt=calendar.today()
            )
        )
        return queryset.filter(late) if value else queryset.exclude(late)


class GeneralCleaningFilter(django_filters.FilterSet):
    """`?agency=`."""

    agency = _agency_filter()

    class Meta:
        model = GeneralCleaning
        fields = ["agency"]
