"""Writes for the municipalities app: creating municipal sites."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, GroupSitePermission, Page, Site

from geography.models import Municipality
from home.models import HomePage

from .models import (
    MunicipalHomePage,
    MunicipalityIndexPage,
    MunicipalSearchPage,
    MunicipalSite,
    MunicipalSiteSettings,
)

# Page permissions for a kommune's editors, on its home page (and so its whole tree) only.
EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
# Image and document permissions, on the kommune's own collection only.
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add", "change", "delete", "choose")),
    ("wagtaildocs", "document", ("add", "change", "delete", "choose")),
)
DEFAULT_ACCENT_COLOUR = "#00529b"


class MunicipalSiteError(ValueError):
    """A municipal site cannot be created as asked; the message says why, for the user."""


class MunicipalSiteExists(MunicipalSiteError):
    """The kommune already has a site."""


class HostnameTaken(MunicipalSiteError):
    """Another site already answers on the hostname."""


def municipal_display_name(municipality: Municipality) -> str:
    """The kommune's official name: "Aarhus Kommune"; Bornholm is a regionskommune."""
    if municipality.code == "0400":
        return "Bornholms Regionskommune"
    return f"{municipality.name} Kommune"


def municipal_hostname(municipality: Municipality) -> str:
    return f"{municipality.slug}.{settings.MUNICIPAL_SITE_DOMAIN}"


def ensure_municipality_index() -> MunicipalityIndexPage | None:
    """The national /kommuner/ page, created under the national home page if it is missing."""
    index = MunicipalityIndexPage.objects.first()
    if index is not None:
        return index
    home = HomePage.objects.first()
    if home is None:
        return None
    return home.add_child(
        instance=MunicipalityIndexPage(
            title="Kommunesites",
            slug="kommuner",
            intro="<p>Kommunernes egne sider om åben skole: lokale tilbud, transport, mål og kontakter.</p>",
            show_in_menus=True,
        )
    )


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type=ContentType.objects.get_for_model(Page), codename=f"{codename}_page")


@transaction.atomic
def create_municipal_site(
    *, municipality: Municipality, hostname: str | None = None, accent_colour: str = DEFAULT_ACCENT_COLOUR
) -> MunicipalSite:
    """Create a kommune's site: home page, Wagtail Site, settings, editors' group and collection.

    The editors' group may enter the admin, edit and publish pages under the site's home page, edit
    the site's settings and use images and documents in the site's own collection; nothing else.
    """
    if MunicipalSite.objects.filter(municipality=municipality).exists():
        raise MunicipalSiteExists(f"{municipality} har allerede et kommunesite.")
    display_name = municipal_display_name(municipality)
    hostname = (hostname or municipal_hostname(municipality)).strip().lower()
    if Site.objects.filter(hostname=hostname, port=settings.MUNICIPAL_SITE_PORT).exists():
        raise HostnameTaken(f"Et andet site bruger allerede adressen {hostname}.")

    home = Page.get_first_root_node().add_child(
        instance=MunicipalHomePage(
            title=f"Åben skole i {display_name}",
            slug=_unique_root_slug(municipality.slug),
            municipality=municipality,
            intro=(
                f"<p>Her finder lærere og pædagoger i {display_name} undervisningstilbud fra museer, naturskoler, "
                "virksomheder og andre læringsmiljøer – i kommunen, hos naboerne og i hele landet.</p>"
            ),
        )
    )
    home.add_child(
        instance=MunicipalSearchPage(
            title="Find undervisningstilbud",
            slug="tilbud",
            intro=f"<p>Tilbud til skolerne i {display_name}. Udvid søgningen til nabokommunerne eller hele landet.</p>",
            show_in_menus=False,
        )
    )
    site = Site.objects.create(
        hostname=hostname, port=settings.MUNICIPAL_SITE_PORT, root_page=home, site_name=display_name
    )
    MunicipalSiteSettings.objects.update_or_create(
        site=site, defaults={"display_name": display_name, "accent_colour": accent_colour}
    )

    group = Group.objects.create(name=f"Kommunesite: {display_name}")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(group=group, page=home, permission=_page_permission(codename))
    GroupSitePermission.objects.create(
        group=group,
        site=site,
        permission=Permission.objects.get(
            content_type=ContentType.objects.get_for_model(MunicipalSiteSettings),
            codename="change_municipalsitesettings",
        ),
    )

    collection = Collection.get_first_root_node().add_child(name=display_name)
    for app_label, model, actions in EDITOR_COLLECTION_PERMISSIONS:
        for action in actions:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}"),
            )

    ensure_municipality_index()
    return MunicipalSite.objects.create(
        municipality=municipality, site=site, editors_group=group, collection=collection
    )


def _unique_root_slug(slug: str) -> str:
    root = Page.get_first_root_node()
    taken = set(root.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
