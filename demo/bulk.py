"""Inserting many Wagtail pages at once, for demo and benchmark data.

``add_child`` saves one page at a time (about 30 pages/s here, with its signals and tree updates).
For tens of thousands of pages this module computes the treebeard materialised paths itself and
writes each table of the multi-table page model with one INSERT per batch:

1. ``wagtailcore_page`` rows (RETURNING the new ids),
2. the specific page table (``page_ptr_id`` = the new id) with Django's low-level ``_insert``,
   because ``bulk_create`` refuses multi-table models,
3. the parent's ``numchild``.

No signals are sent: no revisions, log entries or reference-index rows are written, as for pages
created with ``add_child`` without ``save_revision``. Callers index the pages for search themselves
(``index_pages_for_search``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import connection, models
from django.db.models import F
from django.utils.encoding import force_str
from modelsearch.backends.database.postgres.postgres import IndexEntry, ObjectIndexer, PostgresSearchBackend
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

BATCH_SIZE = 1000


def encode_step(position: int) -> str:
    """The ``position``-th (1-based) path step of a child, e.g. 1 → "0001", 36 → "0010"."""
    alphabet, steplen = Page.alphabet, Page.steplen
    if not 0 < position < len(alphabet) ** steplen:
        raise ValueError(f"Child position {position} does not fit in a path step.")
    digits = []
    while position:
        position, digit = divmod(position, len(alphabet))
        digits.append(alphabet[digit])
    return "".join(reversed(digits)).rjust(steplen, alphabet[0])


def last_child_position(parent: Page) -> int:
    """Position of the parent's last child (0 if it has none), read from the database."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return int(last[-Page.steplen :], len(Page.alphabet)) if last else 0


def place_children(
    parent: Page, children: Sequence[Page], *, first_position: int, published_at: Iterable[datetime]
) -> None:
    """Fill in the tree and publication fields of new, unsaved children of ``parent``.

    ``first_position`` is the 1-based position of the first child among its siblings.
    """
    for offset, (child, published) in enumerate(zip(children, published_at, strict=True)):
        child.path = parent.path + encode_step(first_position + offset)
        child.depth = parent.depth + 1
        child.url_path = f"{parent.url_path}{child.slug}/"
        child.locale_id = parent.locale_id
        child.draft_title = child.title
        child.live = True
        child.has_unpublished_changes = False
        child.first_published_at = child.first_published_at or published
        child.last_published_at = child.last_published_at or published
        if not child.translation_key:
            child.translation_key = uuid.uuid4()


def insert_pages(model: type[Page], pages: Sequence[Page]) -> None:
    """Insert new pages of one specific page model whose tree fields are already set.

    Sets ``id``/``page_ptr_id`` on the instances. The parents' ``numchild`` is not touched
    (see ``add_to_numchild``).
    """
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.generated and f is not Page._meta.pk]
    chain = _model_chain(model)
    for start in range(0, len(pages), BATCH_SIZE):
        batch = list(pages[start : start + BATCH_SIZE])
        rows = Page._base_manager._insert(batch, fields=page_fields, returning_fields=[Page._meta.pk])
        for page, (page_id,) in zip(batch, rows, strict=True):
            page.id = page_id
        for concrete in chain:
            for page in batch:
                setattr(page, concrete._meta.pk.attname, page.id)
            fields = [f for f in concrete._meta.local_concrete_fields if not f.generated]
            concrete._base_manager._insert(batch, fields=fields)
        for page in batch:
            page._state.adding = False
            page._state.db = "default"


def add_to_numchild(parent: Page, count: int) -> None:
    if count:
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
        parent.numchild += count


def bulk_create_through(field: models.ManyToManyField, pairs: Iterable[tuple[int, int]]) -> int:
    """Insert M2M rows for ``field`` from (source id, target id) pairs."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs]
    through.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def index_pages_for_search(model: type[Page], page_ids: Sequence[int]) -> None:
    """Add new pages to Wagtail's own search index (the admin's page search), in batches.

    Re-reads the pages with ``get_indexed_objects()`` so related search fields are prefetched. On the
    PostgreSQL backend the entries are written with one plain INSERT per batch (see
    ``_add_to_postgres_index``); other backends get their own ``add_bulk``.
    """
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(page_ids), BATCH_SIZE):
        chunk = list(model.get_indexed_objects().filter(pk__in=page_ids[start : start + BATCH_SIZE]))
        for backend in backends:
            if isinstance(backend, PostgresSearchBackend):
                _add_to_postgres_index(backend, model, chunk)
            else:
                backend.add_bulk(model, chunk)
    for backend in backends:
        if isinstance(backend, PostgresSearchBackend) and page_ids:
            backend.get_index_for_model(model)._refresh_title_norms()


def _add_to_postgres_index(backend: PostgresSearchBackend, model: type[Page], objs: list[Page]) -> None:
    """The same index entries as modelsearch's ``PostgresIndex.add_items``, at a fraction of the cost.

    modelsearch reads each field five times per object and compiles a Django expression per text;
    at 100,000 offers that is most of the seeding time. Here each field is read once (with
    modelsearch's own ``prepare_field``, so values and weights are the same) and the vectors are
    plain ``setweight(to_tsvector(config, text), weight)`` SQL, which is what those expressions
    compile to. ``tests/test_seed_demo.py`` compares the two entry by entry.
    """
    if not objs or not model.get_search_fields():
        return
    content_type_pk = get_content_type_pk(model)
    rows_sql, params = [], []
    for obj in objs:
        indexer = ObjectIndexer(obj, backend)
        title, body, autocomplete = [], [], []
        for search_field in indexer.search_fields:
            for current, weight, value in indexer.prepare_field(obj, search_field):
                if isinstance(current, SearchField):
                    (title if current.field_name == "title" else body).append((value, weight))
                elif isinstance(current, AutocompleteField):
                    autocomplete.append((value, weight))
        vectors = []
        row_params: list = [content_type_pk, force_str(obj.pk)]
        for texts, config in (
            (title, backend.config),
            (autocomplete, backend.autocomplete_config),
            (body, backend.config),
        ):
            sql, vector_params = _vector_sql(texts, config)
            vectors.append(sql)
            row_params.extend(vector_params)
        row_params.append(" ".join(text.strip() for text, _ in title if text.strip()))
        row_params.append(" ".join(text.strip() for text, _ in body if text.strip()))
        rows_sql.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        params.extend(row_params)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {IndexEntry._meta.db_table}
                (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
            VALUES {", ".join(rows_sql)}
            ON CONFLICT (content_type_id, object_id)
            DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                          body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
            """,
            params,
        )


def _vector_sql(texts: list[tuple[str, str]], config: str | None) -> tuple[str, list[str]]:
    texts = [(text.strip(), weight) for text, weight in texts if text.strip()]
    if not texts:
        return "''::tsvector", []
    if config:
        template, params = (
            "setweight(to_tsvector(%s::regconfig, %s), %s)",
            [p for t, w in texts for p in (config, t, w)],
        )
    else:
        template, params = "setweight(to_tsvector(%s), %s)", [p for t, w in texts for p in (t, w)]
    return " || ".join([template] * len(texts)), params


def analyze(models_or_tables: Iterable[type[models.Model] | str]) -> list[str]:
    """``ANALYZE`` the given tables (models or table names), so the planner has statistics right away.

    Autovacuum analyses a table only a while after it changed; a benchmark started right after a bulk
    load would otherwise be planned on an empty table's estimates (a fresh 100,000-offer seed chose
    nested loops over sequential scans). Allowed inside a transaction; returns the tables analysed.
    """
    tables = sorted({item if isinstance(item, str) else item._meta.db_table for item in models_or_tables})
    if tables:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))
    return tables


def _model_chain(model: type[Page]) -> list[type[models.Model]]:
    """The concrete tables below ``Page`` for ``model``, from the top down."""
    chain = [
        parent for parent in reversed(model._meta.get_parent_list()) if parent is not Page and not parent._meta.abstract
    ]
    if model is not Page:
        chain.append(model)
    return chain
