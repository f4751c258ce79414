"""Server-side time of the suggestions as you type (``/soegeforslag/``): the view through Django's stack.

Requests every prefix of ``search_benchmark.SUGGESTION_PREFIXES`` (and each shorter prefix of it, as a
teacher types them letter by letter) through the test client and reports p50/p95 and SQL statements
per request, and the size of the suggestion table. Budget: p95 ≤ 30 ms at 100,000 offers.

    DATABASE_URL=… REDIS_URL=… .venv/bin/python benchmarks/suggest_benchmark.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    # Django is set up only here, after the script has set its environment
    import django

    django.setup()
    # after django.setup(): Django's models and settings load only now
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from http_server import percentile
    from search_benchmark import SUGGESTION_PREFIXES

    from offers.models import OfferPage, SearchSuggestion

    typed = sorted({prefix[:n] for prefix in SUGGESTION_PREFIXES for n in range(2, len(prefix) + 1)})
    client = Client()
    for text in typed:
        assert client.get("/soegeforslag/", {"q": text}).status_code == 200
    timings: list[float] = []
    statements = 0
    counts = []
    for _ in range(args.rounds):
        for text in typed:
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get("/soegeforslag/", {"q": text})
                timings.append((time.perf_counter() - start) * 1000)
            statements = max(statements, len(captured.captured_queries))
            counts.append(response.json()["count"])
    print(
        f"{OfferPage.objects.live().count():,} live offers, {SearchSuggestion.objects.count():,} suggestion keys;"
        f" {len(typed)} typed prefixes × {args.rounds} rounds: p50 {statistics.median(timings):.1f} ms,"
        f" p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms; ≤ {statements} SQL statements;"
        f" {statistics.mean(counts):.1f} suggestions on average"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
