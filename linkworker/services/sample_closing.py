"""The demo's giving back: invented people supported who now support others, each in a
role at a place in the sample directory, recorded at the close of their newest referral.

Brian Lloyd's closed referral carries his story, shared with his consent, in
``resources/sample_people.json``; here he becomes a volunteer at the men's shed where
he now teaches the lathe.
"""

from __future__ import annotations

import datetime as dt
import logging

from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.closing import GivingBackDraft, HelperRole
from linkworker.services.directory import DirectoryService
from linkworker.services.people import PeopleService
from linkworker.services.sample_people import DEMO_LINK_WORKER, asset_ids_by_name

log = logging.getLogger(__name__)

#: (NHS number, role, the place's exact name in the sample directory, days ago it began).
DEMO_HELPERS: tuple[tuple[str, HelperRole, str, int], ...] = (
    ("9991669124", HelperRole.VOLUNTEER, "Great Sutton Men's Shed", 98),
)


def add_sample_giving_back(
    people: PeopleService,
    directory: DirectoryService,
    units: UnitsOfWork,
    today: dt.date | None = None,
) -> int:
    """Record the demo's helper roles; returns how many."""
    day = today or dt.date.today()
    places = asset_ids_by_name(directory)
    roles = []
    for nhs, role, place, days_ago in DEMO_HELPERS:
        person = people.find_by_nhs_number(nhs)
        if person is None or not person.episodes:
            log.warning("The demo left out a helper role: its sample person is not there")
            continue
        newest = person.episodes[0]
        draft = GivingBackDraft(role, day - dt.timedelta(days=days_ago), places.get(place), place)
        roles.append((person.id, newest.id, draft, newest.draft.link_worker or DEMO_LINK_WORKER))
    with units.write() as uow:
        for person_id, episode_id, draft, worker in roles:
            uow.giving_back.add(person_id, episode_id, draft, worker)
    return len(roles)
