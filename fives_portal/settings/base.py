"""Settings shared by every environment.

Everything that differs between machines is read from the environment (django-environ) with a
safe default for local use; a malformed value stops start-up with a message naming the variable.
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def env_value(reader, name, **kwargs):
    """Read one variable, turning a parse error into a start-up error that names it."""
    try:
        return reader(name, **kwargs)
    except (ValueError, TypeError, environ.ImproperlyConfigured) as exc:
        raise ImproperlyConfigured(
            f"Environment variable {name} has a malformed value: {exc}"
        ) from exc


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_bool(name, default):
    """A strict boolean: «DEBUG=maybe» is an error, not a silent False."""
    raw = env.str(name, default="")
    if raw == "":
        return default
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name} must be true or false (1/0, yes/no, on/off), not {raw!r}."
    )


SUPPORTED_DATABASE_ENGINES = {"django.db.backends.sqlite3", "django.db.backends.postgresql"}


def env_database(name, default):
    config = env_value(env.db_url, name, default=default)
    if config.get("ENGINE") not in SUPPORTED_DATABASE_ENGINES:
        raise ImproperlyConfigured(
            f"Environment variable {name} must be a sqlite:/// or postgres:// URL, "
            f"not {env.str(name, default=default)!r}."
        )
    return config


def env_secret(name, default=None):
    """A secret from NAME, or from the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    file_name = env.str(f"{name}_FILE", default="")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE points at an unreadable file: {exc}") from exc
    return env.str(name, default=default)


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_secret("SECRET_KEY", default="")
ALLOWED_HOSTS = env_value(env.list, "ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_value(env.list, "CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "core",
    "agencies",
    "audits",
    "sorting",
    "standards",
    "productivity",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are served by the portal itself in every environment (no CDN, no extra web
    # server, and no `runserver --insecure`): the embedded set-up runs with DEBUG off too.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.SessionIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    # Last: turns a login refused by guessing protection into the page (or JSON) saying when
    # to try again (core.lockout).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fives_portal.urls"
WSGI_APPLICATION = "fives_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.portal",
            ],
        },
    },
]

SQLITE_BUSY_TIMEOUT_SECONDS = 20
DATABASES = {
    "default": env_database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and DATABASES["default"]["NAME"]:
    # The embedded database lives under var/, which a fresh clone does not have yet.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database takes concurrent writes (issue 10, fault 9: 37 of 56 parallel
    # writes failed with «database is locked»): WAL lets readers and one writer work together,
    # IMMEDIATE transactions take the write lock when a transaction starts (so two writers
    # queue instead of deadlocking on a lock upgrade), and the busy timeout makes a writer wait
    # for the lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000};"
            ),
        }
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env_value(env.int, "CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env_value(env.cache_url, "CACHE_URL", default="locmemcache://")}
# A PDF made by WeasyPrint is kept in that cache under a digest of its HTML (core.documents):
# a reprint of the same red tag or final sheet is not laid out again. 0 turns it off.
PDF_CACHE_SECONDS = env_value(env.int, "PDF_CACHE_SECONDS", default=3600)
PDF_CACHE_MAX_BYTES = env_value(env.int, "PDF_CACHE_MAX_BYTES", default=2 * 1024 * 1024)
# A signed-in user's roles, Person and agencies kept between requests (core.identity), and
# forgotten whenever a membership changes. Only with a cache that every process shares: with a
# per-process one, a change made in one web worker would not reach the others. 0 turns it off.
IDENTITY_CACHE_SECONDS = env_value(
    env.int,
    "IDENTITY_CACHE_SECONDS",
    default=0 if CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache")) else 300,
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Guessing protection (django-axes, issue 13): after LOGIN_FAILURE_LIMIT wrong passwords for one
# username — on the login page, the admin's or the API token endpoint — that account is locked
# for LOGIN_LOCKOUT_MINUTES, counted from the failure that locked it; other accounts, from the
# same address too, are not affected (an office shares one address, so nothing is limited by
# address). An administrator lifts a lock earlier in the admin («Попытки доступа»).
AUTHENTICATION_BACKENDS = [
    "core.backends.GuessingProtectionBackend",
    "django.contrib.auth.backends.ModelBackend",
]


def env_positive_int(name, default):
    value = env_value(env.int, name, default=default)
    if value < 1:
        raise ImproperlyConfigured(f"Environment variable {name} must be at least 1, not {value}.")
    return value


LOGIN_FAILURE_LIMIT = env_positive_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_positive_int("LOGIN_LOCKOUT_MINUTES", 15)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
# Password-reset e-mails to one address per hour (core.views.PortalPasswordResetView): stops the
# reset form being used to flood a colleague's mailbox. Counted whether or not the address has an
# account, so the answer tells nothing about who is registered.
PASSWORD_RESET_LIMIT = env_positive_int("PASSWORD_RESET_LIMIT", 3)
PASSWORD_RESET_WINDOW_SECONDS = 3600
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
# Tries during a lock are refused without extending it, so the time the message names holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
SILENCED_SYSTEM_CHECKS = [
    # axes.W006 asks for the address among the lockout parameters: deliberately not (see above).
    "axes.W006",
]

# A signed-in page session ends after SESSION_IDLE_TIMEOUT_MINUTES without a request; the page
# warns SESSION_IDLE_WARNING_SECONDS before (static/js/session.js) and offers to continue.
SESSION_IDLE_TIMEOUT_MINUTES = env_positive_int("SESSION_IDLE_TIMEOUT_MINUTES", 30)
SESSION_IDLE_WARNING_SECONDS = min(120, SESSION_IDLE_TIMEOUT_MINUTES * 30)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Русский")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_value(env.str, "TIME_ZONE", default="Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env_value(env.path, "STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_value(env.path, "MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
# Photos and generated documents: never under MEDIA_URL, served only by permission-checked views
# (audits.models.PrivateStorage, reports.storage.ReportStorage). A volume of its own in compose.
PRIVATE_MEDIA_ROOT = env_value(
    env.path, "PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private-media")
)
# Backups (core.backup, `manage.py backup`/`restore`): one archive of the database and both media
# roots per run. Retention: every backup of the last BACKUP_KEEP_DAYS days and the first of each
# of the last BACKUP_KEEP_MONTHS months (25: beyond the two years of Regulation §5.8, L5493).
BACKUP_ROOT = env_value(env.path, "BACKUP_ROOT", default=str(BASE_DIR / "var" / "backups"))
BACKUP_KEEP_DAYS = env_value(env.int, "BACKUP_KEEP_DAYS", default=14)
BACKUP_KEEP_MONTHS = env_value(env.int, "BACKUP_KEEP_MONTHS", default=25)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Outside production the files are served straight from the apps' and project's static folders
# and looked up per request (no scan at start-up), so `make run` needs no collectstatic;
# production serves the collected, hashed files indexed once at start-up.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# Uploaded photos (Appendix 7 photo reports): limits enforced by core.images.
PHOTO_MAX_BYTES = env_value(env.int, "PHOTO_MAX_BYTES", default=15 * 1024 * 1024)
PHOTO_MAX_PIXELS = env_value(env.int, "PHOTO_MAX_PIXELS", default=40_000_000)

# Saturdays made working days by the government's transfer decree (not in holidays.RU), ISO
# dates separated by commas, e.g. EXTRA_WORKING_DAYS=2027-11-06. Used by core.calendar.
EXTRA_WORKING_DAYS = env_value(env.list, "EXTRA_WORKING_DAYS", default=[])
for _day in EXTRA_WORKING_DAYS:
    try:
        __import__("datetime").date.fromisoformat(_day)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"EXTRA_WORKING_DAYS must list ISO dates (YYYY-MM-DD), not {_day!r}."
        ) from exc

# The demo region (load_demo*, make run): allowed in the embedded set-up and tests, never in
# production (core.demo), where its published password would open a superuser account.
DEMO_DATA_ALLOWED = True

# Address the portal is reached at: printed into QR codes and notification e-mails.
PORTAL_BASE_URL = env_value(env.str, "PORTAL_BASE_URL", default="http://127.0.0.1:8000")

EMAIL_CONFIG = env_value(env.email_url, "EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env_value(env.str, "DEFAULT_FROM_EMAIL", default="5s-portal@localhost")

# Celery: with no broker the tasks run in-process, so the embedded set-up needs nothing else.
CELERY_BROKER_URL = env_value(env.str, "CELERY_BROKER_URL", default="")
if CELERY_BROKER_URL and not CELERY_BROKER_URL.startswith(("redis://", "rediss://", "memory://")):
    raise ImproperlyConfigured(
        f"CELERY_BROKER_URL must be a redis:// URL (or empty to run tasks in-process), "
        f"not {CELERY_BROKER_URL!r}."
    )
CELERY_RESULT_BACKEND = env_value(env.str, "CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = False
# Durability: a task is acknowledged after it ran, and a worker killed mid-task (kill -9, OOM)
# gives it back to the queue; each worker takes one task at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
# Publishing happens inside web requests (right after a commit): with Redis down it must fail
# at once, not loop through kombu's retries for seconds. The outbox row stays pending and the
# sweep hands it over later (core.outbox).
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
    "retry_on_timeout": False,
    "max_retries": 0,
}
# core.outbox: a delivery holds its message for the longest a task may run, plus a margin; a
# lease that ran out means the worker died, and the sweep hands the message over again.
OUTBOX_LEASE_SECONDS = env_value(
    env.int, "OUTBOX_LEASE_SECONDS", default=CELERY_TASK_TIME_LIMIT + 60
)
OUTBOX_MAX_ATTEMPTS = env_value(env.int, "OUTBOX_MAX_ATTEMPTS", default=5)
# A pending message handed to the broker this long ago and still not run is handed over again.
OUTBOX_REDISPATCH_SECONDS = env_value(env.int, "OUTBOX_REDISPATCH_SECONDS", default=300)
CELERY_TIMEZONE = TIME_ZONE
# Every periodic task, in one place: Celery beat reads this at start-up (run exactly one beat).
CELERY_BEAT_SCHEDULE = {
    # core.outbox: follow-ups of commits that the broker never got, or a dead worker dropped.
    "core: outbox sweep": {
        "task": "core.outbox_sweep",
        "schedule": 60.0,
    },
    # API tokens past their expiry (core.api.authentication): they no longer authenticate.
    "core: expired API tokens": {
        "task": "core.delete_expired_tokens",
        "schedule": crontab(hour=3, minute=10),
    },
    # §4.10: the monthly summary goes to the «ДИАрама» knowledge base within 5 working days.
    "reports: publish summaries": {
        "task": "reports.tasks.publish_due_summaries",
        "schedule": crontab(hour=6, minute=15),
    },
    # §5.4: sorting at least monthly while deploying, quarterly when functioning.
    "sorting: next sorting due": {
        "task": "sorting.send_sorting_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    # §4.4 (L441), §4.8 (L557), Appendix 5 (L3205): copies of the order and plan, the team's
    # yearly approval.
    "agencies: deployment reminders": {
        "task": "agencies.send_deployment_reminders",
        "schedule": crontab(hour=7, minute=45),
    },
    # §8.2 (L1145): a 5S standard is reviewed at least yearly; reminder before, notice after.
    "standards: review reminders": {
        "task": "standards.send_review_reminders",
        "schedule": crontab(hour=7, minute=45),
    },
    # §6.4 (L901, L907): the paper copy of the agreed placement schedule is due to the group
    # head within 3 working days of agreement.
    "standards: placement copy due": {
        "task": "standards.send_placement_reminders",
        "schedule": crontab(hour=7, minute=50),
    },
    # Step 3 (Appendices 23, 25; L1017–1021): planned cleaning dates passed without an actual
    # date are reminded to the employees named and the checker, once per date.
    "standards: cleaning dates missed": {
        "task": "standards.send_cleaning_reminders",
        "schedule": crontab(hour=7, minute=55),
    },
    # Regulation §5.5: the agency is reminded on the last working day before its audit.
    "audits: audit reminders": {
        "task": "audits.send_audit_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    # §9.2 (L1381): a topic of the approved training programme due by its schedule.
    "agencies: training topics due": {
        "task": "agencies.send_training_reminders",
        "schedule": crontab(hour=7, minute=45),
    },
    # §4.7 (L549): the indicator sheet at least quarterly; reminder before, notice after.
    "agencies: indicator measurement due": {
        "task": "agencies.send_indicator_reminders",
        "schedule": crontab(hour=7, minute=55),
    },
    # §9.1 item 3 (L1437–1445): a stage of an improvement proposal past its date.
    "agencies: proposal stages overdue": {
        "task": "agencies.send_proposal_reminders",
        "schedule": crontab(hour=7, minute=50),
    },
    # §8.4 (L1337): the IT department's monthly data for criterion 4.3, due on the month's
    # last working day; the task reminds only on that day.
    "audits: IT standard data due": {
        "task": "audits.send_it_standard_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    # §4.5 (L461): the head's walk-round at least once a half-year; the head and the team
    # leader are reminded before the half-year ends without one (once per half-year).
    "agencies: walk-round due": {
        "task": "agencies.send_walk_round_reminders",
        "schedule": crontab(hour=8, minute=30),
    },
    # §4.9 (L583, L589; criterion 2.6): the board's update due every 2 weeks, overdue after a
    # month; its responsible member is reminded once per due date.
    "agencies: information board update due": {
        "task": "agencies.send_board_reminders",
        "schedule": crontab(hour=8, minute=35),
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous API call gets 401 with «WWW-Authenticate: Token».
        # django-rest-knox: tokens stored hashed, expiring, revocable (core.api.auth).
        "core.api.authentication.PortalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    # JSON nested deeper than core.api.parsers.MAX_DEPTH is a 400, not a RecursionError (500).
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "COERCE_DECIMAL_TO_STRING": True,
}
# API tokens (POST /api/v1/auth/token/): a new one per login, valid API_TOKEN_TTL_HOURS; a
# client renews by logging in again. The header keeps the contract's «Token» prefix.
API_TOKEN_TTL_HOURS = env_positive_int("API_TOKEN_TTL_HOURS", 10)
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(hours=API_TOKEN_TTL_HOURS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "5S Portal API",
    "DESCRIPTION": "REST API of the regional 5S programme portal.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The states of a 5S standard and of a daily checklist (draft / approved): one enum.
    "ENUM_NAME_OVERRIDES": {
        "ApprovalStateEnum": "standards.register.choices.StandardStatus",
        # Two «stage» fields: an improvement proposal's (Appendix 36) and a standard's 5S step.
        "ProposalStageEnum": "agencies.proposals.choices.Stage",
        "FiveSStageEnum": "standards.register.choices.FiveSStage",
        # A remark about the information board (§4.9, L595) is a «remark» or a «proposal».
        "BoardRemarkKindEnum": "agencies.board.choices.RemarkKind",
        # Two «section» fields: an indicator's (Appendix 8) and a deployment plan activity's.
        "IndicatorSectionEnum": "agencies.indicators.choices.Section",
        "PlanSectionEnum": "agencies.deployment.choices.PlanSection",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_value(env.str, "LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every layout step at INFO; keep its warnings (missing fonts, images).
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes: every failed login and every lock is a WARNING; its start-up banner is not.
        "axes": {"level": "WARNING"},
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True


def require(condition, message):
    if not condition:
        raise ImproperlyConfigured(message)
