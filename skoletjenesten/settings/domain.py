"""Each app's own knobs and its Celery beat tasks (see base)."""

from __future__ import annotations

from pathlib import Path

from celery.schedules import crontab

from skoletjenesten.env import env_bool, env_float, env_int, env_str

from .core import CELERY_BEAT_SCHEDULE, DATA_DIR, REDIS_URL

# Partnerships: reminders to the responsible staff member before a renegotiation or end date,
# and the longest a projekt partnership may run.
PARTNERSHIP_REMINDER_DAYS_BEFORE = env_int("PARTNERSHIP_REMINDER_DAYS_BEFORE", 60)
PARTNERSHIP_PROJECT_MAX_MONTHS = env_int("PARTNERSHIP_PROJECT_MAX_MONTHS", 24)
CELERY_BEAT_SCHEDULE["partnerships-send-reminders"] = {
    "task": "partnerships.tasks.send_partnership_reminders",
    "schedule": crontab(hour=6, minute=30),
}

# Annual catalogue: its tasks have their own queue (each part laid out in a forked child),
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
# The admin's records of which page each add form made (operations.page_creation) are needed for seconds
# (a form's second post); the nightly task drops those older than this.
PAGE_CREATION_KEEP_DAYS = env_int("PAGE_CREATION_KEEP_DAYS", 2)
CELERY_BEAT_SCHEDULE["operations-forget-page-creations"] = {
    "task": "operations.tasks.forget_old_page_creations",
    "schedule": crontab(hour=4, minute=10),
}
