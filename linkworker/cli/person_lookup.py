"""Which person a command means: ``match PERSON``, ``plan print PERSON``.

PERSON is an NHS number (spaces allowed), a record id (whole, or its first
characters as the lists here show them), or a name: given or preferred name
with the family name, in any case and with or without accents. A name that
fits several people lists them by year of birth and short id, never by NHS
number, and asks which one is meant.
"""

from __future__ import annotations

import argparse
import re
import uuid
from typing import TYPE_CHECKING

from linkworker import errors
from linkworker.domain.names import query_words

if TYPE_CHECKING:
    from linkworker.domain.people import CaseloadRow
    from linkworker.services.context import Services

#: How many characters of a record id the lists show; that many or more find a person.
SHORT_ID = 8
#: People a name is checked against; a name fitting more is not one person's anyway.
CANDIDATES = 100
#: People listed when a name fits no one exactly but begins some names.
CLOSE_LISTED = 5

_SHORT_ID = re.compile(rf"[0-9a-f]{{{SHORT_ID},31}}")
_NUMBER = re.compile(r"[\d\s-]+")


def add_person_argument(parser: argparse.ArgumentParser) -> None:
    """The PERSON a command is about."""
    parser.add_argument(
        "person", metavar="PERSON", help="their NHS number, record id or name (given and family)"
    )


def find_person(text: str, services: Services) -> uuid.UUID:
    """The id of the one person ``text`` names; otherwise a message that says why not."""
    text = text.strip()
    if not text:
        raise errors.UserFacingError("Give the person's NHS number, record id or name.")
    try:
        person_id = uuid.UUID(text)
    except ValueError:
        pass
    else:
        return _existing(person_id, services)
    if _SHORT_ID.fullmatch(text.lower()) and not (text.isdigit() and len(text) == 10):
        found = _by_short_id(text.lower(), services)
        if found is not None or not text.isdigit():
            if found is None:
                raise errors.NotFound(
                    f"No person's id begins with {text}.",
                    "Check the id, or give their NHS number or name instead.",
                )
            return found
    if _NUMBER.fullmatch(text):
        return _by_nhs_number(text, services)
    return _by_name(text, services)


def short_id(person_id: uuid.UUID) -> str:
    """The first characters of a record id, enough to tell people apart."""
    return person_id.hex[:SHORT_ID]


def _existing(person_id: uuid.UUID, services: Services) -> uuid.UUID:
    try:
        services.people.get_person(person_id)
    except errors.NotFound:
        raise errors.NotFound(
            f"No person with id {person_id} is on the caseload.",
            "Check the id, or give their NHS number instead.",
        ) from None
    return person_id


def _by_short_id(prefix: str, services: Services) -> uuid.UUID | None:
    """The one person whose id begins with ``prefix``; None when no one's does."""
    found = services.people.ids_starting(prefix)
    if len(found) > 1:
        raise errors.UserFacingError(
            f"The ids of more than one person begin with {prefix}.",
            "Give more of the id, or their NHS number.",
        )
    return found[0] if found else None


def _by_nhs_number(text: str, services: Services) -> uuid.UUID:
    from linkworker.domain.person_validation import format_nhs_number, parse_nhs_number
    from linkworker.domain.validation import InvalidValue

    try:
        digits = parse_nhs_number(text)
    except InvalidValue as exc:
        raise errors.UserFacingError(
            f"{text} is neither an NHS number nor a person's id.", str(exc)
        ) from None
    if not digits:
        raise errors.UserFacingError("Give the person's NHS number, record id or name.")
    found = services.people.find_by_nhs_number(digits)
    if found is None:
        raise errors.NotFound(
            f"No one with NHS number {format_nhs_number(digits)} is on the caseload.",
            "Check the number, or find them with: linkworker people list --search NAME",
        )
    return found.id


def _by_name(text: str, services: Services) -> uuid.UUID:
    """The one person called ``text``: given or preferred name, then family name."""
    from linkworker.domain.people import CaseloadFilter, CaseloadSort

    text = " ".join(text.split())
    wanted = query_words(text)
    page = services.people.caseload(CaseloadFilter(text=text), CaseloadSort.NAME, limit=CANDIDATES)
    called = [row for row in page.rows if _is_called(row, wanted, services)]
    if len(called) == 1:
        return called[0].id
    if called:
        raise errors.UserFacingError(
            f"{len(called)} people on the caseload are called {text}:\n{_listed(called)}",
            "Give the NHS number or the id of the one you mean instead of the name.",
        )
    if not page.rows:
        raise errors.NotFound(
            f"No one on the caseload is called {text}.",
            "Check the spelling, or give their NHS number or record id.",
        )
    close = page.rows[:CLOSE_LISTED]
    more = page.total - len(close)
    also = f"\n  ... and {more} more" if more > 0 else ""
    see_all = f' To see them all: linkworker people list --search "{text}"' if more > 0 else ""
    raise errors.NotFound(
        f"No one on the caseload is called {text}. Close matches:\n{_listed(close)}{also}",
        "Give their given or preferred name with their family name, their NHS number or their "
        f"id.{see_all}",
    )


def _is_called(row: CaseloadRow, wanted: list[str], services: Services) -> bool:
    """Whether the person's given or preferred name with their family name is ``wanted``."""
    names = query_words(row.name)  # the name they use, with their family name
    if names == wanted:
        return True
    if names[-1:] != wanted[-1:] and len(names) > 1:
        return False  # another family name: no need to read their record
    draft = services.people.get_person(row.id).draft
    return any(
        query_words(f"{first} {draft.family_name}") == wanted
        for first in (draft.given_name, draft.preferred_name)
        if first.strip()
    )


def _listed(rows: list[CaseloadRow] | tuple[CaseloadRow, ...]) -> str:
    """One line each: name, year of birth and short id (never the NHS number)."""
    lines = []
    for row in rows:
        born = f"born {row.date_of_birth.year}" if row.date_of_birth else "no date of birth"
        lines.append(f"  {row.name}, {born}, id {short_id(row.id)}")
    return "\n".join(lines)
