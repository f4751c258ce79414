"""Wagtail routing with one query per level where a page's children are all of one type.

``Page.route`` loads a child by its slug and then its specific row: two queries per level of the URL. A page
that allows one child type (the environment list's environments, an environment's offers) knows the model to
ask, and loads the child whole in one query. A child of another type (left from an older set of rules) is
still found: Wagtail's own route runs when the direct lookup finds nothing.
"""

from __future__ import annotations

from typing import Any


class OneTypeChildRouting:
    def route(self, request, path_components):
        child_models = self.allowed_subpage_models()  # type: ignore[attr-defined]
        if path_components and len(child_models) == 1:
            child: Any = child_models[0].objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                child._cached_parent_obj = self  # as Page.route: get_parent() needs no query
                return child.route(request, path_components[1:])
        return super().route(request, path_components)  # type: ignore[misc]
