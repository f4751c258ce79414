from django.utils.text import slugify

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slugify(value: str) -> str:
    """Slug that spells æ, ø, å as ae, oe, aa instead of dropping them."""
    return slugify(str(value).translate(_DANISH))
