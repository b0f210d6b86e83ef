"""Hooks into the audits app without changing it: a final sheet that becomes signed is
published (§4.10), and a new photo puts its month's photo report in the knowledge base. Both
are outbox messages written in the audits app's own transaction (core.outbox): a broker outage
neither fails the signing nor loses the publication."""

from django.db.models.signals import post_save

from reports import services


def final_sheet_saved(sender, instance, created, raw=False, **kwargs):
    if raw or instance.finalised_at is None:
        return
    services.final_sheet_publication_schedule(audit_id=instance.audit_id)


def photo_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    services.photo_report_schedule(
        agency_id=instance.agency_id, month=instance.taken_on.replace(day=1)
    )


def connect():
    from audits.models import FinalScoreSheet, Photo

    post_save.connect(final_sheet_saved, sender=FinalScoreSheet, dispatch_uid="reports-final")
    post_save.connect(photo_saved, sender=Photo, dispatch_uid="reports-photo")
