"""Server-side latency of municipal site pages and the consultant's local-supply overview.

Runs the full Django request cycle with the test client against the database named by DATABASE_URL
(after ``manage.py seed_demo``: 2,500 offers, 17 kommunesites) and reports p50/p95 latency and SQL
queries per request for each kind of page, over every demo kommune. Nothing is written.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dev_muni .venv/bin/python benchmarks/municipal_benchmark.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="measured requests per page and kommune (default 5)")
    args = parser.parse_args()

    # Imported here, not at the top: Django's models load only after django.setup().
    import django

    django.setup()
    # after django.setup(): Django's models and settings load only now
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from municipalities.models import MunicipalSite

    sites = list(MunicipalSite.objects.select_related("municipality", "site"))
    if not sites:
        print("No municipal sites: run manage.py seed_demo first.")
        return 1
    admin = get_user_model().objects.filter(is_superuser=True).first()
    pages = {
        "home (own hostname)": lambda ms: ("/", ms.site.hostname),
        "home via /kommuner/<slug>/": lambda ms: (f"/kommuner/{ms.municipality.slug}/", "localhost"),
        "content page with offer list": lambda ms: ("/strategi-og-maal/", ms.site.hostname),
        "search, kommune scope": lambda ms: ("/tilbud/", ms.site.hostname),
        "search, neighbours + text": lambda ms: ("/tilbud/?omraade=naboer&q=natur", ms.site.hostname),
        "search, whole country + facet": lambda ms: (
            "/tilbud/?omraade=hele-landet&klassetrin=7-klasse",
            ms.site.hostname,
        ),
        "local-supply overview (admin)": lambda ms: (
            f"/admin/kommunesites/lokalt-udbud/?kommune={ms.municipality.code}",
            "localhost",
        ),
    }
    client = Client()
    if admin:
        client.force_login(admin)
    print(f"{len(sites)} kommunesites, {args.rounds} rounds each\n")
    print(f"{'page':40} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for label, target in pages.items():
        timings, queries = [], []
        for municipal_site in sites:
            path, host = target(municipal_site)
            client.get(path, HTTP_HOST=host)  # warm-up
            for _ in range(args.rounds):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(path, HTTP_HOST=host)
                    timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (path, host, response.status_code)
                queries.append(len(captured))
        print(
            f"{label:40} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f} "
            f"{statistics.median(queries):8.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
