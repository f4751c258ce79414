"""The nightly open dataset: JSON + CSV + licence + checksums per day, atomic files, the public page."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import shutil

import pytest
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from demo import opendata as demo_opendata
from demo.factories import make_offer
from geography.models import Municipality, Postcode
from municipalities.services import create_municipal_site
from offers.models import OfferPage
from opendata import dataset
from opendata.offer_rows import OfferRowBuilder, offer_rows
from opendata.serializers import Lookups, OfferDetailSerializer
from opendata.tasks import export_open_dataset as export_task

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def clean_root():
    shutil.rmtree(settings.OPEN_DATA_ROOT, ignore_errors=True)
    yield
    shutil.rmtree(settings.OPEN_DATA_ROOT, ignore_errors=True)


def test_export_writes_every_live_offer_as_json_and_csv_with_licence_and_checksums(catalogue):
    catalogue["pond"].unpublish()
    version = dataset.export_open_dataset(day=DAY)
    folder = settings.OPEN_DATA_ROOT / "2026-11-27"
    assert version.path == folder
    assert sorted(p.name for p in folder.iterdir()) == sorted([*dataset.FILES, "manifest.json"])
    data = json.loads((folder / "tilbud.json").read_text(encoding="utf-8"))
    assert data["count"] == len(catalogue) - 1 == len(data["offers"])
    assert data["licence"]["name"].startswith("Creative Commons")
    titles = {offer["title"] for offer in data["offers"]}
    assert "Liv i vandhullet" not in titles and "Vikingerne på havet" in titles
    vikings = next(offer for offer in data["offers"] if offer["title"] == "Vikingerne på havet")
    assert vikings["url"].startswith("http://testserver/") and "<p>" in vikings["description"]
    raw = (folder / "tilbud.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["id", "slug", "titel"] and len(rows) == data["count"] + 1
    by_title = {row[2]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_title["Vikingerne på havet"]["pris_kr"] == "1200,00"
    assert by_title["Vikingerne på havet"]["sprog"] == "da|en"
    assert "CC BY 4.0" in (folder / "LICENS.txt").read_text(encoding="utf-8")
    sums = dict(reversed(line.split("  ")) for line in (folder / "SHA256SUMS").read_text().splitlines())
    for name in ("tilbud.json", "tilbud.csv", "LICENS.txt"):
        assert sums[name] == hashlib.sha256((folder / name).read_bytes()).hexdigest()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["count"] == data["count"]
    assert {f["name"]: f["sha256"] for f in manifest["files"]}["tilbud.csv"] == sums["tilbud.csv"]


def test_dataset_rows_equal_the_apis_offer_objects_key_for_key(catalogue):
    """The dataset builds offers from values() rows, not the serializer; what it writes must not differ."""
    create_municipal_site(municipality=Municipality.objects.get(code="0101"), hostname="kbh.testserver")
    vikings = catalogue["vikings"]
    make_offer(
        vikings.environment,
        title="Skibsbygning på egen plads",  # a non-ASCII slug: the URL is percent-encoded by reverse()
        use_environment_location=False,
        location_address="Strandvejen 1",
        location_postcode=Postcode.lookup("8000"),
        description=f'<p>Se også <a linktype="page" id="{vikings.pk}">vikingerne</a>.</p>',
        preparation_material="<p>Tag <b>varmt tøj</b> på.</p>",
        duration="3 timer",
        duration_minutes=180,
        is_free=False,
        price_amount=750.5,
        price_note="pr. klasse",
        group_size_min=10,
        group_size_max=28,
        period_start=datetime.date(2027, 3, 1),
        period_end=datetime.date(2027, 6, 30),
        last_verified=datetime.date(2026, 8, 1),
        booking_email="book@vikingeskibsmuseet.dk",
    )
    catalogue["pond"].unpublish()
    request = dataset._base_request()
    offers = list(
        OfferPage.objects.live()
        .public()
        .select_related("environment", "municipality", "grade_from", "grade_to")
        .order_by("pk")
    )
    expected = OfferDetailSerializer(offers, many=True, context={"request": request, "lookups": Lookups.load(offers)})
    builder = OfferRowBuilder(request=request, lookups=Lookups.load())
    built = []
    for chunk in offer_rows(OfferPage.objects.live().public(), chunk_size=2):
        builder.load_environments(row["environment_id"] for row in chunk)
        built += [builder.build(row) for row in chunk]

    def encode(items):
        return [json.dumps(item, ensure_ascii=False, cls=DjangoJSONEncoder) for item in items]

    assert len(built) == len(catalogue) and encode(built) == encode(expected.data)
    own = next(item for item in built if item["title"] == "Skibsbygning på egen plads")
    assert own["location"]["postcode"] == "8000" and not own["location"]["at_environment"]
    assert "%C3%A5" in own["url"] and own["url"].startswith("http://testserver/")
    assert f'href="{vikings.url}"' in own["description"]


def test_a_failed_export_leaves_the_published_files_whole_and_no_temporary_files(catalogue, monkeypatch):
    dataset.export_open_dataset(day=DAY)
    folder = settings.OPEN_DATA_ROOT / "2026-11-27"
    before = {name: (folder / name).read_bytes() for name in dataset.FILES}

    def broken(item):
        raise RuntimeError("disk full")

    monkeypatch.setattr(dataset, "_csv_row", broken)
    with pytest.raises(RuntimeError):
        dataset.export_open_dataset(day=DAY)
    assert {name: (folder / name).read_bytes() for name in dataset.FILES} == before
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_versions_by_date_and_old_ones_pruned(catalogue):
    for offset in range(4):
        dataset.export_open_dataset(day=DAY - datetime.timedelta(days=offset), keep=3)
    days = [version.day for version in dataset.published_versions()]
    assert days == [DAY, DAY - datetime.timedelta(days=1), DAY - datetime.timedelta(days=2)]


def test_the_celery_task_writes_todays_version(catalogue):
    result = export_task.apply().get()
    assert result["count"] == len(catalogue)
    assert "opendata-export-dataset" in settings.CELERY_BEAT_SCHEDULE


def test_open_data_page_links_the_files_and_the_api(client, catalogue):
    empty = client.get("/aabne-data/")
    assert empty.status_code == 200 and "ikke lavet endnu" in empty.content.decode()
    dataset.export_open_dataset(day=DAY)
    dataset.export_open_dataset(day=DAY - datetime.timedelta(days=1))
    html = client.get("/aabne-data/").content.decode()
    assert "/aabne-data/filer/2026-11-27/tilbud.json" in html and "/aabne-data/filer/2026-11-26/tilbud.csv" in html
    assert "/api/v1/docs/" in html and "CC BY 4.0" in html
    download = client.get("/aabne-data/filer/2026-11-27/tilbud.csv")
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"\xef\xbb\xbf")
    assert (
        client.get("/aabne-data/filer/2026-11-27/tilbud.json", HTTP_ORIGIN="https://x.dk")[
            "Access-Control-Allow-Origin"
        ]
        == "*"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/aabne-data/filer/2026-11-27/manifest.json",
        "/aabne-data/filer/2026-11-27/..%2Fsettings.py",
        "/aabne-data/filer/2026-13-45/tilbud.json",
        "/aabne-data/filer/1999-01-01/tilbud.json",
        "/aabne-data/filer/../../etc/passwd",
    ],
)
def test_only_finished_dataset_files_are_served(client, catalogue, url):
    dataset.export_open_dataset(day=DAY)
    assert client.get(url).status_code == 404


def test_footer_links_the_open_data_page(client, catalogue):
    assert 'href="/aabne-data/"' in client.get("/tilbud/").content.decode()


def test_the_demo_writes_the_first_version_so_a_new_site_has_files_to_download(client, catalogue):
    assert "ikke lavet endnu" in client.get("/aabne-data/").content.decode()
    demo_opendata.seed_demo_data(seed=1, stdout=io.StringIO())
    (version,) = dataset.published_versions()
    html = client.get("/aabne-data/").content.decode()
    assert f"/aabne-data/filer/{version.day.isoformat()}/tilbud.csv" in html and "ikke lavet endnu" not in html
    demo_opendata.seed_demo_data(seed=1, stdout=io.StringIO())  # a second run adds nothing
    assert len(dataset.published_versions()) == 1
