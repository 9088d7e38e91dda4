"""Importing a postcode lookup file, so that matching can give distances in miles.

:meth:`GeoService.import_lookup` reads an ONS Postcode Directory CSV, Ordnance
Survey Code-Point Open (one CSV, or the folder or zip of its per-area CSVs) or a
plain ``postcode,latitude,longitude`` CSV (see
:mod:`linkworker.domain.postcode_lookup`), a block at a time: a 1.3 GB ONSPD
file is never held in memory. Everything is written in one transaction, so a
Cancel, an error or a crash leaves the lookup as it was. Afterwards, places in
the directory without coordinates get their postcode's point, and the report
says how many people's postcodes are now on the map.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from linkworker import errors
from linkworker.data.geo_repo import PointWriter
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.postcode_lookup import (
    GeoCoverage,
    GeoImportReport,
    InvalidRow,
    LookupFormat,
    OutwardFilter,
    RowLayout,
    Skip,
    detect_layout,
    parse_outward_codes,
)
from linkworker.domain.validation import InvalidValue
from linkworker.interchange.records import ReadCancelled

#: Rows read between progress reports and checks for Cancel; also rows written at a time.
BATCH_ROWS = 50_000
#: Rows that could not be read shown in the report; the rest are counted.
EXAMPLES = 20
#: Bytes read from the file at a time.
BLOCK = 1 << 20
#: A "line" longer than this means the file is not a postcode CSV.
LONGEST_LINE = 1 << 20

ENCODING_UTF8 = "UTF-8"
ENCODING_UTF8_BOM = "UTF-8 with BOM"
ENCODING_CP1252 = "Windows-1252"

EXPECTED = (
    "Choose the ONS Postcode Directory CSV (with the columns pcds, lat and long), "
    "Ordnance Survey Code-Point Open (one of its CSV files, its folder or its zip), "
    "or a CSV with the headings postcode, latitude and longitude in the first row."
)


__all__ = ["GeoService", "ImportCancelled", "ReadCancelled"]


class ImportCancelled(ReadCancelled):
    """Cancel was pressed during an import; the postcode lookup was left as it was."""


@dataclass(frozen=True, slots=True)
class _Part:
    """One CSV to read: its name in row labels ("" for a lone file), size, how to open it."""

    name: str
    size: int
    open: Callable[[], IO[bytes]]
    #: How messages name it: the member's name, or a lone file's own name.
    title: str


@dataclass(slots=True)
class _Tally:
    total_bytes: int
    bytes_read: int = 0
    rows_read: int = 0
    imported: int = 0
    terminated: int = 0
    no_location: int = 0
    outside: int = 0
    invalid: int = 0
    examples: list[InvalidRow] = field(default_factory=list)
    formats: list[LookupFormat] = field(default_factory=list)
    encodings: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


class _Refused(Exception):
    """Rows could not be read in a strict import: roll back and report."""


class GeoService:
    """The postcode lookup: import it, and say how much of the caseload and directory it places."""

    def __init__(self, units: UnitsOfWork, *, batch_rows: int = BATCH_ROWS) -> None:
        self._units = units
        self._batch_rows = max(1, batch_rows)

    def coverage(self) -> GeoCoverage:
        """How many postcodes are loaded, and how many places and people have a point."""
        with self._units.read() as uow:
            return uow.geo.coverage()

    def import_lookup(
        self,
        path: Path,
        outward_codes: Collection[str] = (),
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        *,
        strict: bool = False,
    ) -> GeoImportReport:
        """Add (or replace) the points of every live, located postcode in the file at ``path``.

        ``outward_codes`` (``"CH65"``, ``"CH66"``, or an area such as ``"CH"``) keeps
        only postcodes in them. ``progress(done, total)`` is called every
        :data:`BATCH_ROWS` rows with kilobytes read out of the file's size;
        ``cancelled`` is asked as often and, once True, stops with
        :class:`ImportCancelled` having written nothing. Rows that cannot be
        read are skipped and counted, unless ``strict``: then nothing is written
        and the report has ``saved=False``. A file of none of the known shapes
        raises :class:`~linkworker.errors.ImportFailed`.
        """
        path = Path(path)
        try:
            codes = parse_outward_codes(outward_codes)
        except InvalidValue as exc:
            raise errors.ImportFailed(str(exc)) from None
        keep = OutwardFilter.of(codes).keeps if codes else None
        with contextlib.ExitStack() as stack:
            parts = _parts(path, stack)
            tally = _Tally(total_bytes=sum(p.size for p in parts))
            report = progress or (lambda _done, _total: None)

            total = max(1, -(-tally.total_bytes // 1024))

            def step() -> None:
                report(min(tally.bytes_read // 1024, total), total)
                if cancelled():
                    raise ImportCancelled("The postcode import was cancelled.")

            step()
            located = people = 0
            saved = True
            try:
                with self._units.write() as uow:
                    writer = uow.geo.point_writer()
                    for part in parts:
                        self._read_part(part, len(parts) == 1, tally, keep, writer, step)
                    if not tally.formats:
                        raise errors.ImportFailed(
                            f"{path.name} holds no postcode lookup files.", EXPECTED
                        )
                    step()
                    if strict and tally.invalid:
                        raise _Refused
                    writer.finish()
                    located = uow.geo.locate_places()
                    people = uow.geo.count_people_located()
            except _Refused:
                saved = False
            report(total, total)
        return GeoImportReport(
            format=tally.formats[0],
            encoding=ENCODING_CP1252
            if ENCODING_CP1252 in tally.encodings
            else min(tally.encodings, default=ENCODING_UTF8),
            files=len(tally.formats),
            rows_read=tally.rows_read,
            imported=tally.imported if saved else 0,
            skipped_terminated=tally.terminated,
            skipped_no_location=tally.no_location,
            skipped_outside=tally.outside,
            skipped_invalid=tally.invalid,
            invalid_examples=tuple(tally.examples),
            outward_codes=codes,
            assets_located=located,
            people_with_location=people,
            saved=saved,
            notes=tuple(tally.notes),
        )

    def _read_part(
        self,
        part: _Part,
        alone: bool,
        tally: _Tally,
        keep: Callable[[str], bool] | None,
        writer: PointWriter,
        step: Callable[[], None],
    ) -> None:
        try:
            with part.open() as stream:
                self._read_stream(stream, part, alone, tally, keep, writer, step)
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            reason = getattr(exc, "strerror", None) or "it is damaged or cut short"
            raise errors.ImportFailed(
                f"{part.title} could not be read ({reason}).",
                "Download the file again, or check you may read it, then try again.",
            ) from None

    def _read_stream(
        self,
        stream: IO[bytes],
        part: _Part,
        alone: bool,
        tally: _Tally,
        keep: Callable[[str], bool] | None,
        writer: PointWriter,
        step: Callable[[], None],
    ) -> None:
        text = _TextLines(stream, part.title, tally)
        lines = iter(text)
        row = 0
        first = ""
        for line in lines:
            row += 1
            if line.strip():
                first = line
                break
        if not first:
            if alone:
                raise errors.ImportFailed(f"{part.title} is empty.", EXPECTED)
            tally.notes.append(f"{part.name} was left out: it is empty.")
            return
        layout, delimiter = _layout(first)
        if layout is None:
            if alone:
                raise errors.ImportFailed(
                    f"{part.title} has no postcode, latitude and longitude "
                    "columns, and is not an ONS Postcode Directory or Code-Point Open file.",
                    EXPECTED,
                )
            tally.notes.append(f"{part.name} was left out: it is not a postcode lookup file.")
            return
        tally.formats.append(layout.format)
        records = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
        row -= 1
        if layout.has_heading:
            next(records)
            row += 1
        batch: list[tuple[str, float, float]] = []
        read = layout.read
        try:
            for cells in records:
                row += 1
                if not cells or not any(cells):
                    continue
                tally.rows_read += 1
                if tally.rows_read % self._batch_rows == 0:
                    step()
                got = read(cells)
                if type(got) is tuple:
                    if keep is not None and not keep(got[0]):
                        tally.outside += 1
                        continue
                    batch.append(got)
                    if len(batch) >= self._batch_rows:
                        writer.add(batch)
                        tally.imported += len(batch)
                        batch = []
                elif got is Skip.TERMINATED:
                    tally.terminated += 1
                elif got is Skip.NO_LOCATION:
                    tally.no_location += 1
                else:
                    tally.invalid += 1
                    if len(tally.examples) < EXAMPLES:
                        tally.examples.append(InvalidRow(part.name, row, str(got)))
        except csv.Error as exc:
            raise errors.ImportFailed(
                f"{part.title} could not be read as CSV at row {row + 1} ({exc}).",
                "Check the file is the one you downloaded, whole and unchanged.",
            ) from None
        writer.add(batch)
        tally.imported += len(batch)
        tally.encodings.add(text.encoding)


def _layout(first: str) -> tuple[RowLayout | None, str]:
    for delimiter in (",", ";", "\t"):
        try:
            cells = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:  # a quote left open, a carriage return inside the line
            continue
        layout = detect_layout(cells)
        if layout is not None:
            return layout, delimiter
    return None, ","


class _TextLines:
    """The lines of a byte stream, a block at a time, as UTF-8 or else Windows-1252.

    Bytes that are not UTF-8 are read as Windows-1252 (what Excel saves on
    Windows); the stream's ``encoding`` says which was met. Counts bytes read
    into the tally for progress.
    """

    def __init__(self, stream: IO[bytes], name: str, tally: _Tally) -> None:
        self._stream = stream
        self._name = name
        self._tally = tally
        self.encoding = ENCODING_UTF8

    def __iter__(self) -> Iterator[str]:
        pending = b""
        first = True
        while True:
            block = self._stream.read(BLOCK)
            if not block:
                break
            self._tally.bytes_read += len(block)
            if first:
                first = False
                block = self._opening(block)
            if b"\x00" in block:
                raise self._not_text()
            data = pending + block
            cut = (data.rfind(b"\n") + 1) or (data.rfind(b"\r") + 1)  # old Mac files: \r alone
            if not cut:
                if len(data) > LONGEST_LINE:
                    raise self._not_text()
                pending = data
                continue
            pending = data[cut:]
            yield from self._decode(data[:cut]).splitlines(keepends=True)
        if pending:
            yield from self._decode(pending).splitlines(keepends=True)

    def _opening(self, block: bytes) -> bytes:
        if block.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise errors.ImportFailed(
                f"{self._name} is saved as UTF-16, which the postcode import does not read.",
                "Open it in your spreadsheet and save it as CSV UTF-8 (Comma delimited).",
            )
        if block.startswith(b"\xef\xbb\xbf"):
            self.encoding = ENCODING_UTF8_BOM
            return block[3:]
        return block

    def _decode(self, data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        self.encoding = ENCODING_CP1252
        pieces: list[str] = []
        start = 0
        while start < len(data):
            try:
                pieces.append(data[start:].decode("utf-8"))
                break
            except UnicodeDecodeError as exc:
                pieces.append(data[start : start + exc.start].decode("utf-8"))
                bad = data[start + exc.start : start + exc.end]
                pieces.append(bad.decode("cp1252", errors="replace"))
                start += exc.end
        return "".join(pieces)

    def _not_text(self) -> errors.ImportFailed:
        return errors.ImportFailed(f"{self._name} is not a CSV text file.", EXPECTED)


# Files, folders and zips ---------------------------------------------------------


def _preferred(names: list[str]) -> list[str]:
    """CSV names, those under a Data/CSV folder (as in Code-Point Open) when there are any."""
    csvs = sorted(n for n in names if n.casefold().endswith(".csv"))
    data = [n for n in csvs if "data/csv/" in n.replace("\\", "/").casefold()]
    return data or csvs


def _parts(path: Path, stack: contextlib.ExitStack) -> list[_Part]:
    if path.is_dir():
        files = {p.relative_to(path).as_posix(): p for p in path.rglob("*") if p.is_file()}
        names = _preferred(list(files))
        if not names:
            raise errors.ImportFailed(f"The folder {path} has no CSV files in it.", EXPECTED)
        return [_file_part(files[n], n) for n in names]
    if not path.exists():
        raise errors.ImportFailed(
            f"There is no file {path}.", "Check the name and folder, then try again."
        )
    try:
        with path.open("rb") as probe:
            magic = probe.read(4)
    except OSError as exc:
        raise errors.ImportFailed(
            f"{path} could not be opened ({exc.strerror}).",
            "Close it in any other program, check you may read it, then try again.",
        ) from None
    if magic != b"PK\x03\x04":
        return [_file_part(path, "")]
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
        infos = {i.filename: i for i in archive.infolist() if not i.is_dir()}
    except (zipfile.BadZipFile, OSError):
        raise errors.ImportFailed(f"{path.name} is a damaged zip file.", EXPECTED) from None
    if "xl/workbook.xml" in infos:
        raise errors.ImportFailed(
            f"{path.name} is an Excel workbook.",
            "Save the sheet as CSV UTF-8 (Comma delimited) and import that instead.",
        )
    names = _preferred(list(infos))
    if not names:
        raise errors.ImportFailed(f"{path.name} has no CSV files in it.", EXPECTED)

    def opener(name: str) -> Callable[[], IO[bytes]]:
        return lambda: archive.open(infos[name])

    return [_Part(n, infos[n].file_size, opener(n), n) for n in names]


def _file_part(path: Path, name: str) -> _Part:
    return _Part(name, path.stat().st_size, lambda: path.open("rb"), name or path.name)
