"""The services one running copy of Link Worker works with, built in one place."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from linkworker.data.database import Database, open_database
from linkworker.paths import AppPaths
from linkworker.services.backup import BackupService
from linkworker.services.directory import DirectoryService
from linkworker.services.settings import SettingsStore

log = logging.getLogger(__name__)


@dataclass
class Services:
    """What the window and the command line are given: services, never the database."""

    paths: AppPaths
    settings: SettingsStore
    directory: DirectoryService
    backups: BackupService
    _db: Database

    def close(self) -> None:
        self._db.dispose()


def open_services(paths: AppPaths, progress: Callable[[str], None] | None = None) -> Services:
    """Open (creating and migrating if need be) the database under ``paths``."""
    db = open_database(paths.database, paths.backups_dir, progress=progress)
    log.info("Opened %s", paths.database)
    return Services(
        paths=paths,
        settings=SettingsStore(paths.settings_file),
        directory=DirectoryService(db),
        backups=BackupService(db, paths.backups_dir),
        _db=db,
    )
