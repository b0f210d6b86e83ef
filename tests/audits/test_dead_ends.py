"""Issue 17, items 10 and 12: the leader's planned audit opens where the home page points;
the photo form offers the camera and is prefilled; the signature line needs no case of a name."""

import pytest
from django.urls import reverse

from audits import services
from audits.models import Audit
from tests.audits.conftest import TODAY, fill

pytestmark = pytest.mark.django_db


def test_the_leader_opens_the_planned_audit_the_notice_points_to(
    login, audit, team_leader_a, team_member_a, team_leader_b
):
    url = audit.get_absolute_url()
    client = login(team_leader_a)
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("audits:list")).content.decode()
    # the final sheet stays closed before signing; others still get 404
    assert client.get(reverse("audits:final", args=[audit.pk])).status_code in (403, 404)
    assert login(team_member_a).get(url).status_code == 404
    assert login(team_leader_b).get(url).status_code == 404


def test_the_home_page_does_not_say_the_audit_date_twice(login, audit, team_leader_a):
    page = login(team_leader_a).get(reverse("home")).content.decode()
    assert f'href="{audit.get_absolute_url()}"' in page  # the planned audit opens from home
    date = audit.date.strftime("%d.%m.%Y")
    assert f"срок: {date}" not in page.replace('<span class="due">', "").replace("</span>", "")


def test_the_photo_form_offers_the_camera_and_is_prefilled(login, today, team_leader_a, agency_a):
    page = login(team_leader_a).get(reverse("audits:internal", args=[agency_a.pk])).content
    page = page.decode()
    assert 'accept="image/*"' in page
    assert f'name="taken_on" value="{TODAY.isoformat()}"' in page
    assert f'value="{team_leader_a.person.full_name}"' in page
    assert f'max="{TODAY.isoformat()}"' in page


def test_the_signature_line_needs_no_case_of_the_name(
    login, audit, group_head, auditor, auditor2, auditor3
):
    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {})
    services.final_sheet_finalise(actor=group_head, audit=audit)
    audit = Audit.objects.get(pk=audit.pk)
    page = login(group_head).get(reverse("audits:final", args=[audit.pk])).content.decode()
    assert f"Руководитель рабочей группы: {group_head.person.full_name}" in page
    assert "Подписан руководителем" not in page
