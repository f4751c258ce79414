""" "Mente du …?": the closest words of the offers' vocabulary for a misspelt query."""

from __future__ import annotations

import difflib
import hashlib

from django.db import connection

from .index import cached_by_search_version
from .text import text_words

_TRGM_AVAILABLE: dict[str, bool] = {}
CANDIDATES = 8  # the most similar words of the vocabulary looked at per unknown word


def max_edits(word: str) -> int:
    """How many typing mistakes a word of this length may carry: one up to five letters, else two.

    Trigram similarity alone calls a different word a misspelling ("andersen" → "randers": similarity
    0.31, three edits apart), which turned a name no offer mentions into another town's offers.
    """
    return 1 if len(word) <= 5 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (insert, delete, substitute, swap two neighbours), capped at
    ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _closest(word: str, candidates: list[str]) -> str | None:
    """The first candidate (best first) within the word's allowed typing mistakes."""
    limit = max_edits(word)
    for candidate in candidates:
        if edit_distance(word, candidate, limit) <= limit:
            return candidate
    return None


def _has_trigram() -> bool:
    key = connection.settings_dict["NAME"]
    if key not in _TRGM_AVAILABLE:
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
            _TRGM_AVAILABLE[key] = bool(cursor.fetchone()[0])
    return _TRGM_AVAILABLE[key]


def suggest_spelling(text: str) -> str | None:
    """The text with unknown words replaced by the closest word in the offers' vocabulary, if any.

    A replacement is at most ``max_edits`` typing mistakes away. Uses pg_trgm similarity when the
    extension is installed, else difflib over the words that share the first letter (the embedded
    PostgreSQL has no pg_trgm); never raises for want of either.
    """
    words = text_words(text)
    candidates = [word for word in words if len(word) >= 4 and not word.isdigit()]
    if not candidates:
        return None
    replacements: dict[str, str] = {}
    with connection.cursor() as cursor:
        if _has_trigram():
            cursor.execute(
                """
                SELECT w.word, ARRAY(
                    SELECT t.word FROM offers_searchterm t
                    WHERE similarity(t.word, w.word) > 0.3
                    ORDER BY similarity(t.word, w.word) DESC, t.frequency DESC LIMIT %s)
                FROM unnest(%s::text[]) AS w(word)
                WHERE NOT EXISTS (SELECT 1 FROM offers_searchterm t WHERE t.word = w.word)
                """,
                [CANDIDATES, candidates],
            )
            for word, similar in cursor.fetchall():
                best = _closest(word, list(similar or []))
                if best:
                    replacements[word] = best
        else:
            cursor.execute(
                "SELECT word FROM offers_searchterm WHERE left(word, 1) = ANY(%s) ORDER BY frequency DESC LIMIT 20000",
                [sorted({word[0] for word in candidates})],
            )
            vocabulary = [row[0] for row in cursor.fetchall()]
            known = set(vocabulary)
            for word in candidates:
                if word in known:
                    continue
                close = difflib.get_close_matches(
                    word, [v for v in vocabulary if v[0] == word[0]], n=CANDIDATES, cutoff=0.75
                )
                best = _closest(word, close)
                if best:
                    replacements[word] = best
    if not replacements:
        return None
    return " ".join(replacements.get(word, word) for word in words)


def cached_suggestion(text: str) -> str | None:
    """``suggest_spelling(text)``, kept under the search version (the vocabulary changes only with the search
    rows, which bump it): an empty result looked its words up by trigram similarity on every request."""
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
    return cached_by_search_version("offers:spelling", lambda: suggest_spelling(text) or "", digest) or None
