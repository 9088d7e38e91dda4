"""Reading a spreadsheet file into rows of cells, whatever it was saved as.

Shared by the importers. :func:`read_table` opens a CSV file (UTF-8, UTF-8 with
a byte order mark, Windows-1252 or UTF-16; comma, semicolon or tab separated,
with an optional Excel ``sep=`` line) or an Excel ``.xlsx`` workbook (its first
sheet, read with the standard library only) and yields each record with the row
number a spreadsheet shows, the heading row included. Files that cannot be read
raise :class:`~linkworker.errors.ImportFailed` with advice on what to do.

Cells written with a guarding apostrophe (``'=SUM(...)``, ``'+44 ...``, added so
a spreadsheet shows them as text instead of running them) lose that apostrophe
again: see :func:`unguard_cell`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TypeVar
from xml.etree import ElementTree

from linkworker import errors
from linkworker.domain.validation import InvalidValue
from linkworker.interchange.tabular_sources import unclosed_quote, unclosed_quote_line

ENCODING_UTF8 = "UTF-8"
ENCODING_UTF8_BOM = "UTF-8 with BOM"
ENCODING_CP1252 = "Windows-1252"
ENCODING_UTF16 = "UTF-16"
FORMAT_XLSX = "Excel workbook"

SAVE_AS_CSV = (
    "Open it in your spreadsheet and save it with File > Save As > CSV UTF-8 (Comma delimited)."
)

#: A workbook whose parts unpack to more than this is refused (a "zip bomb" guard).
MAX_XLSX_BYTES = 200 * 1024 * 1024
#: Columns and rows (with something in them) read from a workbook's sheet, at most.
MAX_COLUMNS = 256
MAX_ROWS = 200_000


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Something wrong with one row; ``line`` is the row number a spreadsheet shows."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Table:
    """The records of a file, each with its row number, and what the file was saved as."""

    records: Iterator[tuple[int, list[str]]]
    encoding: str
    notes: tuple[str, ...] = ()


def normal_heading(text: str) -> str:
    """``Date of birth (DD/MM/YYYY)`` -> ``date_of_birth``; ``NHS No.`` -> ``nhs_no``."""
    text = re.sub(r"\([^)]*\)", " ", text.lstrip("\ufeff"))
    return re.sub(r"[^0-9a-z]+", "_", text.strip().casefold()).strip("_")


_GUARDED = re.compile(r"^'+[=+\-@\t\r]")


def unguard_cell(value: str) -> str:
    """Drop one apostrophe that an export put before a formula character."""
    return value[1:] if _GUARDED.match(value) else value


def read_table(path: Path, is_heading: Callable[[list[str]], bool]) -> Table:
    """The records of a CSV file or ``.xlsx`` workbook.

    ``is_heading`` says whether a row of cells looks like the heading row; it
    chooses between comma, semicolon and tab when the file does not say.
    """
    path = Path(path)
    data = read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(data, path.name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise errors.ImportFailed(
            f"{path.name} is an old-style Excel workbook (.xls) or a password-protected one, "
            "which Link Worker does not read.",
            "Open it in your spreadsheet, remove any password, and save it as "
            "CSV UTF-8 (Comma delimited) or as an Excel workbook (.xlsx).",
        )
    text, encoding = decode_text(data, path.name)
    return Table(csv_records(text, path.name, is_heading), encoding, encoding_notes(text, encoding))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise errors.ImportFailed(
            f"There is no file {path}.", "Check the name and folder, then try again."
        ) from None
    except IsADirectoryError:
        raise errors.ImportFailed(
            f"{path} is a folder, not a file.", "Choose the spreadsheet file itself."
        ) from None
    except OSError as exc:
        raise errors.ImportFailed(
            f"{path} could not be opened ({exc.strerror}).",
            "Close it in any other program, check you may read it, then try again.",
        ) from None


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in."""
    unreadable = errors.ImportFailed(
        f"{name} is not a text file Link Worker can read.", SAVE_AS_CSV
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode("utf-16"), ENCODING_UTF16
        except UnicodeDecodeError:
            raise unreadable from None
    elif data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = data[3:].decode("utf-8"), ENCODING_UTF8_BOM
        except UnicodeDecodeError:
            raise errors.ImportFailed(
                f"{name} says it is UTF-8 but has characters that are not.", SAVE_AS_CSV
            ) from None
    else:
        try:
            text, encoding = data.decode("utf-8"), ENCODING_UTF8
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), ENCODING_CP1252
            except UnicodeDecodeError:
                raise unreadable from None
    if "\x00" in text:
        raise unreadable
    if not text.strip():
        raise errors.ImportFailed(
            f"{name} is empty.",
            "Save the sheet from your spreadsheet as CSV UTF-8, "
            "with the column headings in the first row.",
        )
    return text, encoding


#: Two or three characters that are one UTF-8 character read as Windows-1252 ("Ã©" for "é").
_MISREAD = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]{1,3}"
)

#: Signs a keyboard or a word processor types beyond the Latin letters.
_TYPED_SIGNS = "‘’“”–—…€•™"


def encoding_notes(text: str, encoding: str) -> tuple[str, ...]:
    """What to tell about text that is not in the encoding it was read as.

    UTF-8 read as Windows-1252 (or saved again after that) shows as pairs such
    as "Ã©" for "é"; a character already lost before saving shows as "�".
    Either way names with accents may be wrong, so it is said, with an example.
    """
    notes: list[str] = []
    for found in _MISREAD.finditer(text):
        try:
            meant = found.group().encode("cp1252").decode("utf-8")
        except UnicodeError:
            continue
        if not all(ord(c) < 0x250 or c in _TYPED_SIGNS for c in meant):
            continue  # not a character anyone meant ("Ö’" is UTF-8 for a Hebrew letter)
        notes.append(
            f"Some text looks garbled, such as “{found.group()}” where “{meant}” was meant: "
            f"the file was read as {encoding} but parts of it were saved differently. "
            "Check names with accents after importing, or save it again as CSV UTF-8."
        )
        break
    if "\ufffd" in text:
        notes.append(
            "Some characters were lost before the file was saved and show as “\ufffd”. "
            "Check names with accents after importing."
        )
    return tuple(notes)


def _delimiter(header_line: str, is_heading: Callable[[list[str]], bool]) -> str:
    for delimiter in (",", ";", "\t"):
        row = next(csv.reader([header_line], delimiter=delimiter), [])
        if is_heading(row):
            return delimiter
    return ","


def csv_records(
    text: str, name: str, is_heading: Callable[[list[str]], bool]
) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every record of CSV text, the heading row included.

    A quotation mark that is never closed makes every row after it one cell of
    the last record; the file is refused (:func:`.unclosed_quote`), not read.
    """
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    skip = False
    sep = re.fullmatch(r'"?sep=([,;\t|])"?,*', lines[first].strip(), re.I) if lines else None
    if sep:
        delimiter, skip = sep.group(1), True
    else:
        delimiter = _delimiter(lines[first] if lines else "", is_heading)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    row = 0
    pending: tuple[int, list[str]] | None = None
    started = 1  # the line the pending record starts on
    try:
        while True:
            line = reader.line_num + 1
            record = next(reader, None)
            if record is None:
                break
            if skip and any(c.strip() for c in record):
                skip = False
                continue
            row += 1
            if pending is not None:
                yield pending
            pending, started = (row, record), line
    except csv.Error as exc:
        raise errors.ImportFailed(
            f"{name} could not be read as CSV at row {row + 1} ({exc}).",
            "Check that every quote mark in that row has a partner, then save it again as CSV.",
        ) from None
    if pending is not None:
        opened = unclosed_quote_line(
            pending[1],
            started,
            reader.line_num,
            lambda: "".join(io.StringIO(text, newline="").readlines()[started - 1 :]),
            delimiter,
        )
        if opened is not None:
            raise unclosed_quote(name, opened)
        yield pending


T = TypeVar("T")


class RowReader:
    """Parses the cells of one row, collecting every problem instead of stopping.

    ``written`` maps a column to its heading as the file wrote it, so messages use
    the person's own words ("Date of birth: ..."); without it, the column's name.
    """

    def __init__(self, cells: dict[str, str], written: dict[str, str] | None = None) -> None:
        self.cells = cells
        self.written = written or {}
        self.problems: list[str] = []

    def label(self, column: str) -> str:
        return self.written.get(column, column)

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def get(self, column: str, parse: Callable[[str], T], default: T) -> T:
        raw = self.text(column)
        if not raw:
            return default
        try:
            return parse(raw)
        except InvalidValue as exc:
            self.problems.append(f"{self.label(column)}: {exc}")
            return default

    def normalised(self, column: str, parse: Callable[[str], str]) -> str:
        """The value tidied by ``parse`` when it is valid, else as typed (validation reports it)."""
        raw = self.text(column)
        try:
            return parse(raw) if raw else ""
        except InvalidValue:
            return raw


# Excel workbooks -------------------------------------------------------------

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Built-in number formats that show a date (ECMA-376 part 1, 18.8.30).
_DATE_FORMATS = frozenset({14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57})
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")


def _broken_workbook(name: str) -> errors.ImportFailed:
    return errors.ImportFailed(
        f"{name} looks like an Excel workbook but could not be read.",
        "Open it in your spreadsheet and save it again as an Excel workbook (.xlsx), "
        "or as CSV UTF-8 (Comma delimited).",
    )


def read_xlsx(data: bytes, name: str) -> Table:
    """The first sheet of an ``.xlsx`` workbook as text cells, with Excel's row numbers.

    Dates come out as ``YYYY-MM-DD``; whole numbers without ``.0``; formulas as
    the value Excel last worked out.
    """
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in book.infolist()) > MAX_XLSX_BYTES:
            raise errors.ImportFailed(
                f"{name} is too big to read "
                f"({MAX_XLSX_BYTES // 1024 // 1024} MB unpacked at most).",
                "Save the sheet as CSV UTF-8 (Comma delimited) and import that instead.",
            )
        names = set(book.namelist())
        if "xl/workbook.xml" not in names:
            raise errors.ImportFailed(
                f"{name} is a zip file but not an Excel workbook (.xlsx).",
                "Choose the spreadsheet itself, saved as CSV UTF-8 or as an Excel workbook.",
            )
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        sheets = workbook.findall(f"{_MAIN}sheets/{_MAIN}sheet")
        if not sheets:
            raise _broken_workbook(name)
        pr = workbook.find(f"{_MAIN}workbookPr")
        date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
        sheet_path = _sheet_path(book, names, sheets[0].get(f"{_REL}id", ""))
        shared = _shared_strings(book, names)
        date_styles = _date_styles(book, names)
        with book.open(sheet_path) as sheet:
            rows = list(_sheet_rows(sheet, shared, date_styles, date1904, name))
    except errors.ImportFailed:
        raise
    except (
        zipfile.BadZipFile,
        KeyError,
        IndexError,
        ElementTree.ParseError,
        ValueError,
        OSError,
        RuntimeError,  # an encrypted part
        NotImplementedError,  # a compression method zipfile lacks
        EOFError,
    ):
        raise _broken_workbook(name) from None
    if not any(any(c.strip() for c in cells) for _, cells in rows):
        raise errors.ImportFailed(
            f"{name} has nothing in its first sheet.",
            "Put the column headings in the first row of the first sheet, then save it again.",
        )
    notes: tuple[str, ...] = ()
    if len(sheets) > 1:
        notes = (f"Only the first sheet, “{sheets[0].get('name', '')}”, was read.",)
    return Table(iter(rows), FORMAT_XLSX, notes)


def _sheet_path(book: zipfile.ZipFile, names: set[str], rel_id: str) -> str:
    rels_name = "xl/_rels/workbook.xml.rels"
    if rels_name in names:
        for rel in ElementTree.fromstring(book.read(rels_name)).iter(f"{_PKG_REL}Relationship"):
            if rel.get("Id") == rel_id:
                target = rel.get("Target", "")
                if target.startswith("/"):
                    path = target.lstrip("/")
                else:
                    parts: list[str] = []
                    for part in PurePosixPath("xl", target).parts:
                        if part == "..":
                            if parts:
                                parts.pop()
                        elif part != ".":
                            parts.append(part)
                    path = "/".join(parts)
                if path in names:
                    return path
    return "xl/worksheets/sheet1.xml"


def _text_of(element: ElementTree.Element) -> str:
    """The text of a string item: its ``t`` runs, without the phonetic ``rPh`` ones."""
    direct = element.find(f"{_MAIN}t")
    if direct is not None:
        return direct.text or ""
    return "".join(t.text or "" for r in element.findall(f"{_MAIN}r") for t in r.iter(f"{_MAIN}t"))


def _shared_strings(book: zipfile.ZipFile, names: set[str]) -> list[str]:
    if "xl/sharedStrings.xml" not in names:
        return []
    root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
    return [_text_of(si) for si in root.findall(f"{_MAIN}si")]


def _date_styles(book: zipfile.ZipFile, names: set[str]) -> frozenset[int]:
    """The indexes of the cell styles that show a number as a date."""
    if "xl/styles.xml" not in names:
        return frozenset()
    root = ElementTree.fromstring(book.read("xl/styles.xml"))
    date_formats = set(_DATE_FORMATS)
    for fmt in root.iter(f"{_MAIN}numFmt"):
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", fmt.get("formatCode", "")).lower()
        if re.search(r"[dy]", code) or re.search(r"m{3,}", code):
            date_formats.add(int(fmt.get("numFmtId", "-1")))
    xfs = root.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return frozenset()
    return frozenset(
        i
        for i, xf in enumerate(xfs.findall(f"{_MAIN}xf"))
        if int(xf.get("numFmtId", "0")) in date_formats
    )


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - ord("A") + 1
    return index - 1


def _number_text(value: str, is_date: bool, date1904: bool) -> str:
    number = float(value)
    if is_date and 0 <= number < 2_958_466:  # up to 9999-12-31
        epoch = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
        return (epoch + dt.timedelta(days=int(number))).isoformat()
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return value


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _too_wide(name: str, column: str, row: int) -> errors.ImportFailed:
    return errors.ImportFailed(
        f"{name} is too wide to read: cell {column}{row} has something in it, beyond the "
        f"{MAX_COLUMNS} columns (A to {_column_letters(MAX_COLUMNS - 1)}) Link Worker reads.",
        f"Delete what is in column {column} and any columns after the table, save the file, "
        "and import it again.",
    )


def _too_long(name: str) -> errors.ImportFailed:
    return errors.ImportFailed(
        f"{name} has more than {MAX_ROWS:,} rows, more than Link Worker reads from a workbook.",
        "Split it into smaller files, or save it as CSV UTF-8 (Comma delimited) and import that.",
    )


def _sheet_rows(
    sheet: IO[bytes],
    shared: list[str],
    date_styles: frozenset[int],
    date1904: bool,
    name: str,
) -> Iterator[tuple[int, list[str]]]:
    """Each row of the sheet with something in it, read one row at a time.

    Only the first :data:`MAX_COLUMNS` columns are kept: an empty cell beyond them
    is ignored, a filled one refuses the file (:func:`_too_wide`), so a single cell
    in the last column cannot make every row sixteen thousand cells long.
    """
    last_row = rows = 0
    for _, row in ElementTree.iterparse(sheet):
        if row.tag != f"{_MAIN}row":
            continue
        number = int(row.get("r") or last_row + 1)
        last_row = number
        cells: dict[int, str] = {}
        next_col = 0
        for cell in row.iter(f"{_MAIN}c"):
            ref = _CELL_REF.search(cell.get("r", ""))
            col = _column_index(ref.group(1)) if ref else next_col
            next_col = col + 1
            text = _cell_text(cell, shared, date_styles, date1904)
            if col >= MAX_COLUMNS:
                if text.strip():
                    raise _too_wide(name, _column_letters(col), number)
                continue
            cells[col] = text
        row.clear()
        if not cells:
            continue
        rows += 1
        if rows > MAX_ROWS:
            raise _too_long(name)
        width = max(cells) + 1
        yield number, [cells.get(i, "") for i in range(width)]


def _cell_text(
    cell: ElementTree.Element, shared: list[str], date_styles: frozenset[int], date1904: bool
) -> str:
    kind = cell.get("t", "n")
    value = cell.find(f"{_MAIN}v")
    raw = (value.text or "") if value is not None else ""
    if kind == "s" and raw:
        return shared[int(raw)]
    if kind == "inlineStr":
        inline = cell.find(f"{_MAIN}is")
        return _text_of(inline) if inline is not None else ""
    if kind == "b":
        return "yes" if raw == "1" else "no" if raw == "0" else raw
    if kind == "n" and raw:
        return _number_text(raw, int(cell.get("s", "0")) in date_styles, date1904)
    # str (formula text), e (an error such as #N/A), d (ISO date)
    return raw[:10] if kind == "d" and "T00:00" in raw else raw
