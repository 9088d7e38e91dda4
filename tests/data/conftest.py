"""Fixtures the data tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from linkworker.data.database import Database, open_database, open_url
from linkworker.paths import AppPaths


@pytest.fixture
def db(app_paths: AppPaths, database_url: str | None) -> Iterator[Database]:
    """A real, migrated SQLite file under the test's own folder (or PostgreSQL database)."""
    opened = (
        open_url(database_url)
        if database_url
        else open_database(app_paths.database, app_paths.backups_dir)
    )
    yield opened
    opened.dispose()
