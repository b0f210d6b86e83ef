"""A submission made twice makes one record (issue 10; ../shared/API.md, «Red tags»).

A double click, a resubmit after «back» or a client retrying after a timeout sends the same
request again. The portal recognises the repeat by a key the client sends with it, never by
comparing bodies: two identical red tags sent on purpose are two tags.

- Pages: `{% load idempotency %}{% form_token %}` puts a hidden random token in a form; the
  view is wrapped in `@idempotent_form`. The first POST with a token records it together with
  the page the view redirected to (the created record); a repeat POST with the same token makes
  nothing and redirects there again, saying the form was already sent.
- API: `IdempotentCreateMixin` (on `create`) and `@idempotent_action` (on a POST `@action`)
  honour an `Idempotency-Key` header: the same key from the same user replays the first
  response (status, body and Location) without a second write; the same key with a different
  body is refused with 422.

The key is claimed by inserting an IdempotencyRecord (unique per scope, key and user) in the
same transaction as the write. A concurrent repeat waits on that unique index until the first
transaction ends: after a commit it finds the record and replays it; after a rollback (the
first attempt was refused, nothing saved) it goes ahead itself. Records expire after
IDEMPOTENCY_TTL; `purge_expired()` deletes old ones, and an expired key is free again.
Requests without a token or key behave exactly as before.
"""

import datetime
import hashlib
import json
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.mixins import CreateModelMixin
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

# How long a token or key is remembered: a repeat later than this is a new submission.
IDEMPOTENCY_TTL = datetime.timedelta(hours=24)
# The hidden field of a page form and the API's request header.
FORM_TOKEN_FIELD = "form_token"
HEADER = "Idempotency-Key"
KEY_MAX_LENGTH = 255
SCOPE_MAX_LENGTH = 200


class IdempotencyRecord(models.Model):
    """A form token or an Idempotency-Key already used by a user, with what it produced: the
    page to show again (forms) or the response to replay (API)."""

    scope = models.CharField(gettext_lazy("область"), max_length=SCOPE_MAX_LENGTH)
    key = models.CharField(gettext_lazy("ключ"), max_length=KEY_MAX_LENGTH)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    request_hash = models.CharField(gettext_lazy("отпечаток запроса"), max_length=64, blank=True)
    response_status = models.PositiveSmallIntegerField(gettext_lazy("код ответа"), default=0)
    response_body = models.JSONField(gettext_lazy("тело ответа"), null=True, blank=True)
    location = models.CharField(gettext_lazy("адрес результата"), max_length=2000, blank=True)
    created_at = models.DateTimeField(gettext_lazy("создан"), default=timezone.now, db_index=True)

    class Meta:
        app_label = "core"
        verbose_name = gettext_lazy("ключ повторной отправки")
        verbose_name_plural = gettext_lazy("ключи повторной отправки")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "user"], name="unique_idempotency_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"


def new_token() -> str:
    """A fresh form token (the template tag puts one in every form it renders)."""
    return uuid.uuid4().hex


def valid_key(key: str) -> bool:
    """A key is 1–255 visible ASCII characters (a UUID is the usual choice)."""
    return 0 < len(key) <= KEY_MAX_LENGTH and all(33 <= ord(char) <= 126 for char in key)


def purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the records older than IDEMPOTENCY_TTL; returns how many were deleted."""
    limit = (now or timezone.now()) - IDEMPOTENCY_TTL
    deleted, _details = IdempotencyRecord.objects.filter(created_at__lt=limit).delete()
    return deleted


def _claim(
    *, scope: str, key: str, user: Any, request_hash: str = ""
) -> tuple[IdempotencyRecord, bool]:
    """Insert the record for (scope, key, user) inside the caller's transaction and return it
    with True; or return the record already committed under that key with False. Must run
    inside transaction.atomic(), the one that makes the submission's writes."""
    IdempotencyRecord.objects.filter(
        scope=scope, key=key, user=user, created_at__lt=timezone.now() - IDEMPOTENCY_TTL
    ).delete()
    record = IdempotencyRecord(scope=scope, key=key, user=user, request_hash=request_hash)
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            record.save(force_insert=True)
    except IntegrityError:
        # A concurrent first submission committed while this insert waited on the index.
        return IdempotencyRecord.objects.get(scope=scope, key=key, user=user), False
    return record, True


# --- Pages ---------------------------------------------------------------------------------


def forget(request: HttpRequest) -> None:
    """Called by a view whose POST failed but still redirects (the form lives on another page):
    the token is not kept, so the same form may be sent again once corrected."""
    # A flag for idempotent_form on this request (HttpRequest declares no such attribute).
    request._idempotency_forget = True  # type: ignore[attr-defined]


def idempotent_form(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a view whose POST creates or changes something: a repeated form token does not run
    it again but redirects to the page the first submission redirected to.

    The token is claimed in the same transaction as the view's writes. A POST that does not
    end in a redirect (the form is shown again with its errors, nothing saved) or whose view
    called `forget()` leaves the token unused."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = request.POST.get(FORM_TOKEN_FIELD, "") if request.method == "POST" else ""
        if not token or not valid_key(token) or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        scope = f"form:{request.path}"[:SCOPE_MAX_LENGTH]
        with transaction.atomic():
            record, claimed = _claim(scope=scope, key=token, user=request.user)
            if not claimed:
                messages.info(
                    request,
                    _("Эта форма уже отправлена: повторная отправка ничего не изменила."),
                )
                return HttpResponseRedirect(record.location or request.path)
            response = view(request, *args, **kwargs)
            kept = isinstance(response, HttpResponseRedirect) and not getattr(
                request, "_idempotency_forget", False
            )
            if kept:
                record.response_status = response.status_code
                record.location = response["Location"][:2000]
                record.save(update_fields=["response_status", "location"])
            else:
                record.delete()
            return response

    return wrapped


# --- API -----------------------------------------------------------------------------------

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    name=HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "A key unique to this submission (for example a UUID), at most 255 visible ASCII "
        "characters. Sent again with the same body, the first response is returned again "
        "(header Idempotent-Replayed: true) and nothing is created twice; sent with a "
        "different body, the answer is 422. Keys are kept for 24 hours."
    ),
)


class IdempotencyKeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"

    def __init__(self) -> None:
        super().__init__(
            _(
                "Ключ Idempotency-Key уже использован для другого запроса: для новой отправки "
                "нужен новый ключ."
            )
        )


def _request_hash(request: Request) -> str:
    """A fingerprint of what was asked (method, path, body), to tell a retry from a misuse of
    the key. Never used to find duplicates."""
    data = request.data
    if hasattr(data, "lists"):  # a QueryDict (form or multipart): every value of every key
        data = dict(data.lists())
    body = json.dumps(data, cls=JSONEncoder, sort_keys=True, ensure_ascii=False, default=str)
    raw = f"{request.method} {request.path}\n{body}".encode()
    return hashlib.sha256(raw).hexdigest()


def _json_body(data: Any) -> Any:
    return json.loads(json.dumps(data, cls=JSONEncoder))


def run_once(request: Request, handler: Callable[[], Response]) -> Response:
    """Call `handler` unless the request's Idempotency-Key was already used by this user on
    this path: then replay the first response. Without the header, just call it."""
    key = request.headers.get(HEADER)
    if key is None:
        return handler()
    if not valid_key(key):
        raise ValidationError(
            {HEADER: [_("Ключ Idempotency-Key: от 1 до 255 видимых символов ASCII.")]}
        )
    scope = f"api:{request.path}"[:SCOPE_MAX_LENGTH]
    fingerprint = _request_hash(request)
    with transaction.atomic():
        record, claimed = _claim(scope=scope, key=key, user=request.user, request_hash=fingerprint)
        if not claimed:
            if record.request_hash != fingerprint:
                raise IdempotencyKeyReused()
            headers = {"Idempotent-Replayed": "true"}
            if record.location:
                headers["Location"] = record.location
            return Response(record.response_body, status=record.response_status, headers=headers)
        response = handler()
        if response.status_code >= 400:
            record.delete()  # nothing was made: the same key may be sent again
            return response
        record.response_status = response.status_code
        record.response_body = _json_body(response.data)
        record.location = str(response.get("Location", ""))[:2000]
        record.save(update_fields=["response_status", "response_body", "location"])
        return response


class IdempotentCreateMixin(CreateModelMixin):
    """CreateModelMixin whose POST honours the Idempotency-Key header."""

    @extend_schema(parameters=[IDEMPOTENCY_KEY_PARAMETER])
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return run_once(
            request, lambda: super(IdempotentCreateMixin, self).create(request, *args, **kwargs)
        )


def idempotent_action(method: Callable[..., Response]) -> Callable[..., Response]:
    """For a POST `@action` of a DRF view (put it under `@action`): honours Idempotency-Key."""

    @extend_schema(parameters=[IDEMPOTENCY_KEY_PARAMETER])
    @wraps(method)
    def wrapped(self: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        return run_once(request, lambda: method(self, request, *args, **kwargs))

    return wrapped
