"""Handing a caseload over: from one link worker to another, all of it or chosen people."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

#: Longest note a manager can leave with a hand-over.
NOTE_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class Handover:
    """One person handed over: from whom, to whom, by which manager, when, and the note."""

    person_id: uuid.UUID
    from_worker: str
    to_worker: str
    handed_by: str
    handed_at: dt.datetime
    note: str = ""


@dataclass(frozen=True, slots=True)
class HandoverResult:
    """What a hand-over did: the people handed over, and those asked for who were not
    on the first link worker's caseload (left as they were)."""

    handed: tuple[uuid.UUID, ...]
    not_theirs: tuple[uuid.UUID, ...] = ()

    def words(self, from_worker: str, to_worker: str) -> str:
        """ "Handed 3 people from Sam Okafor to Priya Shah." and what was left, in plain words."""
        n = len(self.handed)
        people = "1 person" if n == 1 else f"{n} people"
        said = f"Handed {people} from {from_worker} to {to_worker}."
        if self.not_theirs:
            m = len(self.not_theirs)
            said += (
                f" {m} {'person was' if m == 1 else 'people were'} not on {from_worker}'s "
                "caseload and were left as they were."
            )
        return said
