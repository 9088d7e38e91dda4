"""Opening the database file and what happens when the file or the disk misbehaves.

Everything runs against real SQLite files under tmp_path.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy import exc as sa_exc

# The SQLite library the app uses: within one process, locks only hold between
# connections of the same library.
from sqlcipher3 import dbapi2 as sqlite3

from linkworker import errors
from linkworker.data import database as database_module
from linkworker.data.database import (
    Database,
    open_database,
    translate_error,
)
from linkworker.data.unit_of_work import ReadOnlyUnit, UnitsOfWork
from linkworker.domain.directory import AssetDraft, Cost, DirectoryFilter, Location
from linkworker.services.directory import DirectoryService


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "linkworker.sqlite3"


@pytest.fixture
def db(db_path: Path, tmp_path: Path) -> Iterator[Database]:
    opened = open_database(db_path, tmp_path / "backups")
    yield opened
    opened.dispose()


def _count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# Pragmas ------------------------------------------------------------------


def test_every_connection_syncs_fully_so_a_confirmed_save_survives_a_power_cut(
    db: Database,
) -> None:
    conns = [db.engine.connect() for _ in range(2)]
    try:
        for conn in conns:
            # 2 is FULL; NORMAL (1) in WAL mode can lose the last saves on a power cut.
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        for conn in conns:
            conn.close()


def test_every_connection_has_wal_foreign_keys_and_a_busy_timeout(db: Database) -> None:
    # Hold several connections at once so they are distinct, not one reused.
    conns = [db.engine.connect() for _ in range(3)]
    try:
        for conn in conns:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert (
                conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
                == database_module.BUSY_TIMEOUT_MS
            )
    finally:
        for conn in conns:
            conn.close()


def test_sessions_get_the_pragmas_too(db: Database) -> None:
    with UnitsOfWork(db).read() as uow:
        session = uow.session
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == (
            database_module.BUSY_TIMEOUT_MS
        )


def test_the_file_stays_in_wal_mode_for_other_programs(db: Database, db_path: Path) -> None:
    DirectoryService(UnitsOfWork(db)).save(AssetDraft(name="Walk"))
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(sa_exc.IntegrityError), UnitsOfWork(db).write() as uow:
        uow.session.execute(
            text(
                "INSERT INTO asset_location (id, asset_id, position, name, address, town,"
                " postcode) VALUES (:id, :asset, 0, '', '', '', '')"
            ),
            {"id": b"1" * 16, "asset": b"2" * 16},
        )


# Files that are not a usable database -------------------------------------


def test_random_bytes_are_refused_and_left_alone(db_path: Path, tmp_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    junk = random.Random(20261122).randbytes(8192)
    db_path.write_bytes(junk)

    with pytest.raises(errors.DatabaseCorrupt) as caught:
        open_database(db_path, tmp_path / "backups")

    assert caught.value.advice
    assert db_path.read_bytes() == junk
    assert not Path(f"{db_path}-wal").exists()


def test_random_bytes_behind_an_sqlite_header_are_refused_and_left_alone(
    db_path: Path, tmp_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    junk = b"SQLite format 3\x00" + random.Random(7).randbytes(8192)
    db_path.write_bytes(junk)

    with pytest.raises(errors.DatabaseCorrupt):
        open_database(db_path, tmp_path / "backups")

    assert db_path.read_bytes() == junk


def test_a_damaged_page_is_found_before_use(db_path: Path, tmp_path: Path) -> None:
    """quick_check reports most damage as a row, not an error: the answer must be read."""
    db = open_database(db_path, tmp_path / "backups")
    DirectoryService(UnitsOfWork(db)).add_many(
        AssetDraft(name=f"Asset {i}", description="x" * 400) for i in range(80)
    )
    db.dispose()
    data = bytearray(db_path.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    data[10 * page : 11 * page] = random.Random(3).randbytes(page)
    db_path.write_bytes(bytes(data))

    with pytest.raises(errors.DatabaseCorrupt) as caught:
        open_database(db_path, tmp_path / "backups")

    assert "damaged" in caught.value.message
    assert "backups" in caught.value.advice
    assert db_path.read_bytes() == bytes(data)


def test_a_zero_length_file_is_refused_not_treated_as_new(db_path: Path, tmp_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()

    with pytest.raises(errors.DatabaseCorrupt) as caught:
        open_database(db_path, tmp_path / "backups")

    assert "empty" in caught.value.message
    assert "not been changed" in caught.value.advice
    assert db_path.read_bytes() == b""
    assert not Path(f"{db_path}-wal").exists()


def test_a_data_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")

    with pytest.raises(errors.DatabaseReadOnly) as caught:
        open_database(blocker / "linkworker.sqlite3", tmp_path / "backups")

    assert "--data-dir" in caught.value.advice
    assert blocker.read_text() == "a file where the folder should be"


# Read-only ----------------------------------------------------------------


def test_a_real_readonly_error_becomes_database_read_only(db_path: Path, tmp_path: Path) -> None:
    """The error SQLite gives for a file it may not write, translated.

    This is the path a read-only folder takes too; it also runs as root, where
    chmod cannot take write permission away.
    """
    open_database(db_path, tmp_path / "backups").dispose()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as raw:
            conn.execute("INSERT INTO category (id, name) VALUES (x'00', 'x')")
    finally:
        conn.close()
    assert "readonly" in str(raw.value)

    known = translate_error(raw.value, db_path)
    assert isinstance(known, errors.DatabaseReadOnly)
    assert str(db_path) in known.message
    assert "--data-dir" in known.advice
    assert known.title == errors.DatabaseReadOnly.title


def test_a_read_only_database_through_the_service(db_path: Path, tmp_path: Path) -> None:
    """A Database over a read-only connection: save says DatabaseReadOnly and advises."""
    open_database(db_path, tmp_path / "backups").dispose()
    engine = create_engine(f"sqlite:///file:{db_path}?mode=ro&uri=true", connect_args={"uri": True})
    db = Database(engine, db_path)
    try:
        with pytest.raises(errors.DatabaseReadOnly) as caught:
            DirectoryService(UnitsOfWork(db)).save(AssetDraft(name="Walk"))
        assert "--data-dir" in caught.value.advice
    finally:
        db.dispose()
    assert _count(db_path, "asset") == 0


# Locked -------------------------------------------------------------------


@pytest.fixture
def quick_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give up waiting for a lock after 50 ms rather than 5 s (set before the engine exists)."""
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 50)


def test_a_locked_database_gives_database_locked_and_writes_nothing(
    quick_busy_timeout: None, db_path: Path, tmp_path: Path
) -> None:
    db = open_database(db_path, tmp_path / "backups")
    directory = DirectoryService(UnitsOfWork(db))
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(errors.DatabaseLocked) as caught:
            directory.save(
                AssetDraft(name="Walk", categories=("Walking",), organisation="Ramblers")
            )
        assert "in use" in caught.value.message
        assert caught.value.advice
        # In WAL mode the directory can still be read while another program writes.
        assert directory.search().total == 0
        other.execute("ROLLBACK")

        for table in ("asset", "category", "organisation", "asset_search"):
            assert _count(db_path, table) == 0, table
        # Once the other program lets go, the same service saves normally.
        saved = directory.save(AssetDraft(name="Walk"))
        assert directory.get(saved.id).name == "Walk"
    finally:
        other.close()
        db.dispose()


def test_a_database_locked_while_opening(
    quick_busy_timeout: None, db_path: Path, tmp_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("CREATE TABLE placeholder (x)")
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(errors.DatabaseLocked):
            open_database(db_path, tmp_path / "backups")
        other.execute("ROLLBACK")
    finally:
        other.close()


# Transactions -------------------------------------------------------------


def test_add_many_rolls_back_everything_when_one_draft_fails(db: Database, db_path: Path) -> None:
    directory = DirectoryService(UnitsOfWork(db))
    drafts = [
        AssetDraft(name=f"Asset {i}", categories=(f"Category {i}",), organisation=f"Org {i}")
        for i in range(5)
    ]
    # Valid to validate_asset (it does not look at cost), refused when written:
    # the fourth draft fails after three have been flushed to the database.
    drafts.insert(3, AssetDraft(name="Broken", cost="gratis"))  # type: ignore[arg-type]

    with pytest.raises(ValueError, match="gratis"):
        directory.add_many(drafts)

    assert directory.search().total == 0
    assert directory.facets().categories == ()
    for table in ("asset", "category", "organisation", "asset_location", "asset_search"):
        assert _count(db_path, table) == 0, table


def test_save_rolls_back_a_failed_update(db: Database, db_path: Path) -> None:
    directory = DirectoryService(UnitsOfWork(db))
    saved = directory.save(
        AssetDraft(name="Walk", locations=(Location(postcode="CH65 4AB"),), cost=Cost.PAID)
    )
    broken = dataclasses.replace(saved.draft, name="Changed", cost="gratis")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        directory.save(broken)

    again = directory.get(saved.id)
    assert again.draft == saved.draft
    assert again.version == saved.version
    assert directory.search(DirectoryFilter(text="changed")).total == 0


def test_transaction_commits_and_read_never_writes(db: Database, db_path: Path) -> None:
    with pytest.raises(ReadOnlyUnit), UnitsOfWork(db).read() as uow:
        uow.session.execute(text("INSERT INTO category (id, name) VALUES (x'01', 'Read only')"))
    assert _count(db_path, "category") == 0

    with UnitsOfWork(db).write() as uow:
        uow.session.execute(text("INSERT INTO category (id, name) VALUES (x'02', 'Kept')"))
    assert _count(db_path, "category") == 1


def test_an_unknown_error_is_not_disguised(db: Database) -> None:
    with (
        pytest.raises(sa_exc.OperationalError, match="no such table"),
        UnitsOfWork(db).read() as uow,
    ):
        uow.session.execute(text("SELECT * FROM no_such_table"))


# Disk full ----------------------------------------------------------------


def _limit_pages(engine: Engine, pages: int) -> None:
    @event.listens_for(engine, "connect")
    def _cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")


def test_a_full_disk_gives_disk_full_and_keeps_what_was_saved(
    db_path: Path, tmp_path: Path
) -> None:
    """SQLite's real SQLITE_FULL, produced by capping the file's size."""
    db = open_database(db_path, tmp_path / "backups")
    directory = DirectoryService(UnitsOfWork(db))
    kept = directory.save(AssetDraft(name="Saved before"))
    with db.engine.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    db.dispose()

    full = Database(database_module.make_engine(f"sqlite:///{db_path}"), db_path)
    _limit_pages(full.engine, pages)
    try:
        with pytest.raises(errors.DiskFull) as caught:
            DirectoryService(UnitsOfWork(full)).add_many(
                AssetDraft(name=f"Big {i}", description="words " * 2000) for i in range(20)
            )
        assert "Everything saved before it is safe" in caught.value.message
        assert caught.value.advice
        assert [r.name for r in DirectoryService(UnitsOfWork(full)).search().rows] == [
            "Saved before"
        ]
    finally:
        full.dispose()
    assert _count(db_path, "asset") == 1
    assert kept.name == "Saved before"


# translate_error ----------------------------------------------------------


def _sqlite_error(message: str, code: int, kind: type = sqlite3.OperationalError) -> Exception:
    """A driver error as SQLite raises it: a message and a result code."""
    exc = kind(message)
    exc.sqlite_errorcode = code
    return exc


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (13, errors.DiskFull),  # SQLITE_FULL
        (5, errors.DatabaseLocked),  # SQLITE_BUSY
        (517, errors.DatabaseLocked),  # SQLITE_BUSY_SNAPSHOT
        (6, errors.DatabaseLocked),  # SQLITE_LOCKED
        (8, errors.DatabaseReadOnly),  # SQLITE_READONLY
        (1032, errors.DatabaseReadOnly),  # SQLITE_READONLY_DBMOVED
        (26, errors.DatabaseCorrupt),  # SQLITE_NOTADB
        (11, errors.DatabaseCorrupt),  # SQLITE_CORRUPT
        (10, errors.DatabaseCorrupt),  # SQLITE_IOERR
        (14, errors.DatabaseReadOnly),  # SQLITE_CANTOPEN
    ],
)
def test_translate_error_known_conditions(
    code: int, expected: type[errors.StorageError], tmp_path: Path
) -> None:
    raw = _sqlite_error("whatever the wording", code)
    wrapped = sa_exc.OperationalError("INSERT ...", {}, raw)
    for exc in (raw, wrapped):
        known = translate_error(exc, tmp_path / "x.sqlite3")
        assert type(known) is expected
        assert known.message and known.advice
        assert str(known) == f"{known.message} {known.advice}"


def test_the_code_decides_not_the_words() -> None:
    """A message that mentions a lock but carries another code is not taken for a lock."""
    misleading = _sqlite_error("no such table: locked_rooms", 1)  # SQLITE_ERROR
    assert translate_error(misleading) is None
    # Only the driver's own error, raised without its code, is told by SQLite's fixed text.
    assert translate_error(RuntimeError("database is locked")) is None


def test_operating_system_errors_by_errno(tmp_path: Path) -> None:
    import errno

    assert type(translate_error(OSError(errno.ENOSPC, "x"))) is errors.DiskFull
    assert type(translate_error(OSError(errno.EROFS, "x"))) is errors.DatabaseReadOnly
    assert translate_error(OSError(errno.ENOENT, "x")) is None


def test_translate_error_leaves_other_errors_alone() -> None:
    assert translate_error(_sqlite_error("no such table: asset", 1)) is None
    unique = _sqlite_error("UNIQUE constraint failed: tag.name", 2067, sqlite3.IntegrityError)
    assert translate_error(unique) is None
    assert translate_error(ValueError("something else")) is None


def test_a_driver_error_without_its_code_is_told_by_sqlites_own_text() -> None:
    """An online backup's step raises without the result code: SQLite's fixed text tells it."""
    from linkworker.data.cipher import driver

    full = driver.OperationalError("database or disk is full")
    assert not hasattr(full, "sqlite_errorcode")
    assert type(translate_error(full)) is errors.DiskFull
    assert type(translate_error(driver.OperationalError("database is locked"))) is (
        errors.DatabaseLocked
    )
    # Words of someone else's (a value in a message, say) are not taken for a code.
    assert translate_error(ValueError("database or disk is full")) is None
    assert translate_error(driver.OperationalError("no such table: asset")) is None
