"""Reads of workplaces, timing studies and their results, scoped to the user in the query."""

from django.db.models import Avg, Count, Exists, Max, OuterRef, Prefetch, Q, Subquery

from audits.choices import PlanStatus
from audits.models import CorrectiveAction
from productivity.choices import Phase
from productivity.filters import StudyFilter, WorkplaceFilter
from productivity.filters import apply as apply_filters
from productivity.models import Measurement, Operation, Study, Workplace
from productivity.permissions import recordable_agencies, scope_to_user


def _has_phase(phase):
    return Exists(Measurement.objects.filter(study=OuterRef("pk"), phase=phase))


def study_list(*, user, filters=None):
    """The studies the user may read, narrowed by StudyFilter (`agency`, `workplace`,
    `state`); a malformed filter raises ApplicationError naming it."""
    queryset = (
        scope_to_user(user, Study.objects.all())
        .select_related("agency", "workplace", "corrective_action")
        .annotate(has_before=_has_phase(Phase.BEFORE), has_after=_has_phase(Phase.AFTER))
    )
    return apply_filters(StudyFilter, filters, queryset).order_by("-created_at", "-pk")


def _measurements():
    return Measurement.objects.prefetch_related(
        Prefetch("operations", queryset=Operation.objects.order_by("position"))
    ).order_by("-phase")  # «before» then «after»


def study_detail(*, user, pk):
    return (
        scope_to_user(user, Study.objects.all())
        .select_related("agency", "workplace", "created_by", "corrective_action__plan__audit")
        .prefetch_related(Prefetch("measurements", queryset=_measurements()))
        .get(pk=pk)
    )


def corrective_actions(*, agencies):
    """Rows of Appendix 30 that a study of these agencies may name as the source of its
    improvement: the actions of the agencies' approved corrective-action plans (§9.3), with
    their plan and audit fetched in the same query (the form's labels show the plan's date).

    `agencies` is an Agency queryset, a list of ids or one id. Only approved plans count: a
    draft's rows may still be rewritten, renumbered or deleted, and the plan is in force only
    once the head of the agency has approved it.
    """
    if isinstance(agencies, int):
        agencies = [agencies]
    return (
        CorrectiveAction.objects.filter(plan__agency__in=agencies, plan__status=PlanStatus.APPROVED)
        .select_related("plan__audit", "plan__agency")
        .order_by("plan__agency__short_name", "-plan__audit__date", "plan_id", "step", "number")
    )


def _current(field):
    """The figure of the workplace's piece-rate card in force: the latest study's «after»
    measurement, or its «before» one while the improvement is not yet measured."""
    latest = Measurement.objects.filter(study__workplace=OuterRef("pk")).order_by(
        "-study__created_at", "-study__pk", "phase"
    )
    return Subquery(latest.values(field)[:1])


def workplace_list(*, user, filters=None):
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


def workplace_detail(*, user, pk):
    return workplace_list(user=user).get(pk=pk)


def workplace_card(*, workplace):
    """The measurement whose piece-rate card is in force, or None."""
    return (
        Measurement.objects.filter(study__workplace=workplace)
        .select_related("study")
        .order_by("-study__created_at", "-study__pk", "phase")
        .first()
    )


def recordable_workplaces(*, user):
    return (
        Workplace.objects.filter(agency__in=recordable_agencies(user))
        .select_related("agency")
        .order_by("agency__short_name", "name")
    )


def editable_studies(*, user):
    return (
        Study.objects.filter(agency__in=recordable_agencies(user))
        .select_related("agency", "workplace")
        .order_by("-created_at", "-pk")
    )


def _study_figures():
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


def _measurement_figures():
    """Mean Kвц and Kинт before and after the improvement, per agency and for the region."""
    return {
        "kvc_before": Avg("kvc", filter=Q(phase=Phase.BEFORE)),
        "kvc_after": Avg("kvc", filter=Q(phase=Phase.AFTER)),
        "kint_before": Avg("kint", filter=Q(phase=Phase.BEFORE)),
        "kint_after": Avg("kint", filter=Q(phase=Phase.AFTER)),
    }


def results(*, user):
    """Results per agency and for the region (or the user's part of it): studies, completed
    studies, studies whose improvement carried out a corrective action (Appendix 30), growth
    (11) average and best, Kвц and Kинт before and after. Three queries."""
    from agencies.models import Agency

    studies = scope_to_user(user, Study.objects.all())
    per_agency = {
        row["agency_id"]: row for row in studies.values("agency_id").annotate(**_study_figures())
    }
    measurements = Measurement.objects.filter(study__in=studies)
    for row in measurements.values("study__agency_id").annotate(**_measurement_figures()):
        per_agency.setdefault(row["study__agency_id"], {}).update(row)
    agencies = Agency.objects.filter(pk__in=per_agency).order_by("short_name")
    rows = [{"agency": agency, **per_agency[agency.pk]} for agency in agencies]
    region = studies.aggregate(**_study_figures())
    region.update(measurements.aggregate(**_measurement_figures()))
    return rows, region


def open_studies(*, user):
    """Studies the user may record that still lack the «after» measurement (home panel)."""
    return (
        editable_studies(user=user)
        .filter(~_has_phase(Phase.AFTER))
        .only("pk", "title", "created_at", "agency__short_name", "workplace__name")
    )


def region_counts(*, user):
    return scope_to_user(user, Study.objects.all()).aggregate(
        studies=Count("pk"),
        complete=Count("pk", filter=Q(growth__isnull=False)),
        growth_avg=Avg("growth"),
    )
