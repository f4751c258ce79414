"""The orders of the search's results: relevance, distance, newest and title."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact, SearchVectorField
from django.db.models import Case, F, Func, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

SORT_RELEVANCE, SORT_DISTANCE, SORT_NEWEST, SORT_TITLE = "relevans", "afstand", "nyeste", "titel"
SORT_CHOICES = [
    (SORT_RELEVANCE, _("Relevans")),
    (SORT_DISTANCE, _("Afstand")),
    (SORT_NEWEST, _("Nyeste")),
    (SORT_TITLE, _("Titel (A–Å)")),
]
# tsvector weights D, C, B, A: title (A) counts most, the description (C) least.
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]


def title_matches(query: SearchQuery):
    """``ts_filter(search_vector, '{a}') @@ query``: the words match the title (weight A)."""
    title_vector = Func(F("search_vector"), Value("{a}"), function="ts_filter", output_field=SearchVectorField())
    return SearchVectorExact(title_vector, query)


def order_rows(rows: QuerySet, sort: str, query: SearchQuery | None) -> QuerySet:
    """The search rows in the chosen order (``distance_km`` must be annotated for SORT_DISTANCE)."""
    if sort == SORT_RELEVANCE and query is not None:
        return rows.annotate(
            rank=SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS),
            title_match=Case(When(title_matches(query), then=1), default=0, output_field=IntegerField()),
        ).order_by("-title_match", "-rank", "-first_published_at", "pk")
    if sort == SORT_DISTANCE:
        return rows.order_by("distance_km", "pk")
    if sort == SORT_TITLE:
        return rows.order_by("title", "pk")
    return rows.order_by("-first_published_at", "-pk")
