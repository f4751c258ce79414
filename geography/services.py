"""Writes for geography: loading regions, kommuner and postcodes from the bundled reference files."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from skoletjenesten.text import danish_slugify

from .models import Municipality, Postcode, Region

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(filename: str) -> list[dict[str, str]]:
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _sync(model, key: str, records: dict[str, dict]) -> None:
    """Create missing rows and update changed ones, keyed by ``key``."""
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    to_create, to_update, fields = [], [], set()
    for value, attrs in records.items():
        obj = existing.get(value)
        if obj is None:
            to_create.append(model(**{key: value}, **attrs))
            continue
        changed = [name for name, new in attrs.items() if getattr(obj, name) != new]
        if changed:
            for name in changed:
                setattr(obj, name, attrs[name])
            fields.update(changed)
            to_update.append(obj)
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields))


@transaction.atomic
def load_geography() -> None:
    _sync(
        Region,
        "code",
        {
            row["regionskode"]: {
                "name": row["navn"],
                "short_name": row["kortnavn"],
                "nuts2": row["nuts2"],
                "latitude": float(row["lat"]),
                "longitude": float(row["lon"]),
            }
            for row in _rows("dk_regioner.csv")
        },
    )
    regions = {region.code: region.pk for region in Region.objects.all()}
    _sync(
        Municipality,
        "code",
        {
            row["kommunekode"]: {
                "name": row["navn"],
                "slug": danish_slugify(row["navn"]),
                "region_id": regions[row["regionskode"]],
                "latitude": float(row["lat"]),
                "longitude": float(row["lon"]),
            }
            for row in _rows("dk_kommuner.csv")
        },
    )
    municipalities = {municipality.code: municipality.pk for municipality in Municipality.objects.all()}
    postcodes = {}
    for row in _rows("dk_postnumre.csv"):
        first, _, last = row["postnr"].partition("-")
        postcodes[row["postnr"]] = {
            "first_number": int(first),
            "last_number": int(last or first),
            "name": row["navn"],
            "municipality_id": municipalities[row["kommunekode"]],
            "latitude": float(row["lat"]),
            "longitude": float(row["lon"]),
        }
    _sync(Postcode, "code", postcodes)
