"""An offer's facts in words, written once for every place that shows them.

The offer page, the result card, the catalogue PDF, the catalogue's CSV/XLSX, a teacher's list as CSV,
the embeddable widget and the open data API all read ``OfferFacts``, so that "Gratis", "1.250 kr. pr.
klasse" or "Pris efter aftale" reads the same everywhere. Build it from a page (``OfferPage.facts``,
``OfferFacts.from_offer``) or from a ``values()`` row (``OfferFacts.from_row``) with the grade names
looked up once. Pure formatting: no queries, except the environment's first contact, read only when
the booking wording needs it (and prefetched where many offers are shown).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils import dateformat
from django.utils.translation import gettext as _

from .choices import OfferFormat, OfferLanguage
from .fields import MONTH_CHOICES


@dataclass(frozen=True)
class Contact:
    """A person to book with when the offer names no booking channel (the environment's first contact)."""

    name: str
    email: str = ""
    phone: str = ""


def no_contact() -> Contact | None:
    return None


def amount_in_kroner(amount: Decimal) -> str:
    """Danish kroner without the locale machinery (the same in a request, a worker and a command):
    1250 → "1.250 kr.", 1250.5 → "1.250,50 kr."."""
    whole = f"{int(amount):,}".replace(",", ".")
    if amount == amount.to_integral_value():
        return f"{whole} kr."
    return f"{whole},{int((amount % 1) * 100):02d} kr."


def _join(parts: Sequence[str]) -> str:
    return ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class OfferFacts:
    is_free: bool = False
    price_amount: Decimal | None = None
    price_note: str = ""
    grade_from: str = ""
    grade_to: str = ""
    formats: Sequence[str] = ()
    languages: Sequence[str] = ()
    months: Sequence[int] = ()
    duration: str = ""
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    dates_note: str = ""
    group_size_min: int | None = None
    group_size_max: int | None = None
    booking_url: str = ""
    booking_email: str = ""
    booking_phone: str = ""
    booking_deadline_note: str = ""
    # Called at most once, and only when no booking channel is given (see ``contact``).
    load_contact: Callable[[], Contact | None] = field(default=no_contact, compare=False, repr=False)

    # --- building -------------------------------------------------------------------------------

    @classmethod
    def from_offer(cls, offer: Any) -> OfferFacts:
        """From an ``OfferPage`` (``grade_from``/``grade_to`` selected; ``environment__contacts`` prefetched
        where many offers show their booking contact)."""

        def first_contact() -> Contact | None:
            environment = offer.environment
            person = next(iter(environment.contacts.all()), None) if environment is not None else None
            return None if person is None else Contact(name=person.name, email=person.email, phone=person.phone)

        return cls(
            **{name: getattr(offer, name) for name in ROW_FIELDS},
            grade_from=offer.grade_from.name if offer.grade_from_id else "",
            grade_to=offer.grade_to.name if offer.grade_to_id else "",
            load_contact=first_contact,
        )

    @classmethod
    def from_row(
        cls, row: Mapping[str, Any], *, grade_names: Mapping[int, str], contact: Contact | None = None
    ) -> OfferFacts:
        """From a ``values(*OfferFacts.ROW_FIELDS, "grade_from_id", "grade_to_id")`` row."""
        return cls(
            **{name: row[name] for name in ROW_FIELDS},
            grade_from=grade_names.get(row["grade_from_id"], ""),
            grade_to=grade_names.get(row["grade_to_id"], ""),
            load_contact=lambda: contact,
        )

    # --- price ----------------------------------------------------------------------------------

    @property
    def price(self) -> str:
        """Short: "Gratis", "1.250 kr." or "Pris efter aftale" (the card's tag)."""
        if self.is_free:
            return _("Gratis")
        if self.price_amount is not None:
            return amount_in_kroner(Decimal(self.price_amount))
        return _("Pris efter aftale")

    @property
    def price_text(self) -> str:
        """With the editor's note: "1.250 kr. pr. klasse" (page, catalogue, spreadsheets, API)."""
        return f"{self.price} {self.price_note}".strip() if self.price_note else self.price

    # --- who, what, when --------------------------------------------------------------------------

    @property
    def grades(self) -> str:
        """ "3. klasse–6. klasse", or one grade's name."""
        if not self.grade_to or self.grade_from == self.grade_to:
            return self.grade_from
        return f"{self.grade_from}–{self.grade_to}"

    @property
    def format_labels(self) -> list[str]:
        return [str(OfferFormat(value).label) for value in self.formats if value in OfferFormat.values]

    @property
    def formats_text(self) -> str:
        return _join(self.format_labels)

    @property
    def language_labels(self) -> list[str]:
        return [str(OfferLanguage(value).label) for value in self.languages if value in OfferLanguage.values]

    @property
    def languages_text(self) -> str:
        return _join(self.language_labels)

    @property
    def month_labels(self) -> list[str]:
        names = dict(MONTH_CHOICES)
        return [str(names[month]) for month in sorted(self.months) if month in names]

    @property
    def when(self) -> str:
        """ "Maj, juni. Tirsdage og torsdage": the months, then the editor's note on dates."""
        months = _join(self.month_labels)
        months = months[:1].upper() + months[1:]
        if months and self.dates_note:
            return f"{months}. {self.dates_note}"
        return months or self.dates_note

    @property
    def period(self) -> str:
        """ "1. september 2026–30. juni 2027" (either end may be open)."""
        if not (self.period_start or self.period_end):
            return ""
        start = dateformat.format(self.period_start, "j. F Y") if self.period_start else ""
        end = dateformat.format(self.period_end, "j. F Y") if self.period_end else ""
        return f"{start}–{end}"

    @property
    def group_size(self) -> str:
        low, high = self.group_size_min, self.group_size_max
        if low and high:
            return _("%(low)s–%(high)s deltagere") % {"low": low, "high": high}
        if high:
            return _("højst %(high)s deltagere") % {"high": high}
        if low:
            return _("mindst %(low)s deltagere") % {"low": low}
        return ""

    # --- booking --------------------------------------------------------------------------------

    @property
    def has_booking_channel(self) -> bool:
        return bool(self.booking_url or self.booking_email or self.booking_phone)

    @cached_property
    def contact(self) -> Contact | None:
        """The environment's contact, when the offer names no booking page, e-mail or phone."""
        return None if self.has_booking_channel else self.load_contact()

    def booking_text(self, phone: Callable[[str], str] = str) -> str:
        """E-mail and phone, else the booking page, else the contact ("Mette, mette@…, tlf. 12 34 56 78").
        ``phone`` formats a phone number (print keeps it on one line)."""
        parts = [self.booking_email, self.booking_phone and phone(_("tlf. %s") % self.booking_phone)]
        if not any(parts) and self.booking_url:
            parts = [self.booking_url.split("://", 1)[-1].rstrip("/")]
        if not any(parts) and self.contact is not None:
            contact = self.contact
            parts = [contact.name, contact.email, contact.phone and phone(_("tlf. %s") % contact.phone)]
        return _join(parts)


# The offer's own columns the facts read (``from_row`` needs them, plus grade_from_id and grade_to_id).
ROW_FIELDS = (
    "is_free",
    "price_amount",
    "price_note",
    "formats",
    "languages",
    "months",
    "duration",
    "period_start",
    "period_end",
    "dates_note",
    "group_size_min",
    "group_size_max",
    "booking_url",
    "booking_email",
    "booking_phone",
    "booking_deadline_note",
)
