from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def kroner(value) -> str:
    """Whole kroner with Danish thousands separators: 1250000 → »1.250.000 kr.«"""
    try:
        amount = int(value)
    except (TypeError, ValueError):
        return ""
    return f"{amount:,} kr.".replace(",", ".")
