"""A day away from the team database, for a link worker going where there is no connection.

Their people and the whole directory are taken into a new encrypted data file on the
laptop, worked on there with everything the app does, and brought back at the end of
the day; see :mod:`linkworker.data.subset_copy` for how both sides' changes are kept
apart. The team database's audit trail records both ends of the day.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence

from linkworker.data.access_guard import DIRECTORY_TABLES, require_people
from linkworker.data.cipher import Key
from linkworker.data.database import Database, open_database
from linkworker.data.subset_copy import bring_back, take_out, taken_from
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.day_away import BroughtBack, Choose, TakenOut
from linkworker.paths import AppPaths
from linkworker.services.directory import DirectoryService


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def take_day_out(
    team: Database, laptop: AppPaths, key: Key | None, person_ids: Sequence[uuid.UUID]
) -> TakenOut:
    """Make the laptop's data file under ``laptop``: ``person_ids`` and the whole directory."""
    units = UnitsOfWork(team)
    with units.read() as uow:
        require_people(uow, person_ids)
    opened = open_database(laptop.database, laptop.backups_dir, key=key)
    try:
        taken = take_out(team, opened, person_ids, units.actor.worker_name, _now())
        # The laptop searches its directory as the team database does; the one taking the
        # day out is the one working there (their worker row came too).
        opened.actor = team.actor
        DirectoryService(UnitsOfWork(opened)).rebuild_search_index()
    finally:
        opened.dispose()
    units.note("export", subject="day away", people=taken.people, to=str(laptop.database))
    return taken


def bring_day_back(
    team: Database, laptop: AppPaths, key: Key | None, choose: Choose | None = None
) -> BroughtBack:
    """Bring the day's changes from the laptop's file under ``laptop`` into ``team``."""
    opened = open_database(laptop.database, laptop.backups_dir, key=key)
    try:
        record = taken_from(opened)
        if record is not None:
            with UnitsOfWork(team).read() as uow:
                require_people(uow, [uuid.UUID(p) for p in json.loads(record["people"])])
        done = bring_back(opened, team, _now(), choose)
    finally:
        opened.dispose()
    if done.chosen and any(
        t in DIRECTORY_TABLES for t in (*done.added, *done.changed, *done.removed)
    ):
        DirectoryService(UnitsOfWork(team)).rebuild_search_index()
    if done.chosen:
        UnitsOfWork(team).note(
            "import",
            subject="day away",
            added=done.count(done.added),
            changed=done.count(done.changed),
            removed=done.count(done.removed),
            conflicts=len(done.conflicts),
            came_from=str(laptop.database),
        )
    return done
