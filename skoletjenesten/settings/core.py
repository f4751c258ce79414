"""Django itself, the database, Redis and Celery, sessions, languages, files, e-mail and logging (see base)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from skoletjenesten.embedded_postgres import embedded_database_settings
from skoletjenesten.env import (
    catalogue_storage,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
    media_storage,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data")))

SECRET_KEY = env_str("SECRET_KEY", "insecure-dev-key-change-me")
DEBUG = env_bool("DEBUG", False)
# seed_demo makes demo accounts with published passwords: only where this is on (dev, test, the demo profile).
DEMO_DATA_ALLOWED = env_bool("DEMO_DATA_ALLOWED", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps, one per domain.
    "home",
    "geography",
    "operations",
    "curriculum",
    "municipalities",
    "offers",
    "partnerships",
    "catalogue",
    "opendata",
    "bookings",
    "lists",
    "environments",
    "usage",
    "demo",  # the top floor: seed_demo and the demo content; nothing imports it
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
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
    # Third party
    "django_filters",
    "django_celery_results",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Anonymous visitors' public pages from the cache, first of all: a hit runs no other middleware (sessions,
    # auth, CSRF, the Wagtail site lookup, the view) and gets the headers the others added to the stored page
    # (CSP, HSTS, Permissions-Policy …: no per-request nonces here). Plain HTTP behind HTTPS is never stored
    # (the key has the scheme; its answer is the redirect). operations.pagecache.
    "operations.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "operations.csp.SiteCSPMiddleware",  # django-csp; the admin allows inline scripts
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor sign-in (django-otp): whoever has set up an authenticator app enters its code.
    "django_otp.middleware.OTPMiddleware",
    "operations.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # One add form in the admin makes one page, even when autosave and a click post it at once.
    "operations.page_creation.SinglePageCreationMiddleware",
    "usage.middleware.UsageMiddleware",  # counts searches and offer views (no cookies, nothing per visitor)
    # Last, as django-axes asks: turns a locked-out sign-in into the Danish lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "skoletjenesten.urls"
WSGI_APPLICATION = "skoletjenesten.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded PostgreSQL of the quick start.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {"default": embedded_database_settings(DATA_DIR)}
# PostgreSQL's JIT compiler costs seconds on the search's large-estimate facet statement and never pays
# off for a web request's short queries; random_page_cost for data on SSD or in memory (lets the planner
# use the search's GIN indexes for selective text queries).
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off -c random_page_cost=1.1")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: Celery broker, results and cache. Without it the quick start uses a broker that
# needs no server (kombu's filesystem transport), results in the database and a local cache.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # django-redis with IGNORE_EXCEPTIONS: with Redis down a read is a miss and a write is dropped, so the
    # site lookup, the facet counts and the sessions fall back to the database instead of answering 500.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                # clear() deletes the cache's keys, not the broker's queues beside them (FLUSHDB did).
                "CLIENT_CLASS": "skoletjenesten.redis_cache.CacheOnlyClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": env_float("REDIS_CONNECT_TIMEOUT", 0.5),
                "SOCKET_TIMEOUT": env_float("REDIS_TIMEOUT", 1.0),
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CELERY_BROKER_URL = REDIS_URL
    # Redis hands an unacknowledged task (acks_late) to another worker after the visibility timeout: longer
    # than the longest task (a catalogue part or the assembly, a few minutes), far shorter than the default
    # hour; the beat task catalogue-requeue-stalled picks a killed run up sooner still. Connecting fails fast.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 20 * 60),
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
    }
    CELERY_BROKER_CONNECTION_TIMEOUT = 2
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    _broker_dir = DATA_DIR / "celery-broker"
    _control_dir = DATA_DIR / "celery-control"
    for _folder in (_broker_dir, _control_dir):
        _folder.mkdir(parents=True, exist_ok=True)  # kombu's filesystem transport expects them
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "control_folder": str(_control_dir),
    }
    CELERY_RESULT_BACKEND = "django-db"

CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Copenhagen"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_BEAT_SCHEDULE: dict = {}
# The search's month filter only offers months still ahead within an offer's period: recomputed nightly.
CELERY_BEAT_SCHEDULE["offers-refresh-periods"] = {
    "task": "offers.tasks.refresh_offer_periods",
    "schedule": crontab(hour=0, minute=5),
}

# Sessions: in the cache (Redis) and the database, so any web container can serve any user, and a
# Redis outage costs a database read, never a sign-out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The public site is Danish whatever the browser asks for (no LocaleMiddleware); the Wagtail admin
# follows each editor's own language preference.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    # Uploaded images and documents: MEDIA_ROOT, or S3-compatible object storage when S3_BUCKET is set.
    "default": media_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # The catalogue's rendered parts and published PDF/CSV/XLSX: the same S3 bucket when S3_BUCKET is set (so no
    # worker or web container needs a shared disk), else CATALOGUE_ROOT or MEDIA_ROOT. Assembly works on local temp.
    "catalogue": catalogue_storage(),
}

# E-mail
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Skoletjenesten <noreply@skoletjenesten.dk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Wagtail queues search-index and reference-index updates as django-tasks; one line per save is noise.
        "django_tasks": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO (the catalogue renders hundreds of pages).
        "weasyprint": {"level": "WARNING"},
    },
}
