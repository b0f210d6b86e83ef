"""One FilterSet per list of the register, applied in the selectors for the pages and the API.

The search (`?q=`) of titles and texts: PostgreSQL's Russian full-text search (stemming, so
«стандарты хранения» finds «Хранение документов»); on SQLite a plain substring match."""

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from core import calendar
from standards.register.choices import SEARCH_MAX_LENGTH, ChecklistStatus, StandardStatus
from standards.register.models import DailyChecklist, Standard, StandardKind


def text_search(queryset: QuerySet, value: str, *fields: str) -> QuerySet:
    value = (value or "").strip()
    if not value:
        return queryset
    if connection.vendor == "postgresql":
        vector = SearchVector(*fields, config="russian")
        query = SearchQuery(value, config="russian", search_type="websearch")
        return queryset.annotate(search=vector).filter(search=query)
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": value})
    return queryset.filter(condition)


class StandardFilter(django_filters.FilterSet):
    """`?agency=`, `?kind=`, `?status=`, `?review_overdue=true`, `?q=`."""

    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.order_by("short_name"),
        label=gettext_lazy("ОИВ ЯО / СППО"),
        empty_label=gettext_lazy("все"),
    )
    kind = django_filters.ModelChoiceFilter(
        queryset=StandardKind.objects.all(),
        to_field_name="code",
        label=gettext_lazy("Обязательный стандарт"),
        empty_label=gettext_lazy("все"),
    )
    status = django_filters.ChoiceFilter(
        choices=StandardStatus.choices,
        label=gettext_lazy("Состояние"),
        empty_label=gettext_lazy("все"),
    )
    review_overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=gettext_lazy("Пересмотр просрочен")
    )
    q = django_filters.CharFilter(
        method="search", label=gettext_lazy("Поиск"), max_length=SEARCH_MAX_LENGTH
    )

    class Meta:
        model = Standard
        fields = ["agency", "kind", "status", "review_overdue", "q"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(review_due__lt=calendar.today())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def search(self, queryset, name, value):
        return text_search(queryset, value, "title", "approved_version__text")


class ChecklistFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.order_by("short_name"),
        label=gettext_lazy("ОИВ ЯО / СППО"),
        empty_label=gettext_lazy("все"),
    )
    status = django_filters.ChoiceFilter(
        choices=ChecklistStatus.choices,
        label=gettext_lazy("Состояние"),
        empty_label=gettext_lazy("все"),
    )

    class Meta:
        model = DailyChecklist
        fields = ["agency", "status"]
