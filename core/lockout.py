"""What a person (or a REST client) is told when guessing protection refuses a login.

django-axes counts failed logins per username (settings: LOGIN_FAILURE_LIMIT,
LOGIN_LOCKOUT_MINUTES) and calls `lockout_response` (AXES_LOCKOUT_CALLABLE) for the login page
and the admin's; the token endpoint (core.api.auth) calls it itself. The answer names the
account and the moment it may try again, in the person's language, and is 429 everywhere.
"""

import datetime
import math

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.response import Response

LOCKED_STATUS = 429


def locked_until(username: str) -> datetime.datetime:
    """When the account's lock runs out: the configured time after the failure that locked it
    (failures during the lock are refused without being counted)."""
    latest = AccessAttempt.objects.filter(username=username).aggregate(at=Max("attempt_time"))
    cool_off = get_cool_off() or datetime.timedelta(0)
    return (latest["at"] or timezone.now()) + cool_off


def lockout_message(username: str, until: datetime.datetime) -> str:
    local = timezone.localtime(until)
    return _(
        "Слишком много неудачных попыток входа: учётная запись «%(username)s» заблокирована "
        "до %(time)s (%(date)s). Попробуйте снова после этого времени или попросите "
        "администратора портала снять блокировку."
    ) % {"username": username, "time": local.strftime("%H:%M"), "date": local.strftime("%d.%m.%Y")}


def _retry_after(until: datetime.datetime) -> str:
    return str(max(1, math.ceil((until - timezone.now()).total_seconds())))


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page saying when to try again (status 429)."""
    username = get_client_username(request, credentials) or ""
    until = locked_until(username)
    response = render(
        request,
        "registration/locked_out.html",
        {"message": lockout_message(username, until), "locked_until": until},
        status=LOCKED_STATUS,
    )
    response["Retry-After"] = _retry_after(until)
    return response


def api_lockout_response(username: str) -> Response:
    """The token endpoint's answer for a locked account: JSON like every /api/ answer."""
    until = locked_until(username)
    return Response(
        {"detail": lockout_message(username, until), "locked_until": until.isoformat()},
        status=LOCKED_STATUS,
        headers={"Retry-After": _retry_after(until)},
    )
