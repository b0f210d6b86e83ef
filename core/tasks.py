"""Core's tasks and the base class every app's task uses.

A task takes ids, loads what it needs and calls one service (CONVENTIONS, «Background work»).
`PortalTask` gives each the same durability: acknowledged late (a killed worker's task goes back
to the queue), retried a bounded number of times with backoff for unexpected errors, never
retried for the errors it declares expected (a broken rule will not mend by retrying).
"""

from celery import Task, shared_task

from core import outbox
from core.exceptions import ApplicationError


class PortalTask(Task):
    """Base task: bounded retries with backoff for unexpected errors; `expected_errors` (and
    ApplicationError) are not retried. Subclass it or pass `base=PortalTask` to shared_task."""

    acks_late = True
    reject_on_worker_lost = True
    max_retries = 5
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True
    # Errors that mean the task cannot succeed: raised at once, never retried.
    expected_errors: tuple[type[BaseException], ...] = (ApplicationError,)
    # Errors worth another try (a network hiccup, a full disk being cleaned up).
    autoretry_for: tuple[type[BaseException], ...] = (OSError, ConnectionError, TimeoutError)
    dont_autoretry_for: tuple[type[BaseException], ...] = (ApplicationError,)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.dont_autoretry_for = tuple({*cls.dont_autoretry_for, *cls.expected_errors})


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
