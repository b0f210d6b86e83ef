"""Celery application. Without CELERY_BROKER_URL tasks run in-process (settings.base)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fives_portal.settings.local")

# Every task, a plain @shared_task included, is a core.taskbase.PortalTask: acknowledged late,
# given back when its worker dies, retried a bounded number of times.
app = Celery("fives_portal", task_cls="core.taskbase:PortalTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
if not app.conf.broker_url:
    app.conf.broker_url = "memory://"
app.autodiscover_tasks()
