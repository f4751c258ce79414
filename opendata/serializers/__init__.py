"""JSON shapes of the API: stable ids and slugs, absolute URLs, ISO 8601 dates.

Offers are serialised with a ``Lookups`` (reference data by id, postcodes) in the context, so a page of
offers costs no query per offer. Contact persons of learning environments are never included: none
is marked public, and their names, e-mails and phones are personal data. An offer's booking channels
(booking page, e-mail, phone) are what the offer page itself publishes.

A package: ``common`` (the lookups and the small embedded shapes), ``offers`` (offers, their facts worded
by offers.presenters, lists with facets), ``places`` (environments, kommunesites) and ``reference``
(reference data). Every name is re-exported here (``opendata.serializers.X``).
"""

from .common import (
    ChoiceSerializer,
    EnvironmentRefSerializer,
    GradeRefSerializer,
    Lookups,
    MunicipalityRefSerializer,
    NamedSlugSerializer,
    RegionRefSerializer,
    SDGRefSerializer,
    absolute,
)
from .offers import (
    AccessibilitySerializer,
    BookingSerializer,
    FacetOptionSerializer,
    FacetSerializer,
    GroupSizeSerializer,
    LocationSerializer,
    OfferDetailSerializer,
    OfferListSerializer,
    OfferSerializer,
    PriceSerializer,
)
from .places import EnvironmentSerializer, MunicipalSiteSerializer
from .reference import (
    EnvironmentTypeSerializer,
    GradeSerializer,
    MunicipalitySerializer,
    RegionSerializer,
    SDGSerializer,
    SubjectAreaSerializer,
    SubjectSerializer,
    TargetGroupSerializer,
    format_choices,
    month_choices,
)

__all__ = [
    "Lookups",
    "absolute",
    "ChoiceSerializer",
    "NamedSlugSerializer",
    "SDGRefSerializer",
    "GradeRefSerializer",
    "MunicipalityRefSerializer",
    "RegionRefSerializer",
    "EnvironmentRefSerializer",
    "PriceSerializer",
    "GroupSizeSerializer",
    "BookingSerializer",
    "LocationSerializer",
    "AccessibilitySerializer",
    "OfferSerializer",
    "OfferDetailSerializer",
    "FacetOptionSerializer",
    "FacetSerializer",
    "OfferListSerializer",
    "EnvironmentSerializer",
    "MunicipalSiteSerializer",
    "TargetGroupSerializer",
    "GradeSerializer",
    "SubjectSerializer",
    "SubjectAreaSerializer",
    "SDGSerializer",
    "MunicipalitySerializer",
    "RegionSerializer",
    "EnvironmentTypeSerializer",
    "month_choices",
    "format_choices",
]
