"""What a person sees at a terminal: the real program in a process of its own.

Only messages meant for them are printed (log lines stay in the log file), a
reader that stops early (``| head``) ends the command quietly, and a data folder
that cannot be one, or the demo pointed at real data, is refused with a reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

#: A log line as the log file has it: "2026-12-06 21:45:18,726 INFO linkworker: ...".
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ [A-Z]+ ", re.MULTILINE)
SIGPIPE_EXIT = 141  # 128 + SIGPIPE, as a shell reports a command whose reader went away


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "linkworker", *args]


def linkworker(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(command(*args), capture_output=True, text=True, timeout=60, env=env)


@pytest.fixture
def data_dir(demo_data: Path) -> Path:
    return demo_data


# Log lines ----------------------------------------------------------------------------


def test_a_command_prints_its_answer_and_logs_to_the_file_only(
    data_dir: Path, tmp_path: Path
) -> None:
    result = linkworker(
        "people", "list", "--limit", "3", "--data-dir", str(data_dir), home=tmp_path
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 4  # three people and how many there are in all
    assert not LOG_LINE.search(result.stdout)
    log = (data_dir / "logs" / "linkworker.log").read_text(encoding="utf-8")
    assert LOG_LINE.search(log) and "starting" in log


def test_without_a_log_folder_log_lines_still_stay_off_the_terminal(
    data_dir: Path, tmp_path: Path
) -> None:
    (data_dir / "logs").mkdir(exist_ok=True)
    shutil.rmtree(data_dir / "logs")
    (data_dir / "logs").write_text("a file where the log folder should be\n")

    result = linkworker("directory", "search", "walk", "--data-dir", str(data_dir), home=tmp_path)

    assert result.returncode == 0, result.stderr
    assert not LOG_LINE.search(result.stderr) and not LOG_LINE.search(result.stdout)
    assert result.stderr.splitlines() == [
        f"linkworker: no log is kept this time: {data_dir / 'logs'} cannot be written "
        "(File exists)."
    ]
    assert result.stdout.strip()  # the search still answered


# A reader that stops early ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [("people", "list", "--limit", "200"), ("directory", "search", "--limit", "200")]
)
def test_a_closed_pipe_ends_quietly(data_dir: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line is written
    try:
        result = subprocess.run(
            command(*args, "--data-dir", str(data_dir)),
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env={**os.environ, "HOME": str(tmp_path)},
        )
    finally:
        os.close(write_end)

    assert result.stderr == ""
    assert result.returncode == SIGPIPE_EXIT


def test_piping_into_head_shows_the_first_line_and_nothing_else(
    data_dir: Path, tmp_path: Path
) -> None:
    whole = linkworker(
        "directory", "search", "--limit", "200", "--data-dir", str(data_dir), home=tmp_path
    )
    assert whole.returncode == 0 and len(whole.stdout.splitlines()) > 100

    line = " ".join(command("directory", "search", "--limit", "200", "--data-dir", str(data_dir)))
    piped = subprocess.run(
        ["sh", "-c", f"{line} | head -1"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HOME": str(tmp_path)},
    )

    assert piped.returncode == 0
    assert piped.stdout == whole.stdout.splitlines(keepends=True)[0]
    assert piped.stderr == ""


# Folders ----------------------------------------------------------------------------------


def test_a_data_dir_that_is_a_file_is_refused_plainly(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder\n")

    for args in (("people", "list"), ("--smoke",)):
        result = linkworker("--data-dir", str(a_file), *args, home=tmp_path)

        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            f"linkworker: {a_file} is a file, not a folder.",
            "Give --data-dir a folder: one that exists, or a new name and the folder is made.",
        ]
    assert a_file.read_text() == "not a folder\n"

    inside = a_file / "data"
    result = linkworker("directory", "search", "x", "--data-dir", str(inside), home=tmp_path)
    assert result.returncode == 2
    assert f"{a_file} is a file, so the folder {inside} cannot be made inside it." in result.stderr
    assert "Traceback" not in result.stderr and not LOG_LINE.search(result.stderr)


def test_the_demo_is_not_put_in_a_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "real-data"

    result = linkworker("--demo", "--data-dir", str(data), "--smoke", home=tmp_path)

    assert result.returncode == 2
    assert "--demo and --data-dir cannot be used together" in result.stderr
    assert "--data-dir is where real data lives" in result.stderr
    assert not data.exists()
