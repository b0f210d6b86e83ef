"""The portal's own middleware: the Content-Security-Policy, the language, the session idle
timeout.

Content-Security-Policy: the browser itself refuses anything not served by the portal.

Government networks are often closed, so every asset is local; the policy makes a stray CDN
link fail loudly in development and in the browser tests instead of hanging in production.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)
# The interactive API page (drf-spectacular's Swagger UI, served from the sidecar package)
# starts itself with an inline script and inline styles.
API_DOCS_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; font-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = API_DOCS_POLICY if request.path.startswith("/api/docs") else POLICY
            if request.path.startswith("/admin/"):
                policy = API_DOCS_POLICY
            response["Content-Security-Policy"] = policy
        return response


class PortalLocaleMiddleware:
    """Russian first: pages speak Russian unless the user chose English with the switch (the
    language cookie). The browser's Accept-Language is honoured only by the API, where REST
    clients ask for their language explicitly."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        supported = {code for code, _name in settings.LANGUAGES}
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in supported:
            language = settings.LANGUAGE_CODE
            if request.path.startswith("/api/"):
                language = translation.get_language_from_request(request)
        # The request's language is undone after the response: the thread goes back to what it
        # spoke before (Russian), so work done in it afterwards (an in-process task, the next
        # request in a test) never inherits a visitor's English.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response


# The last request is stored at most this often, so an active session is not written on every
# request.
IDLE_STAMP_RESOLUTION_SECONDS = 60
LAST_ACTIVITY_KEY = "portal_last_activity"


def _session_status_path():
    try:
        return reverse("session-status")
    except NoReverseMatch:  # a URLconf without the portal's account routes (tests)
        return None


class SessionIdleTimeoutMiddleware:
    """A signed-in session that made no request for SESSION_IDLE_TIMEOUT_MINUTES is ended
    (issue 13 item 6): the person is signed out and sent to the login page with a message.
    The session status endpoint (core.views.session_status) reads the time left without
    counting as activity, so the page's warning can ask it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        now = time.time()
        last = request.session.get(LAST_ACTIVITY_KEY)
        timeout = settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
        status_read = request.path == _session_status_path() and request.method == "GET"
        if last is not None and now - last > timeout:
            logout(request)
            messages.info(
                request,
                _("Сеанс завершён: с портала не было запросов %(minutes)s мин. Войдите снова.")
                % {"minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES},
            )
            if status_read or request.path.startswith("/api/"):
                return self.get_response(request)  # answered as to a signed-out client
            return redirect_to_login(request.get_full_path())
        if not status_read and (last is None or now - last >= IDLE_STAMP_RESOLUTION_SECONDS):
            request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
