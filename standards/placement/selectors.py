"""Reads of «Set in order» (step 2, §6, L770–950), scoped to what the user may read
(`permissions.scope_drafts`) and fetched with a constant number of queries however many rooms,
schemes and rows there are."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from agencies.models import Agency, Room
from agencies.people import agency_ids_of, headed_agency_ids, person_of
from core.filters import apply_filters
from core.permissions import has_role, is_administrator
from core.roles import Role
from standards.placement import filters, permissions, rules
from standards.placement.choices import ApprovalStatus, ScheduleStatus, SchemeKind
from standards.placement.models import (
    DeskItem,
    PlacementRules,
    PlacementSchedule,
    PlacementScheduleRow,
    PlacementScheme,
)

APPROVED = Q(status=ApprovalStatus.APPROVED)
AGREED = Q(status=ScheduleStatus.AGREED)


def scheme_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[PlacementScheme]:
    schemes = PlacementScheme.objects.select_related("agency", "room", "approver", "uploaded_by")
    schemes = permissions.scope_drafts(schemes, user, final=APPROVED)
    return apply_filters(filters.PlacementSchemeFilter, filters_data, schemes).order_by(
        "agency__short_name", "room__name", "kind", "-version"
    )


def scheme_detail(*, user: Any, pk: int) -> PlacementScheme:
    scheme = scheme_list(user=user).filter(pk=pk).first()
    if scheme is None:
        raise Http404
    return scheme


@dataclass
class RoomPlacement:
    """A room with its drawings: every version of the map and of the scheme the user may
    read (newest first), and the approved scheme in force (the newest approved version)."""

    room: Room
    maps: list[PlacementScheme] = field(default_factory=list)
    schemes: list[PlacementScheme] = field(default_factory=list)

    @property
    def approved_scheme(self) -> PlacementScheme | None:
        return next((s for s in self.schemes if s.is_approved), None)

    @property
    def pending_scheme(self) -> PlacementScheme | None:
        latest = self.schemes[0] if self.schemes else None
        return latest if latest is not None and not latest.is_approved else None

    @property
    def needs_scheme(self) -> bool:
        return rules.needs_scheme(self.room.single_workplace)


def room_placements(*, user: Any, agency: Agency) -> list[RoomPlacement]:
    """Every room of the agency with its drawings: two queries."""
    rooms = list(Room.objects.filter(agency=agency).order_by("name"))
    by_room = {room.pk: RoomPlacement(room=room) for room in rooms}
    for scheme in scheme_list(user=user).filter(agency=agency).order_by("room_id", "-version"):
        entry = by_room.get(scheme.room_id)
        if entry is None:
            continue
        (entry.maps if scheme.kind == SchemeKind.CURRENT_MAP else entry.schemes).append(scheme)
    return list(by_room.values())


def room_placement(*, user: Any, pk: int) -> RoomPlacement:
    room = Room.objects.select_related("agency").filter(pk=pk).first()
    if room is None or not permissions.can_view_agency(user, room.agency_id):
        raise Http404
    entry = RoomPlacement(room=room)
    for scheme in scheme_list(user=user).filter(room=room).order_by("-version"):
        (entry.maps if scheme.kind == SchemeKind.CURRENT_MAP else entry.schemes).append(scheme)
    return entry


def rooms_without_approved_scheme(agency_id: int) -> list[str]:
    """The rooms of the agency that need a rational-placement scheme (not a single workplace,
    L909) and have no approved one (L893, L947), by name. Two queries."""
    rooms = Room.objects.filter(agency_id=agency_id).values_list("pk", "name", "single_workplace")
    approved = PlacementScheme.objects.filter(
        agency_id=agency_id, kind=SchemeKind.RATIONAL, status=ApprovalStatus.APPROVED
    ).values_list("room_id", flat=True)
    return rules.rooms_without_scheme(list(rooms), list(approved))


def schedule_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[PlacementSchedule]:
    schedules = PlacementSchedule.objects.select_related(
        "agency", "agency__head", "approver"
    ).prefetch_related(
        Prefetch(
            "rows",
            queryset=PlacementScheduleRow.objects.select_related("room", "responsible").order_by(
                "position"
            ),
        )
    )
    schedules = permissions.scope_drafts(schedules, user, final=AGREED)
    return apply_filters(filters.PlacementScheduleFilter, filters_data, schedules).order_by(
        "agency__short_name", "-drawn_up_on", "-pk"
    )


def schedule_detail(*, user: Any, pk: int) -> PlacementSchedule:
    schedule = schedule_list(user=user).filter(pk=pk).first()
    if schedule is None:
        raise Http404
    return schedule


def rules_list(
    *, user: Any, filters_data: Mapping[str, Any] | None = None
) -> QuerySet[PlacementRules]:
    documents = PlacementRules.objects.select_related(
        "agency", "agency__head", "approver"
    ).prefetch_related(Prefetch("desk_items", queryset=DeskItem.objects.order_by("position")))
    documents = permissions.scope_drafts(documents, user, final=APPROVED)
    return apply_filters(filters.PlacementRulesFilter, filters_data, documents).order_by(
        "agency__short_name", "-version"
    )


def rules_detail(*, user: Any, pk: int) -> PlacementRules:
    document = rules_list(user=user).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def _headed(user: Any) -> Q | None:
    """The agencies whose approvals wait for this user (all for an administrator)."""
    if is_administrator(user):
        return Q()
    ids = sorted(headed_agency_ids(user))
    return Q(agency_id__in=ids) if ids else None


def schemes_to_approve(*, user: Any) -> QuerySet[PlacementScheme]:
    """The newest rational-placement schemes waiting for the head's approval (L893)."""
    scope = _headed(user)
    if scope is None:
        return PlacementScheme.objects.none()
    return (
        PlacementScheme.objects.filter(
            scope, kind=SchemeKind.RATIONAL, status=ApprovalStatus.PENDING
        )
        .select_related("agency", "room")
        .order_by("uploaded_at", "pk")
    )


def rules_to_approve(*, user: Any) -> QuerySet[PlacementRules]:
    scope = _headed(user)
    if scope is None:
        return PlacementRules.objects.none()
    return (
        PlacementRules.objects.filter(scope, status=ApprovalStatus.PENDING)
        .select_related("agency")
        .order_by("created_at", "pk")
    )


def schedules_to_agree(*, user: Any) -> QuerySet[PlacementSchedule]:
    scope = _headed(user)
    if scope is None:
        return PlacementSchedule.objects.none()
    return (
        PlacementSchedule.objects.filter(scope, status=ScheduleStatus.DRAFT, rows__isnull=False)
        .distinct()
        .select_related("agency")
        .order_by("drawn_up_on", "pk")
    )


def copies_due(*, user: Any) -> QuerySet[PlacementSchedule]:
    """Agreed schedules whose paper copy has not been sent, for the 5S team leaders of their
    agencies (L907)."""
    schedules = PlacementSchedule.objects.filter(
        status=ScheduleStatus.AGREED, copy_sent_on__isnull=True
    ).select_related("agency")
    if is_administrator(user):
        return schedules.order_by("agreed_on", "pk")
    person = person_of(user)
    if person is None or not has_role(user, Role.TEAM_LEADER):
        return schedules.none()
    return (
        schedules.filter(agency__teams__leader=person, agency_id__in=sorted(agency_ids_of(user)))
        .distinct()
        .order_by("agreed_on", "pk")
    )


def placements_owed(*, user: Any, today: datetime.date) -> QuerySet[PlacementScheduleRow]:
    """The rooms the user is responsible for placing items in, by an agreed schedule, whose
    days have not passed (L901, L917: «ответственным за рациональное размещение … организовать
    и принять участие в перемещении предметов»)."""
    person = person_of(user)
    if person is None:
        return PlacementScheduleRow.objects.none()
    return (
        PlacementScheduleRow.objects.filter(
            responsible=person, schedule__status=ScheduleStatus.AGREED, date_to__gte=today
        )
        .select_related("room")
        .order_by("date_from", "pk")
    )


def agency_of(*, user: Any, pk: int) -> Agency:
    agency = Agency.objects.filter(pk=pk).first()
    if agency is None or not permissions.can_view_agency(user, agency.pk):
        raise Http404
    return agency
