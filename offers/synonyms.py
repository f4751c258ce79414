"""Danish search synonyms the stemmer cannot join: irregular plurals and compounds.

The Danish Snowball stemmer joins regular inflections ("skovene" → "skov"), but not irregular forms
("museer"/"museum", "børn"/"barn") nor compounds ("kunstmuseum" is one token). Each word a teacher
types is expanded to its group, so either form finds both.

Maintenance: add a line to ``EQUIVALENTS`` for words that mean the same (every word in a group
expands to all of them), and to ``COMPOUNDS`` for a compound that should also match its parts
(all parts must match). Words are lower case.
"""

from __future__ import annotations

# Groups of interchangeable words (irregular inflections, spelling variants, everyday synonyms).
EQUIVALENTS: list[tuple[str, ...]] = [
    ("museum", "museer", "museet", "museerne", "museets"),
    ("barn", "børn", "børnene", "barnet", "børns"),
    ("bog", "bøger", "bøgerne", "bogen"),
    ("fod", "fødder"),
    ("hånd", "hænder"),
    ("mand", "mænd"),
    ("kvinde", "kvinder"),
    ("gås", "gæs"),
    ("ko", "køer"),
    ("tå", "tæer"),
    ("and", "ænder"),
    ("by", "byer"),
    ("land", "lande"),
    ("bonde", "bønder"),
    ("sø", "søer", "søen", "søerne"),
    ("viking", "vikinger", "vikingerne", "vikingetid", "vikingetiden"),
    ("naturskole", "naturskoler", "naturcenter", "naturcentre"),
    ("zoo", "zoologisk", "dyrepark", "dyrehave"),
    ("akvarium", "akvarier", "akvariet"),
    ("kunsthal", "kunsthaller", "kunsthallen"),
    ("bibliotek", "biblioteker", "biblioteket"),
    ("arkiv", "arkiver", "arkivet"),
    ("teater", "teatre", "teatret", "teatrene"),
    ("center", "centre", "centret", "centeret"),
    ("science", "naturvidenskab"),
    ("stem", "naturvidenskab", "teknologi"),
    ("it", "teknologiforståelse", "programmering", "kodning"),
    ("verdensmål", "verdensmålene", "bæredygtighed", "fn"),
    ("klima", "klimaet", "klimaforandringer"),
    ("virksomhed", "virksomheder", "erhverv", "virksomhedsbesøg"),
    ("matematik", "matte"),
    ("natur/teknologi", "natur-teknologi", "natek"),
    ("idræt", "sport"),
    ("billedkunst", "kunst"),
]

# Compounds that should also find offers mentioning their parts together.
COMPOUNDS: dict[str, tuple[str, ...]] = {
    "kunstmuseum": ("kunst", "museum"),
    "kunstmuseer": ("kunst", "museum"),
    "naturhistorisk": ("natur", "historie"),
    "kulturhistorisk": ("kultur", "historie"),
    "lokalhistorie": ("lokal", "historie"),
    "lokalhistorisk": ("lokal", "historie"),
    "vikingemuseum": ("viking", "museum"),
    "skovtur": ("skov", "tur"),
    "skoletjeneste": ("skole", "tjeneste"),
    "naturvidenskab": ("natur", "videnskab"),
    "havbiologi": ("hav", "biologi"),
    "kunsthistorie": ("kunst", "historie"),
    "søndagsskole": ("søndag", "skole"),
    "stenalder": ("sten", "alder"),
    "bronzealder": ("bronze", "alder"),
    "jernalder": ("jern", "alder"),
}

# Words that should also find offers about something broader ("ænder" are birds): the typed word
# finds its broader words too, never the other way round.
BROADER: dict[str, tuple[str, ...]] = {
    "and": ("fugl",),
    "ænder": ("fugl",),
    "gås": ("fugl",),
    "gæs": ("fugl",),
    "ugle": ("fugl",),
    "ugler": ("fugl",),
    "krabbe": ("hav",),
    "krabber": ("hav",),
    "vandmænd": ("hav",),
    "frøer": ("vandhul",),
    "haletudser": ("vandhul",),
}

# PostgreSQL's Danish stop words (Snowball): ignored in queries.
STOP_WORDS = frozenset(
    [
        "og",
        "i",
        "jeg",
        "det",
        "at",
        "en",
        "den",
        "til",
        "er",
        "som",
        "på",
        "de",
        "med",
        "han",
        "af",
        "for",
        "ikke",
        "der",
        "var",
        "mig",
        "sig",
        "men",
        "et",
        "har",
        "om",
        "vi",
        "min",
        "havde",
        "ham",
        "hun",
        "nu",
        "over",
        "da",
        "fra",
        "du",
        "ud",
        "sin",
        "dem",
        "os",
        "op",
        "man",
        "hans",
        "hvor",
        "eller",
        "hvad",
        "skal",
        "selv",
        "her",
        "alle",
        "vil",
        "blev",
        "kunne",
        "ind",
        "når",
        "være",
        "dog",
        "noget",
        "ville",
        "jo",
        "deres",
        "efter",
        "ned",
        "skulle",
        "denne",
        "end",
        "dette",
        "mit",
        "også",
        "under",
        "have",
        "dig",
        "anden",
        "hende",
        "mine",
        "alt",
        "meget",
        "sit",
        "sine",
        "vor",
        "mod",
        "disse",
        "hvis",
        "din",
        "nogle",
        "hos",
        "blive",
        "mange",
        "ad",
        "bliver",
        "hendes",
        "været",
        "thi",
        "jer",
        "sådan",
    ]
)

_EQUIVALENT_INDEX: dict[str, tuple[str, ...]] = {}
for _group in EQUIVALENTS:
    for _word in _group:
        _EQUIVALENT_INDEX[_word] = tuple(dict.fromkeys(_EQUIVALENT_INDEX.get(_word, ()) + _group))


def alternatives(word: str) -> list[tuple[str, ...]]:
    """The ways a typed word can match: each alternative is a tuple of words that must all match.

    >>> alternatives("kunstmuseum")
    [('kunstmuseum',), ('kunst', 'museum')]
    """
    word = word.lower()
    options: list[tuple[str, ...]] = [(word,)]
    for other in _EQUIVALENT_INDEX.get(word, ()):
        if (other,) not in options:
            options.append((other,))
    parts = COMPOUNDS.get(word)
    if parts:
        options.append(parts)
    return options


def broader(word: str) -> tuple[str, ...]:
    """Broader words a typed word also finds ("ænder" → "fugl")."""
    return BROADER.get(word.lower(), ())
