"""Reading Open Referral JSON: one file or a folder of pages, streamed.

A file may hold a single service, an API page (``{"total_items", ...,
"contents": [...]}``; Spring-style ``"content"`` pages of older v1 feeds too)
or a bare list of services. Pages and lists are streamed one service at a time
with ijson, so memory stays flat however big the file is. Each service is
recognised as ORUK 3.0 or ORUK v1 by the keys it uses and handed to the
matching mapper.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import ijson

from linkworker import errors
from linkworker.domain.directory import AssetDraft
from linkworker.interchange.oruk1_map import record_from_oruk1
from linkworker.interchange.oruk3_map import record_from_oruk3
from linkworker.interchange.records import (
    Cancelled,
    OnDisk,
    Progress,
    ReadCancelled,
    SourceInfo,
    SourceKind,
    SourceRecord,
    never,
)

#: Progress is reported at most this often (in records).
PROGRESS_EVERY = 100

DOWNLOAD_AGAIN = (
    "Nothing was imported. Download or export the file again, then import the new copy."
)
NOT_OPEN_REFERRAL_ADVICE = (
    "Choose an Open Referral UK file: one service, a page of services from a feed, "
    "or a list of services, saved as JSON."
)

#: Keys that only ORUK v1 services use (some at service level, some inside locations).
V1_SERVICE_SIGNS = frozenset(
    {
        "service_taxonomys",
        "service_taxonomies",
        "regular_schedules",
        "holiday_schedules",
        "eligibilitys",
        "eligibilities",
        "deliverable_type",
        "attending_type",
        "attending_access",
        "fundings",
    }
)
V1_LOCATION_SIGNS = frozenset({"physical_addresses", "accessibility_for_disabilities"})
#: Keys that only ORUK 3.0 (HSDS 3) services use.
V3_SERVICE_SIGNS = frozenset(
    {"attributes", "schedules", "last_modified", "assurer_email", "alert", "minimum_age"}
)
V3_LOCATION_SIGNS = frozenset({"addresses", "accessibility", "location_type"})
#: At least one of these marks an object as a service at all.
SERVICE_KEYS = frozenset(
    {
        "name",
        "organization",
        "service_at_locations",
        "status",
        "description",
        *V1_SERVICE_SIGNS,
        *V3_SERVICE_SIGNS,
    }
)
#: The scalar keys of an API page around its list of services.
PAGE_KEYS = frozenset(
    {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        # Spring-style pages served by many ORUK v1 feeds
        "totalElements",
        "totalPages",
        "number",
        "numberOfElements",
        "first",
        "last",
        "pageable",
        "sort",
    }
)
LIST_KEYS = ("contents", "content")
#: Deepest nesting of lists and objects read; an Open Referral service needs about ten.
MAX_DEPTH = 64
#: Bytes the parser reads at a time (see :func:`events`).
READ_BYTES = 4096
_OPENING = frozenset({"start_map", "start_array"})
_CLOSING = frozenset({"end_map", "end_array"})


def looks_like_service(value: object) -> bool:
    return isinstance(value, Mapping) and bool(SERVICE_KEYS.intersection(value))


def json_flavour(service: Mapping[str, Any]) -> SourceKind | None:
    """ORUK v1 or ORUK 3.0 by the keys a service uses; None when it gives no sign."""
    v1 = len(V1_SERVICE_SIGNS.intersection(service))
    v3 = len(V3_SERVICE_SIGNS.intersection(service))
    organization = service.get("organization")
    if isinstance(organization, Mapping):
        v1 += "url" in organization
        v3 += "website" in organization
    links = service.get("service_at_locations")
    if isinstance(links, list):
        for link in links[:3]:
            location = link.get("location") if isinstance(link, Mapping) else None
            if isinstance(location, Mapping):
                v1 += len(V1_LOCATION_SIGNS.intersection(location))
                v3 += len(V3_LOCATION_SIGNS.intersection(location))
    if v1 == v3:
        return None
    return SourceKind.ORUK1_JSON if v1 > v3 else SourceKind.ORUK3_JSON


def record_label(prefix: str, number: int, service: object) -> str:
    """``record 12 'Community Counselling'``, with ``prefix`` (a file name) before it."""
    label = f"{prefix} record {number}" if prefix else f"record {number}"
    name = service.get("name") if isinstance(service, Mapping) else None
    if isinstance(name, str) and name.strip():
        name = " ".join(name.split())
        if len(name) > 60:
            name = name[:57] + "..."
        label += f" '{name}'"
    return label


def map_service(service: object, label: str, default: SourceKind | None) -> SourceRecord:
    """One service through the mapper for its flavour (``default`` when it gives no sign)."""
    if not isinstance(service, Mapping):
        return SourceRecord(
            source_id="",
            draft=AssetDraft(name=""),
            label=label,
            problems=("This entry is not a service record (it is not a JSON object).",),
        )
    kind = json_flavour(service) or default or SourceKind.ORUK3_JSON
    if kind is SourceKind.ORUK1_JSON:
        return record_from_oruk1(service, label)
    return record_from_oruk3(service, label)


def natural_key(name: str) -> tuple[object, ...]:
    """``page-2.json`` before ``page-10.json``."""
    return tuple(
        int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)
    )


@dataclass(slots=True)
class FileShape:
    """What a JSON file holds, found from its first events."""

    #: The ijson prefix of each service: "contents.item", "item", or "" for one service.
    prefix: str
    #: Top-level numbers of a page (``total_pages``, ``page_number``, ``total_items``...).
    page: dict[str, int] = field(default_factory=dict)

    @property
    def single(self) -> bool:
        return self.prefix == ""


def _open(path: Path) -> IO[bytes]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise errors.ImportFailed(
            f"{path} was not found.", "Check the name and folder, then try again."
        ) from None
    except OSError as exc:
        raise errors.ImportFailed(
            f"{path.name} could not be opened ({exc.strerror or exc}).",
            "Close it in any other program, check you may read it, then try again.",
        ) from None
    if handle.read(3) != b"\xef\xbb\xbf":  # ijson refuses a byte order mark
        handle.seek(0)
    return handle


def damaged(name: str, exc: Exception, after: int, offset: int) -> errors.ImportFailed:
    """The error for a file ijson could not parse, saying where it went wrong."""
    raw = exc.args[0] if exc.args else ""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    where = f"after record {after:,}" if after else "near the start"
    if "invalid bytes in UTF8" in text:
        return errors.ImportFailed(
            f"{name} is not saved as UTF-8 text (the standard for JSON), "
            f"so it could not be read ({where}, about byte {offset:,}).",
            "Nothing was imported. Export it again as UTF-8 JSON, then import the new copy.",
        )
    if "premature EOF" in text:
        return errors.ImportFailed(
            f"{name} stops part way through ({where}, at byte {offset:,}): "
            "it was cut short while downloading or saving.",
            DOWNLOAD_AGAIN,
        )
    return errors.ImportFailed(
        f"{name} is damaged: it stops being valid JSON {where} (about byte {offset:,}).",
        DOWNLOAD_AGAIN,
    )


def too_deep(name: str, offset: int) -> errors.ImportFailed:
    """The error for a file whose brackets nest deeper than any Open Referral file's."""
    return errors.ImportFailed(
        f"{name} is not Open Referral: its lists and objects are nested more than "
        f"{MAX_DEPTH} deep (by about byte {offset:,}), which no service needs.",
        "Nothing was imported. " + NOT_OPEN_REFERRAL_ADVICE,
    )


def events(handle: IO[bytes], name: str) -> Iterator[tuple[str, str, Any]]:
    """ijson's parse events of ``handle``, refused (:func:`too_deep`) past :data:`MAX_DEPTH`.

    Checked event by event, so a file of brackets within brackets is stopped
    as soon as it is too deep, before its nesting is built up in memory. The
    parser works out every event of a read at once, each with its whole path,
    so reads are kept small: a 64 KB read of brackets alone would hold gigabytes.
    """
    depth = 0
    for found in ijson.parse(handle, buf_size=READ_BYTES, use_float=True):
        kind = found[1]
        if kind in _OPENING:
            depth += 1
            if depth > MAX_DEPTH:
                raise too_deep(name, handle.tell())
        elif kind in _CLOSING:
            depth -= 1
        yield found


def not_open_referral(name: str) -> errors.ImportFailed:
    return errors.ImportFailed(
        f"{name} is JSON, but it does not look like Open Referral: "
        "it holds no services (no service name, organisation or locations).",
        NOT_OPEN_REFERRAL_ADVICE,
    )


def sniff_shape(path: Path) -> FileShape:
    """Whether the file is one service, a page or a list, reading as little as it can."""
    page: dict[str, int] = {}
    keys: set[str] = set()
    with _open(path) as handle:
        start = handle.tell()
        if not handle.read(4096).strip():
            raise errors.ImportFailed(f"{path.name} is empty.", DOWNLOAD_AGAIN)
        handle.seek(start)
        parsed = events(handle, path.name)
        try:
            _, event, _ = next(parsed)
            if event == "start_array":
                return FileShape("item")
            if event != "start_map":
                raise not_open_referral(path.name)
            for prefix, event, value in parsed:
                if prefix == "":
                    if event == "end_map":
                        break
                    if event == "map_key":
                        if value in LIST_KEYS:
                            return FileShape(f"{value}.item", page)
                        keys.add(value)
                elif event == "number" and prefix in PAGE_KEYS:
                    page[prefix] = int(value)
        except ijson.JSONError as exc:
            raise damaged(path.name, exc, 0, handle.tell()) from None
    if not SERVICE_KEYS.intersection(keys):
        raise not_open_referral(path.name)
    return FileShape("")


class _Reading:
    """Shared state while a file or folder is read: flavour, progress, cancel."""

    def __init__(
        self, info: SourceInfo, progress: Progress | None, cancelled: Cancelled, total: int
    ) -> None:
        self.info = info
        self.kind: SourceKind | None = None
        self.progress = progress
        self.cancelled = cancelled
        self.total = total
        self.done_before = 0  # bytes of the files already read
        self.count = 0

    def report(self, done: int) -> None:
        if self.progress is not None:
            self.progress(min(self.done_before + done, self.total), self.total)

    def records(self, path: Path, label_prefix: str, shape: FileShape) -> Iterator[SourceRecord]:
        """Every service in one file, mapped."""
        number = 0
        with _open(path) as handle:
            items = ijson.items(events(handle, path.name), shape.prefix)
            while True:
                if self.cancelled():
                    raise ReadCancelled()
                try:
                    service = next(items)
                except StopIteration:
                    break
                except ijson.JSONError as exc:
                    raise damaged(path.name, exc, number, handle.tell()) from None
                number += 1
                if number == 1 and not looks_like_service(service):
                    raise not_open_referral(path.name)
                if self.kind is None and isinstance(service, Mapping):
                    self.kind = json_flavour(service)
                    if self.kind is not None:
                        self.info.kind = self.kind
                yield map_service(service, record_label(label_prefix, number, service), self.kind)
                self.count += 1
                if self.count % PROGRESS_EVERY == 0:
                    self.report(handle.tell())
        self.report(_size(path))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class JsonFileSource:
    """One ORUK JSON file: a single service, a page of services, or a list of them."""

    def __init__(self, path: str | Path, name: str | None = None) -> None:
        self.path = Path(path)
        self.info = SourceInfo(
            kind=SourceKind.ORUK3_JSON, location=str(path), name=name or self.path.stem
        )

    def records(
        self, progress: Progress | None = None, cancelled: Cancelled = never
    ) -> Iterator[SourceRecord]:
        shape = sniff_shape(self.path)
        self.info.complete = not shape.single
        self.info.notes.clear()
        pages = shape.page.get("total_pages", shape.page.get("totalPages", 1))
        if pages > 1:
            self.info.complete = False
            number = shape.page.get("page_number", shape.page.get("number"))
            which = f"page {number} of {pages}" if number is not None else f"one of {pages} pages"
            self.info.notes.append(
                f"{self.path.name} is {which} of a feed, so services missing from it "
                "are not treated as withdrawn."
            )
        reading = _Reading(self.info, progress, cancelled, _size(self.path))
        reading.report(0)
        yield from reading.records(self.path, "", shape)

    def on_disk(self) -> OnDisk:
        return OnDisk(self, _size(self.path))

    def close(self) -> None:
        """Nothing to remove: the file is the user's."""


class JsonFolderSource:
    """Every ``*.json`` file in a folder, in name order: the pages of a feed or an export."""

    def __init__(self, path: str | Path, name: str | None = None) -> None:
        self.path = Path(path)
        self.info = SourceInfo(
            kind=SourceKind.ORUK3_JSON, location=str(path), name=name or self.path.name
        )

    def files(self) -> list[Path]:
        try:
            found = [
                p
                for p in self.path.iterdir()
                if p.suffix.lower() == ".json" and not p.name.startswith(".") and p.is_file()
            ]
        except OSError as exc:
            raise errors.ImportFailed(
                f"The folder {self.path} could not be opened ({exc.strerror or exc}).",
                "Check the folder exists and you may read it, then try again.",
            ) from None
        if not found:
            raise errors.ImportFailed(
                f"The folder {self.path.name} holds no .json files.",
                "Choose the folder holding the Open Referral pages or export files.",
            )
        return sorted(found, key=lambda p: natural_key(p.name))

    def records(
        self, progress: Progress | None = None, cancelled: Cancelled = never
    ) -> Iterator[SourceRecord]:
        files = self.files()
        self.info.complete = True
        self.info.notes.clear()
        reading = _Reading(self.info, progress, cancelled, sum(_size(p) for p in files))
        reading.report(0)
        pages_said = 0
        for path in files:
            if cancelled():
                raise ReadCancelled()
            shape = sniff_shape(path)
            pages_said = max(pages_said, shape.page.get("total_pages", 0))
            yield from reading.records(path, path.name, shape)
            reading.done_before += _size(path)
        if pages_said > len(files):
            self.info.complete = False
            self.info.notes.append(
                f"The folder has {len(files)} of the {pages_said} pages the feed had, "
                "so services missing from it are not treated as withdrawn."
            )

    def on_disk(self) -> OnDisk:
        try:
            size = sum(_size(p) for p in self.files())
        except errors.ImportFailed:
            size = 0  # reading it says what is wrong
        return OnDisk(self, size)

    def close(self) -> None:
        """Nothing to remove: the folder is the user's."""
