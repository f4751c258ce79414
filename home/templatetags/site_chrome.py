"""The public site's header navigation and footer links, found among the site's live pages."""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from wagtail.models import Page, Site

register = template.Library()

# The header's sections, in order: (slug of a page directly under the site's home page, label).
MAIN_NAVIGATION = (
    ("tilbud", "Find tilbud"),
    ("laeringsmiljoer", "Læringsmiljøer"),
    ("kommuner", "Kommuner"),
    ("partnerskaber", "Partnerskaber"),
    ("om-skoletjenesten", "Om Skoletjenesten"),
)


# Pages the footer links to when they exist (slug under the site's home page).
FOOTER_SLUGS = ("om-skoletjenesten", "for-laeringsmiljoeer", "partnerskaber")


def _pages_by_slug(request: HttpRequest | None, slugs: list[str]) -> dict[str, Page]:
    """The header's and footer's pages: one query per request, remembered on the request."""
    memo = getattr(request, "_site_chrome_pages", None) if request is not None else None
    if memo is None:
        site = Site.find_for_request(request) if request is not None else None
        if site is None:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        wanted = {slug for slug, _ in MAIN_NAVIGATION} | set(FOOTER_SLUGS)
        pages = (
            Page.objects.live().child_of(site.root_page).filter(slug__in=wanted).only("id", "slug", "url_path")
            if site is not None
            else []
        )
        memo = {page.slug: page for page in pages}
        if request is not None:
            request._site_chrome_pages = memo
    return {slug: memo[slug] for slug in slugs if slug in memo}


@register.inclusion_tag("components/site_navigation.html", takes_context=True)
def main_navigation(context) -> dict:
    """The national header menu: the sections that exist on this site, the current one marked."""
    request = context.get("request")
    found = _pages_by_slug(request, [slug for slug, _ in MAIN_NAVIGATION])
    path = request.path if request is not None else ""
    items = []
    for slug, label in MAIN_NAVIGATION:
        page = found.get(slug)
        if page is None:
            continue
        url = page.get_url(request=request) or ""
        items.append({"label": label, "url": url, "current": bool(url) and path.startswith(url)})
    return {"items": items}


@register.simple_tag(takes_context=True)
def page_url_by_slug(context, slug: str) -> str:
    """The URL of the live page with this slug directly under the site's home page, or ''."""
    request = context.get("request")
    page = _pages_by_slug(request, [slug]).get(slug)
    return (page.get_url(request=request) or "") if page else ""
