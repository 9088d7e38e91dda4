"""Contacts booked and risk flags for invented people: the demo's working week, and test caseloads.

Rows are written as they are, in one transaction: these are sample records
(made up, dated relative to the day the demo is made), not a link worker's
booking, so the checks a booking made in the window goes through (a time in
the past must be recorded as what happened) do not apply.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linkworker.data.models import Contact, PersonFlag, utcnow
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.journey import ContactDraft, ContactOutcome, ContactPlace, RiskFlagKind
from linkworker.services.sample_people import DEMO_LINK_WORKER, asset_ids_by_name

if TYPE_CHECKING:
    from linkworker.services.directory import DirectoryService
    from linkworker.services.people import PeopleService
    from linkworker.services.plan import PlanService

log = logging.getLogger(__name__)


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
    ids: list[uuid.UUID] = []
    rows: list[dict[str, object]] = []
    for item in contacts:
        draft = item.draft
        ids.append(draft.id or uuid.uuid4())
        rows.append(
            {
                "id": ids[-1],
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
    return ids


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


# The demo's working week ------------------------------------------------------------
#
# Who is seen today and when, one call nobody wrote up, a few contacts before and after,
# and one risk flag: by the sample people's NHS numbers (999 test range), days from the
# day the demo is made, a time, minutes, the place and its name (a hub by its name in
# the sample directory) and what happened.

_B, _A, _D = ContactOutcome.BOOKED, ContactOutcome.ATTENDED, ContactOutcome.DID_NOT_ATTEND
DEMO_CONTACTS: tuple[tuple[str, int, str, int, ContactPlace, str, ContactOutcome], ...] = (
    ("9995544091", 0, "10:00", 45, ContactPlace.PRACTICE, "Millbrook Medical Centre", _B),
    ("9991183868", 0, "11:00", 60, ContactPlace.HOME, "", _B),
    ("9996536610", 0, "13:30", 60, ContactPlace.HUB, "Westminster Road Community Hub Cafe", _B),
    ("9994576690", 0, "15:00", 30, ContactPlace.PRACTICE, "Millbrook Medical Centre", _B),
    ("9992364998", -1, "11:00", 20, ContactPlace.PHONE, "", _B),
    ("9992693215", -15, "10:00", 60, ContactPlace.PRACTICE, "Millbrook Medical Centre", _D),
    ("9994646214", -10, "10:00", 60, ContactPlace.HOME, "", _A),
    ("9996705595", 10, "14:00", 60, ContactPlace.HOME, "", _B),
    ("9993016756", 12, "10:30", 60, ContactPlace.HUB, "Westminster Road Community Hub Cafe", _B),
)
DEMO_FLAGS: tuple[tuple[str, RiskFlagKind, str, int], ...] = (
    (
        "9992718285",
        RiskFlagKind.LONE_WORKING,
        "A large dog at the flat: visit in pairs, or meet at the practice.",
        10,
    ),
)


def add_demo_journey(
    people: PeopleService,
    plans: PlanService,
    directory: DirectoryService,
    units: UnitsOfWork,
    today: dt.date | None = None,
) -> int:
    """Book the demo's contacts and raise its flag for the sample people; returns contacts.

    Someone booked for today has today as their next contact, as booking it would set.
    """
    day = today or dt.date.today()
    hubs = asset_ids_by_name(directory)
    contacts: list[SampleContact] = []
    for nhs, days, time, minutes, place, name, outcome in DEMO_CONTACTS:
        person = people.find_by_nhs_number(nhs)
        episode_id = plans.current_episode_id(person.id) if person else None
        if person is None or episode_id is None:
            log.warning("The demo left out a contact: its sample person is not there")
            continue
        when = day + dt.timedelta(days=days)
        worker = next((e.draft.link_worker for e in person.episodes if e.id == episode_id), "")
        contacts.append(
            SampleContact(
                person.id,
                ContactDraft(
                    episode_id=episode_id,
                    starts_at=dt.datetime.combine(when, dt.time.fromisoformat(time)),
                    minutes=minutes,
                    place=place,
                    asset_id=hubs.get(name) if place is ContactPlace.HUB else None,
                    place_name=name,
                    outcome=outcome,
                    link_worker=worker or DEMO_LINK_WORKER,
                ),
            )
        )
        if days == 0:
            plans.set_next_contact(episode_id, when)
    add_sample_contacts(units, contacts)
    flags = []
    for nhs, kind, note, days_ago in DEMO_FLAGS:
        person = people.find_by_nhs_number(nhs)
        if person is not None:
            raised = day - dt.timedelta(days=days_ago)
            flags.append(SampleFlag(person.id, kind, note, DEMO_LINK_WORKER, raised))
    add_sample_flags(units, flags)
    return len(contacts)
