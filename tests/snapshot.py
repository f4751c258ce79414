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

from django.db import connection as default_connection
from django.db.backends.postgresql.creation import DatabaseCreation
from django.db.backends.postgresql.operations import DatabaseOperations
from django.db.transaction import atomic, set_rollback

# Each connection's migrated rows by table; Django keeps only the string serialize_db_to_string() returns.
_SNAPSHOTS: dict[str, dict[str, bytes]] = {}
_PREFIX = "copy-snapshot:"

_django_deserialize = DatabaseCreation.deserialize_db_from_string
_django_sql_flush = DatabaseOperations.sql_flush


def _filled(cursor, quote, tables) -> list[str]:
    """The tables that have at least one row (one statement)."""
    tables = list(tables)
    if not tables:
        return []
    cursor.execute(
        " UNION ALL ".join(
            f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608 (table names from Django)
            for table in tables
        ),
        tables,
    )
    return [row[0] for row in cursor.fetchall()]


def _model_tables(connection) -> list[str]:
    # The tables Django's flush empties: those of the installed models.
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _copy_out(cursor, quote, table: str) -> bytes:
    buffer = io.BytesIO()
    cursor.copy_expert(f"COPY {quote(table)} TO STDOUT (FORMAT binary)", buffer)
    return buffer.getvalue()


def _copy_in(cursor, quote, table: str, rows: bytes) -> None:
    cursor.copy_expert(f"COPY {quote(table)} FROM STDIN (FORMAT binary)", io.BytesIO(rows))


def _fingerprints(cursor, quote, tables) -> dict[str, str | None]:
    """Each table's whole content as one hash (one statement)."""
    tables = list(tables)
    if not tables:
        return {}
    cursor.execute(
        " UNION ALL ".join(
            f"SELECT %s, md5(string_agg(row::text, '|' ORDER BY row::text)) FROM {quote(table)} row"  # noqa: S608
            for table in tables
        ),
        tables,
    )
    return dict(cursor.fetchall())


class WrittenRows:
    """The tables a setup function changes, as it leaves them, and as they were before it ran.

    ``put_back()`` gives a test those tables as the function left them, provided they are still as they were
    before it (so a test's own earlier rows are never replaced): in an ordinary test they go with its rollback,
    in a transactional one with its flush. The function ran once, in a transaction rolled back at once; its ids
    were drawn from the sequences then, so rows a test adds later never take them.
    """

    def __init__(self, setup: Callable[[], object], *, on: WrittenRows | None = None) -> None:
        """``setup()`` run on the migrated data, or on ``on``'s rows (then ``put_back()`` expects those)."""
        self.before: dict[str, str | None] = {}
        self.rows: dict[str, bytes] = {}
        self.value: object = None  # what setup() returned (its objects are gone with the rollback: fetch again)
        quote = default_connection.ops.quote_name
        tables = _model_tables(default_connection)
        try:
            with atomic(), default_connection.cursor() as cursor:
                if on is not None and not on.put_back():
                    raise LookupError("the rows this setup builds on are not available")
                before = _fingerprints(cursor, quote, tables)
                self.value = setup()
                after = _fingerprints(cursor, quote, tables)
                changed = [table for table in tables if before[table] != after[table]]
                self.before = {table: before[table] for table in changed}
                self.rows = {table: _copy_out(cursor, quote, table) for table in changed}
                set_rollback(True)
        except Exception:  # e.g. a flushed database (after a transactional test): tests set up the slow way
            self.before, self.rows = {}, {}

    def put_back(self) -> bool:
        """The function's rows in place of the tables' own, if they are as before it; False if not done."""
        connection = default_connection
        if not self.rows:
            return False
        quote = connection.ops.quote_name
        # In a test's transaction, rolled back with it; in a transactional test, committed and flushed after it.
        with atomic(), connection.cursor() as cursor:
            if _fingerprints(cursor, quote, self.before) != self.before:
                return False
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table, rows in self.rows.items():
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
                _copy_in(cursor, quote, table, rows)
        return True


def serialize_db_to_string(self: DatabaseCreation) -> str:
    connection = self.connection
    quote = connection.ops.quote_name
    rows: dict[str, bytes] = {}
    with connection.cursor() as cursor:
        for table in _filled(cursor, quote, _model_tables(connection)):
            rows[table] = _copy_out(cursor, quote, table)
    key = f"{_PREFIX}{connection.alias}:{len(_SNAPSHOTS)}"
    _SNAPSHOTS[key] = rows
    return key


def deserialize_db_from_string(self: DatabaseCreation, data: str) -> None:
    if not data.startswith(_PREFIX):  # Django's own JSON (not written by this module)
        _django_deserialize(self, data)
        return
    connection = self.connection
    quote = connection.ops.quote_name
    with atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # rows come back table by table; checked at commit
        for table in _filled(cursor, quote, _model_tables(connection)):
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        for table, rows in _SNAPSHOTS[data].items():
            _copy_in(cursor, quote, table, rows)


def sql_flush(self: DatabaseOperations, style, tables, *, reset_sequences=False, allow_cascade=False) -> list[str]:
    if reset_sequences or allow_cascade:
        return _django_sql_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    quote = self.quote_name
    with self.connection.cursor() as cursor:
        filled = _filled(cursor, quote, tables)
    # Deferred: a row may point at a row of a table emptied later in the same transaction.
    return ["SET CONSTRAINTS ALL DEFERRED", *(f"DELETE FROM {quote(table)}" for table in filled)]  # noqa: S608


DatabaseCreation.serialize_db_to_string = serialize_db_to_string
DatabaseCreation.deserialize_db_from_string = deserialize_db_from_string
DatabaseOperations.sql_flush = sql_flush
