"""Snippet choosers that list only what the editor may see (Wagtail's list every row to any editor)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet, SnippetChosenView

Scope = Callable[[HttpRequest], QuerySet]


def scoped_chooser_viewset(scope: Scope) -> type[SnippetChooserViewSet]:
    """A chooser viewset whose listing, search results and chosen-by-id answer come from scope(request)."""

    class ScopedChooseView(ChooseView):
        def get_object_list(self):
            return scope(self.request)

    class ScopedChooseResultsView(ChooseResultsView):
        def get_object_list(self):
            return scope(self.request)

    class ScopedChosenView(SnippetChosenView):
        def get_object(self, pk):
            try:
                return scope(self.request).get(pk=pk)
            except (ValueError, scope(self.request).model.DoesNotExist) as exc:
                raise Http404 from exc

    class ScopedChooserViewSet(SnippetChooserViewSet):
        choose_view_class = ScopedChooseView
        choose_results_view_class = ScopedChooseResultsView
        chosen_view_class = ScopedChosenView

    return ScopedChooserViewSet
