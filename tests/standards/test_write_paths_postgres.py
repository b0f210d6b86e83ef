"""Write paths outside a test transaction (on PostgreSQL in CI): approval publishes the
standard in «ДИАрама» after the commit through the outbox; the knowledge-base search uses
PostgreSQL's Russian full-text search (stemming)."""

import datetime

import pytest
from django.db import connection

from reports.models import Publication
from standards.register import selectors, services
from standards.register.models import StandardKind
from tests.standards.conftest import approved_standard


@pytest.mark.django_db(transaction=True)
def test_approval_publishes_the_standard_after_commit(agency_a, team_leader_a, head_a):
    services.reference_load()
    kind = StandardKind.objects.get(code="paper_documents")
    standard = approved_standard(
        agency_a, kind, leader=team_leader_a, head=head_a, text="Документы хранятся в папках"
    )
    publication = Publication.objects.get(source_key=f"standard:{standard.pk}")
    assert publication.kind == "standard"
    assert publication.url == standard.approved_version.get_absolute_url()
    # A newer approved version updates the same entry.
    version = services.version_revise(actor=team_leader_a, standard=standard)
    services.version_agree(actor=team_leader_a, version=version, today=datetime.date(2026, 6, 1))
    services.version_approve(actor=head_a, version=version, today=datetime.date(2026, 6, 2))
    assert Publication.objects.filter(source_key=f"standard:{standard.pk}").count() == 1
    assert Publication.objects.get(source_key=f"standard:{standard.pk}").url == (
        version.get_absolute_url()
    )


@pytest.mark.django_db(transaction=True)
def test_knowledge_search_finds_inflected_words_on_postgresql(
    agency_a, team_leader_a, head_a, auditor
):
    if connection.vendor != "postgresql":
        pytest.skip("Russian full-text search is PostgreSQL's")
    services.reference_load()
    kind = StandardKind.objects.get(code="paper_documents")
    standard = approved_standard(
        agency_a, kind, leader=team_leader_a, head=head_a, text="Папки подписываются маркером"
    )
    found = selectors.knowledge_standards(user=auditor, filters_data={"q": "документы папка"})
    assert list(found) == [standard]
    assert not selectors.knowledge_standards(user=auditor, filters_data={"q": "картриджи"})
