"""The national site's page skeleton, as the demo and the tests build it."""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage, StandardPage
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
    ensure_environments_page(home=home)
    return home


ENVIRONMENTS_PAGE_SLUG = "for-laeringsmiljoeer"
SIGNUP_URL = "/for-laeringsmiljoeer/tilmeld/"  # environments.urls, served under this page's URL


def _block(kind: str, value, key: str) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ENVIRONMENTS_PAGE_SLUG}-{key}"))}


@transaction.atomic
def ensure_environments_page(*, home: Page) -> StandardPage:
    """Create (once) /for-laeringsmiljoeer/: how a learning environment joins and keeps its offers current.

    The sign-up form below it (/for-laeringsmiljoeer/tilmeld/) is a view of the environments app, not a page.
    """
    existing = StandardPage.objects.child_of(home).filter(slug=ENVIRONMENTS_PAGE_SLUG).first()
    if existing is not None:
        return existing
    signup_link = f'<a href="{SIGNUP_URL}">tilmeldingsformularen</a>'
    body = [
        _block("heading", "Sådan kommer I med", "join"),
        _block(
            "paragraph",
            "<ol>"
            f"<li>Udfyld {signup_link} med jeres organisation, adresse og en kontaktperson.</li>"
            "<li>Bekræft jeres e-mailadresse via linket i den e-mail, vi sender jer.</li>"
            "<li>Skoletjenestens redaktion ser tilmeldingen igennem, typisk inden for en uge.</li>"
            "<li>Når tilmeldingen er godkendt, får kontaktpersonen en e-mail med et link til at vælge en "
            "adgangskode. Så kan I logge ind og lægge jeres undervisningstilbud ind.</li>"
            "</ol>",
            "join-steps",
        ),
        _block("heading", "Jeres tilbud, jeres ansvar", "own"),
        _block(
            "paragraph",
            "<p>I redigerer selv jeres læringsmiljøs side og jeres tilbud: beskrivelse, målgruppe og fag, "
            "praktiske oplysninger og booking. Nye tilbud og ændringer sendes til godkendelse hos "
            "Skoletjenestens redaktion (eller kommunens konsulent for kommunens egne tilbud), før de bliver "
            "offentlige. Ønsker redaktionen ændringer, får I en e-mail med begrundelsen og et link direkte "
            "til tilbuddet. I kan selv invitere kolleger til at redigere med.</p>",
            "own-text",
        ),
        _block("heading", "Hold tilbuddene aktuelle", "current"),
        _block(
            "paragraph",
            "<p>Lærerne skal kunne stole på, at tilbuddene findes. Derfor bekræfter I én gang om året, før "
            "årskataloget laves, at jeres tilbud stadig er aktuelle. I får en e-mail med et link til en "
            "oversigt over alle jeres tilbud, hvor I med ét klik bekræfter, retter eller trækker hvert tilbud "
            "tilbage. Tilbud, der ikke er bekræftet inden fristen, vises som »Ikke bekræftet« og kommer ikke "
            "med i årskataloget. Tilbud med en sidste dato forsvinder selv fra søgningen, når datoen er "
            "passeret.</p>",
            "current-text",
        ),
        _block(
            "call_to_action",
            {
                "heading": "Tilmeld jeres læringsmiljø",
                "text": "Det er gratis at vise jeres undervisningstilbud på Skoletjenesten.",
                "link_page": None,
                "link_url": SIGNUP_URL,
                "link_text": "Gå til tilmeldingen",
            },
            "signup",
        ),
    ]
    page = home.add_child(
        instance=StandardPage(
            title="For læringsmiljøer",
            slug=ENVIRONMENTS_PAGE_SLUG,
            intro="<p>Er I et museum, en naturskole, en forening eller en virksomhed med undervisning for skoler "
            "og dagtilbud? Så kan I selv vise og vedligeholde jeres undervisningstilbud på Skoletjenesten.</p>",
            body=json.dumps(body),
        )
    )
    page.save_revision().publish()
    return page


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
