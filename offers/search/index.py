"""The offers' search document: maintained with set-based SQL, never row by row in Python.

``refresh_offer_search()`` rebuilds, for the given offers (or all), the weighted Danish tsvector
(title A; subject names, SDGs, environment name and type B; teaser C; description D; each with the
parts of its compounds) and the denormalised
facet columns (subject, subject area and SDG ids, environment type, region) on ``offers_offerpage``,
then upserts each offer's narrow ``OfferSearchRow`` (live flag, filter columns and facet bit sets),
adds the offers' words to the "did you mean" vocabulary and refreshes the suggestions as you type
(offers.search.suggestions). Publishing or unpublishing an offer or an environment refreshes its rows
(``offers.signals``; the admin's create/edit hooks for drafts), through ``refresh_page_search(page)``;
code that saves pages itself calls that too, and bulk loaders call ``refresh_offer_search()`` once after
inserting. A page's ``save()`` does none of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from wagtail.models import Page

from offers.models import LearningEnvironmentPage, OfferPage
from skoletjenesten.cache_versions import SEARCH_VERSION_KEY

from .compounds import MIN_WORD, split_compound
from .facets import FACETS, UPCOMING_MONTHS_SQL, WORD_BITS, bit_layout
from .reference import SearchReference
from .suggestions import Affected, refresh_suggestions

SEARCH_CONFIG = "danish"

# The facets' bits (OfferSearchRow.facet_words): laid out by the facet registry (offers.search.facets);
# a change of the facets or of the reference rows needs a full refresh (manage.py refresh_offer_search).


def search_version() -> int:
    """A number that changes whenever any offer's search data changes: part of every cached facet key."""
    return cache.get(SEARCH_VERSION_KEY) or 0


def bump_search_version(**kwargs) -> None:
    try:
        cache.incr(SEARCH_VERSION_KEY)
    except ValueError:  # not there yet (or evicted)
        cache.set(SEARCH_VERSION_KEY, 1, None)


def bump_search_version_after_commit(**kwargs) -> None:
    """A signal receiver: what the search finds changes with this write, once it is committed (a page's
    privacy set or lifted, an environment deleted), so nothing cached under the old version is used after it."""
    transaction.on_commit(bump_search_version)


T = TypeVar("T")


def cached_by_search_version(prefix: str, compute: Callable[[], T], *parts: object) -> T:
    """``compute()``, cached for OFFER_SEARCH_CACHE_SECONDS under ``prefix``, the search version and ``parts``:
    every committed change of what the search finds bumps the version, so nothing stale is used after it.
    0 seconds (the tests, cold benchmarks): computed on every call. ``compute()`` must not return None."""
    seconds = getattr(settings, "OFFER_SEARCH_CACHE_SECONDS", 300)
    if not seconds:
        return compute()
    key = ":".join([prefix, str(search_version()), *map(str, parts)])
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found


_REFRESH_SQL = """
WITH target AS (
    SELECT o.page_ptr_id AS id
    FROM offers_offerpage o
    WHERE {where}
), doc AS (
    SELECT
        o.page_ptr_id AS id,
        p.title AS title,
        coalesce(o.teaser, '') AS teaser,
        coalesce(e_page.title, '') AS environment_name,
        coalesce(et.name, '') AS environment_type_name,
        e.environment_type_id AS environment_type_id,
        m.id AS municipality_id,
        m.region_id AS region_id,
        CASE WHEN o.use_environment_location AND e.page_ptr_id IS NOT NULL
             THEN e.latitude ELSE o.latitude END AS latitude,
        CASE WHEN o.use_environment_location AND e.page_ptr_id IS NOT NULL
             THEN e.longitude ELSE o.longitude END AS longitude,
        regexp_replace(coalesce(o.description, ''), '<[^>]*>', ' ', 'g') AS description,
        coalesce((SELECT array_agg(s.subject_id ORDER BY s.subject_id)
                  FROM offers_offerpage_subjects s WHERE s.offerpage_id = o.page_ptr_id), '{{}}') AS subject_ids,
        coalesce((SELECT string_agg(cs.name, ' ')
                  FROM offers_offerpage_subjects s JOIN curriculum_subject cs ON cs.id = s.subject_id
                  WHERE s.offerpage_id = o.page_ptr_id), '') AS subject_names,
        coalesce((SELECT string_agg('verdensmål ' || sdg.number || ' ' || sdg.name, ' ')
                  FROM offers_offerpage_sdgs g
                  JOIN curriculum_sustainabledevelopmentgoal sdg ON sdg.id = g.sustainabledevelopmentgoal_id
                  WHERE g.offerpage_id = o.page_ptr_id), '') AS sdg_words,
        coalesce((SELECT array_agg(a.subjectarea_id ORDER BY a.subjectarea_id)
                  FROM offers_offerpage_subject_areas a WHERE a.offerpage_id = o.page_ptr_id), '{{}}')
            AS subject_area_ids,
        coalesce((SELECT array_agg(g.sustainabledevelopmentgoal_id ORDER BY g.sustainabledevelopmentgoal_id)
                  FROM offers_offerpage_sdgs g WHERE g.offerpage_id = o.page_ptr_id), '{{}}') AS sdg_ids
    FROM offers_offerpage o
    JOIN target t ON t.id = o.page_ptr_id
    JOIN wagtailcore_page p ON p.id = o.page_ptr_id
    LEFT JOIN offers_learningenvironmentpage e ON e.page_ptr_id = o.environment_id
    LEFT JOIN wagtailcore_page e_page ON e_page.id = o.environment_id
    LEFT JOIN offers_environmenttype et ON et.id = e.environment_type_id
    -- The effective kommune: the environment's, when the offer takes place there (it may have moved).
    LEFT JOIN municipalities_municipality m ON m.id = CASE
        WHEN o.use_environment_location AND e.page_ptr_id IS NOT NULL THEN e.municipality_id
        ELSE o.municipality_id END
)
UPDATE offers_offerpage o SET
    -- Weights by field: title A; subjects, SDGs and the environment B; teaser C; description D. The parts
    -- of a field's compounds ("skovtur" → "skov tur"; offers.search.compounds) weigh one step less.
    search_vector =
        setweight(to_tsvector('{config}', {title}), 'A') || setweight(to_tsvector('{config}', {title_parts}), 'B')
        || setweight(to_tsvector('{config}', {facts}), 'B') || setweight(to_tsvector('{config}', {facts_parts}), 'C')
        || setweight(to_tsvector('{config}', {teaser}), 'C') || setweight(to_tsvector('{config}', {teaser_parts}), 'D')
        || setweight(to_tsvector('{config}', {description} || ' ' || {description_parts}), 'D'),
    subject_ids = doc.subject_ids,
    subject_area_ids = doc.subject_area_ids,
    sdg_ids = doc.sdg_ids,
    environment_type_id = doc.environment_type_id,
    municipality_id = doc.municipality_id,
    region_id = doc.region_id,
    latitude = doc.latitude,
    longitude = doc.longitude
FROM doc
WHERE doc.id = o.page_ptr_id
"""

# A field's text for its tsvector ("/" splits: "Natur/teknologi" is two words), and the parts of its compounds.
_FIELD_SQL = "translate({text}, '/', ' ')"
_PARTS_SQL = """coalesce((
    SELECT string_agg(c.parts, ' ') FROM regexp_split_to_table(lower({text}), '[^[:alpha:]]+') AS w
    JOIN search_compound_parts c ON c.word = w), '')"""

# The distinct longer words of the offers' texts: the candidates for compound splitting.
_WORDS_SQL = """
SELECT DISTINCT w FROM offers_offerpage o
JOIN wagtailcore_page p ON p.id = o.page_ptr_id
LEFT JOIN wagtailcore_page e_page ON e_page.id = o.environment_id,
regexp_split_to_table(lower(p.title || ' ' || coalesce(o.teaser, '') || ' ' || coalesce(o.description, '') || ' '
                            || coalesce(e_page.title, '')), '[^[:alpha:]]+') AS w
WHERE {where} AND length(w) >= %(min_length)s
"""

# The narrow search rows (offers.models.OfferSearchRow), from the refreshed offers and their pages.
_ROW_SQL = """
INSERT INTO offers_offersearchrow (
    offer_id, live, title, first_published_at, grade_min, grade_max, is_free, price_amount, step_free_access,
    special_needs_adapted, formats, months, languages, subject_ids, subject_area_ids, sdg_ids,
    facet_words,
    environment_id, environment_type_id, municipality_id, region_id, latitude, longitude, search_vector
)
SELECT
    o.page_ptr_id, p.live, p.title, p.first_published_at, o.grade_min, o.grade_max, o.is_free, o.price_amount,
    o.step_free_access, o.special_needs_adapted, o.formats, {upcoming_months}::smallint[], o.languages,
    o.subject_ids, o.subject_area_ids, o.sdg_ids,
    {facet_words},
    o.environment_id, o.environment_type_id, o.municipality_id, o.region_id, o.latitude, o.longitude,
    o.search_vector
FROM offers_offerpage o
JOIN wagtailcore_page p ON p.id = o.page_ptr_id
WHERE {where}
ON CONFLICT (offer_id) DO UPDATE SET
    live = EXCLUDED.live, title = EXCLUDED.title, first_published_at = EXCLUDED.first_published_at,
    grade_min = EXCLUDED.grade_min, grade_max = EXCLUDED.grade_max, is_free = EXCLUDED.is_free,
    price_amount = EXCLUDED.price_amount, step_free_access = EXCLUDED.step_free_access,
    special_needs_adapted = EXCLUDED.special_needs_adapted, formats = EXCLUDED.formats, months = EXCLUDED.months,
    languages = EXCLUDED.languages, subject_ids = EXCLUDED.subject_ids, subject_area_ids = EXCLUDED.subject_area_ids,
    sdg_ids = EXCLUDED.sdg_ids, facet_words = EXCLUDED.facet_words,
    environment_id = EXCLUDED.environment_id, environment_type_id = EXCLUDED.environment_type_id,
    municipality_id = EXCLUDED.municipality_id, region_id = EXCLUDED.region_id,
    latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, search_vector = EXCLUDED.search_vector
"""

# Words of four letters or more from titles, teasers and environment names: the vocabulary that
# "did you mean" suggests from. Kept additive for partial refreshes; a full refresh recounts.
_VOCABULARY_SQL = """
INSERT INTO offers_searchterm (word, frequency)
SELECT word, count(*) FROM (
    SELECT regexp_split_to_table(lower(p.title || ' ' || coalesce(o.teaser, '')), '[^[:alpha:]]+') AS word
    FROM offers_offerpage o JOIN wagtailcore_page p ON p.id = o.page_ptr_id
    WHERE {where} AND p.live  -- "Mente du …?" suggests words of live, public offers only
      AND NOT EXISTS (
          SELECT 1 FROM wagtailcore_pageviewrestriction r JOIN wagtailcore_page rp ON rp.id = r.page_id
          WHERE p.path LIKE rp.path || '%%')
) words
WHERE length(word) BETWEEN 4 AND 60
GROUP BY word
ON CONFLICT (word) DO {conflict}
"""


def _facet_words_sql(reference: SearchReference) -> tuple[str, list[str]]:
    """The SQL of a row's ``facet_words`` over ``offers_offerpage o``, and its ``bit_keys`` parameter.

    Every facet counted by its own bits gives its keys (``keys_sql``); each "facet:key" becomes the bit
    at its position in the registry's layout, 63 to a bigint word, as many words as the layout needs.
    """
    layout = bit_layout(reference)
    bit_keys = [f"{name}:{key}" for (name, key), _position in sorted(layout.items(), key=lambda item: item[1])]
    words = max(1, -(-len(layout) // WORD_BITS))
    keys = " || ".join(
        f"ARRAY(SELECT '{facet.name}:' || k FROM unnest({facet.keys_sql}) AS k)"
        for facet in FACETS
        if facet.keys_sql is not None
    )
    sql = f"""ARRAY(
        SELECT coalesce(bit_or(1::bigint << mod(p.pos, {WORD_BITS})), 0)
        FROM generate_series(0, {words - 1}) AS w
        LEFT JOIN (SELECT array_position(%(bit_keys)s::text[], k) - 1 AS pos FROM unnest({keys}) AS k) AS p
            ON p.pos / {WORD_BITS} = w
        GROUP BY w ORDER BY w)"""
    return sql, bit_keys


def _load_compound_parts(cursor, where: str, params: dict) -> None:
    """Fill the temporary table ``search_compound_parts`` with the compounds of the offers' texts."""
    cursor.execute(
        "CREATE TEMPORARY TABLE IF NOT EXISTS search_compound_parts (word text PRIMARY KEY, parts text NOT NULL)"
        " ON COMMIT DROP"
    )
    cursor.execute("DELETE FROM search_compound_parts")
    cursor.execute(_WORDS_SQL.format(where=where), {**params, "min_length": MIN_WORD})
    pairs = [(word, " ".join(parts)) for (word,) in cursor.fetchall() if (parts := split_compound(word))]
    if pairs:
        cursor.execute(
            "INSERT INTO search_compound_parts (word, parts) SELECT * FROM unnest(%s::text[], %s::text[])",
            [[word for word, _parts in pairs], [parts for _word, parts in pairs]],
        )


def refresh_offers_with_a_period() -> int:
    """Recompute the rows of offers with a period, whose upcoming months change as time passes (daily)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT page_ptr_id FROM offers_offerpage WHERE period_start IS NOT NULL OR period_end IS NOT NULL"
        )
        ids = [row[0] for row in cursor.fetchall()]
    return refresh_offer_search(offer_ids=ids)


def refresh_offer_search(
    *, offer_ids: Iterable[int] | None = None, environment_ids: Iterable[int] | None = None
) -> int:
    """Rebuild the search document of the given offers (by id or by parent environment), or of all offers.

    Returns the number of offers updated. Set-based: one UPDATE however many offers.
    """
    where, params = "TRUE", {}
    if offer_ids is not None:
        ids = [int(pk) for pk in offer_ids]
        if not ids:
            return 0
        where, params = "o.page_ptr_id = ANY(%(ids)s)", {"ids": ids}
    elif environment_ids is not None:
        ids = [int(pk) for pk in environment_ids]
        if not ids:
            return 0
        where, params = "o.environment_id = ANY(%(ids)s)", {"ids": ids}
    full = offer_ids is None and environment_ids is None
    texts = {
        "title": "doc.title",
        "facts": "(doc.subject_names || ' ' || doc.sdg_words || ' ' || doc.environment_name || ' '"
        " || doc.environment_type_name)",
        "teaser": "doc.teaser",
        "description": "doc.description",
    }
    fields = {name: _FIELD_SQL.format(text=text) for name, text in texts.items()}
    fields.update({f"{name}_parts": _PARTS_SQL.format(text=text) for name, text in texts.items()})
    sql = _REFRESH_SQL.format(where=where, config=SEARCH_CONFIG, **fields)
    facet_words, bit_keys = _facet_words_sql(SearchReference.load())
    row_sql = _ROW_SQL.format(where=where, facet_words=facet_words, upcoming_months=UPCOMING_MONTHS_SQL)
    with transaction.atomic(), connection.cursor() as cursor:
        _load_compound_parts(cursor, where, params)
        cursor.execute(sql, params)
        updated = cursor.rowcount
        affected = None if full else Affected()
        if affected is not None:
            affected.add(cursor, where, params)  # the titles, environments … the rows had before
            if environment_ids is not None:
                affected.environment_ids.update(ids)
        row_params: dict[str, Any] = {**params, "bit_keys": bit_keys}
        cursor.execute(row_sql, row_params)
        if affected is not None:
            affected.add(cursor, where, params)  # … and have now
        refresh_suggestions(cursor, affected)
        # After the commit, so a request can never cache counts of the old data under the new version.
        transaction.on_commit(bump_search_version)
        if full:
            cursor.execute("DELETE FROM offers_searchterm")
        cursor.execute(
            _VOCABULARY_SQL.format(
                where=where, conflict="UPDATE SET frequency = EXCLUDED.frequency" if full else "NOTHING"
            ),
            params,
        )
    return updated


def refresh_page_search(page: Page) -> int:
    """Refresh the search rows a saved page feeds: an offer's own, or the offers of an environment."""
    specific = page.specific_deferred if type(page) is Page else page
    if isinstance(specific, OfferPage):
        return refresh_offer_search(offer_ids=[specific.pk])
    if isinstance(specific, LearningEnvironmentPage):
        return refresh_offer_search(environment_ids=[specific.pk])
    return 0
