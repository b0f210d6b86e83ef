"""Shared set-up of the deployment order and plan tests (the fixtures in conftest.py and the
browser test call these): the template, the agency's head, a
subdivision with its curator, and a plan filled within every maximum."""

import datetime
import io

from django.core.management import call_command

from agencies.choices import AgencyKind
from agencies.deployment.models import DeploymentPlan, PlanActivity
from core.roles import Role
from tests.agencies.factories import AgencyFactory, PersonFactory, UserFactory, make_team

PLAN_START = datetime.date(2026, 1, 12)


def load_template() -> None:
    call_command("load_deployment_template", stdout=io.StringIO())


def make_head(agency_a):
    """The head of agency A (an ОИВ ЯО): approves its plan (L555)."""
    user = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    person = PersonFactory(agency=agency_a, user=user, full_name="Главный Иван Петрович")
    agency_a.head = person
    agency_a.save()
    return user


def make_subdivision():
    """A СППО with its own team, head and curating deputy governor (role curator)."""
    agency = AgencyFactory(kind=AgencyKind.APPARATUS_SUBDIVISION, short_name="Отдел СППО")
    leader_user = UserFactory(username="leader_s", roles=[Role.TEAM_LEADER])
    leader = PersonFactory(agency=agency, user=leader_user, full_name="Лидер СППО")
    make_team(agency, leader=leader)
    head = PersonFactory(agency=agency, user=UserFactory(username="head_s", roles=[Role.EMPLOYEE]))
    agency.head = head
    agency.save()
    apparatus = AgencyFactory(short_name="Аппарат Губернатора")
    curator_user = UserFactory(username="curator_s", roles=[Role.CURATOR])
    agency.curator.person = PersonFactory(agency=apparatus, user=curator_user, full_name="Зам")
    agency.curator.save()
    return agency


def fill_within_maxima(plan: DeploymentPlan, start: datetime.date = PLAN_START) -> None:
    """Plan every activity one after another: a lone activity exactly at its maximum, rows that
    share a merged period cell one day each, the continuous ones (§9.1) for a month."""
    day = start
    for activity in plan.activities.order_by("section", "number"):
        if activity.period_group:
            length = 1
        elif activity.max_weeks is None and activity.max_days is None:
            length = 30
        else:
            length = activity.maximum_days
        activity.planned_start = day
        activity.planned_end = day + datetime.timedelta(days=length - 1)
        activity.save()
        day = activity.planned_end + datetime.timedelta(days=1)


def lone_weekly(plan: DeploymentPlan) -> PlanActivity:
    """4.1.7 «Утвердить план…» (2 weeks, sharing no cell)."""
    return plan.activities.get(section="4.1", number=7)


def make_joint_team(prefix: str = "Совместная", *, users: bool = True):
    """A joint 5S team of two СППО of one curating deputy governor (§4.3, L411): the leader
    works in the first, the curator (role curator when `users`) approves their plan (L555,
    L3637). Returns (team, first СППО, second СППО, curator)."""
    from tests.agencies.factories import CuratorFactory

    apparatus = AgencyFactory(short_name=f"Аппарат {prefix}")
    curator_person = PersonFactory(
        agency=apparatus,
        full_name=f"Заместитель {prefix}",
        user=UserFactory(username=f"curator_{prefix}", roles=[Role.CURATOR]) if users else None,
    )
    curator = CuratorFactory(person=curator_person)
    first, second = (
        AgencyFactory(
            kind=AgencyKind.APPARATUS_SUBDIVISION,
            curator=curator,
            short_name=f"{prefix} СППО {n}",
            full_name=f"{prefix} структурное подразделение {n}",
            staff_headcount=20,
        )
        for n in (1, 2)
    )
    leader = PersonFactory(
        agency=first,
        full_name=f"Лидер {prefix}",
        user=UserFactory(username=f"leader_{prefix}", roles=[Role.TEAM_LEADER]) if users else None,
    )
    team = make_team(first, leader=leader, name=f"5S-команда {prefix}", curator=curator)
    team.agencies.add(second)
    return team, first, second, curator
