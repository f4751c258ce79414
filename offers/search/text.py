"""Query parsing: what the teacher typed, as words to match and phrases that mean a filter.

``parse_query("3. klasse historie")`` understands grade phrases ("3. klasse", "indskoling",
"mellemtrin", "udskoling", "børnehave", "gymnasiet" …) and SDG phrases ("verdensmål 13",
"verdensmålene") as what they mean (a grade range, an SDG), drops stop words, and makes each remaining
word a ``Term``: the word, its synonyms (offers/synonyms.py) and, for a Danish compound, all its parts
("skovtur" → skov & tur, offers.search.compounds), each stemmed by PostgreSQL's Danish configuration.
No prefix matching: the index carries the parts of the offers' compounds, so "natur" meets
"naturcenter" without "fod" meeting "foder".

``ParsedQuery.all_words()`` needs every term; ``any_word()`` any of them, for the partial matches the
selector falls back to when too few offers have every word (ranked by how many terms they hit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q
from django.utils.translation import gettext as _

from offers.synonyms import STOP_WORDS, alternatives, broader

from .compounds import split_compound
from .index import SEARCH_CONFIG

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
_WORD_RE = re.compile(r"\w+(?:[./-]\w+)*")

# Grade phrases → (lowest, highest) grade position (vuggestue 0, børnehave 1, 0. klasse 2 … 10. klasse 12,
# youth education 13) and how the page names them.
_GRADE_WORDS: list[tuple[re.Pattern[str], tuple[int, int], str]] = [
    (re.compile(r"\bindskoling(?:en)?\b"), (2, 5), "indskoling (0.–3. klasse)"),
    (re.compile(r"\bmellemtrin(?:net)?\b"), (6, 8), "mellemtrin (4.–6. klasse)"),
    (re.compile(r"\budskoling(?:en)?\b"), (9, 11), "udskoling (7.–9. klasse)"),
    (re.compile(r"\bbørnehaveklasse(?:n|r)?\b"), (2, 2), "0. klasse"),
    (re.compile(r"\bbørnehave(?:n|r|rne|børn)?\b"), (1, 1), "børnehave"),
    (re.compile(r"\bvuggestue(?:n|r|rne|børn)?\b"), (0, 0), "vuggestue"),
    (re.compile(r"\bdagtilbud(?:det|dene)?\b"), (0, 1), "dagtilbud"),
    (re.compile(r"\bgrundskole(?:n|r)?\b"), (2, 12), "grundskole"),
    (
        re.compile(r"\b(?:gymnasie(?:t|r|rne|elever)?|gymnasiet|stx|hf|hhx|htx|ungdomsuddannelse(?:r|n|rne)?)\b"),
        (13, 13),
        "ungdomsuddannelse",
    ),
]
_GRADE_NUMBER = re.compile(r"\b(\d{1,2})\s*\.?\s*(?:klasse(?:trin)?|kl\b\.?)")
_SDG = re.compile(r"\bverdensm(?:å|aa)l(?:ene|et|s)?\b(?:\s*(?:nr\.?|nummer)?\s*(\d{1,2})\b)?")


@dataclass
class Term:
    word: str
    query: SearchQuery
    # For partial matches: a compound counts as its first part and as all its parts ("skovtur" → skov).
    parts: list[SearchQuery] = field(default_factory=list)

    @property
    def partial_queries(self) -> list[SearchQuery]:
        return self.parts or [self.query]


@dataclass
class ParsedQuery:
    text: str
    terms: list[Term] = field(default_factory=list)
    grade_ranges: list[tuple[int, int]] = field(default_factory=list)
    sdg_numbers: list[int] = field(default_factory=list)
    any_sdg: bool = False
    understood: list[str] = field(default_factory=list)  # the phrases read as filters, for the page
    subject_ids: list[int] = field(default_factory=list)  # words that name a subject (ranked first)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.grade_ranges or self.sdg_numbers or self.any_sdg)

    def all_words(self) -> SearchQuery | None:
        return reduce(lambda a, b: a & b, (t.query for t in self.terms)) if self.terms else None

    def any_word(self) -> SearchQuery | None:
        queries = self.partial_terms()
        return reduce(lambda a, b: a | b, queries) if queries else None

    def partial_terms(self) -> list[SearchQuery]:
        """The units partial matching counts: each word, and each part of a compound."""
        return [query for term in self.terms for query in term.partial_queries]

    def phrase(self) -> SearchQuery | None:
        """The words next to each other, as typed (for several words)."""
        words = [term.word for term in self.terms]
        return SearchQuery(" ".join(words), search_type="phrase", config=SEARCH_CONFIG) if len(words) > 1 else None

    def filters(self, sdg_ids: dict[str, int]) -> Q:
        """The grade and SDG phrases as conditions on the search rows."""
        q = Q()
        if self.grade_ranges:
            q &= reduce(
                lambda a, b: a | b, (Q(grade_min__lte=high, grade_max__gte=low) for low, high in self.grade_ranges)
            )
        if self.sdg_numbers:
            q &= Q(sdg_ids__overlap=[sdg_ids[str(n)] for n in self.sdg_numbers if str(n) in sdg_ids])
        elif self.any_sdg:
            q &= ~Q(sdg_ids=[])
        return q


def text_words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())[:MAX_QUERY_WORDS]


def _plain(words: str) -> SearchQuery:
    return SearchQuery(words, search_type="plain", config=SEARCH_CONFIG)


def _word_query(word: str) -> SearchQuery:
    """One word, stemmed, exactly; "natur/teknologi" and "h.c" also match as their parts together."""
    whole = _plain(word)
    parts = re.findall(r"[^\W_]+", word)
    if len(parts) > 1:
        return whole | _plain(" ".join(parts))
    return whole


NEAR_WORDS = 3  # "tur i skoven", "museum for moderne kunst": the last part up to this many words before the first


def compound_near(parts: tuple[str, ...]) -> SearchQuery:
    """A compound's parts next to each other in order ("skov tur": the index adds every compound's parts
    so), or, for two parts, the last shortly before the first ("tur i skoven", "museum for kunst")."""
    alternatives = [" <-> ".join(parts)]
    if len(parts) == 2:
        alternatives += [f"{parts[1]} <{distance}> {parts[0]}" for distance in range(1, NEAR_WORDS + 1)]
    return SearchQuery(" | ".join(f"({item})" for item in alternatives), search_type="raw", config=SEARCH_CONFIG)


def term_query(word: str) -> SearchQuery:
    """A typed word: itself, its synonyms and broader words, and the parts of a compound (all of them).

    "aa" typed for "å" ("bondegaard") also finds the word with "å".
    """
    options: list[SearchQuery] = []
    if "aa" in word:
        options.append(_word_query(word.replace("aa", "å")))
    for parts in alternatives(word):
        options.append(_word_query(parts[0]) if len(parts) == 1 else _plain(" ".join(parts)))
    for other in broader(word):
        options.append(_plain(other))
    compound = split_compound(word)
    if compound:
        options.append(_plain(" ".join(compound)))
    return reduce(lambda a, b: a | b, options)


def parse_query(
    text: str, *, sdg_names: dict[int, str] | None = None, subjects: dict[str, int] | None = None
) -> ParsedQuery:
    """Parse the text. ``sdg_names`` (number → name) makes an SDG's full name a filter ("klimaindsats");
    ``subjects`` (lower-case name or word → id) marks words that name a subject, which rank first."""
    parsed = ParsedQuery(text=text)
    rest = text.lower()
    for number, name in sorted((sdg_names or {}).items(), key=lambda item: -len(item[1])):
        pattern = re.compile(r"(?<![\w])" + re.escape(name.lower()) + r"(?![\w])")
        if pattern.search(rest):
            parsed.sdg_numbers.append(number)
            parsed.understood.append(_("verdensmål %(number)s (%(name)s)") % {"number": number, "name": name})
            rest = pattern.sub(" ", rest)

    def sdg(match: re.Match[str]) -> str:
        number = match.group(1)
        if number and 1 <= int(number) <= 17:
            parsed.sdg_numbers.append(int(number))
            parsed.understood.append(_("verdensmål %(number)s") % {"number": number})
        else:
            parsed.any_sdg = True
            parsed.understood.append(_("verdensmål"))
        return " "

    def grade(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number > 10:
            return match.group(0)
        parsed.grade_ranges.append((number + 2, number + 2))
        parsed.understood.append(_("%(number)s. klasse") % {"number": number})
        return " "

    rest = _SDG.sub(sdg, rest)
    rest = _GRADE_NUMBER.sub(grade, rest)
    for pattern, (low, high), label in _GRADE_WORDS:
        if pattern.search(rest):
            parsed.grade_ranges.append((low, high))
            parsed.understood.append(label)
            rest = pattern.sub(" ", rest)
    seen: set[str] = set()
    for word in text_words(rest):
        if word in STOP_WORDS or word in seen or (len(word) == 1 and not word.isdigit()):
            continue
        seen.add(word)
        # Partial matches of a compound: its first part (what it is about: "skov" in "skovtur") and its
        # parts together, near each other (a "tur" in the teaser and a "skov" in the environment's
        # name are not a forest trip); its last part alone ("tur", "tid") says too little.
        compound = split_compound(word.replace("aa", "å"))
        parts = [_plain(compound[0]), compound_near(compound)] if compound else []
        parsed.terms.append(Term(word, term_query(word), parts))
        if subjects and word in subjects:
            parsed.subject_ids.append(subjects[word])
    return parsed


def text_search_query(text: str) -> SearchQuery | None:
    """Every word of the text (the strict query), or None if nothing is left to match."""
    return parse_query(text).all_words()
