"""Two people saving the same record: the two versions compared field by field, and merged.

When a save meets a record someone else saved after it was opened, the service raises
:class:`EditConflict` carrying a :class:`Conflict`: *theirs* (the record as stored now) and
*mine* (the form as edited), with the fields that differ. The person saving chooses, field
by field, whose value to keep; :func:`resolved` builds the record to save from the choices,
against the stored version, and :func:`merge_detail` says which fields came from whom for
the audit trail (names of fields only, never their values).

A draft is any frozen dataclass with an ``id`` and a ``version`` (a person, a listing, a
referral, a goal, a contact): the comparison walks its fields, so one rule serves them all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from linkworker import errors

Choice = Literal["mine", "theirs"]
MINE: Choice = "mine"
THEIRS: Choice = "theirs"

#: Fields that say which record and which version it is: never compared or chosen.
KEYS = frozenset({"id", "version"})

#: Names shown for fields whose own name does not read well.
LABELS: Mapping[str, str] = {
    "nhs_number": "NHS number",
    "gp_practice": "GP practice",
    "gp_practice_code": "GP practice code",
    "date_of_birth": "Date of birth",
    "age_min": "Youngest age",
    "age_max": "Oldest age",
    "url": "Website",
    "what_matters": "What matters to them",
    "link_worker": "Link worker",
}


def label_of(name: str) -> str:
    """How a field is named to the person choosing: ``"date_of_birth"`` is "Date of birth"."""
    return LABELS.get(name) or name.replace("_", " ").capitalize()


def value_text(value: Any) -> str:
    """A field's value in plain words, for showing side by side ("" for nothing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, enum.Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, dt.datetime):
        return f"{value.day} {value:%B %Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, list | tuple | frozenset | set):
        items = sorted(value, key=str) if isinstance(value, frozenset | set) else value
        return "; ".join(t for t in (value_text(v) for v in items) if t)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = (value_text(getattr(value, f.name)) for f in dataclasses.fields(value))
        return ", ".join(p for p in parts if p and p != "No")
    return str(value)


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """One field whose value is not the same in the two versions."""

    name: str
    label: str
    theirs: str
    mine: str
    #: Whether each side changed it from the version first opened (unknown: both True).
    they_changed: bool = True
    i_changed: bool = True

    @property
    def suggested(self) -> Choice:
        """Whose value to offer first: theirs when only they changed it, else mine."""
        return THEIRS if self.they_changed and not self.i_changed else MINE


@dataclass(frozen=True, slots=True)
class Conflict:
    """A record saved elsewhere after it was opened here: both versions, and what differs."""

    #: What the record is, as a sentence starts: "This person's record", "This listing".
    what: str
    #: The table the record is kept in, and its id (for the audit trail).
    table: str
    record_id: uuid.UUID
    #: The version stored now: the merged record is saved against it.
    theirs_version: int
    theirs: Any
    mine: Any
    differences: tuple[FieldDifference, ...]
    person_id: uuid.UUID | None = None

    def choices(self, choice: Choice) -> dict[str, Choice]:
        """The same choice for every differing field ("keep mine" or "take theirs" for all)."""
        return {d.name: choice for d in self.differences}

    def suggested(self) -> dict[str, Choice]:
        """Each field's suggested choice (see :attr:`FieldDifference.suggested`)."""
        return {d.name: d.suggested for d in self.differences}


def _same(one: Any, other: Any) -> bool:
    """Equal, counting a list of words in another order as the same (ticked features, tags)."""
    if one == other:
        return True
    words = (tuple, list)
    return (
        isinstance(one, words)
        and isinstance(other, words)
        and all(isinstance(v, str) for v in (*one, *other))
        and sorted(one) == sorted(other)
    )


def compare(theirs: Any, mine: Any, base: Any = None) -> tuple[FieldDifference, ...]:
    """The fields of two drafts of one kind whose values differ, in the draft's own order.

    ``base``, the draft as first opened (when known), says who changed what.
    """
    found = []
    for field in dataclasses.fields(mine):
        if field.name in KEYS:
            continue
        their_value = getattr(theirs, field.name)
        my_value = getattr(mine, field.name)
        if _same(their_value, my_value):
            continue
        they = i = True
        if base is not None and type(base) is type(mine):
            opened = getattr(base, field.name)
            they, i = not _same(their_value, opened), not _same(my_value, opened)
        found.append(
            FieldDifference(
                field.name,
                label_of(field.name),
                value_text(their_value),
                value_text(my_value),
                they,
                i,
            )
        )
    return tuple(found)


def conflict(
    what: str,
    table: str,
    record_id: uuid.UUID,
    theirs_version: int,
    theirs: Any,
    mine: Any,
    *,
    base: Any = None,
    person_id: uuid.UUID | None = None,
) -> Conflict:
    """The conflict between the stored ``theirs`` and the edited ``mine``."""
    return Conflict(
        what,
        table,
        record_id,
        theirs_version,
        theirs,
        mine,
        compare(theirs, mine, base),
        person_id,
    )


def with_base(found: Conflict, base: Any) -> Conflict:
    """``found`` with who changed what worked out against ``base``, the draft first opened."""
    return dataclasses.replace(found, differences=compare(found.theirs, found.mine, base))


def resolved(found: Conflict, choices: Mapping[str, Choice]) -> Any:
    """The record to save: mine, with theirs where chosen, against the stored version.

    A differing field left unchosen keeps mine (the person saving saw it highlighted).
    """
    taken = {
        d.name: getattr(found.theirs, d.name)
        for d in found.differences
        if choices.get(d.name, MINE) == THEIRS
    }
    return dataclasses.replace(found.mine, version=found.theirs_version, **taken)


def merge_detail(found: Conflict, choices: Mapping[str, Choice]) -> dict[str, str]:
    """Which fields were kept from whom, by field name, for the audit trail."""
    mine = [d.name for d in found.differences if choices.get(d.name, MINE) == MINE]
    theirs = [d.name for d in found.differences if choices.get(d.name, MINE) == THEIRS]
    return {"kept_mine": ",".join(mine), "took_theirs": ",".join(theirs)}


class EditConflict(errors.ConcurrentEdit):
    """A save met a record changed elsewhere: both versions are in :attr:`conflict`."""

    def __init__(self, found: Conflict) -> None:
        n = len(found.differences)
        fields = "1 field differs" if n == 1 else f"{n} fields differ"
        super().__init__(
            f"{found.what} was changed by someone else after you opened it ({fields}).",
            "Your changes have not been saved yet. Choose, field by field, which to keep.",
        )
        self.conflict = found
