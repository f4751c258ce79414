from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("overskrift"))
    text = blocks.TextBlock(label=_("tekst"), required=False)
    link_page = blocks.PageChooserBlock(label=_("side"), required=False)
    link_url = blocks.URLBlock(label=_("eller adresse"), required=False)
    link_text = blocks.CharBlock(label=_("linktekst"))

    class Meta:
        template = "components/blocks/call_to_action.html"
        icon = "link"
        label = _("Opfordring til handling")


class BaseContentBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("overskrift"), form_classname="title", template="components/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("tekst"))
    image = ImageBlock(label=_("billede"))
    call_to_action = CallToActionBlock()
