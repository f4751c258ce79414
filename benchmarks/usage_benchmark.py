"""What counting costs a page view: the usage middleware's work per offer view and per search, timed alone.

Calls ``UsageMiddleware.process_template_response`` for a rendered offer page and a rendered search
(the only work statistics add to a request: building the fields and one pipelined Redis call), many
times, and reports p50/p95/max in ms. Also with Redis down (a closed port). Needs DATABASE_URL (a seeded
database) and REDIS_URL.

    DATABASE_URL=… REDIS_URL=redis://127.0.0.1:6379/9 .venv/bin/python benchmarks/usage_benchmark.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")


def timed(function, rounds: int) -> list[float]:
    values = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        values.append((time.perf_counter() - start) * 1000)
    return values


def report(label: str, values: list[float]) -> None:
    ordered = sorted(values)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(f"| {label} | {statistics.median(values):.3f} | {p95:.3f} | {max(values):.3f} |")


def main() -> int:
    # Django is set up only here, after the script has set its environment
    import django

    django.setup()
    # after django.setup(): Django's models and settings load only now
    import redis
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from offers.models import OfferPage
    from usage.counters import counter
    from usage.middleware import UsageMiddleware

    client = Client()
    offer = OfferPage.objects.live().first()
    view = client.get(offer.url)
    search = client.get("/tilbud/?q=natur&klassetrin=3-klasse&fagomraade=naturfag-og-naturvidenskab")
    middleware = UsageMiddleware(lambda request: None)
    rounds = 2000
    print(f"{rounds} calls each; Redis {settings.USAGE_REDIS_URL}")
    print("| what | p50 ms | p95 ms | max ms |")
    print("| --- | ---: | ---: | ---: |")
    report("offer view", timed(lambda: middleware.process_template_response(view.wsgi_request, view), rounds))
    report(
        "search (text + 2 filters)",
        timed(lambda: middleware.process_template_response(search.wsgi_request, search), rounds),
    )
    with override_settings(USAGE_REDIS_URL="redis://127.0.0.1:8189/0"):
        counter._client = None
        report(
            "offer view, Redis down",
            timed(lambda: middleware.process_template_response(view.wsgi_request, view), rounds),
        )
    counter._client = None
    counter.drain()
    client_redis = redis.Redis.from_url(settings.USAGE_REDIS_URL)
    for key in client_redis.scan_iter(match="sk:usage:*"):
        client_redis.delete(key)  # the benchmark's counts are not real use
    return 0


if __name__ == "__main__":
    sys.exit(main())
