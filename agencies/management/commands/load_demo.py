"""Load (or refresh) the demo region: about 30 agencies, fictional people, 5S teams, the
working group and one account per role. Running it again changes nothing that is in place."""

import datetime
import json
import math
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from agencies.choices import AgencyKind, CouncilRole, DeploymentState
from agencies.models import Agency, Curator, FiveSTeam, Person, WorkingGroup
from agencies.services import TeamComposition, team_create, working_group_update
from agencies.team_rules import position_level_from_title
from core.demo import DemoDataCommand, refuse_under_production

FIXTURE = settings.BASE_DIR / "fixtures" / "demo" / "region.json"
# Subdivisions under 50 staff form joint teams per curator (§4.3); keyed by the curator key.
TRAINING_DATE = datetime.date(2026, 2, 12)
DEMO_TODAY = datetime.date(2026, 3, 2)


class Command(DemoDataCommand):  # refuses under production settings (core.demo)
    help = "Load the demo region with one account per role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the demo logins.")

    @transaction.atomic
    def handle(self, *args, quiet=False, **options):
        data = json.loads(FIXTURE.read_text(encoding="utf-8"))
        rng = random.Random(2011)
        names = _NameGenerator(data["names"], rng)
        admin = self._account(
            data["accounts"][0], password=data["password"], person=None, superuser=True
        )
        curators = {
            item["key"]: Curator.objects.get_or_create(
                full_name=item["full_name"], defaults={"position": item["position"]}
            )[0]
            for item in data["curators"]
        }
        agencies = []
        for index, item in enumerate(data["agencies"]):
            agency, _created = Agency.objects.get_or_create(
                full_name=item["full_name"],
                defaults={
                    "kind": item["kind"],
                    "short_name": item["short_name"],
                    "curator": curators[item["curator"]],
                    "staff_headcount": item["staff_headcount"],
                    "responsible_for_common_areas": item["responsible_for_common_areas"],
                    "deployment_state": _state_for(index),
                    "steps_completed": _steps_for(index),
                },
            )
            agencies.append(agency)

        people = {agency.pk: self._staff(agency, names, data["positions"]) for agency in agencies}
        group = self._working_group(data["working_group"], agencies, names, admin)
        self._council(data["council"], agencies, people)
        self._teams(agencies, people, admin)

        roles = {}
        for account in data["accounts"][1:]:
            person = self._person_for(account.get("person"), agencies, people, group)
            self._account(account, password=data["password"], person=person)
            roles[account["username"]] = account["role"]
        if not quiet:
            self._print_logins(data, roles)

    def _staff(self, agency, names, positions):
        # The working group's members also belong to agencies; on a rerun they must not be
        # taken for the agency's staff (the employee account would then take over the group
        # head's person).
        existing = list(agency.people.filter(working_group_memberships__isnull=True).order_by("pk"))
        if existing:
            return existing
        count = min(20, max(8, math.ceil(agency.staff_headcount / 10) + 3))
        head_position = (
            positions["head_subdivision"]
            if agency.kind == AgencyKind.APPARATUS_SUBDIVISION
            else positions["head_executive_body"]
        )
        staff = []
        for index in range(count):
            if index == 0:
                position = head_position
            elif index == 1:
                position = positions["leader"]
            else:
                position = positions["staff"][index % len(positions["staff"])]
            staff.append(
                Person.objects.create(
                    agency=agency,
                    full_name=names.unique(),
                    position=position,
                    position_level=position_level_from_title(position),
                    # The last two have not been trained yet: the team form shows why they
                    # cannot join.
                    trained_on=TRAINING_DATE if index < count - 2 else None,
                )
            )
        agency.head = staff[0]
        agency.save(update_fields=["head"])
        return staff

    def _working_group(self, spec, agencies, names, admin):
        group = WorkingGroup.objects.filter(name=spec["name"]).first()
        if group is not None:
            return group
        members = []
        for index in range(spec["size"]):
            agency = agencies[(index * 7) % len(agencies)]
            position = (
                "Консультант отдела оценки эффективности"
                if index
                else "Заместитель руководителя аппарата Правительства области"
            )
            members.append(
                Person.objects.create(
                    agency=agency,
                    full_name=names.unique(),
                    position=position,
                    position_level=position_level_from_title(position),
                    trained_on=TRAINING_DATE,
                )
            )
        group = WorkingGroup(name=spec["name"], head=members[0])
        group.save()
        working_group_update(actor=admin, group=group, head=members[0], members=members)
        return group

    def _council(self, spec, agencies, people):
        """The heads of the named agencies sit on the council at the Governor (L163), one of
        them as its secretary (L765); none of them is on a 5S team (L415)."""
        by_name = {agency.short_name: agency for agency in agencies}
        seats = [(spec["secretary"], CouncilRole.SECRETARY)]
        seats += [(name, CouncilRole.MEMBER) for name in spec["members"]]
        for name, role in seats:
            head = people[by_name[name].pk][0]
            Person.objects.filter(pk=head.pk).update(council_role=role)
            head.council_role = role

    def _teams(self, agencies, people, admin):
        by_curator = {}
        for agency in agencies:
            if agency.teams.exists():
                continue
            if agency.kind == AgencyKind.APPARATUS_SUBDIVISION and agency.staff_headcount < 50:
                by_curator.setdefault(agency.curator_id, []).append(agency)
                continue
            if agency.deployment_state == DeploymentState.PREPARING and agency.pk % 2:
                continue  # some agencies have not formed their team yet
            self._team(admin, [agency], people)
        for group in by_curator.values():
            self._team(admin, group, people)

    def _team(self, admin, agencies, people):
        staff = [person for agency in agencies for person in people[agency.pk] if person.trained_on]
        own = people[agencies[0].pk]
        leader = own[1]
        headcount = sum(agency.staff_headcount for agency in agencies)
        size = max(5, math.ceil(headcount / 10)) if headcount >= 50 else 5
        # Heads of agencies and the people at the start of each list are the leaders'
        # colleagues; members come from the trained staff.
        members = [p for p in staff if p.pk not in {leader.pk, own[0].pk}][: size - 1]
        name = (
            f"5S-команда: {agencies[0].short_name}"
            if len(agencies) == 1
            else "Объединённая 5S-команда: " + ", ".join(a.short_name for a in agencies)
        )
        team_create(
            actor=admin,
            composition=TeamComposition(
                name=name,
                agencies=agencies,
                leader=leader,
                members=members,
                period_start=datetime.date(2026, 1, 12),
                order_number=f"{40 + agencies[0].pk}-п",
                order_date=datetime.date(2026, 1, 12),
                deployment_start=datetime.date(2026, 2, 2),
                storage_keeper=members[-1],
            ),
        )

    def _person_for(self, reference, agencies, people, group):
        if not reference:
            return None
        kind, _sep, arg = reference.partition(":")
        if kind == "working_group_head":
            return group.head
        if kind == "working_group_member":
            ordered = [
                m.person for m in group.memberships.select_related("person").order_by("person_id")
            ]
            return [p for p in ordered if p.pk != group.head_id][int(arg) - 1]
        agency = next(a for a in agencies if a.short_name == arg)
        team = FiveSTeam.objects.filter(agencies=agency).first()
        if kind == "team_leader":
            return team.leader
        member_ids = set(team.memberships.values_list("person_id", flat=True))
        if kind == "team_member":
            return next(
                p for p in people[agency.pk] if p.pk in member_ids and p.pk != team.leader_id
            )
        return next(p for p in reversed(people[agency.pk]) if p.pk not in member_ids)

    def _account(self, account, *, password, person, superuser=False):
        if superuser:
            refuse_under_production()  # the demo superuser never exists under production
        User = get_user_model()
        user, created = User.objects.get_or_create(username=account["username"])
        if created:
            user.set_password(password)
        if person is not None:
            surname, first, *_rest = person.full_name.split()
            user.first_name, user.last_name = first, surname
            if person.user_id not in (None, user.pk):
                person.user = None
            Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
            if person.user_id != user.pk:  # a rerun leaves the history alone
                person.user = user
                person.save(update_fields=["user"])
        else:
            user.first_name = account.get("first_name", "")
            user.last_name = account.get("last_name", "")
        user.email = f"{account['username']}@demo.5s-portal.local"
        user.is_superuser = user.is_staff = superuser
        user.save()
        # get_or_create: a flushed test database has lost the groups of the roles migration.
        user.groups.set([Group.objects.get_or_create(name=account["role"])[0]])
        return user

    def _print_logins(self, data, roles):
        from core.roles import Role

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo region is ready. Demo logins (password for all: {data['password']}):"
            )
        )
        self.stdout.write(f"  {'admin':<10} {Role.ADMINISTRATOR.label}")
        for username, role in roles.items():
            self.stdout.write(f"  {username:<10} {Role(role).label}")


def _state_for(index):
    if index % 5 == 0:
        return DeploymentState.FUNCTIONING
    if index % 7 == 6:
        return DeploymentState.PREPARING
    return DeploymentState.DEPLOYING


def _steps_for(index):
    state = _state_for(index)
    if state == DeploymentState.FUNCTIONING:
        return 5
    if state == DeploymentState.PREPARING:
        return 0
    return 1 + index % 4


class _NameGenerator:
    def __init__(self, pools, rng):
        self.pools = pools
        self.rng = rng
        self.used = set(Person.objects.values_list("full_name", flat=True))

    def unique(self):
        while True:
            pool = self.pools[self.rng.choice(["male", "female"])]
            name = " ".join(
                self.rng.choice(pool[part]) for part in ("surnames", "first", "patronymic")
            )
            if name not in self.used:
                self.used.add(name)
                return name
