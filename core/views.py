import logging
import math
import time

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache

from core import notifications, outbox, ratelimit, selectors
from core.exceptions import ApplicationError
from core.middleware import LAST_ACTIVITY_KEY
from core.permissions import roles_of
from core.registry import home_panels_for

logger = logging.getLogger(__name__)
# The broker check of /healthz/ never takes longer than this.
BROKER_CHECK_SECONDS = 0.5


class PortalLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PortalLogoutView(auth_views.LogoutView):
    pass


class PortalPasswordResetView(auth_views.PasswordResetView):
    """The e-mail's link is built on PORTAL_BASE_URL, never on the request's Host header.

    At most PASSWORD_RESET_LIMIT requests per address an hour: more answer 429 with the time
    to wait, and nothing is sent. Counted for any address typed, registered or not, so neither
    answer tells whether the address has an account."""

    @property
    def extra_email_context(self):
        return {"portal_base_url": settings.PORTAL_BASE_URL.rstrip("/")}

    def form_valid(self, form):
        address = form.cleaned_data["email"].strip().lower()
        wait = ratelimit.seconds_until_allowed(
            "password-reset",
            address,
            limit=settings.PASSWORD_RESET_LIMIT,
            window_seconds=settings.PASSWORD_RESET_WINDOW_SECONDS,
        )
        if wait:
            response = render(
                self.request,
                "registration/password_reset_limited.html",
                {"minutes": math.ceil(wait / 60)},
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
        return super().form_valid(form)


@never_cache
def session_status(request):
    """GET: the seconds the page's session has left before the idle timeout (reading it is not
    activity); POST: «continue working» — counts as activity and answers the same."""
    if request.method not in ("GET", "POST"):
        return JsonResponse({"detail": _("Метод не разрешён.")}, status=405)
    timeout = settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
    if not request.user.is_authenticated:
        body = {"authenticated": False, "remaining": 0, "timeout": timeout}
        return JsonResponse(body, status=401)
    last = request.session.get(LAST_ACTIVITY_KEY) or time.time()
    remaining = max(0, round(timeout - (time.time() - last)))
    return JsonResponse({"authenticated": True, "remaining": remaining, "timeout": timeout})


@login_required
def home(request):
    """Each role's start page: the panels every app contributes for this user."""
    return render(request, "core/home.html", {"panels": home_panels_for(request.user)})


@login_required
def notice_list(request):
    """The person's notices and reminders, newest first."""
    page = Paginator(selectors.notice_list(user=request.user), 25).get_page(request.GET.get("page"))
    for notice in page.object_list:
        notice.kind_label = notifications.kind_label(notice.kind)
    return render(request, "core/notices.html", {"page_obj": page, "notices": page.object_list})


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        logger.exception("healthz: the database does not answer")
        return False
    return True


def _broker_state() -> str:
    """«in-process» without a broker; «ok» or «down» after at most BROKER_CHECK_SECONDS."""
    if not outbox.uses_broker():
        return "in-process"
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL,
            socket_connect_timeout=BROKER_CHECK_SECONDS,
            socket_timeout=BROKER_CHECK_SECONDS,
            retry=Retry(NoBackoff(), 0),  # one try: the check stays within its bound
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception:
        logger.warning("healthz: the broker does not answer", exc_info=True)
        return "down"
    return "ok"


@never_cache
def healthz(request):
    """The database and the broker, separately. 503 only when the database fails: a web
    container cannot serve without it, but a broker outage loses nothing (the outbox keeps the
    follow-ups), so it must not get web containers restarted. `?part=database` checks only the
    database (the compose web health check)."""
    database = _database_ok()
    body: dict = {"database": "ok" if database else "error"}
    if request.GET.get("part") != "database":
        body["broker"] = _broker_state()
        if database:
            body["outbox"] = selectors.outbox_backlog()
    return JsonResponse(body, status=200 if database else 503)


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    """404: JSON under /api/ (the REST contract), the portal's page elsewhere."""
    if _wants_json(request):
        return JsonResponse({"detail": _("Не найдено.")}, status=404)
    return defaults.page_not_found(request, exception)


def permission_denied(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": _("Недостаточно прав для этого действия.")}, status=403)
    return defaults.permission_denied(request, exception)


def bad_request(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": _("Неверный запрос.")}, status=400)
    return defaults.bad_request(request, exception)


def server_error(request):
    if _wants_json(request):
        return JsonResponse({"detail": _("Ошибка сервера.")}, status=500)
    return defaults.server_error(request)


def selected_or_404(selector, **kwargs):
    """Call a scoped selector that `.get()`s one object; an object outside what the user may
    see is a 404, so its existence is not disclosed. A malformed id (`/audits/null/…`) names no
    object either: 404, not a server error."""
    try:
        return selector(**kwargs)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc


def require_portal_role(request) -> None:
    """A page of the portal's sections: any portal role may open it (403 otherwise); what the
    page then shows is scoped by its selector."""
    if not roles_of(request.user):
        raise PermissionDenied


def filtered_rows(request, selector, *, filters_arg: str = "filters"):
    """A list page's rows narrowed by its query string through the selector's FilterSet, and
    None; with a malformed filter (a hand-edited address), no rows and the refusal, which the
    page shows above the list."""
    try:
        return selector(user=request.user, **{filters_arg: request.GET}), None
    except ApplicationError as error:
        return selector(user=request.user).none(), error
