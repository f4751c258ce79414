"""Learning environments and their teaching offers, as Wagtail pages.

A package: ``environments`` (environment types, the environments' index, the environment page and its
contacts), ``offer`` (the offer page and its QuerySet), ``offer_admin`` (the offer's admin tabs, form and
permission tester) and ``searching`` (the search page, the offers' narrow search rows, the "did you mean"
words and the suggestions). Every name is re-exported here, with the offers' choices (``OfferFormat``,
``OfferLanguage`` from ``offers.choices``), so ``offers.models.X`` keeps working for migrations and other apps.
"""

from ..choices import OfferFormat, OfferLanguage
from .environments import (
    EnvironmentType,
    LearningEnvironmentContact,
    LearningEnvironmentIndexPage,
    LearningEnvironmentPage,
    missing_alt_text,
)
from .offer import OfferManager, OfferPage, OfferQuerySet
from .offer_admin import LeafPagePermissionTester, OfferPageForm
from .searching import OfferSearchPage, OfferSearchRow, SearchSuggestion, SearchTerm

__all__ = [
    "OfferFormat",
    "OfferLanguage",
    "EnvironmentType",
    "LearningEnvironmentIndexPage",
    "missing_alt_text",
    "LearningEnvironmentPage",
    "LearningEnvironmentContact",
    "OfferPageForm",
    "LeafPagePermissionTester",
    "OfferQuerySet",
    "OfferManager",
    "OfferPage",
    "OfferSearchPage",
    "SearchTerm",
    "OfferSearchRow",
    "SearchSuggestion",
]
