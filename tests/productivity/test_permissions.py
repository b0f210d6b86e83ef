"""Every write service of the productivity app refuses a user without the right, with nothing
saved (issue 11 item 9: removing the permission checks from workplace create/update left every
test green). tests/productivity/permission_mutations.py deletes each check in turn and runs these
tests: at least one must fail for each."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from productivity import services
from productivity.choices import Phase
from productivity.models import Measurement, Operation, Study, Workplace
from tests.productivity.factories import WorkplaceFactory, complete_study, measurement_data

pytestmark = pytest.mark.django_db

# Everyone but agency A's team (leader and members) and the administrators.
OUTSIDERS = ["employee_a", "team_leader_b", "governor", "auditor", "group_head", "no_role"]


@pytest.fixture
def workplace_a(agency_a):
    return WorkplaceFactory(agency=agency_a, name="Участок сборки", hourly_rate=Decimal(60))


@pytest.fixture
def study_a(team_leader_a, workplace_a):
    return complete_study(team_leader_a, workplace_a)


def _snapshot():
    return (
        list(Workplace.objects.order_by("pk").values()),
        list(Study.objects.order_by("pk").values()),
        list(Measurement.objects.order_by("pk").values()),
        list(Operation.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_create_a_workplace_of_agency_a(request, role, agency_a):
    user = request.getfixturevalue(role)
    data = services.WorkplaceData(agency=agency_a, name="Место", hourly_rate=Decimal(60))
    with pytest.raises(PermissionDenied):
        services.workplace_create(actor=user, data=data)
    assert not Workplace.objects.exists()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_change_a_workplace_of_agency_a(request, role, study_a, workplace_a):
    user = request.getfixturevalue(role)
    before = _snapshot()
    data = services.WorkplaceData(
        agency=workplace_a.agency, name="Чужое имя", hourly_rate=Decimal(99), kst_mode="formula"
    )
    with pytest.raises(PermissionDenied):
        services.workplace_update(actor=user, workplace=workplace_a, data=data)
    assert _snapshot() == before


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_create_a_study_of_agency_a(request, role, workplace_a):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.study_create(actor=user, workplace=workplace_a, title="Т")
    assert not Study.objects.exists()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_change_a_study_of_agency_a(request, role, study_a):
    user = request.getfixturevalue(role)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.study_update(
            actor=user, study=study_a, title="Чужое", improvement="Чужое улучшение"
        )
    assert _snapshot() == before


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_delete_a_study_of_agency_a(request, role, study_a):
    user = request.getfixturevalue(role)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.study_delete(actor=user, study=study_a)
    assert _snapshot() == before


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_record_a_measurement_of_agency_a(request, role, study_a):
    user = request.getfixturevalue(role)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.measurement_record(
            actor=user,
            study=study_a,
            data=measurement_data(Phase.AFTER, cycle=("12",), manual=("12",)),
            improvement="Чужое улучшение",
        )
    assert _snapshot() == before


@pytest.mark.parametrize("role", ["team_leader_a", "team_member_a", "administrator"])
def test_agency_a_team_and_administrators_write_everything(request, role, agency_a):
    user = request.getfixturevalue(role)
    workplace = services.workplace_create(
        actor=user,
        data=services.WorkplaceData(agency=agency_a, name="Место", hourly_rate=Decimal(60)),
    )
    services.workplace_update(
        actor=user,
        workplace=workplace,
        data=services.WorkplaceData(agency=agency_a, name="Место 2", hourly_rate=Decimal(70)),
    )
    study = services.study_create(actor=user, workplace=workplace, title="Т")
    services.measurement_record(actor=user, study=study, data=measurement_data())
    services.study_update(actor=user, study=study, title="Т2")
    assert Measurement.objects.filter(study=study).count() == 1
    services.study_delete(actor=user, study=study)
    assert not Study.objects.exists()
    workplace.refresh_from_db()
    assert workplace.name == "Место 2" and workplace.hourly_rate == 70


# --- who sees and records what, page by page and in the API -----------------------------------


def _pages(study, workplace):
    return [
        reverse("productivity:index"),
        reverse("productivity:study-create"),
        study.get_absolute_url(),
        reverse("productivity:study-edit", args=[study.pk]),
        reverse("productivity:measure", args=[study.pk, Phase.BEFORE]),
        reverse("productivity:workplace-list"),
        reverse("productivity:workplace-create"),
        workplace.get_absolute_url(),
        reverse("productivity:workplace-edit", args=[workplace.pk]),
        reverse("productivity:results"),
        reverse("productivity:calculators"),
        reverse("productivity:calculator", args=["growth"]),
    ]


def test_a_user_without_a_role_is_refused_every_page(login, no_role, study_a, workplace_a):
    client = login(no_role)
    for url in _pages(study_a, workplace_a):
        assert client.get(url).status_code == 403, url
    for url in (
        reverse("productivity:study-delete", args=[study_a.pk]),
        reverse("productivity:calculator-save", args=["measurement"]),
    ):
        assert client.post(url).status_code == 403, url
    assert Study.objects.filter(pk=study_a.pk).exists()


@pytest.mark.parametrize("role", ["employee_a", "governor", "auditor", "group_head"])
def test_readers_of_agency_a_cannot_open_its_edit_pages(login, request, role, study_a):
    client = login(request.getfixturevalue(role))
    for url in (
        reverse("productivity:study-edit", args=[study_a.pk]),
        reverse("productivity:workplace-edit", args=[study_a.workplace_id]),
        reverse("productivity:measure", args=[study_a.pk, Phase.AFTER]),
    ):
        assert client.get(url).status_code == 403, url


@pytest.fixture
def leader_b_and_auditor(agency_b):
    """Agency B's team leader who is also an auditor: reads agency A, records for B only."""
    from core.roles import Role
    from tests.agencies.factories import PersonFactory, UserFactory

    user = UserFactory(
        username="leader_auditor", roles=[Role.TEAM_LEADER, Role.WORKING_GROUP_AUDITOR]
    )
    PersonFactory(agency=agency_b, user=user, full_name="Лидер-аудитор")
    return user


def test_a_reader_of_agency_a_who_records_elsewhere_cannot_change_its_records(
    api_client, leader_b_and_auditor, study_a
):
    client = api_client(leader_b_and_auditor)
    url = f"/api/v1/productivity/studies/{study_a.pk}/"
    assert client.get(url).status_code == 200  # reads agency A as an auditor
    # Refused before the body is read: a malformed body is a 403, not a 400.
    assert client.post(f"{url}measurements/", {"phase": "x"}).status_code == 403
    assert client.patch(url, {"title": "x" * 400}, format="json").status_code == 403
    workplace_url = f"/api/v1/productivity/workplaces/{study_a.workplace_id}/"
    assert client.patch(workplace_url, {"hourly_rate": "-1"}, format="json").status_code == 403
    assert client.delete(url).status_code == 403
    assert Study.objects.filter(pk=study_a.pk).exists()


@pytest.mark.parametrize(
    ("role", "agencies"),
    [
        ("team_leader_a", {"a"}),
        ("team_member_a", {"a"}),
        ("team_leader_b", {"b"}),
        ("administrator", {"a", "b"}),
        ("employee_a", set()),
        ("governor", set()),
        ("auditor", set()),
        ("no_role", set()),
    ],
)
def test_recordable_agencies_are_the_recording_users_own(
    request, role, agencies, agency_a, agency_b
):
    from productivity.permissions import readable_agencies, recordable_agencies

    user = request.getfixturevalue(role)
    names = {agency_a.pk: "a", agency_b.pk: "b"}
    assert {names[a.pk] for a in recordable_agencies(user)} == agencies
    readable = {names.get(a.pk) for a in readable_agencies(user)} - {None}
    assert agencies <= readable
