"""A facet's options as HTML, built in Python: the search page shows up to ~200 of them per request.

The same markup as a template loop with ``{% include %}`` per facet, at a fraction of the cost (the
template engine resolved about ten variables per option).
"""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

_OPTION = (
    '<div class="facet__option"><input type="checkbox" id="{}" name="{}" value="{}"{}>'
    '<label for="{}">{} <span class="facet__count">({}<span class="visually-hidden"> {}</span>)</span></label></div>'
)


@register.simple_tag
def facet_options(facet) -> SafeString:
    if not facet.options:
        return format_html('<p class="facet__empty">{}</p>', _("Ingen muligheder med de valgte filtre."))
    offers_word = _("tilbud")
    checked = mark_safe(" checked")  # noqa: S308 (a constant)
    return format_html_join(
        "\n",
        _OPTION,
        (
            (
                option.html_id,
                facet.name,
                option.value,
                checked if option.selected else "",
                option.html_id,
                option.label,
                intcomma(option.count) if option.count >= 1000 else str(option.count),
                offers_word,
            )
            for option in facet.options
        ),
    )
