"""Reads of step closure: the diagnosis an agency has for a step, its closures, the overview.

`_scored_rooms` and `_photo_count` are the only places that read internal audits and photo
reports; internal scores name the agency's rooms (agencies.Room), compared by id."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from agencies.models import Agency, Room
from audits.closure import permissions
from audits.closure.choices import LAST_STEP
from audits.closure.filters import StepClosureFilter
from audits.closure.models import StepClosure
from audits.closure.rules import Diagnosis, next_step, steps_diagnosed_for
from audits.models import InternalAudit, InternalScore, Photo
from core.filters import apply_filters


def _scored_rooms(internal_audit: InternalAudit, steps: tuple[int, ...]) -> frozenset[int]:
    """The rooms (ids) the internal audit scored on every one of `steps`."""
    rows = InternalScore.objects.filter(internal_audit=internal_audit, step__in=steps).values_list(
        "room_id", "step"
    )
    steps_by_room: dict[int, set[int]] = defaultdict(set)
    for room_id, step in rows:
        steps_by_room[room_id].add(step)
    return frozenset(room for room, done in steps_by_room.items() if done >= set(steps))


def _photo_count(internal_audit: InternalAudit) -> int:
    """The photo report of the diagnosis (§4.6): photos attached to the internal audit, or taken
    in its month up to its date."""
    return Photo.objects.filter(
        Q(internal_audit=internal_audit)
        | Q(
            agency_id=internal_audit.agency_id,
            internal_audit__isnull=True,
            taken_on__gte=internal_audit.month,
            taken_on__lte=internal_audit.conducted_on,
        )
    ).count()


def diagnosis_of(agency: Agency, step: int, *, since: datetime.date | None = None) -> Diagnosis:
    """The latest internal audit of the agency, not before `since` (the previous step's closing),
    that scored the step, with the rooms it covers and its photo report."""
    steps = steps_diagnosed_for(step)
    names = dict(Room.objects.filter(agency=agency).values_list("pk", "name"))
    rooms = frozenset(names)
    audits = InternalAudit.objects.filter(agency=agency, scores__step__in=steps)
    if since is not None:
        audits = audits.filter(conducted_on__gte=since)
    internal = audits.order_by("-conducted_on", "-pk").first()
    if internal is None:
        return Diagnosis(internal_audit_id=None, conducted_on=None, rooms=rooms, room_names=names)
    return Diagnosis(
        internal_audit_id=internal.pk,
        conducted_on=internal.conducted_on,
        rooms=rooms,
        scored_rooms=_scored_rooms(internal, steps) & rooms,
        photos=_photo_count(internal),
        room_names=names,
    )


def last_closure(agency: Agency) -> StepClosure | None:
    return StepClosure.objects.filter(agency=agency).order_by("-step").first()


def closed_steps(agency_id: int) -> list[int]:
    """The agency's closed steps, which an external audit scores by default (§2.1)."""
    return list(
        StepClosure.objects.filter(agency_id=agency_id)
        .order_by("step")
        .values_list("step", flat=True)
    )


def closure_list(*, user, filters=None) -> QuerySet[StepClosure]:
    queryset = (
        permissions.visible_closures(user)
        .select_related("agency", "leader")
        .annotate(
            problem_rows=Count("problems", distinct=True),
            standard_rows=Count("standards", distinct=True),
        )
    )
    queryset = apply_filters(StepClosureFilter, filters, queryset)
    return queryset.order_by("agency__short_name", "step")


def closure_detail(*, user, pk: int) -> StepClosure | None:
    return (
        permissions.visible_closures(user)
        .select_related("agency", "leader", "internal_audit", "closed_by")
        .prefetch_related("problems", "standards")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class AgencySteps:
    """One row of the overview: an agency, its closed steps and the step it works on."""

    agency: Agency
    steps_completed: int
    closures: list[StepClosure]

    @property
    def next_step(self) -> int | None:
        return next_step(self.steps_completed)

    @property
    def is_finished(self) -> bool:
        return self.steps_completed >= LAST_STEP


def agencies_overview(*, user, filters=None) -> list[AgencySteps]:
    """Every agency the user may read with its closures: two queries whatever the count."""
    agencies = permissions.readable_agencies(user).order_by("short_name")
    filters = filters or {}
    if filters.get("agency"):
        agencies = agencies.filter(pk=filters["agency"])
    agencies_list = list(agencies)
    by_agency: dict[int, list[StepClosure]] = defaultdict(list)
    for closure in StepClosure.objects.filter(agency__in=[a.pk for a in agencies_list]).order_by(
        "step"
    ):
        by_agency[closure.agency_id].append(closure)
    return [
        AgencySteps(agency=a, steps_completed=a.steps_completed, closures=by_agency[a.pk])
        for a in agencies_list
    ]
