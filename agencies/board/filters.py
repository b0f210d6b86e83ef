"""The filters of the board's lists (page and API): `?agency=`, `?date_after=`, `?date_before=`
for updates; `?agency=`, `?kind=` for remarks."""

import django_filters

from agencies.board.choices import RemarkKind
from agencies.board.models import BoardRemark, BoardUpdate
from core.filters import IdFilter


class BoardUpdateFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id")
    date = django_filters.DateFromToRangeFilter(field_name="date")

    class Meta:
        model = BoardUpdate
        fields = ["agency", "date"]


class BoardRemarkFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id")
    kind = django_filters.ChoiceFilter(choices=RemarkKind.choices)

    class Meta:
        model = BoardRemark
        fields = ["agency", "kind"]
