"""The transactional outbox: the one mechanism for every follow-up of a commit.

A service that wants something done after its transaction commits (make a document, send a
notice, publish a final sheet) calls `schedule(handler, key=..., payload=...)` inside that
transaction. The row is written with the record, so either both exist or neither does. After
the commit the message is dispatched: published to the broker as the `core.deliver_outbox` task
or, without a broker (the embedded `make run`), delivered in-process at once. A publish error
(Redis down) is logged and leaves the row pending; the request that saved the record still
succeeds, and the sweep (`core.outbox_sweep`, every minute; `manage.py outbox_sweep`) hands the
message over again. Delivery claims the row, runs the handler outside that claim's transaction
and records the outcome, so a message is never run twice at once and never after it is done.

Handlers are registered from an app's `AppConfig.ready()`:

    outbox.register("reports.generate_document", generate_document_handler,
                    expected=(DocumentError,))

and are called as `func(**payload)`. A handler calls one service and must be idempotent: a
worker killed after the handler's work but before the row was marked done runs it again.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from celery import current_app
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from core.exceptions import ApplicationError
from core.models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# The longest error text kept on a row.
ERROR_MAX_LENGTH = 2000
# Backoff after an unexpected error: 1, 2, 4, 8… minutes, at most an hour.
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 60 * 60
# The Celery task that delivers one message (core.tasks.deliver_outbox).
DELIVER_TASK = "core.deliver_outbox"
# How many messages one sweep hands over (the next sweep takes the rest).
SWEEP_BATCH = 500


class OutboxError(RuntimeError):
    """A programming error in using the outbox (an unknown handler, no transaction)."""


@dataclass(frozen=True)
class Handler:
    name: str
    func: Callable[..., Any]
    # Errors that mean «this will not work however often it is tried»: the message fails at
    # once with the error's text (ApplicationError always counts).
    expected: tuple[type[BaseException], ...] = ()
    max_attempts: int | None = None

    @property
    def attempts_allowed(self) -> int:
        return self.max_attempts or settings.OUTBOX_MAX_ATTEMPTS


_handlers: dict[str, Handler] = {}


def register(
    handler: str,
    func: Callable[..., Any],
    *,
    expected: tuple[type[BaseException], ...] = (),
    max_attempts: int | None = None,
) -> None:
    """Register `func` under the name `handler` (from an AppConfig.ready()). `func(**payload)`
    does the work by calling one service; it must be idempotent."""
    existing = _handlers.get(handler)
    if existing is not None and existing.func is not func:
        raise OutboxError(f"Outbox handler {handler!r} is already registered.")
    _handlers[handler] = Handler(handler, func, tuple(expected), max_attempts)


def handler_for(name: str) -> Handler | None:
    return _handlers.get(name)


def schedule(
    handler: str, *, key: str, payload: dict[str, Any] | None = None, again: bool = False
) -> OutboxMessage:
    """Write a follow-up in the caller's transaction and dispatch it after the commit.

    One message per (handler, key): a pending or running one is returned unchanged; a done or
    failed one is returned unchanged too, unless `again` (re-ordering a report) resets it to
    pending with the new payload.
    """
    if handler not in _handlers:
        raise OutboxError(f"Unknown outbox handler {handler!r}: register it in AppConfig.ready().")
    if not connection.in_atomic_block:
        raise OutboxError(
            "outbox.schedule() must be called inside transaction.atomic(): the message is "
            "written with the record it follows."
        )
    payload = dict(payload or {})
    message, created = _get_or_create_locked(handler, key, payload)
    if not created:
        if not (again and message.status in (OutboxStatus.DONE, OutboxStatus.FAILED)):
            if message.status == OutboxStatus.PENDING and not uses_broker():
                # In-process delivery claims the row right after the first commit, skipping it
                # while this transaction holds its lock: deliver it after this commit instead.
                # The claim lets one delivery run, whichever comes first. (With a broker the
                # worker's claim comes later, and the sweep hands over what it missed.)
                message_id = message.pk
                transaction.on_commit(lambda: dispatch(message_id))
            return message
        message.status = OutboxStatus.PENDING
        message.payload = payload
        message.attempts = 0
        message.available_at = timezone.now()
        message.dispatched_at = None
        message.lease_expires_at = None
        message.finished_at = None
        message.last_error = ""
        message.save()
    message_id = message.pk
    transaction.on_commit(lambda: dispatch(message_id))
    return message


def _get_or_create_locked(
    handler: str, key: str, payload: dict[str, Any]
) -> tuple[OutboxMessage, bool]:
    """The message for (handler, key), locked for the caller's transaction, and whether it was
    created now. Two transactions creating it at once: the second waits for the first's unique
    index entry and then reads its row."""
    existing = OutboxMessage.objects.select_for_update().filter(handler=handler, key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return OutboxMessage.objects.create(handler=handler, key=key, payload=payload), True
    except IntegrityError:
        return OutboxMessage.objects.select_for_update().get(handler=handler, key=key), False


def status_of(handler: str, key: str) -> str | None:
    """The follow-up's status (pending, running, done, failed), or None when none was made."""
    return (
        OutboxMessage.objects.filter(handler=handler, key=key)
        .values_list("status", flat=True)
        .first()
    )


# --- dispatch -------------------------------------------------------------------------------


def uses_broker() -> bool:
    """True when messages go to Celery workers; False in the embedded set-up (no broker, or
    tasks forced in-process), where they are delivered right after the commit."""
    return bool(settings.CELERY_BROKER_URL) and not settings.CELERY_TASK_ALWAYS_EAGER


def dispatch(message_id: int) -> bool:
    """Hand one message over after the commit; True when it was. Never raises into the
    request: a publish error is logged and the message stays pending for the sweep."""
    if uses_broker():
        return _publish(message_id)
    try:
        deliver(message_id)
    except Exception:  # deliver records handler errors; this is the database failing
        logger.exception("outbox: in-process delivery of message %s failed", message_id)
        return False
    return True


def _publish(message_id: int) -> bool:
    """Publish the delivery task. After a Redis restart a pooled connection is dead (it
    reconnects on its next use), so a failure is tried once more on a fresh connection of its
    own. Both tries fail fast (CELERY_BROKER_TRANSPORT_OPTIONS): a request waits a second or
    two at worst, and the message stays pending for the sweep."""
    # By name, so this module needs no import of core.tasks (which imports it).
    try:
        current_app.send_task(DELIVER_TASK, args=[message_id], retry=False)
    except Exception:  # Redis down, a timeout, a refused or broken connection: all of them
        try:
            with current_app.connection_for_write() as connection:
                current_app.send_task(
                    DELIVER_TASK, args=[message_id], retry=False, connection=connection
                )
        except Exception:
            logger.warning(
                "outbox: the broker did not take message %s; it stays pending for the sweep",
                message_id,
                exc_info=True,
            )
            return False
    OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).update(
        dispatched_at=timezone.now()
    )
    return True


# --- delivery -------------------------------------------------------------------------------


def _backoff(attempts: int) -> datetime.timedelta:
    seconds = min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS)
    return datetime.timedelta(seconds=seconds)


def _error_text(error: BaseException) -> str:
    text = str(getattr(error, "message", "") or error) or error.__class__.__name__
    return f"{error.__class__.__name__}: {text}"[:ERROR_MAX_LENGTH]


def _claim(message_id: int) -> OutboxMessage | None:
    """Take the message for one delivery (pending → running, a lease, attempts + 1), in a short
    transaction of its own. None when it is done, failed, not due yet, gone, or another
    delivery holds it."""
    now = timezone.now()
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        )
        if message is None:
            return None  # gone, or another delivery is claiming it right now
        if message.status in (OutboxStatus.DONE, OutboxStatus.FAILED):
            return None
        if message.status == OutboxStatus.RUNNING and (
            message.lease_expires_at is None or message.lease_expires_at > now
        ):
            return None  # another delivery holds a live lease
        if message.status == OutboxStatus.PENDING and message.available_at > now:
            return None  # backing off; the sweep hands it over when it is due
        lease = now + datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
        # Compare-and-set as well as the row lock: SQLite has no SELECT … FOR UPDATE.
        claimed = OutboxMessage.objects.filter(
            pk=message.pk, status=message.status, attempts=message.attempts
        ).update(status=OutboxStatus.RUNNING, attempts=F("attempts") + 1, lease_expires_at=lease)
        if not claimed:
            return None
    message.status = OutboxStatus.RUNNING
    message.attempts += 1
    message.lease_expires_at = lease
    return message


def _finish(message: OutboxMessage, **fields: Any) -> None:
    """Record the outcome, unless the lease was lost meanwhile (the sweep gave the message to
    another delivery, which now owns its outcome)."""
    OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxStatus.RUNNING, attempts=message.attempts
    ).update(lease_expires_at=None, **fields)


def deliver(message_id: int) -> str | None:
    """Run one message's handler once: claim, run outside the claim's transaction, record.
    Returns the status it left the message in, or None when this call did not run it."""
    message = _claim(message_id)
    if message is None:
        return None
    handler = _handlers.get(message.handler)
    now = timezone.now
    if handler is None:
        _finish(
            message,
            status=OutboxStatus.FAILED,
            finished_at=now(),
            last_error=f"Unknown handler {message.handler!r}",
        )
        logger.error("outbox: message %s names an unknown handler %r", message.pk, message.handler)
        return OutboxStatus.FAILED
    expected: tuple[type[BaseException], ...] = (ApplicationError, *handler.expected)
    try:
        handler.func(**message.payload)
    except expected as error:
        _finish(
            message, status=OutboxStatus.FAILED, finished_at=now(), last_error=_error_text(error)
        )
        logger.warning("outbox: %s failed: %s", message, error)
        return OutboxStatus.FAILED
    except Exception as error:
        if message.attempts >= handler.attempts_allowed:
            _finish(
                message,
                status=OutboxStatus.FAILED,
                finished_at=now(),
                last_error=_error_text(error),
            )
            logger.exception(
                "outbox: %s failed for good after %s attempts", message, message.attempts
            )
            return OutboxStatus.FAILED
        _finish(
            message,
            status=OutboxStatus.PENDING,
            available_at=now() + _backoff(message.attempts),
            dispatched_at=None,
            last_error=_error_text(error),
        )
        logger.exception("outbox: %s raised; it will be tried again", message)
        return OutboxStatus.PENDING
    _finish(message, status=OutboxStatus.DONE, finished_at=now(), last_error="")
    return OutboxStatus.DONE


# --- the sweep ------------------------------------------------------------------------------


def due_for_sweep(now: datetime.datetime | None = None):
    """Messages to hand over again: pending and due, never handed to the broker (or handed
    over long ago), and running ones whose lease ran out (a killed worker)."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.OUTBOX_REDISPATCH_SECONDS)
    pending = Q(status=OutboxStatus.PENDING, available_at__lte=now) & (
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lte=stale)
    )
    lost = Q(status=OutboxStatus.RUNNING, lease_expires_at__lte=now)
    return OutboxMessage.objects.filter(pending | lost).order_by("available_at", "pk")


def sweep(*, now: datetime.datetime | None = None, limit: int = SWEEP_BATCH) -> int:
    """Hand over what was never delivered; return how many messages were handed over (published
    to the broker, or delivered in-process)."""
    now = now or timezone.now()
    count = 0
    for message_id in list(due_for_sweep(now).values_list("pk", flat=True)[:limit]):
        _release_lost(message_id, now)
        if dispatch(message_id):
            count += 1
    return count


def _release_lost(message_id: int, now: datetime.datetime) -> None:
    """A running message whose lease ran out goes back to pending (or fails when it has used
    its attempts), so the next delivery may claim it."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxStatus.RUNNING, lease_expires_at__lte=now)
            .first()
        )
        if message is None:
            return
        handler = _handlers.get(message.handler)
        allowed = handler.attempts_allowed if handler else settings.OUTBOX_MAX_ATTEMPTS
        error = "The delivery's lease ran out (the worker stopped before it finished)."
        if message.attempts >= allowed:
            message.status = OutboxStatus.FAILED
            message.finished_at = now
        else:
            message.status = OutboxStatus.PENDING
            message.available_at = now
            message.dispatched_at = None
        message.lease_expires_at = None
        message.last_error = error
        message.save(
            update_fields=[
                "status",
                "finished_at",
                "available_at",
                "dispatched_at",
                "lease_expires_at",
                "last_error",
            ]
        )
