"""Issue 17, item 6: the final sheet page shows recorded votes as recorded, only its header row
sticks, and the PDF's decision table carries every vote."""

import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from audits import services
from audits.models import Audit
from reports import documents
from tests.audits.conftest import fill

pytestmark = pytest.mark.django_db


def _decide(client, audit, votes):
    client.post(
        reverse("audits:decision", args=[audit.pk]),
        {"criterion": "1.1", **{f"vote-{u.person.pk}": v for u, v in votes.items()}},
    )


def test_recorded_votes_are_shown_as_recorded(
    login, audit, group_head, auditor, auditor2, auditor3
):
    """Issue 17, item 6: after a collegial decision the vote selectors keep the votes."""
    fill(audit, auditor, {"1.1": 2})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 5})
    client = login(group_head)
    votes = {auditor: "4", auditor2: "4", auditor3: "5"}
    _decide(client, audit, votes)
    page = client.get(reverse("audits:final", args=[audit.pk])).content.decode()
    form = page[page.index('data-testid="decision-1.1"') :]
    form = form[: form.index("</form>")]
    for user, vote in votes.items():
        select = form[form.index(f'name="vote-{user.person.pk}"') :]
        select = select[: select.index("</select>")]
        assert f'<option value="{vote}" selected>' in select, (user, select)

    recorded = page[page.index('data-testid="votes-1.1"') :]
    recorded = recorded[: recorded.index("</p>")]
    for user, vote in votes.items():
        assert f"{user.person.full_name} — {vote}" in recorded


def test_only_the_header_row_of_the_final_sheet_sticks():
    css = (settings.BASE_DIR / "static" / "css" / "audits.css").read_text()
    assert ".final-sheet tbody th { position: static; }" in css


def test_the_pdf_decision_table_has_every_vote(
    login, audit, group_head, auditor, auditor2, auditor3
):
    fill(audit, auditor, {"1.1": 2})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 5})
    votes = {auditor: "4", auditor2: "4", auditor3: "5"}
    _decide(login(group_head), audit, votes)
    services.final_sheet_finalise(actor=group_head, audit=audit)
    content = documents.final_sheet_pdf(Audit.objects.get(pk=audit.pk))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    table = text[text.index("Коллегиальные решения") :]
    table = re.sub(r"\s+", " ", table)
    for user in votes:
        surname = user.person.full_name.split()[0]
        assert surname in table
    # criterion, mean, decision, then one cell per voter (the head did not vote: «—»)
    row = re.search(r"1\.1 [\d,.]+ (\d) (\S+) (\S+) (\S+) (\S+)", table)
    assert row is not None, table[:400]
    assert row.group(1) == "4"
    assert sorted(row.groups()[1:]) == sorted([*votes.values(), "—"])


def test_the_leader_finds_the_plan_button_above_the_final_sheet(
    login, audit, group_head, auditor, auditor2, auditor3, team_leader_a
):
    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {}, notes={"1.1": "Замечание"})
    services.final_sheet_finalise(actor=group_head, audit=audit)
    page = login(team_leader_a).get(reverse("audits:final", args=[audit.pk])).content.decode()
    assert page.index('data-testid="create-plan"') < page.index('data-testid="final-sheet"')
