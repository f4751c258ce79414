from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from curriculum.models import SubjectArea, TargetGroup
from offers.models import LearningEnvironmentPage, OfferPage, OfferSearchPage
from offers.search.selector import search_rows

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
        rows = search_rows()
        figures = rows.aggregate(
            offers=models.Count("pk"),
            free=models.Count("pk", filter=models.Q(is_free=True)),
            municipalities=models.Count("municipality", distinct=True),
        )
        cards = OfferPage.objects.live().public().select_related("environment", "municipality", "image")
        newest = _varied(cards.order_by("-first_published_at")[:60], 6)
        with_image = cards.exclude(image=None).exclude(pk__in=[offer.pk for offer in newest])
        featured = _varied(with_image.order_by("-last_verified", "pk")[:60], 3, avoid=newest)
        context.update(
            search_page=OfferSearchPage.objects.live().descendant_of(self).first(),
            offer_count=figures["offers"],
            free_offer_count=figures["free"],
            municipality_count=figures["municipalities"],
            environment_count=LearningEnvironmentPage.objects.live().public().count(),
            target_groups=TargetGroup.objects.all(),
            subject_areas=SubjectArea.objects.all(),
            newest_offers=newest,
            featured_offers=featured,
        )
        return context


def _varied(offers, count: int, *, avoid=()) -> list:
    """Up to ``count`` offers in the given order, no two with the same title or from the same kind of
    environment while others are left (the front page should show the range, not one kind of offer)."""
    titles = {offer.title for offer in avoid}
    kinds = {offer.environment.environment_type_id for offer in avoid if offer.environment}
    chosen, rest = [], []
    for offer in offers:
        kind = offer.environment.environment_type_id if offer.environment else None
        if offer.title in titles:
            continue
        (chosen if kind not in kinds else rest).append(offer)
        titles.add(offer.title)
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
