"""Writes for offers and learning environments."""

from __future__ import annotations

from django.db import transaction

from curriculum.services import load_curriculum
from geography.services import load_geography

from .models import EnvironmentType

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
