"""A day away from the team database, in the terms both sides' changes are told in.

See :mod:`linkworker.data.subset_copy` for how a day is taken out and brought back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Values of one row, by column name.
Values = dict[str, Any]


def same_value(one: Any, other: Any) -> bool:
    """Whether two values read from a row are the same (a date and its text are not)."""
    return type(one) is type(other) and one == other


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
