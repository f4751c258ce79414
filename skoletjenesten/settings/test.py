"""The settings CI runs: real PostgreSQL (DATABASE_URL or embedded) and real Redis."""

import os

# Tests always talk to a real Redis: the machine's own unless REDIS_URL names another.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")

from .base import *  # noqa: E402, F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
SECRET_KEY = "test-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests roll back instead of committing, so the search's cache version would never move: no cache.
OFFER_SEARCH_CACHE_SECONDS = 0

# Each concurrent test run can name its own test database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_skoletjenesten")}  # noqa: F405
OPEN_DATA_ROOT = DATA_DIR / "test-open-data"  # noqa: F405
DEMO_DATA_ALLOWED = True
