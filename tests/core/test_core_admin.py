"""core's admin: the outbox and the notices are shown read-only; every history page answers."""

import pytest
from django.contrib import admin
from django.urls import reverse

from core.models import Notice, OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin(administrator, login):
    return login(administrator)


def test_the_outbox_admin_lists_and_filters_messages_read_only(staff_admin, administrator):
    message = OutboxMessage.objects.create(handler="reports.generate_document", key="document:1")
    listing = staff_admin.get(reverse("admin:core_outboxmessage_changelist"), {"status": "pending"})
    assert listing.status_code == 200
    assert "document:1" in listing.content.decode()
    page = staff_admin.get(reverse("admin:core_outboxmessage_change", args=[message.pk]))
    assert page.status_code == 200
    model_admin = admin.site._registry[OutboxMessage]
    request = listing.wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_the_notice_admin_lists_by_kind(staff_admin, administrator):
    from django.contrib.contenttypes.models import ContentType

    Notice.objects.create(
        kind="audits.notice",
        subject_type=ContentType.objects.get_for_model(administrator),
        subject_id=administrator.pk,
        recipient_key="email:a@b.example",
        email="a@b.example",
        title="Уведомление о внешнем аудите",
    )
    listing = staff_admin.get(reverse("admin:core_notice_changelist"), {"kind": "audits.notice"})
    assert listing.status_code == 200
    assert "Уведомление о внешнем аудите" in listing.content.decode()


@pytest.mark.parametrize("model", [OutboxMessage, Notice])
def test_the_history_page_of_a_model_without_history_answers(staff_admin, administrator, model):
    from django.contrib.contenttypes.models import ContentType

    if model is OutboxMessage:
        obj = OutboxMessage.objects.create(handler="h", key="k")
    else:
        obj = Notice.objects.create(
            kind="k",
            subject_type=ContentType.objects.get_for_model(administrator),
            subject_id=administrator.pk,
            recipient_key="email:a@b.example",
        )
    opts = model._meta
    page = staff_admin.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    )
    assert page.status_code == 200
