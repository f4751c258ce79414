"""Kommune sites: the kommune's Wagtail Site, settings, pages and åben skole profile.

A package: ``sites`` (the site, its settings, the kommune's organisation and goal kinds), ``home`` (the
kommune's home page with its highlighted offers, goals and search page) and ``pages`` (content pages, the
index of kommunesites, the national mirror). Every name is re-exported here (``municipalities.models.X``).
"""

from .home import MunicipalGoal, MunicipalHighlightedOffer, MunicipalHomePage, MunicipalPageMixin, MunicipalSearchPage
from .pages import MunicipalContentPage, MunicipalityIndexPage, MunicipalMirror
from .sites import (
    HEX_COLOUR,
    GoalKind,
    MunicipalSite,
    MunicipalSiteSettings,
    OrganisationModel,
    _relative_luminance,
    contrast_with_white,
)

__all__ = [
    "MunicipalSite",
    "HEX_COLOUR",
    "_relative_luminance",
    "contrast_with_white",
    "MunicipalSiteSettings",
    "OrganisationModel",
    "GoalKind",
    "MunicipalPageMixin",
    "MunicipalHomePage",
    "MunicipalHighlightedOffer",
    "MunicipalGoal",
    "MunicipalContentPage",
    "MunicipalSearchPage",
    "MunicipalityIndexPage",
    "MunicipalMirror",
]
