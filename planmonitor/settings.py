"""The one settings module: every value comes from the environment.

With nothing set, planmonitor runs in development mode on an embedded SQLite
file under ``var/``. Production sets ``DEBUG=false`` plus the variables listed in
the README's Configuration section and docs/deployment.md; ``manage.py check
--deploy`` then passes without warnings.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("PLANMONITOR_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str(
    "SECRET_KEY",
    default="django-insecure-development-only-key-never-use-in-production"
    if DEBUG
    else environ.Env.NOTSET,
)
# The key of the audit trail's seal chain (planmonitor/audit/seal.py). Kept outside the
# database: whoever can write the tables cannot forge a seal. Changing it breaks the chain.
AUDIT_SEAL_KEY = env.str("AUDIT_SEAL_KEY", default=SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A refused form gets the site's 403 page, not Django's bare one (planmonitor/core/views.py).
CSRF_FAILURE_VIEW = "planmonitor.core.views.csrf_failure"

INSTALLED_APPS = [
    "planmonitor.accounts.admin_site.PlanmonitorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # the API docs' own static files (swagger-ui): no CDN
    "planmonitor.core",
    "planmonitor.accounts",
    "planmonitor.plans",
    "planmonitor.audit",
    "planmonitor.notifications",
    "planmonitor.monitoring",
    "planmonitor.network",
    "planmonitor.evaluation",
    "planmonitor.portal",
    "planmonitor.api",
    "planmonitor.privacy",
    "planmonitor.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "planmonitor.core.middleware.LocaleMiddleware",  # a view's 404 stays a 404
    "planmonitor.core.middleware.NulRefusingMiddleware",  # NUL in the path: 400
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-step login: who passed it (django-otp), then who must (the policy decides).
    "django_otp.middleware.OTPMiddleware",
    "planmonitor.accounts.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "planmonitor.audit.middleware.AuditContextMiddleware",
    # A domain refusal no view handled becomes its page and status (core/errors.py).
    "planmonitor.core.errors.ApplicationErrorMiddleware",
    # A write the database refused (disk full, read-only): a 503 saying nothing was saved.
    "planmonitor.core.faults.WriteRefusedMiddleware",
    # Last, as django-axes asks: it turns lockouts into a clear page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "planmonitor.urls"
WSGI_APPLICATION = "planmonitor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "planmonitor" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "planmonitor.plans.context_processors.example_data",
            ],
            # The monitoring app's tags live with their subdomain (sheets/, rounds/, reports/).
            "libraries": {
                "sheets": "planmonitor.monitoring.sheets.templatetags",
                "rounds": "planmonitor.monitoring.rounds.templatetags",
                "reports": "planmonitor.monitoring.reports.templatetags",
                "changes": "planmonitor.plans.changes.templatetags",
            },
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite by default (WAL + busy timeout + IMMEDIATE transactions, so concurrent
# writers wait instead of failing with "database is locked"); DATABASE_URL
# switches to PostgreSQL, e.g. postgres://user:pass@host:5432/planmonitor.
SQLITE_PATH = VAR_DIR / "planmonitor.sqlite3"
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                "PRAGMA busy_timeout=20000;PRAGMA foreign_keys=ON;"
            ),
        }
    )
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Connections are kept between requests, SQLite's too: opening one (its PRAGMAs and
# Django's function registrations) costs more than serving a cached public page.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any password check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plans:my_actions"  # each role lands on its own actions
LOGOUT_REDIRECT_URL = "plans:overview"

# --- Language: Dutch first, English second -------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "planmonitor" / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "planmonitor" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Uploads: the importer refuses anything larger before reading it ------
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- E-mail ---------------------------------------------------------------
# Console by default; set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
# plus EMAIL_HOST etc. for real delivery.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Where django.core.mail.backends.filebased.EmailBackend writes (one file per batch).
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="planmonitor@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (django-tasks) -----------------------------------------
# Mail leaves outside the request: requests enqueue, `manage.py db_worker` runs the
# tasks. The queue is a table in the database, so workers on several machines share
# it (PostgreSQL). Tests run tasks at once (ImmediateBackend, planmonitor/conftest.py).
# The scheme and host links in mails start with (notifications, sent without a request).
SITE_URL = env("PLANMONITOR_SITE_URL", default="http://127.0.0.1:8000")
# The open data's contact point in the DCAT-AP catalogue (portal/opendata/catalog.py).
CONTACT_EMAIL = env.str("PLANMONITOR_CONTACT_EMAIL", default=DEFAULT_FROM_EMAIL)

# One cache for every worker and machine: the public site's pages live in it until the
# next publication (portal/cache.py). The database by default (its table is made by
# portal's first migration); CACHE_URL=redis://… or memcached where a deployment has one.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://planmonitor_cache")}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Login protection (django-axes) -----------------------------------------
# After AXES_FAILURE_LIMIT failed logins for one username from one address, that
# combination is locked for AXES_COOLOFF_HOURS; the login page says so.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy, count the proxies so axes sees the client's address
# (X-Forwarded-For), not the proxy's: else one attacker locks a name for everyone.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0) or None
if AXES_IPWARE_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# --- Two-step login (django-otp: TOTP apps, backup codes) -------------------
# Required for coordinators and administrators (accounts/policy.py), optional for
# everyone else. Each wrong code doubles the wait before the next one is checked
# (the throttle factor, in seconds) and counts as a failed login for django-axes.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="planmonitor")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's secret

# --- Content-Security-Policy: our pages need no inline script or style ------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- Audit trail (django-simple-history) ------------------------------------
SIMPLE_HISTORY_REVERT_DISABLED = True  # history is a record, not an undo button
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# --- Security: strict whenever DEBUG is off -------------------------------
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer probes the workers over plain HTTP, without the proxy's header.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
