from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseContentBlock


class HomePage(Page):
    """The national front page."""

    intro = models.CharField(_("introduktion"), max_length=300, blank=True)
    body = StreamField(BaseContentBlock(), verbose_name=_("indhold"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = _("national forside")


class StandardPage(Page):
    """A content page: about, help, privacy."""

    intro = RichTextField(_("introduktion"), blank=True)
    body = StreamField(BaseContentBlock(), verbose_name=_("indhold"), blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("indholdsside")
