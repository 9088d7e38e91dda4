"""Reading Open Referral CSV datapackages (ORUK v1 and HSDS 3.0 tables).

A datapackage is a folder (or a zip) of CSV tables, one per kind of thing:
services, organizations, locations, addresses, schedules and so on, linked by
ids. :class:`TableSource` loads the small child tables into memory, indexed by
the ids that link them, then streams ``services.csv`` one row at a time and
builds, for each service, the nested dict a feed would have served (ORUK v1
shape for v1 tables, ORUK 3.0 shape for HSDS 3.0 tables), which the matching
mapper turns into a record.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any, TypeVar, cast

from linkworker import errors
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

#: One CSV row: its non-empty cells by lower-case heading.
Row = dict[str, str]

PROGRESS_EVERY = 100
_T = TypeVar("_T")
#: How deep under the chosen folder (or inside a zip) services.csv is looked for.
MAX_DEPTH = 3

#: Each table and the file names it goes by (the first found is read).
TABLE_FILES: dict[str, tuple[str, ...]] = {
    "services": ("services.csv", "service.csv"),
    "organizations": ("organizations.csv", "organization.csv", "organisations.csv"),
    "locations": ("locations.csv", "location.csv"),
    "service_at_locations": (
        "service_at_locations.csv",
        "service_at_location.csv",
        "services_at_location.csv",
        "services_at_locations.csv",
    ),
    "phones": ("phones.csv", "phone.csv"),
    "contacts": ("contacts.csv", "contact.csv"),
    "cost_options": ("cost_options.csv", "cost_option.csv"),
    "languages": ("languages.csv", "language.csv"),
    "taxonomies": ("taxonomies.csv", "taxonomy.csv"),
    # ORUK v1
    "physical_addresses": ("physical_addresses.csv", "physical_address.csv"),
    "regular_schedules": ("regular_schedules.csv", "regular_schedule.csv"),
    "service_taxonomies": (
        "service_taxonomies.csv",
        "service_taxonomys.csv",
        "services_taxonomy.csv",
        "service_taxonomy.csv",
    ),
    "eligibilities": ("eligibilities.csv", "eligibilitys.csv", "eligibility.csv"),
    "accessibility_for_disabilities": (
        "accessibility_for_disabilities.csv",
        "accessibility_for_disability.csv",
    ),
    # HSDS 3.0 / ORUK 3.0
    "addresses": ("addresses.csv", "address.csv"),
    "schedules": ("schedules.csv", "schedule.csv"),
    "accessibility": ("accessibility.csv",),
    "attributes": ("attributes.csv", "attribute.csv"),
    "taxonomy_terms": ("taxonomy_terms.csv", "taxonomy_term.csv"),
}

V1_TABLES = frozenset(
    {
        "physical_addresses",
        "regular_schedules",
        "service_taxonomies",
        "eligibilities",
        "accessibility_for_disabilities",
    }
)
V3_TABLES = frozenset({"addresses", "schedules", "accessibility", "attributes", "taxonomy_terms"})
V1_COLUMNS = frozenset({"attending_type", "attending_access", "deliverable_type"})
V3_COLUMNS = frozenset({"last_modified", "assurer_email", "minimum_age", "maximum_age", "alert"})

#: What is lost when a table is missing, per flavour.
_LOST = {
    "organizations": "no organisation names were read",
    "locations": "no places or coordinates were read",
    "service_at_locations": "services were not linked to their places",
    "physical_addresses": "no addresses or postcodes were read",
    "addresses": "no addresses or postcodes were read",
    "regular_schedules": "no opening times were read",
    "schedules": "no opening times were read",
    "phones": "no phone numbers were read",
    "contacts": "no contact people were read",
    "cost_options": "no cost options were read",
    "languages": "no languages were read",
    "accessibility_for_disabilities": "no accessibility details were read",
    "accessibility": "no accessibility details were read",
    "service_taxonomies": "no categories or tags were read",
    "taxonomies": "taxonomy names could not be looked up",
    "attributes": "no categories or tags were read",
    "taxonomy_terms": "taxonomy term names could not be looked up",
    "eligibilities": "no age limits were read",
}
EXPECTED = {
    SourceKind.ORUK1_TABLES: (
        "organizations",
        "locations",
        "service_at_locations",
        "physical_addresses",
        "regular_schedules",
        "service_taxonomies",
        "taxonomies",
        "contacts",
        "phones",
        "cost_options",
        "eligibilities",
        "languages",
        "accessibility_for_disabilities",
    ),
    SourceKind.HSDS3_TABLES: (
        "organizations",
        "locations",
        "service_at_locations",
        "addresses",
        "schedules",
        "contacts",
        "phones",
        "cost_options",
        "languages",
        "accessibility",
        "attributes",
        "taxonomy_terms",
    ),
}

SAVE_AS_UTF8 = "Nothing was imported. Save or export the tables again as CSV UTF-8, then try again."
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


def _damaged_zip(name: str, exc: BaseException) -> errors.ImportFailed:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return errors.ImportFailed(
            f"The zip {name} is protected with a password.",
            "Nothing was imported. Unzip it yourself and import the folder, "
            "or ask for a copy without a password.",
        )
    return errors.ImportFailed(
        f"{name} is not a zip file Link Worker can open, or it is damaged.",
        "Nothing was imported. Download or export it again, then import the new copy.",
    )


class _Store:
    """The files of a datapackage, whether in a folder or a zip."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip: zipfile.ZipFile | None = None
        #: Every file's path inside the folder or zip, "/"-separated.
        self.members: list[str] = []
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                relative = PurePosixPath(Path(folder).relative_to(path).as_posix())
                depth = len(relative.parts)
                subfolders[:] = sorted(
                    d for d in subfolders if depth < MAX_DEPTH and not _hidden(d)
                )
                self.members.extend(
                    (relative / f).as_posix() for f in sorted(files) if not _hidden(f)
                )
        else:
            try:
                self.zip = zipfile.ZipFile(path)
                self.members = [
                    info.filename
                    for info in self.zip.infolist()
                    if not info.is_dir() and not _hidden(info.filename)
                ]
            except _ZIP_ERRORS as exc:
                raise _damaged_zip(path.name, exc) from None
            except OSError as exc:
                raise errors.ImportFailed(
                    f"{path.name} could not be opened ({exc.strerror or exc}).",
                    "Check you may read it, then try again.",
                ) from None

    @property
    def what(self) -> str:
        return f"The zip {self.path.name}" if self.zip else f"The folder {self.path.name}"

    def open(self, member: str) -> IO[bytes]:
        if self.zip is not None:
            try:
                # a BufferedIOBase is a binary file; typeshed's IO[bytes] is the narrower name
                return cast(IO[bytes], _ZipMember(self.zip.open(member), self.path.name))
            except _ZIP_ERRORS as exc:
                raise _damaged_zip(self.path.name, exc) from None
        try:
            return (self.path / member).open("rb")
        except OSError as exc:
            raise errors.ImportFailed(
                f"{member} could not be opened ({exc.strerror or exc}).",
                "Close it in any other program, check you may read it, then try again.",
            ) from None

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


class _ZipMember(io.BufferedIOBase):
    """A file inside a zip whose read errors (bad CRC, cut short) become ImportFailed."""

    def __init__(self, inner: IO[bytes], zip_name: str) -> None:
        super().__init__()
        self._inner = inner
        self._zip_name = zip_name

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        try:
            return self._inner.read(-1 if size is None else size)
        except _ZIP_ERRORS as exc:
            raise _damaged_zip(self._zip_name, exc) from None

    def read1(self, size: int = -1) -> bytes:
        return self.read(size)

    def close(self) -> None:
        self._inner.close()
        super().close()


def _hidden(member: str) -> bool:
    return any(part.startswith((".", "__MACOSX")) for part in PurePosixPath(member).parts)


def _listing(members: list[str]) -> str:
    names = sorted({PurePosixPath(m).name for m in members})
    if not names:
        return "It is empty."
    shown = ", ".join(names[:15]) + (f" and {len(names) - 15} more" if len(names) > 15 else "")
    return f"It holds: {shown}."


def _cells(columns: list[str], record: list[str]) -> Row:
    """A record's non-empty cells by heading (cells beyond the headings are left out)."""
    return {k: v.strip() for k, v in zip(columns, record, strict=False) if k and v.strip()}


def unclosed_quote_line(
    record: list[str], started: int, ended: int, tail: Callable[[], str], delimiter: str = ","
) -> int | None:
    """The line a quotation mark opens on when it is never closed, else None.

    ``record`` is the last record of a CSV file, read from line ``started`` to
    ``ended``; ``tail`` gives the file's text from line ``started`` on. A quote
    never closed takes every row after it into the record's last cell. Read
    again with a closing quotation mark added, such a record gives the same
    cells; one that ended outside quotes gains the mark.
    """
    if ended <= started or not record or not any(c in record[-1] for c in "\r\n"):
        return None  # on one line: no row after it was taken in
    text = tail()
    again = list(csv.reader(io.StringIO(text + '"', newline=""), delimiter=delimiter))
    if again[-1:] != [record]:
        return None
    return started + text[: len(text) - len(record[-1])].count("\n")


def unclosed_quote(name: str, line: int) -> errors.ImportFailed:
    """The error for a quotation mark never closed (see :func:`unclosed_quote_line`)."""
    return errors.ImportFailed(
        f"{name}: a quotation mark at line {line} is never closed, so the rows after it "
        "would run together into one.",
        f"Nothing was imported. Open the file, add the missing quotation mark at line {line} "
        "(or remove the stray one), save it as CSV again, and import it again.",
    )


def _encoding_of(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig"


class _Tables:
    """The tables found beside services.csv, and how to read each as rows of dicts."""

    def __init__(self, store: _Store) -> None:
        self.store = store
        candidates = [
            m for m in store.members if PurePosixPath(m).name.lower() in TABLE_FILES["services"]
        ]
        if not candidates:
            advice = (
                "Choose an Open Referral datapackage: a folder or zip of CSV tables "
                "with services.csv."
            )
            if any(m.lower().endswith(".json") for m in store.members):
                advice = (
                    "It holds JSON files: unzip it and import the folder of JSON files instead, "
                    "or choose a datapackage with services.csv."
                )
            raise errors.ImportFailed(
                f"{store.what} has no services.csv table, so there are no services to import. "
                + _listing(store.members),
                "Nothing was imported. " + advice,
            )
        services = min(candidates, key=lambda m: (len(PurePosixPath(m).parts), m))
        folder = PurePosixPath(services).parent
        here = {
            PurePosixPath(m).name.lower(): m
            for m in store.members
            if PurePosixPath(m).parent == folder
        }
        self.files: dict[str, str] = {}
        for table, names in TABLE_FILES.items():
            for file_name in names:
                if file_name in here:
                    self.files[table] = here[file_name]
                    break
        self.notes: list[str] = []

    def name(self, table: str) -> str:
        return PurePosixPath(self.files[table]).name

    def header(self, table: str) -> list[str]:
        with self.store.open(self.files[table]) as raw:
            head = raw.read(64 * 1024)
        text = head.decode(_encoding_of(head), "replace")
        first = next(csv.reader(io.StringIO(text)), [])
        return [normal_column(c) for c in first]

    def rows(self, table: str, encoding: str) -> Iterator[Row]:
        """Each row as a dict of its non-empty cells, headings in lower case.

        The last row is held back until the file has ended: a quotation mark never
        closed refuses the table (:func:`unclosed_quote`) instead of giving one row
        made of all the rows after it.
        """
        name = self.name(table)
        with self.store.open(self.files[table]) as raw:
            reader = csv.reader(io.TextIOWrapper(raw, encoding=encoding, newline=""))
            try:
                heading = next(reader, None)
                if heading is None:
                    return
                columns = [normal_column(c) for c in heading]
                pending: list[str] | None = None
                started = 0
                while True:
                    line = reader.line_num + 1
                    record = next(reader, None)
                    if record is None:
                        break
                    if not record:  # a blank line
                        continue
                    if pending is not None:
                        yield _cells(columns, pending)
                    pending, started = record, line
            except csv.Error as exc:
                raise errors.ImportFailed(
                    f"{name} row {reader.line_num} could not be read as CSV ({exc}).",
                    "Nothing was imported. Check a quote mark is not left open, "
                    "or export the tables again.",
                ) from None
            ended = reader.line_num
        if pending is None:
            return
        opened = unclosed_quote_line(
            pending, started, ended, lambda: self._text_from(table, encoding, started)
        )
        if opened is not None:
            raise unclosed_quote(name, opened)
        yield _cells(columns, pending)

    def _text_from(self, table: str, encoding: str, line: int) -> str:
        with self.store.open(self.files[table]) as raw:
            lines = io.TextIOWrapper(raw, encoding=encoding, newline="")
            return "".join(itertools.islice(lines, line - 1, None))

    def decoded(self, table: str) -> tuple[str, int]:
        """The encoding ``table`` can be read in, and how many rows it has (reads it once)."""
        return self._decode(table, lambda rows: sum(1 for _ in rows))

    def load(self, table: str) -> list[Row]:
        """All rows of a (child) table, in memory; [] when the table is not there."""
        if table not in self.files:
            return []
        return self._decode(table, list)[1]

    def _decode(self, table: str, consume: Callable[[Iterator[Row]], _T]) -> tuple[str, _T]:
        """Read a whole table as UTF-8 (with or without a byte order mark), or else as
        Windows-1252, which is what Excel writes when asked for plain "CSV"."""
        with self.store.open(self.files[table]) as raw:
            encoding = _encoding_of(raw.read(2))
        for attempt in (encoding, "cp1252"):
            try:
                result = consume(self.rows(table, attempt))
            except UnicodeError:
                continue
            if attempt == "cp1252":
                self.notes.append(f"{self.name(table)} was read as Windows-1252")
            return attempt, result
        raise errors.ImportFailed(
            f"{self.name(table)} is not a text file Link Worker can read.", SAVE_AS_UTF8
        )


def normal_column(text: str) -> str:
    return text.lstrip("\ufeff").strip().lower().replace(" ", "_")


def flavour(present: set[str], columns: list[str]) -> SourceKind:
    """ORUK v1 or HSDS 3.0 tables, by which tables and service columns exist."""
    v1 = len(V1_TABLES & present) + len(V1_COLUMNS.intersection(columns))
    v3 = len(V3_TABLES & present) + len(V3_COLUMNS.intersection(columns))
    return SourceKind.ORUK1_TABLES if v1 > v3 else SourceKind.HSDS3_TABLES


def _by_id(rows: list[Row]) -> dict[str, Row]:
    return {row["id"]: row for row in rows if row.get("id")}


def _group(rows: list[Row], column: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        key = row.get(column)
        if key:
            grouped.setdefault(key, []).append(row)
    return grouped


class TableLinks:
    """Child tables indexed by the ids that link them, to nest them under each service."""

    def __init__(self, kind: SourceKind, tables: dict[str, list[Row]]) -> None:
        self.v1 = kind is SourceKind.ORUK1_TABLES
        get = tables.get
        self.organizations = _by_id(get("organizations", []))
        self.locations = _by_id(get("locations", []))
        self.has_locations = "locations" in tables
        links = get("service_at_locations", [])
        self.links = _group(links, "service_id")
        schedules = get("regular_schedules" if self.v1 else "schedules", [])
        self.schedules = _group(schedules, "service_id")
        self.link_schedules = _group(
            [r for r in schedules if not r.get("service_id")], "service_at_location_id"
        )
        phones = get("phones", [])
        self.phones = _group(phones, "service_id")
        self.contact_phones = _group(phones, "contact_id")
        self.location_phones = _group(phones, "location_id")
        self.contacts = _group(get("contacts", []), "service_id")
        self.costs = _group(get("cost_options", []), "service_id")
        languages = get("languages", [])
        self.languages = _group(languages, "service_id")
        self.location_languages = _group(languages, "location_id")
        self.addresses = _group(
            get("physical_addresses" if self.v1 else "addresses", []), "location_id"
        )
        self.access = _group(
            get("accessibility_for_disabilities" if self.v1 else "accessibility", []), "location_id"
        )
        self.eligibilities = _group(get("eligibilities", []), "service_id")
        self.service_taxonomies = _group(get("service_taxonomies", []), "service_id")
        self.taxonomies = _by_id(get("taxonomies", []))
        self.attributes = _group(get("attributes", []), "link_id")
        self.terms = _by_id(get("taxonomy_terms", []))
        self.seen: set[str] = set()
        #: (table, rows by service id) to count rows whose service never appeared.
        self.by_service: list[tuple[str, dict[str, list[Row]]]] = [
            ("service_at_locations", self.links),
            ("regular_schedules" if self.v1 else "schedules", self.schedules),
            ("phones", self.phones),
            ("contacts", self.contacts),
            ("cost_options", self.costs),
            ("languages", self.languages),
            ("eligibilities", self.eligibilities),
            ("service_taxonomies", self.service_taxonomies),
        ]
        self.by_location: list[tuple[str, dict[str, list[Row]]]] = [
            ("physical_addresses" if self.v1 else "addresses", self.addresses),
            ("accessibility_for_disabilities" if self.v1 else "accessibility", self.access),
            ("service_at_locations", _group(links, "location_id")),
        ]

    def add_taxonomies(self, rows: list[Row]) -> None:
        self.taxonomies = _by_id(rows)

    def service(self, row: Row) -> dict[str, Any]:
        """One services.csv row with everything linked to it, nested as in the JSON."""
        service: dict[str, Any] = dict(row)
        service_id = row.get("id", "")
        self.seen.add(service_id)
        organization = self.organizations.get(row.get("organization_id", ""))
        if organization is not None:
            service["organization"] = organization
        links = []
        schedules = list(self.schedules.get(service_id, ()))
        for link in self.links.get(service_id, ()):
            nested: dict[str, Any] = dict(link)
            location = self.location(link.get("location_id", ""))
            if location is not None:
                nested["location"] = location
            links.append(nested)
            schedules.extend(self.link_schedules.get(link.get("id", ""), ()))
        service["service_at_locations"] = links
        service["phones"] = self.phones.get(service_id, [])
        service["contacts"] = [
            {**c, "phones": self.contact_phones.get(c.get("id", ""), [])}
            for c in self.contacts.get(service_id, ())
        ]
        service["cost_options"] = self.costs.get(service_id, [])
        service["languages"] = self.languages.get(service_id, [])
        if self.v1:
            by_link = {link.get("id", ""): link for link in links}
            service["regular_schedules"] = [self._v1_schedule(s, by_link) for s in schedules]
            service["eligibilities"] = self.eligibilities.get(service_id, [])
            service["service_taxonomies"] = [
                self._v1_taxonomy(t) for t in self.service_taxonomies.get(service_id, ())
            ]
        else:
            service["schedules"] = schedules
            service["attributes"] = self._attributes(service_id)
        return service

    def location(self, location_id: str) -> dict[str, Any] | None:
        row = self.locations.get(location_id)
        if row is None:
            return None
        location: dict[str, Any] = dict(row)
        location["phones"] = self.location_phones.get(location_id, [])
        location["languages"] = self.location_languages.get(location_id, [])
        if self.v1:
            location["physical_addresses"] = self.addresses.get(location_id, [])
            location["accessibility_for_disabilities"] = self.access.get(location_id, [])
        else:
            location["addresses"] = self.addresses.get(location_id, [])
            location["accessibility"] = self.access.get(location_id, [])
            location["attributes"] = self._attributes(location_id)
        return location

    @staticmethod
    def _v1_schedule(row: Row, links: dict[str, dict[str, Any]]) -> dict[str, Any]:
        link = links.get(row.get("service_at_location_id", ""))
        return {**row, "service_at_location": link} if link is not None else dict(row)

    def _v1_taxonomy(self, row: Row) -> dict[str, Any]:
        taxonomy_id = row.get("taxonomy_id", "")
        taxonomy = self.taxonomies.get(taxonomy_id) or {"id": taxonomy_id}
        return {**row, "taxonomy": taxonomy}

    def _attributes(self, link_id: str) -> list[dict[str, Any]]:
        found = []
        for row in self.attributes.get(link_id, ()):
            attribute: dict[str, Any] = dict(row)
            term = self.terms.get(row.get("taxonomy_term_id", ""))
            if term is not None:
                nested: dict[str, Any] = dict(term)
                taxonomy = self.taxonomies.get(term.get("taxonomy_id", ""))
                if taxonomy is not None:
                    nested["taxonomy_detail"] = taxonomy
                    nested.setdefault("taxonomy", taxonomy.get("name", ""))
                attribute["taxonomy_term"] = nested
            found.append(attribute)
        return found

    def orphans(self, file_name: Callable[[str], str]) -> str:
        """One note counting rows linked to a service or place that is not there ("" if none)."""
        lost: dict[str, set[int]] = {}
        for table, grouped in self.by_service:
            for key, rows in grouped.items():
                if key not in self.seen:
                    lost.setdefault(table, set()).update(id(row) for row in rows)
        if self.has_locations:
            for table, grouped in self.by_location:
                for key, rows in grouped.items():
                    if key not in self.locations:
                        lost.setdefault(table, set()).update(id(row) for row in rows)
        if not lost:
            return ""
        total = sum(len(rows) for rows in lost.values())
        detail = ", ".join(f"{file_name(t)} {len(rows)}" for t, rows in lost.items())
        if total == 1:
            return (
                "1 row points to a service or place that is not in the tables, "
                f"so it was left out ({detail})"
            )
        return (
            f"{total} rows point to a service or place that is not in the tables, "
            f"so they were left out ({detail})"
        )


class TableSource:
    """An Open Referral CSV datapackage in a folder or a zip."""

    def __init__(self, path: str | Path, name: str | None = None) -> None:
        self.path = Path(path)
        store = _Store(self.path)
        try:
            tables = _Tables(store)
            kind = flavour(set(tables.files), tables.header("services"))
        except _ZIP_ERRORS as exc:
            raise _damaged_zip(self.path.name, exc) from None
        finally:
            store.close()
        default_name = self.path.stem if self.path.is_file() else self.path.name
        self.info = SourceInfo(kind=kind, location=str(path), name=name or default_name)

    def records(
        self, progress: Progress | None = None, cancelled: Cancelled = never
    ) -> Iterator[SourceRecord]:
        store = _Store(self.path)
        try:
            yield from self._read(_Tables(store), progress, cancelled)
        finally:
            store.close()

    def _read(
        self, tables: _Tables, progress: Progress | None, cancelled: Cancelled
    ) -> Iterator[SourceRecord]:
        kind = self.info.kind
        missing = [t for t in EXPECTED[kind] if t not in tables.files]
        loaded: dict[str, list[Row]] = {}
        for table in EXPECTED[kind]:
            if cancelled():
                raise ReadCancelled()
            if table in tables.files:
                loaded[table] = tables.load(table)
        links = TableLinks(kind, loaded)
        if kind is SourceKind.HSDS3_TABLES and "taxonomies" in tables.files:
            links.add_taxonomies(tables.load("taxonomies"))
        encoding, total = tables.decoded("services")
        self.info.notes = [
            *tables.notes,
            *(f"no {TABLE_FILES[t][0][:-4]} table, so {_LOST[t]}" for t in missing),
        ]
        mapper = record_from_oruk1 if kind is SourceKind.ORUK1_TABLES else record_from_oruk3
        services_name = tables.name("services")
        if progress is not None:
            progress(0, total)
        done = 0
        for done, row in enumerate(tables.rows("services", encoding), start=1):
            if cancelled():
                raise ReadCancelled()
            label = f"{services_name} row {done + 1}"
            name = " ".join(row.get("name", "").split())
            if name:
                label += f" '{name[:57] + '...' if len(name) > 60 else name}'"
            service: dict[str, Any] = links.service(row)
            yield mapper(service, label)
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if progress is not None:
            progress(done, max(total, done))
        orphans = links.orphans(tables.name)
        if orphans:
            self.info.notes.append(orphans)

    def on_disk(self) -> OnDisk:
        try:
            if self.path.is_file():
                return OnDisk(self, self.path.stat().st_size)
            tables = (p for p in self.path.rglob("*") if p.suffix.lower() == ".csv")
            return OnDisk(self, sum(p.stat().st_size for p in tables if p.is_file()))
        except OSError:
            return OnDisk(self, 0)  # reading it says what is wrong

    def close(self) -> None:
        """Nothing to remove: the folder or zip is the user's."""
