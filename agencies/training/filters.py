"""One FilterSet per training list, applied by the selectors (`core.filters.apply_filters`)
so the pages and the API filter alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from agencies.training.choices import ProgrammeStatus, TargetGroup
from agencies.training.models import TrainingProgramme, TrainingSession
from core.filters import IdFilter


class ProgrammeFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id", label=_("ОИВ ЯО / СППО"))
    year = django_filters.NumberFilter(label=_("Год"), min_value=2011, max_value=2100)
    status = django_filters.ChoiceFilter(choices=ProgrammeStatus.choices, label=_("Состояние"))

    class Meta:
        model = TrainingProgramme
        fields = ["agency", "year", "status"]


class SessionFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id", label=_("ОИВ ЯО / СППО"))
    year = django_filters.NumberFilter(
        field_name="date__year", label=_("Год"), min_value=2011, max_value=2100
    )
    target_group = django_filters.ChoiceFilter(
        choices=TargetGroup.choices, label=_("Целевая группа")
    )
    in_programme = django_filters.BooleanFilter(
        field_name="programme_topic", lookup_expr="isnull", exclude=True, label=_("По программе")
    )
    person = IdFilter(field_name="attendances__person_id", label=_("Обучающийся"))

    class Meta:
        model = TrainingSession
        fields = ["agency", "year", "target_group", "in_programme", "person"]
