"""The national site's page skeleton, as the demo and the tests build it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage
from home.site_address import national_address
from municipalities.services import ensure_municipality_index
from offers.models import LearningEnvironmentIndexPage, OfferSearchPage
from partnerships.models import PartnershipIndexPage


@transaction.atomic
def ensure_national_site(*, hostname: str | None = None, port: int | None = None) -> HomePage:
    """Create (once) the national home page as the default site, with /tilbud/ and /laeringsmiljoer/.

    The site's address is ``settings.PUBLIC_BASE_URL``'s unless a hostname (and port) is given.
    """
    if hostname is None:
        hostname, default_port = national_address()
        port = default_port if port is None else port
    port = 80 if port is None else port
    ensure_wagtail_roots()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Skoletjenesten",
                slug="skoletjenesten",
                intro="Find undervisningstilbud fra museer, naturskoler, kunsthaller, foreninger og virksomheder "
                "i hele Danmark.",
            )
        )
        # Wagtail's welcome page is replaced by the national home page.
        welcome = root.get_children().exclude(pk=home.pk).filter(depth=2, slug="home").first()
        Site.objects.filter(is_default_site=True).delete()
        if welcome is not None:
            welcome.delete()
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Skoletjenesten"
        )
    if not OfferSearchPage.objects.descendant_of(home).exists():
        home.add_child(instance=OfferSearchPage(title="Find undervisningstilbud", slug="tilbud"))
    if not LearningEnvironmentIndexPage.objects.descendant_of(home).exists():
        home.add_child(instance=LearningEnvironmentIndexPage(title="Læringsmiljøer", slug="laeringsmiljoer"))
    # /kommuner/: every municipal site, each also served under it on the national host.
    ensure_municipality_index()
    return home


def ensure_wagtail_roots() -> None:
    """The locale, root page and root collection Wagtail's migrations create.

    A database flushed between transactional tests (or emptied by hand) loses them with the rest.
    """
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def environment_index() -> LearningEnvironmentIndexPage:
    return LearningEnvironmentIndexPage.objects.descendant_of(ensure_national_site()).get()


@transaction.atomic
def ensure_partnership_index(*, home: Page | None = None) -> PartnershipIndexPage:
    """Create (once) the public partnership listing at /partnerskaber/ under the national home page."""
    home = home or ensure_national_site()
    existing = PartnershipIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = PartnershipIndexPage(
        title="Partnerskaber",
        slug="partnerskaber",
        intro="<p>Skoletjenesten arbejder i partnerskaber med kulturinstitutioner, naturskoler og kommuner "
        "om at udvikle undervisning i eksterne læringsmiljøer.</p>",
    )
    home.add_child(instance=page)
    return page
