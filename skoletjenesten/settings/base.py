"""Settings shared by every environment. Every knob comes from skoletjenesten.env."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from skoletjenesten.embedded_postgres import embedded_database_settings
from skoletjenesten.env import (
    catalogue_storage,
    env_base_url,
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

# Partnerships: reminders to the responsible staff member before a renegotiation or end date,
# and the longest a projekt partnership may run.
PARTNERSHIP_REMINDER_DAYS_BEFORE = env_int("PARTNERSHIP_REMINDER_DAYS_BEFORE", 60)
PARTNERSHIP_PROJECT_MAX_MONTHS = env_int("PARTNERSHIP_PROJECT_MAX_MONTHS", 24)
CELERY_BEAT_SCHEDULE["partnerships-send-reminders"] = {
    "task": "partnerships.tasks.send_partnership_reminders",
    "schedule": crontab(hour=6, minute=30),
}

# Annual catalogue: its tasks have their own queue (a worker run with --max-tasks-per-child=1),
# offers per parallel render chunk, and the yearly build of next school year's national edition.
CELERY_TASK_ROUTES = {"catalogue.tasks.*": {"queue": "catalogue"}}
CATALOGUE_CHUNK_SIZE = env_int("CATALOGUE_CHUNK_SIZE", 120)
# Where a catalogue worker renders and assembles on its own disk (the parts and files are then uploaded to
# STORAGES["catalogue"]); empty: the system's temporary folder.
CATALOGUE_WORK_DIR = env_str("CATALOGUE_WORK_DIR")
CATALOGUE_BUILD_MONTH = env_int("CATALOGUE_BUILD_MONTH", 3)
CATALOGUE_BUILD_DAY = env_int("CATALOGUE_BUILD_DAY", 1)
# A run silent this long (worker killed, message lost) is sent again by the beat task, which looks every
# CATALOGUE_REQUEUE_SECONDS, at most CATALOGUE_MAX_REQUEUES times. A run gives a sign of life with every part
# and step; the longest silence is one step of the assembly (minutes at 10,000 offers on a busy machine).
CATALOGUE_STALL_MINUTES = env_float("CATALOGUE_STALL_MINUTES", 10)
CATALOGUE_MAX_REQUEUES = env_int("CATALOGUE_MAX_REQUEUES", 3)
CATALOGUE_REQUEUE_SECONDS = env_int("CATALOGUE_REQUEUE_SECONDS", 120)
CELERY_BEAT_SCHEDULE["catalogue-requeue-stalled"] = {
    "task": "catalogue.tasks.requeue_stalled_exports",
    "schedule": float(CATALOGUE_REQUEUE_SECONDS),
    "options": {"queue": "default"},
}
CELERY_BEAT_SCHEDULE["catalogue-build-next-national"] = {
    "task": "catalogue.tasks.build_next_national_catalogue",
    "schedule": crontab(minute=0, hour=2, day_of_month=CATALOGUE_BUILD_DAY, month_of_year=CATALOGUE_BUILD_MONTH),
}

# Sessions: in the cache (Redis) and the database, so any web container can serve any user, and a
# Redis outage costs a database read, never a sign-out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Sign-in: the Wagtail admin's login page; without a valid `next`, a signed-in user lands in the admin
# (Django's default, /accounts/profile/, does not exist).
LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"

# Lockout after repeated failed sign-ins (django-axes), by user name and address together, so an attacker
# cannot lock a consultant out from elsewhere; the lockout page is Danish (operations/templates/axes).
AUTHENTICATION_BACKENDS = ["operations.backends.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_float("AXES_COOLOFF_HOURS", 0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "operations/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind the reverse proxy, the client's address is the last one the proxy appended.
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Two-factor sign-in (django-otp's TOTP devices; wagtail-2fa does not run on Wagtail 8): any editor can
# set up an authenticator app under "Konto"; from then on the admin asks for its code after the password.
OTP_TOTP_ISSUER = "Skoletjenesten"

# Booking requests: how long a teacher's private link works, when editors get the daily digest of unanswered
# requests, when teachers are reminded before a visit, when personal data is blanked, and the rate limit
# (per client address and per e-mail address, per hour).
BOOKING_LINK_MAX_AGE_DAYS = env_int("BOOKING_LINK_MAX_AGE_DAYS", 400)
BOOKING_DIGEST_AFTER_DAYS = env_int("BOOKING_DIGEST_AFTER_DAYS", 3)
BOOKING_REMINDER_DAYS_BEFORE = env_int("BOOKING_REMINDER_DAYS_BEFORE", 3)
BOOKING_ANONYMISE_AFTER_MONTHS = env_int("BOOKING_ANONYMISE_AFTER_MONTHS", 6)
BOOKING_RATE_LIMIT_PER_HOUR = env_int("BOOKING_RATE_LIMIT_PER_HOUR", 5)
CELERY_BEAT_SCHEDULE["bookings-editor-digests"] = {
    "task": "bookings.tasks.send_editor_digests",
    "schedule": crontab(hour=7, minute=0),
}
CELERY_BEAT_SCHEDULE["bookings-visit-reminders"] = {
    "task": "bookings.tasks.send_visit_reminders",
    "schedule": crontab(hour=7, minute=15),
}
CELERY_BEAT_SCHEDULE["bookings-anonymise"] = {
    "task": "bookings.tasks.anonymise_requests",
    "schedule": crontab(hour=3, minute=30),
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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

# Wagtail
WAGTAIL_SITE_NAME = "Skoletjenesten"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public site's address: every absolute link made outside a request (the catalogue's QR codes and web
# addresses, CSV/XLSX exports, "Del via e-mail", e-mails, open data files) starts with it. The national
# Wagtail Site follows it (hostname and port, after every migrate: home.site_address).
PUBLIC_BASE_URL = env_base_url("PUBLIC_BASE_URL", WAGTAILADMIN_BASE_URL)
# Whether the address was given (PUBLIC_BASE_URL, or the WAGTAILADMIN_BASE_URL it defaults to) rather than the
# local default. Production requires it: without it, migrate leaves the national Site alone and says why, and
# `check --deploy` warns (home.W001), instead of pointing the live site at 127.0.0.1:8000.
PUBLIC_BASE_URL_CONFIGURED = env_str("PUBLIC_BASE_URL") is not None or env_str("WAGTAILADMIN_BASE_URL") is not None
PUBLIC_BASE_URL_REQUIRED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "danish",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Upload limits with Danish messages (operations.forms; Wagtail's own checks have no Danish text).
IMAGE_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
DOCUMENT_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = None
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "operations.forms.LimitedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "operations.forms.LimitedDocumentForm"
# Documents are served by Wagtail's view, which checks the collection's privacy and the document's
# own rules before sending the file (never a public /media/ URL).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Admin avatars without Gravatar: the admin asks no third party for anything (a blank default avatar).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
# Moderation e-mails go to the reviewers of the page only (its workflow task's groups), not every superuser.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Map tiles for the offer and environment maps; the scripts are served by the site itself.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap-bidragydere")
# The offer search caches its facet counts this long (any change to an offer invalidates them); 0 = off.
OFFER_SEARCH_CACHE_SECONDS = env_int("OFFER_SEARCH_CACHE_SECONDS", 300)
# Whole public pages for anonymous visitors, kept this long (any published change shows at once anyway:
# the keys carry a content version replaced on every content write); 0 = off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# The search's reference data (grades, subjects, kommuner …) kept per process, whatever the facet cache.
OFFER_SEARCH_REFERENCE_CACHE_SECONDS = env_int("OFFER_SEARCH_REFERENCE_CACHE_SECONDS", 60)
# The Danish word list the search splits compounds with (Debian/Ubuntu: the hunspell-da package).
SEARCH_DICTIONARY_PATH = env_str("SEARCH_DICTIONARY_PATH", "/usr/share/hunspell/da_DK.dic")

# Municipal sites: each kommune's site is served at <slug>.<MUNICIPAL_SITE_DOMAIN> (and /kommuner/<slug>/).
MUNICIPAL_SITE_DOMAIN = env_str("MUNICIPAL_SITE_DOMAIN", "localhost")
MUNICIPAL_SITE_PORT = env_int("MUNICIPAL_SITE_PORT", 80)
# "Neighbouring kommuner" in a municipal site's search: kommuner whose point lies within this distance.
MUNICIPAL_NEIGHBOUR_RADIUS_KM = env_int("MUNICIPAL_NEIGHBOUR_RADIUS_KM", 35)

# Open data (opendata app): the public read API under /api/v1/ and the nightly open dataset.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # read-only and public: no sessions, no CSRF, no personal data
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["opendata.throttling.AddressRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "opendata.problems.problem_exception_handler",
    "URL_FORMAT_OVERRIDE": "format",  # ?format=jsonld as an alternative to Accept: application/ld+json
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Skoletjenesten API",
    "DESCRIPTION": (
        "Åbne data fra Skoletjenesten: undervisningstilbud, læringsmiljøer, kommunesites og referencedata. "
        "Kun offentligt, publiceret indhold. Listen over tilbud tager de samme parametre som søgningen på /tilbud/ "
        "og giver de samme antal og den samme rækkefølge."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["opendata.schema.only_public_api"],
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.da"},
}
CORS_URLS_REGEX = r"^/(api|aabne-data/filer)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "Link"]
CORS_PREFLIGHT_MAX_AGE = 86400
# Requests per address per minute to /api/ (counted in Redis; when Redis is down the API keeps serving).
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 120)
API_RATE_LIMIT_REDIS_URL = env_str("API_RATE_LIMIT_REDIS_URL", REDIS_URL)
# The open dataset: written nightly to OPEN_DATA_ROOT/<date>/, the newest OPEN_DATA_KEEP_DAYS days kept.
OPEN_DATA_ROOT = Path(env_str("OPEN_DATA_ROOT", str(DATA_DIR / "open-data")))
OPEN_DATA_KEEP_DAYS = env_int("OPEN_DATA_KEEP_DAYS", 14)
OPEN_DATA_EXPORT_HOUR = env_int("OPEN_DATA_EXPORT_HOUR", 3)
CELERY_BEAT_SCHEDULE["opendata-export-dataset"] = {
    "task": "opendata.tasks.export_open_dataset",
    "schedule": crontab(hour=OPEN_DATA_EXPORT_HOUR, minute=15),
}
# Learning environments' sign-up: attempts per client address and per e-mail address in a window, days an
# applicant has to confirm their e-mail, days an editor invitation's link works.
ENVIRONMENT_SIGNUP_RATE_LIMIT = env_int("ENVIRONMENT_SIGNUP_RATE_LIMIT", 5)
ENVIRONMENT_SIGNUP_RATE_WINDOW_SECONDS = env_int("ENVIRONMENT_SIGNUP_RATE_WINDOW_SECONDS", 3600)
ENVIRONMENT_APPLICATION_CONFIRM_DAYS = env_int("ENVIRONMENT_APPLICATION_CONFIRM_DAYS", 7)
EDITOR_INVITATION_VALID_DAYS = env_int("EDITOR_INVITATION_VALID_DAYS", 14)
# Usage statistics (usage app): counters in Redis, moved into daily rows every USAGE_FLUSH_MINUTES.
USAGE_REDIS_URL = env_str("USAGE_REDIS_URL", REDIS_URL)
USAGE_FLUSH_MINUTES = env_int("USAGE_FLUSH_MINUTES", 5)
USAGE_REDIS_TIMEOUT_SECONDS = env_float("USAGE_REDIS_TIMEOUT_SECONDS", 0.5)
CELERY_BEAT_SCHEDULE["usage-flush-counters"] = {
    "task": "usage.tasks.flush_usage_counters",
    "schedule": crontab(minute=f"*/{USAGE_FLUSH_MINUTES}"),
}
# Yearly confirmation rounds: whether offers not confirmed by the deadline are also unpublished (they are
# always marked "Ikke bekræftet" and left out of the catalogue); days before an offer's scheduled expiry
# (the day after its last date) that its editors are told. Run by Celery beat (rounds daily, expiry hourly).
CONFIRMATION_UNPUBLISH_UNCONFIRMED = env_bool("CONFIRMATION_UNPUBLISH_UNCONFIRMED", False)
OFFER_EXPIRY_WARNING_DAYS = env_int("OFFER_EXPIRY_WARNING_DAYS", 14)
CELERY_BEAT_SCHEDULE["environments-confirmation-rounds"] = {
    "task": "environments.tasks.run_confirmation_rounds",
    "schedule": crontab(hour=6, minute=45),
}
CELERY_BEAT_SCHEDULE["environments-expire-past-offers"] = {
    "task": "environments.tasks.expire_past_offers",
    "schedule": crontab(minute=20),  # hourly: Wagtail's publish_scheduled also serves go_live_at
}

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
# Security headers. Content-Security-Policy (django-csp): only the site's own scripts and styles, map
# tiles from the tile server; the Wagtail admin needs inline styles. No inline scripts anywhere.
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]).replace("{s}.", "*.")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", _tile_origin],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": ["self"],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

WHITENOISE_USE_FINDERS = True  # the quick start and tests serve static files without collectstatic
