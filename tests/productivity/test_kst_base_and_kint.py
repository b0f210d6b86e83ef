"""Issue 12 item 7. The base Kвц of the Kст correction is the enterprise's choice in (0; 1]
(seed 004 L459–463: «Можно принять Kвц баз = 0,5 (даже лучше). Тогда Kст max = 1,3 … Какое Kвц
принять за базу – дело предприятия»), with the manual's 0,4 (L442) and 0,5 offered; and Kинт
may stand in for Kвц (L383: «Kинт более чем Kвц подходит для использования его в построении
систем оплаты труда», L385: «вместо Kвц в любую из предложенных формул можно поставить Kинт»),
chosen per calculation and shown on the result."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from productivity import calc, services
from productivity.choices import KstFactor, Phase
from productivity.models import Measurement, Workplace
from productivity.reference import manual_examples
from tests.productivity.factories import WorkplaceFactory, complete_study, measurement_data

PIECE = manual_examples()["piece_rate_example"]

# --- the pure functions -----------------------------------------------------------------------


@pytest.mark.parametrize("base", ["0", "-0.1", "1.0001", "1.5"])
def test_a_base_outside_zero_to_one_is_refused_naming_it(base):
    with pytest.raises(calc.InvalidInput) as caught:
        calc.kst_formula(kvc="0.6", base=base)
    assert caught.value.field == "kvc_base"
    with pytest.raises(calc.InvalidInput):
        calc.kst_table(base=base)


def test_base_one_is_accepted_and_never_raises_the_rate():
    assert calc.kst_formula(kvc=1, base=1) == 1
    assert calc.kst_table_value(kvc="0.99", base=1) == 1
    assert [(row.lower, row.upper, row.kst) for row in calc.kst_table(base=1)] == [
        (None, Decimal(1), Decimal(1))
    ]


def test_the_manuals_bases_keep_the_manuals_maxima():
    # L442–450: base 0,4 and share 0,3 → Kст 1,45 at Kвц = 1; L459–461: base 0,5 → 1,3.
    assert calc.kst_max(base=Decimal("0.4"), share=Decimal("0.3")) == Decimal("1.45")
    assert calc.kst_max(base=Decimal("0.5"), share=Decimal("0.3")) == Decimal("1.3")


def test_any_base_in_the_range_follows_the_formula():
    # Kст = 1 + (Kвц / Kвц баз − 1) × 0,3 with Kвц баз = 0,45: Kвц 0,9 → 1 + 1 × 0,3.
    assert calc.kst_formula(kvc="0.9", base="0.45", share="0.3") == Decimal("1.3")
    assert calc.kst_formula(kvc="0.45", base="0.45") == 1  # at the base: no raise
    assert calc.kst_max(base="0.45", share="0.3") == Decimal("1") + (
        Decimal(1) / Decimal("0.45") - 1
    ) * Decimal("0.3")


def test_the_table_of_an_unusual_base_starts_its_bands_at_the_base():
    rows = calc.kst_table(base="0.425", share="0.3")
    assert (rows[0].lower, rows[0].upper) == (None, Decimal("0.425"))
    assert (rows[1].lower, rows[1].upper) == (Decimal("0.425"), Decimal("0.475"))
    assert rows[-1].upper == 1
    # Every Kвц gets the Kст of the row that holds it, as the page marks it.
    for kvc in [Decimal(n) / 1000 for n in range(1, 1001, 7)]:
        row = next(r for r in rows if (r.lower is None or kvc > r.lower) and kvc <= r.upper)
        assert calc.kst_table_value(kvc=kvc, base="0.425", share="0.3") == row.kst, kvc


def test_the_manuals_table_is_unchanged_for_its_base():
    printed = [(r["lower"], r["upper"], r["kst"]) for r in manual_examples()["kst_table"]["rows"]]
    computed = [
        (
            None if row.lower is None else f"{row.lower:.2f}",
            f"{row.upper:.2f}",
            str(calc.rounded(row.kst)),
        )
        for row in calc.kst_table(base=Decimal("0.4"), share=Decimal("0.3"))
    ]
    assert computed == printed


def test_kst_is_rounded_half_up_to_four_places():
    # 1 + (0,53125 / 0,5 − 1) × 0,5 = 1,03125 exactly: half up gives 1,0313 (half even 1,0312).
    exact = calc.kst_formula(kvc="0.53125", base="0.5", share="0.5")
    assert exact == Decimal("1.03125")
    assert calc.rounded(exact) == Decimal("1.0313")


def test_the_load_factor_is_kvc_or_kint_as_chosen():
    assert calc.load_factor(factor="kvc", kvc=Decimal("0.5"), kint=Decimal("0.4")) == Decimal("0.5")
    assert calc.load_factor(factor="kint", kvc=Decimal("0.5"), kint=Decimal("0.4")) == Decimal(
        "0.4"
    )
    with pytest.raises(calc.InvalidInput) as caught:
        calc.load_factor(factor="guess", kvc=Decimal("0.5"), kint=Decimal("0.4"))
    assert caught.value.field == "kst_factor"


def test_kint_stands_in_for_kvc_in_the_piece_rate_card():
    # The manual's «было» column (Tц 48 s, Tрр 24 s, Kвц 0,5) with 6 h of the 7,5 h the shift
    # offers: Kинт = 0,5 × 6 / 7,5 = 0,4 (L375), the base itself, so Kст by Kинт is 1.
    common = {
        "cycle_time_s": 48,
        "manual_time_s": 24,
        "shift_h": 8,
        "available_h": 6,
        "hourly_rate": 60,
        "available_ideal_h": "7.5",
    }
    by_kvc = calc.piece_rate_card(**common)
    by_kint = calc.piece_rate_card(**common, kst_factor="kint")
    assert by_kvc.kst_factor == "kvc" and by_kint.kst_factor == "kint"
    assert by_kvc.kvc == by_kint.kvc == Decimal("0.5")
    assert by_kint.kint == Decimal("0.4")
    assert by_kvc.kst == Decimal("1.075") and by_kint.kst == 1
    assert by_kint.rate < by_kvc.rate


def test_kint_needs_the_ideal_available_time():
    with pytest.raises(calc.InvalidInput) as caught:
        calc.piece_rate_card(
            cycle_time_s=48,
            manual_time_s=24,
            shift_h=8,
            available_h=6,
            hourly_rate=60,
            kst_factor="kint",
        )
    assert caught.value.field == "available_ideal_h"


def test_kint_stands_in_for_kvc_in_a_measurement():
    figures = calc.workplace_measurement(
        shift_h=8,
        rest_h="0.5",
        preparatory_h=0,
        maintenance_h=0,
        losses_h="1.5",
        operations=[calc.ObservedOperation(cycle_times_s=["48"], manual_times_s=["24"])],
        hourly_rate=60,
        kst_factor="kint",
    )
    assert figures.kvc == Decimal("0.5") and figures.kint == Decimal("0.4")
    assert figures.kst == 1 and figures.kst_factor == "kint"


# --- the services, pages and API --------------------------------------------------------------

WORKPLACES = "/api/v1/productivity/workplaces/"
PIECE_RATE = "/api/v1/productivity/piece-rate/"


@pytest.mark.django_db
@pytest.mark.parametrize("base", ["0.45", 0.45, "1", 1, "0.0001", "0.4", 0.5])
def test_api_accepts_any_base_in_zero_to_one(api_client, team_leader_a, agency_a, base):
    response = api_client(team_leader_a).post(
        WORKPLACES,
        {"agency": agency_a.pk, "name": "Место", "hourly_rate": 60, "kvc_base": base},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["kvc_base"] == float(base)
    assert Workplace.objects.get().kvc_base == Decimal(str(base))


@pytest.mark.django_db
@pytest.mark.parametrize("base", [0, "0", "0.00", -0.4, "1.01", 2, "0.00001", "abc"])
def test_api_refuses_a_base_outside_zero_to_one_naming_it(
    api_client, team_leader_a, agency_a, base
):
    response = api_client(team_leader_a).post(
        WORKPLACES,
        {"agency": agency_a.pk, "name": "Место", "hourly_rate": 60, "kvc_base": base},
        format="json",
    )
    assert response.status_code == 400
    assert "kvc_base" in response.json()["errors"]
    assert not Workplace.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("base", [0, "1.01"])
def test_piece_rate_api_refuses_a_base_outside_zero_to_one(api_client, auditor, base):
    body = {**_piece_body(), "kvc_base": base}
    response = api_client(auditor).post(PIECE_RATE, body, format="json")
    assert response.status_code == 400
    assert "kvc_base" in response.json()["errors"]


def _piece_body(**extra):
    before = PIECE["columns"]["before"]
    return {
        "cycle_time_s": before["cycle_time_s"],
        "manual_time_s": before["manual_time_s"],
        "shift_h": PIECE["shift_h"],
        "available_h": "6",
        "hourly_rate": PIECE["hourly_rate"],
        **extra,
    }


@pytest.mark.django_db
def test_piece_rate_api_shows_which_factor_gave_kst(api_client, employee_a):
    client = api_client(employee_a)
    by_kvc = client.post(PIECE_RATE, _piece_body(available_ideal_h="7.5"), format="json").json()
    assert by_kvc["kst_factor"] == "kvc" and by_kvc["kst"] == "1.0750"
    assert by_kvc["kint"] == "0.4000"
    by_kint = client.post(
        PIECE_RATE, _piece_body(available_ideal_h="7.5", kst_factor="kint"), format="json"
    ).json()
    assert by_kint["kst_factor"] == "kint" and by_kint["kst"] == "1.0000"
    without = client.post(PIECE_RATE, _piece_body(), format="json").json()
    assert without["kint"] is None and without["kst"] == "1.0750"
    missing = client.post(PIECE_RATE, _piece_body(kst_factor="kint"), format="json")
    assert missing.status_code == 400
    assert "available_ideal_h" in missing.json()["errors"]


@pytest.mark.django_db
def test_a_workplace_on_kint_records_its_cards_by_kint(api_client, team_leader_a, agency_a):
    workplace = services.workplace_create(
        actor=team_leader_a,
        data=services.WorkplaceData(
            agency=agency_a,
            name="Место",
            hourly_rate=Decimal(60),
            kvc_base=Decimal("0.45"),
            kst_factor=KstFactor.KINT,
        ),
    )
    study = services.study_create(actor=team_leader_a, workplace=workplace, title="Т")
    services.measurement_record(
        actor=team_leader_a, study=study, data=measurement_data(available_h="6")
    )
    measurement = Measurement.objects.get()
    assert measurement.kvc == Decimal("0.5") and measurement.kint == Decimal("0.4")
    assert measurement.kst_factor == "kint" and measurement.kst == 1
    body = api_client(team_leader_a).get(f"/api/v1/productivity/studies/{study.pk}/").json()
    assert body["measurements"][0]["kst_factor"] == "kint"
    # A later change of the workplace's factor leaves the recorded card as it was.
    services.workplace_update(
        actor=team_leader_a,
        workplace=workplace,
        data=services.WorkplaceData(
            agency=agency_a, name="Место", hourly_rate=Decimal(60), kst_factor=KstFactor.KVC
        ),
    )
    measurement.refresh_from_db()
    assert measurement.kst_factor == "kint"


def _workplace_post(agency, **extra):
    return {
        "agency": agency.pk,
        "name": "Место",
        "workers_per_workplace": "1",
        "hourly_rate": "60",
        "kvc_base": "0.4",
        "worker_share": "0,3",
        "kst_mode": "table",
        "kst_factor": "kvc",
        **extra,
    }


@pytest.mark.django_db
def test_workplace_form_offers_0_4_and_0_5_and_another_value(login, team_leader_a):
    page = login(team_leader_a).get(reverse("productivity:workplace-create")).content.decode()
    select = page.split('<select name="kvc_base"')[1].split("</select>")[0]
    assert 'value="0.4"' in select and 'value="0.5"' in select and 'value="other"' in select
    assert 'name="kvc_base_other"' in page
    other = page.split('name="kvc_base_other"')[1].split(">", 1)[0]
    assert 'data-min="0.0001"' in other and 'data-max="1"' in other
    assert 'data-step="0.0001"' in other
    assert 'name="kst_factor"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"kvc_base": "0.5"}, Decimal("0.5")),
        ({"kvc_base": "other", "kvc_base_other": "0,45"}, Decimal("0.45")),
        ({"kvc_base": "other", "kvc_base_other": "1"}, Decimal("1")),
        ({"kvc_base": "0.4", "kvc_base_other": "0.4"}, Decimal("0.4")),
    ],
)
def test_workplace_form_saves_the_chosen_base(login, team_leader_a, agency_a, extra, expected):
    response = login(team_leader_a).post(
        reverse("productivity:workplace-create"), _workplace_post(agency_a, **extra)
    )
    assert response.status_code == 302
    assert Workplace.objects.get().kvc_base == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "extra",
    [
        {"kvc_base": "other", "kvc_base_other": ""},
        {"kvc_base": "other", "kvc_base_other": "0"},
        {"kvc_base": "other", "kvc_base_other": "1,01"},
        {"kvc_base": "0.4", "kvc_base_other": "0.45"},
        {"kvc_base": "0"},
    ],
)
def test_workplace_form_refuses_a_bad_base_beside_the_field(login, team_leader_a, agency_a, extra):
    response = login(team_leader_a).post(
        reverse("productivity:workplace-create"), _workplace_post(agency_a, **extra)
    )
    assert response.status_code == 200
    assert "kvc_base" in response.context["form"].errors
    assert not Workplace.objects.exists()


@pytest.mark.django_db
def test_editing_a_workplace_shows_its_own_base_as_another_value(login, team_leader_a, agency_a):
    workplace = WorkplaceFactory(agency=agency_a, kvc_base=Decimal("0.45"))
    page = (
        login(team_leader_a)
        .get(reverse("productivity:workplace-edit", args=[workplace.pk]))
        .content.decode()
    )
    assert '<option value="other" selected>' in page
    assert 'value="0,45"' in page.split('name="kvc_base_other"')[1].split(">", 1)[0]


@pytest.mark.django_db
def test_pages_show_the_base_and_the_factor_of_the_result(login, team_leader_a, agency_a):
    workplace = WorkplaceFactory(
        agency=agency_a, kvc_base=Decimal("0.45"), kst_factor=KstFactor.KINT
    )
    study = complete_study(team_leader_a, workplace)
    client = login(team_leader_a)
    page = client.get(workplace.get_absolute_url()).content.decode()
    assert "0,45" in page
    assert 'data-testid="kst-factor">Kинт' in page
    assert "0,45 &lt; Kвц ≤ 0,50" in page  # the table's first band starts at the base
    page = client.get(study.get_absolute_url()).content.decode()
    assert 'data-testid="kst-factor-before">Kинт' in page
    assert 'data-testid="kst-factor-after">Kинт' in page


@pytest.mark.django_db
def test_piece_rate_calculator_page_computes_kst_by_kint(login, governor):
    query = {
        "cycle_time_s": "48",
        "manual_time_s": "24",
        "shift_h": "8",
        "available_h": "6",
        "available_ideal_h": "7,5",
        "hourly_rate": "60",
        "parts_per_cycle": "1",
        "workers_per_workplace": "1",
        "kvc_base": "0.4",
        "worker_share": "0,3",
        "kst_mode": "table",
        "kst_factor": "kint",
    }
    response = login(governor).get(reverse("productivity:calculator", args=["piece-rate"]), query)
    page = response.content.decode()
    assert response.context["results"] is not None
    assert "Kинт" in page and "0,4000" in page
    assert "Kст рассчитан по" in page


@pytest.mark.django_db
def test_kst_calculator_page_takes_another_base(login, governor):
    response = login(governor).get(
        reverse("productivity:calculator", args=["kst"]),
        {"kvc": "0,9", "kvc_base": "other", "kvc_base_other": "0,45", "worker_share": "0,3"},
    )
    assert response.context["results"] is not None
    assert "1,3000" in response.content.decode()


@pytest.mark.django_db
def test_measurement_calculator_saves_with_the_studys_workplace_factor(
    login, team_leader_a, agency_a
):
    workplace = WorkplaceFactory(agency=agency_a, kst_factor=KstFactor.KINT)
    study = services.study_create(actor=team_leader_a, workplace=workplace, title="Т")
    query = {
        "shift_h": "8",
        "rest_h": "0,5",
        "preparatory_h": "0",
        "maintenance_h": "0",
        "losses_h": "1,5",
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
        "kst_factor": "kvc",
    }
    response = login(team_leader_a).post(
        reverse("productivity:calculator-save", args=["measurement"]),
        {**query, "study": study.pk, "phase": Phase.BEFORE},
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert measurement.kst_factor == "kint" and measurement.kst == 1
    assert measurement.measured_on == datetime.date.today()
