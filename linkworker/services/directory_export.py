"""Giving the directory (or part of it) to someone else: ORUK 3.0 JSON or CSV.

The command line and the window both call :func:`export_directory`. Either
format takes the same :class:`~linkworker.domain.directory.DirectoryFilter`,
so a category (``DirectoryFilter(category="Sheds")``) or an area
(``DirectoryFilter(district="CH65")``) exports just those assets. Both write
through a temporary file and replace the target only when it is complete.
"""

from __future__ import annotations

import enum
from pathlib import Path

from linkworker.domain.directory import DirectoryFilter
from linkworker.interchange.oruk3_write import write_oruk3_json
from linkworker.services.directory import DirectoryService, Progress
from linkworker.services.directory_csv import export_directory_csv


class ExportFormat(enum.StrEnum):
    """The file formats the directory can be exported as."""

    ORUK_JSON = "oruk-json"
    CSV = "csv"

    @property
    def label(self) -> str:
        return {
            "oruk-json": "Open Referral UK 3.0 JSON",
            "csv": "Spreadsheet (CSV)",
        }[self.value]

    @property
    def suffix(self) -> str:
        """The usual file name ending, for a save dialog."""
        return {"oruk-json": ".json", "csv": ".csv"}[self.value]


def export_directory(
    directory: DirectoryService,
    path: Path,
    fmt: ExportFormat,
    flt: DirectoryFilter = DirectoryFilter(),
    progress: Progress | None = None,
    *,
    source_name: str = "",
) -> int:
    """Write the assets matching ``flt`` to ``path`` in ``fmt``; returns how many.

    Raises :class:`~linkworker.errors.ExportFailed` when the file cannot be
    written; any file already at ``path`` is then left as it was.
    ``source_name`` (the team or area) is named in the ORUK taxonomy terms.
    """
    path = Path(path)
    total = directory.search(flt, limit=1).total
    if progress is not None:
        progress(0, total)
    if fmt is ExportFormat.ORUK_JSON:
        count = write_oruk3_json(
            directory.details(flt), path, total, progress, source_name=source_name
        )
    else:
        count = export_directory_csv(directory, path, flt)  # no progress of its own
        if progress is not None:
            progress(count, count)
    directory.exported(fmt.value, count)
    return count
