"""Hooks into the audits app without changing it: a final sheet that becomes signed is
published (§4.10), and a new photo puts its month's photo report in the knowledge base."""

from django.db import transaction
from django.db.models.signals import post_save


def final_sheet_saved(sender, instance, created, raw=False, **kwargs):
    if raw or instance.finalised_at is None:
        return
    from reports.choices import PublicationKind
    from reports.models import Publication

    if Publication.objects.filter(
        kind=PublicationKind.FINAL_SHEET, source_key__startswith=f"audit:{instance.audit_id}:"
    ).exists():
        return
    from reports import services, tasks

    audit_id = instance.audit_id
    if services.renders_in_process():
        # No worker: place the entries now, render each file when it is first opened.
        transaction.on_commit(lambda: services.final_sheet_publish(audit_id=audit_id, render=False))
    else:
        transaction.on_commit(lambda: tasks.publish_final_sheet.delay(audit_id))


def photo_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from reports import tasks

    agency_id, month = instance.agency_id, instance.taken_on.replace(day=1).isoformat()
    transaction.on_commit(lambda: tasks.publish_photo_report.delay(agency_id, month))


def connect():
    from audits.models import FinalScoreSheet, Photo

    post_save.connect(final_sheet_saved, sender=FinalScoreSheet, dispatch_uid="reports-final")
    post_save.connect(photo_saved, sender=Photo, dispatch_uid="reports-photo")
