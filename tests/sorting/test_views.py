import datetime
import io

import pytest
from django.urls import reverse

from core import calendar
from sorting.choices import EntryKind, ItemCategory
from sorting.models import ListApproval, RedTag, SortingRound, StorageAdmission, StorageCheck
from tests.sorting.factories import (
    action,
    decide,
    entry,
    make_round,
    make_tag,
    reason,
    unneeded_list,
)


@pytest.fixture
def setup(team_leader_a, team_member_a, agency_a, keeper_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round)
    return {"round": sorting_round, "tag": tag, "list": unneeded_list(sorting_round)}


def _read_urls(setup, agency_a):
    return [
        reverse("sorting:overview"),
        reverse("sorting:classifier"),
        reverse("sorting:tag-list"),
        reverse("sorting:tag-detail", args=[setup["tag"].pk]),
        reverse("sorting:tag-pdf", args=[setup["tag"].pk]),
        reverse("sorting:tag-batch-pdf") + f"?ids={setup['tag'].pk}",
        reverse("sorting:round-list"),
        reverse("sorting:round-detail", args=[setup["round"].pk]),
        reverse("sorting:list-detail", args=[setup["list"].pk]),
        reverse("sorting:list-pdf", args=[setup["list"].pk]),
        reverse("sorting:list-xlsx", args=[setup["list"].pk]),
        reverse("sorting:zone", args=[agency_a.pk]),
    ]


@pytest.mark.parametrize(
    "who", ["team_member_a", "employee_a", "governor", "auditor", "administrator"]
)
def test_agency_people_and_region_read_every_sorting_page(request, login, setup, agency_a, who):
    client = login(request.getfixturevalue(who))
    for url in _read_urls(setup, agency_a):
        assert client.get(url).status_code == 200, url


def test_anonymous_is_sent_to_login(client, setup, agency_a):
    for url in _read_urls(setup, agency_a):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_user_without_role_is_refused(login, no_role, setup, agency_a):
    client = login(no_role)
    for url in _read_urls(setup, agency_a):
        assert client.get(url).status_code == 403, url


def test_member_of_another_agency_cannot_read_agency_a(login, team_leader_b, setup, agency_a):
    client = login(team_leader_b)
    urls = _read_urls(setup, agency_a)
    for url in urls[3:6] + urls[7:]:
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("sorting:tag-list"))
    assert setup["tag"].item_name not in listing.content.decode()


def test_member_of_another_agency_cannot_change_a_tag(login, team_leader_b, setup):
    tag = setup["tag"]
    response = login(team_leader_b).post(
        reverse("sorting:tag-edit", args=[tag.pk]), {"room": "999"}
    )
    assert response.status_code == 404
    tag.refresh_from_db()
    assert tag.room.name == "101"


def _tag_form(agency, **overrides):
    data = {
        "agency": agency.pk,
        "marked_on": calendar.today().isoformat(),
        "marked_by": "Членова М.И.",
        "room": "305",
        "workplace_owner": "",
        "item_name": "Старый монитор",
        "inventory_number": "",
        "quantity": "1",
        "reason": reason(0).pk,
        "action": action(4).pk,
        "move_deadline": (calendar.today() + datetime.timedelta(days=2)).isoformat(),
        "responsible_for_moving": "Членова М.И.",
        "comments": "",
    }
    data.update(overrides)
    return data


def test_member_marks_an_item_and_gets_the_next_number(login, team_member_a, agency_a, setup):
    response = login(team_member_a).post(reverse("sorting:tag-create"), _tag_form(agency_a))
    tag = RedTag.objects.get(item_name="Старый монитор")
    assert response.status_code == 302 and response["Location"] == tag.get_absolute_url()
    assert tag.number == 2


def test_bad_tag_form_shows_the_message_and_saves_nothing(login, team_member_a, agency_a):
    response = login(team_member_a).post(
        reverse("sorting:tag-create"), _tag_form(agency_a, action=reason(1).pk)
    )
    assert response.status_code == 200
    assert not RedTag.objects.filter(item_name="Старый монитор").exists()


@pytest.mark.parametrize("who", ["governor", "auditor"])
def test_region_readers_cannot_mark_items(request, login, agency_a, who):
    response = login(request.getfixturevalue(who)).post(
        reverse("sorting:tag-create"), _tag_form(agency_a)
    )
    assert response.status_code == 403
    assert not RedTag.objects.exists()


def test_leader_plans_a_round_and_member_cannot(login, team_leader_a, team_member_a, agency_a):
    data = {"agency": agency_a.pk, "date_from": calendar.today().isoformat(), "rooms": "201"}
    assert login(team_member_a).post(reverse("sorting:round-create"), data).status_code == 403
    response = login(team_leader_a).post(reverse("sorting:round-create"), data)
    assert response.status_code == 302
    assert SortingRound.objects.filter(rooms__name="201").exists()


def test_member_ticks_the_control_sheet_and_employee_cannot(
    login, team_member_a, employee_a, setup
):
    url = reverse("sorting:control-sheet", args=[setup["round"].pk])
    from sorting.models import ControlSheetItem

    item = ControlSheetItem.objects.first()
    assert login(employee_a).post(url, {"items": [item.pk]}).status_code == 403
    assert login(team_member_a).post(url, {"items": [item.pk]}).status_code == 302
    assert setup["round"].marks.count() == 1


def test_rarely_needed_item_is_added_by_the_team(login, team_member_a, employee_a, setup):
    url = reverse("sorting:rarely-needed-add", args=[setup["round"].pk])
    data = {
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-room": "12",
        "lines-0-item_name": "Калькулятор",
        "lines-0-quantity": "1",
        "lines-0-regularity": entry(ItemCategory.RARELY_NEEDED, EntryKind.REGULARITY, 0).pk,
    }
    assert login(employee_a).post(url, data).status_code == 403
    assert login(team_member_a).post(url, data).status_code == 302


def _decision_form():
    return {
        "decider_name": "Сидоров С.С.",
        "decider_position": "Начальник отдела",
        "decision": action(3).pk,
        "execute_by": (calendar.today() + datetime.timedelta(days=5)).isoformat(),
    }


OUTSIDERS_OF_A = [
    ("team_member_a", 403),
    ("keeper_a", 403),
    ("governor", 403),
    # agency A's records are not disclosed to agency B: 404
    ("team_leader_b", 404),
]


@pytest.mark.parametrize(("who", "code"), OUTSIDERS_OF_A)
def test_only_the_leader_enters_a_decision(request, login, setup, who, code):
    line = setup["tag"].list_line
    response = login(request.getfixturevalue(who)).post(
        reverse("sorting:line-decide", args=[line.pk]), _decision_form()
    )
    assert response.status_code == code
    line.refresh_from_db()
    assert line.decision is None


def test_leader_enters_a_decision_and_an_agreement(login, team_leader_a, setup):
    client = login(team_leader_a)
    line = setup["tag"].list_line
    response = client.post(reverse("sorting:line-decide", args=[line.pk]), _decision_form())
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.decision == action(3)
    response = client.post(
        reverse("sorting:list-approve", args=[setup["list"].pk]),
        {
            "role": "chief_accountant",
            "full_name": "Бухгалтерова Б.Б.",
            "position": "Главный бухгалтер",
            "agreed_on": calendar.today().isoformat(),
        },
    )
    assert response.status_code == 302
    assert ListApproval.objects.filter(full_name="Бухгалтерова Б.Б.").exists()


def test_member_cannot_record_an_agreement(login, team_member_a, setup):
    response = login(team_member_a).post(
        reverse("sorting:list-approve", args=[setup["list"].pk]),
        {"role": "chief_accountant", "full_name": "Х", "position": "Х", "agreed_on": "2026-01-01"},
    )
    assert response.status_code == 403
    assert not ListApproval.objects.exists()


def test_keeper_admits_an_item_and_records_the_check(
    login, keeper_a, team_leader_a, setup, agency_a
):
    decide(team_leader_a, setup["tag"].list_line)
    client = login(keeper_a)
    response = client.post(
        reverse("sorting:zone-admit", args=[agency_a.pk]),
        {"red_tag": setup["tag"].pk, "admitted_on": calendar.today().isoformat()},
    )
    assert response.status_code == 302
    admission = StorageAdmission.objects.get()
    page = client.get(reverse("sorting:zone", args=[agency_a.pk])).content.decode()
    assert setup["tag"].item_name in page
    response = client.post(
        reverse("sorting:zone-check", args=[agency_a.pk]),
        {
            "checked_on": calendar.today().isoformat(),
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-admission": admission.pk,
            "form-0-present": "on",
            "form-0-matches_list": "on",
            "form-0-carried_out_on": calendar.today().isoformat(),
        },
    )
    assert response.status_code == 302
    admission.refresh_from_db()
    assert admission.released_on == calendar.today()


def test_refused_admission_shows_the_reason(login, keeper_a, team_member_a, agency_a):
    tag = make_tag(team_member_a, agency_a)
    response = login(keeper_a).post(
        reverse("sorting:zone-admit", args=[agency_a.pk]), {"red_tag": tag.pk}, follow=True
    )
    assert "нет в списке «ненужных» предметов" in response.content.decode()
    assert not StorageAdmission.objects.exists()


@pytest.mark.parametrize(
    ("who", "code"),
    [("team_member_a", 403), ("employee_a", 403), ("governor", 403), ("team_leader_b", 404)],
)
def test_others_cannot_use_the_zone_forms(request, login, setup, agency_a, who, code):
    client = login(request.getfixturevalue(who))
    admit = client.post(
        reverse("sorting:zone-admit", args=[agency_a.pk]), {"red_tag": setup["tag"].pk}
    )
    check = client.post(
        reverse("sorting:zone-check", args=[agency_a.pk]), {"checked_on": "2026-01-01"}
    )
    assert admit.status_code == check.status_code == code
    assert not StorageAdmission.objects.exists() and not StorageCheck.objects.exists()


def test_leader_extends_the_classifier_and_member_cannot(login, team_leader_a, team_member_a):
    data = {"category": "unneeded", "kind": "state", "text": "дубликаты документов"}
    assert login(team_member_a).post(reverse("sorting:classifier"), data).status_code == 403
    assert login(team_leader_a).post(reverse("sorting:classifier"), data).status_code == 302


def test_lists_take_a_fixed_number_of_queries(
    login, team_leader_a, team_member_a, agency_a, django_assert_max_num_queries
):
    sorting_round = make_round(team_leader_a, agency_a)
    for index in range(25):
        tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round, item_name=f"П {index}")
        decide(team_leader_a, tag.list_line)
    client = login(team_leader_a)
    sorting_list = unneeded_list(sorting_round)
    for url in (
        reverse("sorting:tag-list"),
        reverse("sorting:round-list"),
        reverse("sorting:round-detail", args=[sorting_round.pk]),
        reverse("sorting:list-detail", args=[sorting_list.pk]),
        reverse("sorting:overview"),
        reverse("sorting:zone", args=[agency_a.pk]),
    ):
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200


def test_nav_shows_sorting(login, team_member_a):
    page = login(team_member_a).get("/").content.decode()
    assert "Сортировка" in page


def test_pages_speak_english_when_asked(login, team_member_a, setup):
    client = login(team_member_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("sorting:tag-detail", args=[setup["tag"].pk])).content.decode()
    assert "Red tag no. 1" in page
    assert "Reason for marking" in page


@pytest.mark.parametrize(
    ("who", "code"),
    [("team_member_a", 403), ("employee_a", 403), ("governor", 403), ("team_leader_b", 404)],
)
def test_only_the_leader_edits_a_round(request, login, setup, who, code):
    response = login(request.getfixturevalue(who)).post(
        reverse("sorting:round-edit", args=[setup["round"].pk]),
        {"date_from": calendar.today().isoformat(), "rooms": "чужие"},
    )
    assert response.status_code == code
    setup["round"].refresh_from_db()
    assert setup["round"].rooms_display != "чужие"


def test_leader_edits_the_round(login, team_leader_a, setup):
    response = login(team_leader_a).post(
        reverse("sorting:round-edit", args=[setup["round"].pk]),
        {"date_from": calendar.today().isoformat(), "rooms": "201–210"},
    )
    assert response.status_code == 302
    setup["round"].refresh_from_db()
    assert setup["round"].rooms_display == "201–210"


@pytest.mark.parametrize(("who", "code"), OUTSIDERS_OF_A)
def test_only_the_leader_marks_a_decision_carried_out(
    request, login, team_leader_a, setup, who, code
):
    line = decide(team_leader_a, setup["tag"].list_line)
    url = reverse("sorting:line-carried-out", args=[line.pk])
    response = login(request.getfixturevalue(who)).post(
        url, {"carried_out_on": calendar.today().isoformat()}
    )
    assert response.status_code == code
    line.refresh_from_db()
    assert line.carried_out_on is None
    assert (
        login(team_leader_a).post(url, {"carried_out_on": calendar.today().isoformat()}).status_code
        == 302
    )


@pytest.mark.parametrize(
    ("who", "code"), [("employee_a", 403), ("governor", 403), ("team_leader_b", 404)]
)
def test_only_the_team_puts_a_tag_on_a_list(
    request, login, team_member_a, agency_a, setup, who, code
):
    tag = make_tag(team_member_a, agency_a, item_name="Без списка")
    url = reverse("sorting:tag-add-to-round", args=[tag.pk])
    response = login(request.getfixturevalue(who)).post(url, {"add_to_round": setup["round"].pk})
    assert response.status_code == code
    assert not hasattr(RedTag.objects.get(pk=tag.pk), "list_line")
    assert login(team_member_a).post(url, {"add_to_round": setup["round"].pk}).status_code == 302
    assert RedTag.objects.get(pk=tag.pk).list_line.position == 2


def test_a_rounds_tags_print_in_one_batch(login, team_member_a, agency_a, setup, team_leader_b):
    make_tag(team_member_a, agency_a, sorting_round=setup["round"], item_name="Второй")
    make_tag(team_member_a, agency_a, item_name="Не в сортировке")
    url = reverse("sorting:tag-batch-pdf") + f"?round={setup['round'].pk}"
    response = login(team_member_a).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Второй" in text and "Не в сортировке" not in text
    assert len(reader.pages) == 1
    assert login(team_leader_b).get(url).status_code == 404


def test_admin_shows_tags_but_leaves_writing_to_the_services(login, administrator, setup):
    client = login(administrator)
    assert client.get(reverse("admin:sorting_redtag_changelist")).status_code == 200
    assert client.get(reverse("admin:sorting_redtag_add")).status_code == 403
    assert client.get(reverse("admin:sorting_classifierentry_changelist")).status_code == 200


def test_tag_not_moved_by_its_deadline_is_flagged(login, team_member_a, agency_a):
    make_tag(
        team_member_a,
        agency_a,
        marked_on=calendar.today() - datetime.timedelta(days=5),
        move_deadline=calendar.today() - datetime.timedelta(days=1),
    )
    page = login(team_member_a).get(reverse("sorting:tag-list")).content.decode()
    assert "срок перемещения истёк" in page


def test_tag_and_round_lists_are_paged_and_keep_the_filters(
    login, team_leader_a, team_member_a, agency_a, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("sorting.views.PAGE_SIZE", 2)
    rounds = [
        make_round(team_leader_a, agency_a, date_from=calendar.today() - datetime.timedelta(days=d))
        for d in (30, 20, 10)
    ]
    for index in range(5):
        make_tag(team_member_a, agency_a, sorting_round=rounds[0], item_name=f"Стул {index}")
    client = login(team_leader_a)
    url = reverse("sorting:tag-list") + f"?agency={agency_a.pk}&q=Стул"
    with django_assert_max_num_queries(25):
        first = client.get(url).content.decode()
    assert first.count('name="ids"') == 2
    assert "Страница 1 из 3" in first
    assert f"agency={agency_a.pk}&amp;q=%D0%A1%D1%82%D1%83%D0%BB&amp;page=2" in first
    last = client.get(url + "&page=3").content.decode()
    assert last.count('name="ids"') == 1
    rounds_page = client.get(reverse("sorting:round-list") + "?page=2").content.decode()
    assert "Страница 2 из 2" in rounds_page
    assert rounds_page.count(rounds[0].get_absolute_url()) == 1


def _form_pages(setup, agency_a):
    line = setup["tag"].list_line
    return {
        "tag-edit": reverse("sorting:tag-edit", args=[setup["tag"].pk]),
        "round-edit": reverse("sorting:round-edit", args=[setup["round"].pk]),
        "rarely-needed": reverse("sorting:rarely-needed-add", args=[setup["round"].pk]),
        "decide": reverse("sorting:line-decide", args=[line.pk]),
        "carried-out": reverse("sorting:line-carried-out", args=[line.pk]),
        "decisions": reverse("sorting:list-decisions", args=[setup["list"].pk]),
        "zone-check": reverse("sorting:zone-check", args=[agency_a.pk]),
    }


# Who may open each form page of agency A (everyone else in agency A gets 403).
FORM_PAGE_USERS = {
    "tag-edit": {"team_member_a", "team_leader_a"},  # the author and the leader
    "round-edit": {"team_leader_a"},
    "rarely-needed": {"team_member_a", "team_leader_a"},
    "decide": {"team_leader_a"},
    "carried-out": {"team_leader_a"},
    "decisions": {"team_leader_a"},
    "zone-check": {"team_leader_a", "keeper_a"},
}


@pytest.mark.parametrize("page", list(FORM_PAGE_USERS))
@pytest.mark.parametrize(
    "who", ["team_leader_a", "team_member_a", "employee_a", "keeper_a", "governor", "auditor"]
)
def test_a_form_page_opens_only_for_those_who_may_send_it(
    request, login, setup, agency_a, page, who
):
    response = login(request.getfixturevalue(who)).get(_form_pages(setup, agency_a)[page])
    assert response.status_code == (200 if who in FORM_PAGE_USERS[page] else 403)


@pytest.mark.parametrize("page", list(FORM_PAGE_USERS))
def test_another_agencys_form_pages_do_not_exist_for_its_neighbours(
    login, team_leader_b, setup, agency_a, page
):
    assert login(team_leader_b).get(_form_pages(setup, agency_a)[page]).status_code == 404


@pytest.mark.parametrize("who", ["team_member_a", "employee_a", "governor"])
def test_only_the_leader_opens_the_new_round_form(request, login, agency_a, team_a, who):
    url = reverse("sorting:round-create") + f"?agency={agency_a.pk}"
    assert login(request.getfixturevalue(who)).get(url).status_code == 403


@pytest.mark.parametrize("who", ["governor", "auditor", "no_role"])
def test_those_who_may_not_mark_items_cannot_open_the_tag_form(request, login, agency_a, who):
    assert login(request.getfixturevalue(who)).get(reverse("sorting:tag-create")).status_code == (
        403
    )


@pytest.mark.parametrize(
    ("who", "url", "data"),
    [
        ("employee_a", "classifier", {"category": "", "kind": "", "text": ""}),
        ("employee_a", "tag-add-to-round", {"add_to_round": "no-such-round"}),
        ("employee_a", "control-sheet", {"items": ["no-such-item"]}),
        ("team_member_a", "list-approve", {}),
        ("team_member_a", "zone-admit", {"red_tag": ""}),
    ],
    ids=["classifier", "tag-add-to-round", "control-sheet", "list-approve", "zone-admit"],
)
def test_a_refusal_does_not_depend_on_what_was_sent(
    request, login, setup, agency_a, who, url, data
):
    """The right is checked before the form: whatever an outsider sends, the answer is 403
    (not a form error that would tell them what exists) and nothing changes."""
    args = {
        "classifier": [],
        "tag-add-to-round": [setup["tag"].pk],
        "control-sheet": [setup["round"].pk],
        "list-approve": [setup["list"].pk],
        "zone-admit": [agency_a.pk],
    }[url]
    response = login(request.getfixturevalue(who)).post(reverse(f"sorting:{url}", args=args), data)
    assert response.status_code == 403
    assert not ListApproval.objects.exists() and not StorageAdmission.objects.exists()
