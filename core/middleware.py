"""Content-Security-Policy: the browser itself refuses anything not served by the portal.

Government networks are often closed, so every asset is local; the policy makes a stray CDN
link fail loudly in development and in the browser tests instead of hanging in production.
"""

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
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response
