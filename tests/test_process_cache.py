"""skoletjenesten.process_cache: a value kept in the process for its time, and not at all at 0 seconds."""

from __future__ import annotations

import time

from skoletjenesten.process_cache import kept_in_process


def test_a_value_is_kept_for_its_seconds_then_computed_again():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert kept_in_process("test-kept", compute, seconds=0.2) == 1
    assert kept_in_process("test-kept", compute, seconds=0.2) == 1
    time.sleep(0.25)
    assert kept_in_process("test-kept", compute, seconds=0.2) == 2
    assert kept_in_process("test-kept-off", compute, seconds=0) == 3
    assert kept_in_process("test-kept-off", compute, seconds=0) == 4
