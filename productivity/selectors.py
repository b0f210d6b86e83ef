"""Reads of workplaces, timing studies and their results, scoped to the user in the query."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import (
    Aggregate,
    Avg,
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from agencies.models import Agency
from audits.choices import PlanStatus
from audits.models import CorrectiveAction
from core.filters import apply_filters
from productivity.choices import Phase
from productivity.filters import StudyFilter, WorkplaceFilter
from productivity.models import Measurement, Operation, Study, Workplace
from productivity.permissions import recordable_agencies, scope_to_user
from productivity.results import AgencyResult, Figures, Results


def _has_phase(phase: str) -> Exists:
    return Exists(Measurement.objects.filter(study=OuterRef("pk"), phase=phase))


def study_list(*, user: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Study]:
    """The studies the user may read, narrowed by StudyFilter (`agency`, `workplace`,
    `state`); a malformed filter raises ApplicationError naming it."""
    queryset = (
        scope_to_user(user, Study.objects.all())
        .select_related("agency", "workplace", "corrective_action")
        .annotate(has_before=_has_phase(Phase.BEFORE), has_after=_has_phase(Phase.AFTER))
    )
    return apply_filters(StudyFilter, filters, queryset).order_by("-created_at", "-pk")


def _measurements() -> QuerySet[Measurement]:
    return Measurement.objects.prefetch_related(
        Prefetch("operations", queryset=Operation.objects.order_by("position"))
    ).order_by("-phase")  # «before» then «after»


def study_detail(*, user: Any, pk: int) -> Study:
    return (
        scope_to_user(user, Study.objects.all())
        .select_related("agency", "workplace", "created_by", "corrective_action__plan__audit")
        .prefetch_related(Prefetch("measurements", queryset=_measurements()))
        .get(pk=pk)
    )


def corrective_actions(
    *, agencies: QuerySet[Agency] | Iterable[int] | int
) -> QuerySet[CorrectiveAction]:
    """Rows of Appendix 30 that a study of these agencies may name as the source of its
    improvement: the actions of the agencies' approved corrective-action plans (§9.3), with
    their plan and audit fetched in the same query (the form's labels show the plan's date).

    `agencies` is an Agency queryset, a list of ids or one id. Only approved plans count: a
    draft's rows may still be rewritten, renumbered or deleted, and the plan is in force only
    once the head of the agency has approved it.
    """
    among = [agencies] if isinstance(agencies, int) else agencies
    return (
        CorrectiveAction.objects.filter(
            plan__audit__agency__in=among, plan__status=PlanStatus.APPROVED
        )
        .select_related("plan__audit__agency")
        .order_by(
            "plan__audit__agency__short_name", "-plan__audit__date", "plan_id", "step", "number"
        )
    )


def _current(field: str) -> Subquery:
    """The figure of the workplace's piece-rate card in force: the latest study's «after»
    measurement, or its «before» one while the improvement is not yet measured."""
    latest = Measurement.objects.filter(study__workplace=OuterRef("pk")).order_by(
        "-study__created_at", "-study__pk", "phase"
    )
    return Subquery(latest.values(field)[:1])


def workplace_list(*, user: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Workplace]:
    """The workplaces the user may read with their card in force, narrowed by WorkplaceFilter
    (`agency`); a malformed filter raises ApplicationError naming it."""
    queryset = (
        scope_to_user(user, Workplace.objects.all())
        .select_related("agency")
        .annotate(
            study_count=Count("studies", distinct=True),
            current_kvc=_current("kvc"),
            current_kst=_current("kst"),
            current_rate=_current("rate"),
            current_norm_s=_current("norm_s"),
            current_wage=_current("wage_per_hour"),
        )
    )
    return apply_filters(WorkplaceFilter, filters, queryset).order_by("agency__short_name", "name")


def workplace_detail(*, user: Any, pk: int) -> Workplace:
    return workplace_list(user=user).get(pk=pk)


def workplace_card(*, workplace: Workplace) -> Measurement | None:
    """The measurement whose piece-rate card is in force, or None."""
    return (
        Measurement.objects.filter(study__workplace=workplace)
        .select_related("study")
        .order_by("-study__created_at", "-study__pk", "phase")
        .first()
    )


def recordable_workplaces(*, user: Any) -> QuerySet[Workplace]:
    return (
        Workplace.objects.filter(agency__in=recordable_agencies(user))
        .select_related("agency")
        .order_by("agency__short_name", "name")
    )


def editable_studies(*, user: Any) -> QuerySet[Study]:
    return (
        Study.objects.filter(agency__in=recordable_agencies(user))
        .select_related("agency", "workplace")
        .order_by("-created_at", "-pk")
    )


def _study_figures() -> dict[str, Aggregate]:
    """The results page's study figures, per agency (annotate) and for the region
    (aggregate) alike."""
    return {
        "studies": Count("pk"),
        "complete": Count("pk", filter=Q(growth__isnull=False)),
        "growth_avg": Avg("growth"),
        "growth_max": Max("growth"),
        "growth_percent_avg": Avg("growth_percent"),
        "from_actions": Count("pk", filter=Q(corrective_action__isnull=False)),
    }


def _measurement_figures() -> dict[str, Aggregate]:
    """Mean Kвц and Kинт before and after the improvement, per agency and for the region."""
    return {
        "kvc_before": Avg("kvc", filter=Q(phase=Phase.BEFORE)),
        "kvc_after": Avg("kvc", filter=Q(phase=Phase.AFTER)),
        "kint_before": Avg("kint", filter=Q(phase=Phase.BEFORE)),
        "kint_after": Avg("kint", filter=Q(phase=Phase.AFTER)),
    }


def results(*, user: Any) -> Results:
    """Results per agency and for the region (or the user's part of it): studies, completed
    studies, studies whose improvement carried out a corrective action (Appendix 30), growth
    (11) average and best, Kвц and Kинт before and after. Three queries."""
    studies = scope_to_user(user, Study.objects.all())
    per_agency: dict[int, dict[str, Any]] = {
        row["agency_id"]: dict(row)
        for row in studies.values("agency_id").annotate(**_study_figures())
    }
    measurements = Measurement.objects.filter(study__in=studies)
    for row in measurements.values("study__agency_id").annotate(**_measurement_figures()):
        per_agency[row["study__agency_id"]].update(row)
    agencies = Agency.objects.filter(pk__in=per_agency).order_by("short_name")
    rows = tuple(
        AgencyResult(agency=agency, **vars(Figures.of(per_agency[agency.pk])))
        for agency in agencies
    )
    region = studies.aggregate(**_study_figures())
    region.update(measurements.aggregate(**_measurement_figures()))
    return Results(rows=rows, region=Figures.of(region))


def open_studies(*, user: Any) -> QuerySet[Study]:
    """Studies the user may record that still lack the «after» measurement (home panel)."""
    return (
        editable_studies(user=user)
        .filter(~_has_phase(Phase.AFTER))
        .only("pk", "title", "created_at", "agency__short_name", "workplace__name")
    )


def region_counts(*, user: Any) -> dict[str, Any]:
    return scope_to_user(user, Study.objects.all()).aggregate(
        studies=Count("pk"),
        complete=Count("pk", filter=Q(growth__isnull=False)),
        growth_avg=Avg("growth"),
    )
