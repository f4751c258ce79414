"""Server-side latency of the environment editor's and the reviewer's admin pages.

Runs the full Django request cycle with the test client against the database named by DATABASE_URL
(after ``manage.py seed_demo --offers 100000 --environments 5000``, whose environments step gives every
environment its editors' group: 5,000 groups). Picks editors of several environments (creating a
benchmark user in each group if none exists) and the national reviewer, puts ``--queue`` offers into
review, and reports p50/p95 latency and SQL queries per request for: the editor's landing page
(dashboard), the explorer of their environment, an offer's edit view, and the reviewer's queue.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sk_a10_bench .venv/bin/python benchmarks/environments_benchmark.py
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
    parser.add_argument("--rounds", type=int, default=20, help="measured requests per page and user (default 20)")
    parser.add_argument("--editors", type=int, default=5, help="environments whose editor is measured (default 5)")
    parser.add_argument("--queue", type=int, default=200, help="offers put into review first (default 200)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import WorkflowState

    from environments.services import NATIONAL_REVIEWERS_GROUP, ensure_national_review_workflow
    from offers.models import LearningEnvironmentPage, OfferPage

    ensure_national_review_workflow()
    groups = Group.objects.filter(learning_environment__isnull=False).count()
    environments = list(
        LearningEnvironmentPage.objects.filter(editors_group__isnull=False, offers__live=True)
        .distinct()
        .order_by("pk")[: args.editors]
    )
    if not environments:
        print("No environments with editors' groups: run manage.py seed_demo first.")
        return 1
    users = get_user_model().objects
    editors = []
    for environment in environments:
        editor = environment.editors_group.user_set.first()
        if editor is None:
            editor = users.create_user(username=f"bench-editor-{environment.pk}", password="x")
            editor.groups.add(environment.editors_group)
        editors.append((editor, environment))
    reviewer = users.filter(groups__name=NATIONAL_REVIEWERS_GROUP).first()
    if reviewer is None:
        reviewer = users.create_user(username="bench-reviewer", password="x")
        reviewer.groups.add(Group.objects.get(name=NATIONAL_REVIEWERS_GROUP))
    in_review = OfferPage.objects.filter(live=True, environment__in=[environment for _, environment in editors])
    in_review = in_review | OfferPage.objects.filter(live=True)
    # The reviewer's queue: offers of many environments submitted by their (benchmark) submitter, so the
    # measured editors' own dashboards are not loaded with other environments' submissions.
    submitter = users.filter(username="bench-submitter").first() or users.create_user(
        username="bench-submitter", password="x"
    )
    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
    for offer in in_review.order_by("pk")[waiting : max(waiting, args.queue)]:
        offer.save_revision(user=submitter, log_action=False)
        offer.get_workflow().start(offer, submitter)

    def first_offer_id(environment) -> int:
        return OfferPage.objects.child_of(environment).order_by("pk").values_list("pk", flat=True)[0]

    pages = {
        "editor: landing page (dashboard)": lambda editor, environment: "/admin/",
        "editor: explorer of their environment": lambda editor, environment: f"/admin/pages/{environment.pk}/",
        "editor: offer edit view": lambda editor, environment: f"/admin/pages/{first_offer_id(environment)}/edit/",
    }
    print(
        f"{groups:,} environment groups, {OfferPage.objects.count():,} offers, "
        f"{WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()} in review"
    )
    print("| page | p50 ms | p95 ms | SQL queries |")
    print("|---|---:|---:|---:|")

    def measure(label: str, requests: list[tuple]) -> None:
        """``requests``: (user, url) pairs, each user with their own logged-in client."""
        clients = {}
        for user, url in requests:  # log in and warm up
            if user.pk not in clients:
                clients[user.pk] = Client()
                clients[user.pk].force_login(user)
            response = clients[user.pk].get(url)
            assert response.status_code == 200, (label, url, response.status_code)
        times, queries = [], []
        for _ in range(args.rounds):
            for user, url in requests:
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    clients[user.pk].get(url)
                    times.append((time.perf_counter() - started) * 1000)
                queries.append(len(captured))
        print(f"| {label} | {statistics.median(times):.0f} | {percentile(times, 0.95):.0f} | {max(queries)} |")

    for label, url_for in pages.items():
        measure(label, [(editor, url_for(editor, environment)) for editor, environment in editors])
    measure("reviewer: queue (Til godkendelse)", [(reviewer, "/admin/godkendelse/")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
