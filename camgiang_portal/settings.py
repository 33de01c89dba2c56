"""Settings for the Cẩm Giang democracy portal; everything that differs between machines comes from the environment."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# Production secrets have no default: only a DEBUG machine may run with the throwaway key.
_DEV_SECRET_KEY = "django-insecure-dev-only-camgiang"  # noqa: S105
SECRET_KEY = env("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else None)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in ("http", "https") or not _site.netloc:
    raise ImproperlyConfigured(f"SITE_URL must be an absolute http(s) URL, got {SITE_URL!r}.")
SITE_IS_HTTPS = _site.scheme == "https"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"{_site.scheme}://{_site.netloc}"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "guardian",
    "axes",
    "simple_history",
    "import_export",
    "django_celery_beat",
    # The composition root is an app only for its operator commands (backup, restore); it has no models.
    "camgiang_portal",
    "communes",
    "plans",
    "issuance",
    "reports",
    "consolidation",
    "reminders",
    "publicity",
    "city",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "camgiang_portal.middleware.DatabaseUnavailableMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CommonMiddleware (the slash redirect sees the full path) and CSP (its 404 gets the header).
    "communes.middleware.CurrentCommuneMiddleware",
    # A city official's /start/ is the city's dashboard (before the next one, which 404s /start/ at the root).
    "city.middleware.CityStartMiddleware",
    # Who the user is in that commune: nobody unless one of its officials (plans.middleware says why).
    "plans.middleware.CommuneMemberMiddleware",
    "camgiang_portal.middleware.MethodNotAllowedPageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must be last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "camgiang_portal.urls"
WSGI_APPLICATION = "camgiang_portal.wsgi.application"

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
                "camgiang_portal.context_processors.portal",
                "communes.context_processors.commune",
                "reminders.context_processors.notifications",
                "reports.context_processors.nav",
                "city.context_processors.city",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Wait for a concurrent writer instead of failing at once ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "camgiang_portal.resilience.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "camgiang",
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "camgiang_portal.permission_cache.CachedModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["camgiang_portal.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Uploaded files (MEDIA_STORAGE): "filesystem" keeps them under MEDIA_ROOT, which on several machines is a network
# path (NFS) mounted by every node; "s3" keeps them in a private bucket of an S3-compatible store. Either way
# nothing is served by URL: downloads go through the permission-checked views, which read through the storage.
MEDIA_STORAGE = env("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "filesystem":
    _MEDIA_BACKEND: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    _MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default="") or None,
            "access_key": env("S3_ACCESS_KEY", default="") or None,
            "secret_key": env("S3_SECRET_KEY", default="") or None,
            "region_name": env("S3_REGION", default="") or None,
            "location": env("S3_PREFIX", default=""),
            # MinIO and most self-hosted stores want path-style addresses; AWS takes either.
            "addressing_style": env("S3_ADDRESSING_STYLE", default="") or None,
            "default_acl": "private",
            # Should a URL ever be made, it is signed and short-lived; the bucket itself is never public.
            "querystring_auth": True,
            "querystring_expire": 300,
            # Issued papers are written once under a name of their own: a taken name gets a suffix, never overwritten.
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', got {MEDIA_STORAGE!r}.")
STORAGES = {
    "default": _MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve straight from the source folders while developing; production serves the collected, hashed files.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded files are private (reports, citizens' attachments): they live outside the static root and
# are only ever served through views that check permissions, so there is no public MEDIA_URL route.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Uploaded .docx/.xlsx (zip archives) are checked before parsing (camgiang_portal.safe_files): these bound
# what they may inflate to, so a small "zip bomb" is refused at once instead of pinning a worker.
UPLOAD_ZIP_MAX_BYTES = env.int("UPLOAD_ZIP_MAX_BYTES", default=25 * 1024 * 1024)
UPLOAD_ZIP_MAX_MEMBERS = env.int("UPLOAD_ZIP_MAX_MEMBERS", default=1000)
UPLOAD_ZIP_MAX_RATIO = env.int("UPLOAD_ZIP_MAX_RATIO", default=100)
# The figures import (consolidation.imports) and the admin's CSV/XLSX imports: data rows read at most (a file with
# more is refused), and row errors listed on the page (the total is always given).
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5000)
IMPORT_ERRORS_SHOWN = env.int("IMPORT_ERRORS_SHOWN", default=100)
# "Preview, then confirm" (camgiang_portal.uploads): how long a previewed file waits for its confirm; the
# token expires then and the daily sweep removes the file.
UPLOAD_PENDING_SECONDS = env.int("UPLOAD_PENDING_SECONDS", default=2 * 3600)

# E-mail: SMTP when EMAIL_HOST is set, else printed to the console.
EMAIL_HOST = env("EMAIL_HOST", default="")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="UBND xã Cẩm Giang <no-reply@camgiang.gov.vn>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Role permissions cached in the shared cache (camgiang_portal.permission_cache); never in per-process memory.
PERMISSION_CACHE_SECONDS = 300 if REDIS_URL else 0

# Celery: Redis when REDIS_URL is set; otherwise tasks run in-process so the embedded default needs no server.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A page that queues work must not hang on a dead broker: fail fast, and resilience.enqueue runs it here.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5, "max_retries": 0}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BEAT_SCHEDULER = "camgiang_portal.beat:PortalDatabaseScheduler"
# Every periodic job is declared here, once; beat adds a row for each one that has none (times in
# CELERY_TIMEZONE, Asia/Ho_Chi_Minh) and never rewrites a row the administrator edited in the admin.
# `manage.py sync_beat_schedule` on deploy adds new entries and removes rows code dropped.
CELERY_BEAT_SCHEDULE: dict = {
    "reminders-daily": {
        "task": "reminders.tasks.reminders_run",
        "schedule": crontab(hour=7, minute=0),
        "options": {"expire_seconds": 12 * 3600},
    },
    "reminders-leadership-summary": {
        "task": "reminders.tasks.leadership_summary_send",
        "schedule": crontab(hour=7, minute=15),
        "options": {"expire_seconds": 12 * 3600},
    },
    "reminders-coordinator-digest": {
        "task": "reminders.tasks.digest_send",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
        "options": {"expire_seconds": 12 * 3600},
    },
    # The city's reminders to communes that have not sent their Báo cáo (only in a many-commune deployment).
    "city-reminders": {
        "task": "city.tasks.city_reminders_run",
        "schedule": crontab(hour=7, minute=45),
        "options": {"expire_seconds": 12 * 3600},
    },
    # What the portal counted (cases, reception sessions, disclosures) for the consolidated reports.
    "publicity-portal-figures": {
        "task": "publicity.tasks.portal_figures_push",
        "schedule": crontab(hour=1, minute=30),
        "options": {"expire_seconds": 12 * 3600},
    },
    # Decree 13/2023: citizens' names, phones and e-mails are erased once a closed case's retention ends.
    "publicity-erase-expired-personal-data": {
        "task": "publicity.tasks.feedback_erase_expired",
        "schedule": crontab(hour=2, minute=0),
        "options": {"expire_seconds": 12 * 3600},
    },
    # Previewed uploads nobody confirmed (camgiang_portal.uploads); each preview also sweeps on its way.
    "uploads-sweep": {
        "task": "camgiang_portal.tasks.uploads_sweep",
        "schedule": crontab(hour=2, minute=30),
        "options": {"expire_seconds": 12 * 3600},
    },
}
# Reminder e-mails that SMTP refused are retried after 1, 2, 4 … times this many seconds (capped at an hour).
REMINDERS_RETRY_BASE_SECONDS = env.int("REMINDERS_RETRY_BASE_SECONDS", default=60)

# Security. The HTTPS-only settings follow SITE_URL's scheme, so the same production settings also
# serve plain HTTP on 127.0.0.1 (tests, or a proxy that terminates TLS elsewhere).
# Sessions read from the cache and written through to the database: one SQL query less on every page,
# and a Redis outage only means reading them from the database (see resilience.ResilientRedisCache).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_COOKIE_SECURE = SITE_IS_HTTPS
CSRF_COOKIE_SECURE = SITE_IS_HTTPS
SECURE_SSL_REDIRECT = SITE_IS_HTTPS and not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000) if SITE_IS_HTTPS and not DEBUG else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SITE_IS_HTTPS
SECURE_HSTS_PRELOAD = SITE_IS_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# Login throttling: five failures for one user name from one address lock that pair for 15 minutes.
# Failures are counted in the database (django-axes' database handler), never in the cache, so the
# throttle holds when Redis is down (camgiang_portal/tests/test_security.py proves it).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_CLIENT_IP_CALLABLE = "camgiang_portal.clientip.client_ip"

# Citizens' feedback: submissions and status-page lookups per client address per hour (counted in Redis,
# in the database when Redis is down: publicity.services.rate_limit_hit), and days personal data is kept
# after closing.
FEEDBACK_RATE_LIMIT = env.int("FEEDBACK_RATE_LIMIT", default=5)
FEEDBACK_LOOKUP_RATE_LIMIT = env.int("FEEDBACK_LOOKUP_RATE_LIMIT", default=30)
FEEDBACK_RETENTION_DAYS = env.int("FEEDBACK_RETENTION_DAYS", default=365)

# Reverse proxies whose X-Forwarded-For is believed (e.g. "127.0.0.1" for nginx on the same host).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

# Demo data: the password every demo account gets. A production-mode server gets no known default.
DEMO_PASSWORD = env("DEMO_PASSWORD", default="camgiang2026" if DEBUG else "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # An untrusted signer is an answer on the verification page, not a traceback in the log.
        "pyhanko.sign.validation": {"level": "ERROR"},
    },
}
# Digital signatures (camgiang_portal.signing). Production: a PKCS#12 file from a CA, or a PKCS#11 token;
# development: the identity `manage.py create_signing_identity` writes to SIGNING_DIR (outside git).
# Outside the project tree, so no copy, archive or backup of the code ever carries a private key.
SIGNING_DIR = Path(env("SIGNING_DIR", default=str(Path.home() / ".local" / "share" / "camgiang-portal" / "signing")))
# Each issuer's own identity (a commune's code, or "city"): <dir>/<key>/signer.p12 and agency.p12. Empty:
# <SIGNING_DIR>/issuers, resolved when used, so that it follows SIGNING_DIR (tests move SIGNING_DIR).
SIGNING_ISSUERS_DIR = env("SIGNING_ISSUERS_DIR", default="")
# An issuer (a commune other than the home one, or the city) without its own folder there is refused, unless
# every issuer is meant to sign with the configured identity.
SIGNING_SHARED_IDENTITY = env.bool("SIGNING_SHARED_IDENTITY", default=False)
SIGNING_P12 = env("SIGNING_P12", default="")
SIGNING_P12_PASSWORD = env("SIGNING_P12_PASSWORD", default="")
SIGNING_AGENCY_P12 = env("SIGNING_AGENCY_P12", default="")
SIGNING_AGENCY_P12_PASSWORD = env("SIGNING_AGENCY_P12_PASSWORD", default="")
SIGNING_PKCS11_MODULE = env("SIGNING_PKCS11_MODULE", default="")
SIGNING_PKCS11_TOKEN_LABEL = env("SIGNING_PKCS11_TOKEN_LABEL", default="")
SIGNING_PKCS11_PIN = env("SIGNING_PKCS11_PIN", default="")
SIGNING_PKCS11_KEY_LABEL = env("SIGNING_PKCS11_KEY_LABEL", default="")
SIGNING_PKCS11_CERT_LABEL = env("SIGNING_PKCS11_CERT_LABEL", default="")
SIGNING_PKCS11_AGENCY_KEY_LABEL = env("SIGNING_PKCS11_AGENCY_KEY_LABEL", default="")
SIGNING_PKCS11_AGENCY_CERT_LABEL = env("SIGNING_PKCS11_AGENCY_CERT_LABEL", default="")
SIGNING_TIMESTAMP_URL = env("SIGNING_TIMESTAMP_URL", default="")
# CA certificates (PEM) the public verification page trusts; empty: the development CA in SIGNING_DIR.
SIGNING_TRUST_ROOTS = env.list("SIGNING_TRUST_ROOTS", default=[])
SIGNING_LOCATION = env("SIGNING_LOCATION", default="Cẩm Giang")
SIGNING_AGENCY_NAME = env("SIGNING_AGENCY_NAME", default="Ủy ban nhân dân xã Cẩm Giang")
SIGNING_MAX_UPLOAD_BYTES = env.int("SIGNING_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
if SIGNING_P12 and not Path(SIGNING_P12).is_file():
    raise ImproperlyConfigured(f"SIGNING_P12 points to a missing file: {SIGNING_P12!r}.")

CSRF_FAILURE_VIEW = "camgiang_portal.views.csrf_failure"

# Whom the commune's Báo cáo is owed to, first under its "Nơi nhận" (since the two-level reform of 1/7/2025
# communes report straight to the city). Separated by ";", as names may hold commas.
REPORT_SUPERIOR_RECIPIENTS = [
    name.strip()
    for name in env(
        "REPORT_SUPERIOR_RECIPIENTS", default="UBND thành phố Hải Phòng;Sở Nội vụ thành phố Hải Phòng"
    ).split(";")
    if name.strip()
]

# The province whose commune-level units the platform serves (its official code: 31 is Hải Phòng, whose
# 114 units the city's data centre hosts), and the commune that code not yet scoped by commune acts for.
PLATFORM_PROVINCE = env("PLATFORM_PROVINCE", default="31")
PLATFORM_HOME_COMMUNE = env("PLATFORM_HOME_COMMUNE", default="10888")  # Xã Cẩm Giang
if not (PLATFORM_PROVINCE.isdigit() and PLATFORM_HOME_COMMUNE.isdigit()):
    raise ImproperlyConfigured("PLATFORM_PROVINCE and PLATFORM_HOME_COMMUNE are official codes (digits only).")
# "one": one commune, everything at the root as before; "many": each commune by its host or /xa/<slug>/, the
# root lists them (communes.middleware).
PLATFORM_COMMUNES = env("PLATFORM_COMMUNES", default="one")
if PLATFORM_COMMUNES not in ("one", "many"):
    raise ImproperlyConfigured(f"PLATFORM_COMMUNES is 'one' or 'many', got {PLATFORM_COMMUNES!r}.")
