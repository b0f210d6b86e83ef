"""The FilterSets of the deployment orders and plans, used by the pages and the API alike."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.deployment.choices import PlanStatus
from agencies.deployment.models import DeploymentOrder, DeploymentPlan
from agencies.models import FiveSTeam
from core.filters import IdFilter


class DeploymentPlanFilter(django_filters.FilterSet):
    # A joint team's plan is listed for each of its СППО (§4.3, L411; Appendix 10, L3637).
    agency = IdFilter(method="filter_agency", label=_("ОИВ ЯО / СППО"))
    year = django_filters.NumberFilter(label=_("Год плана"))
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Состояние"))

    class Meta:
        model = DeploymentPlan
        fields = ["agency", "year", "status"]

    def filter_agency(self, queryset, name, value):
        teams = FiveSTeam.objects.filter(agencies=value).values("pk")
        return queryset.filter(Q(agency_id=value) | Q(team__in=teams))


class DeploymentOrderFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id", label=_("ОИВ ЯО / СППО"))
    year = django_filters.NumberFilter(field_name="date__year", label=_("Год приказа"))

    class Meta:
        model = DeploymentOrder
        fields = ["agency", "year"]
