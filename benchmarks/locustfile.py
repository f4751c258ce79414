"""Locust users for benchmarks/load_benchmark.py: anonymous visitors over the public page types.

The address pool comes from the JSON file named by ``LOAD_POOL`` (written by load_benchmark.py from the
database): groups (home, search, offer, environment, kommune, plain page), each with a share of the
requests and a list of paths drawn with Zipf-like weights (a few popular pages, a long tail), as on a real
site. Every answer must be 200 with HTML; the ``X-Page-Cache`` answers are counted into ``LOAD_CACHE_STATS``.
"""

from __future__ import annotations

import collections
import json
import os
import random

from locust import FastHttpUser, constant, events, task

POOL = json.loads(open(os.environ["LOAD_POOL"], encoding="utf-8").read())  # noqa: SIM115
GROUPS = [group["name"] for group in POOL["groups"]]
SHARES = [group["share"] for group in POOL["groups"]]
PATHS = {group["name"]: group["paths"] for group in POOL["groups"]}
WEIGHTS = {group["name"]: group["weights"] for group in POOL["groups"]}
CACHE_STATS: collections.Counter = collections.Counter()


class Visitor(FastHttpUser):
    """A teacher's browser without a session: one page after another, no think time (the strictest case)."""

    wait_time = constant(float(os.environ.get("LOAD_THINK_SECONDS", "0")))

    @task
    def visit(self) -> None:
        group = random.choices(GROUPS, SHARES)[0]
        path = random.choices(PATHS[group], WEIGHTS[group])[0]
        with self.client.get(path, name=group, catch_response=True) as response:
            CACHE_STATS[f"{group}:{response.headers.get('X-Page-Cache', 'none')}"] += 1
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code} for {path}")
            elif b"</html>" not in (response.content or b""):
                response.failure(f"no whole page for {path}")


@events.test_stop.add_listener
def write_cache_stats(**kwargs) -> None:
    target = os.environ.get("LOAD_CACHE_STATS")
    if target:
        with open(target, "w", encoding="utf-8") as handle:
            json.dump(dict(CACHE_STATS), handle)
