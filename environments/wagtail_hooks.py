"""Admin wiring for the environments' editors: the reasons snippet, trust, the moderation queue, and
keeping an environment editor's admin to their own environment."""

from __future__ import annotations

import datetime

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .access import is_environment_editor, visible_pages_condition
from .confirmation import current_round
from .models import ChangeReason, ConfirmationRound, EnvironmentEditorial
from .selectors import environment_dashboards
from .services import set_trusted


class ChangeReasonViewSet(SnippetViewSet):
    model = ChangeReason
    icon = "comment"
    menu_label = _("Årsager til ændringsønsker")
    add_to_admin_menu = False
    list_display = ["title", "active", "sort_order"]
    search_fields = ["title"]
    panels = [FieldPanel("title"), FieldPanel("explanation"), FieldPanel("sort_order"), FieldPanel("active")]


class EnvironmentEditorialViewSet(SnippetViewSet):
    model = EnvironmentEditorial
    icon = "group"
    menu_label = _("Læringsmiljøernes redaktioner")
    add_to_admin_menu = False
    list_display = ["environment", "trusted", "created_at"]
    list_filter = ["trusted"]
    search_fields = ["environment__title"]
    panels = [FieldPanel("trusted")]


register_snippet(ChangeReasonViewSet)
register_snippet(EnvironmentEditorialViewSet)


@hooks.register("catalogue_confirmation_round_deadlines")
def confirmation_round_deadlines(school_year: int) -> list[tuple[str, datetime.date]]:
    """For the catalogue app (which may not import this one): a catalogue edition of this school year must
    have its deadline after the round's (see docs/architecture.md, "Rules between apps")."""
    return [(str(round), round.deadline) for round in ConfirmationRound.objects.filter(school_year=school_year)]


@hooks.register("after_edit_snippet")
def apply_trust(request, instance):
    """Marking an environment trusted gives its group publish permission (and taking it away removes it)."""
    if isinstance(instance, EnvironmentEditorial):
        set_trusted(environment=instance.environment, trusted=instance.trusted)


@hooks.register("register_admin_urls")
def register_environment_admin_urls():
    return [
        path("godkendelse/", views.moderation_queue, name="environments_moderation_queue"),
        path("tilmeldinger/", views.application_index, name="environments_applications"),
        path("tilmeldinger/<int:pk>/", views.application_detail, name="environments_application"),
        path("laeringsmiljoe/<int:pk>/redaktoerer/", views.environment_editors, name="environments_editors"),
        path("bekraeft/<int:round_id>/<int:environment_id>/", views.confirm_offers_view, name="environments_confirm"),
        path("bekraeftelser/", views.freshness_overview, name="environments_freshness"),
    ]


class ModerationQueueMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or user.groups.filter(reviewtask__isnull=False).exists()


@hooks.register("register_admin_menu_item")
def register_moderation_queue_menu_item():
    return ModerationQueueMenuItem(
        _("Til godkendelse"), reverse("environments_moderation_queue"), icon_name="tasks", order=190
    )


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_review_applications(request.user)


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return ApplicationsMenuItem(_("Tilmeldinger"), reverse("environments_applications"), icon_name="form", order=195)


class FreshnessMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_manage_rounds(request.user)


@hooks.register("register_admin_menu_item")
def register_freshness_menu_item():
    return FreshnessMenuItem(_("Aktualitet"), reverse("environments_freshness"), icon_name="calendar-check", order=196)


# --- An environment editor sees their own environment only ---------------------------------------------


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_for_environment_editors(pages, request):
    """Choosers list and search only the editor's own environment (and the pages leading to it)."""
    if is_environment_editor(request.user):
        return pages.filter(visible_pages_condition(request.user))
    return pages


@hooks.register("construct_explorer_page_queryset")
def limit_explorer_for_environment_editors(parent_page, pages, request):
    if is_environment_editor(request.user):
        return pages.filter(visible_pages_condition(request.user))
    return pages


class HideOthersPagesMixin:
    """A bulk-action screen lists the pages the user may not act on by title; for an environment
    editor, pages outside their environment are not even named."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        refused = extra.get("items_with_no_access", [])
        if refused and is_environment_editor(self.request.user):
            visible = set(
                Page.objects.filter(visible_pages_condition(self.request.user), pk__in=[page.pk for page in refused])
                .filter(path__in=[page.path for page in refused])
                .values_list("pk", flat=True)
            )
            extra["items_with_no_access"] = [page for page in refused if page.pk in visible]
        return objects, extra


for _action_class in (DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction):
    # Registered after Wagtail's own (a higher order), so these replace them in the registry.
    hooks.register(
        "register_bulk_action",
        type(_action_class.__name__, (HideOthersPagesMixin, _action_class), {"__module__": __name__}),
        order=100,
    )


class EnvironmentDashboardPanel(Component):
    """What an environment editor lands on: their environment's offers, status, freshness, gaps."""

    name = "environment_dashboard"
    template_name = "environments/admin/dashboard_panel.html"
    order = 10

    def __init__(self, dashboards):
        self.dashboards = dashboards

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["dashboards"] = self.dashboards
        return context


@hooks.register("construct_homepage_panels")
def add_environment_dashboard(request, panels):
    if request.user.is_superuser:
        return
    round = current_round()
    dashboards = environment_dashboards(request.user, round_id=round.pk if round else None)
    if dashboards:
        panels.insert(0, EnvironmentDashboardPanel(dashboards))
