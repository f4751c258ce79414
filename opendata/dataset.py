"""The open dataset: every live, public offer as JSON and CSV, with a licence and checksums, one folder per day.

``export_open_dataset()`` writes ``<OPEN_DATA_ROOT>/<YYYY-MM-DD>/``: ``tilbud.json`` (the API's offer objects,
with the long texts), ``tilbud.csv`` (one row per offer, UTF-8 with BOM and ``;`` as the catalogue's CSV, so
Excel opens it in Danish), ``LICENS.txt`` and ``SHA256SUMS``, then ``manifest.json`` last. Every file is
written under a temporary name in the same folder, flushed to disk and renamed into place, so a reader sees
the old file or the new one, never half a file; the public page lists only days whose manifest exists.
Offers are read as ``values()`` rows in chunks of ``CHUNK_SIZE`` by id, built into the API's offer objects
by ``offer_rows.OfferRowBuilder`` (no model instances, no query per offer) and streamed to the files, so
memory stays flat.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site

from offers.models import OfferPage

from .offer_rows import OfferRowBuilder, offer_rows
from .serializers import Lookups

CHUNK_SIZE = 2000
FILES = ("tilbud.json", "tilbud.csv", "LICENS.txt", "SHA256SUMS")
MANIFEST = "manifest.json"
LICENCE_NAME = "Creative Commons Navngivelse 4.0 International (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.da"
LICENCE_TEXT = f"""Skoletjenestens åbne data: undervisningstilbud

Licens: {LICENCE_NAME}
{LICENCE_URL}

Du må kopiere, videreformidle, bearbejde og bruge data til ethvert formål, også kommercielt,
når du angiver kilden: »Kilde: Skoletjenesten (skoletjenesten.dk), CC BY 4.0«.

Data indeholder kun offentligt publicerede tilbud. Kontaktpersoner indgår ikke. Læringsmiljøerne er
ansvarlige for deres tilbud; kontrollér datoer og priser hos læringsmiljøet før booking.

Filer: tilbud.json (samme felter som API'et, /api/v1/offers/<id>/), tilbud.csv (UTF-8 med BOM, semikolon),
SHA256SUMS (kontrolsummer, tjek med `sha256sum -c SHA256SUMS`).
"""
CSV_COLUMNS = [
    "id", "slug", "titel", "url", "kort_beskrivelse", "laeringsmiljoe_id", "laeringsmiljoe", "miljoetype",
    "kommunekode", "kommune", "regionskode", "klassetrin_fra", "klassetrin_til", "maalgrupper", "fag",
    "fagomraader", "verdensmaal", "former", "sprog", "maaneder", "varighed", "varighed_minutter", "gratis",
    "pris_kr", "om_prisen", "pris", "periode_fra", "periode_til", "datoer", "booking_url", "booking_email",
    "booking_telefon", "adresse", "postnummer", "by", "breddegrad", "laengdegrad", "niveaufri_adgang",
    "saerlige_behov", "foerst_publiceret", "sidst_publiceret", "sidst_kontrolleret",
]  # fmt: skip


@dataclass
class DatasetVersion:
    day: datetime.date
    path: Path
    manifest: dict[str, Any]

    @property
    def files(self) -> list[dict[str, Any]]:
        return self.manifest.get("files", [])


def dataset_root() -> Path:
    return Path(settings.OPEN_DATA_ROOT)


def _base_request():
    """A request for the national site's address, so URLs in the files are absolute."""
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = (site.hostname, site.port) if site else ("localhost", 80)
    secure = port == 443
    return RequestFactory().get("/", SERVER_NAME=hostname, SERVER_PORT=str(port), secure=secure)


def _csv_row(item: dict[str, Any]) -> list[Any]:
    environment = item["environment"] or {}
    municipality = item["municipality"] or {}
    location = item["location"]

    def join(values, key="slug"):
        return "|".join(str(value[key]) for value in values)

    return [
        item["id"], item["slug"], item["title"], item["url"], item["teaser"], environment.get("id", ""),
        environment.get("title", ""), environment.get("type") or "", municipality.get("code", ""),
        municipality.get("name", ""), (item["region"] or {}).get("code", ""), item["grade_from"]["slug"],
        item["grade_to"]["slug"], join(item["target_groups"]), join(item["subjects"]), join(item["subject_areas"]),
        join(item["sdgs"], "number"), join(item["formats"], "value"), join(item["languages"], "value"),
        "|".join(str(month) for month in item["months"]), item["duration"], item["duration_minutes"] or "",
        "ja" if item["price"]["is_free"] else "nej",
        "" if item["price"]["amount"] is None else f"{item['price']['amount']:.2f}".replace(".", ","),
        item["price"]["note"], item["price"]["label"], item["period_start"] or "", item["period_end"] or "",
        item["dates_note"],
        item["booking"]["url"], item["booking"]["email"], item["booking"]["phone"], location["address"],
        location["postcode"] or "", location["city"] or "", location["latitude"] or "", location["longitude"] or "",
        "ja" if item["accessibility"]["step_free_access"] else "nej",
        "ja" if item["accessibility"]["special_needs_adapted"] else "nej",
        item["first_published_at"] or "", item["last_published_at"] or "", item["last_verified"] or "",
    ]  # fmt: skip


class _AtomicFile:
    """A file written under a temporary name in the target folder and renamed into place on success."""

    def __init__(self, target: Path, mode: str = "w", **kwargs) -> None:
        self.target = target
        descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self.temp = Path(name)
        self.file = os.fdopen(descriptor, mode, **kwargs)

    def __enter__(self):
        return self.file

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.file.flush()
                os.fsync(self.file.fileno())
            self.file.close()
            if exc_type is None:
                os.chmod(self.temp, 0o644)
                os.replace(self.temp, self.target)
        finally:
            if self.temp.exists():
                self.temp.unlink()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_open_dataset(*, day: datetime.date | None = None, keep: int | None = None) -> DatasetVersion:
    """Write today's (or ``day``'s) dataset folder; keep the newest ``keep`` days (OPEN_DATA_KEEP_DAYS)."""
    day = day or timezone.localdate()
    keep = settings.OPEN_DATA_KEEP_DAYS if keep is None else keep
    folder = dataset_root() / day.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    request = _base_request()
    generated = timezone.now()
    count = 0
    json_path, csv_path = folder / "tilbud.json", folder / "tilbud.csv"
    with (
        _AtomicFile(json_path, "w", encoding="utf-8") as json_file,
        _AtomicFile(csv_path, "w", encoding="utf-8-sig", newline="") as csv_file,
    ):
        header = {
            "title": "Skoletjenesten: undervisningstilbud",
            "licence": {"name": LICENCE_NAME, "url": LICENCE_URL, "attribution": "Kilde: Skoletjenesten"},
            "generated_at": generated.isoformat(),
            "date": day.isoformat(),
            "api": request.build_absolute_uri("/api/v1/"),
        }
        json_file.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "offers": [\n')
        writer = csv.writer(csv_file, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        builder = OfferRowBuilder(request=request, lookups=Lookups.load())
        encode = DjangoJSONEncoder(ensure_ascii=False).encode  # as json.dumps(..., cls=DjangoJSONEncoder)
        for chunk in offer_rows(OfferPage.objects.live().public(), chunk_size=CHUNK_SIZE):
            builder.load_environments(row["environment_id"] for row in chunk)
            buffer = io.StringIO()
            for row in chunk:
                item = builder.build(row)
                buffer.write(",\n" if count else "")
                buffer.write(encode(item))
                writer.writerow(_csv_row(item))
                count += 1
            json_file.write(buffer.getvalue())
        json_file.write(f'\n], "count": {count}}}\n')
    with _AtomicFile(folder / "LICENS.txt", "w", encoding="utf-8") as licence:
        licence.write(LICENCE_TEXT)
    checksums = {name: _sha256(folder / name) for name in ("tilbud.json", "tilbud.csv", "LICENS.txt")}
    with _AtomicFile(folder / "SHA256SUMS", "w", encoding="utf-8") as sums:
        sums.writelines(f"{digest}  {name}\n" for name, digest in checksums.items())
    manifest = {
        "date": day.isoformat(),
        "generated_at": generated.isoformat(),
        "count": count,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "files": [
            {"name": name, "size": (folder / name).stat().st_size, "sha256": checksums.get(name)} for name in FILES
        ],
    }
    with _AtomicFile(folder / MANIFEST, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=2)
    _prune(keep)
    return DatasetVersion(day=day, path=folder, manifest=manifest)


def _prune(keep: int) -> None:
    versions = sorted(_day_folders(), reverse=True)
    for _day, folder in versions[keep:]:
        shutil.rmtree(folder, ignore_errors=True)


def _day_folders() -> list[tuple[datetime.date, Path]]:
    root = dataset_root()
    if not root.is_dir():
        return []
    found = []
    for folder in root.iterdir():
        try:
            found.append((datetime.date.fromisoformat(folder.name), folder))
        except ValueError:
            continue
    return found


def published_versions() -> list[DatasetVersion]:
    """The finished versions (those with a manifest), newest first."""
    versions = []
    for day, folder in sorted(_day_folders(), reverse=True):
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        versions.append(DatasetVersion(day=day, path=folder, manifest=manifest))
    return versions
