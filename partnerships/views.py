"""Admin views: the partnership portfolio overview and the kommune's agreement overview."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from .models import CollaborationAgreement, Partnership
from .selectors import agreement_overview, portfolio_overview


def can_view_partnerships(user) -> bool:
    return policy_registry.get_by_type(Partnership).user_has_any_permission(user, ["view", "change", "add"])


def can_keep_agreements(user) -> bool:
    return policy_registry.get_by_type(CollaborationAgreement).user_has_any_permission(user, ["change"])


class OverviewView(WagtailAdminTemplateMixin, TemplateView):
    """An admin overview page open to the users ``may_view`` lets in."""

    header_icon = "list-ul"

    @staticmethod
    def may_view(user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]


class PortfolioView(OverviewView):
    template_name = "partnerships/admin/portfolio.html"
    page_title = _("Porteføljeoverblik")
    may_view = staticmethod(can_view_partnerships)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["portfolio"] = portfolio_overview(today=timezone.localdate())
        context["partnership_list_url"] = reverse("wagtailsnippets_partnerships_partnership:list")
        return context


class AgreementOverviewView(OverviewView):
    template_name = "partnerships/admin/agreement_overview.html"
    page_title = _("Overblik over samarbejdsaftaler")
    may_view = staticmethod(can_keep_agreements)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overviews"] = agreement_overview(self.request.user)
        return context
