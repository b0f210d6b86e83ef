"""The helpers the standards pages share (standards.pages)."""

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from core.exceptions import ApplicationError
from standards.pages import run_action


def _post(user):
    request = RequestFactory().post("/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_an_action_calls_the_service_for_the_user_and_says_it_is_done():
    calls = []
    request = _post(user="leader")

    # A stock request is passed as `request=`: the page's request is not confused with it.
    run_action(request, lambda **kwargs: calls.append(kwargs), "Заявка утверждена.", request=7)

    assert calls == [{"actor": "leader", "request": 7}]
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [
        ("success", "Заявка утверждена.")
    ]


def test_a_refused_action_shows_the_reason_instead_of_success():
    def refuse(**kwargs):
        raise ApplicationError("График уже согласован.")

    request = _post(user="head")

    run_action(request, refuse, "График согласован.", schedule=1)

    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [
        ("error", "График уже согласован.")
    ]
