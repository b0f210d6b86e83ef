"""The base class of every Celery task of the portal (the app's `task_cls`, so a plain
`@shared_task` gets it too; `core.tasks.PortalTask` is the same class).

Durability: acknowledged late and given back to the queue when the worker dies, so a killed
worker's task is redone once (it must be idempotent). Retries are bounded (`max_retries`) and
back off; the errors a task declares expected (`expected_errors`, ApplicationError always) are
never retried: a broken rule does not mend by trying again.

Kept free of models so that the Celery app can load it before Django is set up.
"""

from celery import Task
from celery.exceptions import Ignore

from core.exceptions import ApplicationError


class PortalTask(Task):
    acks_late = True
    reject_on_worker_lost = True
    max_retries = 3
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True
    # Errors that mean the task cannot succeed: never retried.
    expected_errors: tuple[type[BaseException], ...] = (ApplicationError,)
    # A task names the errors worth another try (autoretry_for=(OSError,) and the like).
    autoretry_for: tuple[type[BaseException], ...] = ()
    dont_autoretry_for: tuple[type[BaseException], ...] = (ApplicationError,)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.dont_autoretry_for = tuple({*cls.dont_autoretry_for, *cls.expected_errors})

    def retry(
        self,
        args=None,
        kwargs=None,
        exc=None,
        throw=True,
        eta=None,
        countdown=None,
        max_retries=None,
        **options,
    ):
        """In-process (the embedded set-up, the tests) there is no queue to go back to, and
        Celery's eager retry raises out of the task when errors propagate
        (CELERY_TASK_EAGER_PROPAGATES, set in the tests). Run the next attempt here and now,
        and end this one quietly; past `max_retries` the error is raised as on a worker."""
        if not self.request.is_eager:
            return super().retry(args, kwargs, exc, throw, eta, countdown, max_retries, **options)
        signal = super().retry(args, kwargs, exc, False, eta, countdown, max_retries, **options)
        signal.sig.apply(retries=self.request.retries + 1)
        raise Ignore()
