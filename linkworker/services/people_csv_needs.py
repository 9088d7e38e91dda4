"""The needs columns of a caseload spreadsheet, read the way people write them.

Accessibility needs, languages and interpreters, whether they speak English, how
they like to be contacted, when they are free and what they can afford: a cell
that uses the guide's words (``large print; hearing``, ``yes``) is read exactly;
a cell in anybody's words ("Uses a walking stick", "needs a Sylheti interpreter",
"weekends only", "free only") is kept on the person word for word, and what
:mod:`linkworker.domain.needs_words` recognises in it fills the structured fields,
marked for the link worker to confirm. Free text never turns a row back.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from linkworker.domain.cell_values import parse_list, parse_yes_no
from linkworker.domain.matching import MatchPreferences
from linkworker.domain.needs_words import NeedsReading, language_name, read_needs
from linkworker.domain.people import AccessNeed, ContactMethod, NeedsAsWritten
from linkworker.domain.validation import InvalidValue
from linkworker.services.csv_reading import RowReader
from linkworker.services.people_csv_cells import key as _key

#: The columns read here, in the order the guide lists them.
NEEDS_COLUMNS: tuple[str, ...] = (
    "first_language",
    "interpreter_needed",
    "speaks_english",
    "accessibility_needs",
    "preferred_contact",
    "when_free",
    "what_they_can_afford",
)

#: Other headings people use for them.
NEEDS_ALIASES: dict[str, str] = {
    "first_language": "language main_language preferred_language languages language_spoken "
    "languages_spoken",
    "interpreter_needed": "interpreter needs_interpreter interpreter_required",
    "speaks_english": "english speaks_english_ english_spoken can_speak_english "
    "understands_english",
    "accessibility_needs": "access_needs accessibility communication_needs access "
    "accessibility_requirements reasonable_adjustments disability disabilities",
    "preferred_contact": "contact_preference preferred_contact_method how_to_contact "
    "best_way_to_contact contact_method",
    "when_free": "availability available when_available free_times days_free "
    "when_they_are_free best_times times_free free_when",
    "what_they_can_afford": "cost afford can_afford budget cost_limit what_can_they_afford "
    "money affordability",
}


#: The guide's words for each need (and a few everyday ones); None is an interpreter.
EXACT_ACCESS: dict[str, AccessNeed | None] = (
    {_key(need.value): need for need in AccessNeed}
    | {_key(need.label): need for need in AccessNeed}
    | {
        alias: need
        for need, aliases in {
            AccessNeed.LARGE_PRINT: "big_print large_font",
            AccessNeed.HEARING: "deaf hard_of_hearing hearing_loss hearing_impaired "
            "hearing_impairment hearing_aid",
            AccessNeed.SIGHT: "blind partially_sighted sight_loss visual_impairment "
            "visually_impaired vision",
            AccessNeed.MOBILITY: "walking_aid limited_mobility mobility_aid",
            AccessNeed.WHEELCHAIR: "wheelchair",
            AccessNeed.STEP_FREE: "step_free_access",
            AccessNeed.EASY_READ: "easyread easy_read_format",
        }.items()
        for alias in aliases.split()
    }
    | {key: None for key in ("interpreter", "interpreter_needed", "needs_interpreter")}
)

_CONTACTS: dict[str, ContactMethod] = {_key(m.value): m for m in ContactMethod} | {
    _key(m.label): m for m in ContactMethod
} | {"texts": ContactMethod.TEXT, "sms": ContactMethod.TEXT, "telephone": ContactMethod.PHONE,
     "post": ContactMethod.LETTER, "face_to_face": ContactMethod.IN_PERSON}  # fmt: skip

_NOT_PLAIN = re.compile(
    r"\d|interpret|needs?|speaks?|only|some|little|sign|first|\bno\b|\bnot\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NeedsRead:
    """What one row's needs columns gave.

    ``fields`` are the person's structured fields to set; ``as_written`` the
    cells kept word for word; ``reading`` what was recognised (with conflicts).
    """

    fields: dict[str, Any] = field(default_factory=dict)
    as_written: NeedsAsWritten = field(default_factory=NeedsAsWritten)
    preferences: MatchPreferences = field(default_factory=MatchPreferences)
    reading: NeedsReading = field(default_factory=NeedsReading)


def _yes_no(text: str) -> bool | None:
    try:
        return parse_yes_no(text) if text.strip() else None
    except InvalidValue:
        return None


def _plain_language(text: str) -> bool:
    """ "Polish" or "Bengali (Sylheti)" is a language; "Bengali, needs interpreter" is words."""
    return bool(text.strip()) and len(text.split()) <= 3 and not _NOT_PLAIN.search(text)


def read_needs_cells(row: RowReader) -> NeedsRead:
    """Read a row's needs columns (see :data:`NEEDS_COLUMNS`); never refuses the row."""
    access_text = row.text("accessibility_needs")
    exact: list[AccessNeed] = []
    interpreter_exact: bool | None = None
    items = parse_list(access_text)
    free_access = [i for i in items if _key(i) not in EXACT_ACCESS]
    for item in items:
        if _key(item) in EXACT_ACCESS:
            need = EXACT_ACCESS[_key(item)]
            if need is None:
                interpreter_exact = True
            elif need not in exact:
                exact.append(need)

    language_cell = row.text("first_language")
    interpreter_cell = row.text("interpreter_needed")
    english_cell = row.text("speaks_english")
    contact_cell = row.text("preferred_contact")
    interpreter_said = _yes_no(interpreter_cell)
    english_said = _yes_no(english_cell)
    contact_said = _CONTACTS.get(_key(contact_cell))
    language_words: list[str] = []  # cells to read, as written
    written_lines: list[str] = []  # the same, headed by their column as the file spells it
    first_language = language_cell if _plain_language(language_cell) else ""
    for column, cell, exact_value in (
        ("first_language", language_cell, first_language),
        ("interpreter_needed", interpreter_cell, interpreter_said),
        ("speaks_english", english_cell, english_said),
        ("preferred_contact", contact_cell, contact_said),
    ):
        if cell and exact_value in ("", None):
            language_words.append(cell)
            written_lines.append(f"{row.label(column)}: {cell}")
    if interpreter_cell and interpreter_said is None and language_name(interpreter_cell):
        language_words.append(f"needs a {language_name(interpreter_cell)} interpreter")

    free_text = "; ".join(free_access)
    reading = read_needs(
        access=free_text,
        languages="; ".join(language_words),
        free_times=row.text("when_free"),
        cost=row.text("what_they_can_afford"),
    )
    conflicts = list(reading.conflicts)
    interpreter = interpreter_said if interpreter_said is not None else interpreter_exact
    if interpreter is not None and reading.interpreter not in (None, interpreter):
        conflicts.append(
            f"{row.label('interpreter_needed')} says "
            f"{'yes' if interpreter else 'no'}, but the words say otherwise."
        )
    if english_said is not None and reading.speaks_english not in (None, english_said):
        conflicts.append(f"{row.label('speaks_english')} and the words about English disagree.")
    reading = dataclasses.replace(reading, conflicts=tuple(dict.fromkeys(conflicts)))
    needs = list(dict.fromkeys([*exact, *reading.access_needs]))
    as_written = NeedsAsWritten(
        access=access_text if free_access else "",
        languages="\n".join(written_lines),
        free_times=row.text("when_free"),
        cost=row.text("what_they_can_afford"),
    )
    as_written = dataclasses.replace(as_written, to_confirm=as_written.recorded)
    fields: dict[str, Any] = {
        "access_needs": tuple(needs),
        "interpreter_needed": bool(interpreter) or reading.interpreter is True,
        "interpreter_language": reading.interpreter_language,
        "first_language": first_language or reading.first_language,
        "speaks_english": english_said if english_said is not None else reading.speaks_english,
        "preferred_contact": contact_said or reading.preferred_contact,
        "as_written": as_written,
    }
    return NeedsRead(
        fields=fields,
        as_written=as_written,
        preferences=MatchPreferences(free_times=reading.free_times, cost_limit=reading.cost_limit),
        reading=reading,
    )
