"""Contacts booked and risk flags for invented people: the demo's working week, and test caseloads.

Rows are written as they are, in one transaction: these are sample records
(made up, dated relative to the day the demo is made), not a link worker's
booking, so the checks a booking made in the window goes through (a time in
the past must be recorded as what happened) do not apply.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from linkworker.data.models import Contact, PersonFlag, utcnow
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.journey import ContactDraft, RiskFlagKind


@dataclass(frozen=True, slots=True)
class SampleContact:
    """A contact for a person in one of their episodes."""

    person_id: uuid.UUID
    draft: ContactDraft


@dataclass(frozen=True, slots=True)
class SampleFlag:
    person_id: uuid.UUID
    kind: RiskFlagKind
    note: str
    raised_by: str
    raised_on: dt.date


def add_sample_contacts(units: UnitsOfWork, contacts: Sequence[SampleContact]) -> list[uuid.UUID]:
    """Write the contacts as given; returns their new ids, in order."""
    now = utcnow()
    rows = []
    for item in contacts:
        draft = item.draft
        rows.append(
            {
                "id": draft.id or uuid.uuid4(),
                "version": 1,
                "episode_id": draft.episode_id,
                "person_id": item.person_id,
                "starts_at": draft.starts_at,
                "minutes": draft.minutes,
                "place": draft.place.value,
                "asset_id": draft.asset_id,
                "place_name": draft.place_name,
                "outcome": draft.outcome.value,
                "outcome_note": draft.outcome_note,
                "link_worker": draft.link_worker,
                "booked_by": draft.booked_by or draft.link_worker,
                "moved_from": None,
                "created_at": now,
                "updated_at": now,
            }
        )
    with units.write() as uow:
        uow.people.insert_rows(Contact, rows)
    return [row["id"] for row in rows]


def add_sample_flags(units: UnitsOfWork, flags: Sequence[SampleFlag]) -> None:
    """Write the risk flags as given (all still in force)."""
    now = utcnow()
    rows = [
        {
            "id": uuid.uuid4(),
            "person_id": flag.person_id,
            "kind": flag.kind.value,
            "note": flag.note,
            "raised_by": flag.raised_by,
            "raised_on": flag.raised_on,
            "removed_on": None,
            "removed_by": "",
            "created_at": now,
        }
        for flag in flags
    ]
    with units.write() as uow:
        uow.people.insert_rows(PersonFlag, rows)
