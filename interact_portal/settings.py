"""Interact Portal settings: one module, every deployment difference comes from the environment."""

import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string, or set DJANGO_DEBUG=true for development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DJANGO_DEBUG-is-true"  # noqa: S105
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])

INSTALLED_APPS = [
    "modeltranslation",  # translated content fields (issue 20): before the admin, which it extends
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_celery_beat",
    "rest_framework",
    "drf_spectacular",
    "interact_portal.core",
    "interact_portal.accounts",
    "interact_portal.notifications",
    "interact_portal.reports",
    "interact_portal.audit",
    "interact_portal.api",
    "interact_portal.demo",
    "programmes",
    "partnerships",
    "projects",
    "events",
]

MIDDLEWARE = [
    "interact_portal.core.observability.RequestIdMiddleware",  # X-Request-ID into logs and tasks (issue 22)
    "django_prometheus.middleware.PrometheusBeforeMiddleware",  # request counts and latencies for /metrics
    "django.middleware.security.SecurityMiddleware",
    "interact_portal.core.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "interact_portal.core.database_busy.DatabaseUnavailableMiddleware",  # database refusing: 503, not 500
    # the language: the path's prefix (/de/…), else a signed-in person's own, else English (accounts/language.py);
    # after the user is loaded above, where a refusing database is answered with the busy page
    "interact_portal.accounts.language.PortalLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "interact_portal.accounts.middleware.PortalSessionMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "interact_portal.urls"
WSGI_APPLICATION = "interact_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",  # LANGUAGE_CODE for <html lang>
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "interact_portal.core.context_processors.navigation",
                "interact_portal.accounts.language.language_switcher",
                "interact_portal.notifications.context_processors.unread_notifications",
            ],
            # |when |day |money |amount |status_tag in every template: one way to show them (core/formatting.py)
            "builtins": ["interact_portal.core.templatetags.portal_format"],
        },
    },
]

# --- Data stores -------------------------------------------------------------------------------------------
# DATABASE_URL / REDIS_URL are set by the environment, or by interact_portal.embedded when unset.
DATABASES = {"default": env.db_url("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/interact")}
# Persistent connections: opening one costs about 9 ms, a third of a search page; checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# Except under `manage.py runserver` (`make run`): it serves each browser connection in a thread of its own that
# lives as long as the browser keeps the connection open, and would keep a database connection per thread until
# PostgreSQL refuses more ("too many clients"). There every request closes its database connection; gunicorn's
# workers and Celery keep theirs. Decided here, by the command line Django itself dispatches on (argv[1]), so no
# way of starting runserver and no DATABASE_CONN_MAX_AGE in the environment can turn it back on.
RUNSERVER = sys.argv[1:2] == ["runserver"]
if RUNSERVER:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# --- Cluster (issue 22): a connection pooler, and the direct connection that session-level locks need ---------
# DATABASE_POOLER=pgbouncer: DATABASE_URL points at pgbouncer in transaction pooling mode, where consecutive
# transactions of one Django connection may run on different server connections. Server-side cursors (named
# cursors, used by QuerySet.iterator() for streaming exports) live across transactions and cannot work there:
# Django then fetches with client-side cursors (rows come in chunks of the iterator, held by psycopg2 per query).
# Reports hold a session-level advisory lock (interact_portal.reports.services._run_lock): on a pooled connection it
# would stay on a server connection that pgbouncer hands to someone else, so that lock is taken on a connection
# straight to PostgreSQL, DATABASE_DIRECT_URL (its host, port, user and password; the database name stays that of
# DATABASE_URL). Unset, the lock uses a new connection of DATABASE_URL (right without a pooler).
DATABASE_POOLER = env.str("DATABASE_POOLER", default="").lower()
if DATABASE_POOLER not in ("", "pgbouncer"):
    raise ImproperlyConfigured("DATABASE_POOLER is either empty or 'pgbouncer'.")
if DATABASE_POOLER == "pgbouncer":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
_DIRECT_KEYS = ("HOST", "PORT", "USER", "PASSWORD")
DATABASE_DIRECT = (
    {key: value for key, value in env.db_url("DATABASE_DIRECT_URL").items() if key in _DIRECT_KEYS}
    if env.str("DATABASE_DIRECT_URL", default="")
    else {}
)
# When PostgreSQL refuses connections: the Retry-After of the 503 "busy" page, and how long /healthz stays 503 after
# the last refusal (interact_portal.core.database_busy).
DATABASE_RETRY_AFTER_SECONDS = env.int("DATABASE_RETRY_AFTER_SECONDS", default=5)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
# Redis is a help, never a need: with it unreachable pages are served uncached and tasks wait in the database
# (README, "Reliability"). A call to it waits at most these (seconds); after a failure each process leaves it alone
# for REDIS_CIRCUIT_SECONDS (interact_portal.core.circuit), so an outage costs a request at most one short attempt.
REDIS_CONNECT_TIMEOUT = env.float("REDIS_CONNECT_TIMEOUT", default=0.1)
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=0.25)
REDIS_CIRCUIT_SECONDS = env.float("REDIS_CIRCUIT_SECONDS", default=3)
CACHES = {
    "default": {
        # Django's Redis cache that answers a miss (and drops writes) when Redis is unreachable: core/cache.py
        "BACKEND": "interact_portal.core.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        # one Redis may serve several portals or databases (the benchmark's two): cached figures never cross them
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default=f"portal:{DATABASES['default']['NAME']}"),
        "TIMEOUT": 300,
        "OPTIONS": {"socket_connect_timeout": REDIS_CONNECT_TIMEOUT, "socket_timeout": REDIS_SOCKET_TIMEOUT},
    }
}

# --- Celery -------------------------------------------------------------------------------------------------
# Reliability (Celery's documentation): tasks are acknowledged when done, and given back when their worker dies;
# every task is idempotent (a row in the database says whether its work is done). The visibility timeout (how long
# Redis waits for an acknowledgement before redelivering) is longer than the longest task (30 min) and than any
# countdown or retry backoff (10 min). Work the broker never received is found in the database by RECOVERY_TASKS.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
# the queue tasks go to and workers read (one broker may serve several portals; the tests' workers each have one)
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = env.str("TIME_ZONE", default="Europe/Brussels")
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A publish from a request (core/queue.py) tries twice, at once, with short socket timeouts; kombu reads the same
# bounded retries from the transport options when it first connects (else it would retry that connection forever).
_PUBLISH_RETRIES = {"max_retries": 1, "interval_start": 0, "interval_step": 0.05, "interval_max": 0.05}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
    "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=0.25),
    **_PUBLISH_RETRIES,
}
CELERY_RESULT_EXPIRES = 86400
# No task stores a result: nothing reads one (and a stored result made every publish subscribe to Redis, which
# retried 20 s when Redis was down). A test that waits for one asks for it: apply_async(..., ignore_result=False).
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 2, "interval_step": 0.2}}
# The worker reconnects by itself, however long Redis is away (None: retry forever; 0 would mean never).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_PUBLISH_RETRY_POLICY = _PUBLISH_RETRIES
CELERY_BEAT_SCHEDULER = "interact_portal.core.beat:PortalScheduler"  # django-celery-beat's, stopped cleanly
CELERY_BEAT_SCHEDULE = {  # installed into django-celery-beat's tables at beat start; editable in the admin
    "event-reminders": {"task": "events.tasks.send_event_reminders", "schedule": 300.0},
    "call-deadline-reminders": {"task": "projects.tasks.send_deadline_reminders", "schedule": 900.0},
    "search-index-rebuild": {"task": "projects.tasks.search_index_rebuild", "schedule": 86400.0},
    "outbox-relay": {"task": "interact_portal.notifications.tasks.relay_outbox", "schedule": 60.0},
    "recover-reports": {"task": "interact_portal.reports.tasks.recover_reports", "schedule": 10.0},
    "recover-submission-pdfs": {"task": "projects.tasks.recover_submission_pdfs", "schedule": 300.0},
    "recover-control-certificates": {"task": "projects.tasks.recover_control_certificates", "schedule": 300.0},
    "anonymise-old-registrations": {"task": "events.tasks.anonymise_old_registrations", "schedule": 86400.0},
    "reporting-reminders": {"task": "projects.tasks.send_reporting_reminders", "schedule": 3600.0},
    # the public statistics of all programmes counted again when the search index moved (projects/statistics.py)
    "statistics-recount": {"task": "projects.statistics.statistics_recount_if_moved", "schedule": 180.0},
    "recover-library-texts": {"task": "events.library_services.recover_library_texts", "schedule": 300.0},
    "project-ideas-expiry": {"task": "partnerships.idea_expiry.ideas_expiry_run", "schedule": 3600.0},
}
# modules whose tasks live beside their service (autodiscover_tasks finds only the apps' tasks.py)
CELERY_IMPORTS = ["projects.statistics"]
RECOVERY_TASKS = [
    "interact_portal.notifications.tasks.relay_outbox",
    "interact_portal.reports.tasks.recover_reports",
    "projects.tasks.recover_submission_pdfs",
    "projects.tasks.recover_control_certificates",
    "events.library_services.recover_library_texts",
]
# An outbox email (or a submission PDF) still waiting after this long is relayed by the beat task.
OUTBOX_RELAY_AFTER_SECONDS = env.int("OUTBOX_RELAY_AFTER_SECONDS", default=60)
# A running report is produced again as soon as no live run holds its advisory lock (its worker died: the recovery
# task, every 10 s and at every worker start, or Celery's redelivery); a queued one that no worker took for this
# long is queued again (the broker lost it), and a waiting report is queued again at most once this often.
REPORT_STALE_SECONDS = env.int("REPORT_STALE_SECONDS", default=60)
# How long a delivered report task waits for the lock of a run that is ending (a killed process's session ends
# within milliseconds) before it leaves the report to the run that holds it.
REPORT_LOCK_WAIT_SECONDS = env.float("REPORT_LOCK_WAIT_SECONDS", default=2.0)

# --- Auth (django-allauth) ----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "interact_portal.accounts.forms.SignupNameForm"  # and a name, to greet people by
# The confirmation link signs the person in (in the browser they signed up in, within ACCOUNT_LOGIN_TIMEOUT) and
# takes them to the page they came from (`next`, e.g. an invitation), which the link carries (accounts.adapter).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Interact Portal] "
ACCOUNT_ADAPTER = "interact_portal.accounts.adapter.AccountAdapter"  # its emails go through the outbox
# Second factor: an authenticator app (TOTP) with recovery codes; required for staff (accounts.middleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Interact Portal"
# Their secrets are encrypted in the database (accounts.mfa_adapter) with MFA_ENCRYPTION_KEY: required in production,
# derived from SECRET_KEY in development; several keys, comma-separated, to rotate (the first encrypts).
MFA_ADAPTER = "interact_portal.accounts.mfa_adapter.MFAAdapter"
MFA_ENCRYPTION_KEYS = env.list("MFA_ENCRYPTION_KEY", default=[])
if not MFA_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            'MFA_ENCRYPTION_KEY is not set. Set it to a Fernet key (python -c "from cryptography.fernet import '
            'Fernet; print(Fernet.generate_key().decode())"), or set DJANGO_DEBUG=true for development.'
        )
    MFA_ENCRYPTION_KEYS = [f"mfa-development-key:{SECRET_KEY}"]
# allauth's rate limits (login failures, signups, password resets…) count in the default cache: Redis.
ACCOUNT_RATE_LIMITS = {
    "login": env.str("RATE_LIMIT_LOGIN", default="30/m/ip"),
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# The contact relay (issue 21): messages a signed-in person may send to organisations per hour and per day.
CONTACT_RELAY_PER_HOUR = env.int("CONTACT_RELAY_PER_HOUR", default=5)
CONTACT_RELAY_PER_DAY = env.int("CONTACT_RELAY_PER_DAY", default=20)
# The reverse proxies in front of the portal that append the client's address to X-Forwarded-For (0: none, the
# header is ignored). Rate limits and the audit trail read the address from interact_portal.core.client_ip, which
# the account adapter hands to allauth; allauth's own setting says the same for any code of its that reads it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=12)
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# --- Email --------------------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Interact Portal <no-reply@interact.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:  # development: every message is printed and kept as a file under var/mail/
    EMAIL_BACKEND = "interact_portal.core.mail.FileAndConsoleBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# --- Internationalisation -----------------------------------------------------------------------------------
# The interface in five languages (issue 20). English pages have no prefix, the others /de/, /fr/, /es/, /pl/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German")), ("fr", _("French")), ("es", _("Spanish")), ("pl", _("Polish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content (programmes, calls, events, …) in the languages a programme declares: django-modeltranslation adds one
# column per language; an empty one falls back to English, and pages say so (core/templatetags/content_language.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = False
# European English dates in pages and the admin ("10 December 2026, 15:25 CET"): core/formats/en/formats.py
FORMAT_MODULE_PATH = ["interact_portal.core.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Brussels")
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Uploads and reports: local files, or an S3-compatible bucket (django-storages) when one is named.
STORAGE_BUCKET = env.str("DJANGO_STORAGE_BUCKET", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if not STORAGE_BUCKET
    else {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "endpoint_url": env.str("DJANGO_STORAGE_ENDPOINT", default="") or None,
            "access_key": env.str("DJANGO_STORAGE_ACCESS_KEY", default="") or None,
            "secret_key": env.str("DJANGO_STORAGE_SECRET_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security -----------------------------------------------------------------------------------------------
# Production is HTTPS behind a proxy that sets X-Forwarded-Proto. DJANGO_SECURE_COOKIES=false only for plain-HTTP
# load tests on localhost (clients do not send Secure cookies over HTTP).
SECURE_COOKIES = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Content-Security-Policy (django-csp): every script and stylesheet is a file of ours; no inline code, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Permissions-Policy: no page uses these browser features, so none (nor anything injected) may ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

# LOG_FORMAT=json: one JSON object a line with the request id (interact_portal.core.observability), for a log
# collector; unset, readable lines. The request id is in both.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "interact_portal.core.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "interact_portal.core.observability.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "pgserver": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# /metrics (interact_portal.core.metrics): answered to `Authorization: Bearer <METRICS_TOKEN>` or a superuser, else 404.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# Absolute links in emails. Unset, they point where `make run` serves (HOST, PORT); a server listening on every
# interface is linked to on this machine.
HOST, PORT = env.str("HOST", default="127.0.0.1"), env.str("PORT", default="8000")
_LINK_HOST = "127.0.0.1" if HOST in ("", "0.0.0.0", "::", "[::]") else HOST  # noqa: S104 - not a bind address
_LINK_HOST = f"[{_LINK_HOST}]" if ":" in _LINK_HOST and not _LINK_HOST.startswith("[") else _LINK_HOST
SITE_URL = env.str("SITE_URL", default=f"http://{_LINK_HOST}:{PORT}")

# --- Applications --------------------------------------------------------------------------------------------
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
ANNEX_MAX_MB = env.int("ANNEX_MAX_MB", default=10)
# Event registrations are anonymised this many months after their event ended.
REGISTRATION_RETENTION_MONTHS = env.int("REGISTRATION_RETENTION_MONTHS", default=24)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields; files stream to disk above FILE_UPLOAD_MAX_MEMORY_SIZE

# --- Open-data API (issue 21, interact_portal/api) -------------------------------------------------------------
# Read-only JSON of public data; throttled per address (anonymous) or per person (signed in), counted in the cache.
API_RATE_ANONYMOUS = env.str("API_RATE_ANONYMOUS", default="120/m")
API_RATE_SIGNED_IN = env.str("API_RATE_SIGNED_IN", default="600/m")
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=25)
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=100)
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": [
        "interact_portal.api.throttling.AnonymousRateThrottle",
        "interact_portal.api.throttling.SignedInRateThrottle",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Interact Portal open data API",
    "DESCRIPTION": (
        "Read-only JSON of the public Interreg project database: projects, partners, organisations, programmes, "
        "calls and events. Licence: CC BY 4.0."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}
