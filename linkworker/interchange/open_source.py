"""Choosing the reader for what the user gave: a file, a folder, a zip or a feed address."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from linkworker import errors
from linkworker.interchange.feed_source import FeedSource
from linkworker.interchange.json_sources import JsonFileSource, JsonFolderSource
from linkworker.interchange.records import DirectorySource
from linkworker.interchange.tabular_sources import MAX_DEPTH, TableSource

ACCEPTED = (
    "Link Worker can import an Open Referral UK 3.0 or v1 JSON file, a folder of JSON pages, "
    "a CSV datapackage (a folder or zip with services.csv and the other tables), "
    "or a feed address starting with https://."
)


def open_source(
    location: str | Path,
    *,
    name: str | None = None,
    modified_after: dt.datetime | None = None,
    spool_dir: Path | None = None,
    timeout: float = 30.0,
) -> DirectorySource:
    """The reader for ``location``; ImportFailed when it is missing or not something we read."""
    text = str(location).strip()
    if text.lower().startswith(("http://", "https://")):
        return FeedSource(
            text,
            name=name,
            modified_after=modified_after,
            spool_dir=spool_dir if spool_dir is not None else Path(tempfile.gettempdir()),
            timeout=timeout,
        )
    path = Path(text).expanduser()
    if not path.exists():
        raise errors.ImportFailed(
            f"{path} was not found.", "Check the name and folder (or the address), then try again."
        )
    if path.is_dir():
        return _open_folder(path, name)
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return TableSource(path, name=name)
    if suffix == ".json":
        return JsonFileSource(path, name=name)
    if path.name.lower() == "services.csv":
        return TableSource(path.parent, name=name or path.parent.name)
    head = _head(path)
    if head.startswith(b"PK\x03\x04"):
        return TableSource(path, name=name)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return JsonFileSource(path, name=name)
    advice = ACCEPTED
    if suffix in (".csv", ".xlsx", ".xls"):
        advice = (
            "A single spreadsheet of services is imported with Import from spreadsheet. " + ACCEPTED
        )
    raise errors.ImportFailed(f"{path.name} is not an Open Referral file.", advice)


def _open_folder(path: Path, name: str | None) -> DirectorySource:
    if _has_services_table(path):
        return TableSource(path, name=name)
    if any(p.suffix.lower() == ".json" and not p.name.startswith(".") for p in path.iterdir()):
        return JsonFolderSource(path, name=name)
    raise errors.ImportFailed(
        f"The folder {path.name} holds neither services.csv nor any .json files.",
        ACCEPTED,
    )


def _has_services_table(folder: Path, depth: int = 0) -> bool:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return False
    for entry in entries:
        if entry.name.startswith((".", "__MACOSX")):
            continue
        if entry.is_file() and entry.name.lower() == "services.csv":
            return True
    return depth < MAX_DEPTH and any(
        _has_services_table(entry, depth + 1)
        for entry in entries
        if entry.is_dir() and not entry.name.startswith((".", "__MACOSX"))
    )


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(64)
    except OSError as exc:
        raise errors.ImportFailed(
            f"{path.name} could not be opened ({exc.strerror or exc}).",
            "Close it in any other program, check you may read it, then try again.",
        ) from None
