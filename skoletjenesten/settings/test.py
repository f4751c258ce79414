"""The settings CI runs: real PostgreSQL (DATABASE_URL or embedded) and real Redis."""

import hashlib
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
    "catalogue": catalogue_storage(),  # the local folder (MEDIA_ROOT), or S3 when a test names a bucket
}
WAGTAILADMIN_BASE_URL = "http://testserver"
PUBLIC_BASE_URL = "http://testserver"
# Tests roll back instead of committing, so the search's cache version would never move: no cache.
OFFER_SEARCH_CACHE_SECONDS = 0
PAGE_CACHE_SECONDS = 0  # likewise the page cache (tests/operations/test_page_cache.py turns it on)
OFFER_SEARCH_REFERENCE_CACHE_SECONDS = 0

DEMO_DATA_ALLOWED = True

# Test databases never collide: TEST_DATABASE_NAME if set, else test_<database>_<checkout>, so two checkouts
# on one PostgreSQL never drop or wait for each other's. pytest-xdist's workers each add their own suffix
# (test_…_gw0, test_…_gw1); the cache and the Celery broker's keys get the same per-worker prefix.
_CHECKOUT = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:6]  # noqa: F405
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": os.environ.get("TEST_DATABASE_NAME") or f"test_{DATABASES['default']['NAME']}_{_CHECKOUT}"[:50]  # noqa: F405
}
CACHES["default"]["KEY_PREFIX"] = f"test-{_CHECKOUT}-{_WORKER}"  # noqa: F405
USAGE_KEY_PREFIX = f"test-{_CHECKOUT}-{_WORKER}:sk:usage"
# Files too: each worker writes its own media and open data (a row's id repeats across worker databases).
MEDIA_ROOT = DATA_DIR / f"test-media{'-' + _WORKER if _WORKER else ''}"  # noqa: F405
OPEN_DATA_ROOT = DATA_DIR / f"test-open-data{'-' + _WORKER if _WORKER else ''}"  # noqa: F405
if _WORKER and CELERY_BROKER_URL.startswith("redis"):  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {  # noqa: F405
        **globals().get("CELERY_BROKER_TRANSPORT_OPTIONS", {}),
        "global_keyprefix": f"test-{_CHECKOUT}-{_WORKER}:",
    }
# Counting drops events that Redis does not take within the timeout: a loaded CI machine needs longer than 20 ms.
USAGE_REDIS_TIMEOUT_SECONDS = 1.0
