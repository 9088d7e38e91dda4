"""No source file grows past 800 lines: the code, its tests and its benchmarks.

A file that long holds more than one role; split it by role (as the forms are split
into their rows, pages and dialog) rather than raising the limit.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("linkworker", "tests", "bench")
LIMIT = 800


def _line_count(path: Path) -> int:
    with path.open(encoding="utf-8") as lines:
        return sum(1 for _ in lines)


def _sources() -> list[Path]:
    return sorted(
        path
        for folder in FOLDERS
        for path in (ROOT / folder).rglob("*.py")
        if "__pycache__" not in path.parts
    )


def test_the_folders_hold_python_files() -> None:
    found = {path.relative_to(ROOT).parts[0] for path in _sources()}
    assert found == set(FOLDERS)


def test_no_file_is_over_800_lines() -> None:
    too_long = {
        path.relative_to(ROOT).as_posix(): count
        for path in _sources()
        if (count := _line_count(path)) > LIMIT
    }
    assert too_long == {}, "split these by role: " + ", ".join(
        f"{name} ({count} lines)" for name, count in sorted(too_long.items())
    )
