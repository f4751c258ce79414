"""The orders of the search's results: relevance, distance, newest and title."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from offers.models.searching import title_words
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
    """``ts_filter(search_vector, '{a}') @@ query``: the words match the title (weight A; its own GIN index)."""
    return SearchVectorExact(title_words(), query)


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
    titles_only: bool = False,
) -> QuerySet:
    """The search rows in the chosen order (``distance_km`` must be annotated for SORT_DISTANCE).

    Relevance: with ``terms`` (partial matches), first by how many of the words an offer has; then
    offers with the words next to each other (``phrase``), offers with a subject the text names
    (``subject_ids``: "dansk" means the subject more than a title with "dansk design"), offers whose
    title has the words; then ts_rank over the weighted fields (title, then subjects, SDGs and
    environment, then teaser, then description). ``titles_only``: the rows all match in the title, a key
    that then orders nothing and is left out.
    """
    if sort == SORT_RELEVANCE and query is not None:
        annotations: dict = {"rank": SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS)}
        order = ["-rank", F("first_published_at").desc(nulls_last=True), "pk"]
        if not titles_only:
            annotations["title_match"] = _flag(title_matches(query))
            order.insert(0, "-title_match")
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


def title_leads(
    sort: str,
    query: SearchQuery | None,
    *,
    terms: list[SearchQuery] | None = None,
    phrase: SearchQuery | None = None,
    subject_ids: list[int] | None = None,
) -> bool:
    """Whether ``order_rows`` puts every title match before every other row: by relevance, with no key before
    the title's (one word: no phrase, no count of words, no subject the text names).

    Then a page is read from the title matches alone while there are enough of them (through their own
    index), and the other matches are never ranked: "museer" at 100,034 offers matches 33,000 offers and
    3,000 titles.
    """
    return sort == SORT_RELEVANCE and query is not None and not subject_ids and phrase is None and len(terms or []) < 2
