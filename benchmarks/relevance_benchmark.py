"""Relevance of the offer search on the demo data: nDCG@10, precision@10, recall@100, zero results.

Runs every query of ``benchmarks/relevance_queries.py`` through the search's selector (``search_offers``,
exactly what /tilbud/ runs) against a database built with ``manage.py seed_demo`` (seed 2019, 2,500
offers), and compares the ranking with the graded judgements, which come from what each offer is about
(its demo theme, recovered by replaying the deterministic demo planner, and its facts), never from its
words. A benchmark, not a test: it reports, it does not fail.

    DATABASE_URL=postgres://…/sk_demo make benchmark-relevance
    DATABASE_URL=postgres://…/sk_demo .venv/bin/python benchmarks/relevance_benchmark.py [--verbose] [--json out.json]

Measures, per query kind and overall (means over queries):
- nDCG@10 with gains 2^grade − 1 against the ideal ranking of all judged offers; a query with no relevant
  offer scores 1 if it returns nothing and 0 otherwise.
- P@10: the share of the first 10 results with grade ≥ 1 (over 10, or over the relevant count if fewer).
- recall@100: relevant offers among the first 100 results / min(relevant offers, 100).
- zero-result rate, and "empty while relevant offers exist" (the number that must be 0).
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")
os.environ["OFFER_SEARCH_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.http import QueryDict  # noqa: E402
from relevance_queries import QUERIES, Offer, Query  # noqa: E402

from offers.models import OfferPage  # noqa: E402
from offers.search import search_offers  # noqa: E402

# The demo planner lives in the demo app (or, before it moved there, in offers).
_PLANNER_MODULES = ("demo.offers", "demo.planner", "demo.seed", "demo.services", "offers.demo")
DEMO_SEED = 2019
K, DEEP = 10, 100


def _planner():
    for name in _PLANNER_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "plan_environments") and hasattr(module, "plan_offers"):
            return module
    raise SystemExit("The demo planner (plan_environments, plan_offers) was not found.")


def recover_themes(seed: int = DEMO_SEED) -> dict[tuple[str, str], tuple[str, str]]:
    """(environment slug, offer slug) → (theme key, profile key), by replaying the demo planner.

    The planner is pure (it writes nothing); each planned offer's theme is caught on its way through
    ``_plan_offer``.
    """
    planner = _planner()
    reference = planner.Reference.load()
    original = planner._plan_offer
    caught: dict[int, str] = {}

    def catching(rng, reference, planned, theme, **kwargs):
        offer = original(rng, reference, planned, theme, **kwargs)
        caught[id(offer)] = theme.key
        return offer

    planner._plan_offer = catching
    try:
        total = OfferPage.objects.filter(environment__isnull=False).count()
        environments = planner.DEFAULT_ENVIRONMENTS
        plan = planner.plan_environments(reference, seed=seed, environments=environments, offers=planner.DEFAULT_OFFERS)
        themes = {}
        for planned in plan:
            for offer in planner.plan_offers(planned, reference, seed=seed):
                themes[(planned.page.slug, offer.page.slug)] = (caught[id(offer)], planned.profile.key)
    finally:
        planner._plan_offer = original
    if len(themes) < 0.9 * total:
        print(f"warning: only {len(themes)} of {total} offers recovered from the planner", file=sys.stderr)
    return themes


def load_offers() -> list[Offer]:
    themes = recover_themes()
    rows = (
        OfferPage.objects.live()
        .public()
        .select_related("environment", "environment__environment_type", "municipality")
        .prefetch_related("subjects", "subject_areas", "sdgs")
    )
    offers = []
    for page in rows:
        environment = page.environment
        theme, profile = themes.get((environment.slug if environment else "", page.slug), (None, None))
        offers.append(
            Offer(
                id=page.pk,
                theme=theme,
                profile=profile,
                etype=environment.environment_type.slug if environment and environment.environment_type else "",
                subjects=frozenset(s.slug for s in page.subjects.all()),
                areas=frozenset(a.slug for a in page.subject_areas.all()),
                sdgs=frozenset(g.number for g in page.sdgs.all()),
                low=page.grade_min,
                high=page.grade_max,
                formats=frozenset(page.formats),
                kommune=page.municipality.slug if page.municipality else "",
                environment=environment.title if environment else "",
            )
        )
    return offers


def resolve(query: Query, offers: list[Offer]) -> tuple[str, dict[int, int]]:
    """The query's text and the grade of every offer (only grades > 0 are kept)."""
    text, judge = query.text, query.judge
    if query.named is not None:
        profile, kommune = query.named
        names = sorted(
            {o.environment for o in offers if o.profile == profile and (kommune == "*" or o.kommune == kommune)}
        )
        if not names:
            return "", {}
        text = names[0]
        grades = {o.id: 2 if o.environment == text else judge(o) for o in offers}
    else:
        grades = {o.id: judge(o) for o in offers}
    return text, {pk: grade for pk, grade in grades.items() if grade > 0}


def dcg(gains: list[float]) -> float:
    return sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))


def evaluate(query: Query, offers: list[Offer]) -> dict:
    text, grades = resolve(query, offers)
    params = QueryDict(mutable=True)
    params["q"] = text
    for name, value in query.params.items():
        params.setlist(name, value if isinstance(value, list) else [value])
    result = search_offers(params, page_size=DEEP)
    ranked = [offer.pk for offer in result.offers]
    relevant = len(grades)
    if relevant:
        ideal = dcg(sorted(((2**g) - 1 for g in grades.values()), reverse=True)[:K])
        ndcg = dcg([(2 ** grades.get(pk, 0)) - 1 for pk in ranked[:K]]) / ideal
        precision = sum(1 for pk in ranked[:K] if pk in grades) / min(K, relevant)
        recall = sum(1 for pk in ranked[:DEEP] if pk in grades) / min(DEEP, relevant)
    else:
        ndcg = precision = recall = 1.0 if result.total == 0 else 0.0
    return {
        "kind": query.kind,
        "query": text,
        "reason": query.reason,
        "relevant": relevant,
        "highly_relevant": sum(1 for g in grades.values() if g == 2),
        "results": result.total,
        "ndcg": ndcg,
        "precision": precision,
        "recall": recall,
        "zero": result.total == 0,
        "empty_but_relevant": result.total == 0 and relevant > 0,
        "notices": list(result.notices),
        "top": [(pk, grades.get(pk, 0)) for pk in ranked[:K]],
    }


def summarise(rows: list[dict]) -> list[dict]:
    kinds: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        kinds[row["kind"]].append(row)
    summary = []
    for kind, members in [*kinds.items(), ("alle", rows)]:
        summary.append(
            {
                "kind": kind,
                "queries": len(members),
                "ndcg": statistics.mean(r["ndcg"] for r in members),
                "precision": statistics.mean(r["precision"] for r in members),
                "recall": statistics.mean(r["recall"] for r in members),
                "zero_rate": sum(r["zero"] for r in members) / len(members),
                "empty_but_relevant": sum(r["empty_but_relevant"] for r in members),
            }
        )
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="one line per query")
    parser.add_argument("--json", help="also write every query's figures to this file")
    args = parser.parse_args()

    offers = load_offers()
    themed = sum(1 for o in offers if o.theme)
    print(f"{len(offers)} live offers, {themed} with a recovered demo theme; {len(QUERIES)} queries.\n")
    rows = [evaluate(query, offers) for query in QUERIES]
    if args.verbose:
        print("| kind | query | relevant (2s) | results | nDCG@10 | P@10 | R@100 |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for r in rows:
            print(
                f"| {r['kind']} | {r['query']} | {r['relevant']} ({r['highly_relevant']}) | {r['results']} "
                f"| {r['ndcg']:.2f} | {r['precision']:.2f} | {r['recall']:.2f} |"
            )
        print()
    print("| kind | queries | nDCG@10 | P@10 | recall@100 | zero results | empty while relevant exist |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s in summarise(rows):
        bold = "**" if s["kind"] == "alle" else ""
        print(
            f"| {bold}{s['kind']}{bold} | {s['queries']} | {bold}{s['ndcg']:.3f}{bold} | {s['precision']:.3f} "
            f"| {s['recall']:.3f} | {s['zero_rate']:.0%} | {s['empty_but_relevant']} |"
        )
    if args.json:
        Path(args.json).write_text(json.dumps({"queries": rows, "summary": summarise(rows)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
