"""Planning the demo's offers: each environment's offers from the environment's own random stream.

Pure: the plan writes nothing (``demo.offers`` writes it). A planned offer carries its demo theme
(``PlannedOffer.theme``), which the relevance benchmark reads to judge the search's answers.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from factory import random as factory_random

from curriculum.models import Grade
from offers.models import OfferFormat, OfferPage
from skoletjenesten.text import danish_slugify

from .content import (
    ACCESSIBILITY_NOTES,
    BOOKING_DEADLINES,
    DATES_NOTES,
    FOLLOW_UP,
    KIND_CLOSINGS,
    LOCAL_TITLES,
    OUTDOOR_MEETING_POINTS,
    PREPARATION,
    THEMES_BY_KEY,
    TYPE_CLOSINGS,
    Theme,
)
from .environment_plan import PlannedEnvironment, Reference, published_at, town_of
from .offer_facts import SCHOOL_HIGH, YOUNGEST, cover_grades, languages_for, months_for, period_for, price_for
from .wording import audience, band, for_children, genitive, subjects_phrase, teaser_of

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
                page.teaser = teaser_of(offer.lead, offer.own_closing)
            counter = 2
            while (page.title, page.teaser) in taken:  # only with hand-made offers of the same name
                page.teaser = teaser_of(offer.lead, f"{offer.own_closing} ({counter})")
                counter += 1
            taken.add((page.title, page.teaser))
        yield planned, offers


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
        "by_gen": genitive(planned.town),
        "env": env.title,
        "env_gen": genitive(env.title),
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
    subjects, grade_from, grade_to = cover_grades(reference, candidates, subjects, grade_from, grade_to)
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
        title = f"{base} ({band(low, high)})"
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
    closing_context = {**context, "trin": audience(low, high), "fag": subjects_phrase(subjects)}
    if kind in KIND_CLOSINGS:
        closing = own_closing = KIND_CLOSINGS[kind].format(**closing_context)
    else:
        closings = [c for c in TYPE_CLOSINGS[planned.profile.type_slug] if subjects or "{fag}" not in c]
        closing = rng.choice(closings).format(**closing_context)
        own = [c for c in closings if "{env" in c]
        own_closing = (own[0] if own else "{env} tager imod klassen.").format(**closing_context)
    teaser = teaser_of(lead, closing)
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
            for_children(text) for text in (teaser, description, lead, own_closing)
        )

    months = months_for(rng, theme, kind)
    period_start = period_end = None
    if kind == "visit" and rng.random() < 0.1:  # a fixed period this school year
        period_start, period_end = period_for(rng)
        months = sorted({(period_start + timedelta(days=d)).month for d in range((period_end - period_start).days + 1)})

    is_free, price, price_note = price_for(rng, planned, kind, daycare=high <= 1)
    languages = languages_for(rng, planned, subjects)
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
    published = published_at(rng)
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
        location_address=f"{rng.choice(OUTDOOR_MEETING_POINTS)}, {town_of(location_postcode)}" if own_location else "",
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
