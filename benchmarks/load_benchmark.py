"""Load benchmark: 50 anonymous visitors for 60 s against gunicorn with the production settings (locust).

    DATABASE_URL=… REDIS_URL=… .venv/bin/python benchmarks/load_benchmark.py [--users 50] [--seconds 60]
        [--port 8120] [--workers 3] [--threads 4] [--phases warm,cold] [--no-page-cache] [--zipf 1.0] [--think 0]

What it does, like a deployment: collects the static files (hashed, the manifest) into a temporary folder,
starts gunicorn (gthread, ``--workers`` × ``--threads``) with ``skoletjenesten.settings.production``
(HTTPS off: no proxy here; DEBUG off; the facet cache and the page cache on, as in production; ``--preload``),
warms the processes with a few pages of each type, then measures two phases and prints a table for each:

- **warm** (the headline; a production site runs warm): the page cache dropped, then a warm-up pass that
  requests every page of the pool once (``--warm-threads`` at a time), then locust;
- **cold**: the page cache dropped just before locust (as right after a release).

Each phase records ``uptime`` before and after and prints requests, failures, requests/s, p50/p95/p99 overall
and per page type, and how many answers came from the page cache; locust runs headless
(``benchmarks/locustfile.py``) with ``--users`` visitors started at once and no think time.

The mix (share of requests): home 10 %, search 30 % (queries, facets, places, paging, the map), offer
35 %, learning environment 15 % (and their list), kommune 10 % (the kommune list, kommune home pages and
their scoped searches), each drawn from the database's pages with Zipf weights (rank r weighs 1/r^s, in a
fixed random order): a few popular pages and a long tail, as on a real site. The plain content page is
requested too, for comparison. Targets (issue 11): 0 errors, p95 ≤ 500 ms, ≥ 200 requests/s.

Read-only: nothing is written to the database. Needs a seeded database (``manage.py seed_demo``).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

from http_server import ROOT, load_average, production_env, production_server

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")

DEFAULT_WORKERS, DEFAULT_THREADS = 3, 4
SHARES = {"home": 10, "search": 30, "offer": 35, "environment": 15, "kommune": 10}
PLAIN_SHARE = 2  # the plain content page, for the ratio
SEARCHES = [
    "",
    "q=vikinger",
    "q=natur+skov",
    "q=museer",
    "q=kunstmuseum",
    "klassetrin=3-klasse",
    "fag=historie&klassetrin=7-klasse",
    "fagomraade=naturfag-og-naturvidenskab&pris=gratis",
    "maalgruppe=dagtilbud&maaned=5&form=besoeg",
    "region=1084&miljoe=museum&sortering=titel",
    "postnummer=8000&afstand=25",
    "postnummer=2300&afstand=10&sortering=afstand",
    "q=natur&postnummer=5000&afstand=50&klassetrin=5-klasse",
    "q=historie&fag=historie&fag=dansk&maalgruppe=grundskole&maks_pris=1000",
    "side=2",
    "side=40",
    "q=vikinnger&pris=gratis&sprog=fr",
    "visning=kort&fagomraade=kunst-design-og-arkitektur",
]


def zipf_weights(count: int, exponent: float) -> list[float]:
    return [1 / (rank + 1) ** exponent for rank in range(count)]


def build_pool(seed: int, exponent: float) -> dict:
    """Every public page type's addresses on the national host, from the database."""
    # Django is set up only here, after the script has set its environment
    import django

    django.setup()
    from django.db.models import Q  # after setup()
    from wagtail.models import Site

    from curriculum.models import Grade, Subject
    from home.models import StandardPage
    from municipalities.models import MunicipalSite
    from offers.models import LearningEnvironmentIndexPage, LearningEnvironmentPage, OfferPage

    national = Site.objects.get(is_default_site=True)
    root_path = national.root_page.url_path

    def relative(url_path: str) -> str:
        return quote("/" + url_path[len(root_path) :])

    rng = random.Random(seed)
    offers = list(
        OfferPage.objects.live().public().filter(url_path__startswith=root_path).values_list("url_path", flat=True)
    )
    environments = list(
        LearningEnvironmentPage.objects.live()
        .public()
        .filter(url_path__startswith=root_path)
        .values_list("url_path", flat=True)
    )
    rng.shuffle(offers)
    rng.shuffle(environments)
    searches = [f"/tilbud/?{query}" if query else "/tilbud/" for query in SEARCHES]
    searches += [f"/tilbud/?fag={slug}" for slug in Subject.objects.values_list("slug", flat=True)]
    searches += [f"/tilbud/?klassetrin={slug}" for slug in Grade.objects.values_list("slug", flat=True)]
    rng.shuffle(searches)
    searches.insert(0, "/tilbud/")  # the most visited search: the page itself
    kommune = ["/kommuner/"]
    for slug in MunicipalSite.objects.filter(site__root_page__live=True).values_list("municipality__slug", flat=True):
        kommune += [f"/kommuner/{slug}/", f"/kommuner/{slug}/tilbud/", f"/kommuner/{slug}/tilbud/?omraade=naboer"]
    environment_list = [relative(page.url_path) for page in LearningEnvironmentIndexPage.objects.live()]
    plain = StandardPage.objects.live().public().filter(Q(url_path__startswith=root_path)).order_by("path").first()
    groups = [
        {"name": "home", "share": SHARES["home"], "paths": ["/"], "weights": [1]},
        {
            "name": "search",
            "share": SHARES["search"],
            "paths": searches,
            "weights": zipf_weights(len(searches), exponent),
        },
        {
            "name": "offer",
            "share": SHARES["offer"],
            "paths": [relative(path) for path in offers],
            "weights": zipf_weights(len(offers), exponent),
        },
        {
            "name": "environment",
            "share": SHARES["environment"],
            "paths": environment_list + [relative(path) for path in environments],
            "weights": zipf_weights(len(environment_list) + len(environments), exponent),
        },
        {"name": "kommune", "share": SHARES["kommune"], "paths": kommune, "weights": zipf_weights(len(kommune), 0.5)},
    ]
    if plain is not None:
        groups.append({"name": "plain page", "share": PLAIN_SHARE, "paths": [relative(plain.url_path)], "weights": [1]})
    return {"groups": groups, "offers": len(offers), "environments": len(environments)}


def warm_up(base: str, pool: dict, *, threads: int) -> tuple[int, float]:
    """Request every page of the pool once (a site that has been running: every page in the cache)."""
    paths = [path for group in pool["groups"] for path in group["paths"]]
    started = time.monotonic()

    def fetch(path: str) -> None:
        with contextlib.suppress(urllib.error.HTTPError):  # counted by locust when it asks for the page
            urllib.request.urlopen(base + path, timeout=300).read()  # noqa: S310 (our own local server)

    with ThreadPoolExecutor(max_workers=threads) as executor:
        list(executor.map(fetch, paths))
    return len(paths), time.monotonic() - started


def run_locust(base: str, work: Path, args, phase: str) -> dict:
    locust = Path(sys.executable).with_name("locust")
    load_before = load_average()
    started = time.monotonic()
    subprocess.run(
        [
            str(locust),
            "-f",
            str(ROOT / "benchmarks" / "locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.users),
            "--run-time",
            f"{args.seconds}s",
            "--host",
            base,
            "--csv",
            str(work / phase),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "LOAD_POOL": str(work / "pool.json"),
            "LOAD_CACHE_STATS": str(work / f"{phase}-cache.json"),
            "LOAD_THINK_SECONDS": str(args.think),
        },
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return {"load_before": load_before, "load_after": load_average(), "elapsed": time.monotonic() - started}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8120)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS)
    parser.add_argument("--zipf", type=float, default=1.0, help="popularity exponent s (rank r weighs 1/r^s)")
    parser.add_argument("--think", type=float, default=0.0, help="seconds each visitor waits between pages")
    parser.add_argument("--no-page-cache", action="store_true", help="PAGE_CACHE_SECONDS=0")
    parser.add_argument("--cache-seconds", type=int, default=600, help="PAGE_CACHE_SECONDS (production: 600)")
    parser.add_argument(
        "--phases",
        default="warm,cold",
        help="warm: after a warm-up pass over every page (the steady state, the headline); "
        "cold: right after the page cache was dropped (as after a release). Default: both, warm first",
    )
    parser.add_argument("--warm-threads", type=int, default=8, help="parallel requests of the warm-up pass")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--label", default="", help="a note printed with the figures")
    args = parser.parse_args()
    phases = [phase.strip() for phase in args.phases.split(",") if phase.strip()]
    if not set(phases) <= {"warm", "cold"}:
        parser.error("--phases takes warm, cold or both")

    work = Path(tempfile.mkdtemp(prefix="load-benchmark-"))
    pool = build_pool(args.seed, args.zipf)
    (work / "pool.json").write_text(json.dumps(pool), encoding="utf-8")
    cache_seconds = "0" if args.no_page_cache else str(args.cache_seconds)
    env = production_env(OFFER_SEARCH_CACHE_SECONDS="300", PAGE_CACHE_SECONDS=cache_seconds)
    clear = [sys.executable, "manage.py", "clear_page_cache"]
    gunicorn_args = ("--worker-class", "gthread", "--workers", str(args.workers), "--threads", str(args.threads))
    gunicorn_args += ("--backlog", "2048", "--preload")
    results = []
    with production_server(
        port=args.port, env=env, static_root=str(work / "static"), gunicorn_args=gunicorn_args
    ) as base:
        # Warm processes (imports, templates, connections) with a few pages of each type.
        for group in pool["groups"]:
            for path in group["paths"][:3]:
                for _ in range(args.workers):
                    urllib.request.urlopen(base + path, timeout=120).read()  # noqa: S310 (our own local server)
        for phase in phases:
            subprocess.run(clear, cwd=ROOT, env=env, check=True)
            note = "page cache dropped just before (as after a release)"
            if phase == "warm" and not args.no_page_cache:
                count, seconds = warm_up(base, pool, threads=args.warm_threads)
                note = f"after a warm-up pass over all {count:,} pages ({seconds:.0f} s, load {load_average()})"
                if seconds + args.seconds > args.cache_seconds:
                    note += f"; WARNING: longer than the cache's {args.cache_seconds} s, early pages expired"
            figures = run_locust(base, work, args, phase)
            results.append((phase, note, figures))
    print(
        f"Load benchmark: {args.users} users, {args.seconds} s, think {args.think} s, gunicorn gthread "
        f"{args.workers}×{args.threads}, page cache {'off' if args.no_page_cache else f'{cache_seconds} s'}, "
        f"Zipf s={args.zipf}; {pool['offers']} offers, {pool['environments']} environments in the pool. {args.label}"
    )
    for phase, note, figures in results:
        report(work, phase, note, figures)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def report(work: Path, phase: str, note: str, figures: dict) -> None:
    with open(work / f"{phase}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    stats_file = work / f"{phase}-cache.json"
    cache_stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    total = next(row for row in rows if row["Name"] == "Aggregated")
    title = "Steady state (warm)" if phase == "warm" else "Cold start"
    print(f"\n### {title}: {note}")
    print(
        f"load average before: {figures['load_before']}; after: {figures['load_after']}; "
        f"locust ran {figures['elapsed']:.0f} s\n"
    )
    print("| page type | requests | failures | req/s | p50 ms | p95 ms | p99 ms | from the cache |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        name = row["Name"]
        hits = sum(
            v
            for k, v in cache_stats.items()
            if k.endswith(":hit") and (name == "Aggregated" or k.startswith(name + ":"))
        )
        count = int(row["Request Count"])
        share = f"{100 * hits / count:.0f} %" if count else "–"
        label = "**all**" if name == "Aggregated" else name
        print(
            f"| {label} | {count:,} | {int(row['Failure Count'])} | {float(row['Requests/s']):.1f} | "
            f"{row['50%']} | {row['95%']} | {row['99%']} | {share} |"
        )
    failures = work / f"{phase}_failures.csv"
    if failures.exists():
        for line in failures.read_text(encoding="utf-8").splitlines()[1:6]:
            print("failure:", line)
    ok = int(total["Failure Count"]) == 0 and float(total["95%"]) <= 500 and float(total["Requests/s"]) >= 200
    print(f"\ntarget (0 errors, p95 ≤ 500 ms, ≥ 200 requests/s): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    raise SystemExit(main())
