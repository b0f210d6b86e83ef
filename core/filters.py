"""Filters every app's lists share, and the one helper that applies a list's FilterSet inside
its selector (`apply_filters`), so a page and the API filter alike (issue 11 item 7).

An id in a query string (`?agency=`) is a whole number from 1 to the largest value a database
integer column holds: `?agency=-1.79e308` or a 30-digit id is refused as a malformed filter (400
in the API, a message on the page), not passed to the database, where SQLite raises
OverflowError, a server error (issue 10, fault 7).
"""

from collections.abc import Mapping
from typing import Any, TypeVar

import django_filters
from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import extend_schema_field

from core.exceptions import ApplicationError

# The largest id a database integer column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1

M = TypeVar("M", bound=Model)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number from 1 to MAX_ID."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class DateRangeInputs(django_filters.widgets.RangeWidget):
    """The two dates of a `?X_after=` / `?X_before=` range as the browser's date pickers, each
    named for screen readers: one <label> cannot name two inputs (axe «label», critical)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "date", **(attrs or {})})
        self.widgets[0].attrs["aria-label"] = gettext_lazy("с (дата)")
        self.widgets[1].attrs["aria-label"] = gettext_lazy("по (дата)")


class DateRangeFilter(django_filters.DateFromToRangeFilter):
    """A date range filter whose inputs are labelled (DateRangeInputs)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", DateRangeInputs())
        super().__init__(*args, **kwargs)


def apply_filters(
    filterset_class: type[django_filters.FilterSet],
    data: Mapping[str, Any] | None,
    queryset: QuerySet[M],
) -> QuerySet[M]:
    """`queryset` narrowed by the FilterSet over `data` (None or empty: no filtering). A
    malformed value is an ApplicationError whose details name each parameter with its
    messages (400 in the API, a message above the list on a page)."""
    if not data:
        return queryset
    filterset = filterset_class(data=data, queryset=queryset)
    if not filterset.is_valid():
        raise ApplicationError(
            gettext("Неверный фильтр: проверьте параметры."),
            {name: " ".join(messages) for name, messages in filterset.errors.items()},
        )
    result: QuerySet[M] = filterset.qs
    return result
