"""The filters of the study and workplace lists: one FilterSet per list, applied inside the
selectors (productivity.selectors), so the pages and the API filter alike. A malformed value
(`?agency=²`, an id beyond the database's integers) is refused naming the parameter: a 400 in
the API, a message above the list on the page — never a server error."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from core.filters import IdFilter
from productivity.models import Study, Workplace


class StudyState(django_filters.ChoiceFilter):
    """Open (no «after» measurement, so no growth yet) or complete."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "choices",
            [
                ("open", gettext_lazy("нет замера «после»")),
                ("complete", gettext_lazy("завершены")),
            ],
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value == "complete":
            return qs.filter(growth__isnull=False)
        if value == "open":
            return qs.filter(growth__isnull=True)
        return qs


class StudyFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id", label=gettext_lazy("ОИВ ЯО / СППО"))
    workplace = IdFilter(field_name="workplace_id", label=gettext_lazy("Рабочее место"))
    state = StudyState(label=gettext_lazy("Состояние"))

    class Meta:
        model = Study
        fields = ["agency", "workplace", "state"]


class WorkplaceFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id", label=gettext_lazy("ОИВ ЯО / СППО"))

    class Meta:
        model = Workplace
        fields = ["agency"]
