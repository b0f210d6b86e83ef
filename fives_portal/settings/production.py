"""Production: PostgreSQL, Redis-backed Celery workers and beat, gunicorn behind HTTPS.

Everything secret or machine-specific must come from the environment; missing or unsafe values
stop start-up rather than run an insecure portal.
"""

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, env, env_bool, env_value, require

DEBUG = False
DEMO_DATA_ALLOWED = False  # load_demo* refuse to run (core.demo)
require(SECRET_KEY, "SECRET_KEY (or SECRET_KEY_FILE) must be set in production.")
require(
    len(SECRET_KEY) >= 50 and len(set(SECRET_KEY)) >= 5 and not SECRET_KEY.startswith("django-"),
    "SECRET_KEY must be at least 50 random characters in production.",
)
require(
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql",
    "DATABASE_URL must point at PostgreSQL in production.",
)
DATABASES["default"]["CONN_MAX_AGE"] = env_value(env.int, "CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# gunicorn serves the collected static files itself (WhiteNoise, base MIDDLEWARE): no CDN and
# no extra web server needed; the files are collected into the image with hashed names.
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# Health checks (the compose file's, a load balancer's) call the container over plain HTTP;
# a redirect to HTTPS would mark a healthy portal as down.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env_value(env.int, "SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
