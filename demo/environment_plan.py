"""Planning the demo's learning environments: which kinds, in which kommuner, under which names.

Pure: the plan writes nothing (``demo.offers`` writes it). Deterministic for a seed: the environments
come from one random stream (``plan_environments``); each environment's offers are planned from a stream
of their own (``demo.offer_plan``).
"""

from __future__ import annotations

import math
import random
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from factory import random as factory_random

from curriculum.models import Grade, Subject, SubjectArea
from geography.models import Municipality, Postcode, distance_km
from offers.models import EnvironmentType, LearningEnvironmentContact, LearningEnvironmentPage
from skoletjenesten.text import danish_slugify

from .content import ACCESSIBILITY_NOTES, PROFILES, Profile
from .factories import LearningEnvironmentContactFactory, LearningEnvironmentPageFactory

# Postcode names like "København K" or "Aarhus C" name a district; environment names use the town.
_DISTRICT_SUFFIX = re.compile(r"\s+(C|K|V|N|S|Ø|NV|NØ|SV|SØ|M)$")
_BIG_CITIES = {"København", "Aarhus", "Odense", "Aalborg", "Frederiksberg"}


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


def town_of(postcode: Postcode) -> str:
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
    town = town_of(postcode) if rng.random() < profile.town_share else municipality.name
    names = list(profile.name_options())
    rng.shuffle(names)
    name = next((n for n in names if n.template.format(by=town) not in used_titles), None)
    if name is None:
        name = names[0]
        title = f"{name.template.format(by=town)} – {town_of(postcode)} afdeling {position + 1}"
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
    published = published_at(rng)
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


def published_at(rng: random.Random) -> datetime:
    now = timezone.now().replace(microsecond=0)
    return now - timedelta(days=rng.randint(30, 1600), seconds=rng.randint(0, 86_399))
