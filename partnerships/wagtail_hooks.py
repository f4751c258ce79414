"""Admin wiring: the "Partnerskaber" menu group for staff and "Samarbejdsaftaler" for kommuner."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.http import Http404
from django.urls import path
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, UpdatedAtColumn
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from operations.choosers import scoped_chooser_viewset

from .filters import CollaborationAgreementFilterSet, PartnershipFilterSet
from .models import CollaborationAgreement, PartnerOrganisation, Partnership
from .selectors import agreements_for_user
from .views import AgreementOverviewView, PortfolioView, can_keep_agreements, can_view_partnerships


def neutralise_formula(value: str) -> str:
    """A CSV cell starting with = + - @ is run as a formula by spreadsheet programs (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


class ExportIndexView(snippet_views.IndexView):
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {SpreadsheetExportMixin.FORMAT_CSV: neutralise_formula},
    }


class PartnershipCreateView(snippet_views.CreateView):
    """No autosave on the add form: an autosave still under way when the editor clicks "Gem" would post
    the form twice and make the partnership twice (or refuse the second as a duplicate). Pages are guarded
    by operations.page_creation; a partnership is added rarely, and autosave resumes on its edit form."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.autosave_enabled = False


def short_date(field: str):
    """A date column's value as »31.07.2027« (Wagtail's DateColumn shows time since, for timestamps)."""

    def accessor(instance):
        value = getattr(instance, field)
        return date_format(value, "SHORT_DATE_FORMAT") if value else ""

    return accessor


def partnerships_to_choose(request):
    """Staff with the registry see every partnership; anyone else only the public ones."""
    if request.user.has_perm("partnerships.change_partnership") or request.user.has_perm(
        "partnerships.view_partnership"
    ):
        return Partnership.objects.all()
    return Partnership.objects.public()


class PartnershipViewSet(SnippetViewSet):
    model = Partnership
    chooser_viewset_class = scoped_chooser_viewset(partnerships_to_choose)
    index_view_class = ExportIndexView
    add_view_class = PartnershipCreateView
    icon = "group"
    menu_label = _("Partnerskaber")
    menu_order = 1
    filterset_class = PartnershipFilterSet
    # Plain database search so a partner's name (on a related row) is found too.
    search_backend_name = None
    search_fields = [
        "title",
        "laboratory_theme",
        "partner_environment__title",
        "partner_municipality__name",
        "partner_organisation__name",
    ]
    ordering = ["title"]
    list_per_page = 50
    list_display = [
        "title",
        Column("partner_name", label=_("Partner")),
        Column("model", label=_("Model"), accessor="model_label"),
        Column("status", label=_("Status"), accessor="status_label", sort_key="status"),
        Column("end_date", label=_("Slutdato"), accessor=short_date("end_date"), sort_key="end_date"),
        Column(
            "renegotiation_date",
            label=_("Genforhandling"),
            accessor=short_date("renegotiation_date"),
            sort_key="renegotiation_date",
        ),
        BooleanColumn("is_public", label=_("Offentlig")),
        UpdatedAtColumn(),
    ]
    list_export = [
        "title",
        "partner_name",
        "institution_type",
        "model_label",
        "status_label",
        "start_date",
        "end_date",
        "renegotiation_date",
        "skoletjenesten_contribution",
        "partner_contribution",
        "total_fte",
        "subject_area_names",
        "effective_region",
        "laboratory_theme",
        "responsible_name",
        "is_public",
    ]
    export_headings = {
        "title": _("Titel"),
        "partner_name": _("Partner"),
        "institution_type": _("Institutionstype"),
        "model_label": _("Model"),
        "status_label": _("Status"),
        "start_date": _("Startdato"),
        "end_date": _("Slutdato"),
        "renegotiation_date": _("Genforhandlingsdato"),
        "skoletjenesten_contribution": _("Skoletjenestens bidrag pr. år (kr.)"),
        "partner_contribution": _("Partnerens bidrag pr. år (kr.)"),
        "total_fte": _("Samfinansierede årsværk"),
        "subject_area_names": _("Fagområder"),
        "effective_region": _("Region"),
        "laboratory_theme": _("Tema for pædagogisk laboratorium"),
        "responsible_name": _("Ansvarlig"),
        "is_public": _("Offentlig"),
    }
    export_filename = "partnerskaber"

    def get_queryset(self, request):
        return (
            Partnership.objects.with_partner().select_related("responsible").prefetch_related("subject_areas", "staff")
        )


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "site"
    menu_label = _("Partnerorganisationer")
    menu_order = 3
    search_backend_name = None
    search_fields = ["name", "country"]
    list_display = ["name", Column("kind", label=_("Type"), accessor="get_kind_display"), "country", "region"]


class PermissionMenuItemMixin:
    """A plain ViewSet's menu item, shown only to users who may open the view."""

    permission_check = None

    @cached_property
    def menu_item_class(self):
        check = type(self).permission_check

        class PermittedMenuItem(MenuItem):
            def is_shown(self, request):
                return check(request.user)

        return PermittedMenuItem


class PortfolioViewSet(PermissionMenuItemMixin, ViewSet):
    name = "partnership_portfolio"
    url_prefix = "partnerskaber/portefoelje"
    icon = "list-ul"
    menu_label = _("Porteføljeoverblik")
    menu_name = "portefoelje"
    menu_order = 2
    permission_check = staticmethod(can_view_partnerships)

    def get_urlpatterns(self):
        return [path("", PortfolioView.as_view(), name="index")]


class PartnershipGroup(SnippetViewSetGroup):
    menu_label = _("Partnerskaber")
    menu_icon = "group"
    menu_order = 250
    items = (PartnershipViewSet, PortfolioViewSet, PartnerOrganisationViewSet)


# --- Collaboration agreements, scoped to the consultant's kommuner ------------------------------


class MunicipalScopeMixin:
    """Object views 404 for an agreement of a kommune the user does not work for."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not agreements_for_user(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class AgreementEditView(MunicipalScopeMixin, snippet_views.EditView):
    pass


class AgreementDeleteView(MunicipalScopeMixin, snippet_views.DeleteView):
    pass


class AgreementHistoryView(MunicipalScopeMixin, snippet_views.HistoryView):
    pass


class AgreementUsageView(MunicipalScopeMixin, snippet_views.UsageView):
    pass


class CollaborationAgreementViewSet(SnippetViewSet):
    model = CollaborationAgreement
    chooser_viewset_class = scoped_chooser_viewset(lambda request: agreements_for_user(request.user))
    index_view_class = ExportIndexView
    icon = "doc-full"
    menu_label = _("Samarbejdsaftaler")
    menu_order = 1
    edit_view_class = AgreementEditView
    delete_view_class = AgreementDeleteView
    history_view_class = AgreementHistoryView
    usage_view_class = AgreementUsageView
    filterset_class = CollaborationAgreementFilterSet
    search_backend_name = None
    # No contact names: a join to the contacts would list an agreement once per matching contact.
    search_fields = ["school_name", "partner_company", "partner_environment__title"]
    ordering = ["school_name"]
    list_display = [
        "school_name",  # the first column links to the edit view
        Column("partner_name", label=_("Partner")),
        Column("municipality", label=_("Kommune")),
        Column("goal_kind", label=_("Mål"), accessor="get_goal_kind_display"),
        BooleanColumn("written_agreement", label=_("Skriftlig aftale")),
        Column("school_contact_count", label=_("Kontakter på skolen")),
        Column("end_date", label=_("Til"), accessor=short_date("end_date"), sort_key="end_date"),
    ]
    list_export = [
        "school_name",
        "partner_name",
        "municipality",
        "get_goal_kind_display",
        "written_agreement",
        "start_date",
        "end_date",
    ]
    export_headings = {
        "school_name": _("Skole"),
        "partner_name": _("Partner"),
        "municipality": _("Kommune"),
        "get_goal_kind_display": _("Mål"),
        "written_agreement": _("Skriftlig aftale"),
        "start_date": _("Fra"),
        "end_date": _("Til"),
    }
    export_filename = "samarbejdsaftaler"

    def get_permissions_to_register(self):
        # Access follows membership of a kommune's editors' group (see permissions.py); model
        # permissions would do nothing, so the group editor does not offer them.
        return Permission.objects.none()

    def get_queryset(self, request):
        return agreements_for_user(request.user).with_risk_flags().select_related("municipality", "partner_environment")


class AgreementOverviewViewSet(PermissionMenuItemMixin, ViewSet):
    name = "agreement_overview"
    url_prefix = "samarbejdsaftaler/overblik"
    icon = "list-ul"
    menu_label = _("Overblik")
    menu_name = "aftaleoverblik"
    menu_order = 2
    permission_check = staticmethod(can_keep_agreements)

    def get_urlpatterns(self):
        return [path("", AgreementOverviewView.as_view(), name="index")]


class AgreementGroup(SnippetViewSetGroup):
    menu_label = _("Samarbejdsaftaler")
    menu_icon = "doc-full"
    menu_order = 251
    items = (CollaborationAgreementViewSet, AgreementOverviewViewSet)


register_snippet(PartnershipGroup)
register_snippet(AgreementGroup)
