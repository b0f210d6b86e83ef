"""Electronic copies of final sheets, summaries and photo reports are kept at least two years
(Regulation §5.8, L5493; Appendix 5 §6.3, L3225): no periodic job deletes them, the admin
cannot delete the records they hang on, and a published or generated copy younger than two
years cannot be deleted in the admin either (issue 13, item 5)."""

import datetime
import io
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from audits import services as audit_services
from audits.models import Audit, FinalScoreSheet, InternalAudit, Photo, ScoreSheet
from core.retention import RETENTION, within_retention
from fives_portal.celery import app
from reports import services
from reports.models import GeneratedDocument, Publication
from tests.reports.factories import signed_audit

pytestmark = pytest.mark.django_db


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, "JPEG")
    return SimpleUploadedFile("room.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def kept(checklist, agency_a, team, team_leader_a):
    """A signed final sheet published as PDF and XLSX, a month's summary, a photo and its
    photo report: what §5.8 requires kept."""
    audit = signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 5, 12))
    services.final_sheet_publish(audit_id=audit.pk)
    services.summary_publish(month=datetime.date(2026, 5, 1))
    audit_services.photo_upload(
        actor=team_leader_a,
        agency=agency_a,
        upload=_jpeg(),
        taken_on=datetime.date(2026, 5, 12),
        place="Кабинет 101",
        subject="Рабочее место",
        photographer="Лидеров Л. Л.",
    )
    services.photo_report_publish(agency=agency_a, month=datetime.date(2026, 5, 1))
    return audit


def _kept_ids():
    return {
        "audits": set(Audit.objects.values_list("pk", flat=True)),
        "final sheets": set(
            FinalScoreSheet.objects.filter(finalised_at__isnull=False).values_list("pk", flat=True)
        ),
        "photos": set(Photo.objects.values_list("pk", flat=True)),
        "documents": set(
            GeneratedDocument.objects.filter(status="done").values_list("pk", flat=True)
        ),
        "publications": set(Publication.objects.values_list("pk", flat=True)),
    }


def _files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def test_no_periodic_job_deletes_a_kept_document_within_two_years(kept):
    before, files = _kept_ids(), _files()
    assert {name: len(ids) for name, ids in before.items()} == {
        "audits": 1,
        "final sheets": 1,
        "photos": 1,
        "documents": 4,
        "publications": 5,
    }
    assert len(files) >= 6  # 4 documents, a photo and its thumbnail

    moment = timezone.now() + RETENTION - datetime.timedelta(days=1)
    app.loader.import_default_modules()
    assert len(app.conf.beat_schedule) >= 4
    with time_machine.travel(moment, tick=False):
        for entry in app.conf.beat_schedule.values():
            app.tasks[entry["task"]].apply().get()

    after = _kept_ids()  # a job may add (the month's summary), never remove
    assert all(before[name] <= after[name] for name in before)
    assert files <= _files()


@pytest.mark.parametrize("model", [Audit, ScoreSheet, InternalAudit, Photo])
def test_the_records_behind_the_kept_documents_cannot_be_deleted_in_the_admin(model, administrator):
    request = RequestFactory().get("/admin/")
    request.user = administrator
    assert not admin.site._registry[model].has_delete_permission(request)


def test_a_published_copy_younger_than_two_years_cannot_be_deleted_in_the_admin(
    kept, administrator, login
):
    client = login(administrator)
    publication = Publication.objects.filter(kind="final_sheet").first()
    document = GeneratedDocument.objects.first()

    for obj in (publication, document):
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
        # The list's bulk action refuses too.
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        client.post(
            changelist,
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
        assert type(obj).objects.filter(pk=obj.pk).exists()


def test_a_copy_older_than_two_years_may_be_deleted_by_an_administrator(kept, administrator):
    publication = Publication.objects.filter(kind="summary").first()
    old = timezone.now() - RETENTION - datetime.timedelta(days=1)
    Publication.objects.filter(pk=publication.pk).update(updated_at=old)
    publication.refresh_from_db()
    request = RequestFactory().get("/admin/")
    request.user = administrator
    assert admin.site._registry[Publication].has_delete_permission(request, publication)


def test_the_retention_period_is_at_least_two_years():
    now = timezone.now()
    assert datetime.timedelta(days=730) <= RETENTION
    assert within_retention(now - datetime.timedelta(days=729), now=now)
    assert not within_retention(now - datetime.timedelta(days=733), now=now)
