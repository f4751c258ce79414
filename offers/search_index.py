"""The offers' search document: maintained with set-based SQL, never row by row in Python.

``refresh_offer_search()`` rebuilds, for the given offers (or all), the weighted Danish tsvector
(title A; teaser, environment name and type, subject names B; description C) and the denormalised
facet columns (subject, subject area and SDG ids, environment type, region) on ``offers_offerpage``,
then upserts each offer's narrow ``OfferSearchRow`` (live flag, filter columns and facet bit sets),
and adds the offers' words to the "did you mean" vocabulary. ``OfferPage.save()`` calls it for one
offer, ``LearningEnvironmentPage.save()`` for its offers; bulk loaders call it once after inserting.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import connection, transaction

SEARCH_CONFIG = "danish"

# Bit layout of OfferSearchRow.facet_bits. Subjects, subject areas and SDGs have a bigint each, with one
# bit per reference row in the order of its id ("rank"). Changing the layout or the reference rows
# needs a full refresh (manage.py refresh_offer_search).
MONTH_BIT = 0  # months 1–12 → bits 0–11
FORMAT_BIT = 12  # OfferFormat values, in their declared order → 12–16
LANGUAGE_BIT = 17  # OfferLanguage values → 17–21
FREE_BIT = 22
STEP_FREE_BIT = 23
SPECIAL_NEEDS_BIT = 24
GRADE_BIT = 25  # grade positions 0–13 → 25–38
ENVIRONMENT_TYPE_BIT = 39  # environment types by rank → 39–62


SEARCH_VERSION_KEY = "offers:search-version"


def search_version() -> int:
    """A number that changes whenever any offer's search data changes: part of every cached facet key."""
    return cache.get(SEARCH_VERSION_KEY) or 0


def bump_search_version(**kwargs) -> None:
    try:
        cache.incr(SEARCH_VERSION_KEY)
    except ValueError:  # not there yet (or evicted)
        cache.set(SEARCH_VERSION_KEY, 1, None)


def bit(position: int) -> int:
    return 1 << position


def rank_map(ids) -> dict[int, int]:
    """Reference row id → its bit (rank by id), as the refresh SQL computes it."""
    return {pk: rank for rank, pk in enumerate(sorted(ids))}


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
    search_vector =
        setweight(to_tsvector('{config}', doc.title), 'A')
        || setweight(to_tsvector('{config}', doc.teaser || ' ' || doc.environment_name || ' '
                                 || doc.environment_type_name || ' ' || doc.subject_names), 'B')
        || setweight(to_tsvector('{config}', doc.description), 'C'),
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

# The narrow search rows (offers.models.OfferSearchRow), from the refreshed offers and their pages.
_ROW_SQL = """
WITH subject_rank AS (
    SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS rank FROM curriculum_subject
), area_rank AS (
    SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS rank FROM curriculum_subjectarea
), sdg_rank AS (
    SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS rank FROM curriculum_sustainabledevelopmentgoal
), environment_type_rank AS (
    SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS rank FROM offers_environmenttype
)
INSERT INTO offers_offersearchrow (
    offer_id, live, title, first_published_at, grade_min, grade_max, is_free, price_amount, step_free_access,
    special_needs_adapted, formats, months, languages, subject_ids, subject_area_ids, sdg_ids,
    facet_bits, subject_bits, subject_area_bits, sdg_bits,
    environment_id, environment_type_id, municipality_id, region_id, latitude, longitude, search_vector
)
SELECT
    o.page_ptr_id, p.live, p.title, p.first_published_at, o.grade_min, o.grade_max, o.is_free, o.price_amount,
    o.step_free_access, o.special_needs_adapted, o.formats, o.months, o.languages,
    o.subject_ids, o.subject_area_ids, o.sdg_ids,
    coalesce((SELECT bit_or(1::bigint << ({month_bit} + m - 1)) FROM unnest(o.months) AS m
              WHERE m BETWEEN 1 AND 12), 0)
    | coalesce((SELECT bit_or(1::bigint << ({format_bit} + array_position(%(formats)s::text[], f::text) - 1))
                FROM unnest(o.formats) AS f WHERE array_position(%(formats)s::text[], f::text) IS NOT NULL), 0)
    | coalesce((SELECT bit_or(1::bigint << ({language_bit} + array_position(%(languages)s::text[], l::text) - 1))
                FROM unnest(o.languages) AS l WHERE array_position(%(languages)s::text[], l::text) IS NOT NULL), 0)
    | CASE WHEN o.is_free THEN 1::bigint << {free_bit} ELSE 0 END
    | CASE WHEN o.step_free_access THEN 1::bigint << {step_free_bit} ELSE 0 END
    | CASE WHEN o.special_needs_adapted THEN 1::bigint << {special_needs_bit} ELSE 0 END
    | coalesce((SELECT bit_or(1::bigint << ({grade_bit} + g))
                FROM generate_series(greatest(o.grade_min, 0)::int, least(o.grade_max, 13)::int) AS g), 0)
    | coalesce((SELECT 1::bigint << ({environment_type_bit} + r.rank) FROM environment_type_rank r
                WHERE r.id = o.environment_type_id AND r.rank <= 23), 0),
    coalesce((SELECT bit_or(1::bigint << r.rank) FROM unnest(o.subject_ids) AS x
              JOIN subject_rank r ON r.id = x WHERE r.rank <= 62), 0),
    coalesce((SELECT bit_or(1::bigint << r.rank) FROM unnest(o.subject_area_ids) AS x
              JOIN area_rank r ON r.id = x WHERE r.rank <= 62), 0),
    coalesce((SELECT bit_or(1::bigint << r.rank) FROM unnest(o.sdg_ids) AS x
              JOIN sdg_rank r ON r.id = x WHERE r.rank <= 62), 0),
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
    sdg_ids = EXCLUDED.sdg_ids, facet_bits = EXCLUDED.facet_bits, subject_bits = EXCLUDED.subject_bits,
    subject_area_bits = EXCLUDED.subject_area_bits, sdg_bits = EXCLUDED.sdg_bits,
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
    WHERE {where}
) words
WHERE length(word) BETWEEN 4 AND 60
GROUP BY word
ON CONFLICT (word) DO {conflict}
"""


def refresh_offer_search(
    *, offer_ids: Iterable[int] | None = None, environment_ids: Iterable[int] | None = None
) -> int:
    """Rebuild the search document of the given offers (by id or by parent environment), or of all offers.

    Returns the number of offers updated. Set-based: one UPDATE however many offers.
    """
    from .models import OfferFormat, OfferLanguage

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
    sql = _REFRESH_SQL.format(where=where, config=SEARCH_CONFIG)
    row_sql = _ROW_SQL.format(
        where=where,
        month_bit=MONTH_BIT,
        format_bit=FORMAT_BIT,
        language_bit=LANGUAGE_BIT,
        free_bit=FREE_BIT,
        step_free_bit=STEP_FREE_BIT,
        special_needs_bit=SPECIAL_NEEDS_BIT,
        grade_bit=GRADE_BIT,
        environment_type_bit=ENVIRONMENT_TYPE_BIT,
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        updated = cursor.rowcount
        row_params = {**params, "formats": list(OfferFormat.values), "languages": list(OfferLanguage.values)}
        cursor.execute(row_sql, row_params)
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
