"""Fixed public pages that every installation has, whatever content editors have made."""

from django.views.generic import TemplateView


class AccessibilityStatementView(TemplateView):
    """The accessibility statement (tilgængelighedserklæring) required of Danish public-sector sites."""

    template_name = "home/accessibility_statement.html"
