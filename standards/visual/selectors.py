"""Reads of visual control (Appendix 28) and of the criteria 4.6/4.7 records, scoped to what
the user may read, with a constant number of queries however many lists and points there are."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from core.filters import apply_filters
from standards.visual import filters, permissions
from standards.visual.models import (
    EmergencyProcedure,
    ErrorProofing,
    VisualControlList,
    VisualControlPoint,
)


def list_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[VisualControlList]:
    lists = VisualControlList.objects.select_related("agency", "room", "leader").prefetch_related(
        "compilers",
        Prefetch(
            "points",
            queryset=VisualControlPoint.objects.select_related("checker").order_by("position"),
        ),
    )
    lists = permissions.scope_by_agency(lists, user)
    return apply_filters(filters.VisualListFilter, filters_data, lists).order_by(
        "agency__short_name", "room__name", "-compiled_on", "-pk"
    )


def list_detail(*, user: Any, pk: int) -> VisualControlList:
    found = list_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def proofing_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[ErrorProofing]:
    rows = permissions.scope_by_agency(ErrorProofing.objects.select_related("agency", "room"), user)
    return apply_filters(filters.ErrorProofingFilter, filters_data, rows).order_by(
        "agency__short_name", "pk"
    )


def proofing_detail(*, user: Any, pk: int) -> ErrorProofing:
    found = proofing_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def procedure_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[EmergencyProcedure]:
    rows = permissions.scope_by_agency(
        EmergencyProcedure.objects.select_related("agency", "approver"), user
    )
    return apply_filters(filters.EmergencyProcedureFilter, filters_data, rows).order_by(
        "agency__short_name", "title", "pk"
    )


def procedure_detail(*, user: Any, pk: int) -> EmergencyProcedure:
    found = procedure_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
