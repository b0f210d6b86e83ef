"""Every admin page of every registered model opens for an administrator on the demo region:
its list, its add form, a record's change form and a record's history (issue 10 item 7 found
500s on the photo change page and on the history pages of models without a history)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.agencies.factories import UserFactory


@pytest.fixture
def superuser_client(demo_region, client):
    user = UserFactory(username="root_admin", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_every_admin_page_opens_without_a_server_error(superuser_client):
    failures = []
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls = [reverse("admin:{}_{}_changelist".format(*info))]
        urls.append(reverse("admin:{}_{}_add".format(*info)))
        record = model._default_manager.order_by("pk").first()
        if record is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[record.pk]))
            urls.append(reverse("admin:{}_{}_history".format(*info), args=[record.pk]))
        for url in urls:
            response = superuser_client.get(url)
            if response.status_code >= 500:
                failures.append((url, response.status_code))
    assert failures == []
