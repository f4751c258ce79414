"""Resetting and filling the test database with PostgreSQL's COPY.

Transactional tests (live server, real workers) reset the database with it.

Django restores the migrated data after each such test by a JSON round trip, one ``save()`` per row (0.6 s
here), after a ``TRUNCATE`` of every table (0.4 s, a new file for each of ~200 tables and their indexes).
Here the migrated data is kept as each table's rows in COPY's binary format, put back with COPY, and a flush
deletes the rows of only the tables that have any: both take milliseconds, with the same rows, ids and
sequences as Django's way. Tests that are not transactional are untouched (they roll back).

``WrittenRows`` keeps the rows a setup function writes (the national site's pages, for most tests), so that a
test gets them by COPY in milliseconds instead of Wagtail's page creation (150 ms, 270 queries).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.db import connection as default_connection
from django.db.backends.postgresql.creation import DatabaseCreation
from django.db.backends.postgresql.operations import DatabaseOperations
from django.db.models import Model
from django.db.transaction import atomic, set_rollback
from wagtail.models import Site

# Each connection's migrated rows by table; Django keeps only the string serialize_db_to_string() returns.
_SNAPSHOTS: dict[str, dict[str, bytes]] = {}
_PREFIX = "copy-snapshot:"

_django_deserialize = DatabaseCreation.deserialize_db_from_string
_django_sql_flush = DatabaseOperations.sql_flush


def _per_table(cursor, tables, statement: str) -> list[tuple]:
    """``statement`` (with ``{table}``, and ``%s`` for the table's name) for each table, as one UNION ALL."""
    tables = list(tables)
    if not tables:
        return []
    quote = cursor.db.ops.quote_name
    cursor.execute(" UNION ALL ".join(statement.format(table=quote(table)) for table in tables), tables)
    return cursor.fetchall()


def _filled(cursor, tables) -> list[str]:
    """The tables that have at least one row."""
    return [name for (name,) in _per_table(cursor, tables, "SELECT %s WHERE EXISTS (SELECT 1 FROM {table})")]


def _fingerprints(cursor, tables) -> dict[str, str | None]:
    """Each table's whole content as one hash."""
    statement = "SELECT %s, md5(string_agg(row::text, '|' ORDER BY row::text)) FROM {table} row"
    return dict(_per_table(cursor, tables, statement))


def _replace(cursor, emptied, rows: dict[str, bytes]) -> None:
    """Delete the rows of the tables ``emptied``, then COPY in ``rows`` (table by table, checked at commit)."""
    quote = cursor.db.ops.quote_name
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for table in emptied:
        cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 (table names from Django)
    for table, copied in rows.items():
        cursor.copy_expert(f"COPY {quote(table)} FROM STDIN (FORMAT binary)", io.BytesIO(copied))


def _model_tables(connection) -> list[str]:
    # The tables Django's flush empties: those of the installed models.
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _copy_out(cursor, table: str) -> bytes:
    buffer = io.BytesIO()
    cursor.copy_expert(f"COPY {cursor.db.ops.quote_name(table)} TO STDOUT (FORMAT binary)", buffer)
    return buffer.getvalue()


class WrittenRows:
    """The tables a setup function changes, as it leaves them, and as they were before it ran.

    ``fetch()`` gives a test those tables as the function left them, provided they are still as they were
    before it (so a test's own earlier rows are never replaced): in an ordinary test they go with its rollback,
    in a transactional one with its flush. The function ran once, in a transaction rolled back at once; its ids
    were drawn from the sequences then, so rows a test adds later never take them.
    """

    def __init__(self, setup: Callable[[], Any], *, on: WrittenRows | None = None) -> None:
        """``setup()`` run on the migrated data, or on ``on``'s rows (then ``fetch()`` expects those). It may
        return model instances, in a list or a dict: ``fetch()`` gives them again, fetched from the database."""
        self.before: dict[str, str | None] = {}
        self.rows: dict[str, bytes] = {}
        self.built: Any = None  # setup()'s objects as (model, pk): the objects went with the rollback
        tables = _model_tables(default_connection)
        try:
            with atomic(), default_connection.cursor() as cursor:
                if on is not None and not on.put_back():
                    raise LookupError("the rows this setup builds on are not available")
                before = _fingerprints(cursor, tables)
                self.built = _references(setup())
                after = _fingerprints(cursor, tables)
                changed = [table for table in tables if before[table] != after[table]]
                self.before = {table: before[table] for table in changed}
                self.rows = {table: _copy_out(cursor, table) for table in changed}
                set_rollback(True)
        except Exception:  # e.g. a flushed database (after a transactional test): tests set up the slow way
            self.before, self.rows = {}, {}

    def put_back(self) -> bool:
        """The function's rows in place of the tables' own, if they are as before it; False if not done."""
        if not self.rows:
            return False
        # In a test's transaction, rolled back with it; in a transactional test, committed and flushed after it.
        with atomic(), default_connection.cursor() as cursor:
            if _fingerprints(cursor, self.before) != self.before:
                return False
            _replace(cursor, self.rows, self.rows)
        if "wagtailcore_site" in self.rows:
            Site.clear_site_root_paths_cache()  # as saving a Site does (COPY sends no signal)
        return True

    def fetch(self) -> Any:
        """``put_back()``, then the setup's objects fetched again; None if the rows could not be put back."""
        return _fetched(self.built) if self.put_back() else None


def _references(value: Any) -> Any:
    if isinstance(value, Model):
        return (type(value), value.pk)
    if isinstance(value, dict):
        return {key: _references(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_references(item) for item in value]
    return value


def _fetched(reference: Any) -> Any:
    if isinstance(reference, tuple) and len(reference) == 2 and isinstance(reference[0], type):
        model, pk = reference
        return model._default_manager.get(pk=pk)
    if isinstance(reference, dict):
        return {key: _fetched(item) for key, item in reference.items()}
    if isinstance(reference, list):
        return [_fetched(item) for item in reference]
    return reference


def serialize_db_to_string(self: DatabaseCreation) -> str:
    with self.connection.cursor() as cursor:
        rows = {table: _copy_out(cursor, table) for table in _filled(cursor, _model_tables(self.connection))}
    key = f"{_PREFIX}{self.connection.alias}:{len(_SNAPSHOTS)}"
    _SNAPSHOTS[key] = rows
    return key


def deserialize_db_from_string(self: DatabaseCreation, data: str) -> None:
    if not data.startswith(_PREFIX):  # Django's own JSON (not written by this module)
        _django_deserialize(self, data)
        return
    with atomic(using=self.connection.alias), self.connection.cursor() as cursor:
        _replace(cursor, _filled(cursor, _model_tables(self.connection)), _SNAPSHOTS[data])


def sql_flush(self: DatabaseOperations, style, tables, *, reset_sequences=False, allow_cascade=False) -> list[str]:
    if reset_sequences or allow_cascade:
        return _django_sql_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    with self.connection.cursor() as cursor:
        filled = _filled(cursor, tables)
    # Deferred: a row may point at a row of a table emptied later in the same transaction.
    return ["SET CONSTRAINTS ALL DEFERRED", *(f"DELETE FROM {self.quote_name(table)}" for table in filled)]  # noqa: S608


DatabaseCreation.serialize_db_to_string = serialize_db_to_string
DatabaseCreation.deserialize_db_from_string = deserialize_db_from_string
DatabaseOperations.sql_flush = sql_flush
