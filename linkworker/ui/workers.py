"""Running long work off the UI thread: one small helper over ``QThreadPool``.

The work is a plain function. With ``on_progress`` it is called as
``fn(progress)``, and ``progress(done, total)`` reaches ``on_progress``; with
``cancellable=True`` it is also given a check to poll, last: ``fn(cancelled)``
or ``fn(progress, cancelled)``, true once the task's handle is cancelled (the
services' own ``cancelled`` convention). Results and errors come back to
``on_done`` / ``on_error`` on the main thread. Work that writes to the database
(``writes=True``) runs one task at a time in the order it was started, on one
queue for the whole process; reading work runs beside it.

Who owns what, which is why this module is shaped as it is:

- The pool is given a plain callable, never a ``QRunnable`` made in Python. The
  pool deletes a runnable's C++ half behind its Python wrapper (whose address
  Qt then hands to the next object made there), or, with auto-delete off, keeps
  it and all it refers to for ever.
- Workers report through one relay made on the main thread and kept for the
  life of the process, and they send only the task's number: a worker never
  emits from an object that could be deleted while it runs.
- The main thread holds each task from start until its outcome is delivered,
  and a worker lets go of the task before it reports. The function, what it
  closed over and its result are therefore always released on the main thread,
  never in a worker, where dropping the last reference to a widget would delete
  a Qt object from the wrong thread.
- Callbacks are called only while the ``Tasks`` that started the work exists.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from shiboken6 import isValid

log = logging.getLogger(__name__)

#: ``progress(done, total)``, as the services take it.
Progress = Callable[[int, int], None]
#: The check given to cancellable work: true once the task's handle is cancelled.
Cancelled = Callable[[], bool]

_numbers = itertools.count(1)


class TaskHandle:
    """A task once started: :meth:`cancel` asks it to stop; its outcome still comes back."""

    __slots__ = ("_reported", "_stop")

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._reported = False

    def cancel(self) -> None:
        """Ask the work to stop at its next check (it is told through ``cancelled()``)."""
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._stop.is_set()

    @property
    def finished(self) -> bool:
        """Whether its result or error has come back to the main thread."""
        return self._reported


class _Job:
    """One task. The main thread owns it from start until its outcome is delivered."""

    __slots__ = (
        "args",
        "failed",
        "fn",
        "handle",
        "number",
        "on_done",
        "on_error",
        "on_progress",
        "owner",
        "value",
    )

    def __init__(
        self,
        owner: Tasks,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Progress | None,
        handle: TaskHandle,
        number: int,
    ) -> None:
        self.owner: Tasks | None = owner
        self.fn: Callable[..., Any] | None = fn
        self.args = args
        self.on_done: Callable[[Any], None] | None = on_done
        self.on_error: Callable[[BaseException], None] | None = on_error
        self.on_progress = on_progress
        self.handle = handle
        self.number = number
        self.failed = False
        self.value: Any = None

    def run(self) -> None:
        """In a worker: call the function and keep what it gave; never raises."""
        try:
            assert self.fn is not None, "a task runs once"
            self.value = self.fn(*self.args)
        except BaseException as exc:  # handed to the main thread, never swallowed
            log.debug("A background task failed (%s)", type(exc).__name__)
            self.failed = True
            self.value = exc

    def release(self) -> None:
        """On the main thread, once delivered: let go of everything the task held."""
        self.owner = self.fn = self.on_done = self.on_error = self.on_progress = None
        self.args = ()
        self.value = None


def _run_and_report(relay: _Relay, box: list[_Job]) -> None:
    """In a worker: run the job in ``box``, drop this thread's hold on it, then report."""
    job = box.pop()
    job.run()
    number = job.number
    del job  # the main thread's table is now its only owner
    relay.finished.emit(number)


class _WriteQueue:
    """Writing tasks, one at a time in the order they were started."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._lock = threading.Lock()
        self._waiting: deque[_Job] = deque()
        self._draining = False

    def add(self, job: _Job, pool: QThreadPool) -> None:
        with self._lock:
            self._waiting.append(job)
            if self._draining:
                return
            self._draining = True
        pool.start(self._drain)

    def _drain(self) -> None:
        """In a worker: run the waiting tasks until there are none."""
        while True:
            with self._lock:
                if not self._waiting:
                    self._draining = False
                    return
                box = [self._waiting.popleft()]
            _run_and_report(self._relay, box)


class _Relay(QObject):
    """Brings task numbers from the workers to the main thread; lives as long as the process."""

    finished = Signal(int)
    progressed = Signal(int, int, int)

    def __init__(self) -> None:
        super().__init__()
        self.jobs: dict[int, _Job] = {}
        self.writes = _WriteQueue(self)
        # Emitted in workers, received here on the main thread (a queued connection).
        self.finished.connect(self._deliver)
        self.progressed.connect(self._progress)

    def _progress(self, number: int, done: int, total: int) -> None:
        job = self.jobs.get(number)
        if job is not None and job.on_progress is not None and isValid(job.owner):
            job.on_progress(done, total)

    def _deliver(self, number: int) -> None:
        job = self.jobs.pop(number)
        owner, value = job.owner, job.value
        callback = job.on_error if job.failed else job.on_done
        job.handle._reported = True
        job.release()
        if owner is None:
            return
        owner._pending.discard(number)
        if callback is not None and isValid(owner):
            callback(value)


@functools.cache
def _relay() -> _Relay:
    """The one relay, made by the first ``Tasks`` (on the main thread)."""
    return _Relay()


class Tasks(QObject):
    """Starts background tasks; reports their outcomes on the main thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool.globalInstance()
        self._relay = _relay()
        self._pending: set[int] = set()

    def start(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Progress | None = None,
        *,
        writes: bool = False,
        cancellable: bool = False,
    ) -> TaskHandle:
        """Run ``fn`` in the pool; see the module's docstring for how it is called.

        ``writes``: it changes the database, so it waits for the writing tasks
        started before it and runs alone among them.
        """
        handle = TaskHandle()
        number = next(_numbers)
        args: list[Any] = []
        if on_progress is not None:
            args.append(functools.partial(self._relay.progressed.emit, number))
        if cancellable:
            args.append(handle._stop.is_set)
        job = _Job(self, fn, tuple(args), on_done, on_error, on_progress, handle, number)
        self._relay.jobs[number] = job
        self._pending.add(number)
        if writes:
            self._relay.writes.add(job, self._pool)
        else:
            self._pool.start(functools.partial(_run_and_report, self._relay, [job]))
        return handle

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for every task to finish its work (used at exit and in tests)."""
        return self._pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        """Some task started here has not reported yet."""
        return bool(self._pending)
