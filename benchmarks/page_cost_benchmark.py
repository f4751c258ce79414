"""What each public page type costs uncached, against a plain content page, over HTTP (issue 11).

    DATABASE_URL=…/a-100k-copy REDIS_URL=… .venv/bin/python benchmarks/page_cost_benchmark.py \\
        [--rounds 15] [--warmup 2] [--port 8122] [--facet-cache]

Starts gunicorn (``skoletjenesten.settings.production``, 2 sync workers, HTTPS off) with the page cache
off (``PAGE_CACHE_SECONDS=0``) and, unless ``--facet-cache``, the search's facet cache off too, then asks
for one address of every public page type (home, kommune list, kommune home on the national host and on
its own host, kommune content page, environment list, the environment with the most offers and a random
one, offers, a kommune-organised offer, partnerships, the accessibility statement …) ``--rounds`` times,
each request followed by the plain content page, so both see the same moment of a shared machine. Prints
p50/p95 per page and p95 as a multiple of the plain page's p95: the budget is 3× at 100,000 offers for
every page type except the search pages (listed for information; they have their own budget).

Read-only. Prepare the database with ``seed_demo --offers 100000 --environments 5000`` (or a copy of one).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from pathlib import Path
from urllib.parse import quote

from http_server import ROOT, percentile, production_env, production_server, timed_get

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")

BUDGET = 3.0


def pages(seed: int) -> tuple[str, str, list[tuple[str, str, str, bool]]]:
    """(plain page path, national host, [(label, host, path, budgeted)]) from the database."""
    # Django is set up only here, after the script has set its environment
    import django

    django.setup()
    from django.db.models import Count, Q  # after setup()
    from wagtail.models import Site

    from home.models import StandardPage
    from municipalities.models import MunicipalContentPage, MunicipalSite
    from offers.models import LearningEnvironmentPage, OfferPage

    rng = random.Random(seed)
    national = Site.objects.get(is_default_site=True)
    root = national.root_page.url_path

    def relative(page) -> str:
        return "/" + page.url_path[len(root) :]

    standard = StandardPage.objects.live().public().filter(url_path__startswith=root)
    # /om-skoletjenesten/ as in every earlier run (a newer content page sorts first by path and is twice as heavy).
    plain = standard.filter(slug="om-skoletjenesten").first() or standard.order_by("path").first()
    municipal = MunicipalSite.objects.select_related("site__root_page", "municipality").order_by("municipality__name")
    kommune = municipal.filter(municipality__slug="aarhus").first() or municipal.first()
    kommune_root = kommune.site.root_page.url_path
    prefix = f"/kommuner/{kommune.municipality.slug}/"
    national_offers = OfferPage.objects.live().public().filter(url_path__startswith=root)
    offer_ids = list(national_offers.values_list("pk", flat=True))
    biggest = (
        LearningEnvironmentPage.objects.live()
        .filter(url_path__startswith=root)
        .annotate(count=Count("offers", filter=Q(offers__live=True)))
        .order_by("-count")
        .first()
    )
    environment_ids = list(LearningEnvironmentPage.objects.live().filter(url_path__startswith=root).values_list("pk"))
    some_environment = LearningEnvironmentPage.objects.get(pk=rng.choice(environment_ids)[0])
    content = MunicipalContentPage.objects.live().filter(url_path__startswith=kommune_root).first()
    local_offer = OfferPage.objects.live().filter(url_path__startswith=kommune_root).first()
    statement = StandardPage.objects.live().filter(url_path__startswith=root).exclude(pk=plain.pk).first()
    host = national.hostname
    rows = [
        ("home", host, "/", True),
        ("kommune list", host, "/kommuner/", True),
        (f"kommune home ({prefix})", host, prefix, True),
        ("kommune home (own host)", kommune.site.hostname, "/", True),
        ("environment list", host, "/laeringsmiljoer/", True),
        ("environment list, page 3", host, "/laeringsmiljoer/?side=3", True),
        (f"environment, most offers ({biggest.count})", host, relative(biggest), True),
        ("environment, random", host, relative(some_environment), True),
        ("partnerships", host, "/partnerskaber/", True),
    ]
    for number, pk in enumerate(rng.sample(offer_ids, 3), start=1):
        rows.append((f"offer {number}", host, relative(OfferPage.objects.get(pk=pk)), True))
    if content is not None:
        rows.append(("kommune content page", host, prefix + content.url_path[len(kommune_root) :], True))
    if local_offer is not None:
        rows.append(("kommune-organised offer", host, prefix + local_offer.url_path[len(kommune_root) :], True))
    if statement is not None:
        rows.append(("another content page", host, relative(statement), True))
    rows += [
        ("search (own budget)", host, "/tilbud/", False),
        ("kommune search (own budget)", host, prefix + "tilbud/", False),
    ]
    return relative(plain), host, rows


def get(base: str, host: str, path: str) -> float:
    return timed_get(base + quote(path, safe="/?=&%"), host=host, timeout=120)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--port", type=int, default=8122)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--facet-cache", action="store_true", help="keep the search's facet cache on")
    args = parser.parse_args()

    plain, host, rows = pages(args.seed)
    env = production_env(PAGE_CACHE_SECONDS="0", OFFER_SEARCH_CACHE_SECONDS="300" if args.facet_cache else "0")
    results = []
    plain_times: list[float] = []
    gunicorn_args = ("--workers", "2", "--preload", "--timeout", "300")
    with production_server(port=args.port, env=env, ready_path=plain, host=host, gunicorn_args=gunicorn_args) as base:
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        for label, page_host, path, budgeted in rows:
            for _ in range(args.warmup):
                get(base, page_host, path)
            timings = []
            for _ in range(args.rounds):
                timings.append(get(base, page_host, path))
                plain_times.append(get(base, host, plain))
            results.append((label, path, budgeted, timings))
        load_after = Path("/proc/loadavg").read_text().split()[:3]

    plain_p50, plain_p95 = statistics.median(plain_times), percentile(plain_times, 0.95)
    facet = "on" if args.facet_cache else "off"
    print(
        f"Page cost over HTTP (gunicorn, 2 workers, production settings, page cache off, facet cache {facet}), "
        f"{args.rounds} rounds; load average before {' '.join(load_before)}, after {' '.join(load_after)}"
    )
    print(f"Plain content page {plain}: p50 {plain_p50:.0f} ms, p95 {plain_p95:.0f} ms\n")
    print("| page | p50 ms | p95 ms | p95 / plain p95 | within 3× |")
    print("|---|---:|---:|---:|---|")
    worst = 0.0
    for label, path, budgeted, timings in results:
        ratio = percentile(timings, 0.95) / plain_p95
        if budgeted:
            worst = max(worst, ratio)
        verdict = ("yes" if ratio <= BUDGET else "**no**") if budgeted else "(own budget)"
        print(
            f"| {label} (`{path[:60]}`) | {statistics.median(timings):.0f} | {percentile(timings, 0.95):.0f} | "
            f"{ratio:.1f}× | {verdict} |"
        )
    print(f"\nworst budgeted page: {worst:.1f}× the plain page (budget {BUDGET:.0f}×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
