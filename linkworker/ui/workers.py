"""Running long work off the UI thread: one small helper over ``QThreadPool``.

The work is a plain function. It may accept a ``progress(done, total)``
callback; results, errors and progress come back as signals on the main thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], with_progress: bool) -> None:
        super().__init__()
        self.signals = TaskSignals()
        self._fn = fn
        self._with_progress = with_progress
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self._fn(self.signals.progressed.emit) if self._with_progress else self._fn()
        except BaseException as exc:  # handed to the main thread, never swallowed
            log.debug("Background task failed", exc_info=True)
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(result)


class Tasks(QObject):
    """Starts background tasks and keeps them alive until they report back."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool.globalInstance()
        self._running: set[_Task] = set()

    def start(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> TaskSignals:
        """Run ``fn`` in the pool. With ``on_progress`` it is called as ``fn(progress)``."""
        task = _Task(fn, with_progress=on_progress is not None)
        self._running.add(task)
        task.signals.finished.connect(lambda result: self._end(task, on_done, result))
        task.signals.failed.connect(lambda exc: self._end(task, on_error, exc))
        if on_progress is not None:
            task.signals.progressed.connect(on_progress)
        self._pool.start(task)
        return task.signals

    def _end(self, task: _Task, callback: Callable[[Any], None], value: Any) -> None:
        self._running.discard(task)
        callback(value)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for every task (used at exit and in tests)."""
        return self._pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)
