"""Bringing an existing caseload in from a spreadsheet: one row per person.

Reading (:func:`read_people_csv`) never touches the database. It accepts a CSV
file (UTF-8, with or without a byte order mark, Windows-1252 or UTF-16) or an
Excel ``.xlsx`` workbook, and returns a :class:`PeopleCsvPreview` with a
:class:`~linkworker.domain.people.PersonDraft` (and an
:class:`~linkworker.domain.people.EpisodeDraft` when the row has a referral
date) for every good row, and every problem with every bad row, each with the
row number the spreadsheet shows (the heading row is row 1).

:func:`check_against_caseload` lists rows that may be people already on the
caseload; :func:`import_people_csv` adds every row in one transaction, or none.

The columns are described for users in ``docs/people-csv.md``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from linkworker import errors
from linkworker.domain.cell_values import parse_list, parse_yes_no
from linkworker.domain.names import query_words
from linkworker.domain.people import (
    EpisodeDraft,
    GpPractice,
    PersonDraft,
    UndatedReferral,
    Urgency,
)
from linkworker.domain.person_validation import (
    format_nhs_number,
    parse_nhs_number,
    parse_ods_code,
    validate_episode,
    validate_person,
)
from linkworker.domain.validation import FieldError, InvalidValue, parse_phone, parse_postcode
from linkworker.services.csv_reading import (
    RowProblem,
    RowReader,
    normal_heading,
    read_table,
    unguard_cell,
)
from linkworker.services.people import InvalidPerson, PeopleService, Progress, RowExtras
from linkworker.services.people_csv_cells import (
    NO_FIXED_ADDRESS,
    parse_referrer,
    parse_uk_date,
    read_reasons,
    read_urgency,
    split_full_name,
)
from linkworker.services.people_csv_cells import key as _key
from linkworker.services.people_csv_needs import (
    NEEDS_ALIASES,
    NEEDS_COLUMNS,
    read_needs_cells,
)

__all__ = [
    "COLUMNS",
    "PLACEHOLDER_PERSON_ID",
    "PeopleCsvPreview",
    "RowProblem",
    "check_against_caseload",
    "import_people_csv",
    "parse_referrer",
    "parse_uk_date",
    "read_people_csv",
]


Row = tuple[PersonDraft, EpisodeDraft | None]


#: Every column the people spreadsheet knows, in the order the guide lists them.
# fmt: off
COLUMNS: tuple[str, ...] = (
    "given_name", "family_name", "preferred_name", "date_of_birth", "nhs_number",
    "address", "postcode", "no_fixed_address", "phone", "email",
    "gender", "ethnicity", "is_carer", "is_cared_for", *NEEDS_COLUMNS,
    "what_matters", "interests", "strengths", "notes",
    "gp_practice", "gp_practice_address", "gp_practice_postcode", "gp_practice_code",
    "referral_date", "referred_by", "referrer_name", "referral_reasons", "referral_notes",
    "urgency", "link_worker",
)
# fmt: on

#: A whole name in one cell, split into first and family names when neither has a column.
FULL_NAME = "name"

#: Other headings people use, each meaning one of :data:`COLUMNS`.
ALIASES: dict[str, str] = {
    alias: column
    for column, aliases in {
        "given_name": "first_name firstname forename forenames given_names first_names given "
        "christian_name",
        "family_name": "surname last_name lastname family second_name",
        "preferred_name": "known_as preferred likes_to_be_called nickname",
        "date_of_birth": "dob d_o_b birth_date birthdate born date_born",
        "nhs_number": "nhs_no nhs nhs_num nhsno nhsnumber nhs_no_",
        "address": "home_address street_address",
        "postcode": "post_code postal_code",
        "no_fixed_address": "nfa no_fixed_abode",
        "phone": "telephone tel phone_number telephone_number mobile mobile_number "
        "contact_number phone_no tel_no",
        "email": "email_address e_mail",
        "gender": "sex gender_identity",
        "ethnicity": "ethnic_group ethnic_origin ethnic_background",
        "is_carer": "carer is_a_carer carer_status caring_responsibilities unpaid_carer "
        "cares_for_someone",
        "is_cared_for": "cared_for has_a_carer has_carer is_cared_for_ cared_for_by",
        **NEEDS_ALIASES,
        "what_matters": "what_matters_to_me what_matters_to_you what_matters_most",
        "interests": "interest hobbies",
        "strengths": "strength",
        "notes": "note comments comment",
        "gp_practice": "gp gp_surgery surgery registered_gp gp_practice_name practice",
        "gp_practice_address": "gp_address surgery_address practice_address",
        "gp_practice_postcode": "gp_postcode surgery_postcode practice_postcode",
        "gp_practice_code": "ods_code practice_code gp_code gp_practice_ods_code",
        "referral_date": "referred_on date_referred date_of_referral referral_received "
        "referral_received_date date_received",
        "referred_by": "referrer referral_source source_of_referral referred_from who_referred",
        "referrer_name": "referrer_details referring_person",
        "referral_reasons": "reasons reason referral_reason reason_for_referral "
        "reasons_for_referral",
        "referral_notes": "reason_notes referral_details about_the_referral referral_comments "
        "referral_note notes_on_referral",
        "link_worker": "worker allocated_to assigned_to",
    }.items()
    for alias in aliases.split()
} | {"full_name": FULL_NAME, "client_name": FULL_NAME, "patient_name": FULL_NAME}

#: The column of each of the GP practice's fields, as validation names them.
_PRACTICE_COLUMNS = {
    "gp_practice.name": "gp_practice",
    "gp_practice.postcode": "gp_practice_postcode",
    "gp_practice.ods_code": "gp_practice_code",
}
_NAME_COLUMNS = frozenset({"given_name", "family_name", "preferred_name", FULL_NAME})
_REFERRAL_DETAILS = (
    "referred_by",
    "referrer_name",
    "referral_reasons",
    "referral_notes",
    "urgency",
)
#: Fields whose unreadable values are kept in the notes as written, not refused.
_KEPT_IN_NOTES = {
    "postcode": "postcode",
    "phone": "phone",
    "email": "email",
    "gp_practice.postcode": "gp_practice_postcode",
    "gp_practice.ods_code": "gp_practice_code",
}

#: Stands in for the person's id in an import's episodes; the service replaces it.
PLACEHOLDER_PERSON_ID = uuid.UUID(int=0)


@dataclass(frozen=True, slots=True)
class PeopleCsvPreview:
    """What a people spreadsheet holds, checked but not saved.

    ``problems`` block the import (one entry per bad row, every reason in it);
    ``duplicates`` and ``warnings`` are for the person to look at but do not.
    ``lines`` gives the row number of each of ``rows``.
    """

    rows: tuple[Row, ...]
    problems: tuple[RowProblem, ...]
    duplicates: tuple[RowProblem, ...]
    warnings: tuple[str, ...]
    encoding: str
    rows_read: int
    lines: tuple[int, ...] = ()
    #: One a row of ``rows`` (or none): what suits them and any referral with no date.
    extras: tuple[RowExtras, ...] = ()
    #: Rows whose needs were kept as written, each with what was recognised, to confirm.
    to_confirm: tuple[RowProblem, ...] = ()
    #: Rows whose needs disagree with themselves ("free only" and "happy to pay").
    conflicts: tuple[RowProblem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the file can be imported (duplicates do not stop it)."""
        return not self.problems

    @property
    def undated(self) -> int:
        """How many rows bring a referral with no date (kept for the worker to date)."""
        return sum(1 for extra in self.extras if extra.undated is not None)

    @property
    def episodes(self) -> int:
        """How many rows bring a referral with them."""
        return sum(1 for _, episode in self.rows if episode is not None)


# Headings --------------------------------------------------------------------


def _column_for(heading: str) -> str | None:
    key = normal_heading(heading)
    if key in COLUMNS or key == FULL_NAME:
        return key
    return ALIASES.get(key)


def _is_heading(cells: list[str]) -> bool:
    return any(_column_for(cell) in _NAME_COLUMNS for cell in cells)


@dataclass
class _Heading:
    """Which cell holds which column, and the heading as the file spells it."""

    index: dict[str, int]
    written: dict[str, str]
    width: int
    blank: frozenset[int]


def _heading(cells: list[str], name: str, warnings: list[str]) -> _Heading:
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    blank: set[int] = set()
    for i, raw in enumerate(cells):
        shown = " ".join(raw.lstrip("\ufeff").split())
        if not shown:
            blank.add(i)
            continue
        column = _column_for(raw)
        if column is None:
            warnings.append(f"The column “{shown}” is not one Link Worker knows; ignored.")
        elif column in index:
            raise errors.ImportFailed(
                f"{name} has two columns for {column}: “{written[column]}” and “{shown}”.",
                "Delete or rename one of them, then import the file again.",
            )
        else:
            index[column] = i
            written[column] = shown
    if FULL_NAME in index and ({"given_name", "family_name"} & index.keys()):
        warnings.append(
            f"The column “{written[FULL_NAME]}” is ignored: the file has separate "
            "first and family name columns."
        )
        del index[FULL_NAME]
    elif FULL_NAME in index:
        warnings.append(
            f"The names in “{written[FULL_NAME]}” were split into first and family names. "
            "Check names of more than two words, such as “Mary Ann Hart”, in the preview."
        )
    if not _NAME_COLUMNS & index.keys():
        found = ", ".join(h.strip() for h in cells if h.strip())[:200]
        raise errors.ImportFailed(
            f"{name} has no name column" + (f" (its first row is: {found})." if found else "."),
            "The first row must hold the column headings, including given_name and "
            "family_name (or First name and Surname). Save the file from your spreadsheet "
            "as CSV UTF-8.",
        )
    return _Heading(index, written, len(cells), frozenset(blank))


# Rows ------------------------------------------------------------------------


def _spreadsheet_hint(column: str, raw: str) -> str | None:
    """A better message for values a spreadsheet has mangled, or None."""
    if column == "nhs_number" and re.fullmatch(r"[0-9.]+[eE]\+?[0-9]+", raw.strip()):
        return (
            f"“{raw.strip()}” is an NHS number your spreadsheet turned into a number. "
            "Format the column as Text, type the number again and save."
        )
    if column == "phone":
        digits = raw.strip()
        if digits.isdecimal() and digits.isascii() and len(digits) in (9, 10) and digits[0] != "0":
            return (
                f"“{digits}” has lost its leading 0, probably in a spreadsheet. "
                "Format the column as Text and type it again, like 01632 960123."
            )
    return None


@dataclass
class RowRead:
    """What one row gave: the person, a dated referral or one with no date, and notes.

    ``problems`` turn the row back; ``kept`` says what was kept as written and
    recognised (for the worker to confirm), ``conflicts`` where the row disagrees
    with itself; ``other_reasons`` are referral reasons not in the usual list.
    """

    person: PersonDraft
    episode: EpisodeDraft | None
    extras: RowExtras
    problems: list[str]
    other_reasons: list[str]
    kept: list[str]
    conflicts: list[str]


def _yes_no_or_words(row: RowReader, column: str, kept: list[str]) -> bool:
    """A yes/no column; other words are read as yes unless they say no, and kept as written."""
    text = row.text(column)
    if not text:
        return False
    try:
        return parse_yes_no(text)
    except InvalidValue:
        kept.append(f"{row.label(column)}: “{text}”")
        return not re.match(r"\s*(?:no|not|none|n/?a)\b", text, re.IGNORECASE)


def read_row(
    cells: dict[str, str], written: dict[str, str] | None = None, today: dt.date | None = None
) -> RowRead:
    """Read one row (``cells`` keyed by column, see :data:`COLUMNS`).

    ``written`` gives each column's heading as the file spells it, used in the
    messages. Only what would corrupt the record turns the row back: an NHS
    number that fails its check, a date that does not exist or cannot be read
    safely, a missing name. Anything else is kept as written and said.
    """
    row = RowReader(cells, written or {})
    kept: list[str] = []
    given, family = row.text("given_name"), row.text("family_name")
    if FULL_NAME in cells and not given and not family:
        given, family = split_full_name(cells[FULL_NAME])
    address, postcode = row.text("address"), row.normalised("postcode", parse_postcode)
    no_fixed_address = _yes_no_or_words(row, "no_fixed_address", kept)
    if _key(postcode) in NO_FIXED_ADDRESS:
        no_fixed_address, postcode = True, ""
    if _key(address) in NO_FIXED_ADDRESS:
        no_fixed_address, address = True, ""
    needs = read_needs_cells(row)
    person = PersonDraft(
        given_name=given,
        family_name=family,
        preferred_name=row.text("preferred_name"),
        date_of_birth=row.get("date_of_birth", parse_uk_date, None),
        nhs_number=row.normalised("nhs_number", parse_nhs_number),
        address=address,
        postcode=postcode,
        no_fixed_address=no_fixed_address,
        phone=row.normalised("phone", parse_phone),
        email=row.text("email"),
        gender=row.text("gender"),
        ethnicity=row.text("ethnicity"),
        is_carer=_yes_no_or_words(row, "is_carer", kept),
        is_cared_for=_yes_no_or_words(row, "is_cared_for", kept),
        what_matters=row.text("what_matters"),
        interests=parse_list(row.text("interests")),
        strengths=parse_list(row.text("strengths")),
        notes=row.text("notes"),
        gp_practice=GpPractice(
            name=row.text("gp_practice"),
            address=row.text("gp_practice_address"),
            postcode=row.normalised("gp_practice_postcode", parse_postcode),
            ods_code=row.normalised("gp_practice_code", parse_ods_code),
        ),
        **needs.fields,
    )
    person, problems = _keep_unreadable(person, row, today, kept)

    episode: EpisodeDraft | None = None
    undated: UndatedReferral | None = None
    other_reasons: list[str] = []
    referral_date = row.get("referral_date", parse_uk_date, None)
    urgency_text = row.text("urgency")
    urgency = read_urgency(urgency_text) if urgency_text else Urgency.ROUTINE
    notes = row.text("referral_notes")
    if urgency is None:
        kept.append(f"{row.label('urgency')}: “{urgency_text}” (in the referral's notes)")
        notes = "\n".join(n for n in (notes, f"{row.label('urgency')}: {urgency_text}") if n)
    details = [row.label(c) for c in (*_REFERRAL_DETAILS, "link_worker") if row.text(c)]
    if referral_date is not None or (not row.text("referral_date") and details):
        kind, name = parse_referrer(row.text("referred_by"))
        named = row.text("referrer_name")
        if named and name and named.casefold() != name.casefold():
            name = f"{name} / {named}"
        elif named:
            name = named
        reasons, other_reasons = read_reasons(row.text("referral_reasons"))
        undated = UndatedReferral(
            person_id=PLACEHOLDER_PERSON_ID,
            referred_by=kind,
            referrer_name=name,
            reasons=reasons,
            reason_notes=notes,
            urgency=urgency or Urgency.ROUTINE,
            link_worker=row.text("link_worker"),
        )
        if referral_date is not None:
            episode, undated = undated.dated(referral_date), None
            problems += [
                f"{row.label(e.field) if e.field in COLUMNS else e.field}: {e.message}"
                for e in validate_episode(episode, today)
            ]
    if needs.as_written.recorded:
        recognised = "; ".join(r.what for r in needs.reading.recognised)
        kept.append(
            "needs kept as written"
            + (f", read as: {recognised}" if recognised else ", nothing recognised in them")
        )
    return RowRead(
        person=person,
        episode=episode,
        extras=RowExtras(preferences=needs.preferences, undated=undated),
        problems=row.problems + problems,
        other_reasons=other_reasons,
        kept=kept,
        conflicts=list(needs.reading.conflicts),
    )


def _keep_unreadable(
    person: PersonDraft, row: RowReader, today: dt.date | None, kept: list[str]
) -> tuple[PersonDraft, list[str]]:
    """A postcode, phone, email or practice code that cannot be read is moved to the notes,
    as written, rather than turning the row back; every other problem is returned."""
    problems: list[str] = []
    moved: list[str] = []
    blank: set[str] = set()
    practice: dict[str, str] = {}
    for error in validate_person(person, today):
        if error.field == "gp_practice.name":  # a practice with no name: all of it to notes
            columns = [c for c in COLUMNS if c.startswith("gp_practice_") and row.text(c)]
            moved += [f"{row.label(c)} (as written): {row.text(c)}" for c in columns]
            kept.append("the GP practice has no name; its details are kept in the notes")
            practice.update(name="", address="", postcode="", ods_code="")
            continue
        column = _KEPT_IN_NOTES.get(error.field)
        if column is None:
            problems.append(_field_message(error, row, person))
            continue
        raw = row.text(column)
        moved.append(f"{row.label(column)} (as written): {raw}")
        said = _spreadsheet_hint(column, raw) or error.message
        kept.append(f"{row.label(column)}: {said.rstrip('.')}. Kept in the notes as written")
        if error.field.startswith("gp_practice."):
            practice[error.field.removeprefix("gp_practice.")] = ""
        else:
            blank.add(error.field)
    if moved:
        notes = "\n".join(n for n in (person.notes, *moved) if n)
        person = dataclasses.replace(
            person,
            notes=notes,
            gp_practice=dataclasses.replace(person.gp_practice, **practice),
            postcode="" if "postcode" in blank else person.postcode,
            phone="" if "phone" in blank else person.phone,
            email="" if "email" in blank else person.email,
        )
    return person, problems


def _field_message(error: FieldError, row: RowReader, person: PersonDraft) -> str:
    """A validation error named by the column as the file spells it."""
    if error.field == "given_name" and not person.given_name and not person.preferred_name:
        return "No name: every row needs a first name (given_name) or a preferred_name"
    column = _PRACTICE_COLUMNS.get(error.field) or (
        error.field if error.field in COLUMNS else error.field.split("[")[0]
    )
    hint = _spreadsheet_hint(column, row.text(column))
    return f"{row.label(column)}: {hint or error.message}"


def _name_key(person: PersonDraft) -> tuple[str, str]:
    def key(text: str) -> str:
        return " ".join(query_words(text))

    return key(person.given_name or person.preferred_name), key(person.family_name)


def _born(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


# Reading ---------------------------------------------------------------------


def read_people_csv(path: Path, today: dt.date | None = None) -> PeopleCsvPreview:
    """Read and check a caseload spreadsheet (CSV or ``.xlsx``); nothing is saved.

    Raises :class:`~linkworker.errors.ImportFailed` when the file cannot be
    read as a table with a name column; problems with single rows are
    reported in the preview instead, every one of them.
    """
    path = Path(path)
    table = read_table(path, _is_heading)
    rows: list[Row] = []
    lines: list[int] = []
    extras: list[RowExtras] = []
    to_confirm: list[RowProblem] = []
    conflicts: list[RowProblem] = []
    problems: list[RowProblem] = []
    duplicates: list[RowProblem] = []
    warnings: list[str] = list(table.notes)
    seen_nhs: dict[str, int] = {}
    seen_people: dict[tuple[str, str, dt.date], int] = {}
    other_reasons: dict[str, tuple[str, list[int]]] = {}  # by casefold: as written, rows
    heading: _Heading | None = None
    rows_read = 0
    unheaded_warned = False

    for line, record in table.records:
        if heading is None:
            if any(c.strip() for c in record):
                heading = _heading(record, path.name, warnings)
            continue
        values = [unguard_cell(c.strip()).strip() for c in record]
        if not any(values):
            continue
        rows_read += 1
        cells = {
            column: values[i]
            for column, i in heading.index.items()
            if i < len(values) and values[i]
        }
        read = read_row(cells, heading.written, today)
        person, reasons = read.person, read.problems
        if any(values[heading.width :]):
            reasons.append(
                "This row has more cells than there are headings: "
                "a value with a comma in it may be missing its quote marks"
            )
        if not unheaded_warned and any(values[i] for i in heading.blank if i < len(values)):
            unheaded_warned = True
            warnings.append(f"Row {line} has values in a column with no heading; ignored.")
        if person.nhs_number in seen_nhs:
            reasons.append(
                f"{heading.written.get('nhs_number', 'nhs_number')}: "
                f"{format_nhs_number(person.nhs_number)} is also the NHS number on row "
                f"{seen_nhs[person.nhs_number]}. One person has one row: keep one of them, "
                "or correct the number"
            )
        elif person.nhs_number and not reasons:
            seen_nhs[person.nhs_number] = line
        if reasons:
            problems.append(RowProblem(line, "; ".join(r.rstrip(".") for r in reasons) + "."))
            continue
        rows.append((person, read.episode))
        lines.append(line)
        extras.append(read.extras)
        if read.kept:
            to_confirm.append(RowProblem(line, f"{person.display_name}: " + "; ".join(read.kept)))
        if read.conflicts:
            conflicts.append(
                RowProblem(line, f"{person.display_name}: " + " ".join(read.conflicts))
            )
        for reason in read.other_reasons:
            other_reasons.setdefault(reason.casefold(), (reason, []))[1].append(line)
        duplicates.extend(_duplicates(person, line, seen_people))

    if heading is None:
        raise errors.ImportFailed(
            f"{path.name} has no column headings.",
            "Put the headings (given_name, family_name, ...) in the first row, "
            "then save it as CSV UTF-8.",
        )
    if rows_read == 0:
        warnings.append("The file has column headings but no rows of people.")
    if other_reasons:
        listed = "; ".join(
            f"“{reason}” (row{'s' if len(at) > 1 else ''} {_row_list(at)})"
            for reason, at in other_reasons.values()
        )
        warnings.append(f"Referral reasons not in the usual list, kept as written: {listed}.")
    return PeopleCsvPreview(
        rows=tuple(rows),
        problems=tuple(problems),
        duplicates=tuple(duplicates),
        warnings=tuple(warnings),
        encoding=table.encoding,
        rows_read=rows_read,
        lines=tuple(lines),
        extras=tuple(extras),
        to_confirm=tuple(to_confirm),
        conflicts=tuple(conflicts),
    )


def _duplicates(
    person: PersonDraft, line: int, seen_people: dict[tuple[str, str, dt.date], int]
) -> Iterable[RowProblem]:
    """The same date of birth and names (ignoring case and accents) as an earlier row."""
    if person.date_of_birth is not None:
        key = (*_name_key(person), person.date_of_birth)
        if key in seen_people:
            yield RowProblem(
                line,
                f"{person.display_name}, born {_born(person.date_of_birth)}, is also on row "
                f"{seen_people[key]}: the same person twice?",
            )
        else:
            seen_people[key] = line


def _row_list(lines: Sequence[int], most: int = 10) -> str:
    shown = ", ".join(str(n) for n in lines[:most])
    return shown + (" ..." if len(lines) > most else "")


# Against the caseload --------------------------------------------------------


def _lines(preview: PeopleCsvPreview) -> tuple[int, ...]:
    return preview.lines or tuple(range(2, len(preview.rows) + 2))


def check_against_caseload(
    preview: PeopleCsvPreview, people: PeopleService
) -> tuple[RowProblem, ...]:
    """Rows that may be people already on the caseload, each with who and why."""
    found: list[RowProblem] = []
    for (person, _), line in zip(preview.rows, _lines(preview), strict=False):
        matches = people.possible_matches(person)
        if not matches:
            continue
        described = []
        for match in matches[:3]:
            details = [
                f"born {_born(match.date_of_birth)}" if match.date_of_birth else "",
                f"NHS {format_nhs_number(match.nhs_number)}" if match.nhs_number else "",
                match.postcode,
            ]
            facts = ", ".join(d for d in details if d)
            why = f": {match.reason.rstrip('.')}" if match.reason else ""
            described.append(f"{match.name}" + (f" ({facts})" if facts else "") + why)
        more = f" and {len(matches) - 3} more" if len(matches) > 3 else ""
        found.append(
            RowProblem(
                line,
                f"{person.display_name} may already be on the caseload: "
                + "; ".join(described)
                + more
                + ".",
            )
        )
    return tuple(found)


# Importing -------------------------------------------------------------------


def import_people_csv(
    people: PeopleService, preview: PeopleCsvPreview, progress: Progress | None = None
) -> int:
    """Add every person (and referral) of a checked file in one go: all of them, or none.

    Refuses a preview with problems, and rows whose NHS number already belongs
    to someone on the caseload (they are already here).
    """
    if preview.problems:
        first = preview.problems[0]
        raise errors.ImportFailed(
            f"Nothing was imported: {len(preview.problems)} "
            f"row{'s need' if len(preview.problems) > 1 else ' needs'} correcting "
            f"(the first is row {first.line}: {first.message}).",
            "Correct them in your spreadsheet, save it again, and import it again.",
        )
    try:
        return people.import_people(preview.rows, progress, extras=preview.extras)
    except InvalidPerson as exc:
        lines = _lines(preview)
        index = exc.row_index
        line = lines[index] if index is not None and 0 <= index < len(lines) else None
        reasons = "; ".join(p.message.rstrip(".") for p in exc.problems) + "."
        where = f"row {line}: " if line is not None else ""
        nhs_number = preview.rows[index][0].nhs_number if index is not None and line else ""
        taken = bool(nhs_number) and people.find_by_nhs_number(nhs_number) is not None
        raise errors.ImportFailed(
            f"Nothing was imported: {where}{reasons}",
            "That person is already on the caseload: delete their row from the file "
            "(add any new referral to their record instead), then import again."
            if taken
            else "Correct that row in your spreadsheet, save it again, and import it again.",
        ) from exc
