"""Writing spreadsheet files for the import tests, as a spreadsheet program would."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    encoding: str = "utf-8",
    header: list[str] | None = None,
    delimiter: str = ",",
) -> Path:
    """Write rows as a spreadsheet would: a heading row, then one row per dict."""
    columns = header or list(dict.fromkeys(k for row in rows for k in row))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
