"""Reads of deployment orders and plans, scoped to what the user may see (permissions.scoped)
with their related rows fetched at once, so a list costs the same queries however long."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from agencies.deployment import permissions
from agencies.deployment.choices import PlanStatus
from agencies.deployment.filters import DeploymentOrderFilter, DeploymentPlanFilter
from agencies.deployment.models import (
    DeploymentOrder,
    DeploymentPlan,
    PlanActivity,
    PlanTemplateActivity,
)
from core.filters import apply_filters


def plan_list(*, user: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[DeploymentPlan]:
    """Plans the user may see, a joint team's plan with those of each of its СППО (L411)."""
    queryset = (
        permissions.plan_scoped(user, DeploymentPlan.objects.all())
        .select_related("agency", "agency__curator", "approver", "order", "team")
        .prefetch_related("team__agencies")
        .annotate(
            activity_count=Count("activities"),
            done_count=Count("activities", filter=Q(activities__actual_end__isnull=False)),
        )
    )
    return apply_filters(DeploymentPlanFilter, filters, queryset).order_by(
        "-year", "agency__short_name"
    )


def plan_detail(*, user: Any, pk: int) -> DeploymentPlan:
    """One plan the user may see (DoesNotExist otherwise: a 404 for the caller)."""
    return (
        permissions.plan_scoped(user, DeploymentPlan.objects.all())
        .select_related("agency", "agency__curator", "approver", "order", "team__leader")
        .prefetch_related(
            Prefetch("activities", queryset=PlanActivity.objects.order_by("section", "number")),
            "team__memberships__person",
            "team__agencies",
        )
        .get(pk=pk)
    )


def order_list(*, user: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[DeploymentOrder]:
    queryset = permissions.scoped(user, DeploymentOrder.objects.all()).select_related(
        "agency", "issuer", "team"
    )
    return apply_filters(DeploymentOrderFilter, filters, queryset).order_by("-date", "-pk")


def order_detail(*, user: Any, pk: int) -> DeploymentOrder:
    return (
        permissions.scoped(user, DeploymentOrder.objects.all())
        .select_related(
            "agency",
            "agency__curator",
            "team",
            "issuer",
            "diagnosis_responsible",
            "indicators_responsible",
            "plan_developer",
            "board_responsible",
        )
        .get(pk=pk)
    )


def latest_order(*, agency_id: int) -> DeploymentOrder | None:
    return DeploymentOrder.objects.filter(agency_id=agency_id).order_by("-date", "-pk").first()


def template_rows() -> list[PlanTemplateActivity]:
    return list(PlanTemplateActivity.objects.order_by("section", "number"))


def plans_awaiting(*, agency_ids: Any) -> QuerySet[DeploymentPlan]:
    """Draft plans of these agencies (the approver's home panel)."""
    return DeploymentPlan.objects.filter(
        agency_id__in=agency_ids, status=PlanStatus.DRAFT
    ).select_related("agency")
