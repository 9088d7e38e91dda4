"""The first look at the directory (read without SQLAlchemy) is what the service gives."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Cost,
    Day,
    DirectoryFilter,
    JoinMode,
    Location,
    OpeningTime,
    SortKey,
)
from linkworker.paths import AppPaths
from linkworker.services.first_look import first_directory_page

#: The first look reads the SQLite data file itself, before SQLAlchemy is loaded.
pytestmark = pytest.mark.sqlite_only(reason="the first look reads the SQLite data file itself")


def _fill(services: Any) -> None:
    """Assets that vary in every column the list shows, some archived, names that tie."""
    directory = services.directory
    drafts = [
        AssetDraft(
            name=f"{word} group {n % 7}",
            id=uuid.UUID(int=n + 1),
            organisation="" if n % 3 == 0 else f"Trust {n % 5}",
            categories=() if n % 4 == 0 else (f"Kind {n % 6}", f"Other {n % 2}"),
            cost=list(Cost)[n % len(Cost)],
            join_mode=list(JoinMode)[n % len(JoinMode)],
            status=list(AssetStatus)[n % len(AssetStatus)],
            locations=() if n % 5 == 0 else (Location(postcode=f"CH6{n % 4} 1AB"),),
            opening_times=(OpeningTime(list(Day)[n % 7], dt.time(10), dt.time(12)),),
            last_verified_on=None if n % 2 else dt.date(2026, 1, 1 + n % 28),
        )
        for n, word in enumerate(["Walking", "walking", "Art", "Choir", "Bowls", "Écoute"] * 50)
    ]
    assert directory.add_many(drafts) == len(drafts)
    for draft in drafts[::9]:
        assert draft.id is not None
        directory.archive(draft.id)


def test_the_first_page_and_the_choices_are_the_services(
    services: Any, app_paths: AppPaths
) -> None:
    _fill(services)

    first = first_directory_page(app_paths, 200)

    assert first is not None
    page, facets = first
    expected = services.directory.search(DirectoryFilter(), SortKey.NAME, False, 200, 0)
    assert page == expected
    assert len(page.rows) == 200 and page.total > 200
    assert facets == services.directory.facets()
    assert any(row.categories[1:] for row in page.rows)  # lists of categories split right
    assert {row.last_verified_on is None for row in page.rows} == {True, False}


def test_a_short_directory_is_read_whole(services: Any, app_paths: AppPaths) -> None:
    services.directory.save(AssetDraft(name="Library reading group"))

    first = first_directory_page(app_paths, 200)

    assert first is not None
    assert [row.name for row in first[0].rows] == ["Library reading group"]
    assert first[0].total == first[1].total_assets == 1


def test_no_first_look_without_a_current_data_file(tmp_path: Path) -> None:
    missing = AppPaths.under(tmp_path / "none")
    assert first_directory_page(missing, 200) is None

    junk = AppPaths.under(tmp_path / "junk")
    junk.data_dir.mkdir()
    junk.database.write_bytes(b"this is not a database" * 100)
    assert first_directory_page(junk, 200) is None


def test_no_first_look_at_another_schema(services: Any, app_paths: AppPaths) -> None:
    services.directory.save(AssetDraft(name="Library reading group"))
    services.close()
    with sqlite3.connect(app_paths.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001_older'")

    assert first_directory_page(app_paths, 200) is None


def test_the_first_look_changes_nothing(services: Any, app_paths: AppPaths) -> None:
    services.directory.save(AssetDraft(name="Library reading group"))
    services.close()
    before = app_paths.database.read_bytes()

    assert first_directory_page(app_paths, 200) is not None

    assert app_paths.database.read_bytes() == before


def test_the_first_look_loads_no_sqlalchemy() -> None:
    code = (
        "import sys, linkworker.services.first_look;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
