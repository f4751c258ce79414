"""Danish compounds split into their parts, from a real Danish word list (Debian's ``hunspell-da``).

Danish writes compounds as one word ("skovtur", "kunstmuseum", "affaldssortering"), so a teacher's
"skovtur" never meets an offer's "tur i skoven" by stemming alone. ``split_compound`` splits a word
into known words, allowing the linking letters ``s`` and ``e`` ("affald-s-sortering", "fugl-e-kig") and
an inflected last part ("vikinge-skibe"). The index adds the parts of every compound in an offer's text
as extra words (offers.search.index), and the query matches a compound by itself or by all its parts
(offers.search.text), so both directions meet.

The word list is ``settings.SEARCH_DICTIONARY_PATH`` (default ``/usr/share/hunspell/da_DK.dic``, the
``hunspell-da`` package; ``.ci/run`` installs it). Without the file, words are simply not split (the
maintained synonym list in ``offers/synonyms.py`` still applies). Python-side, so it works the same on
the embedded PostgreSQL of ``make run``, which has no Ispell files.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

MIN_PART = 3  # letters in a part ("tur", "hav", "kig")
MIN_WORD = 6  # shorter words are not split
LINKS = ("s", "e", "")  # linking letters between the parts, tried in this order
# Endings an inflected last part may carry ("skibe", "skoven", "museerne" are tried as "skib", "skov", …).
ENDINGS = ("erne", "ene", "ens", "ets", "er", "en", "et", "es", "e", "s", "r", "n")
# Dictionary words that are never parts on their own (too short or too common to mean anything alone).
# Suffixes that are also words ("-hed", "-dom", "-skab") and particles ("under-visning", "ind-skoling").
NOT_PARTS = frozenset(
    {
        *["ene", "ens", "ere", "ers", "ses", "ter", "den", "det", "der", "end", "han", "hun", "hel", "let", "kol"],
        *["hed", "dom", "skab", "lig", "ning", "else", "sel", "isme", "ende", "løs", "agtig", "inde", "ske"],
        *["ind", "ned", "mod", "til", "fra", "over", "under", "efter", "gen", "for", "med", "sam", "mis", "van"],
    }
)
_WORD = re.compile(r"^[a-zæøå]+$")


@functools.cache
def dictionary() -> frozenset[str]:
    """The lower-case stems of the Danish word list (no proper nouns, abbreviations or hyphenated words)."""
    path = Path(getattr(settings, "SEARCH_DICTIONARY_PATH", "/usr/share/hunspell/da_DK.dic"))
    try:
        lines = path.read_text(encoding="utf-8", errors="ignore").splitlines()[1:]
    except OSError:
        logger.warning("No Danish word list at %s: compounds are not split (install hunspell-da).", path)
        return frozenset()
    words = set()
    for line in lines:
        stem = line.split("/", 1)[0].strip()
        if stem and stem[0].islower() and _WORD.match(stem) and len(stem) >= MIN_PART:
            words.add(stem)
    return frozenset(words - NOT_PARTS)


def _known(part: str, words: frozenset[str], *, last: bool) -> str | None:
    """The part as a dictionary word (a last part may be inflected), or None."""
    if len(part) < MIN_PART:
        return None
    if part in words:
        return part
    if last:
        for ending in ENDINGS:
            stem = part[: -len(ending)]
            if part.endswith(ending) and len(stem) >= MIN_PART and stem in words:
                return stem
    return None


def _stem(word: str, words: frozenset[str]) -> str | None:
    """The dictionary word an inflected form comes from ("planeterne" → "planet", "vandhullet" → "vandhul")."""
    for ending in ENDINGS:
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if len(stem) >= MIN_PART and stem in words:
            return stem
        if len(stem) > MIN_PART and stem[-1] == stem[-2] and stem[:-1] in words:  # "hullet" → "hul"
            return stem[:-1]
    return None


@functools.lru_cache(maxsize=50_000)
def split_compound(word: str) -> tuple[str, ...] | None:
    """The parts of a Danish compound ("skovtur" → ("skov", "tur")), or None if it is not one.

    An inflected form is split as its dictionary word ("vikingeskibe" → "vikingeskib" → viking + skib).
    A last part that is a word as it stands beats one that needs an ending removed, and a longer
    first part beats a shorter one; the rest may itself be a compound.
    """
    word = word.lower()
    words = dictionary()
    if len(word) < MIN_WORD or not words or not _WORD.match(word):
        return None
    if word not in words:
        stem = _stem(word, words)
        if stem is not None:
            return split_compound(stem)
    best: tuple[int, tuple[str, ...]] | None = None
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        for link in LINKS:
            if link and not head.endswith(link):
                continue
            first = head[: len(head) - len(link)] if link else head
            if len(first) < MIN_PART or first not in words:
                continue
            if (link == "e" and len(first) <= MIN_PART) or (link == "s" and len(rest) <= MIN_PART):
                continue  # "bær-e-dygtighed", "viden-s-kab": a linking letter needs longer parts
            if rest in words:
                return (first, rest)
            last = _known(rest, words, last=True)
            if last is not None and best is None:
                best = (cut, (first, last))
            elif best is None and len(rest) >= MIN_WORD:
                deeper = split_compound(rest)
                if deeper is not None:
                    best = (cut, (first, *deeper))
    return best[1] if best else None
