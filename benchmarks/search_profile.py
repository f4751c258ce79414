"""Where the time of a search request goes: SQL, the selector's Python, template rendering, the rest.

Runs the benchmark's queries (benchmarks/search_benchmark.py) through the test client, with production-
like settings (DEBUG off, facet cache off unless ``--warm``), and splits each request's wall time into
SQL (every statement, timed by a database execute wrapper), the rest of ``search_offers()`` (Python in
the selector), template rendering (``TemplateResponse.render``) and everything else (middleware, Wagtail
routing, the view). ``--cprofile N`` prints the N functions with the most cumulative time as well.

    DATABASE_URL=… REDIS_URL=… .venv/bin/python benchmarks/search_profile.py [--rounds 10] [--warm]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--warm", action="store_true", help="facet cache on (default off)")
    parser.add_argument("--cprofile", type=int, default=0, help="also print the top N functions (cumulative)")
    parser.add_argument("--path", default="/tilbud/")
    parser.add_argument("--plain-path", default="/om-skoletjenesten/")
    args = parser.parse_args()
    if not args.warm:
        os.environ["OFFER_SEARCH_CACHE_SECONDS"] = "0"

    # Django is set up only here, after the script has set its environment
    import django

    django.setup()
    # after django.setup(): Django's models and settings load only now
    from django.db import connection
    from django.template.response import TemplateResponse
    from django.test import Client
    from search_benchmark import QUERIES

    import offers.views

    phases = {"sql": 0.0, "selector": 0.0, "render": 0.0}

    def timed_execute(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            phases["sql"] += time.perf_counter() - start

    original_search = offers.views.search_offers

    def timed_search(*a, **kw):
        start, sql_before = time.perf_counter(), phases["sql"]
        try:
            return original_search(*a, **kw)
        finally:
            phases["selector"] += (time.perf_counter() - start) - (phases["sql"] - sql_before)

    original_render = TemplateResponse.render

    def timed_render(self):
        start, sql_before = time.perf_counter(), phases["sql"]
        try:
            return original_render(self)
        finally:
            phases["render"] += (time.perf_counter() - start) - (phases["sql"] - sql_before)

    offers.views.search_offers = timed_search
    TemplateResponse.render = timed_render
    client = Client()
    profiler = cProfile.Profile() if args.cprofile else None
    rows = []
    totals = {"wall": 0.0, "sql": 0.0, "selector": 0.0, "render": 0.0}
    with connection.execute_wrapper(timed_execute):
        for label, query in [("plain content page", None), *QUERIES]:
            url = args.plain_path if query is None else (f"{args.path}?{query}" if query else args.path)
            for _ in range(2):
                assert client.get(url).status_code == 200, url
            walls, parts = [], {"sql": [], "selector": [], "render": []}
            for _ in range(args.rounds):
                for key in phases:
                    phases[key] = 0.0
                if profiler and query is not None:
                    profiler.enable()
                start = time.perf_counter()
                response = client.get(url)
                wall = time.perf_counter() - start
                if profiler and query is not None:
                    profiler.disable()
                assert response.status_code == 200
                walls.append(wall * 1000)
                for key in phases:
                    parts[key].append(phases[key] * 1000)
            median = {key: statistics.median(values) for key, values in parts.items()}
            wall = statistics.median(walls)
            rows.append((label, wall, median))
            if query is not None:
                totals["wall"] += wall
                for key in median:
                    totals[key] += median[key]
    print(f"Median ms per request over {args.rounds} rounds ({'facet cache on' if args.warm else 'facet cache off'})\n")
    print("| request | wall | SQL | selector (Python) | templates | rest (middleware, routing, view) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, wall, median in rows:
        rest = wall - median["sql"] - median["selector"] - median["render"]
        print(
            f"| {label} | {wall:.1f} | {median['sql']:.1f} | {median['selector']:.1f} | {median['render']:.1f} |"
            f" {rest:.1f} |"
        )
    count = len(QUERIES)
    rest = totals["wall"] - totals["sql"] - totals["selector"] - totals["render"]
    print(
        f"| **search, mean of medians** | **{totals['wall'] / count:.1f}** | {totals['sql'] / count:.1f} |"
        f" {totals['selector'] / count:.1f} | {totals['render'] / count:.1f} | {rest / count:.1f} |"
    )
    if profiler:
        print()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
