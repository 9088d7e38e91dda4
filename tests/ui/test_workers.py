"""The background helper: outcomes on the main thread, one queue for writing, cancel, lifetimes."""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QThreadPool
from shiboken6 import delete

from linkworker.services.sample_data import load_sample_drafts
from linkworker.ui.workers import Tasks

#: How long a test waits for work that should come back at once.
WAIT_MS = 10_000


class Outcomes:
    """What the callbacks were told, in order, and on which thread."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.threads: set[int] = set()

    def _note(self, kind: str, value: Any) -> None:
        self.calls.append((kind, value))
        self.threads.add(threading.get_ident())

    def done(self, value: Any) -> None:
        self._note("done", value)

    def error(self, exc: BaseException) -> None:
        self._note("error", exc)

    def progress(self, done: int, total: int) -> None:
        self._note("progress", (done, total))

    def ended(self, count: int = 1) -> Callable[[], bool]:
        """For waitUntil: ``count`` results or errors have come back."""
        return lambda: sum(kind != "progress" for kind, _ in self.calls) >= count


@pytest.fixture
def outcomes() -> Outcomes:
    return Outcomes()


@pytest.fixture
def threads() -> Iterator[QThreadPool]:
    """The pool with room for a write, a read and one more, as on a machine with more cores."""
    pool = QThreadPool.globalInstance()
    before = pool.maxThreadCount()
    pool.setMaxThreadCount(max(before, 3))
    yield pool
    pool.waitForDone()
    pool.setMaxThreadCount(before)


def test_the_result_comes_back_on_the_main_thread(
    qtbot: Any, tasks: Tasks, outcomes: Outcomes
) -> None:
    ran_in: list[int] = []

    def work() -> str:
        ran_in.append(threading.get_ident())
        return "the result"

    handle = tasks.start(work, outcomes.done, outcomes.error)
    assert tasks.busy
    qtbot.waitUntil(outcomes.ended(), timeout=WAIT_MS)

    assert outcomes.calls == [("done", "the result")]
    assert ran_in != [threading.get_ident()]
    assert outcomes.threads == {threading.get_ident()}
    assert handle.finished and not handle.cancelled
    assert not tasks.busy


def test_an_error_reaches_on_error_and_not_on_done(
    qtbot: Any, tasks: Tasks, outcomes: Outcomes
) -> None:
    raised: list[BaseException] = []

    def work() -> None:
        exc = ValueError("the file has no header row")
        raised.append(exc)
        raise exc

    tasks.start(work, outcomes.done, outcomes.error)
    qtbot.waitUntil(outcomes.ended(), timeout=WAIT_MS)

    assert [kind for kind, _ in outcomes.calls] == ["error"]
    assert outcomes.calls[0][1] is raised[0]
    assert outcomes.threads == {threading.get_ident()}
    assert not tasks.busy


def test_progress_comes_back_in_order_before_the_result(
    qtbot: Any, tasks: Tasks, outcomes: Outcomes
) -> None:
    def work(progress: Callable[[int, int], None]) -> int:
        for done in range(1, 4):
            progress(done, 3)
        return 3

    tasks.start(work, outcomes.done, outcomes.error, outcomes.progress)
    qtbot.waitUntil(outcomes.ended(), timeout=WAIT_MS)

    assert outcomes.calls == [
        ("progress", (1, 3)),
        ("progress", (2, 3)),
        ("progress", (3, 3)),
        ("done", 3),
    ]
    assert outcomes.threads == {threading.get_ident()}


def test_writing_tasks_run_one_at_a_time_in_the_order_started(
    qtbot: Any, tasks: Tasks, outcomes: Outcomes, threads: QThreadPool
) -> None:
    lock = threading.Lock()
    log: list[tuple[str, int]] = []
    running = [0, 0]  # now, most at once
    first_started, release = threading.Event(), threading.Event()

    def write(number: int) -> int:
        with lock:
            running[0] += 1
            running[1] = max(running)
            log.append(("start", number))
        if number == 0:
            first_started.set()
            release.wait(WAIT_MS / 1000)
        with lock:
            running[0] -= 1
            log.append(("end", number))
        return number

    for number in range(5):
        tasks.start(lambda n=number: write(n), outcomes.done, outcomes.error, writes=True)
    assert first_started.wait(WAIT_MS / 1000)
    # A read started after them runs on a free thread and comes back while the
    # first write is still held: by then, had the writes not been queued, the
    # others would have started on the threads free before it.
    read = Outcomes()
    tasks.start(lambda: "read", read.done, read.error)
    qtbot.waitUntil(read.ended(), timeout=WAIT_MS)
    with lock:
        assert log == [("start", 0)]
    release.set()
    qtbot.waitUntil(outcomes.ended(5), timeout=WAIT_MS)

    assert log == [(step, n) for n in range(5) for step in ("start", "end")]
    assert running[1] == 1
    assert outcomes.calls == [("done", n) for n in range(5)]


def test_a_read_runs_beside_a_write(
    qtbot: Any, tasks: Tasks, outcomes: Outcomes, threads: QThreadPool
) -> None:
    read_ran = threading.Event()

    def write() -> bool:
        return read_ran.wait(WAIT_MS / 1000)  # True only if the read ran meanwhile

    def read() -> str:
        read_ran.set()
        return "read"

    tasks.start(write, outcomes.done, outcomes.error, writes=True)
    tasks.start(read, outcomes.done, outcomes.error)
    qtbot.waitUntil(outcomes.ended(2), timeout=WAIT_MS)

    assert len(outcomes.calls) == 2
    assert set(outcomes.calls) == {("done", True), ("done", "read")}


def test_an_error_in_one_write_does_not_stop_the_writes_after_it(
    qtbot: Any, tasks: Tasks, outcomes: Outcomes
) -> None:
    def fails() -> None:
        raise OSError("disk full")

    tasks.start(fails, outcomes.done, outcomes.error, writes=True)
    tasks.start(lambda: "second", outcomes.done, outcomes.error, writes=True)
    qtbot.waitUntil(outcomes.ended(2), timeout=WAIT_MS)

    assert [kind for kind, _ in outcomes.calls] == ["error", "done"]
    assert isinstance(outcomes.calls[0][1], OSError)
    assert outcomes.calls[1] == ("done", "second")


class Stopped(Exception):
    """What the work below raises when it sees it was cancelled (as the services do)."""


def _until_cancelled(started: threading.Event, cancelled: Callable[[], bool]) -> str:
    started.set()
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        if cancelled():
            raise Stopped
        time.sleep(0.001)
    return "ran to the end"


def test_cancel_reaches_the_running_function(qtbot: Any, tasks: Tasks, outcomes: Outcomes) -> None:
    started = threading.Event()
    handle = tasks.start(
        lambda cancelled: _until_cancelled(started, cancelled),
        outcomes.done,
        outcomes.error,
        cancellable=True,
    )
    assert started.wait(WAIT_MS / 1000)
    handle.cancel()
    qtbot.waitUntil(outcomes.ended(), timeout=WAIT_MS)

    assert [kind for kind, _ in outcomes.calls] == ["error"]
    assert isinstance(outcomes.calls[0][1], Stopped)
    assert handle.cancelled and handle.finished


def test_cancel_comes_after_progress_and_reaches_a_queued_write(
    qtbot: Any, tasks: Tasks, outcomes: Outcomes
) -> None:
    """Cancelled while it waits behind another write: it stops at its first check."""
    release = threading.Event()
    first = Outcomes()
    tasks.start(lambda: release.wait(WAIT_MS / 1000), first.done, first.error, writes=True)
    checked: list[bool] = []

    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> str:
        progress(0, 1)
        checked.append(cancelled())
        if checked[-1]:
            raise Stopped
        return "written"

    handle = tasks.start(
        work, outcomes.done, outcomes.error, outcomes.progress, writes=True, cancellable=True
    )
    handle.cancel()
    release.set()
    qtbot.waitUntil(outcomes.ended(), timeout=WAIT_MS)

    assert first.calls == [("done", True)]
    assert checked == [True]
    assert outcomes.calls[0] == ("progress", (0, 1))
    assert [kind for kind, _ in outcomes.calls] == ["progress", "error"]


def test_nothing_is_delivered_once_the_tasks_is_gone(qtbot: Any, outcomes: Outcomes) -> None:
    owner = QObject()
    tasks = Tasks(owner)
    release = threading.Event()
    handle = tasks.start(lambda: release.wait(WAIT_MS / 1000), outcomes.done, outcomes.error)
    delete(owner)  # the window or widget that held the Tasks is closed
    release.set()
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)
    qtbot.waitUntil(lambda: handle.finished, timeout=WAIT_MS)

    assert outcomes.calls == []


class Tracked:
    """Notes the thread it is released on."""

    def __init__(self, released_on: list[int]) -> None:
        self._released_on = released_on

    def __del__(self) -> None:
        self._released_on.append(threading.get_ident())


def test_the_work_and_its_result_are_released_on_the_main_thread(qtbot: Any, tasks: Tasks) -> None:
    """Never in a worker, where letting go of a widget would delete it from the wrong thread."""
    released_on: list[int] = []
    got: list[bool] = []

    def work(held: Tracked) -> Tracked:
        return Tracked(released_on)

    # Only the task holds the function, what it closed over (a Tracked) and its result.
    tasks.start(
        functools.partial(work, Tracked(released_on)),
        lambda result: got.append(isinstance(result, Tracked)),
        got.append,
    )
    qtbot.waitUntil(lambda: got == [True], timeout=WAIT_MS)
    assert tasks.wait(WAIT_MS)

    assert released_on == [threading.get_ident()] * 2


def test_the_first_render_in_a_fresh_process_always_gets_its_result(services: Any) -> None:
    """Twenty fresh processes each render an asset sheet as their very first task."""
    services.directory.add_many(load_sample_drafts()[:3])
    runner = Path(__file__).with_name("first_render_runs.py")
    result = subprocess.run(
        [sys.executable, str(runner), str(services.paths.data_dir), "20"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "RUNS: 20, GOT: 20", result.stdout + result.stderr
