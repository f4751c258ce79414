"""Latency of the environment editor's and the reviewer's admin pages, against a plain content page.

Run against the database named by DATABASE_URL (a copy of the 100,000-offer database:
``manage.py seed_demo --offers 100000 --environments 5000``, whose environments step gives every
environment its editors' group: 5,000 groups). Picks ``--editors`` environments with live offers, gives each
a benchmark editor (``bench-editor-<id>``) and takes a benchmark reviewer in the national editorial team,
puts ``--queue`` offers into review, then:

1. SQL queries per request, in-process with Django's test client (the figure to keep low: every query
   is a round trip, and the N+1s in panels, permission checks per row and choosers grow with the data);
2. over HTTP against a real gunicorn (production settings, 2 workers, HTTPS off, ``--port``), each user
   logged in through the admin's login form: p50/p95 per page, with a plain content page (``--plain-path``)
   requested between them, and each page's p95 as a multiple of the plain page's p95 in the same run.
   The load average is printed before and after.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sk_x_100k REDIS_URL=redis://127.0.0.1:6379/N \\
        .venv/bin/python benchmarks/environments_benchmark.py [--port 8111] [--rounds 20] [--no-http]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import statistics
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from http_server import load_average, percentile, production_env, production_server, timed_get

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")

BENCH_PASSWORD = "benchmark-adgangskode-1"


def prepare(args):
    """The benchmark's users and review queue; returns [(label, [(username, path)])]."""
    # called after django.setup(): Django's models load only then
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import WorkflowState

    from environments.services import NATIONAL_REVIEWERS_GROUP, ensure_national_review_workflow
    from offers.models import LearningEnvironmentPage, OfferPage

    ensure_national_review_workflow()
    environments = list(
        LearningEnvironmentPage.objects.filter(editors_group__isnull=False, offers__live=True)
        .distinct()
        .order_by("pk")[: args.editors]
    )
    if not environments:
        raise SystemExit("No environments with editors' groups: run manage.py seed_demo first.")
    users = get_user_model().objects

    def bench_user(username: str, group: Group):
        user = users.filter(username=username).first() or users.create_user(username=username)
        user.set_password(BENCH_PASSWORD)
        user.save()
        user.groups.add(group)
        return user

    editors = [(bench_user(f"bench-editor-{env.pk}", env.editors_group), env) for env in environments]
    reviewer = bench_user("bench-reviewer", Group.objects.get(name=NATIONAL_REVIEWERS_GROUP))
    # The reviewer's queue: offers of many environments submitted by a (benchmark) submitter, so the
    # measured editors' own dashboards are not loaded with other environments' submissions.
    submitter = users.filter(username="bench-submitter").first() or users.create_user(username="bench-submitter")
    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
    measured = [env.pk for env in environments]
    for offer in (
        OfferPage.objects.filter(live=True).exclude(environment__in=measured).order_by("pk")[waiting : args.queue]
    ):
        offer.save_revision(user=submitter, log_action=False)
        offer.get_workflow().start(offer, submitter)

    def first_offer_id(environment) -> int:
        return OfferPage.objects.child_of(environment).order_by("pk").values_list("pk", flat=True)[0]

    pages = [
        ("editor: landing page (dashboard)", [(u.username, "/admin/") for u, _ in editors]),
        ("editor: explorer of their environment", [(u.username, f"/admin/pages/{e.pk}/") for u, e in editors]),
        (
            "editor: offer edit view",
            [(u.username, f"/admin/pages/{first_offer_id(e)}/edit/") for u, e in editors],
        ),
        ("reviewer: queue (Til godkendelse)", [(reviewer.username, "/admin/godkendelse/")]),
    ]
    groups = Group.objects.filter(learning_environment__isnull=False).count()
    in_review = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
    print(f"{groups:,} environment groups, {OfferPage.objects.count():,} offers, {in_review} in review")
    return pages


def count_queries(pages) -> dict[str, int]:
    """The most SQL queries one request of each page makes (in-process, after a warm-up request)."""
    # called after django.setup(): Django's models load only then
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    clients: dict[str, Client] = {}
    for label, requests in pages:
        most = 0
        for username, path in requests:
            if username not in clients:
                clients[username] = Client()
                clients[username].force_login(get_user_model().objects.get(username=username))
            assert clients[username].get(path).status_code == 200, (label, path)
            with CaptureQueriesContext(connection) as captured:
                clients[username].get(path)
            most = max(most, len(captured))
        counts[label] = most
    return counts


class Session:
    """A logged-in admin user over HTTP (the admin's own login form, a cookie jar)."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )
        login = self.base + "/admin/login/"
        html = self.opener.open(login, timeout=60).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": BENCH_PASSWORD, "next": "/admin/"}
        ).encode()
        request = urllib.request.Request(login, data=data, headers={"Referer": login})
        try:
            self.opener.open(request, timeout=60)
            raise SystemExit(f"Login of {username} failed (no redirect)")
        except urllib.error.HTTPError as redirect:
            assert redirect.code == 302, (username, redirect.code)

    def get(self, path: str) -> float:
        return timed_get(self.base + path, opener=self.opener)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http_benchmark(args, pages, counts) -> None:
    # The page cache off: the plain page rendered, as the admin pages always are.
    env = production_env(PAGE_CACHE_SECONDS="0")
    with production_server(port=args.port, env=env, ready_path=args.plain_path) as base:
        sessions: dict[str, Session] = {}
        for _label, requests in pages:
            for username, path in requests:
                if username not in sessions:
                    sessions[username] = Session(base, username)
                for _ in range(args.warmup):
                    sessions[username].get(path)
        before = load_average()
        plain: list[float] = []
        timings: dict[str, list[float]] = {label: [] for label, _ in pages}
        for _ in range(args.rounds):
            for label, requests in pages:
                for username, path in requests:
                    plain.append(timed_get(base + args.plain_path))  # interleaved: the same moment's machine
                    timings[label].append(sessions[username].get(path))
        after = load_average()
    plain_p95 = percentile(plain, 0.95)
    print(f"\nOver HTTP (gunicorn, 2 workers, production settings), {args.rounds} rounds per user and page")
    print(f"Load average before {before}, after {after} (1, 5, 15 min)")
    print(f"Plain page {args.plain_path}: p50 {statistics.median(plain):.0f} ms, p95 {plain_p95:.0f} ms\n")
    print("| page | SQL queries | p50 ms | p95 ms | p95 / plain p95 |")
    print("|---|---:|---:|---:|---:|")
    for label, values in timings.items():
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(f"| {label} | {counts[label]} | {p50:.0f} | {p95:.0f} | {p95 / plain_p95:.1f}× |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20, help="measured requests per page and user (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured requests per page and user first")
    parser.add_argument("--editors", type=int, default=5, help="environments whose editor is measured (default 5)")
    parser.add_argument("--queue", type=int, default=200, help="offers in review (default 200)")
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--plain-path", default="/om-skoletjenesten/", help="the plain content page")
    parser.add_argument("--no-http", action="store_true", help="only count the SQL queries")
    args = parser.parse_args()

    # Django is set up only here, after the script has set its environment
    import django

    django.setup()
    # after django.setup(): Django's models and settings load only now
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the queue's notifications
    print(f"Load average at start: {load_average()}")
    pages = prepare(args)
    counts = count_queries(pages)
    print("| page | SQL queries |\n|---|---:|")
    for label, count in counts.items():
        print(f"| {label} | {count} |")
    if not args.no_http:
        http_benchmark(args, pages, counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
