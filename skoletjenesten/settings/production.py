"""Production: the default when DJANGO_SETTINGS_MODULE is unset (manage.py, WSGI, ASGI, Celery).

Refuses to start without a real SECRET_KEY. HTTPS is terminated by the reverse proxy (compose: Caddy),
which tells Django so with X-Forwarded-Proto; HTTPS=false (a plain-HTTP trial behind no proxy) turns
off the secure cookies, the redirect and HSTS together, never one of them alone.
"""

import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from skoletjenesten.env import env_bool, env_int, env_str

from .base import *  # noqa: F403

# manage.py commands that only read the code (no request, no signing), e.g. a CI's `makemigrations --check`,
# may run without a key: Django still refuses any use of the empty key.
_KEYLESS_COMMANDS = {"makemigrations", "showmigrations", "help"}
_KEYLESS = Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] and sys.argv[1] in _KEYLESS_COMMANDS

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
if SECRET_KEY is None and _KEYLESS:
    SECRET_KEY = ""
elif SECRET_KEY is None:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set: these are the production settings (the default). "
        "For development, run with DJANGO_SETTINGS_MODULE=skoletjenesten.settings.dev (as `make run` does)."
    )
_KNOWN_KEYS = {"insecure-dev-key-change-me", "change-me-in-production", "test-secret-key", "build"}
if SECRET_KEY and (
    SECRET_KEY in _KNOWN_KEYS
    or SECRET_KEY.startswith("django-insecure")
    or len(set(SECRET_KEY)) < 5
    or len(SECRET_KEY) < 40
):
    raise ImproperlyConfigured(
        "SECRET_KEY is a known or weak value. Set a random key of 50 characters, e.g. "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`. "
        "For development, run with DJANGO_SETTINGS_MODULE=skoletjenesten.settings.dev (as `make run` does)."
    )

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False  # collectstatic ran at build time (the Dockerfile)
# Source maps (14 MB of the vendored admin and API-docs bundles) are only fetched by a browser's developer tools:
# compressing them (gzip and Brotli, each file twice: by its name and its hashed name) took a third of the build.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# The national Wagtail Site follows PUBLIC_BASE_URL only when it is set (home.site_address).
PUBLIC_BASE_URL_REQUIRED = True

HTTPS = env_bool("HTTPS", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # the compose healthcheck asks the container over plain HTTP
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
# HSTS: a year, for the municipal subdomains too; preload once the domain is on the list.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SECURE_HSTS_PRELOAD", True)
if HTTPS:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405

# Demo data and accounts are never made here (seed_demo refuses), except by the compose file's `demo`
# profile, which sets DEMO_DATA_ALLOWED=true on purpose.
DEMO_DATA_ALLOWED = env_bool("DEMO_DATA_ALLOWED", False)
