"""The API's full offer object (``OfferDetailSerializer``) built from plain ``values()`` rows, for the dataset.

The nightly dataset serialises every live offer (100,000 and more). Model instances (a Wagtail page and its
select_related rows each), DRF's per-field machinery and a ``reverse()`` per page URL cost ~2 ms per offer;
this module builds the same dictionaries, key for key and value for value, from one ``values()`` query per
chunk and reference data loaded once: environments, kommuner, postcodes and labels are maps by id, and page
URLs are the site's root URL plus the page's ``url_path`` (what ``Page.get_full_url()`` computes), falling
back to Wagtail's ``reverse()`` for any path that is not plain ASCII. ``tests/opendata/test_dataset.py``
checks that the result equals the serializer's for every offer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone
from wagtail.rich_text import expand_db_html

from geography.models import Municipality, Postcode
from offers.models import LearningEnvironmentPage, OfferFormat, OfferLanguage
from offers.presenters import OfferFacts
from skoletjenesten.page_urls import PageUrls

from .serializers import Lookups

OFFER_FIELDS = (
    "id", "slug", "title", "teaser", "url_path", "environment_id", "municipality_id", "region_id",
    "grade_from_id", "grade_to_id", "grade_min", "grade_max", "subject_ids", "subject_area_ids", "sdg_ids",
    "formats", "languages", "months", "duration", "duration_minutes", "is_free", "price_amount", "price_note",
    "group_size_min", "group_size_max", "period_start", "period_end", "dates_note", "booking_url",
    "booking_email", "booking_phone", "booking_deadline_note", "use_environment_location", "location_address",
    "location_postcode_id", "latitude", "longitude", "step_free_access", "special_needs_adapted",
    "accessibility_info", "first_published_at", "last_published_at", "last_verified", "description",
    "preparation_material", "follow_up_material",
)  # fmt: skip


def _iso_datetime(value, zone) -> str | None:
    """As DRF's DateTimeField renders it (ISO 8601 in the current time zone, UTC as Z)."""
    if not value:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _first(pair):
    return pair[0]


def _iso_date(value) -> str | None:
    return value.isoformat() if value else None


class OfferRowBuilder:
    """Builds ``OfferDetailSerializer(offer).data`` from ``values(*OFFER_FIELDS)`` rows, with no query per row."""

    def __init__(self, *, request, lookups: Lookups) -> None:
        self.request = request
        self.lookups = lookups
        self.urls = PageUrls(request)
        self.zone = timezone.get_current_timezone()
        self.offer_api = lookups.api_url(request, "offer-detail", 0)[:-2]
        self.environment_api = lookups.api_url(request, "environment-detail", 0)[:-2]
        self.grades = {
            grade.pk: {"slug": grade.slug, "name": grade.name, "position": int(grade.position)}
            for grade in lookups.grades
        }
        self.grade_names = {grade.pk: grade.name for grade in lookups.grades}
        self.regions = {pk: {"code": region.code, "name": region.name} for pk, region in lookups.regions.items()}
        self.subjects = {pk: {"slug": item.slug, "name": item.name} for pk, item in lookups.subjects.items()}
        self.subject_areas = {pk: {"slug": a.slug, "name": a.name} for pk, a in lookups.subject_areas.items()}
        self.sdgs = {pk: (goal.number, {"number": goal.number, "name": goal.name}) for pk, goal in lookups.sdgs.items()}
        self.target_groups = [
            (low, high, {"slug": group.slug, "name": group.name}) for group, low, high in lookups.target_groups
        ]
        self.format_labels = {value: str(label) for value, label in OfferFormat.choices}
        self.language_labels = {value: str(label) for value, label in OfferLanguage.choices}
        self.municipalities = {
            pk: {"code": code, "slug": slug, "name": name}
            for pk, code, slug, name in Municipality.objects.values_list("pk", "code", "slug", "name")
        }
        self.postcodes = {pk: (code, name) for pk, code, name in Postcode.objects.values_list("pk", "code", "name")}
        self.environments: dict[int, dict[str, Any]] = {}
        self.labels: dict[tuple, tuple[str, str, str]] = {}

    def load_environments(self, ids: Iterable[int]) -> None:
        """The environments of a chunk not seen yet, one query (each environment's URL computed once)."""
        missing = {pk for pk in ids if pk is not None and pk not in self.environments}
        if not missing:
            return
        rows = LearningEnvironmentPage.objects.filter(pk__in=missing).values_list(
            "pk", "slug", "title", "environment_type_id", "url_path", "street_address", "postcode_id"
        )
        for pk, slug, title, type_id, url_path, address, postcode_id in rows:
            kind = self.lookups.environment_types.get(type_id)
            self.environments[pk] = {
                "ref": {
                    "id": pk,
                    "slug": slug,
                    "title": title,
                    "type": kind.slug if kind else None,
                    "url": self.urls.full_url(url_path),
                    "api_url": f"{self.environment_api}{pk}/",
                },
                "address": address,
                "postcode_id": postcode_id,
            }

    def _labels(self, row: dict[str, Any]) -> tuple[str, str, str]:
        """Grades, price and group size in words, as the page, the card and the API word them (OfferFacts),
        kept per combination of the fields they read: most offers share one, and wording one costs gettext."""
        key = (
            row["grade_from_id"], row["grade_to_id"], row["is_free"], row["price_amount"], row["price_note"],
            row["group_size_min"], row["group_size_max"],
        )  # fmt: skip
        labels = self.labels.get(key)
        if labels is None:
            if len(self.labels) > 20_000:  # free-text price notes: keep memory flat
                self.labels.clear()
            facts = OfferFacts.from_row(row, grade_names=self.grade_names)
            labels = self.labels[key] = (facts.grades, facts.price_text, facts.group_size)
        return labels

    def build(self, row: dict[str, Any]) -> dict[str, Any]:
        environment = self.environments.get(row["environment_id"]) if row["environment_id"] is not None else None
        at_environment = bool(row["use_environment_location"]) and environment is not None
        if row["use_environment_location"] and environment is not None:
            address, postcode_id = environment["address"], environment["postcode_id"]
        else:
            address, postcode_id = row["location_address"], row["location_postcode_id"]
        postcode = self.postcodes.get(postcode_id) if postcode_id else None
        low, high = row["grade_min"], row["grade_max"]
        subjects, areas, sdgs = self.subjects, self.subject_areas, self.sdgs
        formats, languages = self.format_labels, self.language_labels
        amount = row["price_amount"]
        labels = self._labels(row)
        return {
            "id": row["id"],
            "slug": row["slug"],
            "title": row["title"],
            "teaser": row["teaser"],
            "url": self.urls.full_url(row["url_path"]),
            "api_url": f"{self.offer_api}{row['id']}/",
            "environment": environment["ref"] if environment is not None else None,
            "municipality": self.municipalities.get(row["municipality_id"]),
            "region": self.regions.get(row["region_id"]),
            "grade_from": self.grades[row["grade_from_id"]],
            "grade_to": self.grades[row["grade_to_id"]],
            "grades_label": labels[0],
            "target_groups": [group for g_low, g_high, group in self.target_groups if g_low <= high and g_high >= low],
            "subjects": [subjects[pk] for pk in row["subject_ids"] if pk in subjects],
            "subject_areas": [areas[pk] for pk in row["subject_area_ids"] if pk in areas],
            "sdgs": [pair[1] for pair in sorted((sdgs[pk] for pk in row["sdg_ids"] if pk in sdgs), key=_first)],
            "formats": [{"value": value, "label": formats[value]} for value in row["formats"] if value in formats],
            "languages": [
                {"value": value, "label": languages[value]} for value in row["languages"] if value in languages
            ],
            "months": [int(month) for month in row["months"]],
            "duration": row["duration"],
            "duration_minutes": row["duration_minutes"],
            "price": {
                "is_free": row["is_free"],
                "amount": None if row["is_free"] or amount is None else float(amount),
                "currency": "DKK",
                "note": row["price_note"],
                "label": labels[1],
            },
            "group_size": {"min": row["group_size_min"], "max": row["group_size_max"], "label": labels[2]},
            "period_start": _iso_date(row["period_start"]),
            "period_end": _iso_date(row["period_end"]),
            "dates_note": row["dates_note"],
            "booking": {
                "url": row["booking_url"],
                "email": row["booking_email"],
                "phone": row["booking_phone"],
                "deadline_note": row["booking_deadline_note"],
            },
            "location": {
                "at_environment": at_environment,
                "address": address,
                "postcode": postcode[0] if postcode else None,
                "city": postcode[1] if postcode else None,
                "latitude": row["latitude"],
                "longitude": row["longitude"],
            },
            "accessibility": {
                "step_free_access": row["step_free_access"],
                "special_needs_adapted": row["special_needs_adapted"],
                "info": row["accessibility_info"],
            },
            "first_published_at": _iso_datetime(row["first_published_at"], self.zone),
            "last_published_at": _iso_datetime(row["last_published_at"], self.zone),
            "last_verified": _iso_date(row["last_verified"]),
            "distance_km": None,
            "description": expand_db_html(row["description"]),
            "preparation_material": expand_db_html(row["preparation_material"]),
            "follow_up_material": expand_db_html(row["follow_up_material"]),
        }


def offer_rows(queryset, *, chunk_size: int) -> Iterator[list[dict[str, Any]]]:
    """``values(*OFFER_FIELDS)`` of the queryset in chunks by id (keyset paging: memory stays flat)."""
    queryset = queryset.order_by("pk").values(*OFFER_FIELDS)
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last)[:chunk_size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1]["id"]
