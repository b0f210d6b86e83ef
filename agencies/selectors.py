"""Reads of agencies, people, teams and the working group, scoped to what the user may see."""

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce, Least

from agencies.filters import AgencyFilter, PersonFilter, RoomFilter
from agencies.models import (
    Agency,
    FiveSTeam,
    Person,
    Room,
    TeamMembership,
    WorkingGroup,
    WorkingGroupMembership,
)
from agencies.permissions import visible_agencies, visible_people, visible_rooms, visible_teams
from core.filters import apply_filters


def agency_list(*, user, filters=None, team_count: bool = False):
    """The agencies the user may see, narrowed by AgencyFilter (a malformed value: 400). The
    number of 5S teams, which only the page shows, is counted when asked (`team_count`): the
    API's serializer never outputs it, and the join and count made the list 7–9 times a
    minimal endpoint (issue 18)."""
    queryset = visible_agencies(user).select_related("curator")
    if team_count:
        queryset = queryset.annotate(team_count=Count("teams", distinct=True))
    return apply_filters(AgencyFilter, filters, queryset).order_by("short_name")


def agency_detail(*, user, pk):
    return (
        visible_agencies(user)
        .select_related("curator", "head")
        .annotate(room_count=Count("rooms", distinct=True))
        .prefetch_related(
            Prefetch("teams", queryset=_teams_with_people()),
        )
        .get(pk=pk)
    )


def agency_people(*, agency):
    return (
        agency.people.select_related("user")
        .annotate(
            on_working_group=Exists(WorkingGroupMembership.objects.filter(person=OuterRef("pk"))),
            team_count=Count("memberships", distinct=True),
            # A person's training record (§9.2; L381, L413): the course date on their record
            # or their first session of the agency's programme, whichever is earlier.
            first_session=Min("training_attendances__session__date"),
        )
        .annotate(
            trained_since=Least(
                Coalesce("trained_on", "first_session"), Coalesce("first_session", "trained_on")
            )
        )
        .order_by("full_name")
    )


def _teams_with_people():
    return (
        FiveSTeam.objects.select_related("leader", "curator", "storage_keeper")
        .prefetch_related(
            "agencies",
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.select_related("person").order_by(
                    "person__full_name"
                ),
            ),
        )
        .order_by("name")
    )


def team_list(*, user):
    return visible_teams(user, _teams_with_people())


def team_detail(*, user, pk):
    return team_list(user=user).get(pk=pk)


def person_list(*, user, filters=None):
    """The people the user may see, narrowed by PersonFilter (a malformed value: 400)."""
    queryset = visible_people(user).select_related("agency")
    return apply_filters(PersonFilter, filters, queryset).order_by("full_name", "pk")


def working_group_current():
    """The working group in force (the order forms one for the region)."""
    return (
        WorkingGroup.objects.select_related("head", "head__agency")
        .prefetch_related("memberships__person__agency")
        .order_by("-pk")
        .first()
    )


def people_on_working_group(person_ids):
    return set(
        WorkingGroupMembership.objects.filter(person_id__in=person_ids).values_list(
            "person_id", flat=True
        )
    )


def region_counts():
    """Figures for the region panel on the home page."""
    return Agency.objects.aggregate(
        agencies=Count("pk"),
        functioning=Count("pk", filter=Q(deployment_state="functioning")),
        deploying=Count("pk", filter=Q(deployment_state="deploying")),
        with_team=Count("pk", filter=Q(teams__isnull=False), distinct=True),
    )


def candidate_people_for_team(*, agencies):
    return (
        Person.objects.filter(agency__in=agencies)
        .select_related("agency")
        # The form marks who is not trained yet (L381, L413): a session attended counts.
        .annotate(sessions_attended=Count("training_attendances"))
        .order_by("agency__short_name", "full_name")
    )


def room_list(*, user, filters=None):
    """Rooms of the agencies the user may see, by agency and name; `filters` as RoomFilter
    (`?agency=`, `?kind=`, `?common_area=`)."""
    queryset = visible_rooms(user).select_related("agency")
    return apply_filters(RoomFilter, filters, queryset).order_by("agency__short_name", "name")


def room_detail(*, user, pk):
    return visible_rooms(user).select_related("agency").get(pk=pk)


def agency_rooms(*, agency):
    return Room.objects.filter(agency=agency).order_by("name")
