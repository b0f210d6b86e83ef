"""Before one audit per agency and date becomes a constraint (0005), the duplicates a retried
request made (issue 10: a broker outage answered 500 after the commit, and the retry planned
the same audit again) are removed.

Of each agency's audits on one date the one that went furthest is kept: signed first, then the
one with the most scores, then the oldest. The others are deleted only if nothing was done in
them (not signed, no score or note, no decision, no corrective-action plan) — their sheets,
final sheet and notices go with them. Two duplicates that both hold work cannot be merged
automatically: the migration stops and names them, for an administrator to decide."""

from django.db import migrations
from django.db.models import Count


def _weight(audit, Score):
    scores = Score.objects.filter(sheet__audit_id=audit.pk).count()
    return (audit.status == "finalised", scores, -audit.pk)


def _has_work(audit, Score, Decision, CorrectiveActionPlan):
    return (
        audit.status == "finalised"
        or Score.objects.filter(sheet__audit_id=audit.pk).exists()
        or Decision.objects.filter(final_sheet__audit_id=audit.pk).exists()
        or CorrectiveActionPlan.objects.filter(audit_id=audit.pk).exists()
    )


def remove_duplicates(apps, schema_editor):
    Audit = apps.get_model("audits", "Audit")
    Score = apps.get_model("audits", "Score")
    Decision = apps.get_model("audits", "Decision")
    CorrectiveActionPlan = apps.get_model("audits", "CorrectiveActionPlan")
    groups = (
        Audit.objects.values("agency_id", "date")
        .annotate(count=Count("id"))
        .filter(count__gt=1)
        .order_by("agency_id", "date")
    )
    for group in groups:
        audits = list(
            Audit.objects.filter(agency_id=group["agency_id"], date=group["date"]).order_by("pk")
        )
        keep = max(audits, key=lambda audit: _weight(audit, Score))
        for audit in audits:
            if audit.pk == keep.pk:
                continue
            if _has_work(audit, Score, Decision, CorrectiveActionPlan):
                raise RuntimeError(
                    f"Audits {keep.pk} and {audit.pk} of agency {group['agency_id']} on "
                    f"{group['date']} both hold scores, decisions, a signature or a plan: move "
                    "one of them to its real date (or delete it) and run the migration again."
                )
            audit.delete()


class Migration(migrations.Migration):
    dependencies = [("audits", "0003_final_sheet_step_values")]

    operations = [migrations.RunPython(remove_duplicates, migrations.RunPython.noop)]
