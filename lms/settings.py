"""Bekal settings: one file, read from the environment, with embedded defaults.

With no environment at all the site runs on SQLite, keeps files under ``var/`` and sends Celery
jobs through kombu's filesystem transport, so a fresh machine needs no servers. Production sets
``DATABASE_URL`` (PostgreSQL), ``CELERY_BROKER_URL`` and ``CACHE_URL`` (Redis), ``SECRET_KEY`` and
``ALLOWED_HOSTS``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BEKAL_VAR_DIR", BASE_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _embedded_secret_key() -> str:
    """A per-checkout random key kept in var/, so the default install is never shared-secret."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _embedded_secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "lms.accounts",
    "lms.audit",
    "lms.labs",
    "lms.home",
    "lms.reports",
    "lms.ops",
    "lms.jobs",
    "courses",
    "courses.h5p",
    "sandbox_shop",
    "sandbox_shop.buyers",
    "store",
    "certificates",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "lms.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lms.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.IndonesianFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.audit.context.AuditRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.labs.middleware.MFARequiredMiddleware",
    "lms.labs.middleware.LearnerSessionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.accounts.context_processors.roles",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the Celery worker write to the same file: WAL lets readers go on while
    # one writes, IMMEDIATE transactions queue writers instead of failing with "database locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests' database as a file, so a fault drill's real worker process can share it (tests/faults).
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
else:
    # A restarted PostgreSQL must not need a restarted site: persistent connections are checked
    # before each request reuses them (conn_health_checks above), and a dead server is noticed fast.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits and lockouts must be shared by every process) ------------------------
_cache_url = os.environ.get("CACHE_URL", "")
if _cache_url.startswith("redis"):
    # Redis down must not take pages with it: the backend falls back to a per-process memory cache
    # for a few seconds at a time (lms/cache.py), and never waits long for a dead server.
    CACHES = {
        "default": {
            "BACKEND": "lms.cache.ResilientRedisCache",
            "LOCATION": _cache_url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "lms.accounts.backends.LearnerPinBackend",
    "lms.accounts.backends.OfficerBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # officers' passwords: Django's default
    "lms.accounts.hashers.LearnerPinHasher",  # learners' PINs: fewer rounds (see the module)
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LEARNER_PIN_HASH_ITERATIONS = int(os.environ.get("LEARNER_PIN_HASH_ITERATIONS", "100000"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LEARNER_LOGIN_URL = "learner_login"
LOGIN_REDIRECT_URL = "officer_home"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "lms.accounts.adapter.InvitationOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False  # shared lab machines: never keep a session past the browser
ACCOUNT_LOGOUT_ON_GET = False
# Shared terminals share one IP: limit failures per account, never per address.
ACCOUNT_RATE_LIMITS = {"login_failed": "5/15m/key", "login": "60/m/ip"}

# TOTP second factor; facility and regional administrators must use it (lms.labs.middleware).
# No "trust this browser": lab and office machines are shared.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TRUST_ENABLED = False
MFA_TOTP_ISSUER = "Bekal"
MFA_TOTP_TOLERANCE = 1  # one 30-second step either way, for phones whose clocks drift
MFA_ADAPTER = "lms.labs.mfa.BekalMFAAdapter"

SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # cookie settings: see "Security" below

# Learner sign-in: failures allowed per account (and per terminal) before a lockout.
LEARNER_PIN_MAX_FAILURES = int(os.environ.get("LEARNER_PIN_MAX_FAILURES", "5"))
LEARNER_PIN_LOCKOUT_SECONDS = int(os.environ.get("LEARNER_PIN_LOCKOUT_SECONDS", str(15 * 60)))
# Failures allowed from one terminal (device cookie, else client IP) in the same window: generous,
# since a whole lab's typos add up, but enough to stop one machine trying many accounts.
LEARNER_TERMINAL_MAX_FAILURES = int(os.environ.get("LEARNER_TERMINAL_MAX_FAILURES", "30"))
# CSV imports with more rows than this run as a background job with a progress bar.
LEARNER_IMPORT_SYNC_MAX_ROWS = int(os.environ.get("LEARNER_IMPORT_SYNC_MAX_ROWS", "50"))
LEARNER_IMPORT_MAX_BYTES = 2 * 1024 * 1024
# Officer invitations: how long the emailed link works (it works once).
INVITATION_MAX_AGE_DAYS = 7

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Bekal <noreply@bekal.test>")

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing folder before collectstatic
STATICFILES_DIRS = [BASE_DIR / "lms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Learners' own work (sandbox photos, certificate PDFs) never sits under MEDIA_URL: it is served
# only by views that check who is asking.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# MEDIA_STORAGE=s3 keeps media and private files in an S3-compatible bucket (MinIO, Ceph, AWS, …)
# through django-storages instead of the local disk: public media under ``media/``, private files
# under ``private/`` (never public: the views stream them after their permission check). H5P
# packages stay on the local disk (H5P_ROOT), which the content origin serves.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local").strip().lower()
if MEDIA_STORAGE not in {"local", "s3"}:
    raise ValueError(f"MEDIA_STORAGE must be 'local' or 's3', not {MEDIA_STORAGE!r}")
if MEDIA_STORAGE == "s3":
    _s3 = {
        "bucket_name": os.environ.get("S3_BUCKET", "bekal"),
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("S3_REGION") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,  # else boto3's own (AWS_* env, roles)
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": os.environ.get("S3_ADDRESSING_STYLE", "path"),  # MinIO and Ceph want path style
        "signature_version": os.environ.get("S3_SIGNATURE_VERSION", "s3v4"),
        "default_acl": None,
        "file_overwrite": False,
    }
    _media_domain = os.environ.get("S3_MEDIA_DOMAIN", "")  # a public host for media/, e.g. a CDN or proxy
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "location": "media",
            "custom_domain": _media_domain or None,
            "querystring_auth": not _media_domain,  # signed, expiring URLs unless the bucket path is public
        },
    }
    _private_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": "private", "querystring_auth": True},
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _private_storage = {"BACKEND": "lms.storage.PrivateFileStorage"}
STORAGES = {
    "default": _default_storage,
    "private": _private_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Public media (store product images) is served by Django when no web server is put in front.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", str(8 * 1024 * 1024)))
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", str(40_000_000)))
PHOTO_MAX_SIDE = 1600  # re-encoded photos are scaled down to this
# Sandbox shop quality checker: the marketplaces a learner can practise for. These are the *practice*
# limits used in class, close to what Shopee and TikTok Shop/Tokopedia sellers meet, not their live rules.
SANDBOX_MARKETPLACE_PROFILES = {
    "shopee": {
        "label": "Shopee",
        "title_min_chars": 20,
        "title_max_chars": 120,
        "description_max_chars": 3000,
    },
    "tiktok_tokopedia": {
        "label": "TikTok Shop / Tokopedia",
        "title_min_chars": 25,
        "title_max_chars": 255,
        "description_max_chars": 2000,
    },
}
# Practice buyers: the practice clock of a buyer's message runs from when the learner first sees it.
# An answer within ``good_within_seconds`` earns the full points for a quick reply, within
# ``late_after_seconds`` half of them; ``speed`` > 1 makes the practice clock run faster than real time.
BUYERS_PRACTICE_CLOCK = {
    "good_within_seconds": int(os.environ.get("BUYERS_GOOD_WITHIN_SECONDS", "900")),
    "late_after_seconds": int(os.environ.get("BUYERS_LATE_AFTER_SECONDS", "3600")),
    "speed": 1,
}

# The real store: a product with this many units or fewer shows as "almost sold out".
STORE_LOW_STOCK = int(os.environ.get("STORE_LOW_STOCK", "5"))
# Marketplace mass-upload exports (store/marketplace.py): products over these limits are listed with
# the reason instead of being exported. Close to the sellers' centres' published rules; adjust here.
MARKETPLACE_EXPORT_LIMITS = {
    "shopee": {"title_max_chars": 255, "description_max_chars": 3000, "photos_max": 9, "photos_min": 1},
    "tiktok": {"title_max_chars": 255, "description_max_chars": 10000, "photos_max": 9, "photos_min": 1},
}

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
_broker_dir = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem"):
    for sub in ("queue", "processed", "control"):
        (_broker_dir / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
        "polling_interval": 0.1,  # the default (1 s) makes every queued job wait up to a second
    }
else:
    # Short timeouts: a request that queues a job never hangs on a dead broker (the outbox keeps it).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 1, "socket_timeout": 5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = 200  # backstop for WeasyPrint's slow memory growth
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Sweepers queue again any job that was never queued (broker down) or whose worker died midway.
JOB_STALL_SECONDS = int(os.environ.get("JOB_STALL_SECONDS", "120"))
JOB_SWEEP_SECONDS = _SWEEP = float(os.environ.get("JOB_SWEEP_SECONDS", "60"))
# The outbox (lms/jobs): jobs recorded with their transaction; the relay sends what the broker missed.
OUTBOX_RELAY_SECONDS = float(os.environ.get("OUTBOX_RELAY_SECONDS", "10"))
OUTBOX_RELAY_MIN_AGE_SECONDS = float(os.environ.get("OUTBOX_RELAY_MIN_AGE_SECONDS", "5"))
OUTBOX_BROKER_RETRY_SECONDS = float(os.environ.get("OUTBOX_BROKER_RETRY_SECONDS", "5"))
# Fault drills only (lms/jobs/faults.py): hold a job at a named point so its worker can be killed there.
JOB_PAUSE_AT = os.environ.get("JOB_PAUSE_AT", "")
JOB_PAUSE_SECONDS = float(os.environ.get("JOB_PAUSE_SECONDS", "120"))
CELERY_BEAT_SCHEDULE = {
    "relay-outbox": {"task": "lms.jobs.tasks.relay_outbox", "schedule": OUTBOX_RELAY_SECONDS},
    "resume-stalled-promotions": {"task": "sandbox_shop.tasks.resume_stalled_promotions", "schedule": _SWEEP},
    "resume-stalled-certificates": {"task": "certificates.tasks.resume_stalled_renders", "schedule": _SWEEP},
    "resume-stalled-learner-imports": {"task": "lms.accounts.tasks.resume_stalled_imports", "schedule": _SWEEP},
    "resume-stalled-h5p-imports": {"task": "courses.h5p.tasks.resume_stalled_imports", "schedule": _SWEEP},
    # Lab sessions close themselves at their planned end (the middleware also treats them as closed).
    "close-expired-lab-sessions": {"task": "lms.labs.tasks.close_expired_lab_sessions", "schedule": 30.0},
}
CELERY_BEAT_SCHEDULE["resume-missing-listing-thumbnails"] = {
    "task": "sandbox_shop.tasks.resume_missing_thumbnails",
    "schedule": 300.0,
}
# Practice buyers: a listing approved without its buyers (lost or killed job) gets them made again.
CELERY_BEAT_SCHEDULE["resume-missing-buyer-scenarios"] = {
    "task": "sandbox_shop.buyers.tasks.resume_missing_buyer_scenarios",
    "schedule": 60.0,
}
# Reports (lms.reports.aggregates): stale facilities every few minutes, everything each night.
CELERY_BEAT_SCHEDULE["reports-refresh"] = {
    "task": "reports.refresh",
    "schedule": float(os.environ.get("REPORTS_REFRESH_SECONDS", "120")),
}
CELERY_BEAT_SCHEDULE["reports-rebuild-nightly"] = {"task": "reports.rebuild", "schedule": crontab(hour=1, minute=30)}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- H5P activities (courses.h5p) --------------------------------------------------------------
# Packages and libraries live here and are served only by the content origin, a second server
# (``manage.py serve`` starts it) whose host differs from SITE_URL's, so the session cookie never goes there.
H5P_ROOT = Path(os.environ.get("H5P_ROOT", VAR_DIR / "h5p"))
H5P_ORIGIN = os.environ.get("H5P_ORIGIN", "http://localhost:8001").rstrip("/")
H5P_URL_MAX_AGE = int(os.environ.get("H5P_URL_MAX_AGE", str(2 * 60 * 60)))  # signed content URLs, seconds
H5P_MAX_FILES = int(os.environ.get("H5P_MAX_FILES", "2000"))
H5P_MAX_FILE_BYTES = int(os.environ.get("H5P_MAX_FILE_BYTES", str(16 * 1024 * 1024)))
H5P_MAX_TOTAL_BYTES = int(os.environ.get("H5P_MAX_TOTAL_BYTES", str(64 * 1024 * 1024)))
H5P_MAX_COMPRESSION_RATIO = int(os.environ.get("H5P_MAX_COMPRESSION_RATIO", "100"))
H5P_STATE_MAX_BYTES = int(os.environ.get("H5P_STATE_MAX_BYTES", str(64 * 1024)))  # one learner's state per activity
H5P_STATE_SAVE_SECONDS = int(os.environ.get("H5P_STATE_SAVE_SECONDS", "10"))  # H5P's autosave period (saveFreq)
H5P_STATEMENT_MAX_BYTES = int(os.environ.get("H5P_STATEMENT_MAX_BYTES", str(32 * 1024)))
H5P_SCORE_POLICY = os.environ.get("H5P_SCORE_POLICY", "best")  # "best" or "last" attempt counts
STATICFILES_DIRS.append(("h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone" / "dist"))

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Bekal"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # officers manage passwords through allauth
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "pptx", "txt", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = PHOTO_MAX_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = PHOTO_MAX_PIXELS
WAGTAIL_ENABLE_UPDATE_CHECK = False  # terminals and servers have no internet
WAGTAIL_USAGE_COUNT_ENABLED = False

# --- Certificates ---------------------------------------------------------------------------
CERTIFICATE_ISSUER_NAME = os.environ.get("CERTIFICATE_ISSUER_NAME", "Bekal")
# The deployment's Ed25519 signing key: a PEM or the path of one; otherwise generated on first use.
CERTIFICATE_SIGNING_KEY = os.environ.get("CERTIFICATE_SIGNING_KEY", "")
CERTIFICATE_KEY_PATH = Path(os.environ.get("CERTIFICATE_KEY_PATH", VAR_DIR / "keys" / "certificate-ed25519.pem"))
CERTIFICATE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024  # an uploaded PDF to check against a certificate

# --- Security -------------------------------------------------------------------------------
# Production is ``HTTPS=true`` (the site is reached over TLS, directly or through a proxy; with a
# proxy also ``BEHIND_TLS_PROXY=true``), a ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DEBUG`` off (its
# default): then ``manage.py check --deploy`` is clean (tests/ops/test_deploy_settings.py).
HTTPS = env_bool("HTTPS", False)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^ping$"]  # load balancers and monitors may ask over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600 if HTTPS else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow their own origin themselves
# Cookies: never readable by scripts, never sent by another site's forms, only over TLS in production.
SECURE_COOKIES = env_bool("SECURE_COOKIES", HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
# Content-Security-Policy and Permissions-Policy of the app's pages (lms.security); the H5P content
# origin sends its own (courses.h5p.player).
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lms.logging.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {"()": "lms.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
