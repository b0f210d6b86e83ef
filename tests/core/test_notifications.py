"""One notification service (core.notifications): a notice per kind, subject, recipient and due
date, sent once through the outbox, listed in the portal."""

import datetime

import pytest
from django.core import mail
from django.db import transaction

from core import notifications, outbox
from core.models import Notice, OutboxMessage
from tests.agencies.factories import AgencyFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

KIND = "tests.reminder"
DUE = datetime.date(2026, 12, 16)


def _render(notice):
    agency = notice.subject
    due = f" до {notice.due_on:%d.%m.%Y}" if notice.due_on else ""
    return notifications.NoticeText(
        subject=f"Сортировка в «{agency.short_name}»{due}",
        body="Проведите сортировку (§5.4).",
        url=agency.get_absolute_url(),
    )


@pytest.fixture(autouse=True)
def kind(settings):
    settings.CELERY_BROKER_URL = ""
    settings.PORTAL_BASE_URL = "https://5s.region.example"
    notifications.register_kind(KIND, label="Напоминание о сортировке", render=_render)
    yield
    notifications._kinds.pop(KIND, None)


@pytest.fixture
def agency():
    return AgencyFactory(short_name="Департамент А")


def _notify(agency, recipients, due_on=DUE):
    with transaction.atomic():
        return notifications.notify(kind=KIND, subject=agency, recipients=recipients, due_on=due_on)


def test_a_notice_is_sent_by_email_after_the_commit_and_stamped(agency):
    user = UserFactory(email="leader@region.example")
    with transaction.atomic():
        notices = notifications.notify(kind=KIND, subject=agency, recipients=[user], due_on=DUE)
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["leader@region.example"]
    assert message.subject == "Сортировка в «Департамент А» до 16.12.2026"
    assert f"https://5s.region.example/agencies/{agency.pk}/" in message.body
    notice = Notice.objects.get(pk=notices[0].pk)
    assert notice.sent_at is not None
    assert notice.title == message.subject
    assert notice.recipient_key == f"user:{user.pk}"


def test_the_same_notice_is_sent_at_most_once(agency):
    user = UserFactory(email="leader@region.example")
    first = _notify(agency, [user])
    second = _notify(agency, [user])
    assert [n.pk for n in first] == [n.pk for n in second]
    assert len(mail.outbox) == 1
    assert Notice.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_another_due_date_is_another_notice(agency):
    user = UserFactory(email="leader@region.example")
    _notify(agency, [user], due_on=DUE)
    _notify(agency, [user], due_on=DUE + datetime.timedelta(days=90))
    _notify(agency, [user], due_on=None)
    _notify(agency, [user], due_on=None)
    assert Notice.objects.count() == 3
    assert len(mail.outbox) == 3


def test_a_person_is_reached_through_their_account_and_without_one_is_skipped(agency):
    with_account = PersonFactory(agency=agency, user=UserFactory(email="p@region.example"))
    without_account = PersonFactory(agency=agency, user=None)
    notices = _notify(agency, [with_account, without_account])
    assert [n.user_id for n in notices] == [with_account.user_id]
    assert mail.outbox[0].to == ["p@region.example"]


def test_an_account_without_an_email_still_gets_the_notice_in_the_portal(agency, login):
    user = UserFactory(email="")
    notices = _notify(agency, [user])
    assert mail.outbox == []
    assert Notice.objects.get(pk=notices[0].pk).sent_at is not None
    page = login(user).get("/notices/")
    assert page.status_code == 200
    assert "Сортировка в «Департамент А» до 16.12.2026" in page.content.decode()


def test_a_bare_email_address_is_a_recipient_keyed_by_the_address(agency):
    notices = _notify(agency, ["Office@Region.Example", "office@region.example"])
    assert len(notices) == 1
    assert notices[0].recipient_key == "email:office@region.example"
    assert mail.outbox[0].to == ["office@region.example"]


def test_a_rolled_back_transaction_sends_nothing(agency):
    user = UserFactory(email="leader@region.example")
    with pytest.raises(RuntimeError), transaction.atomic():
        notifications.notify(kind=KIND, subject=agency, recipients=[user], due_on=DUE)
        raise RuntimeError("the service refused")
    assert not Notice.objects.exists()
    assert mail.outbox == []


def test_an_unknown_kind_is_a_programming_error(agency):
    with pytest.raises(outbox.OutboxError), transaction.atomic():
        notifications.notify(kind="tests.nobody", subject=agency, recipients=["a@b.example"])


def test_a_failing_mail_server_leaves_the_notice_unsent_for_another_try(agency, settings):
    settings.EMAIL_BACKEND = "tests.core.test_notifications.BrokenBackend"
    user = UserFactory(email="leader@region.example")
    notices = _notify(agency, [user])
    notice = Notice.objects.get(pk=notices[0].pk)
    assert notice.sent_at is None
    message = OutboxMessage.objects.get()
    assert message.status == "pending"
    assert "SMTP" in message.last_error


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server refused the connection")


def test_the_home_page_shows_the_users_recent_notices(agency, login):
    user = UserFactory(email="")
    _notify(agency, [user])
    page = login(user).get("/")
    body = page.content.decode()
    assert "Уведомления" in body
    assert "Сортировка в «Департамент А» до 16.12.2026" in body
    assert 'href="/notices/"' in body


def test_nobody_sees_anothers_notices(agency, login):
    owner, other = UserFactory(email=""), UserFactory(email="")
    _notify(agency, [owner])
    assert "Сортировка" not in login(other).get("/notices/").content.decode()
    assert "Сортировка" not in login(other).get("/").content.decode()


def test_the_notices_page_needs_a_sign_in(client):
    assert client.get("/notices/").status_code == 302


def test_the_notices_page_lists_many_notices_in_a_fixed_number_of_queries(
    agency, login, django_assert_max_num_queries
):
    user = UserFactory(email="")
    for day in range(30):
        _notify(agency, [user], due_on=DUE + datetime.timedelta(days=day))
    client = login(user)
    with django_assert_max_num_queries(8):
        assert client.get("/notices/").status_code == 200


def test_absolute_url_joins_the_portal_address_once(agency, settings):
    settings.PORTAL_BASE_URL = "https://5s.region.example/"
    assert notifications.absolute_url("/audits/1/") == "https://5s.region.example/audits/1/"
    assert notifications.absolute_url(agency) == f"https://5s.region.example/agencies/{agency.pk}/"
    assert notifications.absolute_url("https://elsewhere.example/x") == (
        "https://elsewhere.example/x"
    )
