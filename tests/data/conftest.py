"""Fixtures the data tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture
def demo_database(demo_data: Path) -> Iterator[Database]:
    """The demo's data file (a copy of it), opened as its own manager acting."""
    from tests.conftest import demo_manager, made_key

    paths = AppPaths.under(demo_data)
    opened = open_database(paths.database, paths.backups_dir, key=made_key(paths.database))
    opened.actor = demo_manager(demo_data)
    yield opened
    opened.dispose()
