"""Fixtures the data tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from linkworker.data.database import Database, open_database
from linkworker.paths import AppPaths


@pytest.fixture
def db(app_paths: AppPaths) -> Iterator[Database]:
    """A real, migrated SQLite file under the test's own folder."""
    opened = open_database(app_paths.database, app_paths.backups_dir)
    yield opened
    opened.dispose()
