"""The one filter of the closures list (page and API): `?agency=`, `?step=`."""

import django_filters

from audits.closure.models import StepClosure
from core.filters import IdFilter


class StepClosureFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id")
    step = django_filters.NumberFilter(field_name="step")

    class Meta:
        model = StepClosure
        fields = ["agency", "step"]
