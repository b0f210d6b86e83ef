"""Documents ordered before the outbox and still queued or running (their task may have been
lost with the broker) get an outbox message, so the sweep makes them (issue 10)."""

from django.db import migrations
from django.utils import timezone

HANDLER = "reports.generate_document"


def forwards(apps, schema_editor):
    GeneratedDocument = apps.get_model("reports", "GeneratedDocument")
    OutboxMessage = apps.get_model("core", "OutboxMessage")
    now = timezone.now()
    for pk in GeneratedDocument.objects.filter(status__in=["queued", "running"]).values_list(
        "pk", flat=True
    ):
        OutboxMessage.objects.get_or_create(
            handler=HANDLER,
            key=f"document:{pk}",
            defaults={"payload": {"document_id": pk}, "created_at": now, "available_at": now},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_outbox_and_notices"),
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
