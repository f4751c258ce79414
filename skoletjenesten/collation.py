"""Danish alphabetical order in PostgreSQL: ``order_by(danish("title"), "pk")``.

Danish sorts æ, ø, å after z (aa as å), case does not decide before the letters do, and accents
follow their letter ("Bålmad" after "Børns", "Mælk" before "Mål"). PostgreSQL's ICU collation
``da-DK-x-icu`` does exactly that; the system PostgreSQL has it. The embedded PostgreSQL of ``make run``
(the ``pgserver`` wheel) is built without ICU, so there the order uses a key that sorts the same way
under the C collation (lower case, aa → å, æøå mapped past z, accented vowels to their letter).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import F, Func, Value
from django.db.models.expressions import Expression
from django.db.models.functions import Collate, Lower

ICU_DANISH = "da-DK-x-icu"
_HAS_ICU: dict[str, bool] = {}


def has_icu_danish() -> bool:
    """Whether this database has the ICU Danish collation (one query per process and database)."""
    key = connection.settings_dict["NAME"]
    if key not in _HAS_ICU:
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = %s)", [ICU_DANISH])
            _HAS_ICU[key] = bool(cursor.fetchone()[0])
    return _HAS_ICU[key]


def danish(field: str | Expression) -> Expression:
    """The expression to order by for Danish alphabetical order of a text column."""
    expression = F(field) if isinstance(field, str) else field
    if has_icu_danish():
        return Collate(expression, ICU_DANISH)
    aa_as_aa = Func(Lower(expression), Value("aa"), Value("å"), function="replace")
    key = Func(aa_as_aa, Value("æøåäöüéèêáàóòíú"), Value("{|}{|yeeeaaooiu"), function="translate")
    return Collate(key, "C")


_KEY_TABLE = str.maketrans("æøåäöüéèêáàóòíú", "{|}{|yeeeaaooiu")


def danish_key(text: str) -> str:
    """The same order in Python, for lists sorted outside the database."""
    return text.lower().replace("aa", "å").translate(_KEY_TABLE)
