"""Backups of the local database: made on request, before migrations, and daily on close."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from linkworker.data.database import Database, backup_sqlite


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    size_bytes: int
    made_at: dt.datetime


class BackupService:
    """Copies of the SQLite file in the backups folder (a consistent copy, even while open)."""

    def __init__(self, db: Database, backups_dir: Path) -> None:
        self._db = db
        self._dir = backups_dir

    @property
    def folder(self) -> Path:
        return self._dir

    def backup_now(self, reason: str = "manual") -> Path:
        """Make a backup now and return its path."""
        if self._db.path is None:
            raise ValueError("Only a local data file can be backed up from the app.")
        return backup_sqlite(self._db.path, self._dir, reason)

    def backups(self) -> list[BackupInfo]:
        """Every backup, newest first."""
        if not self._dir.exists():
            return []
        found = []
        for path in self._dir.glob("linkworker-*.sqlite3"):
            stat = path.stat()
            found.append(BackupInfo(path, stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime)))
        return sorted(found, key=lambda b: b.made_at, reverse=True)

    def backup_if_older_than(self, hours: float = 24) -> Path | None:
        """A daily safety copy: back up unless one was made in the last ``hours``."""
        latest = next(iter(self.backups()), None)
        if latest and dt.datetime.now() - latest.made_at < dt.timedelta(hours=hours):
            return None
        return self.backup_now("daily")
