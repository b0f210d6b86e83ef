"""Move the sent «next sorting due» reminders (sorting.SortingReminder) into core.Notice.

Each old row is one agency and due date with the comma-separated addresses it was e-mailed to.
Each address becomes one notice of the kind «sorting.next_sorting_due» about the agency with
that due date: for a leader's account (a user of that address leading a 5S team of the agency,
otherwise the one user with that address) keyed by the account, as the service keys them now,
so a reminder already sent is not sent again; otherwise keyed by the address. The rows were
sent when they were made, so the notices keep `sent_at` and the text as it was sent (rebuilt
from the same template: the agency's names, the due date and whether it had passed). A row
never sent (there are none: the reminder was saved with its e-mail) would get its outbox
message so the sweep sends it.

The text is frozen here on purpose: a migration must not follow later changes of the app's
code (sorting.notices renders the same text today).
"""

from django.db import migrations
from django.utils import timezone

KIND = "sorting.next_sorting_due"
SEND_HANDLER = "core.send_notice"
OLD_URL = "/sorting/"


def _text(agency, due_on, sent_on):
    state = "просрочена" if due_on < sent_on else "предстоит"
    due = due_on.strftime("%d.%m.%Y")
    title = f"Сортировка в {agency.short_name}: {state}, срок {due}"
    body = (
        f"Следующая сортировка (шаг 1 системы 5S) в {agency.full_name} должна быть проведена "
        f"не позднее {due} (пункт 5.4 Методических рекомендаций: в период развёртывания — "
        "не реже 1 раза в месяц, при функционировании — не реже 1 раза в квартал)."
    )
    return title[:300], body


def _user_of(User, FiveSTeam, agency_id, email):
    leaders = User.objects.filter(
        email__iexact=email, person__led_teams__agencies=agency_id
    ).distinct()
    if leaders.count() == 1:
        return leaders.get()
    users = User.objects.filter(email__iexact=email)
    return users.get() if users.count() == 1 else None


def reminders_to_notices(apps, schema_editor):
    SortingReminder = apps.get_model("sorting", "SortingReminder")
    Notice = apps.get_model("core", "Notice")
    OutboxMessage = apps.get_model("core", "OutboxMessage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    User = apps.get_model("auth", "User")
    FiveSTeam = apps.get_model("agencies", "FiveSTeam")
    agency_type, _created = ContentType.objects.get_or_create(app_label="agencies", model="agency")
    for reminder in SortingReminder.objects.select_related("agency").order_by("pk"):
        sent_on = timezone.localdate(reminder.sent_at) if reminder.sent_at else None
        title, body = _text(reminder.agency, reminder.due_on, sent_on or reminder.due_on)
        seen = set()
        for address in reminder.recipients.split(","):
            email = address.strip().lower()
            if not email:
                continue
            user = _user_of(User, FiveSTeam, reminder.agency_id, email)
            key = f"user:{user.pk}" if user is not None else f"email:{email}"
            if key in seen:
                continue
            seen.add(key)
            notice, created = Notice.objects.get_or_create(
                kind=KIND,
                subject_type=agency_type,
                subject_id=reminder.agency_id,
                recipient_key=key,
                due_on=reminder.due_on,
                defaults={
                    "user": user,
                    "email": email,
                    "created_at": reminder.sent_at or timezone.now(),
                    "sent_at": reminder.sent_at,
                    "title": title if reminder.sent_at else "",
                    "body": body if reminder.sent_at else "",
                    "url": OLD_URL if reminder.sent_at else "",
                },
            )
            if created and notice.sent_at is None:
                OutboxMessage.objects.get_or_create(
                    handler=SEND_HANDLER,
                    key=f"notice:{notice.pk}",
                    defaults={"payload": {"notice_id": notice.pk}},
                )


def notices_to_reminders(apps, schema_editor):
    """Back to one SortingReminder per agency and due date, then the notices are deleted."""
    SortingReminder = apps.get_model("sorting", "SortingReminder")
    Notice = apps.get_model("core", "Notice")
    OutboxMessage = apps.get_model("core", "OutboxMessage")
    notices = Notice.objects.filter(kind=KIND).select_related("user").order_by("pk")
    grouped = {}
    for notice in notices:
        if notice.due_on is None:
            continue
        email = notice.email or (notice.user.email if notice.user_id else "")
        entry = grouped.setdefault((notice.subject_id, notice.due_on), {"emails": [], "sent": []})
        if email and email not in entry["emails"]:
            entry["emails"].append(email)
        if notice.sent_at:
            entry["sent"].append(notice.sent_at)
    for (agency_id, due_on), entry in grouped.items():
        reminder, _created = SortingReminder.objects.get_or_create(
            agency_id=agency_id, due_on=due_on, defaults={"recipients": ", ".join(entry["emails"])}
        )
        if entry["sent"]:
            SortingReminder.objects.filter(pk=reminder.pk).update(sent_at=min(entry["sent"]))
    OutboxMessage.objects.filter(
        handler=SEND_HANDLER, key__in=[f"notice:{pk}" for pk in notices.values_list("pk", flat=True)]
    ).delete()
    notices.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sorting", "0002_bounds"),
        ("core", "0002_outbox_and_notices"),
        ("agencies", "0002_room"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(reminders_to_notices, notices_to_reminders)]
