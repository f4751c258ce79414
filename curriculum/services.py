"""Loading the education reference data, idempotently, from the CSV files in data/."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from skoletjenesten.text import danish_slugify

from .models import BroadArea, Grade, Subject, SubjectArea, SubjectKind, SustainableDevelopmentGoal, TargetGroup

DATA_DIR = Path(__file__).resolve().parent / "data"

TARGET_GROUPS = [
    ("dagtilbud", "Dagtilbud"),
    ("grundskole", "Grundskole"),
    ("ungdomsuddannelse", "Ungdomsuddannelse"),
]

# (slug, name, short name, target group, position)
GRADES = (
    [("vuggestue", "Vuggestue", "Vuggestue", "dagtilbud", 0), ("boernehave", "Børnehave", "Børnehave", "dagtilbud", 1)]
    + [
        (f"{n}-klasse", "0. klasse (børnehaveklasse)" if n == 0 else f"{n}. klasse", f"{n}.", "grundskole", n + 2)
        for n in range(0, 11)
    ]
    + [
        (code, name, code, "ungdomsuddannelse", Grade.POSITION_YOUTH_EDUCATION)
        for code, name in [
            ("stx", "stx (gymnasium)"),
            ("hhx", "hhx (handelsgymnasium)"),
            ("htx", "htx (teknisk gymnasium)"),
            ("hf", "hf"),
            ("eud", "eud (erhvervsuddannelse)"),
            ("eux", "eux"),
        ]
    ]
)

# The real catalogue's 7 sections, their broad area, then the two areas DOMAIN.md adds.
SUBJECT_AREA_BROAD = {
    "Kunst, design og arkitektur": BroadArea.ART,
    "Kulturhistoriske museer": BroadArea.CULTURE,
    "Kulturhistoriske miljøer": BroadArea.CULTURE,
    "Scenekunst, musik, film og bevægelse": BroadArea.ART,
    "Naturfag og naturvidenskab": BroadArea.NATURE,
    "Lokalhistoriske museer": BroadArea.CULTURE,
    "Kultur, udvikling og samfund": BroadArea.CULTURE,
}
EXTRA_SUBJECT_AREAS = [
    ("Teknologi, innovation og STEM", BroadArea.SCIENCE),
    ("Erhverv og virksomheder", BroadArea.BUSINESS),
]


def _rows(filename: str) -> list[dict[str, str]]:
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _school_position(value: str) -> int | None:
    return Grade.position_for_school_grade(int(value)) if value else None


@transaction.atomic
def load_curriculum() -> None:
    for order, (slug, name) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    groups = {group.slug: group for group in TargetGroup.objects.all()}

    for order, (slug, name, short_name, group, position) in enumerate(GRADES):
        Grade.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": short_name,
                "target_group": groups[group],
                "position": position,
                "sort_order": order,
            },
        )

    order = 0
    for row in _rows("folkeskole_fag.csv"):
        if row["fag"].startswith("Valgfag"):
            continue  # "other electives" is no subject a teacher searches for
        # Where L 41 changed a subject's grades, the new range applies.
        position_from = _school_position(row["l41_klassetrin_fra"] or row["klassetrin_fra"])
        position_to = _school_position(row["l41_klassetrin_til"] or row["klassetrin_til"])
        kind = SubjectKind.SUBJECT
        if "emne" in row["type"]:
            kind = SubjectKind.OBLIGATORY_TOPIC
        elif row["type"].startswith("valgfag"):
            kind = SubjectKind.ELECTIVE
        Subject.objects.update_or_create(
            slug=danish_slugify(row["fag"].replace("/", " ")),
            defaults={
                "name": row["fag"],
                "kind": kind,
                "subject_block": row["fagblok"],
                "position_from": position_from,
                "position_to": position_to,
                "sort_order": order,
            },
        )
        order += 1

    sections = _rows("skoletjenesten_katalogkategorier.csv")
    areas = [(row["kategori"], SUBJECT_AREA_BROAD[row["kategori"]], int(row["nr"])) for row in sections]
    areas += [(name, broad, len(sections) + i + 1) for i, (name, broad) in enumerate(EXTRA_SUBJECT_AREAS)]
    for name, broad, position in areas:
        SubjectArea.objects.update_or_create(
            slug=danish_slugify(name),
            defaults={"name": name, "broad_area": broad, "catalogue_position": position},
        )

    for row in _rows("verdensmaal.csv"):
        SustainableDevelopmentGoal.objects.update_or_create(
            number=int(row["nr"]),
            defaults={"name": row["navn_da"], "name_en": row["navn_en"], "colour": row["farve_hex"]},
        )
