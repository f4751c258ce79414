"""Realistic teacher queries with graded relevance judgements of the demo offers (``seed_demo``, seed 2019).

Every judgement is derived from what an offer is ABOUT, never from its words: the demo theme it was
generated from (``theme``, recovered by replaying the deterministic demo planner), the kind of place
(``profile``: e.g. ``art-museum``; ``etype``: the environment type), its subjects, subject areas, SDGs,
grade range (positions: vuggestue 0, børnehave 1, 0. klasse 2 … 9. klasse 11, 10. klasse 12, youth
education 13), formats and kommune. So the judgements hold when the demo texts are rewritten, as long as
the themes keep their meaning. Grades: 2 = what the teacher is looking for, 1 = related (a reasonable
second choice), 0 = not relevant. Each query says why.

Kinds: single word, compound, inflected form, multi-word, misspelling, name (places and institutions),
grade + subject, SDG words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Offer:
    id: int
    theme: str | None
    profile: str | None
    etype: str
    subjects: frozenset[str]
    areas: frozenset[str]
    sdgs: frozenset[int]
    low: int
    high: int
    formats: frozenset[str]
    kommune: str
    environment: str  # the environment's title (only for name queries built from the data)

    def covers(self, low: int, high: int | None = None) -> bool:
        """The offer's grade range overlaps low–high (one position if high is omitted)."""
        high = low if high is None else high
        return self.low <= high and self.high >= low


Judge = Callable[[Offer], int]


@dataclass
class Query:
    kind: str
    text: str
    judge: Judge
    reason: str
    params: dict[str, Any] = field(default_factory=dict)
    # A name query built from the data: (profile, kommune slug or "*"). The runner takes the first such
    # environment (by title), searches its title, and grades its offers 2; ``judge`` grades the rest.
    named: tuple[str, str] | None = None


# Grade positions
DAYCARE = (0, 1)
INDSKOLING = (2, 5)  # 0.–3. klasse
MELLEMTRIN = (6, 8)  # 4.–6. klasse
UDSKOLING = (9, 11)  # 7.–9. klasse
YOUTH = (13, 13)


def klasse(n: int) -> int:
    return n + 2


def themes(strong: tuple[str, ...], related: tuple[str, ...] = ()) -> Judge:
    return lambda o: 2 if o.theme in strong else 1 if o.theme in related else 0


def rule(strong: Callable[[Offer], bool], related: Callable[[Offer], bool] = lambda o: False) -> Judge:
    return lambda o: 2 if strong(o) else 1 if related(o) else 0


ART = ("image-analysis", "golden-age", "contemporary-art", "art-workshop")
NATURE = ("pond-life", "forest", "birds", "outdoor-life", "nature-play", "coast", "sea-life")
ANIMALS = ("zoo-animals", "nature-play", "pond-life", "sea-life", "birds")


QUERIES: list[Query] = [
    # --- Single words ------------------------------------------------------------------------------
    Query("ord", "vikinger", themes(("vikings",)), "Offers of the Viking Age theme."),
    Query("ord", "stenalder", themes(("stone-age",)), "Offers of the Stone Age theme."),
    Query(
        "ord",
        "middelalder",
        themes(("middle-ages",), ("church",)),
        "Middle Ages theme; church offers (medieval wall paintings, churches) are related.",
    ),
    Query("ord", "besættelsen", themes(("occupation",)), "The German occupation 1940–45 theme."),
    Query("ord", "fugle", themes(("birds",)), "The birds theme."),
    Query(
        "ord",
        "klima",
        rule(lambda o: o.theme == "climate", lambda o: o.theme in ("energy", "waste") or 13 in o.sdgs),
        "Climate theme; energy, waste and offers tagged SDG 13 (climate action) are related.",
    ),
    Query(
        "ord",
        "programmering",
        themes(("programming",), ("maker-space",)),
        "Programming/robots theme; maker spaces (electronics) related.",
    ),
    Query("ord", "dinosaurer", themes(("fossils",)), "Dinosaurs and fossils theme."),
    Query(
        "ord",
        "teater",
        rule(lambda o: o.theme in ("theatre-play", "drama-workshop"), lambda o: o.etype == "teater"),
        "Theatre performances and drama workshops; other offers of theatres related.",
    ),
    Query("ord", "dans", themes(("dance",)), "Dance theme."),
    Query(
        "ord",
        "musik",
        rule(lambda o: o.theme == "music", lambda o: o.theme == "dance" or "musik" in o.subjects),
        "Music theme; dance and offers with the subject music related.",
    ),
    Query("ord", "film", themes(("film",)), "Film theme (analysis, making films, animation)."),
    Query("ord", "energi", themes(("energy",), ("climate",)), "Energy and electricity; climate related."),
    Query("ord", "affald", themes(("waste",)), "Waste and recycling theme."),
    Query(
        "ord",
        "matematik",
        rule(lambda o: o.theme == "everyday-math", lambda o: "matematik" in o.subjects),
        "Mathematics theme; other offers with the subject mathematics related.",
    ),
    Query(
        "ord",
        "kemi",
        rule(lambda o: o.theme == "chemistry-lab", lambda o: "fysik-kemi" in o.subjects),
        "Chemistry lab theme; offers with physics/chemistry related.",
    ),
    Query("ord", "rummet", themes(("space",)), "Space theme (planets, stars, Mars)."),
    Query(
        "ord",
        "kunst",
        rule(lambda o: o.theme in ART, lambda o: o.theme == "design-architecture"),
        "Art themes (image analysis, golden age, contemporary art, art workshop); design/architecture related.",
    ),
    Query(
        "ord",
        "natur",
        rule(lambda o: o.theme in NATURE, lambda o: "naturfag-og-naturvidenskab" in o.areas),
        "Nature themes (pond, forest, birds, outdoor life, coast, sea); other science offers related.",
    ),
    Query("ord", "demokrati", themes(("democracy", "town-hall")), "Democracy themes (incl. the town hall)."),
    Query("ord", "førstehjælp", themes(("first-aid",)), "First aid theme."),
    Query("ord", "trafik", themes(("traffic",)), "Traffic safety theme."),
    Query("ord", "jul", themes(("christmas-old",)), "Christmas in the old days."),
    Query(
        "ord",
        "robotter",
        themes(("programming",), ("maker-space", "production")),
        "Programming/robots; maker spaces and robot production related.",
    ),
    Query(
        "ord",
        "teknologi",
        rule(
            lambda o: o.theme in ("programming", "maker-space"),
            lambda o: "teknologiforstaaelse" in o.subjects or "teknologi-innovation-og-stem" in o.areas,
        ),
        "Technology understanding (programming, maker space); other STEM offers related.",
    ),
    Query(
        "ord",
        "ænder",
        themes(("birds", "pond-life"), ("nature-play",)),
        "Ducks: birds and pond life; nature play for the youngest related.",
    ),
    # --- Compounds ---------------------------------------------------------------------------------
    Query(
        "sammensat",
        "skovtur",
        themes(("forest",), ("outdoor-life", "nature-play", "scouting")),
        "A trip to the forest: the forest theme; outdoor life, nature play and scouting related.",
    ),
    Query(
        "sammensat",
        "bondegård",
        themes(("farm-life", "farm-to-table")),
        "Farm life in the old days and visits to working farms.",
    ),
    Query(
        "sammensat",
        "kunstmuseum",
        rule(lambda o: o.profile == "art-museum", lambda o: o.profile == "art-hall"),
        "Offers at an art museum; art halls related.",
    ),
    Query(
        "sammensat",
        "naturskole",
        rule(lambda o: o.profile == "nature-school", lambda o: o.etype == "naturcenter"),
        "Offers of nature schools; other nature centres related.",
    ),
    Query("sammensat", "vikingeskibe", themes(("vikings",)), "Viking ships: the Viking Age theme."),
    Query("sammensat", "klimaforandringer", themes(("climate",), ("energy",)), "Climate change; energy related."),
    Query("sammensat", "havmiljø", themes(("sea-life", "coast")), "The marine environment: sea life and coast."),
    Query(
        "sammensat",
        "dyrepark",
        rule(lambda o: o.profile == "zoo", lambda o: o.profile == "aquarium"),
        "Offers at a zoo; aquariums related.",
    ),
    Query("sammensat", "strandtur", themes(("coast",), ("sea-life",)), "A trip to the beach: coast; sea life related."),
    Query("sammensat", "drikkevand", themes(("water-supply",)), "Drinking water supply theme."),
    Query("sammensat", "fuglekig", themes(("birds",)), "Bird watching: the birds theme."),
    Query(
        "sammensat",
        "kildekritik",
        themes(("source-criticism", "information-literacy"), ("archive-detectives",)),
        "Source criticism (history and online); archive detective work related.",
    ),
    Query("sammensat", "slægtsforskning", themes(("family-history",)), "Genealogy theme."),
    Query("sammensat", "vindmøller", themes(("energy",)), "Wind turbines: the energy theme."),
    Query("sammensat", "affaldssortering", themes(("waste",)), "Sorting waste: the waste theme."),
    Query(
        "sammensat",
        "naturvidenskab",
        rule(
            lambda o: o.theme in ("university-lab", "chemistry-lab"),
            lambda o: "naturfag-og-naturvidenskab" in o.areas,
        ),
        "Science labs; any offer in the science subject area related.",
    ),
    # --- Inflected forms ---------------------------------------------------------------------------
    Query("bøjning", "vikingerne", themes(("vikings",)), "The Vikings (definite plural)."),
    Query(
        "bøjning",
        "museer",
        rule(lambda o: o.etype == "museum"),
        "Museums (irregular plural): any offer of a museum.",
    ),
    Query("bøjning", "fuglene", themes(("birds",)), "The birds (definite plural)."),
    Query(
        "bøjning",
        "dyrene",
        themes(("zoo-animals",), ANIMALS),
        "The animals: zoo animals; other animal themes related.",
    ),
    Query(
        "bøjning",
        "skoven",
        themes(("forest",), ("outdoor-life", "nature-play", "scouting")),
        "The forest (definite): forest; outdoor life, nature play, scouting related.",
    ),
    Query("bøjning", "planeterne", themes(("space",)), "The planets: the space theme."),
    Query("bøjning", "stjerner", themes(("space",)), "Stars: the space theme."),
    Query("bøjning", "bønder", themes(("farm-life", "farm-to-table"), ("stone-age",)), "Farmers (irregular plural)."),
    Query("bøjning", "søer", themes(("pond-life",)), "Lakes: pond and lake life."),
    Query("bøjning", "træerne", themes(("forest",)), "The trees: the forest theme."),
    Query("bøjning", "kirker", themes(("church",)), "Churches (plural)."),
    # --- Multi-word --------------------------------------------------------------------------------
    Query("flere ord", "vikinger i danmark", themes(("vikings",)), "The Viking Age (Denmark is implied)."),
    Query("flere ord", "liv i havet", themes(("sea-life",), ("coast",)), "Sea life; the coast related."),
    Query("flere ord", "dyr i skoven", themes(("forest",), ("nature-play",)), "Forest animals; nature play related."),
    Query(
        "flere ord",
        "jul i gamle dage",
        themes(("christmas-old",), ("school-old-days",)),
        "Christmas in the old days; school in the old days related.",
    ),
    Query("flere ord", "energi og klima", themes(("energy", "climate")), "Energy and climate."),
    Query(
        "flere ord",
        "programmering for indskoling",
        rule(lambda o: o.theme == "programming" and o.covers(*INDSKOLING), lambda o: o.theme == "programming"),
        "Programming for 0.–3. klasse; programming for other grades related.",
    ),
    Query(
        "flere ord",
        "historie udskoling",
        rule(lambda o: "historie" in o.subjects and o.covers(*UDSKOLING), lambda o: "historie" in o.subjects),
        "History for 7.–9. klasse; history for other grades related.",
    ),
    Query(
        "flere ord",
        "natur og teknologi",
        rule(lambda o: "natur-teknologi" in o.subjects),
        "The subject natur/teknologi.",
    ),
    Query("flere ord", "besøg på gården", themes(("farm-to-table", "farm-life")), "Farm visits."),
    Query("flere ord", "lys og lyd", themes(("light-sound",)), "Light and sound theme."),
    Query("flere ord", "affald og genbrug", themes(("waste",)), "Waste and recycling."),
    Query("flere ord", "sikker i trafikken", themes(("traffic",)), "Traffic safety."),
    Query("flere ord", "livet på landet", themes(("farm-life",), ("farm-to-table",)), "Country life in the past."),
    Query("flere ord", "fra jord til bord", themes(("farm-to-table",), ("farm-life",)), "Food from field to table."),
    Query("flere ord", "skolen i gamle dage", themes(("school-old-days",)), "School in the old days."),
    Query(
        "flere ord",
        "dinosaurer og fossiler på museum",
        themes(("fossils",)),
        "Dinosaurs and fossils (at museums, which is where they are).",
    ),
    Query(
        "flere ord",
        "kemi forsøg gymnasiet",
        rule(
            lambda o: o.theme in ("chemistry-lab", "university-lab") and o.covers(*YOUTH),
            lambda o: o.theme in ("chemistry-lab", "university-lab"),
        ),
        "Chemistry experiments for upper secondary; the same for other grades related.",
    ),
    Query(
        "flere ord",
        "fisk og krabber",
        themes(("sea-life",), ("coast",)),
        "Fish and crabs: sea life; the coast related.",
    ),
    # --- Misspellings ------------------------------------------------------------------------------
    Query("stavefejl", "vikinnger", themes(("vikings",)), "Vikings, misspelt."),
    Query("stavefejl", "dinosaurrer", themes(("fossils",)), "Dinosaurs, misspelt."),
    Query("stavefejl", "programering", themes(("programming",), ("maker-space",)), "Programming, misspelt."),
    Query("stavefejl", "arkitekur", themes(("design-architecture",)), "Architecture, misspelt."),
    Query("stavefejl", "førstehjelp", themes(("first-aid",)), "First aid, misspelt."),
    Query("stavefejl", "bondegaard", themes(("farm-life", "farm-to-table")), "Farm, written with aa for å."),
    Query(
        "stavefejl",
        "teatter",
        rule(lambda o: o.theme in ("theatre-play", "drama-workshop"), lambda o: o.etype == "teater"),
        "Theatre, misspelt.",
    ),
    Query("stavefejl", "klimma", themes(("climate",), ("energy", "waste")), "Climate, misspelt."),
    # --- Names (places and institutions) -----------------------------------------------------------
    Query(
        "navn",
        "Odense",
        rule(lambda o: o.kommune == "odense"),
        "Offers in Odense kommune.",
    ),
    Query(
        "navn",
        "Bornholm",
        rule(lambda o: o.kommune == "bornholm"),
        "Offers on Bornholm.",
    ),
    Query(
        "navn",
        "natur aarhus",
        rule(
            lambda o: o.kommune == "aarhus" and o.theme in NATURE,
            lambda o: o.kommune == "aarhus" and "naturfag-og-naturvidenskab" in o.areas,
        ),
        "Nature offers in Aarhus; other science offers in Aarhus related.",
    ),
    Query(
        "navn",
        "H.C. Andersen",
        rule(lambda o: False),
        "No demo offer is about H.C. Andersen: an empty page is right.",
    ),
    Query(
        "navn",
        "",
        rule(lambda o: False, lambda o: o.profile in ("art-museum", "art-hall") and o.kommune == "aarhus"),
        "The name of an art museum in Aarhus (taken from the data): its offers; other art places in Aarhus related.",
        named=("art-museum", "aarhus"),
    ),
    Query(
        "navn",
        "",
        rule(lambda o: False, lambda o: o.etype == "naturcenter" and o.kommune == "odense"),
        "The name of a nature school in Odense (taken from the data): its offers; other nature centres there related.",
        named=("nature-school", "odense"),
    ),
    Query(
        "navn",
        "",
        rule(lambda o: False, lambda o: o.profile == "zoo"),
        "The name of a zoo (taken from the data): its offers; other zoos related.",
        named=("zoo", "*"),
    ),
    Query(
        "navn",
        "",
        rule(lambda o: False, lambda o: o.etype == "bibliotek" and o.kommune == "aalborg"),
        "The name of a library in Aalborg (taken from the data): its offers; other libraries there related.",
        named=("library", "aalborg"),
    ),
    # --- Grade + subject ---------------------------------------------------------------------------
    Query(
        "klassetrin og fag",
        "3. klasse historie",
        rule(lambda o: "historie" in o.subjects and o.covers(klasse(3)), lambda o: "historie" in o.subjects),
        "History offers for 3. klasse; history for other grades related.",
    ),
    Query(
        "klassetrin og fag",
        "indskoling natur",
        rule(
            lambda o: o.theme in NATURE and o.covers(*INDSKOLING),
            lambda o: "naturfag-og-naturvidenskab" in o.areas and o.covers(*INDSKOLING),
        ),
        "Nature for 0.–3. klasse; other science for those grades related.",
    ),
    Query(
        "klassetrin og fag",
        "mellemtrin dansk",
        rule(lambda o: "dansk" in o.subjects and o.covers(*MELLEMTRIN), lambda o: "dansk" in o.subjects),
        "Danish for 4.–6. klasse; Danish for other grades related.",
    ),
    Query(
        "klassetrin og fag",
        "udskoling samfundsfag",
        rule(lambda o: "samfundsfag" in o.subjects and o.covers(*UDSKOLING), lambda o: "samfundsfag" in o.subjects),
        "Social studies for 7.–9. klasse.",
    ),
    Query(
        "klassetrin og fag",
        "børnehave",
        rule(lambda o: o.covers(1)),
        "Offers for kindergarten children.",
    ),
    Query(
        "klassetrin og fag",
        "biologi gymnasiet",
        rule(
            lambda o: o.covers(*YOUTH) and ("biologi" in o.subjects or o.theme in ("evolution", "university-lab")),
            lambda o: "biologi" in o.subjects,
        ),
        "Biology for upper secondary (youth offers carry no folkeskole subject: their theme says it); "
        "biology for other grades related.",
    ),
    Query(
        "klassetrin og fag",
        "0. klasse",
        rule(lambda o: o.covers(klasse(0))),
        "Offers for 0. klasse.",
    ),
    Query(
        "klassetrin og fag",
        "uddannelse og job 9. klasse",
        rule(
            lambda o: "uddannelse-og-job" in o.subjects and o.covers(klasse(9)),
            lambda o: "uddannelse-og-job" in o.subjects,
        ),
        "Education and jobs for 9. klasse.",
    ),
    Query(
        "klassetrin og fag",
        "fysik 7. klasse",
        rule(lambda o: "fysik-kemi" in o.subjects and o.covers(klasse(7)), lambda o: "fysik-kemi" in o.subjects),
        "Physics/chemistry for 7. klasse.",
    ),
    Query(
        "klassetrin og fag",
        "engelsk 5. klasse",
        rule(lambda o: "engelsk" in o.subjects and o.covers(klasse(5)), lambda o: "engelsk" in o.subjects),
        "English for 5. klasse; English for other grades related.",
    ),
    Query(
        "klassetrin og fag",
        "matematik mellemtrin",
        rule(lambda o: "matematik" in o.subjects and o.covers(*MELLEMTRIN), lambda o: "matematik" in o.subjects),
        "Mathematics for 4.–6. klasse.",
    ),
    Query(
        "klassetrin og fag",
        "dagtilbud",
        rule(lambda o: o.covers(*DAYCARE)),
        "Offers for daycare (vuggestue, børnehave).",
    ),
    # --- SDG words ---------------------------------------------------------------------------------
    Query(
        "verdensmål",
        "verdensmål 13",
        rule(lambda o: 13 in o.sdgs, lambda o: o.theme == "climate"),
        "Offers tagged SDG 13 (climate action); climate offers without the tag related.",
    ),
    Query(
        "verdensmål",
        "verdensmål 14",
        rule(lambda o: 14 in o.sdgs, lambda o: o.theme in ("sea-life", "coast")),
        "Offers tagged SDG 14 (life below water); sea and coast offers related.",
    ),
    Query(
        "verdensmål",
        "verdensmålene",
        rule(lambda o: bool(o.sdgs)),
        "Any offer tagged with an SDG.",
    ),
    Query(
        "verdensmål",
        "bæredygtighed",
        rule(
            lambda o: o.theme in ("climate", "waste"),
            lambda o: bool(o.sdgs & {6, 7, 11, 12, 13, 14, 15}),
        ),
        "Sustainability: climate and waste; offers tagged with an environmental SDG related.",
    ),
    Query(
        "verdensmål",
        "klimaindsats",
        rule(lambda o: 13 in o.sdgs, lambda o: o.theme == "climate"),
        "SDG 13's name: offers tagged 13; climate offers related.",
    ),
    Query(
        "verdensmål",
        "rent vand",
        rule(lambda o: 6 in o.sdgs or o.theme == "water-supply"),
        "SDG 6 (clean water) and the water supply theme.",
    ),
    Query(
        "verdensmål",
        "livet på land",
        rule(lambda o: 15 in o.sdgs, lambda o: o.theme in ("forest", "birds", "zoo-animals", "evolution")),
        "SDG 15's name (life on land): offers tagged 15.",
    ),
    Query(
        "verdensmål",
        "ansvarligt forbrug",
        rule(lambda o: 12 in o.sdgs, lambda o: o.theme in ("waste", "money")),
        "SDG 12 (responsible consumption): offers tagged 12.",
    ),
]
