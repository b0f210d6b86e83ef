"""Core's tasks, and `PortalTask` (core.taskbase), the base of every task of the portal.

A task takes ids, loads what it needs and calls one service (CONVENTIONS, «Background work»).
"""

from celery import shared_task

from core import outbox
from core.api.authentication import expired_tokens_delete
from core.taskbase import PortalTask

__all__ = ["PortalTask", "delete_expired_tokens", "deliver_outbox", "outbox_sweep", "ping"]


@shared_task(name="core.ping")
def ping():
    """A no-op round trip: operators (and the CI broker test) check a worker answers."""
    return "pong"


@shared_task(name="core.deliver_outbox", base=PortalTask, max_retries=0)
def deliver_outbox(message_id: int) -> str | None:
    """Deliver one outbox message (core.outbox.deliver records every outcome on the row; a
    retry is the outbox's own backoff, not Celery's)."""
    return outbox.deliver(message_id)


@shared_task(name="core.outbox_sweep", base=PortalTask, max_retries=0)
def outbox_sweep() -> int:
    """Every minute (CELERY_BEAT_SCHEDULE): hand over what the broker never got and what a dead
    worker dropped."""
    return outbox.sweep()


@shared_task(name="core.delete_expired_tokens", base=PortalTask, max_retries=0)
def delete_expired_tokens() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): expired API tokens removed from the database."""
    return expired_tokens_delete()
