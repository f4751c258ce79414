"""The cards' ``{% picture %}`` (home/templatetags/cached_images.py): Wagtail's markup, kept per image."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.template import engines
from PIL import Image as PILImage
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db

TAG = 'picture image format-{webp,jpeg} fill-{360x203,720x405} sizes="100vw" alt="" loading="lazy"'


def png(name: str) -> ImageFile:
    buffer = BytesIO()
    PILImage.new("RGB", (800, 600), "#3366aa").save(buffer, format="PNG")
    return ImageFile(buffer, name=name)


def render(library: str, image) -> str:
    return engines["django"].from_string("{% load " + library + " %}{% " + TAG + " %}").render({"image": image})


def test_same_html_as_wagtails_tag_and_a_new_focal_point_is_a_new_picture(settings, tmp_path, national_site):
    settings.MEDIA_ROOT = str(tmp_path)
    image = Image.objects.create(title="Skoven", file=png("skoven.png"))
    ours = render("cached_images", image)
    assert ours == render("wagtailimages_tags", image)
    assert ours.count("<source") == 1 and "fill-720x405" in ours and 'loading="lazy"' in ours
    assert render("cached_images", image) == ours  # from the cache: the same
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 100, 100, 50, 50
    image.save()
    moved = render("cached_images", image)
    assert moved != ours
    assert moved == render("wagtailimages_tags", image)
    assert render("cached_images", None) == ""
