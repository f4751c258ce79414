"""A plausible national demo dataset: learning environments in every kommune and their offers.

Deterministic for a seed: the environments come from one random stream, and each environment's
offers from a stream of their own, so skipping an environment that already exists (a second run)
changes nothing else. Pages are written with the bulk path in ``demo.bulk``; the default size
(525 environments, 2,500 offers) takes seconds rather than the ~2 minutes ``add_child`` would.

Other apps add their own demo data after the offers: ``seed_demo`` calls
``<app>.demo.seed_demo_data(seed=..., stdout=...)`` for each app in ``EXTENSION_MODULES`` that has
such a module, in that order. Each of those functions must be idempotent.
"""

from __future__ import annotations

import importlib
import io
import json
import math
import random
import re
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, reset_queries, transaction
from django.utils import timezone
from factory import random as factory_random
from modelsearch.backends.database.postgres.postgres import IndexEntry
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from curriculum.models import Grade, Subject, SubjectArea, SustainableDevelopmentGoal
from environments.models import EnvironmentEditorial
from geography.models import Municipality, Postcode, distance_km
from home.models import HomePage, StandardPage
from offers.models import (
    EnvironmentType,
    LearningEnvironmentContact,
    LearningEnvironmentIndexPage,
    LearningEnvironmentPage,
    OfferFormat,
    OfferLanguage,
    OfferPage,
    OfferSearchRow,
    SearchSuggestion,
    SearchTerm,
)
from offers.search.index import refresh_offer_search
from offers.services import load_reference_data
from skoletjenesten.text import danish_slugify

from . import bulk
from .content import (
    ACCESSIBILITY_NOTES,
    BOOKING_DEADLINES,
    DATES_NOTES,
    FOLLOW_UP,
    KIND_CLOSINGS,
    LOCAL_TITLES,
    OUTDOOR_MEETING_POINTS,
    PREPARATION,
    PROFILES,
    SEASONS,
    STANDARD_PAGES,
    THEMES_BY_KEY,
    TYPE_CLOSINGS,
    Profile,
    Theme,
)
from .factories import LearningEnvironmentContactFactory, LearningEnvironmentPageFactory
from .site import ensure_national_site

SCHOOL_LOW, SCHOOL_HIGH = Grade.position_for_school_grade(0), Grade.position_for_school_grade(10)
YOUNGEST = Grade.position_for_school_grade(3)  # up to 3. klasse: indskoling and daycare
DEFAULT_SEED = 2019
DEFAULT_ENVIRONMENTS = 525
DEFAULT_OFFERS = 2500
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "skoletjenesten"
EXTENSION_MODULES = (
    "demo.municipalities",
    "demo.partnerships",
    "demo.catalogue",
    "demo.images",
    "demo.environments",
    "demo.bookings",
    "demo.usage",
)
OFFER_CHUNK = 5000  # offers held in memory between inserts

# Postcode names like "København K" or "Aarhus C" name a district; environment names use the town.
_DISTRICT_SUFFIX = re.compile(r"\s+(C|K|V|N|S|Ø|NV|NØ|SV|SØ|M)$")
# Kommuner near the German border, where some offers are also in German.
_BORDER_KOMMUNER = {"Tønder", "Aabenraa", "Sønderborg", "Haderslev"}
_BIG_CITIES = {"København", "Aarhus", "Odense", "Aalborg", "Frederiksberg"}

DURATIONS_VISIT = (
    ("1 time", 60),
    ("1½ time", 90),
    ("2 timer", 120),
    ("2 timer", 120),
    ("2½ time", 150),
    ("3 timer", 180),
    ("4 timer", 240),
    ("En skoledag (ca. 5 timer)", 300),
)
DURATIONS_OUTDOOR = (("3 timer", 180), ("4 timer", 240), ("En skoledag (ca. 5 timer)", 300), ("2 dage", 600))
DURATIONS_COURSE = (("3 timer", 180), ("En dag", 420), ("2 dage", 840))
DURATIONS_MATERIAL = (("4–6 lektioner", 270), ("2–3 lektioner", 135), ("Et temaforløb på 2 uger", None))
DURATIONS_DAYCARE = (("1 time", 60), ("1½ time", 90), ("2 timer", 120))
DURATIONS_ONLINE = (("45 minutter", 45), ("1 time", 60), ("2 lektioner", 90))


@dataclass
class DemoResult:
    environments_created: int = 0
    environments_skipped: int = 0
    offers_created: int = 0
    seconds: float = 0.0
    skipped_reason: str = ""
    extensions: list[str] = field(default_factory=list)


@dataclass
class Reference:
    """Reference data read once: grades, subjects, areas, kommuner, postcodes, types."""

    grades: dict[str, Grade]
    subjects: dict[str, Subject]
    areas: dict[str, SubjectArea]
    types: dict[str, EnvironmentType]
    municipalities: list[Municipality]
    postcodes: dict[int, list[Postcode]]  # by municipality id

    @classmethod
    def load(cls) -> Reference:
        postcodes: dict[int, list[Postcode]] = defaultdict(list)
        for postcode in Postcode.objects.order_by("first_number"):
            postcodes[postcode.municipality_id].append(postcode)
        return cls(
            grades={grade.slug: grade for grade in Grade.objects.all()},
            subjects={subject.slug: subject for subject in Subject.objects.all()},
            areas={area.slug: area for area in SubjectArea.objects.all()},
            types={kind.slug: kind for kind in EnvironmentType.objects.all()},
            municipalities=list(Municipality.objects.order_by("code")),
            postcodes=postcodes,
        )


@dataclass
class PlannedEnvironment:
    page: LearningEnvironmentPage
    profile: Profile
    municipality: Municipality
    town: str
    domain: str
    travels: bool
    travel_municipality_ids: list[int]
    contacts: list[LearningEnvironmentContact]
    position: int  # in the plan, for the environment's own random stream
    themes: tuple[str, ...] = ()  # what this very place teaches (its name's themes, else its profile's)
    offer_count: int = 0


@dataclass
class PlannedOffer:
    page: OfferPage
    subject_ids: list[int]
    area_ids: list[int]
    sdg_numbers: list[int]
    # The teaser without its closing sentence, and a closing that names the environment: the fallback
    # that keeps every title + teaser in the dataset distinct (``plan_all_offers``).
    lead: str = ""
    own_closing: str = ""
    theme: str = ""  # the demo theme's key


# --------------------------------------------------------------------------------------------
# Entry point


def seed_demo(
    *,
    seed: int = DEFAULT_SEED,
    offers: int = DEFAULT_OFFERS,
    environments: int = DEFAULT_ENVIRONMENTS,
    if_empty: bool = False,
    extensions: bool = True,
    stdout: TextIO | None = None,
) -> DemoResult:
    """Build (or complete) the demo dataset. Idempotent: existing demo environments are kept as they are.

    With ``extensions`` (as ``manage.py seed_demo`` always does), the other apps' demo data follows.
    """
    started = time.monotonic()
    if stdout is None:  # the extensions are promised a stream to write to
        stdout = io.StringIO()
    say = _printer(stdout)
    result = DemoResult()
    if if_empty and OfferPage.objects.exists():
        result.skipped_reason = "offers exist"
        say("Offers already exist; demo data left as it is.")
        return result
    if offers < 0 or environments < 1:
        raise ValueError("Need at least one environment and a non-negative number of offers.")

    if not Municipality.objects.exists() or not EnvironmentType.objects.exists():
        load_reference_data()
    home = ensure_national_site()
    ensure_demo_admin()
    ensure_standard_pages(home)
    index = LearningEnvironmentIndexPage.objects.descendant_of(home).get()

    reference = Reference.load()
    plan = plan_environments(reference, seed=seed, environments=environments, offers=offers)
    existing = set(LearningEnvironmentPage.objects.child_of(index).values_list("slug", flat=True))
    new = [planned for planned in plan if planned.page.slug not in existing]
    result.environments_skipped = len(plan) - len(new)
    say(f"Planned {len(plan)} environments; {result.environments_skipped} already exist.")

    with transaction.atomic():
        _insert_environments(index, new)
        say(f"Created {len(new)} learning environments ({time.monotonic() - started:.1f} s).")
        result.environments_created = len(new)
        result.offers_created = _insert_offers(new, reference, seed=seed, say=say, started=started)
        if result.offers_created:
            refresh_search_data()
    say(f"Created {result.offers_created} offers ({time.monotonic() - started:.1f} s).")

    if extensions:
        result.extensions = run_extensions(seed=seed, stdout=stdout)
    if result.environments_created or result.offers_created:
        tables = bulk.analyze(bulk_filled_models())
        say(f"Analysed {len(tables)} tables for the query planner ({time.monotonic() - started:.1f} s).")
    result.seconds = time.monotonic() - started
    return result


def bulk_filled_models() -> list[type[models.Model]]:
    """The tables the bulk paths fill (pages, relations, search data, the environments' editor groups)."""
    offer_field, environment_field = OfferPage._meta.get_field, LearningEnvironmentPage._meta.get_field
    return [
        Page,
        LearningEnvironmentPage,
        OfferPage,
        LearningEnvironmentContact,
        environment_field("travel_municipalities").remote_field.through,
        offer_field("subjects").remote_field.through,
        offer_field("subject_areas").remote_field.through,
        offer_field("sdgs").remote_field.through,
        IndexEntry,
        OfferSearchRow,
        SearchSuggestion,
        SearchTerm,
        Group,
        Group.permissions.through,
        GroupPagePermission,
        Collection,
        GroupCollectionPermission,
        EnvironmentEditorial,
    ]


def refresh_search_data() -> None:
    """Rebuild the offers' search documents and vocabulary: the bulk path sends no save() signals.

    A full refresh rather than one for the new offers only, so the vocabulary's word counts are right.
    """
    refresh_offer_search()


def run_extensions(*, seed: int, stdout: TextIO | None) -> list[str]:
    """Call ``seed_demo_data(seed=..., stdout=...)`` of each extension module that exists, in order."""
    ran = []
    for name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:  # the app has no demo module: nothing to add
                continue
            raise
        module.seed_demo_data(seed=seed, stdout=stdout)
        ran.append(name)
    return ran


def ensure_demo_admin() -> None:
    User = get_user_model()
    if not User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        User.objects.create_superuser(DEMO_ADMIN_USERNAME, "admin@skoletjenesten.dk", DEMO_ADMIN_PASSWORD)


def ensure_standard_pages(home: HomePage) -> None:
    existing = set(home.get_children().values_list("slug", flat=True))
    for slug, title, intro, (heading, text) in STANDARD_PAGES:
        if slug in existing:
            continue
        body = json.dumps(
            [
                {"type": "heading", "value": heading, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, slug + "h"))},
                {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid5(uuid.NAMESPACE_URL, slug))},
            ]
        )
        page = home.add_child(instance=StandardPage(title=title, slug=slug, intro=intro, body=body))
        page.save_revision().publish()


# --------------------------------------------------------------------------------------------
# Planning environments


def plan_environments(reference: Reference, *, seed: int, environments: int, offers: int) -> list[PlannedEnvironment]:
    """The environments for a seed, each with the number of offers it will get. Pure: writes nothing."""
    rng = random.Random(seed)
    factory_random.reseed_random(seed)
    profiles = _profile_slots(rng, environments)
    municipalities = _municipality_slots(rng, reference, environments)
    used_titles: set[str] = set()
    used_slugs: set[str] = set()
    plan = []
    for position, (profile, municipality) in enumerate(zip(profiles, municipalities, strict=True)):
        plan.append(
            _plan_environment(
                rng, reference, profile, municipality, position=position, used_titles=used_titles, used_slugs=used_slugs
            )
        )
    for planned, count in zip(plan, _offer_counts(rng, plan, offers), strict=True):
        planned.offer_count = count
        planned.page.numchild = count
    return plan


def _largest_remainder(weights: list[float], total: int) -> list[int]:
    whole = sum(weights)
    exact = [w * total / whole for w in weights]
    counts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _profile_slots(rng: random.Random, environments: int) -> list[Profile]:
    counts = _largest_remainder([p.weight for p in PROFILES], environments)
    # Every type of environment appears once there is room for all of them.
    type_slugs = sorted({p.type_slug for p in PROFILES})
    if environments >= len(type_slugs):
        for type_slug in type_slugs:
            members = [i for i, p in enumerate(PROFILES) if p.type_slug == type_slug]
            if not any(counts[i] for i in members):
                donor = max(range(len(PROFILES)), key=lambda i: counts[i])
                counts[donor] -= 1
                counts[members[0]] += 1
    slots = [profile for profile, count in zip(PROFILES, counts, strict=True) for _ in range(count)]
    rng.shuffle(slots)
    return slots


def _municipality_slots(rng: random.Random, reference: Reference, environments: int) -> list[Municipality]:
    """Every kommune once (as far as the count allows), the rest weighted by size."""
    municipalities = list(reference.municipalities)
    rng.shuffle(municipalities)
    slots = municipalities[:environments]
    weights = [
        len(reference.postcodes.get(m.pk, ())) + (25 if m.name in _BIG_CITIES else 2) for m in reference.municipalities
    ]
    slots += rng.choices(reference.municipalities, weights=weights, k=max(0, environments - len(slots)))
    rng.shuffle(slots)
    return slots


def _town(postcode: Postcode) -> str:
    return _DISTRICT_SUFFIX.sub("", postcode.name).strip()


def _plan_environment(
    rng: random.Random,
    reference: Reference,
    profile: Profile,
    municipality: Municipality,
    *,
    position: int,
    used_titles: set[str],
    used_slugs: set[str],
) -> PlannedEnvironment:
    postcode = rng.choice(reference.postcodes[municipality.pk])
    town = _town(postcode) if rng.random() < profile.town_share else municipality.name
    names = list(profile.name_options())
    rng.shuffle(names)
    name = next((n for n in names if n.template.format(by=town) not in used_titles), None)
    if name is None:
        name = names[0]
        title = f"{name.template.format(by=town)} – {_town(postcode)} afdeling {position + 1}"
    else:
        title = name.template.format(by=town)
    used_titles.add(title)
    slug = base_slug = danish_slugify(title)[:70].strip("-")
    suffix = 1
    while slug in used_slugs:
        suffix += 1
        slug = f"{base_slug}-{suffix}"
    used_slugs.add(slug)
    domain = slug.replace("-", "")[:40] + ".dk"

    travels = rng.random() < profile.travels_share
    travel_ids: list[int] = []
    radius = None
    if travels:
        if rng.random() < 0.5:
            radius = rng.choice((15, 20, 25, 30, 40, 50, 75))
        else:
            nearest = sorted(
                reference.municipalities,
                key=lambda m: distance_km(m.latitude, m.longitude, municipality.latitude, municipality.longitude),
            )
            travel_ids = [m.pk for m in nearest[: rng.randint(3, 7)]]

    description = "".join(f"<p>{text.format(name=title, by=town)}</p>" for text in profile.descriptions)
    description += f"<p>{title} ligger i {municipality.name} Kommune"
    description += " og kommer også ud på skolerne.</p>" if travels else ".</p>"
    published = _published_at(rng)
    page = LearningEnvironmentPageFactory.build(
        title=title,
        slug=slug,
        environment_type=reference.types[profile.type_slug],
        description=description,
        postcode=postcode,
        municipality=municipality,
        latitude=round(postcode.latitude + rng.uniform(-0.008, 0.008), 6),
        longitude=round(postcode.longitude + rng.uniform(-0.012, 0.012), 6),
        website=f"https://www.{domain}",
        step_free_access=rng.random() < 0.75,
        accessibility_info=rng.choice(ACCESSIBILITY_NOTES),
        travel_radius_km=radius,
        first_published_at=published,
        last_published_at=published,
        translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
    )
    contacts = [
        LearningEnvironmentContactFactory.build(role=role, domain=domain, sort_order=order)
        for order, role in enumerate(rng.sample(profile.roles, rng.randint(1, min(3, len(profile.roles)))))
    ]
    return PlannedEnvironment(
        page=page,
        profile=profile,
        municipality=municipality,
        town=town,
        domain=domain,
        travels=travels,
        travel_municipality_ids=travel_ids,
        contacts=contacts,
        position=position,
        themes=name.themes or profile.themes,
    )


def _offer_counts(rng: random.Random, plan: list[PlannedEnvironment], offers: int) -> list[int]:
    weights = [p.profile.offer_weight * rng.uniform(0.4, 1.6) for p in plan]
    if offers >= len(plan):  # every environment has at least one offer
        return [1 + n for n in _largest_remainder(weights, offers - len(plan))]
    return _largest_remainder(weights, offers)


def _published_at(rng: random.Random) -> datetime:
    now = timezone.now().replace(microsecond=0)
    return now - timedelta(days=rng.randint(30, 1600), seconds=rng.randint(0, 86_399))


# --------------------------------------------------------------------------------------------
# Planning offers


def plan_offers(planned: PlannedEnvironment, reference: Reference, *, seed: int) -> list[PlannedOffer]:
    """The offers of one environment, from the environment's own random stream. Pure: writes nothing."""
    rng = random.Random(f"{seed}:{planned.position}")
    factory_random.reseed_random(rng.getrandbits(32))
    themes = [THEMES_BY_KEY[key] for key in planned.themes or planned.profile.themes]
    rng.shuffle(themes)
    titles: set[str] = set()
    slugs: set[str] = set()
    offers = []
    for number in range(planned.offer_count):
        theme = themes[number % len(themes)]
        offers.append(_plan_offer(rng, reference, planned, theme, titles=titles, slugs=slugs))
    return offers


def plan_all_offers(
    plan: list[PlannedEnvironment], reference: Reference, *, seed: int, taken: set[tuple[str, str]] | None = None
) -> Iterator[tuple[PlannedEnvironment, list[PlannedOffer]]]:
    """Each environment's offers (``plan_offers``), with no title + teaser twice in the dataset.

    Titles are unique within an environment and environments' names are unique, so an offer whose
    title and teaser another offer already has (``taken``: those written before, and the ones planned
    here) closes its teaser with a sentence naming its environment instead. Only teasers change, so
    the offers' titles and slugs stay those ``plan_offers`` gives.
    """
    taken = set() if taken is None else set(taken)
    for planned in plan:
        offers = plan_offers(planned, reference, seed=seed)
        for offer in offers:
            page = offer.page
            if (page.title, page.teaser) in taken:
                page.teaser = _teaser(offer.lead, offer.own_closing)
            counter = 2
            while (page.title, page.teaser) in taken:  # only with hand-made offers of the same name
                page.teaser = _teaser(offer.lead, f"{offer.own_closing} ({counter})")
                counter += 1
            taken.add((page.title, page.teaser))
        yield planned, offers


def _teaser(lead: str, closing: str) -> str:
    """Lead + closing, within the field's 300 characters (the closing is dropped rather than cut)."""
    teaser = f"{lead} {closing}".strip()
    return teaser if len(teaser) <= 300 else lead[:300]


def _genitive(name: str) -> str:
    return f"{name}'" if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def _audience(low: int, high: int) -> str:
    """The grades in words for a teaser: "3.–6. klasse", "børn i dagtilbud", "ungdomsuddannelserne"."""
    school_low, school_high = Grade.position_for_school_grade(0), Grade.position_for_school_grade(10)
    if high < school_low:
        return "børn i dagtilbud"
    if low > school_high:
        return "elever på ungdomsuddannelserne"
    first, last = max(low, school_low) - school_low, min(high, school_high) - school_low
    text = f"{first}. klasse" if first == last else f"{first}.–{last}. klasse"
    if low < school_low:
        text = f"børnehavebørn og {text}"
    if high > school_high:
        text += " og ungdomsuddannelserne"
    return text


def _subjects_phrase(subjects: list[Subject]) -> str:
    names = [subject.name.lower() for subject in subjects]
    if not names:
        return ""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} og {names[-1]}"


def _band(low: int, high: int) -> str:
    if high <= 1:
        return "dagtilbud"
    if low >= Grade.POSITION_YOUTH_EDUCATION:
        return "ungdomsuddannelse"
    if high <= 5:
        return "indskoling"
    if low >= 6 and high <= 8:
        return "mellemtrin"
    if low >= 9:
        return "udskoling"
    return f"{low - 2}.–{high - 2}. klasse" if low >= 2 and high <= 12 else "flere klassetrin"


def _plan_offer(
    rng: random.Random,
    reference: Reference,
    planned: PlannedEnvironment,
    theme: Theme,
    *,
    titles: set[str],
    slugs: set[str],
) -> PlannedOffer:
    env = planned.page
    context = {
        "by": planned.town,
        "by_gen": _genitive(planned.town),
        "env": env.title,
        "env_gen": _genitive(env.title),
        "kommune": planned.municipality.name,
    }
    grade_from, grade_to = (reference.grades[slug] for slug in rng.choice(theme.grades))
    low, high = grade_from.position, grade_to.position
    candidates = [
        reference.subjects[slug]
        for slug in theme.subjects
        if reference.subjects[slug].is_taught_between(low, high)
        and (reference.subjects[slug].position_from is not None or low <= SCHOOL_HIGH)
    ]
    extra = rng.sample(candidates[1:], rng.randint(0, min(2, len(candidates) - 1))) if len(candidates) > 1 else []
    subjects = candidates[:1] + extra
    subjects, grade_from, grade_to = _cover_grades(reference, candidates, subjects, grade_from, grade_to)
    low, high = grade_from.position, grade_to.position
    areas = [reference.areas[theme.areas[0]]]
    if len(theme.areas) > 1 and rng.random() < 0.6:
        areas.append(reference.areas[theme.areas[1]])

    # Format: mostly the theme's own; some material, online offers and teacher courses.
    roll = rng.random()
    kind = "material" if roll < 0.07 else "online" if roll < 0.11 else "course" if roll < 0.14 else "visit"
    if kind in ("online", "course") and high <= Grade.position_for_school_grade(0):
        kind = "visit"  # daycare offers are visits (or material for the pedagogues)
    if kind == "material":
        formats = [OfferFormat.MATERIAL]
    elif kind == "online":
        formats = [OfferFormat.ONLINE]
    elif kind == "course":
        formats = [OfferFormat.TEACHER_COURSE]
    else:
        formats = [f for f in theme.formats if f != OfferFormat.AT_SCHOOL or planned.travels]
        if planned.travels and OfferFormat.AT_SCHOOL not in formats and rng.random() < 0.35:
            formats.append(OfferFormat.AT_SCHOOL)
        if not formats:
            formats = [OfferFormat.AT_ENVIRONMENT]
        if rng.random() < 0.05:
            formats.append(OfferFormat.MATERIAL)
    formats = [OfferFormat(f).value for f in formats]

    local = LOCAL_TITLES.get(theme.key, ())
    pool = local if local and rng.random() < 0.5 else theme.titles
    fresh = [t for t in pool if t.format(**context) not in titles] or list(pool)
    base = rng.choice(fresh).format(**context)
    if kind == "material":
        base = f"{base} – undervisningsmateriale"
    elif kind == "online":
        base = f"{base} – online"
    elif kind == "course":
        base = f"Lærerkursus: {base}"
    title = base
    if title in titles:
        title = f"{base} ({_band(low, high)})"
    counter = 2
    while title in titles:
        title = f"{base} – forløb {counter}"
        counter += 1
    titles.add(title)
    slug = base_slug = danish_slugify(title)[:80].strip("-")
    counter = 2
    while slug in slugs:
        slug = f"{base_slug}-{counter}"
        counter += 1
    slugs.add(slug)

    # A theme's first teaser is the one written for the youngest pupils.
    lead = (theme.teasers[0] if high <= YOUNGEST else rng.choice(theme.teasers)).format(**context)
    closing_context = {**context, "trin": _audience(low, high), "fag": _subjects_phrase(subjects)}
    if kind in KIND_CLOSINGS:
        closing = own_closing = KIND_CLOSINGS[kind].format(**closing_context)
    else:
        closings = [c for c in TYPE_CLOSINGS[planned.profile.type_slug] if subjects or "{fag}" not in c]
        closing = rng.choice(closings).format(**closing_context)
        own = [c for c in closings if "{env" in c]
        own_closing = (own[0] if own else "{env} tager imod klassen.").format(**closing_context)
    teaser = _teaser(lead, closing)
    paragraphs = rng.sample(theme.paragraphs, min(len(theme.paragraphs), rng.randint(2, 3)))
    if kind == "visit":
        daycare = high <= Grade.position_for_school_grade(0)
        outdoor = theme.season in ("outdoor", "summer_edge")
        durations = DURATIONS_DAYCARE if daycare else DURATIONS_OUTDOOR if outdoor else DURATIONS_VISIT
    else:
        durations = {"material": DURATIONS_MATERIAL, "online": DURATIONS_ONLINE, "course": DURATIONS_COURSE}[kind]
    duration, minutes = rng.choice(durations)
    role = planned.contacts[0].role.lower() if planned.contacts else "underviser"
    practical = {
        "visit": f"Forløbet varer {duration.lower()} og ledes af en {role} fra {env.title}.",
        "material": f"Materialet kan bruges på egen hånd i klassen og fylder {duration.lower()}.",
        "online": f"Undervisningen foregår online og varer {duration.lower()}. Klassen skal bruge skærm og højttaler.",
        "course": f"Kurset for lærere og pædagoger varer {duration.lower()} og giver ideer til egen undervisning.",
    }[kind]
    if OfferFormat.AT_SCHOOL in formats:
        practical += f" Vi kommer også ud på skoler i {planned.municipality.name} og omegn."
    description = "".join(f"<p>{p.format(**context)}</p>" for p in paragraphs) + f"<p>{practical}</p>"
    if high <= Grade.position_for_school_grade(0):  # children in daycare are no pupils yet
        teaser, description, lead, own_closing = (
            _for_children(text) for text in (teaser, description, lead, own_closing)
        )

    months = _months(rng, theme, kind)
    period_start = period_end = None
    if kind == "visit" and rng.random() < 0.1:  # a fixed period this school year
        period_start, period_end = _period(rng)
        months = sorted({(period_start + timedelta(days=d)).month for d in range((period_end - period_start).days + 1)})

    is_free, price, price_note = _price(rng, planned, kind, daycare=high <= 1)
    languages = _languages(rng, planned, subjects)
    sdgs = []
    if theme.sdgs and rng.random() < 0.55:
        sdgs = rng.sample(theme.sdgs, rng.randint(1, min(3, len(theme.sdgs))))

    own_location = (
        kind == "visit"
        and planned.profile.type_slug in ("naturcenter", "forening")
        and rng.random() < 0.12
        and len(reference.postcodes[planned.municipality.pk]) > 1
    )
    location_postcode = rng.choice(reference.postcodes[planned.municipality.pk]) if own_location else None
    point = location_postcode or env
    published = _published_at(rng)
    # Built directly rather than through OfferPageFactory: every field is given, and at 100,000 offers
    # factory_boy's bookkeeping would double the planning time.
    offer = OfferPage(
        title=title,
        slug=slug,
        teaser=teaser,
        description=description,
        grade_from=grade_from,
        grade_to=grade_to,
        grade_min=low,
        grade_max=high,
        formats=formats,
        duration=duration,
        duration_minutes=minutes,
        is_free=is_free,
        price_amount=price,
        price_note=price_note,
        group_size_min=rng.choice((None, 10, 12, 15)) if kind in ("visit", "course") else None,
        group_size_max=(rng.choice((20, 25)) if kind == "course" else rng.choice((24, 26, 28, 30, 56)))
        if kind in ("visit", "course")
        else None,
        months=months,
        period_start=period_start,
        period_end=period_end,
        dates_note=rng.choice(DATES_NOTES) if kind == "visit" and rng.random() < 0.3 else "",
        languages=languages,
        booking_url=f"https://www.{planned.domain}/skoletjeneste/booking" if rng.random() < 0.45 else "",
        booking_email=f"booking@{planned.domain}" if rng.random() < 0.8 else (planned.contacts[0].email or ""),
        booking_phone=planned.contacts[0].phone if rng.random() < 0.65 else "",
        booking_deadline_note=rng.choice(BOOKING_DEADLINES) if rng.random() < 0.55 else "",
        preparation_material=rng.choice(PREPARATION) if rng.random() < 0.35 else "",
        follow_up_material=rng.choice(FOLLOW_UP) if rng.random() < 0.3 else "",
        use_environment_location=not own_location,
        location_address=f"{rng.choice(OUTDOOR_MEETING_POINTS)}, {_town(location_postcode)}" if own_location else "",
        location_postcode=location_postcode,
        environment=env,
        municipality_id=location_postcode.municipality_id if own_location else env.municipality_id,
        latitude=point.latitude,
        longitude=point.longitude,
        step_free_access=env.step_free_access if rng.random() < 0.9 else not env.step_free_access,
        special_needs_adapted=rng.random() < 0.2,
        accessibility_info=rng.choice(ACCESSIBILITY_NOTES) if rng.random() < 0.25 else "",
        last_verified=date.today() - timedelta(days=rng.randint(0, 540)),
        first_published_at=published,
        last_published_at=published + timedelta(days=rng.randint(0, 25)),
        translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
    )
    return PlannedOffer(
        page=offer,
        subject_ids=[s.pk for s in subjects],
        area_ids=[a.pk for a in areas],
        sdg_numbers=list(sdgs),
        lead=lead,
        own_closing=own_closing,
        theme=theme.key,
    )


def _for_children(text: str) -> str:
    return (
        text.replace("Eleverne", "Børnene")
        .replace("eleverne", "børnene")
        .replace("elever", "børn")
        .replace("klassen", "børnegruppen")
    )


def _cover_grades(
    reference: Reference, candidates: list[Subject], chosen: list[Subject], grade_from: Grade, grade_to: Grade
) -> tuple[list[Subject], Grade, Grade]:
    """Make the subjects span the offer's school grades: add a candidate subject, or narrow the grades.

    A 0.–3. klasse offer with only historie (taught from 3. klasse) would otherwise promise history
    to 0. klasse. One grade of slack is allowed at each end (0. and 10. klasse belong to no subject).
    """

    def hull(subjects: list[Subject]) -> tuple[int, int] | None:
        ranged = [s for s in subjects if s.position_from is not None]
        if not ranged:
            return None
        return min(s.position_from for s in ranged) - 1, max(s.position_to for s in ranged) + 1

    low, high = grade_from.position, grade_to.position
    chosen = list(chosen)
    for candidate in candidates:
        span = hull(chosen)
        if span is None or (span[0] <= max(low, SCHOOL_LOW) and min(high, SCHOOL_HIGH) <= span[1]):
            break
        if candidate not in chosen:
            chosen.append(candidate)
    span = hull(chosen)
    if span is not None:
        if SCHOOL_LOW <= low < span[0]:
            grade_from = reference.grades[_school_grade_slug(span[0])]
        if high <= SCHOOL_HIGH and high > span[1]:
            grade_to = reference.grades[_school_grade_slug(span[1])]
    return chosen, grade_from, grade_to


def _school_grade_slug(position: int) -> str:
    return f"{position - Grade.position_for_school_grade(0)}-klasse"


def _months(rng: random.Random, theme: Theme, kind: str) -> list[int]:
    season = SEASONS["school_year"] if kind in ("material", "online") else SEASONS[theme.season]
    months = [m for m in season if rng.random() < 0.85]
    if len(months) < 2:
        months = list(season[:2])
    return sorted(months)


def _period(rng: random.Random) -> tuple[date, date]:
    today = date.today()
    year = today.year if today.month >= 8 else today.year - 1
    start = date(year, 8, 1) + timedelta(days=rng.randint(10, 220))
    return start, start + timedelta(days=rng.randint(14, 120))


def _price(
    rng: random.Random, planned: PlannedEnvironment, kind: str, *, daycare: bool
) -> tuple[bool, Decimal | None, str]:
    free_share = {"material": 0.85, "online": 0.6, "course": 0.3}.get(kind, planned.profile.free_share)
    if rng.random() < free_share:
        roll = rng.random()
        if roll < 0.15:
            return True, None, f"Gratis for skoler i {planned.municipality.name} Kommune"
        if roll < 0.25 and kind == "visit":
            return True, None, "Gratis – skolen sørger selv for transport"
        return True, None, ""
    if kind == "course":
        return False, Decimal(rng.choice((350, 450, 600, 750, 950, 1200))), "pr. deltager inkl. forplejning"
    if kind == "material":
        return False, Decimal(rng.choice((150, 250, 300, 495))), "pr. klassesæt"
    if kind == "online":
        return False, Decimal(rng.choice((250, 300, 400, 500))), "pr. klasse"
    if daycare:
        return False, Decimal(rng.choice((200, 300, 400, 500))), "pr. børnegruppe"
    if rng.random() < 0.6:
        amount = rng.choice((400, 500, 600, 750, 800, 900, 1000, 1200, 1500, 1800, 2200))
        return False, Decimal(amount), rng.choice(("pr. klasse", "pr. klasse (højst 28 elever)", "pr. hold"))
    amount = rng.choice((25, 30, 35, 40, 45, 50, 60, 75))
    return False, Decimal(amount), rng.choice(("pr. elev, lærere gratis", "pr. elev inkl. materialer"))


def _languages(rng: random.Random, planned: PlannedEnvironment, subjects: list[Subject]) -> list[str]:
    slugs = {s.slug for s in subjects}
    if "engelsk" in slugs and rng.random() < 0.5:
        return [OfferLanguage.ENGLISH.value] if rng.random() < 0.5 else ["da", "en"]
    if "tysk" in slugs and rng.random() < 0.4:
        return ["da", "de"]
    if planned.municipality.name in _BORDER_KOMMUNER and rng.random() < 0.15:
        return ["da", "de"]
    roll = rng.random()
    if roll < 0.05:
        return ["da", "en"]
    if roll < 0.06:
        return ["da", OfferLanguage.OTHER.value]
    return ["da"]


# --------------------------------------------------------------------------------------------
# Writing


def _insert_environments(index: LearningEnvironmentIndexPage, new: list[PlannedEnvironment]) -> None:
    if not new:
        return
    pages = [planned.page for planned in new]
    bulk.place_children(
        index,
        pages,
        first_position=bulk.last_child_position(index) + 1,
        published_at=[p.first_published_at for p in pages],
    )
    bulk.insert_pages(LearningEnvironmentPage, pages)
    bulk.add_to_numchild(index, len(pages))
    contacts = []
    for planned in new:
        for contact in planned.contacts:
            contact.environment_id = planned.page.pk
            contacts.append(contact)
    LearningEnvironmentContact.objects.bulk_create(contacts, batch_size=2000)
    bulk.bulk_create_through(
        LearningEnvironmentPage._meta.get_field("travel_municipalities"),
        ((planned.page.pk, mid) for planned in new for mid in planned.travel_municipality_ids),
    )
    bulk.index_pages_for_search(LearningEnvironmentPage, [p.pk for p in pages])


def _insert_offers(
    new: list[PlannedEnvironment], reference: Reference, *, seed: int, say: Callable[[str], None], started: float
) -> int:
    sdg_ids = dict(SustainableDevelopmentGoal.objects.values_list("number", "pk"))
    created = 0
    pending: list[PlannedOffer] = []

    def flush() -> None:
        nonlocal created
        if not pending:
            return
        bulk.insert_pages(OfferPage, [o.page for o in pending])
        field = OfferPage._meta.get_field
        bulk.bulk_create_through(field("subjects"), ((o.page.pk, pk) for o in pending for pk in o.subject_ids))
        bulk.bulk_create_through(field("subject_areas"), ((o.page.pk, pk) for o in pending for pk in o.area_ids))
        bulk.bulk_create_through(field("sdgs"), ((o.page.pk, sdg_ids[n]) for o in pending for n in o.sdg_numbers))
        bulk.index_pages_for_search(OfferPage, [o.page.pk for o in pending])
        created += len(pending)
        pending.clear()
        reset_queries()  # with DEBUG on, Django would keep every (large) INSERT in memory
        say(f"  {created} offers ({time.monotonic() - started:.1f} s)")

    # The titles and teasers already written (a second run adding environments) are taken as well.
    taken = set(OfferPage.objects.values_list("title", "teaser")) if OfferPage.objects.exists() else set()
    for planned, offers in plan_all_offers(new, reference, seed=seed, taken=taken):
        pages = [o.page for o in offers]
        bulk.place_children(planned.page, pages, first_position=1, published_at=[p.first_published_at for p in pages])
        pending.extend(offers)
        if len(pending) >= OFFER_CHUNK:
            flush()
    flush()
    return created


def _printer(stdout: TextIO) -> Callable[[str], None]:
    def say(message: str) -> None:
        stdout.write(message + "\n" if not message.endswith("\n") else message)

    return say
