"""Typed access to environment variables: the one place settings read the environment."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_required(name: str) -> str:
    value = env_str(name)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from exc


def env_float(name: str, default: float) -> float:
    value = env_str(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_base_url(name: str, default: str) -> str:
    """An absolute base address such as ``https://skoletjenesten.dk``: scheme and host (and port), no path.

    HTTPS only on its own port: Wagtail's Site writes ``https://`` for port 443 and ``http://`` for any other.
    """
    value = (env_str(name) or default).strip().rstrip("/")
    parts = urlsplit(value)
    try:
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} has an invalid port: {value!r}.") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name} must be a site address like https://skoletjenesten.dk (scheme and host, no path), not {value!r}."
        )
    if parts.scheme == "https" and port not in (None, 443):
        raise ImproperlyConfigured(f"{name}: HTTPS is served on port 443 only, not {port} ({value!r}).")
    return value


def _s3_options(bucket: str) -> dict:
    return {
        "bucket_name": bucket,
        "endpoint_url": env_str("S3_ENDPOINT_URL"),
        "access_key": env_required("S3_ACCESS_KEY_ID"),
        "secret_key": env_required("S3_SECRET_ACCESS_KEY"),
        "region_name": env_str("S3_REGION", "us-east-1"),
        "default_acl": None,  # the bucket's policy decides (private; documents go through Django's checked view)
        "signature_version": "s3v4",
        "addressing_style": "path",  # MinIO and most S3-compatible services
    }


def media_storage() -> dict:
    """Django's STORAGES["default"]: the local MEDIA_ROOT folder, or S3-compatible object storage (django-storages;
    MinIO in the compose file, AWS S3 or any S3 API) when ``S3_BUCKET`` is set, so web containers keep no files.

    ``S3_ENDPOINT_URL`` (e.g. http://minio:9000; empty for AWS), ``S3_ACCESS_KEY_ID``, ``S3_SECRET_ACCESS_KEY``,
    ``S3_REGION`` and ``S3_PUBLIC_URL`` (the address browsers reach public images at, e.g.
    https://skoletjenesten.dk/media; empty: signed, expiring URLs from the endpoint itself).
    """
    bucket = env_str("S3_BUCKET")
    if bucket is None:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    public_url = env_str("S3_PUBLIC_URL")
    options: dict = {**_s3_options(bucket), "file_overwrite": False, "querystring_auth": public_url is None}
    if public_url:
        scheme, _, rest = public_url.partition("://")
        options["custom_domain"] = rest.rstrip("/")
        options["url_protocol"] = f"{scheme}:"
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def catalogue_storage() -> dict:
    """Django's STORAGES["catalogue"]: the catalogue's parts and published files (PDF, CSV, XLSX).

    With ``S3_BUCKET`` the same bucket as the media, under ``catalogue/`` (private: only ``images/`` and
    ``original_images/`` are readable without a key); files are served by the permission-checked download view.
    Otherwise a local folder, ``CATALOGUE_ROOT`` or ``MEDIA_ROOT``, written by temp file and rename. Either way a
    name either holds a whole file or nothing.
    """
    bucket = env_str("S3_BUCKET")
    if bucket is not None:
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3_options(bucket), "file_overwrite": True}}
    location = env_str("CATALOGUE_ROOT")
    return {
        "BACKEND": "catalogue.storage.AtomicFileSystemStorage",
        "OPTIONS": {"allow_overwrite": True, **({"location": location} if location else {})},
    }
