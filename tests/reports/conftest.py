import datetime

import pytest
from django.conf import settings

from audits import services as audit_services

CHECKLIST = settings.BASE_DIR / "fixtures" / "checklist" / "checklist_2011.json"
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def checklist(db):
    version, _created = audit_services.checklist_load(path=CHECKLIST)
    return version


@pytest.fixture
def today(monkeypatch):
    from core import calendar

    monkeypatch.setattr(calendar, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def team(working_group):
    return [m.person for m in working_group.memberships.select_related("person")]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the code enqueues on commit (the tasks, in-process in tests)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
