"""audits.Notification moves onto core.Notice (issue 11 item 3; DEVELOPERS.md, «Moving an app's
own model onto it»). Each old row becomes the notice of its kind about its record for its
recipient:

- audit_notice / audit_reminder → `audits.notice` / `audits.reminder` about the audit, due on
  the audit's date (the key the services now use);
- final_sheet_copy → `audits.final_sheet_copy` about the audit, no due date;
- plan_copy → `audits.plan_copy` about the audit's corrective-action plan, no due date.

The old rows named an e-mail address; the address of exactly one account becomes that account
(«user:<id>», as the services now key people), any other stays an address («email:…»). Rows
already sent keep `sent_at`, so nothing is sent again; unsent ones get an outbox message so the
sweep sends them. The old rows kept no text: the copied notices carry the kind's name as their
title and the record's link. Reversing deletes the copied notices."""

from django.db import migrations

KINDS = {
    "audit_notice": "audits.notice",
    "audit_reminder": "audits.reminder",
    "final_sheet_copy": "audits.final_sheet_copy",
    "plan_copy": "audits.plan_copy",
}
TITLES = {
    "audit_notice": "Уведомление о внешнем аудите",
    "audit_reminder": "Напоминание о внешнем аудите",
    "final_sheet_copy": "Копия итогового оценочного листа",
    "plan_copy": "Копия плана корректирующих мероприятий",
}
SEND_HANDLER = "core.send_notice"


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(app_label="audits", model=model)
    return content_type


def forwards(apps, schema_editor):
    Notification = apps.get_model("audits", "Notification")
    CorrectiveActionPlan = apps.get_model("audits", "CorrectiveActionPlan")
    Notice = apps.get_model("core", "Notice")
    OutboxMessage = apps.get_model("core", "OutboxMessage")
    User = apps.get_model("auth", "User")
    audit_type = _content_type(apps, "audit")
    plan_type = _content_type(apps, "correctiveactionplan")
    plans = dict(CorrectiveActionPlan.objects.values_list("audit_id", "pk"))
    for row in Notification.objects.select_related("audit").order_by("pk"):
        kind = KINDS.get(row.kind)
        if kind is None:
            continue
        if row.kind == "plan_copy":
            if row.audit_id not in plans:
                continue  # a plan deleted since: nothing to point at
            subject_type, subject_id, path = plan_type, plans[row.audit_id], "/audits/action-plans/"
            path += f"{subject_id}/"
        else:
            subject_type, subject_id = audit_type, row.audit_id
            path = f"/audits/{row.audit_id}/" + ("final/" if row.kind == "final_sheet_copy" else "")
        due_on = row.audit.date if row.kind in ("audit_notice", "audit_reminder") else None
        email = (row.recipient or "").strip().lower()
        accounts = list(User.objects.filter(email__iexact=email).values_list("pk", flat=True)[:2])
        user_id = accounts[0] if len(accounts) == 1 else None
        key = f"user:{user_id}" if user_id else f"email:{email}"
        if Notice.objects.filter(
            kind=kind,
            subject_type=subject_type,
            subject_id=subject_id,
            recipient_key=key,
            due_on=due_on,
        ).exists():
            continue
        notice = Notice.objects.create(
            kind=kind,
            subject_type=subject_type,
            subject_id=subject_id,
            user_id=user_id,
            email=email,
            recipient_key=key,
            due_on=due_on,
            created_at=row.created_at,
            sent_at=row.sent_at,
            title=TITLES[row.kind],
            url=path,
        )
        if row.sent_at is None:
            OutboxMessage.objects.get_or_create(
                handler=SEND_HANDLER,
                key=f"notice:{notice.pk}",
                defaults={"payload": {"notice_id": notice.pk}},
            )


def backwards(apps, schema_editor):
    Notice = apps.get_model("core", "Notice")
    OutboxMessage = apps.get_model("core", "OutboxMessage")
    copied = Notice.objects.filter(kind__in=list(KINDS.values()))
    OutboxMessage.objects.filter(
        handler=SEND_HANDLER,
        key__in=[f"notice:{pk}" for pk in copied.values_list("pk", flat=True)],
    ).delete()
    copied.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0005_one_audit_per_agency_and_date_constraint"),
        ("core", "0002_outbox_and_notices"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
