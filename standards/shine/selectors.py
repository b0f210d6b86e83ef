"""Reads of step 3 (§7, L950–1070), scoped to what the user may read and fetched with a constant
number of queries however many rooms, rows and dates there are."""

from collections.abc import Mapping
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from agencies.people import person_of, readable_agency_ids
from core.filters import apply_filters
from core.permissions import sees_whole_region
from standards.shine import filters, permissions
from standards.shine.choices import PLAN_AGREEMENT_ROLES, SignRole
from standards.shine.models import (
    AnalysisRow,
    CleaningAnalysis,
    CleaningPlan,
    CleaningSchedule,
    ContaminationType,
    GeneralCleaning,
    PlanRow,
    ScheduleDate,
    ScheduleRow,
    Signature,
)

_SIGNATURES = Prefetch("signatures", queryset=Signature.objects.select_related("person"))


def contamination_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[ContaminationType]:
    """The classifier (Appendix 22): the appendix's rows for everyone, an agency's own rows for
    those who read the agency."""
    types = ContaminationType.objects.select_related("agency")
    if not sees_whole_region(user):
        types = types.filter(
            Q(agency__isnull=True) | Q(agency_id__in=sorted(readable_agency_ids(user)))
        )
    return apply_filters(filters.ContaminationTypeFilter, filters_data, types).order_by(
        F("agency_id").asc(nulls_first=True), "order", "name"
    )


def contamination_choices(*, agency_id: int) -> QuerySet[ContaminationType]:
    return ContaminationType.objects.filter(
        Q(agency__isnull=True) | Q(agency_id=agency_id)
    ).order_by(F("agency_id").asc(nulls_first=True), "order", "name")


def analysis_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[CleaningAnalysis]:
    analyses = CleaningAnalysis.objects.select_related(
        "agency", "leader", "housekeeping", "controller"
    ).prefetch_related(
        "analysts",
        _SIGNATURES,
        Prefetch(
            "rows",
            queryset=AnalysisRow.objects.select_related("room", "contamination").order_by(
                "position"
            ),
        ),
    )
    analyses = permissions.scope_by_agency(analyses, user)
    return apply_filters(filters.CleaningAnalysisFilter, filters_data, analyses).order_by(
        "-date", "-pk"
    )


def analysis_detail(*, user: Any, pk: int) -> CleaningAnalysis:
    analysis = analysis_list(user=user).filter(pk=pk).first()
    if analysis is None:
        raise Http404
    return analysis


def plan_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[CleaningPlan]:
    plans = CleaningPlan.objects.select_related(
        "agency__head", "leader", "housekeeping", "inventory_officer"
    ).prefetch_related(
        "compilers",
        _SIGNATURES,
        Prefetch("rooms"),
        Prefetch("rows", queryset=PlanRow.objects.order_by("position")),
    )
    plans = permissions.scope_by_agency(plans, user)
    return apply_filters(filters.CleaningPlanFilter, filters_data, plans).order_by(
        "agency__short_name", "department", "pk"
    )


def plan_detail(*, user: Any, pk: int) -> CleaningPlan:
    plan = plan_list(user=user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def schedule_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[CleaningSchedule]:
    schedules = CleaningSchedule.objects.select_related(
        "agency", "room", "department_head", "plan"
    ).prefetch_related(
        "staff",
        _SIGNATURES,
        Prefetch(
            "rows",
            queryset=ScheduleRow.objects.order_by("position").prefetch_related(
                Prefetch("dates", queryset=ScheduleDate.objects.order_by("planned_on"))
            ),
        ),
    )
    schedules = permissions.scope_by_agency(schedules, user)
    return apply_filters(filters.CleaningScheduleFilter, filters_data, schedules).order_by(
        "-period_start", "room__name", "pk"
    )


def schedule_detail(*, user: Any, pk: int) -> CleaningSchedule:
    schedule = schedule_list(user=user).filter(pk=pk).first()
    if schedule is None:
        raise Http404
    return schedule


def general_cleaning_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[GeneralCleaning]:
    cleanings = GeneralCleaning.objects.select_related("agency__head").prefetch_related(_SIGNATURES)
    cleanings = permissions.scope_by_agency(cleanings, user)
    return apply_filters(filters.GeneralCleaningFilter, filters_data, cleanings).order_by(
        "-cleaning_start", "pk"
    )


def general_cleaning_detail(*, user: Any, pk: int) -> GeneralCleaning:
    cleaning = general_cleaning_list(user=user).filter(pk=pk).first()
    if cleaning is None:
        raise Http404
    return cleaning


def signed_roles(form: Any) -> dict[str, Signature]:
    """The form's signatures by role (from the prefetched `signatures`)."""
    return {s.role: s for s in form.signatures.all()}


# --- What each person owes (home panels, reminders) --------------------------------------------


_ATTR = {
    SignRole.LEADER: "leader",
    SignRole.HOUSEKEEPING: "housekeeping",
    SignRole.INVENTORY: "inventory_officer",
}


def plans_to_sign(*, user: Any) -> list[tuple[CleaningPlan, str]]:
    """Plans waiting for this user's signature: the agreements the plan names them for, and for
    the head the plans agreed by all three (Appendix 24). An administrator is not shown every
    plan of the region: they sign on behalf only when asked."""
    person = person_of(user)
    if person is None:
        return []
    plans = (
        CleaningPlan.objects.select_related("agency")
        .prefetch_related("signatures")
        .filter(
            Q(leader=person)
            | Q(housekeeping=person)
            | Q(inventory_officer=person)
            | Q(agency__head=person)
        )
        .order_by("pk")
    )
    result = []
    for plan in plans:
        signed = {s.role for s in plan.signatures.all()}
        if SignRole.HEAD in signed:
            continue
        for role in PLAN_AGREEMENT_ROLES:
            if role not in signed and getattr(plan, _ATTR[role] + "_id") == person.pk:
                result.append((plan, str(role)))
        if all(r in signed for r in PLAN_AGREEMENT_ROLES) and plan.agency.head_id == person.pk:
            result.append((plan, str(SignRole.HEAD)))
    return result


def schedules_to_sign(*, user: Any) -> QuerySet[CleaningSchedule]:
    """Schedules that name this user as the head of the department and are not yet signed."""
    person = person_of(user)
    if person is None:
        return CleaningSchedule.objects.none()
    return (
        CleaningSchedule.objects.filter(department_head=person, signatures__isnull=True)
        .select_related("room")
        .order_by("period_start", "pk")
    )


def dates_to_fill(*, user: Any, today: Any) -> QuerySet[ScheduleDate]:
    """Planned dates passed without an actual date in the signed schedules that name this user
    (L1017)."""
    person = person_of(user)
    if person is None:
        return ScheduleDate.objects.none()
    return (
        ScheduleDate.objects.filter(
            row__schedule__staff=person,
            row__schedule__signatures__isnull=False,
            done_on__isnull=True,
            planned_on__lt=today,
        )
        .select_related("row__schedule__room")
        .distinct()
        .order_by("planned_on", "pk")
    )


def analysis_rows_to_check(*, user: Any, today: Any) -> QuerySet[AnalysisRow]:
    """Measures of Appendix 23 past their planned date without an actual date, for the team
    member who checks them (L1019)."""
    person = person_of(user)
    if person is None:
        return AnalysisRow.objects.none()
    return (
        AnalysisRow.objects.filter(
            analysis__controller=person, done_on__isnull=True, planned_on__lt=today
        )
        .select_related("analysis", "room")
        .order_by("planned_on", "pk")
    )
