from django import template

from ..page_creation import new_token

register = template.Library()


@register.simple_tag
def page_creation_token() -> str:
    """A new add form's token (operations.page_creation)."""
    return new_token()
