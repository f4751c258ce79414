"""Phrases the demo's offer texts are built from: a teaser within its field, genitives, grades in words."""

from __future__ import annotations

from curriculum.models import Grade, Subject


def teaser_of(lead: str, closing: str) -> str:
    """Lead + closing, within the field's 300 characters (the closing is dropped rather than cut)."""
    teaser = f"{lead} {closing}".strip()
    return teaser if len(teaser) <= 300 else lead[:300]


def genitive(name: str) -> str:
    return f"{name}'" if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def audience(low: int, high: int) -> str:
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


def subjects_phrase(subjects: list[Subject]) -> str:
    names = [subject.name.lower() for subject in subjects]
    if not names:
        return ""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} og {names[-1]}"


def band(low: int, high: int) -> str:
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


def for_children(text: str) -> str:
    return (
        text.replace("Eleverne", "Børnene")
        .replace("eleverne", "børnene")
        .replace("elever", "børn")
        .replace("klassen", "børnegruppen")
    )
