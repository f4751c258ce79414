"""Server-side latency of the offer search page (/tilbud/) over a fixed set of realistic queries.

Runs the full Django request cycle (middleware, Wagtail routing, selector, templates) with the test
client against the database named by DATABASE_URL, and reports p50/p95 latency and SQL queries per
request, per query and overall. Nothing is written to the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_100k \\
        .venv/bin/python benchmarks/search_benchmark.py --rounds 20

Prepare a database with ``manage.py migrate`` and ``manage.py seed_demo`` (2,500 offers) or any
larger set, then ``manage.py refresh_offer_search`` if its offers were loaded without it.

``--http`` instead starts a real gunicorn (production settings, 2 workers, HTTPS off, on ``--port``)
and requests each query over HTTP with a plain content page (``--plain-path``) interleaved, and
reports each query's p50/p95 and its p95 as a multiple of the plain page's p95 in the same run (the
ratio, not the absolute time, is the budget: 2.5× at 2,500 offers, 6× at 100,000). ``--warm`` keeps
the facet cache on (as in production), else it is off. The whole-page cache for anonymous visitors
(operations.pagecache) is off for both the search and the plain page (``PAGE_CACHE_SECONDS=0``): the
figures are the pages as rendered. The suggestions as you type (``/soegeforslag/``) are measured the
same way over a set of typed prefixes (budget: 1.5× the plain page).

    DATABASE_URL=… REDIS_URL=… .venv/bin/python benchmarks/search_benchmark.py --http [--warm] [--port 8141]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from http_server import percentile, production_env, production_server, timed_get

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")

QUERIES: list[tuple[str, str]] = [
    ("everything, newest first", ""),
    ("text: one word", "q=vikinger"),
    ("text: two words", "q=natur+skov"),
    ("text: synonym (museer)", "q=museer"),
    ("text: compound (kunstmuseum)", "q=kunstmuseum"),
    ("grade", "klassetrin=3-klasse"),
    ("subject + grade", "fag=historie&klassetrin=7-klasse"),
    ("subject area + free", "fagomraade=naturfag-og-naturvidenskab&pris=gratis"),
    ("target group + month + format", "maalgruppe=dagtilbud&maaned=5&form=besoeg"),
    ("region + environment type, by title", "region=1084&miljoe=museum&sortering=titel"),
    ("near a postcode (25 km)", "postnummer=8000&afstand=25"),
    ("near a postcode (10 km), by distance", "postnummer=2300&afstand=10&sortering=afstand"),
    ("text + place + grade", "q=natur&postnummer=5000&afstand=50&klassetrin=5-klasse"),
    ("text + three facets", "q=historie&fag=historie&fag=dansk&maalgruppe=grundskole&maks_pris=1000"),
    ("deep page", "side=40"),
    ("no results: loosen + did you mean", "q=vikinnger&pris=gratis&sprog=fr"),
    ("map view", "visning=kort&fagomraade=kunst-design-og-arkitektur"),
]


# What a teacher has typed so far: short and longer prefixes, a second word, "aa" for "å", nothing found.
SUGGESTION_PREFIXES = ["sk", "sko", "skov", "vik", "vikinger p", "hist", "natur", "aarh", "kunstm", "bonde", "xq"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20, help="measured requests per query (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured requests per query first (default 2)")
    parser.add_argument("--path", default="/tilbud/")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument(
        "--warm",
        action="store_true",
        help="keep the facet-count cache on (default: off, so every request computes its counts)",
    )
    parser.add_argument("--http", action="store_true", help="over HTTP against gunicorn (2 workers, production)")
    parser.add_argument("--port", type=int, default=8141)
    parser.add_argument("--plain-path", default="/om-skoletjenesten/", help="the plain content page")
    parser.add_argument("--static-root", help="with --http: collect static files here once and keep them")
    args = parser.parse_args()
    if args.http:
        return http_benchmark(args)
    if not args.warm:
        os.environ["OFFER_SEARCH_CACHE_SECONDS"] = "0"

    # Imported here, not at the top: Django's models load only after django.setup().
    import django

    django.setup()
    # after django.setup(): Django's models and settings load only now
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from offers.models import OfferPage

    offers = OfferPage.objects.live().count()
    client = Client()
    rows = []
    every: list[float] = []
    for label, query in QUERIES:
        url = f"{args.path}?{query}" if query else args.path
        for _ in range(args.warmup):
            assert client.get(url).status_code == 200, url
        timings = []
        queries = 0
        for _ in range(args.rounds):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, url
            timings.append(elapsed)
            queries = len(captured.captured_queries)
        match = re.search(rb"data-result-count>\s*([\d.]+)", response.content)
        total = int(match.group(1).replace(b".", b"")) if match else None
        every.extend(timings)
        rows.append(
            {
                "label": label,
                "query": query,
                "results": total,
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(percentile(timings, 0.95), 1),
                "sql_queries": queries,
            }
        )
    summary = {
        "database": connection.settings_dict["NAME"],
        "offers": offers,
        "rounds": args.rounds,
        "warm": args.warm,
        "p50_ms": round(statistics.median(every), 1),
        "p95_ms": round(percentile(every, 0.95), 1),
        "max_sql_queries": max(row["sql_queries"] for row in rows),
        "queries": rows,
    }
    cache_state = "facet cache on (warm)" if args.warm else "facet cache off (cold)"
    print(
        f"Search benchmark: {offers} live offers in {summary['database']}, "
        f"{args.rounds} rounds per query, {cache_state}\n"
    )
    print("| Query | Results | p50 ms | p95 ms | SQL queries |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['label']} | {row['results']} | {row['p50_ms']} | {row['p95_ms']} | {row['sql_queries']} |")
    print(
        f"| **all requests** | | **{summary['p50_ms']}** | **{summary['p95_ms']}** | ≤ {summary['max_sql_queries']} |"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2))
    return 0


def assert_rendered(url: str) -> None:
    """Stop when the whole-page cache answered: the figures are the search itself, rendered on every request
    (only its own caches, of facet counts and result cards, may serve parts of it)."""
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (our own server on 127.0.0.1)
        state = response.headers.get("X-Page-Cache")
    if state is not None:
        raise SystemExit(f"{url} went through the whole-page cache (X-Page-Cache: {state}); it must be off")


def http_benchmark(args) -> int:
    """Search pages against a plain content page, over HTTP, from a real gunicorn with 2 workers."""
    env = production_env(
        OFFER_SEARCH_CACHE_SECONDS="300" if args.warm else "0",
        PAGE_CACHE_SECONDS="0",  # the pages as rendered, not operations.pagecache's copies
    )
    # --static-root: collect once for several runs (on a busy machine collecting takes minutes).
    with production_server(port=args.port, env=env, ready_path=args.plain_path, static_root=args.static_root) as base:
        assert_rendered(base + args.plain_path)
        plain: list[float] = []
        rows = []
        for label, query in QUERIES:
            url = base + args.path + (f"?{query}" if query else "")
            for _ in range(args.warmup):
                timed_get(url)
            assert_rendered(url)
            timings = []
            for _ in range(args.rounds):
                plain.append(timed_get(base + args.plain_path))  # interleaved: the same moment's machine
                timings.append(timed_get(url))
            rows.append((label, statistics.median(timings), percentile(timings, 0.95), timings))
        suggestion_timings: list[float] = []
        suggestion_plain: list[float] = []
        for _ in range(args.rounds):
            for prefix in SUGGESTION_PREFIXES:
                suggestion_plain.append(timed_get(base + args.plain_path))
                suggestion_timings.append(timed_get(f"{base}/soegeforslag/?q={urllib.parse.quote(prefix)}"))
    plain_p95 = percentile(plain, 0.95)
    every = [t for row in rows for t in row[3]]
    cache_state = "facet cache on (warm)" if args.warm else "facet cache off (cold)"
    print(f"Search over HTTP (gunicorn, 2 workers, production settings), {args.rounds} rounds, {cache_state}")
    print(f"Plain page {args.plain_path}: p50 {statistics.median(plain):.1f} ms, p95 {plain_p95:.1f} ms\n")
    print("| Query | p50 ms | p95 ms | p95 / plain p95 |")
    print("|---|---:|---:|---:|")
    for label, p50, p95, _timings in rows:
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {p95 / plain_p95:.1f}× |")
    all_p50, all_p95 = statistics.median(every), percentile(every, 0.95)
    print(f"| **all requests** | **{all_p50:.1f}** | **{all_p95:.1f}** | **{all_p95 / plain_p95:.1f}×** |")
    s_p50, s_p95 = statistics.median(suggestion_timings), percentile(suggestion_timings, 0.95)
    s_plain95 = percentile(suggestion_plain, 0.95)
    print(
        f"\nSuggestions (/soegeforslag/, {len(SUGGESTION_PREFIXES)} prefixes × {args.rounds}): p50 {s_p50:.1f} ms,"
        f" p95 {s_p95:.1f} ms; plain page in the same loop p50 {statistics.median(suggestion_plain):.1f} ms,"
        f" p95 {s_plain95:.1f} ms; **{s_p95 / s_plain95:.2f}×**"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
