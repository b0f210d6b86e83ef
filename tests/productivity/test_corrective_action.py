"""A study records the improvement that caused the change: a description and, where there is
one, the corrective action (Appendix 30) it carried out — an action of an approved plan of the
study's own agency, checked once in productivity.services for the pages and the API alike."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.choices import PlanStatus
from core.exceptions import ApplicationError
from productivity import selectors, services
from productivity.choices import Phase
from productivity.models import Measurement, Study
from tests.productivity.factories import (
    CorrectiveActionFactory,
    StudyFactory,
    WorkplaceFactory,
    complete_study,
    measurement_data,
)

pytestmark = pytest.mark.django_db

MESSAGE = (
    "Выберите корректирующее мероприятие из утверждённого плана ОИВ ЯО / СППО, "
    "к которому относится рабочее место."
)
STUDIES = "/api/v1/productivity/studies/"


@pytest.fixture
def workplace_a(agency_a):
    return WorkplaceFactory(agency=agency_a, name="Участок сборки")


@pytest.fixture
def action_a(agency_a):
    return CorrectiveActionFactory(
        plan__audit__agency=agency_a, step=2, number=3, remark="Инструмент далеко от места"
    )


@pytest.fixture
def action_b(agency_b):
    return CorrectiveActionFactory(plan__audit__agency=agency_b, remark="Чужое замечание")


@pytest.fixture
def draft_action_a(agency_a):
    return CorrectiveActionFactory(
        plan__audit__agency=agency_a,
        plan__status=PlanStatus.DRAFT,
        plan__approved_on=None,
        plan__copy_due=None,
        remark="Замечание из проекта плана",
    )


@pytest.fixture
def study_a(team_leader_a, workplace_a):
    return complete_study(team_leader_a, workplace_a)


# --- the rule, in the service ---------------------------------------------------------------------


def test_a_study_links_an_action_of_its_own_agencys_approved_plan(
    team_leader_a, workplace_a, action_a
):
    study = services.study_create(
        actor=team_leader_a, workplace=workplace_a, title="Т", corrective_action=action_a
    )
    study.refresh_from_db()
    assert study.corrective_action == action_a
    assert list(action_a.studies.all()) == [study]


def test_the_service_also_takes_the_actions_id(team_leader_a, workplace_a, action_a):
    study = services.study_create(
        actor=team_leader_a, workplace=workplace_a, title="Т", corrective_action=action_a.pk
    )
    assert Study.objects.get(pk=study.pk).corrective_action_id == action_a.pk


def test_another_agencys_action_is_refused_on_create_and_nothing_is_saved(
    administrator, workplace_a, action_b
):
    with pytest.raises(ApplicationError) as error:
        services.study_create(
            actor=administrator, workplace=workplace_a, title="Т", corrective_action=action_b
        )
    assert error.value.details == {"corrective_action": MESSAGE}
    assert not Study.objects.exists()


@pytest.mark.parametrize("value", ["draft", 999_999, "abc"])
def test_a_draft_plans_or_unknown_action_is_refused_on_update_and_nothing_changes(
    request, team_leader_a, study_a, action_a, value
):
    services.study_update(
        actor=team_leader_a,
        study=study_a,
        title=study_a.title,
        improvement=study_a.improvement,
        corrective_action=action_a,
    )
    if value == "draft":
        value = request.getfixturevalue("draft_action_a")
    with pytest.raises(ApplicationError) as error:
        services.study_update(
            actor=team_leader_a,
            study=Study.objects.get(pk=study_a.pk),
            title="Другое название",
            improvement=study_a.improvement,
            corrective_action=value,
        )
    assert error.value.details == {"corrective_action": MESSAGE}
    study = Study.objects.get(pk=study_a.pk)
    assert study.corrective_action == action_a and study.title != "Другое название"


def test_update_with_none_unlinks_the_action(team_leader_a, study_a, action_a):
    study_a.corrective_action = action_a
    study_a.save()
    services.study_update(
        actor=team_leader_a,
        study=study_a,
        title=study_a.title,
        improvement=study_a.improvement,
        corrective_action=None,
    )
    assert Study.objects.get(pk=study_a.pk).corrective_action is None


def test_a_measurement_keeps_the_link_unless_given_and_refuses_a_foreign_action(
    team_leader_a, workplace_a, action_a, action_b
):
    study = services.study_create(actor=team_leader_a, workplace=workplace_a, title="Т")
    services.measurement_record(
        actor=team_leader_a, study=study, data=measurement_data(Phase.BEFORE)
    )
    with pytest.raises(ApplicationError) as error:
        services.measurement_record(
            actor=team_leader_a,
            study=Study.objects.get(pk=study.pk),
            data=measurement_data(Phase.AFTER, cycle=("24",)),
            improvement="Кайдзен",
            corrective_action=action_b,
        )
    assert error.value.details == {"corrective_action": MESSAGE}
    assert not Measurement.objects.filter(study=study, phase=Phase.AFTER).exists()
    assert Study.objects.get(pk=study.pk).improvement == ""

    services.measurement_record(
        actor=team_leader_a,
        study=study,
        data=measurement_data(Phase.AFTER, cycle=("24",)),
        improvement="Кайдзен",
        corrective_action=action_a,
    )
    # Re-recording «before» (no corrective action given) keeps the link.
    services.measurement_record(
        actor=team_leader_a, study=study, data=measurement_data(Phase.BEFORE)
    )
    assert Study.objects.get(pk=study.pk).corrective_action == action_a


def test_a_deleted_action_leaves_the_study_with_its_description(team_leader_a, study_a, action_a):
    study_a.corrective_action = action_a
    study_a.save()
    action_a.delete()
    study = Study.objects.get(pk=study_a.pk)
    assert study.corrective_action is None
    assert study.improvement == "Инструмент перенесён в зону досягаемости"


def test_only_actions_of_approved_plans_of_the_agency_are_offered(
    agency_a, action_a, action_b, draft_action_a
):
    assert list(selectors.corrective_actions(agencies=agency_a.pk)) == [action_a]
    assert set(selectors.corrective_actions(agencies=[agency_a.pk, action_b.plan.agency_id])) == {
        action_a,
        action_b,
    }


# --- the pages ------------------------------------------------------------------------------------


def test_study_form_offers_the_agencys_approved_actions_with_step_number_and_plan_date(
    login, team_leader_a, study_a, action_a, action_b, draft_action_a
):
    page = login(team_leader_a).get(reverse("productivity:study-edit", args=[study_a.pk]))
    choices = [label for _value, label in page.context["form"].fields["corrective_action"].choices]
    assert choices[1:] == ["Шаг 2, № 3: Инструмент далеко от места (план от 16.02.2026)"]
    assert "Чужое замечание" not in page.content.decode()


def test_study_form_links_and_unlinks_the_action(login, team_leader_a, study_a, action_a):
    client = login(team_leader_a)
    url = reverse("productivity:study-edit", args=[study_a.pk])
    data = {"title": study_a.title, "improvement": "Стеллаж у станка"}
    assert client.post(url, {**data, "corrective_action": action_a.pk}).status_code == 302
    assert Study.objects.get(pk=study_a.pk).corrective_action == action_a
    assert client.post(url, {**data, "corrective_action": ""}).status_code == 302
    assert Study.objects.get(pk=study_a.pk).corrective_action is None


def test_study_form_refuses_another_agencys_action_with_the_message(
    login, team_leader_a, study_a, action_b
):
    response = login(team_leader_a).post(
        reverse("productivity:study-edit", args=[study_a.pk]),
        {"title": "Другое", "improvement": "Стеллаж", "corrective_action": action_b.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["corrective_action"] == [MESSAGE]
    study = Study.objects.get(pk=study_a.pk)
    assert study.corrective_action is None and study.title != "Другое"


def test_administrator_cannot_pair_a_workplace_with_another_agencys_action(
    login, administrator, workplace_a, action_a, action_b
):
    client = login(administrator)
    url = reverse("productivity:study-create")
    form = client.get(url).context["form"]
    labels = [label for _value, label in form.fields["corrective_action"].choices]
    # Every agency's actions are offered to an administrator, so each names its agency.
    assert any(label.startswith(f"{action_b.plan.agency.short_name} — Шаг") for label in labels)
    response = client.post(
        url, {"workplace": workplace_a.pk, "title": "Т", "corrective_action": action_b.pk}
    )
    assert response.status_code == 200
    assert MESSAGE in response.context["form"].errors["corrective_action"]
    assert not Study.objects.exists()
    response = client.post(
        url, {"workplace": workplace_a.pk, "title": "Т", "corrective_action": action_a.pk}
    )
    assert response.status_code == 302
    assert Study.objects.get().corrective_action == action_a


def test_after_measurement_form_refuses_another_agencys_action(
    login, team_leader_a, study_a, action_b
):
    from tests.productivity.test_views import _measurement_post

    Measurement.objects.filter(study=study_a, phase=Phase.AFTER).delete()
    response = login(team_leader_a).post(
        reverse("productivity:measure", args=[study_a.pk, "after"]),
        _measurement_post(
            cycle="24 24", manual="24 24", improvement="К", corrective_action=action_b.pk
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["corrective_action"] == [MESSAGE]
    assert not Measurement.objects.filter(study=study_a, phase=Phase.AFTER).exists()


def _link(study, action):
    study.corrective_action = action
    study.save()


@pytest.mark.parametrize(
    ("dates", "badge"),
    [
        ({"planned_date": datetime.date(2020, 1, 10)}, "просрочено"),
        ({"planned_date": datetime.date(2099, 1, 10)}, "не выполнено"),
        (
            {"planned_date": datetime.date(2026, 3, 20), "actual_date": datetime.date(2026, 3, 18)},
            "выполнено",
        ),
    ],
)
def test_study_page_shows_the_action_its_dates_state_and_plan_link(
    login, employee_a, study_a, agency_a, dates, badge
):
    action = CorrectiveActionFactory(
        plan__audit__agency=agency_a, step=4, number=2, remark="Нет разметки", **dates
    )
    _link(study_a, action)
    response = login(employee_a).get(study_a.get_absolute_url())
    page = response.content.decode()
    assert "Шаг 4, № 2" in page and "Нет разметки" in page
    assert dates["planned_date"].strftime("%d.%m.%Y") in page
    assert f'data-testid="corrective-action-state">{badge}<' in page
    assert f'href="{reverse("audits:plan", args=[action.plan_id])}"' in page


def test_study_page_without_an_action_shows_a_dash_and_no_plan_link(login, employee_a, study_a):
    page = login(employee_a).get(study_a.get_absolute_url()).content.decode()
    assert "corrective-action-plan" not in page


def test_study_list_and_workplace_page_mark_studies_from_a_corrective_action(
    login, governor, study_a, action_a, workplace_a
):
    _link(study_a, action_a)
    client = login(governor)
    page = client.get(reverse("productivity:index")).content.decode()
    assert "Шаг 2, № 3" in page
    page = client.get(workplace_a.get_absolute_url()).content.decode()
    assert "из плана мероприятий: шаг 2, № 3" in page


def test_results_count_the_studies_from_corrective_actions(
    login, governor, team_leader_a, study_a, action_a, workplace_a
):
    _link(study_a, action_a)
    complete_study(team_leader_a, workplace_a)  # without a corrective action
    results = selectors.results(user=governor)
    assert results.rows[0].studies == 2 and results.rows[0].from_actions == 1
    assert results.region.from_actions == 1
    page = login(governor).get(reverse("productivity:results")).content.decode()
    assert 'data-testid="from-actions">1<' in page


# --- the API --------------------------------------------------------------------------------------


def test_api_creates_a_study_linked_to_an_own_action_and_describes_it(
    api_client, team_leader_a, workplace_a, action_a
):
    response = api_client(team_leader_a).post(
        STUDIES,
        {"workplace": workplace_a.pk, "title": "Т", "corrective_action": action_a.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["corrective_action"] == action_a.pk
    assert body["corrective_action_summary"] == {
        "id": action_a.pk,
        "plan": action_a.plan_id,
        "step": 2,
        "number": 3,
        "remark": "Инструмент далеко от места",
        "planned_date": "2026-03-20",
        "actual_date": None,
    }


@pytest.mark.parametrize("foreign", ["other_agency", "unknown"])
def test_api_refuses_a_foreign_or_unknown_action_naming_the_field(
    api_client, team_leader_a, workplace_a, action_b, foreign
):
    pk = action_b.pk if foreign == "other_agency" else 999_999
    response = api_client(team_leader_a).post(
        STUDIES, {"workplace": workplace_a.pk, "title": "Т", "corrective_action": pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["corrective_action"] == [MESSAGE]
    assert not Study.objects.exists()


def test_api_refuses_a_non_numeric_action(api_client, team_leader_a, workplace_a):
    response = api_client(team_leader_a).post(
        STUDIES,
        {"workplace": workplace_a.pk, "title": "Т", "corrective_action": "КМ-1"},
        format="json",
    )
    assert response.status_code == 400
    assert "corrective_action" in response.json()["errors"]
    assert not Study.objects.exists()


def test_api_patch_keeps_links_and_unlinks_the_action(
    api_client, team_leader_a, study_a, action_a, action_b
):
    client = api_client(team_leader_a)
    url = f"{STUDIES}{study_a.pk}/"
    response = client.patch(url, {"corrective_action": action_a.pk}, format="json")
    assert response.status_code == 200 and response.json()["corrective_action"] == action_a.pk
    response = client.patch(url, {"title": "Новое"}, format="json")
    assert response.json()["corrective_action"] == action_a.pk
    response = client.patch(url, {"corrective_action": action_b.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["corrective_action"] == [MESSAGE]
    assert Study.objects.get(pk=study_a.pk).corrective_action == action_a
    response = client.patch(url, {"corrective_action": None}, format="json")
    assert response.status_code == 200
    assert response.json()["corrective_action"] is None
    assert response.json()["corrective_action_summary"] is None
    assert Study.objects.get(pk=study_a.pk).corrective_action is None


def test_api_measurement_refuses_a_foreign_action_and_saves_nothing(
    api_client, team_leader_a, study_a, action_b
):
    Measurement.objects.filter(study=study_a, phase=Phase.AFTER).delete()
    response = api_client(team_leader_a).post(
        f"{STUDIES}{study_a.pk}/measurements/",
        {
            "phase": "after",
            "shift_h": 8,
            "rest_h": "0.5",
            "improvement": "К",
            "corrective_action": action_b.pk,
            "operations": [{"name": "С", "cycle_times_s": [24], "manual_times_s": [24]}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["corrective_action"] == [MESSAGE]
    assert not Measurement.objects.filter(study=study_a, phase=Phase.AFTER).exists()


# --- query counts ---------------------------------------------------------------------------------


def _linked_studies(agency, count):
    for _ in range(count):
        StudyFactory(
            workplace=WorkplaceFactory(agency=agency),
            corrective_action=CorrectiveActionFactory(plan__audit__agency=agency),
        )


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lists_with_linked_studies_take_a_fixed_number_of_queries(
    login, api_client, administrator, agency_a, agency_b
):
    client, api = login(administrator), api_client(administrator)
    client.get(reverse("home"))
    urls = [reverse("productivity:index"), reverse("productivity:results"), STUDIES]
    api.get(STUDIES)  # the first request warms per-process caches
    _linked_studies(agency_a, 1)
    few = [_queries(client, url) for url in urls[:2]] + [_queries(api, urls[2])]
    _linked_studies(agency_a, 8)
    _linked_studies(agency_b, 8)
    many = [_queries(client, url) for url in urls[:2]] + [_queries(api, urls[2])]
    assert many == few
    with CaptureQueriesContext(connection) as queries:
        rows = list(selectors.study_list(user=administrator))
        assert all(row.corrective_action.remark for row in rows)
    assert len(queries) == 1 and len(rows) == 17


def test_study_form_options_cost_one_query_however_many_actions(
    login, team_leader_a, agency_a, workplace_a
):
    client = login(team_leader_a)
    url = reverse("productivity:study-create")
    CorrectiveActionFactory(plan__audit__agency=agency_a)
    client.get(url)  # who the user is, remembered from here on (core.identity)
    few = _queries(client, url)
    for _ in range(3):
        plan_action = CorrectiveActionFactory(plan__audit__agency=agency_a)
        for number in range(5):
            CorrectiveActionFactory(plan=plan_action.plan, number=100 + number)
    assert _queries(client, url) == few
