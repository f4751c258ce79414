"""StreamField blocks for municipal content pages: the national blocks plus offer lists and contact cards."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from curriculum.models import Grade
from home.blocks import BaseContentBlock
from offers.search.reference import SearchReference

SCOPE_CHOICES = [
    ("kommune", _("Tilbud til kommunens skoler")),
    ("naboer", _("Kommunen og nabokommunerne")),
    ("hele-landet", _("Hele landet")),
]


# The choices from the search's reference data, kept per process (offers.search.reference): a page's stream
# is read through every choice list, four queries per offer-list block on each view otherwise.


def grade_choices() -> list[tuple[str, str]]:
    return [(grade.slug, grade.name) for grade in SearchReference.load().grades]


def subject_area_choices() -> list[tuple[str, str]]:
    return [(area.slug, area.name) for area in SearchReference.load().subject_areas]


def environment_type_choices() -> list[tuple[str, str]]:
    return [(kind.slug, kind.name) for kind in SearchReference.load().environment_types]


class OfferFilterBlock(blocks.StructBlock):
    """A saved filter over the kommune's offers, rendered as a short list with a link to the full search."""

    heading = blocks.CharBlock(label=_("overskrift"))
    scope = blocks.ChoiceBlock(choices=SCOPE_CHOICES, default="kommune", label=_("område"))
    grade_from = blocks.ChoiceBlock(choices=grade_choices, required=False, label=_("fra klassetrin"))
    grade_to = blocks.ChoiceBlock(choices=grade_choices, required=False, label=_("til klassetrin"))
    subject_area = blocks.ChoiceBlock(choices=subject_area_choices, required=False, label=_("fagområde"))
    environment_type = blocks.ChoiceBlock(
        choices=environment_type_choices, required=False, label=_("type af læringsmiljø")
    )
    free_only = blocks.BooleanBlock(required=False, label=_("kun gratis tilbud"))
    limit = blocks.IntegerBlock(default=6, min_value=1, max_value=24, label=_("højst antal tilbud"))

    class Meta:
        template = "municipalities/blocks/offer_list.html"
        icon = "list-ul"
        label = _("Liste over tilbud")

    def clean(self, value):
        value = super().clean(value)
        if value.get("grade_from") and value.get("grade_to"):
            positions = dict(Grade.objects.values_list("slug", "position"))
            if positions.get(value["grade_from"], 0) > positions.get(value["grade_to"], 0):
                raise StructBlockValidationError(
                    block_errors={
                        "grade_to": ValidationError(_("“Til klassetrin” skal være samme eller højere end “fra”."))
                    }
                )
        return value

    def get_context(self, value, parent_context=None):
        from .selectors import offer_cards_for_saved_filter  # blocks are imported by the models selectors import

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        page = (parent_context or {}).get("page")
        home = (parent_context or {}).get("home")
        cards, search_url = offer_cards_for_saved_filter(value=value, page=page, request=request, home=home)
        context["offer_cards"] = cards
        context["search_url"] = search_url
        return context


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("navn"))
    role = blocks.CharBlock(label=_("rolle"), required=False)
    organisation = blocks.CharBlock(label=_("afdeling eller organisation"), required=False)
    email = blocks.EmailBlock(label=_("e-mail"), required=False)
    phone = blocks.CharBlock(label=_("telefon"), required=False, max_length=30)
    text = blocks.TextBlock(label=_("kort tekst"), required=False)
    photo = ImageChooserBlock(label=_("foto"), required=False)

    class Meta:
        template = "municipalities/blocks/contact_card.html"
        icon = "user"
        label = _("Kontaktkort")


class MunicipalContentBlock(BaseContentBlock):
    offer_list = OfferFilterBlock()
    contact_card = ContactCardBlock()
