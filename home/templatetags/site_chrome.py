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


def _pages_by_slug(request: HttpRequest | None, slugs: list[str]) -> dict[str, Page]:
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {}
    pages = Page.objects.live().public().child_of(site.root_page).filter(slug__in=slugs)
    return {page.slug: page for page in pages}


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
