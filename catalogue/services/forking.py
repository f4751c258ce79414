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

from celery import platforms
from django.db import OperationalError, connections
from django.utils.translation import gettext as _

from .editions import CatalogueError

# A child's exit status when the database failed it: the parent raises OperationalError (a Celery retry).
_DATABASE_FAILED = 75


class ChildKilled(CatalogueError):
    """The child was killed by a signal (the out-of-memory killer, an operator): the step may be run again."""


class ForkedStep:
    def __init__(self, pid: int, errors: int, name: str):
        self.pid, self.errors, self.name = pid, errors, name
        self.done = False

    def wait(self, *, named: bool = True) -> None:
        """Wait for the child; raise CatalogueError with its reason (after the step's name) if it failed."""
        if self.done:
            return
        self.done = True
        with os.fdopen(self.errors, "rb") as pipe:
            message = pipe.read().decode("utf-8", "replace").strip()
        _pid, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code == _DATABASE_FAILED:
            raise OperationalError(message)
        if code < 0 and not message:
            message = _("processen blev stoppet (signal %(signal)s)") % {"signal": -code}
        if code != 0:
            reason = message or _("ukendt fejl")
            error = ChildKilled if code < 0 else CatalogueError
            raise error(_("%(step)s fejlede: %(reason)s") % {"step": self.name, "reason": reason} if named else reason)


def in_child(step: Callable[[], None], *, name: str) -> ForkedStep:
    """Run ``step`` in a forked child and return at once; ``wait()`` on the result joins it."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        code = 0
        try:
            step()
        except OperationalError as exc:
            code = _DATABASE_FAILED
            os.write(write_end, str(exc).encode()[:4000])
        except BaseException as exc:  # noqa: BLE001  (reported to the parent, which raises it)
            code = 1
            os.write(write_end, (str(exc) or "".join(traceback.format_exception_only(exc))).encode()[:4000])
        finally:
            os._exit(code)
    os.close(write_end)
    return ForkedStep(pid, read_end, name)


def task_in_child(step: Callable[[], None], *, name: str) -> None:
    """Run a task's work in a forked child of this worker process and wait for it; raise what it raised.

    The catalogue worker's processes live long; each part (and the assembly) is laid out in a child forked
    for it, which leaves with ``os._exit`` and gives all of WeasyPrint's memory back to the system. Forking a
    warm process costs a few milliseconds, where a new pool process (``--max-tasks-per-child=1``) cost
    0.3–0.6 s a part: the exit handshake, the pool's replacement, Celery's initialisation of a process and
    the fonts and templates loaded again. The child opens its own database connection (this process closes
    its own before the fork, so no socket is shared; it reopens one when it next needs it) and closes it
    before leaving; it dies with this process (a killed worker leaves no part being laid out).
    """
    connections.close_all()
    parent = os.getpid()

    def own_step() -> None:
        platforms.set_pdeathsig("SIGKILL")
        if os.getppid() != parent:  # the worker died between the fork and the line above
            raise CatalogueError(_("Arbejdsprocessen stoppede"))
        try:
            step()
        finally:
            connections.close_all()

    in_child(own_step, name=name).wait(named=False)  # the run's error reads as when the task ran it itself
