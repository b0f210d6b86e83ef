"""Celery application. Without CELERY_BROKER_URL tasks run in-process (settings.base)."""

import logging
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fives_portal.settings.local")

# Every task, a plain @shared_task included, is a core.taskbase.PortalTask: acknowledged late,
# given back when its worker dies, retried a bounded number of times.
app = Celery("fives_portal", task_cls="core.taskbase:PortalTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
if not app.conf.broker_url:
    app.conf.broker_url = "memory://"
app.autodiscover_tasks()


@signals.worker_init.connect
def warm_up_worker(**kwargs):
    """The URLconf, its reverse lookups and WeasyPrint's fonts loaded in the worker's main
    process, before the pool forks: no ordered document pays for them (core.warmup)."""
    from core.warmup import warm_up_process

    try:
        warm_up_process()
    except Exception:  # a worker that cannot warm up still starts; the first PDF will say why
        logging.getLogger(__name__).exception("warm-up failed")
