"""«Set in order» in a real browser (step 2, §6.3, L893): the team leader uploads a room's
rational-placement scheme (a PNG drawn with Pillow here), the head of the agency finds it on
the home page and approves it; the room then shows the approved scheme."""

import io

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from agencies.models import Room
from core.roles import Role
from standards.placement.models import PlacementScheme
from tests.agencies.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _scheme_png() -> bytes:
    """A room's contour with a door sector (dashed) and a desk, as the team would draw it."""
    image = Image.new("RGB", (320, 240), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 310, 230), outline="black", width=3)
    draw.rectangle((200, 150, 290, 210), outline="blue", width=2)
    for x in range(20, 80, 10):
        draw.line((x, 230, x + 5, 230), fill="white", width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _sign_out(page):
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/accounts/login/**")


def test_the_leader_uploads_a_scheme_and_the_head_approves_it(
    page, sign_in, team_a, agency_a, team_leader_a
):
    Room.objects.create(agency=agency_a, name="101")
    Room.objects.create(agency=agency_a, name="102", single_workplace=True)
    head = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    agency_a.head = PersonFactory(
        agency=agency_a, user=head, full_name="Руководов Роман Романович", position="Директор"
    )
    agency_a.save()

    # The team leader opens the rooms of the agency and uploads the scheme of room 101.
    sign_in("leader_a")
    page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Порядок").click()
    page.get_by_role("link", name="Помещения: Департамент А").click()
    expect(page.get_by_test_id("rooms-missing")).to_contain_text("101")
    expect(page.get_by_test_id("room-list")).to_contain_text("одно рабочее место")
    page.get_by_test_id("room-list").get_by_role("link", name="101").click()
    upload = page.get_by_test_id("scheme-upload")
    upload.locator("select[name=kind]").select_option("rational")
    upload.locator("input[name=file]").set_input_files(
        files=[{"name": "101.png", "mimeType": "image/png", "buffer": _scheme_png()}]
    )
    upload.locator("input[name=note]").fill("Стол у окна, шкаф у двери")
    upload.get_by_role("button", name="Загрузить").click()
    expect(page.locator(".message-success")).to_contain_text("Файл загружен.")
    expect(page.get_by_test_id("scheme-versions")).to_contain_text("на утверждении")
    expect(page.get_by_test_id("approved-scheme-status")).to_contain_text("Утверждённой схемы нет")
    room_url = page.url
    _sign_out(page)

    # The head finds it on the home page and approves it.
    sign_in("head_a")
    page.goto("/")
    page.get_by_role(
        "link", name="Схема рационального размещения: Департамент А, 101, версия 1"
    ).click()
    page.get_by_test_id("approve-scheme").click()
    expect(page.locator(".message-success")).to_contain_text("утверждена")

    # The room shows the approved scheme, to the head and to the team.
    expect(page.get_by_test_id("approved-scheme-status")).to_contain_text("Утверждена версия 1")
    image = page.get_by_test_id("approved-scheme-image")
    expect(image).to_be_visible()
    assert page.evaluate("el => el.naturalWidth", image.element_handle()) == 320
    assert PlacementScheme.objects.get().is_approved
    _sign_out(page)
    sign_in("leader_a")
    page.goto(room_url)
    expect(page.get_by_test_id("approved-scheme-status")).to_contain_text("Руководов")
    page.goto(f"/standards/placement/agencies/{agency_a.pk}/")
    expect(page.get_by_test_id("rooms-missing")).to_contain_text("утверждена")

    # At 390 px the pages keep to the screen: their tables scroll inside their own box.
    page.set_viewport_size({"width": 390, "height": 844})
    for url in (
        room_url,
        f"/standards/placement/agencies/{agency_a.pk}/",
        "/standards/placement/",
        "/standards/placement/schedules/",
        "/standards/placement/rules/",
    ):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (url, width)
