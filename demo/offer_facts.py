"""The facts of one planned demo offer: grades that match its subjects, its months, price and languages."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from curriculum.models import Grade, Subject
from offers.models import OfferLanguage

from .content import SEASONS, Theme
from .environment_plan import PlannedEnvironment, Reference

SCHOOL_LOW, SCHOOL_HIGH = Grade.position_for_school_grade(0), Grade.position_for_school_grade(10)
YOUNGEST = Grade.position_for_school_grade(3)  # up to 3. klasse: indskoling and daycare
# Kommuner near the German border, where some offers are also in German.
_BORDER_KOMMUNER = {"Tønder", "Aabenraa", "Sønderborg", "Haderslev"}


def cover_grades(
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


def months_for(rng: random.Random, theme: Theme, kind: str) -> list[int]:
    season = SEASONS["school_year"] if kind in ("material", "online") else SEASONS[theme.season]
    months = [m for m in season if rng.random() < 0.85]
    if len(months) < 2:
        months = list(season[:2])
    return sorted(months)


def period_for(rng: random.Random) -> tuple[date, date]:
    today = date.today()
    year = today.year if today.month >= 8 else today.year - 1
    start = date(year, 8, 1) + timedelta(days=rng.randint(10, 220))
    return start, start + timedelta(days=rng.randint(14, 120))


def price_for(
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


def languages_for(rng: random.Random, planned: PlannedEnvironment, subjects: list[Subject]) -> list[str]:
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
