"""A step of the assembly in a forked child, beside the parent's own work (the second core).

The assembly runs in one worker process while the worker's other process waits for work; the folio
pages and the data files need no database and are written while the parent merges the PDF. The
child inherits everything it needs (rows, layout, WeasyPrint already loaded) and writes files only:
it never touches the parent's database connection (whose socket it shares, and whose session holds
the run's lock) and leaves with ``os._exit``, so nothing of the parent's is closed or flushed twice.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable

from django.utils.translation import gettext as _

from .editions import CatalogueError


class ForkedStep:
    def __init__(self, pid: int, errors: int, name: str):
        self.pid, self.errors, self.name = pid, errors, name
        self.done = False

    def wait(self) -> None:
        """Wait for the child; raise CatalogueError with its reason if it failed."""
        if self.done:
            return
        self.done = True
        with os.fdopen(self.errors, "rb") as pipe:
            message = pipe.read().decode("utf-8", "replace").strip()
        _pid, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise CatalogueError(
                _("%(step)s fejlede: %(reason)s") % {"step": self.name, "reason": message or _("ukendt fejl")}
            )


def in_child(step: Callable[[], None], *, name: str) -> ForkedStep:
    """Run ``step`` in a forked child and return at once; ``wait()`` on the result joins it."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        code = 0
        try:
            step()
        except BaseException as exc:  # noqa: BLE001  (reported to the parent, which raises it)
            code = 1
            os.write(write_end, (str(exc) or "".join(traceback.format_exception_only(exc))).encode()[:4000])
        finally:
            os._exit(code)
    os.close(write_end)
    return ForkedStep(pid, read_end, name)
