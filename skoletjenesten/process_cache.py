"""Values kept in this process for a while: reference data and HTML built from it, which change rarely and
are read on every request (no Redis round trip, no query). Keyed by the database too, so two test databases or
a benchmark's copies in one process never share a value."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db import connection

T = TypeVar("T")

_KEPT: dict[Hashable, tuple[float, Any]] = {}
MAX_ENTRIES = 1000  # a bound, never reached by the few kinds of values kept here


def kept_in_process(key: Hashable, compute: Callable[[], T], *, seconds: float) -> T:
    """``compute()``'s value, kept in this process for ``seconds`` under ``key``; 0 seconds: computed each time."""
    if not seconds:
        return compute()
    full_key = (connection.settings_dict["NAME"], key)
    kept = _KEPT.get(full_key)
    if kept is None or kept[0] < time.monotonic() - seconds:
        kept = (time.monotonic(), compute())
        if len(_KEPT) >= MAX_ENTRIES:
            _KEPT.clear()
        _KEPT[full_key] = kept
    return kept[1]
