"""Open data: the API's offer list against the search page for the same queries, and the dataset export.

For each query, alternately requests ``/tilbud/?<query>`` and ``/api/v1/offers/?<query>`` through the whole
Django stack (test client) and reports p50/p95 of each; then times ``export_open_dataset()`` into a
temporary folder and reports its peak memory. Against the database named by DATABASE_URL; nothing is
written to it.

    DATABASE_URL=postgres://…/sk_bench .venv/bin/python benchmarks/opendata_benchmark.py --rounds 20
    DATABASE_URL=… .venv/bin/python benchmarks/opendata_benchmark.py --export-only

``--http`` instead starts a real gunicorn (production settings, 2 workers, HTTPS off, on ``--port``) and,
for each query of ``search_benchmark.py`` (but the map view, which the API has no use for), requests a
plain content page, ``/tilbud/?<query>`` and ``/api/v1/offers/?<query>`` in turn, and reports p50/p95 of
each, their p95 as a multiple of the plain page's p95 in the same run, and the API's p95 over the search
page's (the issue's budget: at most 1). ``--warm`` keeps the facet cache on (as in production).

    DATABASE_URL=… REDIS_URL=… .venv/bin/python benchmarks/opendata_benchmark.py --http [--warm] [--port 8115]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from http_server import percentile, production_env, production_server, timed_get
from search_benchmark import QUERIES as SEARCH_QUERIES

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument("--export-only", action="store_true", help="only the dataset export")
    parser.add_argument("--http", action="store_true", help="API vs. search page over HTTP against gunicorn")
    parser.add_argument("--warm", action="store_true", help="--http: facet cache on (default: off)")
    parser.add_argument("--warmup", type=int, default=2, help="--http: unmeasured requests per query first")
    parser.add_argument("--port", type=int, default=8115)
    parser.add_argument("--plain-path", default="/om-skoletjenesten/", help="the plain content page")
    args = parser.parse_args()
    if args.http:
        return http_benchmark(args)

    # Django is set up only here, after the script has set its environment
    import django

    django.setup()
    # after django.setup(): Django's models and settings load only now
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from offers.models import OfferPage

    if args.export_only:
        return export_benchmark()
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
        export_benchmark()
    return 0


def _memory_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def export_benchmark() -> int:
    """``export_open_dataset()`` into a temporary folder: wall and CPU time, per offer, peak memory."""
    # called after django.setup(): Django's models load only then
    from django.db import connection
    from django.test.utils import override_settings

    from opendata import dataset

    with tempfile.TemporaryDirectory() as folder, override_settings(OPEN_DATA_ROOT=Path(folder)):
        connection.ensure_connection()
        Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current RSS
        before = _memory_kb("VmRSS")
        start, cpu = time.perf_counter(), time.process_time()
        version = dataset.export_open_dataset()
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = _memory_kb("VmHWM")
        sizes = {item["name"]: item["size"] for item in version.files}
        count = version.manifest["count"]
        print(
            f"\nDataset export ({connection.settings_dict['NAME']}, chunks of {dataset.CHUNK_SIZE}): {count:,} offers "
            f"in {elapsed:.1f} s wall, {cpu:.1f} s CPU of this process ({elapsed / max(count, 1) * 1000:.2f} ms "
            f"per offer); JSON {sizes['tilbud.json'] / 1e6:.1f} MB, CSV {sizes['tilbud.csv'] / 1e6:.1f} MB; "
            f"RSS {before / 1024:.0f} MB before, peak {peak / 1024:.0f} MB during "
            f"(+{(peak - before) / 1024:.0f} MB); load average {os.getloadavg()[0]:.1f} at the end"
        )
    return 0


def http_benchmark(args) -> int:
    """The API's offer list against the search page and a plain page, over HTTP, from gunicorn (2 workers)."""
    queries = [(label, query) for label, query in SEARCH_QUERIES if "visning=" not in query]
    env = production_env(
        OFFER_SEARCH_CACHE_SECONDS="300" if args.warm else "0",
        API_RATE_LIMIT_PER_MINUTE=str(10**9),  # counted in Redis as in production, never reached
        PAGE_CACHE_SECONDS="0",  # both rendered: the whole-page cache serves /tilbud/ but never the API
    )
    loads = [os.getloadavg()[0]]
    with production_server(port=args.port, env=env, ready_path=args.plain_path) as base:
        total = _count(base)
        plain: list[float] = []
        rows = []
        for label, query in queries:
            suffix = f"?{query}" if query else ""
            html_url, api_url = f"{base}/tilbud/{suffix}", f"{base}/api/v1/offers/{suffix}"
            for _ in range(args.warmup):
                timed_get(html_url)
                timed_get(api_url)
            html, api = [], []
            for round_ in range(args.rounds):
                plain.append(timed_get(base + args.plain_path))  # interleaved: the same moment's machine
                # Alternate which goes first, so neither always follows the plain page.
                if round_ % 2:
                    api.append(timed_get(api_url))
                    html.append(timed_get(html_url))
                else:
                    html.append(timed_get(html_url))
                    api.append(timed_get(api_url))
            rows.append((label, query, html, api))
            loads.append(os.getloadavg()[0])
    plain_p95 = percentile(plain, 0.95)
    cache_state = "facet cache on (warm)" if args.warm else "facet cache off (cold)"
    print(
        f"API vs. search page over HTTP (gunicorn, 2 workers, production settings), {total:,} live offers, "
        f"{args.rounds} rounds, {cache_state}; load average {min(loads):.1f}–{max(loads):.1f} during the run"
    )
    print(f"Plain page {args.plain_path}: p50 {statistics.median(plain):.1f} ms, p95 {plain_p95:.1f} ms\n")
    print(
        "| query | search p50 / p95 ms | API p50 / p95 ms | search p95 / plain | API p95 / plain | API / search p95 |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    all_html, all_api = [], []
    for label, query, html, api in rows:
        all_html += html
        all_api += api
        h95, a95 = percentile(html, 0.95), percentile(api, 0.95)
        print(
            f"| {label} (`{query or '—'}`) | {statistics.median(html):.0f} / {h95:.0f} "
            f"| {statistics.median(api):.0f} / {a95:.0f} | {h95 / plain_p95:.1f}× | {a95 / plain_p95:.1f}× "
            f"| {a95 / h95:.2f} |"
        )
    h95, a95 = percentile(all_html, 0.95), percentile(all_api, 0.95)
    print(
        f"| **all requests** | **{statistics.median(all_html):.0f} / {h95:.0f}** "
        f"| **{statistics.median(all_api):.0f} / {a95:.0f}** | **{h95 / plain_p95:.1f}×** | **{a95 / plain_p95:.1f}×** "
        f"| **{a95 / h95:.2f}** |"
    )
    return 0


def _count(base: str) -> int:
    with urllib.request.urlopen(f"{base}/api/v1/offers/", timeout=60) as response:  # noqa: S310
        return json.loads(response.read())["count"]


if __name__ == "__main__":
    sys.exit(main())
