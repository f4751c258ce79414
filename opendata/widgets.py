"""Reads and access rules for embeddable widgets."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from geography.models import Municipality
from municipalities.access import acts_for_any_municipality, municipalities_for_user
from municipalities.models import MunicipalHomePage, MunicipalSearchPage
from municipalities.selectors import SCOPE_MUNICIPALITY, offers_for_scope
from offers.models import LearningEnvironmentPage, OfferPage, OfferSearchPage

from .models import EmbedWidget
from .search_adapter import run_scoped_search


def environments_for_user(user: AbstractBaseUser | AnonymousUser) -> QuerySet[LearningEnvironmentPage]:
    """Environments the user edits (their editors' group); all for superusers."""
    if not user.is_authenticated:
        return LearningEnvironmentPage.objects.none()
    if user.is_superuser:
        return LearningEnvironmentPage.objects.all()
    return LearningEnvironmentPage.objects.filter(editors_group__user=user)


def municipalities_with_widgets_for_user(user) -> QuerySet[Municipality]:
    return municipalities_for_user(user)


def can_make_widgets(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or acts_for_any_municipality(user) or environments_for_user(user).exists()
    )


def widgets_for_user(user) -> QuerySet[EmbedWidget]:
    if not user.is_authenticated:
        return EmbedWidget.objects.none()
    if user.is_superuser:
        return EmbedWidget.objects.all()
    return EmbedWidget.objects.filter(
        Q(municipality__in=municipalities_for_user(user)) | Q(environment__in=environments_for_user(user))
    )


def widget_base_queryset(widget: EmbedWidget):
    if widget.environment_id:
        return OfferPage.objects.live().public().filter(environment_id=widget.environment_id)
    home = MunicipalHomePage.objects.live().filter(municipality_id=widget.municipality_id).first()
    if home is not None:
        return offers_for_scope(home=home, scope=SCOPE_MUNICIPALITY)
    return OfferPage.objects.live().public().available_to_municipality(widget.municipality)


@dataclass
class WidgetContent:
    widget: EmbedWidget
    total: int
    offers: list[OfferPage]
    more_url: str


def widget_content(widget: EmbedWidget, *, request=None) -> WidgetContent:
    """The widget's offers (newest first) through the same search as /tilbud/, and where to see them all."""
    params = {
        "maalgruppe": widget.target_group.slug if widget.target_group_id else "",
        "fagomraade": widget.subject_area.slug if widget.subject_area_id else "",
        "pris": "gratis" if widget.free_only else "",
    }
    result = run_scoped_search(params, base_queryset=widget_base_queryset(widget), page_size=widget.limit)
    offers = result.offers[: widget.limit]
    query = result.url() if result.url() != "?" else ""
    if widget.environment_id:
        more_url = widget.environment.get_full_url(request)
    else:
        home = MunicipalHomePage.objects.live().filter(municipality_id=widget.municipality_id).first()
        search_page = MunicipalSearchPage.objects.child_of(home).live().first() if home else None
        search_url = search_page.get_full_url(request) if search_page is not None else None
        if search_url:
            more_url = search_url + query
        else:
            national = OfferSearchPage.objects.live().first()
            base = (national.get_full_url(request) if national else None) or "/tilbud/"
            more_url = base + (query + "&" if query else "?") + f"kommune={widget.municipality.slug}"
    return WidgetContent(widget=widget, total=result.total, offers=offers, more_url=more_url)
