"""Kommunesites' content pages, the index of kommunesites and the national mirror under /kommuner/."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from skoletjenesten.routing import OneTypeChildRouting

from ..blocks import MunicipalContentBlock
from .home import MunicipalHomePage, MunicipalPageMixin
from .sites import MunicipalSite


class MunicipalContentPage(OneTypeChildRouting, MunicipalPageMixin, Page):
    """A page on a kommune's site: strategy and goals, transport pool, contacts."""

    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(MunicipalContentBlock(), verbose_name=_("indhold"), blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["municipalities.MunicipalHomePage", "municipalities.MunicipalContentPage"]
    subpage_types = ["municipalities.MunicipalContentPage"]

    class Meta:
        verbose_name = _("kommunal indholdsside")
        verbose_name_plural = _("kommunale indholdssider")

    def get_home(self, request=None) -> MunicipalHomePage | None:
        """The kommune's home page: the one the request was routed through, else from the database."""
        routed = getattr(request, "municipal_home", None)
        if routed is not None and self.path.startswith(routed.path):
            return routed
        return MunicipalHomePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from ..selectors import municipal_page_context  # page models render themselves; selectors import models

        context = super().get_context(request, *args, **kwargs)
        context.update(municipal_page_context(self.get_home(request), request))
        return context


class MunicipalityIndexPage(Page):
    """/kommuner/ on the national site: every municipal site, each also served at /kommuner/<slug>/."""

    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("oversigt over kommunesites")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["municipal_sites"] = (
            MunicipalSite.objects.filter(site__root_page__live=True)
            .select_related("municipality__region", "site")
            .order_by("municipality__name")
        )
        return context

    def route(self, request, path_components):
        if path_components and self.live:
            slug, *rest = path_components
            municipal_site = (
                MunicipalSite.objects.select_related("site__root_page", "municipality")
                .filter(municipality__slug=slug)
                .first()
            )
            if municipal_site is None:
                raise Http404
            home = municipal_site.site.root_page.specific
            site_id, root_url, index_path = self.get_url_parts(request=request)
            request.municipal_mirror = MunicipalMirror(
                municipal_site=municipal_site,
                home_path=home.path,
                home_url_path=home.url_path,
                site_id=site_id,
                root_url=root_url,
                prefix=f"{index_path}{slug}/",
            )
            return home.route(request, rest)
        return super().route(request, path_components)


@dataclass(frozen=True)
class MunicipalMirror:
    """Set on a request that reached a municipal page through /kommuner/<slug>/ on the national site."""

    municipal_site: MunicipalSite
    home_path: str
    home_url_path: str
    site_id: int
    root_url: str
    prefix: str
