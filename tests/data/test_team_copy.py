"""Copying a laptop's data file into a new team database: whole, checked, the file kept.

The source is the demo's data folder (invented people, a year of history, the sample
directory and the audit trail made while filling it); the target is a new database.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from linkworker import errors
from linkworker.data.copy_database import check, copy_rows, describe, tables
from linkworker.data.database import Database, open_database, open_url
from linkworker.data.models import Person
from linkworker.domain.audit import AuditFilter
from linkworker.domain.day_away import canonical
from linkworker.domain.directory import DirectoryFilter
from linkworker.paths import AppPaths
from linkworker.services.context import Services, open_services
from linkworker.services.demo import sign_in_demo
from linkworker.services.team_copy import copy_into
from tests.conftest import made_key


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def source(demo_database: Database) -> Database:
    return demo_database


@pytest.fixture
def target_paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "team")


@pytest.fixture
def target(target_paths: AppPaths, database_url: str | None) -> Iterator[Database]:
    """The team database: PostgreSQL on the PostgreSQL run, another data file otherwise."""
    db = (
        open_url(database_url)
        if database_url
        else open_database(target_paths.database, target_paths.backups_dir)
    )
    yield db
    db.dispose()


def test_everything_is_copied_and_proved_whole(source: Database, target: Database) -> None:
    steps: list[tuple[str, int, int]] = []
    done = copy_into(source, target, lambda what, at, of: steps.append((what, at, of)))

    assert done.check.whole
    by_table = {t.table: t for t in done.check.tables}
    assert set(by_table) == {t.name for t in tables()}
    for name in ("person", "episode", "contact", "asset", "outcome_measure", "audit_entry"):
        assert by_table[name].source_rows > 0, name
        assert by_table[name].target_rows == by_table[name].source_rows
    assert done.listings_indexed == by_table["asset"].target_rows
    # Progress counts up to the end, one step a table copied and one a table checked.
    assert steps[-1] == ("Copied and checked", 2 * len(tables()), 2 * len(tables()))
    assert [at for _, at, _ in steps] == sorted(at for _, at, _ in steps)


def test_the_team_database_works_as_the_file_did(
    demo_data: Path,
    source: Database,
    target: Database,
    target_paths: AppPaths,
    database_url: str | None,
) -> None:
    copy_into(source, target)
    before = open_services(
        AppPaths.under(demo_data), key=made_key(AppPaths.under(demo_data).database)
    )
    after = open_services(target_paths, url=database_url)
    try:
        assert sign_in_demo(before) and sign_in_demo(after)
        assert after.people.count() == before.people.count() > 0
        # Search works there: its index was built for the listings copied.
        first = before.directory.search(DirectoryFilter()).rows[0]
        found = after.directory.search(DirectoryFilter(text=first.name)).rows
        assert first.id in {a.id for a in found}
        # The audit trail came too, and its chain still holds, with the copy recorded at its end.
        chain = after.audit.verify()
        assert chain.unbroken and chain.entries > 100
        newest = after.audit.page(AuditFilter(action="import"), limit=1)[0]
        assert (newest.action, newest.subject) == ("import", "team database")
        sent = before.audit.page(AuditFilter(action="export"), limit=1)[0]
        assert (sent.action, sent.subject) == ("export", "team database")
        assert describe(target) in sent.detail
    finally:
        before.close()
        after.close()


def test_the_data_file_is_only_read(demo_data: Path, target: Database) -> None:
    paths = AppPaths.under(demo_data)
    key = made_key(paths.database)
    # Let the file settle (its log written back) before its bytes are taken.
    opened = open_database(paths.database, paths.backups_dir, key=key)
    with opened.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.dispose()
    before = _digest(paths.database)
    source = open_database(paths.database, paths.backups_dir, key=key)
    copied = copy_rows(source, target)
    source.dispose()
    assert copied.whole
    assert _digest(paths.database) == before


def test_a_team_database_already_in_use_is_refused_and_left_alone(
    source: Database, target: Database, target_paths: AppPaths, database_url: str | None
) -> None:
    services: Services = open_services(target_paths, url=database_url)
    try:
        services.directory.rebuild_search_index()
        from tests.data.people_helpers import add_person

        add_person(services.people, "Testa", "Example")
    finally:
        services.close()
    with pytest.raises(errors.UserFacingError) as refused:
        copy_rows(source, target)
    assert "already holds records" in refused.value.message
    assert "person" in refused.value.message
    assert "Your own data file has not been changed" in refused.value.advice
    with target.engine.connect() as conn:
        assert (
            conn.execute(select(Person.id)).all()
            and len(conn.execute(select(Person.id)).all()) == 1
        )


def test_databases_at_different_schemas_are_refused(source: Database, target: Database) -> None:
    with target.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0016_needs_as_written'"))
    with pytest.raises(errors.UserFacingError) as refused:
        copy_rows(source, target)
    assert "0016_needs_as_written" in refused.value.message
    with target.engine.connect() as conn:
        assert conn.execute(select(Person.id)).first() is None


def test_a_value_changed_after_the_copy_is_found_by_the_check(
    source: Database, target: Database
) -> None:
    copy_rows(source, target)
    with target.engine.begin() as conn:
        some = conn.execute(select(Person.id).limit(1)).scalar_one()
        conn.execute(update(Person).where(Person.id == some).values(given_name="Changed"))
    again = check(source, target)
    assert not again.whole
    assert again.differing() == ("person",)
    (person,) = [t for t in again.tables if t.table == "person"]
    assert person.source_rows == person.target_rows  # the same count: only the sum tells


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (uuid.UUID(int=5), uuid.UUID(uuid.UUID(int=5).hex)),
        (0.5, decimal.Decimal("0.5")),
        (dt.datetime(2026, 3, 1, 9, 30), dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)),
        ({"b": 1, "a": [2, 3]}, {"a": [2, 3], "b": 1}),
        (memoryview(b"\x01\x02"), b"\x01\x02"),
    ],
)
def test_a_value_reads_the_same_from_either_kind_of_database(one: object, other: object) -> None:
    assert canonical(one) == canonical(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [(None, "~"), (None, ""), (True, 1), (1, "1"), (1, 1.0), (0.1, 0.1000001), ("", " ")],
)
def test_different_values_read_differently(one: object, other: object) -> None:
    assert canonical(one) != canonical(other)
