"""Home pages per role, the language switch, and the rule that nothing is loaded from outside."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)


def test_governor_home_shows_the_region(login, governor, team_a):
    page = login(governor).get("/").content.decode()
    assert "Регион" in page
    assert "Аппарат Губернатора области" in page


def test_team_leader_home_shows_their_agency_and_team(login, team_leader_a, team_a):
    page = login(team_leader_a).get("/").content.decode()
    assert "Моё подразделение" in page
    assert team_a.name in page
    assert "Регион" not in page


def test_user_without_a_role_is_told_to_ask_the_administrator(login, no_role):
    page = login(no_role).get("/").content.decode()
    assert "не назначена роль" in page


def test_interface_speaks_english_after_the_switch(login, team_leader_a, team_a):
    client = login(team_leader_a)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/agencies/"})
    assert response.status_code == 302
    page = client.get("/agencies/").content.decode()
    assert '<html lang="en">' in page
    assert "Executive bodies and subdivisions" in page
    assert "Working group" in page


def test_russian_is_the_default_language(login, team_leader_a):
    page = login(team_leader_a).get("/agencies/").content.decode()
    assert '<html lang="ru">' in page
    assert "ОИВ ЯО и СППО" in page


def test_pages_carry_a_content_security_policy_that_allows_only_the_portal(login, governor, client):
    for response in (client.get("/accounts/login/"), login(governor).get("/agencies/")):
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "http" not in policy


def test_no_template_links_to_an_outside_resource():
    offenders = []
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if EXTERNAL.search(line):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}")
    assert offenders == []


def test_api_docs_page_uses_only_local_assets(login, governor):
    page = login(governor).get("/api/docs/").content.decode()
    assert "swagger-ui" in page
    assert not EXTERNAL.search(page)


def test_healthz_answers(client):
    # The database and the broker are reported separately (core.views.healthz); the suite runs
    # tasks in-process.
    assert client.get("/healthz/").json() == {
        "database": "ok",
        "broker": "in-process",
        "outbox": {"pending": 0, "oldest_pending_seconds": 0},
    }


def test_a_browser_asking_for_english_still_gets_russian_pages(login, team_leader_a):
    page = login(team_leader_a).get("/agencies/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="ru">' in page.content.decode()


def test_api_clients_may_ask_for_english_messages(client):
    response = client.get("/api/v1/agencies/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Authentication credentials were not provided."
    russian = client.get("/api/v1/agencies/")
    assert russian.json()["detail"] == "Учетные данные не были предоставлены."


def test_a_hidden_object_gets_the_portals_own_not_found_page(login, team_leader_b, team_a):
    response = login(team_leader_b).get(f"/agencies/teams/{team_a.pk}/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_a_refused_action_gets_the_portals_own_forbidden_page(login, team_member_a, team_a):
    response = login(team_member_a).get(f"/agencies/teams/{team_a.pk}/edit/")
    assert response.status_code == 403
    assert "Доступ запрещён" in response.content.decode()


def test_a_long_home_panel_shows_its_first_items_and_links_to_the_rest(rf, governor):
    from django.template.loader import render_to_string

    from core.registry import HomePanel

    panel = HomePanel(
        title="Просроченные сортировки",
        url="/sorting/",
        items=[{"text": f"Агентство {n:02d}", "overdue": True} for n in range(12)],
    )
    request = rf.get("/")
    request.user = governor
    html = render_to_string("core/home.html", {"panels": [panel]}, request=request)
    assert "Агентство 07" in html
    assert "Агентство 08" not in html
    assert re.search(r'<a href="/sorting/">\s*и ещё 4 — показать все\s*</a>', html)
