"""Numbers for people in the page's language (issue 17, item 4): core.formatting and the
`num`/`month` filters; the API keeps its decimal strings with a point."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from core.formatting import PLACES, format_month, format_number
from productivity.models import Measurement
from tests.productivity.factories import WorkplaceFactory, complete_study


@pytest.mark.parametrize(
    ("language", "value", "quantity", "shown"),
    [
        ("ru", Decimal("0.766500000000000"), "kvc", "0,7665"),
        ("en", Decimal("0.766500000000000"), "kvc", "0.7665"),
        ("ru", Decimal("1.30000000000000"), "kst", "1,3000"),
        ("en", Decimal("1.30000000000000"), "kst", "1.3000"),
        ("ru", Decimal("2.2"), "growth", "2,20"),
        ("en", Decimal("2.2"), "growth", "2.20"),
        ("ru", Decimal("2.005"), "growth", "2,01"),  # half up at the boundary
        ("ru", Decimal("2.0049"), "growth", "2,00"),
        ("ru", "300.5", "money", "300,50"),
        ("en", 140, "percent", "140.0"),
        ("ru", None, "kvc", "—"),
        ("ru", "not a number", "kvc", "—"),
    ],
)
def test_format_number_in_both_languages(language, value, quantity, shown):
    with translation.override(language):
        assert format_number(value, quantity) == shown


def test_an_unknown_quantity_is_a_programming_error():
    with pytest.raises(KeyError):
        format_number(1, "furlongs")


def test_the_manual_places_for_kvc_kst_and_growth():
    # seed 004: the Kст table prints 1,0375 (L467); growth «1,2 (раза)» (L236) shown with 2.
    assert (PLACES["kvc"], PLACES["kst"], PLACES["growth"]) == (4, 4, 2)


@pytest.mark.parametrize(("language", "shown"), [("ru", "дек 2025"), ("en", "Dec 2025")])
def test_months_in_charts_read_as_months(language, shown):
    with translation.override(language):
        assert format_month(datetime.date(2025, 12, 1)) == shown
        template = Template('{% load numbers %}{{ d|month }} {{ k|num:"kst" }}')
        text = template.render(Context({"d": datetime.date(2025, 12, 31), "k": Decimal("1.3")}))
    assert text == f"{shown} {'1,3000' if language == 'ru' else '1.3000'}"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "separator"), [("ru", ","), ("en", ".")])
def test_workplace_list_shows_coefficients_with_their_places(
    login, team_leader_a, agency_a, language, separator
):
    workplace = WorkplaceFactory(agency=agency_a, name="Участок")
    complete_study(team_leader_a, workplace)
    client = login(team_leader_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("productivity:workplace-list")).content.decode()
    assert "00000000" not in page  # no 15-digit decimals from the subquery
    card = Measurement.objects.get(study__workplace=workplace, phase="after")
    for value in (card.kvc, card.kst):
        shown = f"{int(value)}{separator}{str(value).split('.')[1][:4].ljust(4, '0')}"
        assert f">{shown}<" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "separator"), [("ru", ","), ("en", ".")])
def test_study_growth_and_home_panel_use_the_language_separator(
    login, governor, team_leader_a, agency_a, language, separator
):
    workplace = WorkplaceFactory(agency=agency_a, name="Участок")
    study = complete_study(team_leader_a, workplace)
    client = login(governor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(study.get_absolute_url()).content.decode()
    growth = format_number(study.growth, "growth").replace(",", separator).replace(".", separator)
    assert f'data-testid="growth-value">{growth}<' in page
    home = client.get(reverse("home")).content.decode()
    assert growth in home
    api = login(governor).get(f"/api/v1/productivity/studies/{study.pk}/")
    if api.status_code == 200:  # the API keeps a point whatever the language
        assert "," not in str(api.json().get("growth", ""))


def test_an_english_request_leaves_the_thread_speaking_russian(client, django_user_model):
    """A visitor's English is undone after the response (core.middleware): an in-process task
    or the next request on the same thread renders in Russian, the portal's language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate("ru")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/accounts/login/")
    assert response["Content-Language"] == "en"
    assert translation.get_language() == "ru"
