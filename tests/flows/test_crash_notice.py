"""After a run that was killed, the next start says so once, and where the crash log is.

Real processes: the window is started, then killed with SIGKILL (nothing of
Python runs on the way out, as in a power cut or a hard crash); the next
command or window reports it. A clean exit, or a run still going, is never
taken for a crash.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

NOTICE = "Link Worker stopped unexpectedly last time"


def env(home: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def linkworker(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linkworker", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env(data.parent),
    )


def open_window(data: Path) -> subprocess.Popen[str]:
    """The window over ``data``, once it has opened the data."""
    before = opened(data / "logs" / "linkworker.log")
    window = subprocess.Popen(
        [sys.executable, "-m", "linkworker", "--data-dir", str(data)],
        env=env(data.parent),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = data / "logs" / "linkworker.log"
    deadline = time.monotonic() + 30
    while opened(log) == before:
        if window.poll() is not None or time.monotonic() > deadline:
            window.kill()
            pytest.fail(f"the window did not start: {window.communicate()}")
        time.sleep(0.1)
    return window


def opened(log: Path) -> int:
    """How many times the log says the data was opened."""
    return log.read_text().count("Opened") if log.exists() else 0


def kill(window: subprocess.Popen[str]) -> None:
    window.send_signal(signal.SIGKILL)
    window.communicate(timeout=10)
    assert window.returncode == -signal.SIGKILL


def test_a_killed_run_is_reported_once_by_the_next_command(tmp_path: Path) -> None:
    data = tmp_path / "data"
    window = open_window(data)
    try:
        markers = list((data / "logs").glob("running-*"))
        assert len(markers) == 1
        assert markers[0].stat().st_mode & 0o777 == 0o600  # private to the user
        # While the window runs, a command beside it sees no crash.
        beside = linkworker(data, "people", "list")
        assert beside.returncode == 0 and beside.stderr == ""
    finally:
        kill(window)

    after = linkworker(data, "people", "list")

    assert after.returncode == 0
    assert after.stdout == "No people match.\n"
    (line,) = after.stderr.splitlines()
    assert line.startswith(f"linkworker: {NOTICE} (the run started ")
    assert line.endswith(f"in the crash log: {data / 'logs' / 'crash.log'}")
    assert (data / "logs" / "crash.log").exists()
    assert linkworker(data, "people", "list").stderr == ""  # told once
    assert list((data / "logs").glob("running-*")) == []


def test_the_window_shows_it_in_the_status_bar(tmp_path: Path) -> None:
    data = tmp_path / "data"
    kill(open_window(data))

    shown = linkworker(data, "--smoke")

    assert shown.returncode == 0, shown.stderr
    crash_log = data / "logs" / "crash.log"
    assert f"smoke: notice shown: {NOTICE}. Anything it could record is in {crash_log}" in (
        shown.stdout
    )
    again = linkworker(data, "--smoke")
    assert again.returncode == 0 and "notice shown" not in again.stdout


def test_clean_exits_are_not_taken_for_crashes(tmp_path: Path) -> None:
    data = tmp_path / "data"

    runs = [
        linkworker(data, "--smoke"),  # the window opens its data and closes
        linkworker(data, "people", "list"),
        linkworker(data, "--smoke"),
        linkworker(data, "people", "list"),
    ]

    assert [run.returncode for run in runs] == [0, 0, 0, 0]
    assert all(NOTICE not in run.stdout + run.stderr for run in runs)
    assert all("notice shown" not in run.stdout for run in runs)
    assert list((data / "logs").glob("running-*")) == []


def test_a_window_asked_to_end_closes_cleanly_and_is_not_taken_for_a_crash(
    tmp_path: Path,
) -> None:
    """SIGTERM (a shutdown, a logout) closes the window as the user would: no crash after."""
    data = tmp_path / "data"
    window = open_window(data)
    time.sleep(0.5)  # a moment inside the event loop, where a shutdown finds it
    window.send_signal(signal.SIGTERM)
    window.communicate(timeout=30)
    assert window.returncode == 0
    log = (data / "logs" / "linkworker.log").read_text()
    assert "Asked to end (SIGTERM)" in log
    assert list((data / "logs").glob("running-*")) == []

    after = linkworker(data, "people", "list")
    assert after.returncode == 0
    assert NOTICE not in after.stdout + after.stderr
