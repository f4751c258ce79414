"""Writes for offers and learning environments."""

from __future__ import annotations

from django.db import transaction

from curriculum.services import load_curriculum
from geography.services import load_geography

from .models import EnvironmentType, OfferPage
from .search.index import refresh_page_search

ENVIRONMENT_TYPES = [
    ("museum", "Museum", "Museer"),
    ("kunsthal", "Kunsthal", "Kunsthaller"),
    ("naturcenter", "Naturcenter og naturskole", "Naturcentre og naturskoler"),
    ("zoo-akvarium", "Zoo og akvarium", "Zoo og akvarier"),
    ("science-center", "Science center", "Science centre"),
    ("arkiv", "Arkiv", "Arkiver"),
    ("bibliotek", "Bibliotek", "Biblioteker"),
    ("teater", "Teater og scenekunst", "Teatre og scenekunst"),
    ("musik", "Musik", "Musiksteder"),
    ("film", "Film", "Film"),
    ("forening", "Forening", "Foreninger"),
    ("virksomhed", "Virksomhed", "Virksomheder"),
    ("uddannelsesinstitution", "Uddannelsesinstitution", "Uddannelsesinstitutioner"),
    ("andet", "Andet", "Andre"),
]


@transaction.atomic
def load_environment_types() -> None:
    for order, (slug, name, plural) in enumerate(ENVIRONMENT_TYPES):
        EnvironmentType.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_plural": plural, "sort_order": order}
        )


def load_reference_data() -> None:
    """All reference data, idempotently: geography, curriculum, environment types."""
    load_geography()
    load_curriculum()
    load_environment_types()


@transaction.atomic
def follow_offer_move(*, offer_id: int) -> None:
    """An offer moved to another learning environment: what it takes from its parent follows it.

    Wagtail's move rewrites the tree (path, url_path) and saves the page as a plain ``Page``, so the
    offer's own denormalised columns (its environment, and the kommune and place it takes from the
    environment) are set here, and then its search rows (environment name and type, kommune, region).
    Called from ``offers.signals`` on Wagtail's ``post_page_move``.
    """
    offer = OfferPage.objects.select_related("location_postcode").get(pk=offer_id)
    offer.refresh_denormalised()
    OfferPage.objects.filter(pk=offer.pk).update(
        environment=offer.environment,
        municipality_id=offer.municipality_id,
        latitude=offer.latitude,
        longitude=offer.longitude,
    )
    refresh_page_search(offer)
