"""A day away from the team database, in the terms both sides' changes are told in.

See :mod:`linkworker.data.subset_copy` for how a day is taken out and brought back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from linkworker.domain import conflicts

#: Values of one row, by column name.
Values = dict[str, Any]


def canonical(value: Any) -> str:
    """One value as text that is the same whichever database it was read back from.

    Each kind of value has its own prefix, so a text can never read as a number, a
    date or an empty value.
    """
    if value is None:
        return "~"
    if isinstance(value, bool):
        return "b:true" if value else "b:false"
    if isinstance(value, uuid.UUID):
        return f"u:{value.hex}"
    if isinstance(value, dt.datetime):
        return f"t:{value.replace(tzinfo=None).isoformat(timespec='microseconds')}"
    if isinstance(value, dt.date):
        return f"d:{value.isoformat()}"
    if isinstance(value, dt.time):
        return f"h:{value.isoformat()}"
    if isinstance(value, int):
        return f"i:{value}"
    if isinstance(value, float | decimal.Decimal):
        return f"f:{float(value)!r}"
    if isinstance(value, bytes | bytearray | memoryview):
        return f"x:{bytes(value).hex()}"
    if isinstance(value, dict | list):
        return "j:" + json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"s:{value}"


def plain(text: str) -> str:
    """A :func:`canonical` text as a person reads it: "s:Walking" is "Walking"."""
    kind, _, value = text.partition(":")
    if text == "~":
        return ""
    if kind == "b":
        return "Yes" if value == "true" else "No"
    if kind == "t":
        when = dt.datetime.fromisoformat(value)
        return f"{when.day} {when:%B %Y %H:%M}"
    if kind == "d":
        day = dt.date.fromisoformat(value)
        return f"{day.day} {day:%B %Y}"
    if kind == "u":
        return value[:8]
    return value


def same_value(one: Any, other: Any) -> bool:
    """Whether two values read from a row are the same (a date and its text are not)."""
    return canonical(one) == canonical(other)


@dataclass(frozen=True)
class Conflict:
    """One row changed on both sides since it was taken out."""

    table: str
    key: str
    #: As it was taken out, as the laptop has it now, as the team database has it now
    #: (None: not there, e.g. removed on that side).
    base: Values | None
    mine: Values | None
    theirs: Values | None

    def differing(self) -> tuple[str, ...]:
        """The columns whose values differ between the two sides."""
        names = sorted(set(self.mine or {}) | set(self.theirs or {}))
        mine, theirs = self.mine or {}, self.theirs or {}
        return tuple(n for n in names if not same_value(mine.get(n), theirs.get(n)))


#: Given a conflict, the row to keep: ``mine``, ``theirs``, a mix of them, or None to remove it.
Choose = Callable[[Conflict], Values | None]


@dataclass(frozen=True)
class TakenOut:
    """What a laptop file holds after :func:`take_out`."""

    source: str
    people: int
    rows: dict[str, int]


@dataclass
class BroughtBack:
    """What bringing the day back did, table by table."""

    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    #: Conflicts met; ``chosen`` says whether they were resolved and written.
    conflicts: list[Conflict] = field(default_factory=list)
    chosen: bool = True
    trail_entries: int = 0

    def count(self, which: Mapping[str, int]) -> int:
        return sum(which.values())


#: Columns no one choosing between two versions needs to see: which row and version it
#: is, and what the app keeps for itself.
BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at", "search_name", "sort_name"})


def _shown_names(found: Conflict) -> list[str]:
    names = dict.fromkeys([*(found.mine or {}), *(found.theirs or {})])
    return [n for n in names if n not in BOOKKEEPING]


def side_by_side(found: Conflict, what: str) -> conflicts.Conflict:
    """``found`` as the side-by-side choice shows two versions of a record (field by field,
    who changed what since the day was taken out)."""
    names = _shown_names(found)
    record = dataclasses.make_dataclass(
        "Record",
        [*((n, str) for n in names), ("id", Any, None), ("version", int, 0)],
        frozen=True,
    )

    def as_record(values: Mapping[str, Any] | None, *, taken: bool = False) -> Any:
        given = values or {}
        texts = {n: plain(given[n] if taken else canonical(given[n])) for n in names if n in given}
        return record(**{n: texts.get(n, "") for n in names})

    theirs = found.theirs or {}
    record_id = theirs.get("id") or (found.mine or {}).get("id")
    return conflicts.conflict(
        what,
        found.table,
        record_id if isinstance(record_id, uuid.UUID) else uuid.UUID(int=0),
        int(theirs.get("version") or 0),
        as_record(found.theirs),
        as_record(found.mine),
        base=as_record(found.base, taken=True) if found.base is not None else None,
    )


def chosen_row(found: Conflict, choices: Mapping[str, conflicts.Choice]) -> Values | None:
    """The row to keep: mine, with their value wherever theirs was chosen."""
    if found.mine is None:
        return None if all(c == conflicts.MINE for c in choices.values()) else found.theirs
    row = dict(found.mine)
    for name, choice in choices.items():
        if choice == conflicts.THEIRS and found.theirs is not None:
            row[name] = found.theirs.get(name)
    return row
