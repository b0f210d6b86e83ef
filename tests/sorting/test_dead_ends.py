"""Issue 17, items 10 and 12 in sorting: «Печать выбранных» with nothing ticked explains itself
instead of a 404; the red tag's quantity is bounded in the browser as on the server; the zone's
count is a Russian plural."""

import pytest
from django.urls import reverse
from django.utils import translation

from sorting.home import _zone_text

pytestmark = pytest.mark.django_db


def test_printing_with_nothing_ticked_says_so(login, team_leader_a):
    client = login(team_leader_a)
    response = client.get(reverse("sorting:tag-batch-pdf"))
    assert response.status_code == 302 and response["Location"] == reverse("sorting:tag-list")
    page = client.get(response["Location"]).content.decode()
    assert "Отметьте ярлыки, которые нужно напечатать." in page


def test_a_malformed_selection_is_still_a_404(login, team_leader_a):
    assert login(team_leader_a).get(reverse("sorting:tag-batch-pdf") + "?ids=x").status_code == 404


def test_the_tag_quantity_input_refuses_zero_in_the_browser(login, team_leader_a):
    page = login(team_leader_a).get(reverse("sorting:tag-create")).content.decode()
    assert 'name="quantity"' in page and 'min="1"' in page


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1 предмет требует внимания"),
        (2, "2 предмета требуют внимания"),
        (5, "5 предметов требуют внимания"),
        (21, "21 предмет требует внимания"),
    ],
)
def test_the_zone_count_is_a_russian_plural(n, text):
    with translation.override("ru"):
        assert _zone_text(n, True) == (
            f"Зона временного хранения: {text}, еженедельная проверка просрочена"
        )


def test_the_zone_text_without_flagged_items_names_only_the_check():
    with translation.override("ru"):
        assert _zone_text(0, True) == "Зона временного хранения: еженедельная проверка просрочена"
    with translation.override("en"):
        assert (
            _zone_text(2, False)
            == "Temporary storage zone: 2 items need attention, weekly check on time"
        )
