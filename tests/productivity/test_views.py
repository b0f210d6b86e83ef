import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from productivity.models import Measurement, Study, Workplace
from tests.productivity.factories import CorrectiveActionFactory, WorkplaceFactory, complete_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def workplace_a(agency_a):
    return WorkplaceFactory(agency=agency_a, name="Участок сборки")


@pytest.fixture
def study_a(team_leader_a, workplace_a):
    return complete_study(team_leader_a, workplace_a)


READ_ROLES = [
    "team_leader_a",
    "team_member_a",
    "employee_a",
    "governor",
    "auditor",
    "group_head",
    "administrator",
]


@pytest.mark.parametrize("role", READ_ROLES)
def test_readers_see_the_study_pages(login, request, role, study_a):
    client = login(request.getfixturevalue(role))
    for url in (
        reverse("productivity:index"),
        study_a.get_absolute_url(),
        reverse("productivity:workplace-list"),
        study_a.workplace.get_absolute_url(),
        reverse("productivity:results"),
        reverse("productivity:calculators"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Производительность труда" in client.get(reverse("home")).content.decode()


def test_anonymous_is_sent_to_login(client, study_a):
    response = client.get(study_a.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_user_without_role_is_refused(login, no_role, study_a):
    client = login(no_role)
    assert client.get(reverse("productivity:index")).status_code == 403
    assert client.get(reverse("productivity:calculator", args=["growth"])).status_code == 403


def test_another_agency_cannot_see_the_study(login, team_leader_b, study_a):
    client = login(team_leader_b)
    assert client.get(study_a.get_absolute_url()).status_code == 404
    assert client.get(study_a.workplace.get_absolute_url()).status_code == 404
    assert study_a.title not in client.get(reverse("productivity:index")).content.decode()


@pytest.mark.parametrize(
    ("role", "code"),
    # Readers of agency A are refused (403); agency B's leader does not see the study (404).
    [
        ("employee_a", 403),
        ("governor", 403),
        ("auditor", 403),
        ("group_head", 403),
        ("team_leader_b", 404),
    ],
)
def test_readers_cannot_record(login, request, role, code, study_a):
    client = login(request.getfixturevalue(role))
    measure = reverse("productivity:measure", args=[study_a.pk, "after"])
    assert client.get(measure).status_code == code
    assert client.post(measure, _measurement_post(improvement="Чужое")).status_code == code
    assert client.post(reverse("productivity:study-delete", args=[study_a.pk])).status_code == code
    edit = reverse("productivity:study-edit", args=[study_a.pk])
    assert client.post(edit, {"title": "Чужое", "improvement": "Чужое"}).status_code == code
    workplace_edit = reverse("productivity:workplace-edit", args=[study_a.workplace_id])
    assert client.post(workplace_edit, {"name": "Чужое"}).status_code == code
    if role != "team_leader_b":  # who records for agency B only
        assert client.get(reverse("productivity:study-create")).status_code == 403
        assert client.get(reverse("productivity:workplace-create")).status_code == 403
    study_a.refresh_from_db()
    assert study_a.title != "Чужое" and study_a.improvement != "Чужое"
    assert study_a.workplace.name != "Чужое"


def _measurement_post(phase="before", cycle="48 50 46", manual="24 24 24", **extra):
    data = {
        "measured_on": "2026-03-02",
        "shift_h": "8",
        "rest_h": "0,5",
        "preparatory_h": "0",
        "maintenance_h": "0",
        "losses_h": "0",
        "yield_percent": "100",
        "operations-TOTAL_FORMS": "3",
        "operations-INITIAL_FORMS": "0",
        "operations-MIN_NUM_FORMS": "0",
        "operations-MAX_NUM_FORMS": "30",
        "operations-0-name": "Сборка",
        "operations-0-parts_per_cycle": "1",
        "operations-0-cycle_times_s": cycle,
        "operations-0-manual_times_s": manual,
    }
    data.update(extra)
    return data


def test_team_leader_records_a_study_through_the_pages(login, team_leader_a, workplace_a):
    client = login(team_leader_a)
    response = client.post(
        reverse("productivity:study-create"), {"workplace": workplace_a.pk, "title": "Сборка узла"}
    )
    study = Study.objects.get()
    assert response["Location"] == reverse("productivity:measure", args=[study.pk, "before"])
    response = client.post(response["Location"], _measurement_post())
    assert response.status_code == 302
    action = CorrectiveActionFactory(plan__audit__agency=workplace_a.agency, step=3, number=7)
    response = client.post(
        reverse("productivity:measure", args=[study.pk, "after"]),
        _measurement_post(
            cycle="24 24",
            manual="24 24",
            improvement="Кайдзен: инструмент рядом",
            corrective_action=str(action.pk),
        ),
    )
    assert response.status_code == 302
    study.refresh_from_db()
    assert study.growth == 2
    page = client.get(study.get_absolute_url()).content.decode()
    assert "Кайдзен: инструмент рядом" in page and "Шаг 3, № 7" in page
    assert "<svg" in page


def test_after_measurement_without_improvement_is_refused(login, team_leader_a, workplace_a):
    client = login(team_leader_a)
    client.post(reverse("productivity:study-create"), {"workplace": workplace_a.pk, "title": "Т"})
    study = Study.objects.get()
    response = client.post(
        reverse("productivity:measure", args=[study.pk, "after"]), _measurement_post()
    )
    assert response.status_code == 200
    assert "improvement" in response.context["form"].errors
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("changes", "where", "field", "text"),
    [
        ({"shift_h": "0"}, "form", "shift_h", "больше нуля"),
        ({"losses_h": "9"}, "form", "losses_h", "доступного времени"),
        ({"yield_percent": "120"}, "form", "yield_percent", "100 %"),
        (
            {"operations-0-manual_times_s": "60"},
            "operation",
            "manual_times_s",
            "Kвц не может быть больше 1",
        ),
        ({"operations-0-cycle_times_s": "48 abc"}, "operation", "cycle_times_s", "не число"),
        ({"operations-0-cycle_times_s": "0"}, "operation", "cycle_times_s", "больше нуля"),
    ],
)
def test_bad_measurement_names_the_field_and_saves_nothing(
    login, team_leader_a, workplace_a, changes, where, field, text
):
    client = login(team_leader_a)
    client.post(reverse("productivity:study-create"), {"workplace": workplace_a.pk, "title": "Т"})
    study = Study.objects.get()
    response = client.post(
        reverse("productivity:measure", args=[study.pk, "before"]), _measurement_post(**changes)
    )
    assert response.status_code == 200
    errors = (
        response.context["form"].errors
        if where == "form"
        else response.context["formset"].forms[0].errors
    )
    assert field in errors
    assert text in " ".join(errors[field])
    assert not Measurement.objects.exists()


def test_workplace_create_and_bad_input(login, team_leader_a, agency_a):
    client = login(team_leader_a)
    bad = {
        "agency": agency_a.pk,
        "name": "М",
        "workers_per_workplace": 1,
        "hourly_rate": "0",
        "kvc_base": "0.4",
        "worker_share": "0,9",
        "kst_mode": "table",
    }
    response = client.post(reverse("productivity:workplace-create"), bad)
    assert response.status_code == 200
    assert {"hourly_rate", "worker_share"} <= set(response.context["form"].errors)
    assert not Workplace.objects.exists()
    good = {**bad, "hourly_rate": "60", "worker_share": "0,3", "kvc_base": "0.5"}
    response = client.post(reverse("productivity:workplace-create"), good)
    assert response.status_code == 302
    assert Workplace.objects.get().kvc_base == Decimal("0.5")


def test_workplace_of_another_agency_is_not_offered(login, team_leader_a, agency_b):
    response = login(team_leader_a).post(
        reverse("productivity:workplace-create"),
        {
            "agency": agency_b.pk,
            "name": "М",
            "workers_per_workplace": 1,
            "hourly_rate": "60",
            "kvc_base": "0.4",
            "worker_share": "0,3",
            "kst_mode": "table",
        },
    )
    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert not Workplace.objects.exists()


def test_piece_rate_card_shows_the_kst_in_force(login, employee_a, study_a):
    page = login(employee_a).get(study_a.workplace.get_absolute_url()).content.decode()
    assert 'data-testid="card-kst">1.4500' in page or 'data-testid="card-kst">1,4500' in page


# --- Calculators ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "query", "expected"),
    [
        (
            "growth",
            {
                "cycle_before": "4",
                "cycle_after": "2",
                "available_before": "6",
                "available_after": "7,2",
                "yield_target": "100",
                "yield_actual": "100",
            },
            ["2,4000", "140,00"],
        ),
        ("operation-norm", {"operative_time": "50", "allowance_coefficient": "1,12"}, ["56,0000"]),
        (
            "available-time",
            {
                "shift_time": "8",
                "rest_time": "0,5",
                "preparatory_time": "0,2",
                "maintenance_time": "0,3",
                "losses_time": "1",
            },
            ["7,5000", "6,0000"],
        ),
        (
            "workplace-norm",
            {
                "cycle_time": "48",
                "parts_per_cycle": "1",
                "workers_per_workplace": "1",
                "shift_time": "8",
                "available_time": "7,5",
            },
            ["51,2000", "70,31"],
        ),
        (
            "headcount",
            {
                "available_time": "7",
                "programme": "840",
                "cycle_times": "30 45 15",
                "norm_fulfilment": "1",
                "workers_per_workplace": "1",
                "parts_per_cycle": "1",
                "shifts": "1",
            },
            ["30,0000", "3,00"],
        ),
        (
            "kvc-kint",
            {
                "manual_time": "24",
                "cycle_time": "48",
                "available_actual": "6",
                "available_ideal": "7,5",
            },
            ["0,5000", "0,4000"],
        ),
        ("kst", {"kvc": "0,5", "kvc_base": "0.4", "worker_share": "0,3"}, ["1,0750", "1,4500"]),
        (
            "piece-rate",
            {
                "cycle_time_s": "24",
                "manual_time_s": "24",
                "shift_h": "8",
                "available_h": "7,5",
                "hourly_rate": "60",
                "parts_per_cycle": "1",
                "workers_per_workplace": "1",
                "kvc_base": "0.4",
                "worker_share": "0,3",
                "kst_mode": "table",
            },
            ["0,62", "140,63", "87,00"],
        ),
    ],
)
def test_calculators_show_result_and_formula(login, governor, slug, query, expected):
    response = login(governor).get(reverse("productivity:calculator", args=[slug]), query)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="formula"' in page
    for text in expected:
        assert text in page, text


@pytest.mark.parametrize(
    ("slug", "query", "field"),
    [
        (
            "growth",
            {
                "cycle_before": "4",
                "cycle_after": "2",
                "available_before": "6",
                "available_after": "7",
                "yield_target": "100",
                "yield_actual": "105",
            },
            "yield_actual",
        ),
        (
            "kvc-kint",
            {
                "manual_time": "50",
                "cycle_time": "48",
                "available_actual": "6",
                "available_ideal": "7,5",
            },
            "manual_time",
        ),
        (
            "kvc-kint",
            {
                "manual_time": "24",
                "cycle_time": "48",
                "available_actual": "8",
                "available_ideal": "7,5",
            },
            "available_actual",
        ),
        ("kst", {"kvc": "1,2", "kvc_base": "0.4", "worker_share": "0,3"}, "kvc"),
        (
            "headcount",
            {
                "available_time": "7",
                "programme": "0",
                "cycle_times": "30",
                "norm_fulfilment": "1",
                "workers_per_workplace": "1",
                "parts_per_cycle": "1",
                "shifts": "1",
            },
            "programme",
        ),
        (
            "piece-rate",
            {
                "cycle_time_s": "24",
                "manual_time_s": "24",
                "shift_h": "8",
                "available_h": "9",
                "hourly_rate": "60",
                "parts_per_cycle": "1",
                "workers_per_workplace": "1",
                "kvc_base": "0.4",
                "worker_share": "0,3",
                "kst_mode": "table",
            },
            "available_h",
        ),
        (
            "workplace-norm",
            {
                "cycle_time": "-1",
                "parts_per_cycle": "1",
                "workers_per_workplace": "1",
                "shift_time": "8",
                "available_time": "7",
            },
            "cycle_time",
        ),
    ],
)
def test_calculator_bad_input_names_the_field(login, team_leader_a, slug, query, field):
    response = login(team_leader_a).get(reverse("productivity:calculator", args=[slug]), query)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["results"] is None


def _measurement_query(**extra):
    return {
        "shift_h": "8",
        "rest_h": "0,5",
        "preparatory_h": "0",
        "maintenance_h": "0",
        "losses_h": "0",
        "yield_percent": "100",
        "operation": "Сборка",
        "cycle_times_s": "48",
        "manual_times_s": "24",
        "parts_per_cycle": "1",
        "workers_per_workplace": "1",
        "hourly_rate": "60",
        "kvc_base": "0.4",
        "worker_share": "0,3",
        "kst_mode": "table",
        **extra,
    }


def test_measurement_calculator_result_is_saved_into_a_study(login, team_leader_a, workplace_a):
    from productivity import services

    study = services.study_create(actor=team_leader_a, workplace=workplace_a, title="Т")
    client = login(team_leader_a)
    page = client.get(
        reverse("productivity:calculator", args=["measurement"]), _measurement_query()
    )
    assert "Сохранить в исследование" in page.content.decode()
    response = client.post(
        reverse("productivity:calculator-save", args=["measurement"]),
        _measurement_query(study=study.pk, phase="before"),
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get(study=study)
    assert measurement.kvc == Decimal("0.5") and measurement.kst == Decimal("1.075")
    assert measurement.measured_on <= datetime.date.today()


def test_measurement_calculator_save_refuses_bad_input_and_readers(
    login, team_leader_a, governor, workplace_a
):
    from productivity import services

    study = services.study_create(actor=team_leader_a, workplace=workplace_a, title="Т")
    url = reverse("productivity:calculator-save", args=["measurement"])
    response = login(team_leader_a).post(url, _measurement_query(study=study.pk, phase="after"))
    assert response.status_code == 400
    assert "improvement" in response.context["save_form"].errors
    response = login(team_leader_a).post(
        url, _measurement_query(study=study.pk, phase="before", manual_times_s="60")
    )
    assert response.status_code == 400
    assert "manual_times_s" in response.context["form"].errors
    assert (
        login(governor).post(url, _measurement_query(study=study.pk, phase="before")).status_code
        == 403
    )
    assert not Measurement.objects.exists()


def _query_count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_pages_and_results_take_a_fixed_number_of_queries(
    login, administrator, team_leader_a, agency_a, agency_b, team_leader_b
):
    client = login(administrator)
    client.get(reverse("home"))
    urls = [
        reverse(name)
        for name in ("productivity:index", "productivity:workplace-list", "productivity:results")
    ]
    complete_study(team_leader_a, WorkplaceFactory(agency=agency_a))
    few = [_query_count(client, url) for url in urls]
    for _ in range(4):
        complete_study(team_leader_a, WorkplaceFactory(agency=agency_a))
        complete_study(team_leader_b, WorkplaceFactory(agency=agency_b))
    many = [_query_count(client, url) for url in urls]
    assert many == few
    assert max(many) <= 12


def test_study_page_query_count_does_not_grow_with_operations(login, team_leader_a, workplace_a):
    from productivity import services
    from tests.productivity.factories import measurement_data

    client = login(team_leader_a)
    study = complete_study(team_leader_a, workplace_a)
    few = _query_count(client, study.get_absolute_url())
    operations = [
        services.OperationData(name=f"Оп {i}", cycle_times_s=["30"], manual_times_s=["10"])
        for i in range(8)
    ]
    services.measurement_record(
        actor=team_leader_a, study=study, data=measurement_data(operations=operations)
    )
    assert _query_count(client, study.get_absolute_url()) == few


def test_home_panel_lists_studies_without_after(
    login, team_leader_a, workplace_a, governor, study_a
):
    from productivity import services

    services.study_create(actor=team_leader_a, workplace=workplace_a, title="Открытое исследование")
    page = login(team_leader_a).get(reverse("home")).content.decode()
    assert "Открытое исследование" in page
    assert "Исследования без замера" in page
    page = login(governor).get(reverse("home")).content.decode()
    assert "Исследований: 2" in page


def test_admin_lists_studies_read_only(login, administrator, study_a):
    client = login(administrator)
    assert client.get("/admin/productivity/study/").status_code == 200
    assert client.get(f"/admin/productivity/study/{study_a.pk}/change/").status_code == 200
    assert client.get("/admin/productivity/study/add/").status_code == 403


def test_pages_are_translated_into_english(login, team_leader_a, study_a):
    client = login(team_leader_a)
    # The middleware activates English in this thread; override() puts Russian back after.
    with translation.override("ru"):
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        page = client.get(study_a.get_absolute_url()).content.decode()
        assert "Labour productivity growth" in page
        page = client.get(reverse("productivity:calculator", args=["kst"])).content.decode()
        assert "Hourly rate increase coefficient Kст" in page


def test_team_leader_edits_the_study_and_the_workplace(login, team_leader_a, study_a):
    client = login(team_leader_a)
    action = CorrectiveActionFactory(plan__audit__agency=study_a.agency)
    response = client.post(
        reverse("productivity:study-edit", args=[study_a.pk]),
        {"title": "Новое название", "improvement": "", "corrective_action": ""},
    )
    assert response.status_code == 200  # the «after» measurement needs its improvement
    assert "improvement" in response.context["form"].errors
    response = client.post(
        reverse("productivity:study-edit", args=[study_a.pk]),
        {
            "title": "Новое название",
            "improvement": "Стеллаж у станка",
            "corrective_action": str(action.pk),
        },
    )
    assert response.status_code == 302
    study_a.refresh_from_db()
    assert study_a.title == "Новое название" and study_a.corrective_action == action
    workplace = study_a.workplace
    response = client.post(
        reverse("productivity:workplace-edit", args=[workplace.pk]),
        {
            "name": "Участок 2",
            "workers_per_workplace": 2,
            "hourly_rate": "75,50",
            "kvc_base": "0.5",
            "worker_share": "0,5",
            "kst_mode": "formula",
        },
    )
    assert response.status_code == 302
    workplace.refresh_from_db()
    assert workplace.hourly_rate == Decimal("75.50") and workplace.kst_mode == "formula"
    # Cards already recorded keep the Kст that was in force.
    assert study_a.measurements.get(phase="after").kst == Decimal("1.45")


def test_team_leader_deletes_own_study_page(login, team_leader_a, study_a):
    # The button asks first, saying what will happen (issue 17; static/js/confirm.js).
    page = login(team_leader_a).get(study_a.get_absolute_url()).content.decode()
    assert (
        'data-confirm="Удалить исследование вместе с его замерами? Восстановить его будет '
        'нельзя."' in page
    )
    assert "js/confirm.js" in page
    response = login(team_leader_a).post(reverse("productivity:study-delete", args=[study_a.pk]))
    assert response.status_code == 302
    assert not Study.objects.exists()


def test_readers_do_not_see_edit_buttons(login, governor, study_a):
    page = login(governor).get(study_a.get_absolute_url()).content.decode()
    assert reverse("productivity:measure", args=[study_a.pk, "after"]) not in page
    assert "Удалить исследование" not in page


def test_kst_calculator_marks_the_band_of_the_entered_kvc(login, employee_a):
    response = login(employee_a).get(
        reverse("productivity:calculator", args=["kst"]),
        {"kvc": "0,62", "kvc_base": "0.4", "worker_share": "0,3"},
    )
    page = response.content.decode()
    assert page.count('class="current"') == 2  # the computed table and the manual's
    current_rows = page.split('class="current"')[1]
    assert "0,60 &lt; Kвц ≤ 0,65" in current_rows.split("</tr>")[0]


@pytest.mark.parametrize(
    "slug",
    [
        "operation-norm",
        "available-time",
        "workplace-norm",
        "growth",
        "headcount",
        "kvc-kint",
        "kst",
        "piece-rate",
        "measurement",
    ],
)
def test_every_calculator_opens_empty_with_its_formula(login, team_member_a, slug):
    response = login(team_member_a).get(reverse("productivity:calculator", args=[slug]))
    assert response.status_code == 200
    assert 'data-testid="formula"' in response.content.decode()
    assert response.context["results"] is None


def test_unknown_calculator_is_404(login, team_member_a):
    assert login(team_member_a).get("/productivity/calculators/nothing/").status_code == 404


def test_workplace_without_measurements_shows_an_empty_card(login, team_leader_a, workplace_a):
    page = login(team_leader_a).get(workplace_a.get_absolute_url()).content.decode()
    assert "появится после первого замера" in page
    assert 'class="current"' not in page


def test_study_and_workplace_lists_are_paged_keeping_the_filter(login, administrator, agency_a):
    from productivity.views import PAGE_SIZE
    from tests.productivity.factories import StudyFactory

    workplace = WorkplaceFactory(agency=agency_a)
    StudyFactory.create_batch(PAGE_SIZE + 1, workplace=workplace)
    WorkplaceFactory.create_batch(PAGE_SIZE, agency=agency_a)
    client = login(administrator)
    first = client.get(reverse("productivity:index"), {"agency": agency_a.pk})
    assert len(first.context["studies"]) == PAGE_SIZE
    assert f"agency={agency_a.pk}&amp;page=2" in first.content.decode()
    second = client.get(reverse("productivity:index"), {"agency": agency_a.pk, "page": 2})
    assert len(second.context["studies"]) == 1
    places = client.get(reverse("productivity:workplace-list"), {"page": 2})
    assert len(places.context["workplaces"]) == 1


def test_rerecording_page_shows_the_recorded_values(login, team_leader_a, workplace_a):
    from productivity import services
    from tests.productivity.factories import measurement_data

    study = services.study_create(actor=team_leader_a, workplace=workplace_a, title="Т")
    services.measurement_record(
        actor=team_leader_a,
        study=study,
        data=measurement_data(cycle=("50", "46", "48"), manual=("24", "24", "23")),
    )
    response = login(team_leader_a).get(reverse("productivity:measure", args=[study.pk, "before"]))
    row = response.context["formset"].forms[0]
    assert row["name"].value() == "Сборка"
    assert row["cycle_times_s"].value() == "50 46 48"
    assert row["manual_times_s"].value() == "24 24 23"
    assert row["parts_per_cycle"].value() == 1
    form = response.context["form"]
    assert form["rest_h"].value() == Decimal("0.500")
    assert form["measured_on"].value() == datetime.date(2026, 3, 2)
