"""Query parsing: the teacher's text as words, and the Danish tsquery that matches them."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery

from offers.synonyms import STOP_WORDS, alternatives

from .index import SEARCH_CONFIG

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
_WORD_RE = re.compile(r"\w+(?:[/-]\w+)*")


def text_words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())[:MAX_QUERY_WORDS]


def _word_query(word: str) -> SearchQuery:
    """One word, stemmed; words of four letters or more also match as the first part of a compound
    ("natur" finds "naturcenter"), since Danish writes compounds as one word."""
    parts = re.findall(r"[^\W_]+", word)
    if len(parts) == 1 and len(parts[0]) >= 4:
        # Safe as a raw tsquery: the part is letters and digits only.
        return SearchQuery(f"'{parts[0]}':*", search_type="raw", config=SEARCH_CONFIG)
    whole = SearchQuery(word, search_type="plain", config=SEARCH_CONFIG)
    if len(parts) > 1:  # "natur/teknologi" is one token to PostgreSQL's parser; also match its parts
        return whole | SearchQuery(" ".join(parts), search_type="plain", config=SEARCH_CONFIG)
    return whole


def text_search_query(text: str) -> SearchQuery | None:
    """A Danish tsquery: every typed word must match, each by any of its synonyms or compound parts."""
    combined = None
    for word in text_words(text):
        if word in STOP_WORDS:
            continue  # PostgreSQL drops them anyway; a query of only stop words would match nothing
        group = None
        for parts in alternatives(word):
            if len(parts) == 1:
                option = _word_query(parts[0])
            else:
                option = SearchQuery(" ".join(parts), search_type="plain", config=SEARCH_CONFIG)
            group = option if group is None else group | option
        combined = group if combined is None else combined & group
    return combined
