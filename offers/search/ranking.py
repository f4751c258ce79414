"""The orders of the search's results: relevance, distance, newest and title."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact, SearchVectorField
from django.db.models import Case, F, Func, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from skoletjenesten.collation import danish

SORT_RELEVANCE, SORT_DISTANCE, SORT_NEWEST, SORT_TITLE = "relevans", "afstand", "nyeste", "titel"
SORT_CHOICES = [
    (SORT_RELEVANCE, _("Relevans")),
    (SORT_DISTANCE, _("Afstand")),
    (SORT_NEWEST, _("Nyeste")),
    (SORT_TITLE, _("Titel (A–Å)")),
]
# tsvector weights D, C, B, A: title (A) counts most, then subjects, SDGs and environment (B), teaser (C),
# and a word only in the description (D) counts little.
RANK_WEIGHTS = [0.05, 0.2, 0.4, 1.0]


def title_matches(query: SearchQuery):
    """``ts_filter(search_vector, '{a}') @@ query``: the words match the title (weight A)."""
    title_vector = Func(F("search_vector"), Value("{a}"), function="ts_filter", output_field=SearchVectorField())
    return SearchVectorExact(title_vector, query)


def _flag(condition) -> Case:
    return Case(When(condition, then=1), default=0, output_field=IntegerField())


def order_rows(
    rows: QuerySet,
    sort: str,
    query: SearchQuery | None,
    *,
    terms: list[SearchQuery] | None = None,
    phrase: SearchQuery | None = None,
    subject_ids: list[int] | None = None,
) -> QuerySet:
    """The search rows in the chosen order (``distance_km`` must be annotated for SORT_DISTANCE).

    Relevance: with ``terms`` (partial matches), first by how many of the words an offer has; then
    offers with the words next to each other (``phrase``), offers with a subject the text names
    (``subject_ids``: "dansk" means the subject more than a title with "dansk design"), offers whose
    title has the words; then ts_rank over the weighted fields (title, then subjects, SDGs and
    environment, then teaser, then description).
    """
    if sort == SORT_RELEVANCE and query is not None:
        annotations = {
            "rank": SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS),
            "title_match": _flag(title_matches(query)),
        }
        order = ["-title_match", "-rank", F("first_published_at").desc(nulls_last=True), "pk"]
        if subject_ids:
            annotations["subject_match"] = _flag(Q(subject_ids__overlap=subject_ids))
            order.insert(0, "-subject_match")
        if phrase is not None:
            annotations["phrase_match"] = _flag(Q(search_vector=phrase))
            order.insert(0, "-phrase_match")
        if terms and len(terms) > 1:
            annotations["words_matched"] = sum((_flag(Q(search_vector=term)) for term in terms), Value(0))
            order.insert(0, "-words_matched")
        return rows.annotate(**annotations).order_by(*order)
    if sort == SORT_DISTANCE:
        return rows.order_by("distance_km", "pk")
    if sort == SORT_TITLE:
        return rows.order_by(danish("title"), "pk")
    # Newest: by first publication; offers never published (e.g. a kommune's own) last.
    return rows.order_by(F("first_published_at").desc(nulls_last=True), "-pk")
