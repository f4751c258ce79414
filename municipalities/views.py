"""Views for municipal sites: the scoped search (public) and the admin's site list and local-supply overview."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import DomainNameValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from geography.models import Municipality
from offers.views import render_offer_search

from .access import can_manage_municipal_sites, can_view_any_supply, municipalities_for_user
from .charts import supply_heatmap_svg
from .models import MunicipalHomePage, MunicipalSite
from .selectors import (
    SCOPE_COUNTRY,
    SCOPE_MUNICIPALITY,
    SCOPE_NEIGHBOURS,
    SCOPES,
    local_supply,
    municipal_page_context,
    neighbouring_municipalities,
    scope_rows,
)
from .services import HostnameTaken, MunicipalSiteError, create_municipal_site

SCOPE_PARAM = "omraade"


def municipal_search(request: HttpRequest, *, page: Page, home: MunicipalHomePage) -> HttpResponse:
    """The national search (offers.views.render_offer_search) with the kommune's offers as its default scope.

    ``omraade`` widens it in one click: ``naboer`` adds kommuner within the neighbour radius,
    ``hele-landet`` the whole country. Every link of the search carries the chosen scope along.
    """
    raw_scope = request.GET.get(SCOPE_PARAM) or SCOPE_MUNICIPALITY
    scope = raw_scope if raw_scope in SCOPES else SCOPE_MUNICIPALITY
    response = render_offer_search(
        request,
        page=page,
        base_queryset=scope_rows(home=home, scope=scope),
        template="municipalities/municipal_search_page.html",
        preserved_params=[SCOPE_PARAM],
        extra_context={
            **municipal_page_context(home, request),
            "scope": scope,
            "neighbours": (list(neighbouring_municipalities(home.municipality)) if scope == SCOPE_NEIGHBOURS else []),
        },
    )
    search = response.context_data["search"]
    if raw_scope != scope:
        search.notices.append(_("Ukendt område blev ignoreret; søgningen viser tilbud til kommunens skoler."))
        search.preserved.pop(SCOPE_PARAM, None)
    labels = {
        SCOPE_MUNICIPALITY: _("Skoler i %(name)s") % {"name": home.municipality.name},
        SCOPE_NEIGHBOURS: _("Med nabokommuner"),
        SCOPE_COUNTRY: _("Hele landet"),
    }
    response.context_data["scope_links"] = [
        {"scope": value, "label": labels[value], "url": search.url(**{SCOPE_PARAM: value}), "current": value == scope}
        for value in SCOPES
    ]
    return response


# --- Admin ------------------------------------------------------------------------------------------------


class CreateMunicipalSiteForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Kommune"), queryset=Municipality.objects.filter(municipal_site__isnull=True).order_by("name")
    )
    hostname = forms.CharField(
        label=_("Værtsnavn"),
        required=False,
        max_length=255,
        validators=[DomainNameValidator(message=_("Skriv et værtsnavn som aarhus.skoletjenesten.dk, uden http://."))],
        help_text=_("Tomt: <kommune>.<domæne>, f.eks. aarhus.skoletjenesten.dk."),
    )


def municipal_site_index(request: HttpRequest) -> HttpResponse:
    if not can_manage_municipal_sites(request.user):
        raise PermissionDenied
    form = CreateMunicipalSiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            municipal_site = create_municipal_site(
                municipality=form.cleaned_data["municipality"], hostname=form.cleaned_data["hostname"] or None
            )
        except MunicipalSiteError as error:
            form.add_error("hostname" if isinstance(error, HostnameTaken) else "municipality", str(error))
        else:
            messages.success(request, _("Kommunesitet for %(name)s er oprettet.") % {"name": municipal_site})
            return redirect("municipalities_admin:index")
    sites = MunicipalSite.objects.select_related("municipality", "site", "editors_group", "collection")
    return TemplateResponse(
        request, "municipalities/admin/municipal_site_index.html", {"form": form, "municipal_sites": sites}
    )


def supply_overview(request: HttpRequest) -> HttpResponse:
    """The local-supply overview: the consultant's own kommune; staff may pick any kommune with a site."""
    if can_view_any_supply(request.user):
        choices = MunicipalSite.objects.select_related("municipality")
    else:
        choices = MunicipalSite.objects.filter(municipality__in=municipalities_for_user(request.user)).select_related(
            "municipality"
        )
    choices = list(choices.order_by("municipality__name"))
    if not choices:
        raise PermissionDenied
    wanted = request.GET.get("kommune", "")
    selected = next((choice for choice in choices if choice.municipality.code == wanted), None)
    if wanted and selected is None:
        # Another kommune's overview, or an unknown code: not the user's to see.
        raise PermissionDenied
    selected = selected or choices[0]
    home = selected.site.root_page.specific
    search_page = home.search_page
    overview = local_supply(home=home, search_url=search_page.get_url(request) if search_page else "")
    return TemplateResponse(
        request,
        "municipalities/admin/supply_overview.html",
        {
            "choices": choices,
            "selected": selected,
            "home": home,
            "overview": overview,
            "chart": supply_heatmap_svg(overview),
            # Not "action_url": Wagtail's header would draw an unlabelled "+" (add) button from it.
            "picker_url": reverse("municipalities_admin:supply"),
            # Sections other apps add (hook "municipal_supply_sections"), e.g. the requests from its schools.
            "extra_sections": [
                section
                for hook in hooks.get_hooks("municipal_supply_sections")
                if (section := hook(request, selected.municipality)) is not None
            ],
        },
    )
