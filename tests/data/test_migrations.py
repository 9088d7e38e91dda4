"""The schema comes only from the Alembic migrations, and migrating is safe.

Every database here is a real SQLite file under tmp_path.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import textwrap
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import linkworker.data.database as database_module
from linkworker import errors
from linkworker.data import migrate as migrate_module
from linkworker.data.backup_files import prune
from linkworker.data.database import (
    backup_sqlite,
    current_revision,
    make_engine,
    open_database,
)
from linkworker.data.migrate import (
    alembic_config,
    head_revision,
    known_revisions,
    sqlite_migration_mode,
)
from linkworker.data.models import Base
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.directory import AssetDraft, DirectoryFilter, Location
from linkworker.services.directory import DirectoryService

FTS_TABLE = "asset_search"

#: Installs a test-only revision after the real head; returns the real head.
InstallMigration = Callable[[str], str]


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _version_rows(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]


def _downgrade(path: Path, target: str) -> None:
    engine = make_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    try:
        with engine.connect() as conn, sqlite_migration_mode(conn):
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, target)
            conn.commit()
    finally:
        engine.dispose()


def _fill(path: Path, backups: Path, names: list[str]) -> None:
    db = open_database(path, backups)
    try:
        DirectoryService(UnitsOfWork(db)).add_many(
            AssetDraft(name=n, categories=("Walking",), locations=(Location(postcode="CH65 4AB"),))
            for n in names
        )
    finally:
        db.dispose()


# Built by the migrations --------------------------------------------------


def test_a_new_file_is_built_by_the_migrations_to_head(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = open_database(path, tmp_path / "backups")
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.dispose()
    assert _version_rows(path) == [head_revision()]
    tables = _tables(path)
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables
    # A brand new file has nothing worth backing up.
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_the_full_text_table_is_fts5(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    open_database(path, tmp_path / "backups").dispose()
    with closing(sqlite3.connect(path)) as conn:
        row = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
        ).fetchone()
    assert row is not None
    sql = row[0].lower()
    assert "virtual table" in sql and "using fts5" in sql
    assert "remove_diacritics" in sql


def test_there_is_exactly_one_head_and_it_is_known() -> None:
    head = head_revision()
    assert head in known_revisions()
    assert alembic_config().get_main_option("script_location") == str(migrate_module.MIGRATIONS)


def test_current_revision_of_an_empty_database_is_none(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        assert current_revision(engine) is None
    finally:
        engine.dispose()


def test_the_models_match_the_migrated_schema(tmp_path: Path) -> None:
    """A model changed without a migration shows up here as a difference."""
    db = open_database(tmp_path / "db.sqlite3", tmp_path / "backups")

    def ours(name: str | None, type_: str, _parent: object) -> bool:
        # The FTS5 table and its shadow tables are made by raw SQL, not models.
        return not (type_ == "table" and (name or "").startswith(FTS_TABLE))

    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "compare_server_default": True,
                    "include_name": ours,
                },
            )
            differences = compare_metadata(context, Base.metadata)
    finally:
        db.dispose()
    assert differences == []


def test_the_comparison_does_notice_a_missing_column(tmp_path: Path) -> None:
    """The check above can fail: drop a column the models have and it is reported."""
    path = tmp_path / "db.sqlite3"
    open_database(path, tmp_path / "backups").dispose()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("ALTER TABLE asset DROP COLUMN notes")
        conn.commit()
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_name": lambda n, t, p: not (n or "").startswith(FTS_TABLE)}
            )
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert [(d[0], d[2], d[3].name) for d in differences] == [("add_column", "asset", "notes")]


def test_upgrade_downgrade_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    try:
        with engine.connect() as conn, sqlite_migration_mode(conn):
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
        assert current_revision(engine) == head_revision()
        assert set(Base.metadata.tables) | {FTS_TABLE} <= _tables(path)

        with engine.connect() as conn, sqlite_migration_mode(conn):
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
            conn.commit()
        assert current_revision(engine) is None
        assert _tables(path) == {"alembic_version"}

        with engine.connect() as conn, sqlite_migration_mode(conn):
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
        assert current_revision(engine) == head_revision()
        assert set(Base.metadata.tables) | {FTS_TABLE} <= _tables(path)
    finally:
        engine.dispose()

    # The twice-built schema works: save and find an asset.
    db = open_database(path, tmp_path / "backups")
    try:
        directory = DirectoryService(UnitsOfWork(db))
        directory.save(AssetDraft(name="Gardening club"))
        assert [r.name for r in directory.search(DirectoryFilter(text="garden")).rows] == [
            "Gardening club"
        ]
    finally:
        db.dispose()


def test_migrating_leaves_foreign_keys_on_for_later_work(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3", tmp_path / "backups")
    try:
        # The pool hands back the very connection the migrations ran on.
        for _ in range(3):
            with db.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


# A newer database ---------------------------------------------------------


def test_a_database_from_a_newer_version_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    backups = tmp_path / "backups"
    _fill(path, backups, ["Walking group"])
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zzzz_future'")
        conn.commit()
    assert not Path(f"{path}-wal").exists()
    before = path.read_bytes()

    with pytest.raises(errors.DatabaseTooNew) as caught:
        open_database(path, backups)

    assert "zzzz_future" in caught.value.message
    assert "newer version" in caught.value.advice
    assert path.read_bytes() == before
    assert not backups.exists() or not any(backups.iterdir())


# Backups before migrating -------------------------------------------------


@pytest.fixture
def next_migration(tmp_path: Path) -> Iterator[InstallMigration]:
    """Install a copy of the real migrations plus one more, test-only, revision.

    There is only one real revision, so "an older database" is simulated by
    making the real head the older one: the test revision ``0002_test`` comes
    after it, and a database at ``0001`` must be backed up, then migrated.
    """
    copy = tmp_path / "migrations"
    shutil.copytree(migrate_module.MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    real_head = head_revision()
    saved = migrate_module.MIGRATIONS
    saved_head = database_module.SCHEMA_HEAD

    def install(upgrade_body: str) -> str:
        body = textwrap.indent(textwrap.dedent(upgrade_body).strip(), "    ")
        (copy / "versions" / "0002_test.py").write_text(
            "import sqlalchemy as sa\n"
            "from alembic import op\n\n"
            'revision = "0002_test"\n'
            f"down_revision = {real_head!r}\n"
            "branch_labels = None\n"
            "depends_on = None\n\n\n"
            f"def upgrade():\n{body}\n\n\n"
            "def downgrade():\n    pass\n"
        )
        migrate_module.MIGRATIONS = copy
        migrate_module._script.cache_clear()
        database_module.SCHEMA_HEAD = "0002_test"  # what a release with it would say
        assert head_revision() == "0002_test"
        return real_head

    try:
        yield install
    finally:
        migrate_module.MIGRATIONS = saved
        migrate_module._script.cache_clear()
        database_module.SCHEMA_HEAD = saved_head


def test_an_older_database_is_backed_up_then_migrated(
    tmp_path: Path,
    next_migration: InstallMigration,
) -> None:
    path = tmp_path / "db.sqlite3"
    backups = tmp_path / "backups"
    _fill(path, backups, ["Walking group", "Knit and natter"])
    older = next_migration(
        'op.create_table("marker", sa.Column("id", sa.Integer, primary_key=True))'
    )

    messages: list[str] = []
    db = open_database(path, backups, progress=messages.append)
    try:
        assert current_revision(db.engine) == "0002_test"
        names = sorted(s.name for s in DirectoryService(UnitsOfWork(db)).search().rows)
    finally:
        db.dispose()
    assert names == ["Knit and natter", "Walking group"]
    assert "marker" in _tables(path)

    (backup,) = backups.iterdir()
    assert backup.name.startswith("linkworker-") and "before-0002_test" in backup.name
    assert _version_rows(backup) == [older]
    assert "marker" not in _tables(backup)
    with closing(sqlite3.connect(backup)) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT name FROM asset")) == names
    assert messages[0].startswith("Backing up") and messages[-1].startswith("Updating")


def test_a_failed_migration_step_leaves_the_database_as_it_was(
    tmp_path: Path,
    next_migration: InstallMigration,
) -> None:
    """Each step is one transaction, DDL included (sqlite3 does not do that by itself)."""
    path = tmp_path / "db.sqlite3"
    backups = tmp_path / "backups"
    _fill(path, backups, ["Walking group"])
    older = next_migration(
        """
        op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
        op.execute("DELETE FROM asset")
        raise RuntimeError("the step failed halfway")
        """
    )

    with pytest.raises(RuntimeError, match="halfway"):
        open_database(path, backups)

    assert _version_rows(path) == [older]
    assert "half_done" not in _tables(path)
    with closing(sqlite3.connect(path)) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM asset")] == ["Walking group"]
    assert len(list(backups.iterdir())) == 1


def test_a_migration_that_rebuilds_a_table_keeps_the_rows_that_refer_to_it(
    tmp_path: Path,
    next_migration: InstallMigration,
) -> None:
    """SQLite rebuilds a table to alter it; with foreign keys on, dropping the old
    table would cascade-delete every location, contact and category link."""
    path = tmp_path / "db.sqlite3"
    backups = tmp_path / "backups"
    _fill(path, backups, ["Walking group"])
    next_migration(
        """
        with op.batch_alter_table("asset", recreate="always") as batch:
            batch.add_column(sa.Column("extra", sa.String(10), nullable=True))
        """
    )

    db = open_database(path, backups)
    try:
        (row,) = DirectoryService(UnitsOfWork(db)).search().rows
        detail = DirectoryService(UnitsOfWork(db)).get(row.id)
    finally:
        db.dispose()
    assert detail.draft.categories == ("Walking",)
    assert [loc.postcode for loc in detail.draft.locations] == ["CH65 4AB"]
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM asset_location").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM asset_category").fetchone() == (1,)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_open_url_migrates_without_a_backup(tmp_path: Path) -> None:
    db = database_module.open_url(f"sqlite:///{tmp_path / 'url.sqlite3'}")
    try:
        assert current_revision(db.engine) == head_revision()
        assert db.path is None
    finally:
        db.dispose()


# backup_sqlite ------------------------------------------------------------


def test_backup_is_a_consistent_copy_of_a_live_database(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    db = open_database(path, tmp_path / "backups")
    try:
        directory = DirectoryService(UnitsOfWork(db))
        directory.add_many(AssetDraft(name=f"Asset {i:03}") for i in range(40))
        # Written to the WAL and not yet checkpointed into the main file: the
        # backup API must still copy it.
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert Path(f"{path}-wal").stat().st_size > 0

        target = backup_sqlite(path, tmp_path / "copies", "manual")
    finally:
        db.dispose()

    assert target.exists() and target.parent == tmp_path / "copies"
    assert target.name.startswith("linkworker-") and target.name.endswith("-manual.sqlite3")
    assert not list((tmp_path / "copies").glob("*.partial"))
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        names = [r[0] for r in conn.execute("SELECT name FROM asset ORDER BY name")]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
    assert names == [f"Asset {i:03}" for i in range(40)]

    # The copy opens as a Link Worker database in its own right.
    restored = open_database(target, tmp_path / "unused")
    try:
        assert (
            DirectoryService(UnitsOfWork(restored)).search(DirectoryFilter(text="asset 039")).total
            == 1
        )
    finally:
        restored.dispose()


def test_pruning_follows_the_rota_and_spares_manual_copies(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    open_database(path, tmp_path / "backups").dispose()
    backups = tmp_path / "copies"
    backups.mkdir()
    days = [backups / f"linkworker-202001{d:02}-120000-daily.sqlite3" for d in range(1, 11)]
    manual = backups / "linkworker-20190601-120000-manual.sqlite3"
    for file in [*days, manual]:
        file.write_bytes(b"old")
    unrelated = backups / "notes.txt"
    unrelated.write_text("keep me")

    target = backup_sqlite(path, backups, "daily")
    prune(backups)

    remaining = sorted(p.name for p in backups.glob("linkworker-*.sqlite3"))
    # Seven days (today and 6 to 10 January 2020); 1 to 5 January share an ISO week,
    # whose newest (the 5th) is its weekly copy; January's newest is the 10th.
    kept_days = [d.name for d in days[4:]]
    assert remaining == sorted([*kept_days, manual.name, target.name])
    assert unrelated.exists()


def test_backups_in_the_same_second_keep_the_newest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two backups in one second are named x.sqlite3 then x-1.sqlite3; the
    second must survive pruning (by name alone it sorted first and was deleted)."""

    class FrozenClock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> FrozenClock:
            return cls(2026, 1, 2, 3, 4, 5)

    path = tmp_path / "db.sqlite3"
    open_database(path, tmp_path / "backups").dispose()
    monkeypatch.setattr(dt, "datetime", FrozenClock)  # the module backup_files.py uses
    backups = tmp_path / "copies"

    first = backup_sqlite(path, backups, "daily")
    second = backup_sqlite(path, backups, "daily")
    assert first != second
    prune(backups)
    assert second.exists()

    third = backup_sqlite(path, backups, "daily")
    prune(backups)
    assert sorted(backups.glob("linkworker-*.sqlite3")) == [third]


def test_ten_failed_starts_keep_the_good_backups(
    tmp_path: Path, next_migration: InstallMigration
) -> None:
    """Each failed start makes its checked backup, but only a start that went well prunes."""
    path = tmp_path / "db.sqlite3"
    backups = tmp_path / "backups"
    _fill(path, backups, ["Walking group"])
    good_copy = backup_sqlite(path, tmp_path / "made", "daily")
    good = [
        backups / f"linkworker-2026{month:02}{day:02}-090000-daily.sqlite3"
        for month in (9, 10, 11)
        for day in (3, 4, 5, 6)
    ]
    backups.mkdir(exist_ok=True)
    for file in good:
        shutil.copyfile(good_copy, file)
    next_migration('raise RuntimeError("the step failed")')

    for _ in range(10):
        with pytest.raises(RuntimeError, match="failed"):
            open_database(path, backups)

    names = {p.name for p in backups.glob("linkworker-*.sqlite3")}
    assert {g.name for g in good} <= names
    assert len(names) == len(good) + 10


def test_backup_of_a_damaged_file_fails_cleanly(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database at all" * 200)
    backups = tmp_path / "copies"
    with pytest.raises(errors.DatabaseCorrupt):
        backup_sqlite(junk, backups, "manual")
    assert list(backups.iterdir()) == []


def test_schema_head_constant_is_alembics_head() -> None:
    """SCHEMA_HEAD lets a current database open without loading Alembic; keep it true."""
    from linkworker.data.migrate import SCHEMA_HEAD, head_revision

    assert head_revision() == SCHEMA_HEAD


def test_the_when_of_every_asset_is_worked_out_again(tmp_path: Path) -> None:
    """A monthly group saved under the older rule read as weekly; 0006 words it again."""
    from linkworker.domain.directory import Day, OpeningTime

    path = tmp_path / "db.sqlite3"
    db = open_database(path, tmp_path / "backups")
    try:
        monthly = OpeningTime(Day.WEDNESDAY, dt.time(19, 30), None, "third Wednesday of the month")
        weekly = OpeningTime(Day.TUESDAY, dt.time(10), dt.time(12))
        directory = DirectoryService(UnitsOfWork(db))
        club = directory.save(AssetDraft(name="Garden club", opening_times=(monthly,)))
        walk = directory.save(AssetDraft(name="Walk", opening_times=(weekly,)))
        bare = directory.save(AssetDraft(name="Advice line"))
    finally:
        db.dispose()
    _downgrade(path, "0006_when_words")  # the later steps' tables go, the assets stay
    with closing(sqlite3.connect(path)) as conn:  # as the older version left it
        conn.execute("UPDATE asset SET when_text = 'Wed 19:30' WHERE name = 'Garden club'")
        conn.execute("UPDATE alembic_version SET version_num = '0005_oruk_exchange'")
        conn.commit()

    db = open_database(path, tmp_path / "backups")
    try:
        rows = {r.id: r.when for r in DirectoryService(UnitsOfWork(db)).search().rows}
    finally:
        db.dispose()
    assert rows[club.id] == "3rd Wed of month 19:30"
    assert rows[walk.id] == "Tue 10:00"
    assert rows[bare.id] == ""
