"""One FilterSet per sorting list. The selectors apply them (core.filters.apply_filters), so a
page (which renders the FilterSet's form) and the API (which documents its parameters) filter
alike, and a malformed value is refused with a message naming the parameter instead of a server
error or a silently unfiltered list.

Ids are validated against the table (a ModelChoiceFilter looks the id up by primary key), so
`?agency=-1.79e308` or a 30-digit number is «not a valid choice», never a database overflow.
"""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from sorting.choices import ListKind
from sorting.models import RedTag, SortingList, SortingRound, StorageAdmission, StorageCheck

# Longest search text: a red tag's item name is at most 300 characters (Appendix 1).
SEARCH_MAX_LENGTH = 300


def _agencies() -> QuerySet[Agency]:
    return Agency.objects.order_by("short_name")


class _ByAgency(django_filters.FilterSet):
    """`?agency=<id>`: the records of one agency (within what the user may see)."""

    agency = django_filters.ModelChoiceFilter(
        field_name="agency",
        queryset=_agencies(),
        label=gettext_lazy("ОИВ ЯО / СППО"),
        empty_label=gettext_lazy("все"),
    )


class RedTagFilter(_ByAgency):
    """The red tags (Appendix 1): `?agency=`, `?q=` (item, room or, as digits, the number)."""

    q = django_filters.CharFilter(
        method="search",
        label=gettext_lazy("Предмет, кабинет или номер"),
        max_length=SEARCH_MAX_LENGTH,
    )

    class Meta:
        model = RedTag
        fields = ["agency", "q"]

    def search(self, queryset: QuerySet[RedTag], name: str, value: str) -> QuerySet[RedTag]:
        value = value.strip()
        if not value:
            return queryset
        matches = Q(item_name__icontains=value) | Q(room__name__icontains=value)
        if value.isascii() and value.isdigit() and len(value) <= 9:  # a registration number
            matches |= Q(number=int(value))
        return queryset.filter(matches)


class SortingRoundFilter(_ByAgency):
    """The sortings (§5.4): `?agency=`."""

    class Meta:
        model = SortingRound
        fields = ["agency"]


class SortingListFilter(django_filters.FilterSet):
    """The lists of Appendices 16 and 17: `?agency=`, `?kind=unneeded|rarely_needed`."""

    agency = django_filters.ModelChoiceFilter(
        field_name="round__agency",
        queryset=_agencies(),
        label=gettext_lazy("ОИВ ЯО / СППО"),
        empty_label=gettext_lazy("все"),
    )
    kind = django_filters.ChoiceFilter(choices=ListKind.choices, label=gettext_lazy("Вид списка"))

    class Meta:
        model = SortingList
        fields = ["agency", "kind"]


class StorageAdmissionFilter(_ByAgency):
    """Items admitted to the storage zone (§5.3): `?agency=`."""

    class Meta:
        model = StorageAdmission
        fields = ["agency"]


class StorageCheckFilter(_ByAgency):
    """Weekly checks of the storage zone (§5.3): `?agency=`."""

    class Meta:
        model = StorageCheck
        fields = ["agency"]


class AgencyFilter(django_filters.FilterSet):
    """The sorting overview, one row per agency: `?agency=`."""

    agency = django_filters.ModelChoiceFilter(
        field_name="pk",
        queryset=_agencies(),
        label=gettext_lazy("ОИВ ЯО / СППО"),
        empty_label=gettext_lazy("все"),
        method="by_pk",
    )

    class Meta:
        model = Agency
        fields = ["agency"]

    def by_pk(self, queryset: QuerySet[Agency], name: str, value: Agency) -> QuerySet[Agency]:
        return queryset.filter(pk=value.pk)
