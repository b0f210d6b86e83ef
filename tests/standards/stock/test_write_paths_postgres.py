"""The stock's write paths outside a test transaction (on PostgreSQL in CI): a count at the
minimum proposes a request whose notice is sent after the commit; the head approves; a second
approval is a conflict; the request numbers of an agency stay unique."""

import pytest
from django.core import mail

from core.exceptions import ConflictError
from core.models import Notice
from standards.stock import notices, services
from standards.stock.choices import RequestStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_request_is_proposed_notified_and_approved_after_commit(keeper_a, head_a, paper_a):
    keeper_a.email = "keeper@example.org"
    keeper_a.save()
    head_a.email = "head@example.org"
    head_a.save()
    order = services.count_record(actor=keeper_a, item=paper_a, count=5)
    notice = Notice.objects.get(kind=notices.ORDER_PROPOSED)
    assert notice.sent_at is not None
    assert any("предложена заявка № 1" in m.subject for m in mail.outbox)
    services.request_submit(actor=keeper_a, request=order)
    assert Notice.objects.get(kind=notices.AWAITING_APPROVAL).sent_at is not None
    approved = services.request_approve(actor=head_a, request=order)
    assert approved.status == RequestStatus.APPROVED
    with pytest.raises(ConflictError):
        services.request_approve(actor=head_a, request=order)
    services.request_receive(actor=keeper_a, request=order)
    paper_a.refresh_from_db()
    assert paper_a.count == 20
