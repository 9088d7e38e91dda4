"""Printing for the commands: JSON, counted words and progress on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from linkworker.services.csv_reading import RowProblem


def print_json(data: Any, out: TextIO) -> None:
    """``data`` as indented JSON with a final newline, letters as they are (not escaped)."""
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def plural(count: int, one: str, many: str) -> str:
    """``1 row``, ``2,000 rows``."""
    return f"{count:,} {one if count == 1 else many}"


def print_how_many(shown: int, total: int, out: TextIO) -> None:
    """Under a list cut short by ``--limit``: how many there are in all."""
    if total > shown:
        print(f"({shown} of {total}; use --limit to see more)", file=out)


def print_rows_read(
    path: Path,
    rows_read: int,
    encoding: str,
    lines: Iterable[RowProblem],
    out: TextIO,
    notes: Iterable[str] = (),
) -> None:
    """What a spreadsheet import read, its notes, then each row to look at by its line."""
    print(f"Read {rows_read} rows from {path} ({encoding}).", file=out)
    for note in notes:
        print(f"  note: {note}", file=out)
    for item in lines:
        print(f"  line {item.line}: {item.message}", file=out)


class Progress:
    """A percentage on stderr while a long command works.

    At a terminal one line is rewritten in place. Piped to a file, a line every
    tenth when ``piped`` is true, otherwise nothing. A windowed build has no
    stderr at all, and then nothing is shown either.
    """

    def __init__(self, label: str, stream: TextIO | None = None, *, piped: bool = False) -> None:
        self._label = label
        self._stream = stream if stream is not None else sys.stderr
        self._tty = self._stream is not None and self._stream.isatty()
        self._piped = piped and self._stream is not None
        self._shown = -1
        self._line_open = False

    def __call__(self, done: int, total: int) -> None:
        if total <= 0 or not (self._tty or self._piped):
            return
        percent = min(100, done * 100 // total)
        step = percent if self._tty else percent // 10 * 10
        if step == self._shown:
            return
        self._shown = step
        line = f"{self._label} {step}%"
        if self._tty:
            self._stream.write(f"\r{line}")
            self._line_open = percent < 100
            if not self._line_open:
                self._stream.write("\n")
        else:
            self._stream.write(line + "\n")
        self._stream.flush()

    def end(self) -> None:
        """Finish a line left open at a terminal (the work stopped short of 100%)."""
        if self._line_open:
            self._stream.write("\n")
            self._stream.flush()
            self._line_open = False
