"""Suggestions as a teacher types in the search box: offer titles, environments, subjects and kommuner.

The answers come from one small table (``offers.models.SearchSuggestion``): one row per word start of
each suggestion's label, under a ``text_pattern_ops`` B-tree that includes every column, so a typed
prefix is one index-only range scan whatever the number of offers. The table holds live content only
and is kept by ``refresh_suggestions()``, which ``refresh_offer_search()`` calls in the same
transaction for the offers (and environments) it refreshes: the offers' titles (grouped: a title
several offers share is one suggestion that searches for it), their environments, and the counts of
live offers per subject and kommune. ``suggest()`` checks the few pages it returns against the live,
public pages at answer time, so an unpublished or restricted page never shows even before a refresh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection
from django.http import HttpRequest
from django.utils.translation import gettext_lazy, ngettext
from wagtail.models import Page

from geography.models import Municipality

from ..models import SearchSuggestion

MIN_LENGTH = 2  # typed characters before anything is suggested
MAX_LENGTH = 100
MAX_KEY_WORDS = 12  # word starts indexed per label
CANDIDATES = 300  # index entries read per kind at most (the first in key order: a short prefix stays cheap)
PER_KIND = {
    SearchSuggestion.OFFER: 5,
    SearchSuggestion.ENVIRONMENT: 3,
    SearchSuggestion.SUBJECT: 3,
    SearchSuggestion.MUNICIPALITY: 3,
}
KIND_ORDER = [
    SearchSuggestion.SUBJECT,
    SearchSuggestion.OFFER,
    SearchSuggestion.ENVIRONMENT,
    SearchSuggestion.MUNICIPALITY,
]
GROUP_LABELS = {
    SearchSuggestion.SUBJECT: gettext_lazy("Fag"),
    SearchSuggestion.OFFER: gettext_lazy("Tilbud"),
    SearchSuggestion.ENVIRONMENT: gettext_lazy("Læringsmiljøer"),
    SearchSuggestion.MUNICIPALITY: gettext_lazy("Kommuner"),
}
_SPLIT = re.compile(r"[\W_]+")

# The normalised text of a label (lower case, "aa" as "å", punctuation as spaces), in SQL and in Python.
_NORMALISE_SQL = "trim(regexp_replace(replace(lower({label}), 'aa', 'å'), '[^[:alnum:]]+', ' ', 'g'))"


def normalise(text: str) -> str:
    return _SPLIT.sub(" ", text.lower().replace("aa", "å")).strip()


# Inserts one row per word start of each label in ``{source}`` (label, detail, weight, page_id, value).
_INSERT_SQL = """
INSERT INTO offers_searchsuggestion (kind, key, starts, label, detail, weight, page_id, value)
SELECT %(kind)s, left(array_to_string(s.words[i:], ' '), 255), i = 1, left(src.label, 255), left(src.detail, 255),
       src.weight, src.page_id, src.value
FROM ({source}) AS src
CROSS JOIN LATERAL (SELECT regexp_split_to_array({normalised}, ' ') AS words) AS s
CROSS JOIN LATERAL generate_subscripts(s.words, 1) AS i
WHERE i <= {max_words} AND s.words[i] <> ''
"""

_PUBLIC_SQL = """NOT EXISTS (
    SELECT 1 FROM wagtailcore_pageviewrestriction vr JOIN wagtailcore_page rp ON rp.id = vr.page_id
    WHERE {path} LIKE rp.path || '%%')"""

_OFFER_SOURCE = """
SELECT r.title AS label, count(*) AS weight,
       CASE WHEN count(*) = 1 THEN min(r.offer_id) END AS page_id,
       CASE WHEN count(*) = 1 THEN coalesce(min(ep.title), '') ELSE '' END AS detail, '' AS value
FROM offers_offersearchrow r
JOIN wagtailcore_page p ON p.id = r.offer_id
LEFT JOIN wagtailcore_page ep ON ep.id = r.environment_id
WHERE r.live AND p.live AND {titles} AND {public}
GROUP BY r.title
"""

_ENVIRONMENT_SOURCE = """
SELECT p.title AS label,
       (SELECT count(*) FROM offers_offersearchrow r WHERE r.environment_id = e.page_ptr_id AND r.live) AS weight,
       e.page_ptr_id AS page_id, concat_ws(' · ', et.name, m.name) AS detail, '' AS value
FROM offers_learningenvironmentpage e
JOIN wagtailcore_page p ON p.id = e.page_ptr_id
LEFT JOIN offers_environmenttype et ON et.id = e.environment_type_id
LEFT JOIN {municipality_table} m ON m.id = e.municipality_id
WHERE p.live AND {environments} AND {public}
"""

_SUBJECT_SOURCE = """
SELECT cs.name AS label, c.n AS weight, NULL::integer AS page_id, '' AS detail, cs.slug AS value
FROM (SELECT sid, count(*) AS n FROM offers_offersearchrow r, unnest(r.subject_ids) AS sid
      WHERE r.live AND {subjects_rows} GROUP BY sid) AS c
JOIN curriculum_subject cs ON cs.id = c.sid
WHERE {subjects}
"""

_MUNICIPALITY_SOURCE = """
SELECT m.name AS label, c.n AS weight, NULL::integer AS page_id, coalesce(rg.name, '') AS detail, m.slug AS value
FROM (SELECT r.municipality_id AS mid, count(*) AS n FROM offers_offersearchrow r
      WHERE r.live AND {municipalities} GROUP BY r.municipality_id) AS c
JOIN {municipality_table} m ON m.id = c.mid
LEFT JOIN {region_table} rg ON rg.id = m.region_id
"""

# What the refreshed offers touch, read before and after their rows change (old and new titles etc.).
_AFFECTED_SQL = """
SELECT coalesce(array_agg(DISTINCT r.title), '{{}}'),
       coalesce(array_agg(DISTINCT r.environment_id) FILTER (WHERE r.environment_id IS NOT NULL), '{{}}'),
       coalesce(array_agg(DISTINCT r.municipality_id) FILTER (WHERE r.municipality_id IS NOT NULL), '{{}}'),
       coalesce(array_agg(DISTINCT s.sid) FILTER (WHERE s.sid IS NOT NULL), '{{}}')
FROM offers_offerpage o JOIN offers_offersearchrow r ON r.offer_id = o.page_ptr_id
LEFT JOIN LATERAL unnest(r.subject_ids) AS s(sid) ON TRUE
WHERE {where}
"""


@dataclass
class Affected:
    """The suggestions a refresh of some offers may change."""

    titles: set[str] = field(default_factory=set)
    environment_ids: set[int] = field(default_factory=set)
    municipality_ids: set[int] = field(default_factory=set)
    subject_ids: set[int] = field(default_factory=set)

    def add(self, cursor, where: str, params: dict) -> None:
        cursor.execute(_AFFECTED_SQL.format(where=where), params)
        titles, environments, municipalities, subjects = cursor.fetchone()
        self.titles.update(titles)
        self.environment_ids.update(environments)
        self.municipality_ids.update(municipalities)
        self.subject_ids.update(subjects)


def _insert(cursor, kind: str, source: str, params: dict) -> None:
    normalised = _NORMALISE_SQL.format(label="src.label")
    sql = _INSERT_SQL.format(source=source, normalised=normalised, max_words=MAX_KEY_WORDS)
    cursor.execute(sql, {**params, "kind": kind})


def refresh_suggestions(cursor, affected: Affected | None) -> None:
    """Rebuild the suggestions ``affected`` names (``None``: all of them), inside the caller's transaction."""
    tables = {
        "municipality_table": Municipality._meta.db_table,
        "region_table": Municipality._meta.get_field("region").related_model._meta.db_table,
    }
    full = affected is None
    stale = {  # the rows a partial refresh replaces, by kind
        SearchSuggestion.OFFER: "label = ANY(%(titles)s)",
        SearchSuggestion.ENVIRONMENT: "page_id = ANY(%(environments)s)",
        SearchSuggestion.SUBJECT: "value = ANY(%(subject_slugs)s)",
        SearchSuggestion.MUNICIPALITY: "value = ANY(%(municipality_slugs)s)",
    }
    if full:
        cursor.execute("DELETE FROM offers_searchsuggestion")  # not TRUNCATE: answers go on meanwhile
        params: dict = {}
    else:
        assert affected is not None
        cursor.execute(
            "SELECT coalesce(array_agg(slug), '{}') FROM curriculum_subject WHERE id = ANY(%s)",
            [sorted(affected.subject_ids)],
        )
        subject_slugs = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT coalesce(array_agg(slug), '{{}}') FROM {tables['municipality_table']} WHERE id = ANY(%s)",
            [sorted(affected.municipality_ids)],
        )
        municipality_slugs = cursor.fetchone()[0]
        params = {
            "titles": sorted(affected.titles),
            "environments": sorted(affected.environment_ids),
            "subjects": sorted(affected.subject_ids),
            "municipalities": sorted(affected.municipality_ids),
            "subject_slugs": subject_slugs,
            "municipality_slugs": municipality_slugs,
        }
        for kind, delete_where in stale.items():
            sql = f"DELETE FROM offers_searchsuggestion WHERE kind = %(kind)s AND {delete_where}"
            cursor.execute(sql, {**params, "kind": kind})

    def condition(sql: str) -> str:
        return "TRUE" if full else sql

    _insert(
        cursor,
        SearchSuggestion.OFFER,
        _OFFER_SOURCE.format(titles=condition("r.title = ANY(%(titles)s)"), public=_PUBLIC_SQL.format(path="p.path")),
        params,
    )
    _insert(
        cursor,
        SearchSuggestion.ENVIRONMENT,
        _ENVIRONMENT_SOURCE.format(
            environments=condition("e.page_ptr_id = ANY(%(environments)s)"),
            public=_PUBLIC_SQL.format(path="p.path"),
            **tables,
        ),
        params,
    )
    _insert(
        cursor,
        SearchSuggestion.SUBJECT,
        _SUBJECT_SOURCE.format(
            subjects_rows=condition("r.subject_ids && %(subjects)s::integer[]"),
            subjects=condition("c.sid = ANY(%(subjects)s)"),
        ),
        params,
    )
    _insert(
        cursor,
        SearchSuggestion.MUNICIPALITY,
        _MUNICIPALITY_SOURCE.format(municipalities=condition("r.municipality_id = ANY(%(municipalities)s)"), **tables),
        params,
    )


# --- Answering -------------------------------------------------------------------------------------------

# Per kind, at most CANDIDATES index entries (the first in key order): an index-only range scan each.
_CANDIDATES_SQL = """(SELECT kind, label, detail, weight, page_id, value, starts FROM offers_searchsuggestion
    WHERE kind = '{kind}' AND key LIKE %(prefix)s ORDER BY key USING ~<~ LIMIT %(candidates)s)"""

_SUGGEST_SQL = """
SELECT kind, label, detail, weight, page_id, value, starts FROM (
    SELECT d.*, row_number() OVER (PARTITION BY kind ORDER BY starts DESC, weight DESC, label) AS n FROM (
        SELECT DISTINCT ON (kind, label, page_id, value) kind, label, detail, weight, page_id, value, starts
        FROM ({candidates}) AS c
        ORDER BY kind, label, page_id, value, starts DESC
    ) AS d
) AS ranked
WHERE n <= CASE kind {limits} END
"""

_LIVE_PAGES_SQL = """
SELECT p.id, p.url_path FROM wagtailcore_page p
WHERE p.id = ANY(%(ids)s) AND p.live AND {public}
"""


@dataclass
class Suggestion:
    kind: str
    label: str
    detail: str
    url: str = ""  # an offer or environment page
    param: tuple[str, str] | None = None  # a search: (parameter, value)

    def as_json(self) -> dict:
        data: dict = {"label": self.label, "detail": self.detail}
        if self.url:
            data["url"] = self.url
        if self.param:
            data["param"] = {"name": self.param[0], "value": self.param[1]}
        return data


@dataclass
class SuggestionGroup:
    kind: str
    label: str
    suggestions: list[Suggestion]


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def suggest(text: str, *, request: HttpRequest | None = None) -> list[SuggestionGroup]:
    """The suggestions for what has been typed so far, grouped by kind (empty below ``MIN_LENGTH``)."""
    key = normalise(text)
    if len(key) < MIN_LENGTH:
        return []
    limits = " ".join(f"WHEN '{kind}' THEN {number}" for kind, number in PER_KIND.items())
    with connection.cursor() as cursor:
        candidates = " UNION ALL ".join(_CANDIDATES_SQL.format(kind=kind) for kind in PER_KIND)
        sql = _SUGGEST_SQL.format(candidates=candidates, limits=limits)
        cursor.execute(sql, {"prefix": _like_prefix(key), "candidates": CANDIDATES})
        rows = cursor.fetchall()
        page_ids = sorted({row[4] for row in rows if row[4] is not None})
        urls: dict[int, str] = {}
        if page_ids:
            cursor.execute(_LIVE_PAGES_SQL.format(public=_PUBLIC_SQL.format(path="p.path")), {"ids": page_ids})
            for page_id, url_path in cursor.fetchall():
                url = Page(id=page_id, url_path=url_path).get_url(request=request)
                if url:
                    urls[page_id] = url
    by_kind: dict[str, list[Suggestion]] = {}
    rows.sort(key=lambda row: (row[0], not row[6], -row[3], row[1]))
    for kind, label, detail, weight, page_id, value, _starts in rows:
        if kind == SearchSuggestion.OFFER:
            if page_id is not None:
                if page_id not in urls:
                    continue
                item = Suggestion(kind, label, detail, url=urls[page_id])
            else:
                count = ngettext("%(n)s tilbud", "%(n)s tilbud", weight) % {"n": weight}
                item = Suggestion(kind, label, count, param=("q", label))
        elif kind == SearchSuggestion.ENVIRONMENT:
            if page_id not in urls:
                continue
            item = Suggestion(kind, label, detail, url=urls[page_id])
        else:
            count = ngettext("%(n)s tilbud", "%(n)s tilbud", weight) % {"n": weight}
            item = Suggestion(kind, label, f"{detail} · {count}" if detail else count, param=(kind, value))
        by_kind.setdefault(kind, []).append(item)
    return [SuggestionGroup(kind, str(GROUP_LABELS[kind]), by_kind[kind]) for kind in KIND_ORDER if kind in by_kind]
