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

from opendata import dataset
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
