"""Reads of training (§9.2, seed 003 L1377–1385): programmes, sessions, who is trained, and the
coverage of employees per agency and for the region against 100 % (L1355)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet

from agencies.models import Agency, FiveSTeam, Person, TeamMembership
from agencies.training import rules
from agencies.training.choices import ProgrammeStatus, TargetGroup
from agencies.training.filters import ProgrammeFilter, SessionFilter
from agencies.training.models import (
    ProgrammeTopic,
    TrainingAttendance,
    TrainingProgramme,
    TrainingSession,
)
from agencies.training.permissions import scope_by_agency
from core.filters import apply_filters


def programme_list(*, user: Any, filters: Mapping[str, Any] | None = None):
    programmes = scope_by_agency(TrainingProgramme.objects.all(), user)
    programmes = apply_filters(ProgrammeFilter, filters, programmes)
    return (
        programmes.select_related("agency", "hr_person", "approver")
        .prefetch_related("topics")
        .order_by("-year", "agency__short_name")
    )


def programme_detail(*, user: Any, pk: int) -> TrainingProgramme:
    return programme_list(user=user).get(pk=pk)


def session_list(*, user: Any, filters: Mapping[str, Any] | None = None):
    sessions = scope_by_agency(TrainingSession.objects.all(), user)
    sessions = apply_filters(SessionFilter, filters, sessions).distinct()
    return sessions.select_related("agency", "programme_topic").prefetch_related(
        Prefetch(
            "attendances",
            queryset=TrainingAttendance.objects.select_related("person").order_by(
                "person__full_name", "person_id"
            ),
        )
    )


def session_detail(*, user: Any, pk: int) -> TrainingSession:
    return session_list(user=user).get(pk=pk)


def approved_topics(*, agency_id: int, year: int) -> list[ProgrammeTopic]:
    """The topics of the agency's approved programme of that year (none without one)."""
    return list(
        ProgrammeTopic.objects.filter(
            programme__agency_id=agency_id,
            programme__year=year,
            programme__status=ProgrammeStatus.APPROVED,
        )
    )


def first_session_dates(person_ids: Iterable[int]) -> dict[int, datetime.date]:
    """The date of each person's first session (one query)."""
    rows = (
        TrainingAttendance.objects.filter(person_id__in=list(person_ids))
        .values("person_id")
        .annotate(first=Min("session__date"))
        .order_by()
    )
    return {row["person_id"]: row["first"] for row in rows}


def trained_person_ids(people: Iterable[Person]) -> set[int]:
    """Of `people`, those trained (L381, L413): a course date on their record or a session of
    the agency's programme attended (`rules.trained_since`). One query."""
    people = list(people)
    firsts = first_session_dates(person.pk for person in people)
    return {
        person.pk
        for person in people
        if rules.trained_since(person.trained_on, firsts.get(person.pk)) is not None
    }


def is_trained(person: Person) -> bool:
    return person.pk in trained_person_ids([person])


@dataclass(frozen=True)
class GroupCoverage:
    employees: int
    trained: int
    share: Decimal


@dataclass(frozen=True)
class Coverage:
    """The share of an agency's employees trained, overall and per target group (L1383),
    against the target of 100 % (L1355). `employees` are the people the portal lists for the
    agency; «everyone» counts each employee, «team» the leader and members of a 5S team."""

    agency: Agency | None
    employees: int
    trained: int
    share: Decimal
    by_group: dict[str, GroupCoverage]


def _group(employees: int, trained: int) -> GroupCoverage:
    return GroupCoverage(employees, trained, rules.coverage_share(trained, employees))


def _coverage(agency: Agency | None, row: Mapping[str, int]) -> Coverage:
    return Coverage(
        agency=agency,
        employees=row["employees"],
        trained=row["trained"],
        share=rules.coverage_share(row["trained"], row["employees"]),
        by_group={
            TargetGroup.EVERYONE.value: _group(row["employees"], row["everyone_trained"]),
            TargetGroup.TEAM.value: _group(row["team"], row["team_trained"]),
        },
    )


_EMPTY = {"employees": 0, "trained": 0, "everyone_trained": 0, "team": 0, "team_trained": 0}


def _coverage_counts(people: QuerySet[Any, Any]) -> QuerySet[Any, Any]:
    attended = TrainingAttendance.objects.filter(person=OuterRef("pk"))
    course = Q(trained_on__isnull=False)
    on_team = Q(Exists(TeamMembership.objects.filter(person=OuterRef("pk"))))
    return people.annotate(
        employees=Count("pk"),
        trained=Count("pk", filter=course | Q(Exists(attended))),
        everyone_trained=Count(
            "pk",
            filter=course | Q(Exists(attended.filter(session__target_group=TargetGroup.EVERYONE))),
        ),
        team=Count("pk", filter=on_team),
        team_trained=Count(
            "pk",
            filter=on_team
            & (course | Q(Exists(attended.filter(session__target_group=TargetGroup.TEAM)))),
        ),
    ).order_by()


def agency_coverage(*, agency: Agency) -> Coverage:
    rows = list(
        _coverage_counts(Person.objects.filter(agency=agency).values("agency_id")).values(*_EMPTY)
    )
    return _coverage(agency, rows[0] if rows else _EMPTY)


@dataclass(frozen=True)
class RegionCoverage:
    rows: list[Coverage]
    total: Coverage


def region_coverage(*, user: Any) -> RegionCoverage:
    """Every agency the user may read with its coverage, and the total over them: two queries
    however many agencies, people and sessions there are."""
    agencies = list(scope_by_agency(Agency.objects.all(), user, field="pk").order_by("short_name"))
    people = Person.objects.filter(agency__in=[agency.pk for agency in agencies])
    counts = {
        row["agency_id"]: row
        for row in _coverage_counts(people.values("agency_id")).values("agency_id", *_EMPTY)
    }
    rows = [_coverage(agency, counts.get(agency.pk, _EMPTY)) for agency in agencies]
    totals = {key: sum(row[key] for row in counts.values()) for key in _EMPTY}
    return RegionCoverage(rows=rows, total=_coverage(None, totals))


def leader_users(agency_ids: Iterable[int]) -> dict[int, list[Any]]:
    """The accounts of the leaders of each agency's 5S teams (one query; a leader without an
    account has nobody to tell)."""
    result: dict[int, list[Any]] = {}
    teams = FiveSTeam.objects.filter(
        agencies__in=list(agency_ids), leader__user__isnull=False
    ).values_list("agencies", "leader__user")
    rows = sorted(set(teams))
    users = get_user_model().objects.in_bulk({user_id for _agency, user_id in rows})
    for agency_id, user_id in rows:
        result.setdefault(agency_id, []).append(users[user_id])
    return result
