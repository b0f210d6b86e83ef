"""Settings for the test suite: fast hashing, in-memory cache, tasks in-process.

DATABASE_URL still applies, so the same suite runs on SQLite locally and on PostgreSQL in CI.
CELERY_BROKER_URL is kept so that the broker round-trip test can reach Redis; every other task
runs in-process, where tests can see its result.
"""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env, env_value

DEBUG = False
SECRET_KEY = "test-only-secret-key-for-the-5s-portal-suite-0123456789abcdef"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# One process per test run, so its local cache is shared by everything the test does: every
# test then runs with remembered identities, and a membership change that failed to forget them
# fails the permission tests (core.identity).
IDENTITY_CACHE_SECONDS = 300
CELERY_TASK_ALWAYS_EAGER = True
# Errors raised inside tasks fail the test that ran them (issue 11, item 9).
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env_value(env.path, "TEST_MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-media"))
PRIVATE_MEDIA_ROOT = env_value(
    env.path, "TEST_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-private-media")
)
BACKUP_ROOT = env_value(
    env.path, "TEST_BACKUP_ROOT", default=str(BASE_DIR / "var" / "test-backups")
)
ALLOWED_HOSTS = ["*"]
DATABASES["default"].setdefault("TEST", {})
if env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"]["NAME"] = env.str("TEST_DATABASE_NAME")
