"""Spreadsheet exchange for the community asset directory: one CSV row per asset.

Reading (:func:`read_directory_csv`) never touches the database: it returns a
:class:`CsvPreview` with the drafts and every problem found, each with the row
number a spreadsheet shows (the heading row is row 1). Importing
(:func:`import_directory_csv`) adds all the drafts in one transaction or none.
Exporting (:func:`export_directory_csv`) writes UTF-8 with a byte order mark, so
Excel opens it with accents and pound signs intact, through a temporary file
that replaces the target only once it is complete.

Spreadsheet formula injection: on export a text cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return (after any apostrophes) gains a
leading apostrophe, so a spreadsheet shows it as text instead of running it; on
import one leading apostrophe before those characters is removed again. Numbers
the app writes itself (ages, latitude, longitude) are never prefixed.

The columns are described for users in ``docs/directory-csv.md``.
"""

from __future__ import annotations

import csv
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from linkworker import errors
from linkworker.domain.cell_values import (
    LIST_SEPARATOR,
    list_item,
    parse_accessibility,
    parse_coordinate,
    parse_cost,
    parse_date,
    parse_join_mode,
    parse_list,
    parse_status,
    parse_uuid,
    parse_yes_no,
    words,
)
from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    DirectoryFilter,
    JoinMode,
    Location,
    SortKey,
)
from linkworker.domain.opening_times import format_opening_times, parse_opening_times
from linkworker.domain.validation import (
    FieldError,
    parse_age,
    parse_phone,
    parse_postcode,
    parse_url,
    validate_asset,
)
from linkworker.interchange.saving import replaced_when_written
from linkworker.services.csv_reading import RowProblem, RowReader, read_table, unguard_cell
from linkworker.services.directory import DirectoryService, InvalidAsset, Progress

#: Every column the directory spreadsheet knows, in the order export writes them.
# fmt: off
COLUMNS: tuple[str, ...] = (
    "name", "organisation", "description", "categories", "tags", "cost", "cost_note",
    "join_mode", "age_min", "age_max", "eligibility", "accessibility", "languages", "status",
    "capacity_note", "waiting_list", "website", "email", "phone",
    "location_name", "address", "town", "postcode", "latitude", "longitude", "opening_times",
    "contact_name", "contact_role", "contact_phone", "contact_email",
    "last_verified_on", "verified_by", "notes", "id",
)
# fmt: on

ENCODING_UTF8 = "UTF-8"
ENCODING_UTF8_BOM = "UTF-8 with BOM"
ENCODING_CP1252 = "Windows-1252"

_SAVE_AS_CSV = (
    "Open it in your spreadsheet and save it with File > Save As > CSV UTF-8 (Comma delimited)."
)


@dataclass(frozen=True, slots=True)
class CsvPreview:
    """What a CSV file holds, checked but not saved.

    ``problems`` block the import (one entry per bad row, every reason in it);
    ``duplicates`` and ``warnings`` are for the person to look at but do not.
    ``lines`` gives the row number of each draft.
    """

    drafts: tuple[AssetDraft, ...]
    problems: tuple[RowProblem, ...]
    duplicates: tuple[RowProblem, ...]
    warnings: tuple[str, ...]
    encoding: str
    rows_read: int
    lines: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the file can be imported (duplicates do not stop it)."""
        return not self.problems


# Cell values -----------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(value: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would run as a formula."""
    if value.lstrip("'").startswith(_FORMULA_START):
        return "'" + value
    return value


# Reading ---------------------------------------------------------------------


def _normal_heading(text: str) -> str:
    return words(text.lstrip("\ufeff"))


@dataclass
class _Heading:
    """Which cell of a row holds which column."""

    index: dict[str, int]
    width: int
    blank: frozenset[int]


def _heading(cells: list[str], name: str, warnings: list[str]) -> _Heading:
    index: dict[str, int] = {}
    blank: set[int] = set()
    for i, raw in enumerate(cells):
        key = _normal_heading(raw)
        if not key:
            blank.add(i)
        elif key not in COLUMNS:
            warnings.append(f"The column “{raw.strip()}” is not one Link Worker knows; ignored.")
        elif key in index:
            raise errors.ImportFailed(
                f"{name} has two columns called “{key}”.",
                "Delete or rename one of them, then import the file again.",
            )
        else:
            index[key] = i
    if "name" not in index:
        found = ", ".join(h.strip() for h in cells if h.strip())[:200]
        raise errors.ImportFailed(
            f"{name} has no “name” column" + (f" (its first row is: {found})." if found else "."),
            "The first row must hold the column headings, including one called name. "
            "Save the file from your spreadsheet as CSV UTF-8.",
        )
    return _Heading(index, len(cells), frozenset(blank))


def _location(row: RowReader) -> tuple[Location, ...]:
    latitude = row.get("latitude", parse_coordinate, None)
    longitude = row.get("longitude", parse_coordinate, None)
    if bool(row.text("latitude")) != bool(row.text("longitude")):
        row.problems.append("latitude and longitude: give both, or neither.")
    location = Location(
        name=row.text("location_name"),
        address=row.text("address"),
        town=row.text("town"),
        postcode=row.normalised("postcode", parse_postcode),
        latitude=latitude,
        longitude=longitude,
    )
    return () if location == Location() else (location,)


def _contact(row: RowReader) -> tuple[Contact, ...]:
    contact = Contact(
        name=row.text("contact_name"),
        role=row.text("contact_role"),
        phone=row.normalised("contact_phone", parse_phone),
        email=row.text("contact_email"),
    )
    return () if contact == Contact() else (contact,)


def _age(what: str) -> Callable[[str], int | None]:
    return lambda text: parse_age(text, what)


def draft_from_cells(cells: dict[str, str]) -> tuple[AssetDraft, list[str]]:
    """A draft from one row's cells (keyed by column), and every problem with them."""
    row = RowReader(cells)
    draft = AssetDraft(
        id=row.get("id", parse_uuid, None),
        name=row.text("name"),
        organisation=row.text("organisation"),
        description=row.text("description"),
        categories=parse_list(row.text("categories")),
        tags=parse_list(row.text("tags")),
        cost=row.get("cost", parse_cost, Cost.FREE),
        cost_note=row.text("cost_note"),
        join_mode=row.get("join_mode", parse_join_mode, JoinMode.DROP_IN),
        age_min=row.get("age_min", _age("The youngest age"), None),
        age_max=row.get("age_max", _age("The oldest age"), None),
        eligibility=row.text("eligibility"),
        accessibility=row.get("accessibility", parse_accessibility, ()),
        languages=parse_list(row.text("languages")),
        status=row.get("status", parse_status, AssetStatus.ACTIVE),
        capacity_note=row.text("capacity_note"),
        waiting_list=row.get("waiting_list", parse_yes_no, False),
        website=row.normalised("website", parse_url),
        email=row.text("email"),
        phone=row.normalised("phone", parse_phone),
        locations=_location(row),
        opening_times=row.get("opening_times", parse_opening_times, ()),
        contacts=_contact(row),
        last_verified_on=row.get("last_verified_on", parse_date, None),
        verified_by=row.text("verified_by"),
        notes=row.text("notes"),
    )
    problems = row.problems + [_field_message(e, draft) for e in validate_asset(draft)]
    return draft, problems


def _field_message(error: FieldError, draft: AssetDraft) -> str:
    """A validation error named by its CSV column."""
    if error.field == "name" and not draft.name.strip():
        return "The name is missing: every row needs one."
    column = re.sub(r"\[\d+\]", "", error.field)
    column = {
        "locations.postcode": "postcode",
        "locations.latitude": "latitude",
        "locations.longitude": "longitude",
        "contacts.email": "contact_email",
        "contacts.phone": "contact_phone",
    }.get(column, column)
    return f"{column}: {error.message}"


def _cells(record: list[str], heading: _Heading) -> tuple[dict[str, str], bool, bool]:
    """The row's known cells, and whether it has stray values past or between the headings."""
    values = [unguard_cell(c.strip()).strip() for c in record]
    cells = {
        column: values[i] for column, i in heading.index.items() if i < len(values) and values[i]
    }
    overflow = any(values[heading.width :])
    unheaded = any(values[i] for i in heading.blank if i < len(values))
    return cells, overflow, unheaded


def read_directory_csv(path: Path) -> CsvPreview:
    """Read and check a directory spreadsheet saved as CSV; nothing is saved.

    Raises :class:`~linkworker.errors.ImportFailed` when the file cannot be read
    as a CSV with a ``name`` column; problems with single rows are reported in
    the preview instead, every one of them.
    """
    path = Path(path)
    table = read_table(path, lambda row: "name" in (_normal_heading(h) for h in row))
    encoding = table.encoding

    drafts: list[AssetDraft] = []
    lines: list[int] = []
    problems: list[RowProblem] = []
    duplicates: list[RowProblem] = []
    warnings: list[str] = list(table.notes)
    seen_names: dict[tuple[str, str], int] = {}
    seen_ids: dict[uuid.UUID, int] = {}
    heading: _Heading | None = None
    rows_read = 0
    unheaded_warned = False

    for line, record in table.records:
        if heading is None:
            if any(c.strip() for c in record):
                heading = _heading(record, path.name, warnings)
            continue
        if not any(c.strip() for c in record):
            continue
        rows_read += 1
        cells, overflow, unheaded = _cells(record, heading)
        draft, reasons = draft_from_cells(cells)
        if overflow:
            reasons.append(
                "This row has more cells than there are headings: "
                "a value with a comma in it may be missing its quote marks."
            )
        if unheaded and not unheaded_warned:
            unheaded_warned = True
            warnings.append(f"Row {line} has values in a column with no heading; ignored.")
        if draft.id is not None:
            if draft.id in seen_ids:
                reasons.append(f"id: the same id as row {seen_ids[draft.id]}.")
            seen_ids.setdefault(draft.id, line)
        if reasons:
            problems.append(RowProblem(line, "; ".join(r.rstrip(".") for r in reasons) + "."))
            continue
        drafts.append(draft)
        lines.append(line)
        postcode = draft.locations[0].postcode if draft.locations else ""
        key = (" ".join(draft.name.split()).casefold(), postcode)
        if key in seen_names:
            where = f"postcode {postcode}" if postcode else "no postcode"
            duplicates.append(
                RowProblem(
                    line,
                    f"“{draft.name}” ({where}) is also on row {seen_names[key]}: "
                    "is it listed twice?",
                )
            )
        else:
            seen_names[key] = line

    if heading is None:  # only empty cells, such as a row of commas
        raise errors.ImportFailed(f"{path.name} has no column headings.", _SAVE_AS_CSV)
    if rows_read == 0:
        warnings.append("The file has column headings but no rows of assets.")
    return CsvPreview(
        drafts=tuple(drafts),
        problems=tuple(problems),
        duplicates=tuple(duplicates),
        warnings=tuple(warnings),
        encoding=encoding,
        rows_read=rows_read,
        lines=tuple(lines),
    )


# Importing -------------------------------------------------------------------


def import_directory_csv(
    directory: DirectoryService, preview: CsvPreview, progress: Progress | None = None
) -> int:
    """Add every asset of a checked file in one go: all of them, or none.

    Refuses a preview with problems, or one whose ids are already in the
    directory (a file exported from here, imported again).
    """
    if preview.problems:
        first = preview.problems[0]
        raise errors.ImportFailed(
            f"Nothing was imported: {len(preview.problems)} rows need correcting "
            f"(the first is row {first.line}: {first.message}).",
            "Correct them in your spreadsheet, save it as CSV again, and import it again.",
        )
    lines = preview.lines or tuple(range(2, len(preview.drafts) + 2))
    existing = _existing_ids(directory) if any(d.id for d in preview.drafts) else set()
    clashes = [
        line for draft, line in zip(preview.drafts, lines, strict=False) if draft.id in existing
    ]
    if clashes:
        rows = ", ".join(str(n) for n in clashes[:10]) + (" ..." if len(clashes) > 10 else "")
        raise errors.ImportFailed(
            f"Nothing was imported: rows {rows} have ids of assets already in the directory.",
            "The file looks like an export from here. To add its rows as new assets, "
            "delete the id column first.",
        )
    try:
        return directory.add_many(preview.drafts, progress)
    except InvalidAsset as exc:  # a preview built by hand, not by read_directory_csv
        raise errors.ImportFailed(f"Nothing was imported: {exc.message}", exc.advice) from exc


def _existing_ids(directory: DirectoryService) -> set[uuid.UUID]:
    """The id of every asset in the directory, archived ones included (one query)."""
    everything = DirectoryFilter(include_archived=True)
    return {row.id for row in directory.search(everything, SortKey.NAME, limit=2**62).rows}


# Exporting -------------------------------------------------------------------


def _join(items: Iterable[str]) -> str:
    return f"{LIST_SEPARATOR} ".join(list_item(i) for i in items if list_item(i))


def _number(value: float | int | None) -> str:
    return "" if value is None else repr(value)


def row_from_draft(draft: AssetDraft, asset_id: uuid.UUID | None = None) -> list[str]:
    """One asset as cells in :data:`COLUMNS` order (first location and contact only)."""
    loc = draft.locations[0] if draft.locations else Location()
    contact = draft.contacts[0] if draft.contacts else Contact()
    the_id = asset_id or draft.id
    text = {
        "name": draft.name,
        "organisation": draft.organisation,
        "description": draft.description,
        "categories": _join(draft.categories),
        "tags": _join(draft.tags),
        "cost": draft.cost.value,
        "cost_note": draft.cost_note,
        "join_mode": draft.join_mode.value,
        "eligibility": draft.eligibility,
        "accessibility": _join(draft.accessibility),
        "languages": _join(draft.languages),
        "status": draft.status.value,
        "capacity_note": draft.capacity_note,
        "waiting_list": "yes" if draft.waiting_list else "no",
        "website": draft.website,
        "email": draft.email,
        "phone": draft.phone,
        "location_name": loc.name,
        "address": loc.address,
        "town": loc.town,
        "postcode": loc.postcode,
        "opening_times": format_opening_times(draft.opening_times),
        "contact_name": contact.name,
        "contact_role": contact.role,
        "contact_phone": contact.phone,
        "contact_email": contact.email,
        "last_verified_on": draft.last_verified_on.isoformat() if draft.last_verified_on else "",
        "verified_by": draft.verified_by,
        "notes": draft.notes,
    }
    numbers = {
        "age_min": _number(draft.age_min),
        "age_max": _number(draft.age_max),
        "latitude": _number(loc.latitude),
        "longitude": _number(loc.longitude),
        "id": str(the_id) if the_id else "",
    }
    return [guard_cell(text[c]) if c in text else numbers[c] for c in COLUMNS]


def export_directory_csv(
    directory: DirectoryService, path: Path, flt: DirectoryFilter = DirectoryFilter()
) -> int:
    """Write the matching assets to ``path`` as CSV (UTF-8 with BOM); returns how many.

    The file is written next to ``path`` under a temporary name and moved into
    place only when complete, so a failure leaves any existing file as it was.
    """
    count = 0
    with replaced_when_written(Path(path), encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for detail in directory.details(flt):
            writer.writerow(row_from_draft(detail.draft, detail.id))
            count += 1
    return count
