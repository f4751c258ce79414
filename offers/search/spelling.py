""" "Mente du …?": the closest words of the offers' vocabulary for a misspelt query."""

from __future__ import annotations

import difflib

from django.db import connection

from .text import text_words

_TRGM_AVAILABLE: dict[str, bool] = {}


def _has_trigram() -> bool:
    key = connection.settings_dict["NAME"]
    if key not in _TRGM_AVAILABLE:
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
            _TRGM_AVAILABLE[key] = bool(cursor.fetchone()[0])
    return _TRGM_AVAILABLE[key]


def suggest_spelling(text: str) -> str | None:
    """The text with unknown words replaced by the closest word in the offers' vocabulary, if any.

    Uses pg_trgm similarity when the extension is installed, else difflib over the words that share
    the first letter (the embedded PostgreSQL has no pg_trgm); never raises for want of either.
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
                SELECT w.word, (
                    SELECT t.word FROM offers_searchterm t
                    WHERE similarity(t.word, w.word) > 0.3
                    ORDER BY similarity(t.word, w.word) DESC, t.frequency DESC LIMIT 1)
                FROM unnest(%s::text[]) AS w(word)
                WHERE NOT EXISTS (SELECT 1 FROM offers_searchterm t WHERE t.word = w.word)
                """,
                [candidates],
            )
            replacements = {word: best for word, best in cursor.fetchall() if best}
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
                close = difflib.get_close_matches(word, [v for v in vocabulary if v[0] == word[0]], n=1, cutoff=0.75)
                if close:
                    replacements[word] = close[0]
    if not replacements:
        return None
    return " ".join(replacements.get(word, word) for word in words)
