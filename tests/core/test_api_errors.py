"""The API's answer to a refused rule: 400 for a broken rule, 409 when the record's state no
longer allows the action (../shared/API.md, «Responses and errors»)."""

from rest_framework.test import APIRequestFactory

from core.api.exceptions import exception_handler
from core.exceptions import ApplicationError, ConflictError


def _answer(exc):
    request = APIRequestFactory().post("/api/v1/x/")
    return exception_handler(exc, {"request": request, "view": None})


def test_a_broken_rule_is_400_with_the_field_named():
    response = _answer(ApplicationError("Не сохранено.", details={"date": "Укажите дату."}))
    assert response.status_code == 400
    assert response.data == {"detail": "Не сохранено.", "errors": {"date": ["Укажите дату."]}}


def test_a_state_that_no_longer_allows_the_action_is_409():
    response = _answer(ConflictError("Итоговый лист уже подписан."))
    assert response.status_code == 409
    assert response.data == {"detail": "Итоговый лист уже подписан."}
