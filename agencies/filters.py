"""One FilterSet per list of agencies, people and rooms, applied by the selectors through
core.filters.apply_filters, so a page and the API filter alike (issue 11 item 7)."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from agencies.choices import AgencyKind, DeploymentState, RoomKind
from agencies.models import Agency, Person, Room, WorkingGroupMembership
from core.filters import IdFilter


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Поиск"))
    kind = django_filters.ChoiceFilter(choices=AgencyKind.choices, label=_("Вид"))
    deployment_state = django_filters.ChoiceFilter(
        choices=DeploymentState.choices, label=_("Состояние системы 5S")
    )

    class Meta:
        model = Agency
        fields = ["q", "kind", "deployment_state", "curator"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(full_name__icontains=value) | Q(short_name__icontains=value))


class PersonFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id", label=_("ОИВ ЯО / СППО"))
    working_group = django_filters.BooleanFilter(
        method="filter_working_group", label=_("Член рабочей группы")
    )
    trained = django_filters.BooleanFilter(method="filter_trained", label=_("Прошёл обучение"))
    q = django_filters.CharFilter(
        field_name="full_name", lookup_expr="icontains", label=_("Ф.И.О.")
    )

    class Meta:
        model = Person
        fields = ["agency", "working_group", "trained", "q"]

    def filter_working_group(self, queryset, name, value):
        on_group = Exists(WorkingGroupMembership.objects.filter(person=OuterRef("pk")))
        return queryset.filter(on_group if value else ~on_group)

    def filter_trained(self, queryset, name, value):
        """Trained: a course date on the record or a session of the agency's programme
        attended (§9.2; agencies.training.rules.trained_since)."""
        attended = Person.objects.filter(training_attendances__isnull=False).values("pk")
        trained = Q(trained_on__isnull=False) | Q(pk__in=attended)
        return queryset.filter(trained if value else ~trained)


class RoomFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id", label=_("ОИВ ЯО / СППО"))
    kind = django_filters.ChoiceFilter(choices=RoomKind.choices, label=_("Вид помещения"))
    common_area = django_filters.BooleanFilter(label=_("Место общего пользования"))

    class Meta:
        model = Room
        fields = ["agency", "kind", "common_area"]
