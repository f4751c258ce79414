"""Open data: the API's offer list against the search page for the same queries, and the dataset export.

For each query, alternately requests ``/tilbud/?<query>`` and ``/api/v1/offers/?<query>`` through the whole
Django stack (test client) and reports p50/p95 of each; then times ``export_open_dataset()`` into a
temporary folder. Against the database named by DATABASE_URL; nothing is written to it.

    DATABASE_URL=postgres://…/sk_bench .venv/bin/python benchmarks/opendata_benchmark.py --rounds 20
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")

QUERIES = [
    ("everything, newest first", ""),
    ("text: one word", "q=vikinger"),
    ("text: synonym (museer)", "q=museer"),
    ("grade", "klassetrin=3-klasse"),
    ("subject + grade", "fag=historie&klassetrin=7-klasse"),
    ("subject area + free", "fagomraade=naturfag-og-naturvidenskab&pris=gratis"),
    ("near a postcode (25 km)", "postnummer=8000&afstand=25"),
    ("text + place + grade", "q=natur&postnummer=5000&afstand=50&klassetrin=5-klasse"),
    ("deep page", "side=40"),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--no-export", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from offers.models import OfferPage

    client = Client()
    total = OfferPage.objects.live().count()
    print(
        f"{total:,} live offers; {args.rounds} rounds; OFFER_SEARCH_CACHE_SECONDS={settings.OFFER_SEARCH_CACHE_SECONDS}"
    )
    print("| query | search page p50 / p95 ms | API p50 / p95 ms |")
    print("| --- | --- | --- |")
    all_html, all_api = [], []
    with override_settings(API_RATE_LIMIT_PER_MINUTE=10**9):
        for label, query in QUERIES:
            timings = {"html": [], "api": []}
            for round_ in range(args.rounds + 2):
                for kind, path in (("html", "/tilbud/"), ("api", "/api/v1/offers/")):
                    start = time.perf_counter()
                    response = client.get(f"{path}?{query}")
                    elapsed = (time.perf_counter() - start) * 1000
                    assert response.status_code == 200, (path, query, response.status_code)
                    if round_ >= 2:
                        timings[kind].append(elapsed)
            all_html += timings["html"]
            all_api += timings["api"]
            html, api = timings["html"], timings["api"]
            print(
                f"| {label} (`{query or '—'}`) | {statistics.median(html):.0f} / {percentile(html, 0.95):.0f} "
                f"| {statistics.median(api):.0f} / {percentile(api, 0.95):.0f} |"
            )
    print(
        f"| **all requests** | **{statistics.median(all_html):.0f} / {percentile(all_html, 0.95):.0f}** "
        f"| **{statistics.median(all_api):.0f} / {percentile(all_api, 0.95):.0f}** |"
    )
    if not args.no_export:
        from opendata import dataset

        with tempfile.TemporaryDirectory() as folder, override_settings(OPEN_DATA_ROOT=Path(folder)):
            start = time.perf_counter()
            version = dataset.export_open_dataset()
            elapsed = time.perf_counter() - start
            sizes = {item["name"]: item["size"] for item in version.files}
            print(
                f"\nDataset export: {version.manifest['count']:,} offers in {elapsed:.1f} s "
                f"(JSON {sizes['tilbud.json'] / 1e6:.1f} MB, CSV {sizes['tilbud.csv'] / 1e6:.1f} MB)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
