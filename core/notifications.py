"""One notification and reminder service for every app, built on the outbox.

A notice is keyed by (kind, subject, recipient, due date) and sent at most once: the §5.5
notice of an audit to the agency, the reminder the day before it, the §5.4 «next sorting due»
reminder, the §4.10 copy of a final sheet. An app registers its kinds from `AppConfig.ready()`:

    notifications.register_kind("audits.notice", label=_("Уведомление об аудите"),
                                render=render_audit_notice)

and calls, inside the transaction of the service that makes the notice due:

    notifications.notify(kind="audits.notice", subject=audit, recipients=people,
                         due_on=audit.date)

`notify` creates the missing rows and schedules their delivery through the outbox; delivery
renders the text (in Russian), sends the e-mail when the recipient has an address, and stamps
`sent_at`. A recipient with an account sees the notice in the portal whether or not it has an
e-mail address.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation

from core import outbox
from core.exceptions import ApplicationError
from core.models import Notice

# The outbox handler that sends one notice.
SEND_HANDLER = "core.send_notice"


@dataclass(frozen=True)
class NoticeText:
    subject: str
    body: str
    url: str = ""


@dataclass(frozen=True)
class NoticeKind:
    kind: str
    label: Any
    render: Callable[[Notice], NoticeText]


_kinds: dict[str, NoticeKind] = {}


def register_kind(kind: str, *, label: Any, render: Callable[[Notice], NoticeText]) -> None:
    """Declare a kind of notice (from an AppConfig.ready()). `render(notice)` builds its text
    when it is sent; `label` names the kind on the notices page and in the admin."""
    _kinds[kind] = NoticeKind(kind, label, render)


def kind_label(kind: str) -> str:
    registered = _kinds.get(kind)
    return str(registered.label) if registered else kind


def absolute_url(path_or_obj: str | models.Model) -> str:
    """The address a person opens from an e-mail or a QR code: PORTAL_BASE_URL plus the path
    (or the object's get_absolute_url()). An absolute URL is returned as it is."""
    path = path_or_obj if isinstance(path_or_obj, str) else path_or_obj.get_absolute_url()  # type: ignore[attr-defined]
    if path.startswith(("http://", "https://")):
        return path
    return urljoin(settings.PORTAL_BASE_URL.rstrip("/") + "/", path.lstrip("/"))


@dataclass(frozen=True)
class _Recipient:
    key: str
    user_id: int | None
    email: str


def _recipient(value: Any) -> _Recipient | None:
    """A user (their account), a person-like record with `.user` (its account, if any), or an
    e-mail address. None for a person without an account: there is nobody to tell."""
    user_model = get_user_model()
    if isinstance(value, str):
        email = value.strip().lower()
        return _Recipient(f"email:{email}", None, email) if email else None
    if not isinstance(value, user_model):
        value = getattr(value, "user", None)
        if value is None:
            return None
    return _Recipient(f"user:{value.pk}", value.pk, (getattr(value, "email", "") or "").strip())


def notify(
    *,
    kind: str,
    subject: models.Model,
    recipients: Iterable[Any],
    due_on: datetime.date | None = None,
) -> list[Notice]:
    """The notices of `kind` about `subject` for each recipient and `due_on`, created when
    missing and scheduled for delivery after the caller's transaction commits. Calling it again
    for the same recipients and due date creates and sends nothing new."""
    if kind not in _kinds:
        raise outbox.OutboxError(f"Unknown notice kind {kind!r}: register it in ready().")
    if subject.pk is None:
        raise outbox.OutboxError("notify() needs a saved subject.")
    subject_type = ContentType.objects.get_for_model(subject)
    wanted: dict[str, _Recipient] = {}
    for value in recipients:
        recipient = _recipient(value)
        if recipient is not None:
            wanted.setdefault(recipient.key, recipient)
    if not wanted:
        return []
    scope = Notice.objects.filter(
        kind=kind, subject_type=subject_type, subject_id=subject.pk, due_on=due_on
    )
    notices = {n.recipient_key: n for n in scope.filter(recipient_key__in=list(wanted))}
    with transaction.atomic():
        for key, recipient in wanted.items():
            if key in notices:
                continue
            try:
                with transaction.atomic():
                    notice = Notice.objects.create(
                        kind=kind,
                        subject_type=subject_type,
                        subject_id=subject.pk,
                        user_id=recipient.user_id,
                        email=recipient.email,
                        recipient_key=key,
                        due_on=due_on,
                    )
            except IntegrityError:  # made at the same moment by another transaction
                notice = scope.get(recipient_key=key)
            else:
                outbox.schedule(
                    SEND_HANDLER, key=f"notice:{notice.pk}", payload={"notice_id": notice.pk}
                )
            notices[key] = notice
    return [notices[key] for key in wanted]


def send_notice(*, notice_id: int) -> None:
    """The outbox handler: render and send one notice, once. Idempotent: a sent notice is left
    alone (the outbox never runs one message twice at a time)."""
    notice = Notice.objects.select_related("user").filter(pk=notice_id).first()
    if notice is None or notice.sent_at is not None:
        return
    registered = _kinds.get(notice.kind)
    if registered is None:
        raise ApplicationError(f"Unknown notice kind {notice.kind!r}.")
    with translation.override(settings.LANGUAGE_CODE):
        text = registered.render(notice)
    email = notice.email or (notice.user.email if notice.user_id and notice.user else "")
    if email:
        body = text.body
        if text.url:
            body = f"{body}\n\n{absolute_url(text.url)}"
        send_mail(
            subject=text.subject,
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )
    Notice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(
        sent_at=timezone.now(),
        email=email,
        title=text.subject[:300],
        body=text.body,
        url=text.url[:500],
    )
