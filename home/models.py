from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from curriculum.models import SubjectArea, TargetGroup
from offers.models import OfferPage, OfferSearchPage
from offers.search.rows import offer_figures
from offers.selectors import offer_cards

from .blocks import BaseContentBlock


class HomePage(Page):
    """The national front page."""

    intro = models.CharField(_("introduktion"), max_length=300, blank=True)
    body = StreamField(BaseContentBlock(), verbose_name=_("indhold"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = _("national forside")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The figures count what the search finds (every live, public offer, kommune sites' too).
        figures = offer_figures()
        # The candidates as narrow rows (id, title, kind of environment), then the chosen offers' cards, the search's
        # own, each cached: 60 offers joined to seven tables took PostgreSQL ~60 ms just to plan, twice a view.
        candidates = OfferPage.objects.live().public().values_list("pk", "title", "environment__environment_type_id")
        newest = _varied(candidates.order_by("-first_published_at")[:60], 6)
        newest_ids = [pk for pk, _title, _kind in newest]
        with_image = candidates.exclude(image=None).exclude(pk__in=newest_ids)
        featured = _varied(with_image.order_by("-last_verified", "pk")[:60], 3, avoid=newest)
        context.update(
            search_page=OfferSearchPage.objects.live().descendant_of(self).first(),
            offer_count=figures["offers"],
            free_offer_count=figures["free"],
            municipality_count=figures["municipalities"],
            environment_count=figures["environments"],
            target_groups=TargetGroup.objects.all(),
            subject_areas=SubjectArea.objects.all(),
            newest_cards=offer_cards(newest_ids, request),
            featured_cards=offer_cards([pk for pk, _title, _kind in featured], request),
        )
        return context


def _varied(offers, count: int, *, avoid=()) -> list[tuple]:
    """Up to ``count`` of the (id, title, environment type id) rows in the given order, no two with the same title
    or from the same kind of environment while others are left (the front page should show the range, not one
    kind of offer)."""
    titles = {title for _pk, title, _kind in avoid}
    kinds = {kind for _pk, _title, kind in avoid if kind is not None}
    chosen, rest = [], []
    for offer in offers:
        _pk, title, kind = offer
        if title in titles:
            continue
        (chosen if kind not in kinds else rest).append(offer)
        titles.add(title)
        kinds.add(kind)
        if len(chosen) == count:
            break
    return (chosen + rest)[:count]


class StandardPage(Page):
    """A content page: about, help, privacy."""

    intro = RichTextField(_("introduktion"), blank=True)
    body = StreamField(BaseContentBlock(), verbose_name=_("indhold"), blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("indholdsside")
