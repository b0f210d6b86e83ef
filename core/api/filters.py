"""List filtering in the API: a list's FilterSet is applied inside its selector
(core.filters.apply_filters), the same one the page uses (issue 11 item 7); the API only passes
the query parameters on and documents them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend


class SelectorFilters(DjangoFilterBackend):
    """Documents the list's FilterSet (`filterset_class`) in the schema; the filtering itself is
    done by the selector the view calls (`filters=`)."""

    def filter_queryset(self, request: Any, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        return queryset


def list_filters(view: Any) -> Mapping[str, Any] | None:
    """The query parameters of a list request (the selector filters by them); None otherwise."""
    return view.request.query_params if view.action == "list" else None


class SelectorListMixin:
    """get_queryset() from the view's selector (`selector(user=..., filters=...)`): scoped to the
    user, and for the list action narrowed by the query parameters through the list's FilterSet
    (a malformed one → 400)."""

    filter_backends: ClassVar[list[type]] = [SelectorFilters]
    selector: Callable[..., QuerySet[Any]] | None = None
    request: Any  # the view's

    def get_queryset(self) -> QuerySet[Any]:
        assert self.selector is not None, "a SelectorListMixin view names its selector"
        return self.selector(user=self.request.user, filters=list_filters(self))
