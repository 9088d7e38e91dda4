"""Moving from a laptop to the team database: everything copied, checked, the file kept.

A link worker who has kept their caseload in the local data file, and a team that
now shares one database, copy the file's whole contents (people, the directory,
the audit trail, settings kept in the database) into a new, empty team database.
The copy is checked table by table, by counts and checksums, before it is kept
(:mod:`linkworker.data.copy_database`); the local file is only read, and stays
where it is as it was.

Both audit trails say what happened: the file's that it was copied and where to,
the team database's that its records came from a laptop's file.
"""

from __future__ import annotations

from dataclasses import dataclass

from linkworker.data.copy_database import CopyCheck, Progress, copy_rows, describe
from linkworker.data.database import Database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.services.directory import DirectoryService


@dataclass(frozen=True)
class TeamCopy:
    """What was copied where, and the proof it is whole."""

    source: str
    target: str
    check: CopyCheck
    listings_indexed: int


def copy_into(source: Database, target: Database, progress: Progress | None = None) -> TeamCopy:
    """Copy all of ``source`` into the new database ``target``, check it, and index its search."""
    result = copy_rows(source, target, progress)
    # Whoever copies is the same person in the team database (their worker row came too).
    target.actor = source.actor
    target_units = UnitsOfWork(target)
    indexed = DirectoryService(target_units).rebuild_search_index()
    tables = len(result.tables)
    target_units.note(
        "import", subject="team database", rows=result.rows, tables=tables, came_from="a data file"
    )
    UnitsOfWork(source).note(
        "export", subject="team database", rows=result.rows, tables=tables, to=describe(target)
    )
    return TeamCopy(describe(source), describe(target), result, indexed)
