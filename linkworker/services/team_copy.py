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

from linkworker.data.addresses import postgres_url
from linkworker.data.copy_database import CopyCheck, Progress, copy_rows, describe
from linkworker.data.database import Database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.services.directory import DirectoryService


@dataclass(frozen=True)
class TeamAddress:
    """Where the team database is, as a person types it in; the password is never kept here."""

    host: str
    port: int
    database: str
    user: str
    #: Ask the server for an encrypted connection (a managed PostgreSQL requires it).
    ssl: bool = True

    def url(self, password: str = "") -> str:
        """The address as the database layer opens it (psycopg 3), password escaped."""
        return postgres_url(self.host, self.port, self.database, self.user, password, ssl=self.ssl)

    def missing(self) -> tuple[str, ...]:
        """What must still be filled in, in the words of the form."""
        given = (("Server", self.host), ("Database", self.database), ("User", self.user))
        return tuple(name for name, value in given if not value.strip())


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
