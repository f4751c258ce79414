from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EnvironmentType, OfferPage
from .search.index import refresh_page_search


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_subjects_outside_grades(request, page):
    """A subject outside the offer's grades is allowed (cross-grade offers exist) but worth a second look."""
    specific = page.specific if not isinstance(page, OfferPage) else page
    if isinstance(specific, OfferPage):
        for warning in specific.subject_grade_warnings():
            messages.warning(request, warning)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def refresh_search_after_saving_a_draft(request, page):
    """A draft saved in the admin (page, relations and revision written) gets its search rows; a publish
    has already refreshed them (offers.signals), and a draft of a live page leaves its live rows alone."""
    if not page.live:
        refresh_page_search(page)


class EnvironmentTypeViewSet(SnippetViewSet):
    model = EnvironmentType
    icon = "tag"
    menu_label = _("Typer af læringsmiljøer")
    menu_order = 900
    add_to_admin_menu = False
    list_display = ["name", "name_plural", "slug"]
    search_fields = ["name"]


register_snippet(EnvironmentTypeViewSet)
