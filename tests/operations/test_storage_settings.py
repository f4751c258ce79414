"""Media on the local folder by default, on S3-compatible object storage (django-storages) when S3_BUCKET is set.

No network: the settings are read in a fresh interpreter with the environment given, and the storage is built
(boto3 connects only when a file is read or written). Writing to and reading from a real S3 API (moto's server)
is tested with the catalogue: tests/catalogue/test_s3_storage.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEY = "Qm9yZ2VyZW4tdGVzdGVyLWxhZ3JpbmdzaW5kc3RpbGxpbmdlcm5lLTIwMjY"
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage, storages
print(json.dumps({
    "default": settings.STORAGES["default"]["BACKEND"],
    "class": type(storages["default"]).__module__ + "." + type(storages["default"]).__name__,
    "bucket": getattr(default_storage, "bucket_name", None),
    "endpoint": getattr(default_storage, "endpoint_url", None),
    "url": default_storage.url("images/kort.png"),
    "catalogue": type(storages["catalogue"]).__name__,
    "catalogue_bucket": getattr(storages["catalogue"], "bucket_name", None),
    "catalogue_overwrite": getattr(storages["catalogue"], "file_overwrite", None),
}))
"""


def settings_with(**env: str) -> dict:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("S3_") and key != "CATALOGUE_ROOT"
    }
    environment.update(DJANGO_SETTINGS_MODULE="skoletjenesten.settings.production", SECRET_KEY=KEY)
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_local_folder_is_the_default():
    probe = settings_with()
    assert probe["default"] == "django.core.files.storage.FileSystemStorage"
    assert probe["url"] == "/media/images/kort.png"
    assert probe["catalogue"] == "AtomicFileSystemStorage"  # a name holds a whole file or nothing


def test_s3_bucket_selects_object_storage_with_signed_urls():
    probe = settings_with(
        S3_BUCKET="skoletjenesten-media",
        S3_ENDPOINT_URL="http://minio:9000",
        S3_ACCESS_KEY_ID="minio-bruger",
        S3_SECRET_ACCESS_KEY="minio-hemmelighed",
    )
    assert probe["class"] == "storages.backends.s3.S3Storage"
    assert (probe["bucket"], probe["endpoint"]) == ("skoletjenesten-media", "http://minio:9000")
    assert probe["url"].startswith("http://minio:9000/skoletjenesten-media/images/kort.png?")
    assert "X-Amz-Signature=" in probe["url"]
    # The catalogue's parts and files go to the same bucket (under catalogue/, private): no shared disk.
    assert (probe["catalogue"], probe["catalogue_bucket"]) == ("S3Storage", "skoletjenesten-media")
    assert probe["catalogue_overwrite"] is True  # a retried part replaces its name instead of getting another


def test_a_public_address_gives_plain_urls_through_the_proxy():
    probe = settings_with(
        S3_BUCKET="skoletjenesten-media",
        S3_ENDPOINT_URL="http://minio:9000",
        S3_ACCESS_KEY_ID="minio-bruger",
        S3_SECRET_ACCESS_KEY="minio-hemmelighed",
        S3_PUBLIC_URL="https://skoletjenesten.dk/media",
    )
    assert probe["url"] == "https://skoletjenesten.dk/media/images/kort.png"


def test_a_bucket_without_keys_refuses_to_start():
    environment = {key: value for key, value in os.environ.items() if not key.startswith("S3_")}
    environment.update(DJANGO_SETTINGS_MODULE="skoletjenesten.settings.production", SECRET_KEY=KEY, S3_BUCKET="b")
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode != 0 and "S3_ACCESS_KEY_ID must be set" in result.stderr
