"""Catalogue fixtures: a small but varied set of published offers (all sections, target groups)."""

from __future__ import annotations

import datetime
import shutil
import socket

import pytest
import requests

from catalogue.models import CatalogueEdition
from curriculum.models import SubjectArea
from demo.factories import make_environment, make_offer

GRADE_SPANS = [("boernehave", "boernehave"), ("0-klasse", "3-klasse"), ("4-klasse", "9-klasse"), ("stx", "hf")]
SUBJECTS = [["dansk"], ["natur-teknologi", "matematik"], ["historie"], ["billedkunst", "musik"], []]
POSTCODES = ["8000", "2300", "5000", "9000"]


def build_offers(index, count: int, *, prefix: str = "Tilbud") -> list:
    """``count`` offers spread over every subject area, target group and four kommuner."""
    areas = list(SubjectArea.objects.order_by("catalogue_position").values_list("slug", flat=True))
    environments = [
        make_environment(index, title=f"Læringsmiljø {letter}", postcode=postcode)
        for letter, postcode in zip("ABCD", POSTCODES, strict=True)
    ]
    offers = []
    for number in range(count):
        offers.append(
            make_offer(
                environments[number % len(environments)],
                title=f"{prefix} {number:03d} {areas[number % len(areas)][:12]}",
                grades=GRADE_SPANS[number % len(GRADE_SPANS)],
                subjects=SUBJECTS[number % len(SUBJECTS)],
                subject_areas=[areas[number % len(areas)]],
                months=[9, 10] if number % 3 else [],
                is_free=number % 2 == 0,
                price_amount=None if number % 2 == 0 else 450,
                price_note="" if number % 2 == 0 else "pr. klasse",
                duration="2 timer" if number % 5 else "",
                booking_email="booking@example.dk" if number % 4 else "",
            )
        )
    return offers


@pytest.fixture(autouse=True)
def catalogue_media(tmp_path, settings):
    """Each test writes its catalogue files under its own MEDIA_ROOT."""
    media = settings.MEDIA_ROOT = tmp_path / "media"
    yield media
    shutil.rmtree(media, ignore_errors=True)  # this test's folder, even if the test pointed MEDIA_ROOT elsewhere


@pytest.fixture
def small_chunks(settings):
    settings.CATALOGUE_CHUNK_SIZE = 8


@pytest.fixture
def offers(environment_index):
    return build_offers(environment_index, 36)


@pytest.fixture
def edition(db) -> CatalogueEdition:
    return CatalogueEdition.objects.create(
        school_year=2027,
        title="Skoletjenestens katalog",
        introduction="<p>Velkommen til <b>årets</b> katalog.</p>",
        deadline=datetime.date(2027, 3, 1),
    )


S3_BUCKET = "skoletjenesten-test"


@pytest.fixture
def s3(monkeypatch, settings):
    """A real S3 API (moto's server, over HTTP on this machine) as the catalogue storage, set up by the same
    ``catalogue_storage()`` production uses; the environment names it, so a worker started here uses it too.

    Yields a boto3 client to look into the bucket.
    """
    # moto and boto3 load only for the tests that use S3 (moto's import takes seconds)
    import boto3
    from moto.server import ThreadedMotoServer

    from skoletjenesten.env import catalogue_storage

    # A port the system gives out now: a fixed one can be taken by another checkout's run on this machine,
    # and then moto's server thread never answers and the test waits until pytest's timeout.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    environment = {
        "S3_BUCKET": S3_BUCKET,
        "S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "S3_ACCESS_KEY_ID": "katalog-test",
        "S3_SECRET_ACCESS_KEY": "katalog-test-hemmelighed",
        "S3_REGION": "us-east-1",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3",
        endpoint_url=environment["S3_ENDPOINT_URL"],
        aws_access_key_id=environment["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=environment["S3_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=S3_BUCKET)
    settings.STORAGES = {**settings.STORAGES, "catalogue": catalogue_storage()}
    yield client
    requests.post(f"{environment['S3_ENDPOINT_URL']}/moto-api/reset", timeout=10)  # the next test starts empty
    server.stop()


def bucket_keys(client, prefix: str = "") -> list[str]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=S3_BUCKET, Prefix=prefix)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))
