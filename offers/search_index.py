"""The offers' search document: maintained with set-based SQL, never row by row in Python.

``refresh_offer_search()`` rebuilds, for the given offers (or all), the weighted Danish tsvector
(title A; teaser, environment name and type, subject names B; description C) and the denormalised
facet columns (subject, subject area and SDG ids, environment type, region). ``OfferPage.save()``
calls it for one offer; bulk loaders call it once after inserting rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

SEARCH_CONFIG = "danish"

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
        m.region_id AS region_id,
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
    LEFT JOIN municipalities_municipality m ON m.id = o.municipality_id
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
    region_id = doc.region_id
FROM doc
WHERE doc.id = o.page_ptr_id
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
    where, params = "TRUE", []
    if offer_ids is not None:
        ids = [int(pk) for pk in offer_ids]
        if not ids:
            return 0
        where, params = "o.page_ptr_id = ANY(%s)", [ids]
    elif environment_ids is not None:
        ids = [int(pk) for pk in environment_ids]
        if not ids:
            return 0
        where, params = "o.environment_id = ANY(%s)", [ids]
    full = offer_ids is None and environment_ids is None
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_REFRESH_SQL.format(where=where, config=SEARCH_CONFIG), params)
        updated = cursor.rowcount
        if full:
            cursor.execute("DELETE FROM offers_searchterm")
        cursor.execute(
            _VOCABULARY_SQL.format(
                where=where, conflict="UPDATE SET frequency = EXCLUDED.frequency" if full else "NOTHING"
            ),
            params,
        )
    return updated
