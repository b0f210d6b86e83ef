"""The admin shows service-written records but cannot write them: numbering, signatures and
computed factors would be bypassed. Only what nothing depends on may be deleted."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from audits.models import Audit, ScoreSheet
from productivity.models import Study
from sorting.models import ClassifierEntry, RedTag


@pytest.fixture
def admin_request(administrator):
    request = RequestFactory().get("/admin/")
    request.user = administrator
    return request


@pytest.mark.parametrize("model", [Audit, ScoreSheet, RedTag, Study])
def test_service_written_records_cannot_be_added_or_changed_in_the_admin(model, admin_request):
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(admin_request)
    assert not model_admin.has_add_permission(admin_request)
    assert not model_admin.has_change_permission(admin_request)


@pytest.mark.parametrize(("model", "deletable"), [(Audit, False), (RedTag, False), (Study, True)])
def test_only_independent_records_can_be_deleted_in_the_admin(model, deletable, admin_request):
    assert admin.site._registry[model].has_delete_permission(admin_request) is deletable


def test_the_governors_office_may_look_but_not_delete(governor):
    governor.is_staff = True
    request = RequestFactory().get("/admin/")
    request.user = governor
    study_admin = admin.site._registry[Study]
    assert study_admin.has_view_permission(request)
    assert not study_admin.has_delete_permission(request)


def test_reference_data_stays_editable_by_administrators(admin_request):
    assert admin.site._registry[ClassifierEntry].has_change_permission(admin_request)
