import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from agencies.choices import AgencyKind, PositionLevel
from agencies.models import (
    Agency,
    Curator,
    FiveSTeam,
    Person,
    TeamMembership,
    WorkingGroup,
    WorkingGroupMembership,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-pass-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            self.groups.set([Group.objects.get_or_create(name=str(role))[0] for role in extracted])


class CuratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Curator

    full_name = factory.Sequence(lambda n: f"Куратор {n}")
    position = "Заместитель Губернатора области"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    kind = AgencyKind.EXECUTIVE_BODY
    full_name = factory.Sequence(lambda n: f"Департамент № {n} Ярославской области")
    short_name = factory.Sequence(lambda n: f"Департамент {n}")
    curator = factory.SubFactory(CuratorFactory)
    staff_headcount = 60


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Сотрудник {n} Тестович")
    position = "Консультант"
    agency = factory.SubFactory(AgencyFactory)
    trained_on = datetime.date(2026, 2, 1)
    # Senior enough to lead a 5S team where the agency has no committees (§4.2, L379); the
    # leader rule's own tests set the level they need.
    position_level = PositionLevel.DEPARTMENT_HEAD


def make_team(agency, *, leader=None, size=5, **kwargs):
    """A valid 5S team of `size` trained people of `agency` (the leader included)."""
    leader = leader or PersonFactory(agency=agency)
    team = FiveSTeam.objects.create(
        name=kwargs.pop("name", f"5S-команда {agency.short_name}"),
        leader=leader,
        period_start=datetime.date(2026, 1, 1),
        **kwargs,
    )
    team.agencies.add(agency)
    members = [leader] + [PersonFactory(agency=agency) for _ in range(size - 1)]
    TeamMembership.objects.bulk_create([TeamMembership(team=team, person=p) for p in members])
    return team


def make_working_group(head, members=()):
    group = WorkingGroup.objects.create(name="Рабочая группа", head=head)
    WorkingGroupMembership.objects.bulk_create(
        [WorkingGroupMembership(group=group, person=p) for p in {head, *members}]
    )
    return group
