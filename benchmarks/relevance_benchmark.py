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

from demo.environment_plan import Reference, plan_environments  # noqa: E402
from demo.offer_plan import plan_offers  # noqa: E402
from demo.offers import DEFAULT_ENVIRONMENTS, DEFAULT_OFFERS, DEFAULT_SEED  # noqa: E402
from offers.models import OfferPage  # noqa: E402
from offers.search import search_offers  # noqa: E402

K, DEEP = 10, 100


def recover_themes(seed: int = DEFAULT_SEED) -> dict[tuple[str, str], tuple[str, str]]:
    """(environment slug, offer slug) → (theme key, profile key), by replaying the demo planner.

    The planner is pure (it writes nothing) and each planned offer names its demo theme
    (``PlannedOffer.theme``). ``plan_offers`` gives the slugs ``seed_demo`` wrote (``plan_all_offers``
    changes only teasers).
    """
    reference = Reference.load()
    total = OfferPage.objects.filter(environment__isnull=False).count()
    plan = plan_environments(reference, seed=seed, environments=DEFAULT_ENVIRONMENTS, offers=DEFAULT_OFFERS)
    themes = {}
    for planned in plan:
        for offer in plan_offers(planned, reference, seed=seed):
            themes[(planned.page.slug, offer.page.slug)] = (offer.theme, planned.profile.key)
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
