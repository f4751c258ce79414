"""Twelve months of demo usage statistics, so the dashboards (/admin/statistik/) show what they are for.

Called by ``seed_demo`` (demo.offers.EXTENSION_MODULES) after the bookings. Idempotent: does nothing once
any ``DailyUsage`` row exists. The rows are written directly as the daily aggregates the flush task would
have made from real traffic: searches (words, filters, zero-result words) on the national site and on the
kommune sites, views of offers weighted towards a popular few, booking and contact clicks, and the demo
booking requests on the day they were sent. Every environment with a demo editor account gets views, so
each kind of user sees numbers after ``make run``.
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from datetime import date, timedelta
from typing import TextIO

from django.db import connection, transaction
from django.db.models.functions import TruncDate
from django.utils import timezone

from bookings.models import BookingRequest
from municipalities.models import MunicipalSite
from offers.models import LearningEnvironmentPage, OfferPage
from offers.search.facets import FACETS_BY_NAME
from offers.search.reference import SearchReference
from usage.models import DailyUsage, UsageKind

from .environments import DEMO_EDITORS

DAYS = 365
# Realistic teacher searches (the words as counted: lower case, single spaces), the most frequent first.
SEARCH_WORDS = (
    "skovtur",
    "vikinger",
    "bondegård",
    "klima",
    "naturfag",
    "museum",
    "kunst",
    "historie",
    "matematik",
    "teknologi",
    "stenalder",
    "dyr",
    "vand",
    "affald",
    "demokrati",
    "h.c. andersen",
    "energi",
    "madkundskab",
    "teater",
    "musik",
    "verdensmål",
    "fugle",
    "strand",
    "arkitektur",
    "erhvervspraktik",
    "rummet",
    "insekter",
    "kildekritik",
    "programmering",
    "bæredygtighed",
)
# Searched for, but nothing matched at the time: what staff and consultants read as wishes for new offers.
ZERO_WORDS = (
    "esport",
    "skak for begyndere",
    "kodning lego",
    "førstehjælp",
    "cirkus",
    "svømning",
    "tegnsprog",
    "trafiksikkerhed",
)
FILTERS = (
    ("klassetrin", 0.22),
    ("fagomraade", 0.18),
    ("maalgruppe", 0.14),
    ("pris", 0.12),
    ("form", 0.1),
    ("maaned", 0.08),
    ("region", 0.07),
    ("miljoe", 0.05),
    ("verdensmaal", 0.04),
)
# Share of a year's traffic per calendar month: busy around the school year's start and in spring,
# quiet in July and at Christmas.
MONTH_WEIGHT = {1: 1.0, 2: 1.1, 3: 1.2, 4: 1.1, 5: 1.0, 6: 0.7, 7: 0.2, 8: 1.2, 9: 1.3, 10: 1.0, 11: 1.1, 12: 0.6}
SEARCHES_PER_DAY = 240  # national site, an average school-month weekday
OFFERS_VIEWED_PER_DAY = 45


def seed_demo_data(*, seed: int, stdout: TextIO | None = None) -> None:
    if DailyUsage.objects.exists():
        _say(stdout, "Usage: demo statistics exist already.")
        return
    offers = list(
        OfferPage.objects.live()
        .public()
        .filter(environment__isnull=False)
        .order_by("path")
        .values_list("pk", "environment_id", "environment__municipality_id")
    )
    if not offers:
        return
    rng = random.Random(seed)
    sites = dict(MunicipalSite.objects.values_list("municipality_id", "pk"))
    filter_keys = _filter_keys()
    today = timezone.localdate()
    # A popular few and a long tail: an offer's weight falls with its (random) rank.
    ranked = offers[:]
    rng.shuffle(ranked)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(ranked))]
    editor_environments = _demo_editor_environments()
    editor_offers = [offer for offer in offers if offer[1] in editor_environments]

    rows: Counter[tuple] = Counter()
    for back in range(DAYS):
        day = today - timedelta(days=back)
        volume = MONTH_WEIGHT[day.month] * (0.35 if day.weekday() >= 5 else 1.0)
        _searches(rows, rng, day, None, volume * SEARCHES_PER_DAY, filter_keys)
        for site in rng.sample(sorted(sites.values()), min(4, len(sites))):
            _searches(rows, rng, day, site, volume * SEARCHES_PER_DAY / 8, filter_keys)
        viewed = rng.choices(ranked, weights=weights, k=max(1, round(volume * OFFERS_VIEWED_PER_DAY)))
        if editor_offers and back % 3 == 0:
            viewed += rng.sample(editor_offers, min(3, len(editor_offers)))
        for pk, environment, municipality in viewed:
            site = sites.get(municipality) if rng.random() < 0.3 else None
            views = rng.randint(1, 6)
            rows[(day, UsageKind.OFFER_VIEW, site, pk, environment, "")] += views
            if rng.random() < 0.35:
                rows[(day, UsageKind.BOOKING_CLICK, site, pk, environment, "")] += rng.randint(1, max(1, views // 2))
            if rng.random() < 0.15:
                rows[(day, UsageKind.CONTACT_CLICK, site, pk, environment, "")] += 1
    for item in (
        BookingRequest.objects.filter(offer__isnull=False)
        .annotate(day=TruncDate("created_at"))
        .values("day", "offer_id", "environment_id")
    ):
        rows[(item["day"], UsageKind.REQUEST, None, item["offer_id"], item["environment_id"], "")] += 1

    # COPY: ~80,000 rows in well under a second, where model instances take several.
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for (day, kind, site, offer, environment, key), count in rows.items():
        writer.writerow([day.isoformat(), str(kind), site or "", offer or "", environment or "", key, count])
    buffer.seek(0)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {DailyUsage._meta.db_table} (day, kind, site_id, offer_id, environment_id, key, count)"
            " FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (key))",
            buffer,
        )
    _say(stdout, f"Usage: {len(rows)} daily statistics rows for the last {DAYS} days.")


def _searches(
    rows: Counter[tuple], rng: random.Random, day: date, site: int | None, volume: float, filter_keys: list[str]
) -> None:
    searches = max(0, round(rng.gauss(volume, volume / 10)))
    if not searches:
        return
    # Words follow a Zipf curve; about a third of searches are filters only (no words).
    for word, count in Counter(
        rng.choices(SEARCH_WORDS, weights=[1 / (i + 1) for i in range(len(SEARCH_WORDS))], k=searches * 2 // 3)
    ).items():
        rows[(day, UsageKind.SEARCH, site, None, None, word)] += count
    rows[(day, UsageKind.SEARCH, site, None, None, "")] += searches - searches * 2 // 3
    zero = Counter(rng.choices(ZERO_WORDS, k=max(1, searches // 40)))
    for word, count in zero.items():
        rows[(day, UsageKind.SEARCH, site, None, None, word)] += count
        rows[(day, UsageKind.ZERO_RESULTS, site, None, None, word)] += count
    if filter_keys:
        for key in rng.choices(filter_keys, k=searches // 4):
            rows[(day, UsageKind.FILTER, site, None, None, key)] += 1


def _filter_keys() -> list[str]:
    """Filter keys as the middleware counts them (``<facet>=<option>``), weighted by how often teachers use
    each facet: a list with repeats, so a plain random choice follows the weights."""
    reference = SearchReference.load()
    keys: list[str] = []
    for name, share in FILTERS:
        options = [value for value, _label, _key in FACETS_BY_NAME[name].options(reference)]
        if not options:
            continue
        per_option = max(1, round(share * 200 / len(options)))
        for position, value in enumerate(options):
            # Earlier options (the younger grades, the first areas) a little more often.
            keys += [f"{name}={value}"[:120]] * max(1, per_option - position // 3)
    return keys


def _demo_editor_environments() -> set[int]:
    usernames = [username for username, _type, _trusted in DEMO_EDITORS]
    return set(
        LearningEnvironmentPage.objects.filter(editors_group__user__username__in=usernames).values_list("pk", flat=True)
    )


def _say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message)
