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
