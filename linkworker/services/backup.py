"""Backups of the local database: made, listed, checked and put back.

Backups are made on request, before migrations, at start-up and on exit (at
most one an hour for those two), and kept on
a rota (:mod:`linkworker.domain.backup_rota`): 7 daily, 4 weekly, 12 monthly.
Pruning happens only after a new backup was made and checked, so a start
that fails never rotates good backups away. Backups of an encrypted database are
encrypted under its key: the same passphrase opens them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from linkworker import errors
from linkworker.data import backup_files, cipher
from linkworker.data.cipher import Key
from linkworker.data.database import Database
from linkworker.data.migrate import known_revisions

#: Start-up and exit make a backup unless one is younger than this.
ROUTINE_GAP_HOURS = 1.0


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    size_bytes: int
    made_at: dt.datetime
    #: Its place on the rota: daily, weekly, monthly, manual or safety copy.
    kind: str = backup_files.MANUAL


@dataclass(frozen=True, slots=True)
class Restored:
    """A restore done: what was put back and where the replaced database was kept."""

    backup: Path
    safety_copy: Path | None


class BackupService:
    """Copies of the SQLite file in the backups folder (a consistent copy, even while open)."""

    def __init__(self, db: Database, backups_dir: Path) -> None:
        self._db = db
        self._dir = backups_dir

    @property
    def folder(self) -> Path:
        return self._dir

    def backup_now(self, reason: str = backup_files.MANUAL, to: Path | None = None) -> Path:
        """Make a checked backup now (in ``to`` if given) and return its path.

        A backup in the backups folder is followed by pruning on the rota.
        """
        if self._db.path is None:
            raise errors.UserFacingError(
                "The team database is backed up on its server, not from Link Worker.",
                "Ask whoever looks after the server how often it is backed up and how to "
                "get a copy back.",
            )
        own = to is None or to.resolve() == self._dir.resolve()
        target = backup_files.backup_sqlite(
            self._db.path, to or self._dir, reason, own_folder=own, key=self._db.key
        )
        if own:
            backup_files.prune(self._dir)
        return target

    def backups(self) -> list[BackupInfo]:
        """Every backup, newest first."""
        return list_backups(self._dir)

    def backup_if_older_than(self, hours: float = 24, reason: str = "daily") -> Path | None:
        """A routine copy: back up unless one was made in the last ``hours``."""
        latest = next(iter(self.backups()), None)
        if latest and dt.datetime.now() - latest.made_at < dt.timedelta(hours=hours):
            return None
        return self.backup_now(reason)

    def routine_backup(self, when: str) -> Path | None:
        """The backup at start-up (``when="start"``) or on exit (``"exit"``), on the rota.

        Skipped when one was made in the last :data:`ROUTINE_GAP_HOURS`, so opening
        and closing the window often does not copy the data each time, and on a team
        database (its server keeps its backups).
        """
        if self._db.path is None:
            return None
        return self.backup_if_older_than(ROUTINE_GAP_HOURS, reason=when)


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """Every backup in ``backups_dir``, newest first, each with its place on the rota.

    The folder is listed once: a backup made or pruned meanwhile (the start-up backup
    runs in the background) shows, or is gone, the next time it is asked.
    """
    found = []
    for path, kind in backup_files.rota_kinds(backups_dir).items():
        try:
            size = path.stat().st_size
        except FileNotFoundError:  # pruned since the folder was listed
            continue
        found.append(BackupInfo(path, size, backup_files.made_at(path), kind))
    return found


def check_database(path: Path, key: Key | None = None) -> str:
    """A full integrity check of the database at ``path``: "ok" or what is wrong.

    The file is only read; an encrypted one with ``key``.
    """
    if not path.exists():
        raise errors.NotFound(f"There is no data file at {path}.")
    return backup_files.integrity(path, key)


def verify_backup(backup: Path, key: Key | None = None) -> None:
    """Refuse, with what is wrong, a file that is not a sound backup this version can open.

    An encrypted backup is opened with ``key`` (the passphrase's key for its salt).
    """
    refused = "was not restored: the data file has not been changed."
    if not backup.is_file():
        raise errors.NotFound(f"There is no backup file at {backup}.", f"It {refused}")
    problem = check_database(backup, key)
    if problem != "ok":
        raise errors.DatabaseCorrupt(
            f"{backup} is not a sound backup ({problem}). It {refused}",
            "Choose another backup: linkworker backup list shows them, newest first.",
        )
    found = backup_files.examine(backup, key=key)
    if "alembic_version" not in found.tables or found.revision is None:
        raise errors.DatabaseCorrupt(
            f"{backup} is not a Link Worker backup (it has no Link Worker schema). It {refused}",
            "Choose another backup: linkworker backup list shows them, newest first.",
        )
    if found.revision not in known_revisions():
        raise errors.DatabaseTooNew(
            f"{backup} was made by a newer version of Link Worker (schema {found.revision}). "
            f"It {refused}",
            "Install the newer version of Link Worker to restore it.",
        )


def restore(backup: Path, database: Path, backups_dir: Path, key: Key | None = None) -> Restored:
    """Put ``backup`` in place of ``database`` once it has passed every check.

    The database being replaced is kept first as a safety copy in the backups
    folder. Link Worker must not have the database open meanwhile. ``key``: the
    passphrase's key, which must open an encrypted backup; a plain backup is
    encrypted under it once in place.
    """
    verify_backup(backup, key)
    safety = backup_files.replace_database(backup, database, backups_dir, key)
    if key is not None and cipher.is_plain(database):
        # A copy from before encryption: it is encrypted as it takes the data's place.
        cipher.convert_file(database, None, key)
    return Restored(backup, safety)
