"""The public pages that show partnerships (the index with a page per public partnership)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .partnership import Partnership, PartnershipModel, PartnershipQuerySet

# --- Public pages ------------------------------------------------------------------------------


class PartnershipIndexPage(RoutablePageMixin, Page):
    """The public list of partnerships, with one sub-page per public, running partnership."""

    intro = RichTextField(_("introduktion"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("oversigt over partnerskaber")

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for partnership in Partnership.objects.public().only("slug", "updated_at"):
            urls.append({"location": f"{base}{partnership.slug}/", "lastmod": partnership.updated_at})
        return urls

    def public_partnerships(self) -> PartnershipQuerySet:
        return Partnership.objects.public().with_partner().prefetch_related("subject_areas").order_by("title")

    @path("")
    def index_route(self, request):
        partnerships = list(self.public_partnerships())
        headings = {
            PartnershipModel.INTERNAL: _("Interne partnerskaber"),
            PartnershipModel.EXTERNAL: _("Eksterne partnerskaber"),
            PartnershipModel.PROJECT: _("Projektpartnerskaber"),
        }
        groups = [(headings[value], [p for p in partnerships if p.model == value]) for value in PartnershipModel]
        return self.render(request, context_overrides={"partnerships": partnerships, "groups": groups})

    @path("<slug:slug>/")
    def partnership_route(self, request, slug: str):
        partnership = get_object_or_404(self.public_partnerships(), slug=slug)
        return self.render(
            request,
            template="partnerships/partnership_detail_page.html",
            context_overrides={
                "partnership": partnership,
                "contacts": partnership.contacts.filter(is_public=True),
                "documents": partnership.documents.filter(is_public=True).select_related("document"),
                "knowledge_products": partnership.knowledge_products.filter(is_public=True).select_related("document"),
                "staff": partnership.staff.all() if partnership.publish_staff else [],
            },
        )
