"""The one filter of the walk-rounds list (page and API): `?agency=`, `?status=`,
`?date_after=`, `?date_before=`."""

import django_filters

from agencies.walkrounds.choices import WalkRoundStatus
from agencies.walkrounds.models import WalkRound
from core.filters import DateRangeFilter, IdFilter


class WalkRoundFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id")
    status = django_filters.ChoiceFilter(choices=WalkRoundStatus.choices)
    date = DateRangeFilter(field_name="date")

    class Meta:
        model = WalkRound
        fields = ["agency", "status", "date"]
