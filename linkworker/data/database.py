"""Opening the database: engine, pragmas, migrations and backups.

A :class:`Database` owns one SQLAlchemy engine and the session factory the
units of work (:mod:`linkworker.data.unit_of_work`) draw on. Known failures of
the file (locked, read-only, full disk, damaged) become :mod:`linkworker.errors`
with a message and a way forward (:mod:`linkworker.data.storage_errors`).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import sessionmaker

from linkworker import errors
from linkworker.data.migrate import SCHEMA_HEAD, head_revision, known_revisions, upgrade
from linkworker.data.storage_errors import translate_error
from linkworker.data.unit_of_work import WriteListener, install_write_path

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
BACKUPS_KEPT = 10


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


class Database:
    """One database: its engine, its sessions and the listeners every write passes.

    Work is done in units of work (:mod:`linkworker.data.unit_of_work`), never
    with a bare session.
    """

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self.engine = engine
        self.path = path
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        install_write_path(self.sessions)
        #: Called by every unit of work just before it commits (see unit_of_work.Write).
        self.write_listeners: list[WriteListener] = []

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, echo=echo, hide_parameters=True, pool_pre_ping=True)


def _check_file(path: Path) -> None:
    """Refuse a file that is plainly not SQLite before anything touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise errors.DatabaseCorrupt(
            f"{path} is not a Link Worker data file (it is not an SQLite database).",
            "Restore the latest copy from the backups folder, or start with --data-dir "
            "pointing at another folder. The file has not been changed.",
        )


def backup_sqlite(source: Path, backups_dir: Path, reason: str, keep: int = BACKUPS_KEPT) -> Path:
    """Copy a live SQLite database consistently (online backup API) into ``backups_dir``."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"linkworker-{stamp}-{reason}.sqlite3"
    n = 1
    while target.exists():
        target = backups_dir / f"linkworker-{stamp}-{reason}-{n}.sqlite3"
        n += 1
    partial = target.with_suffix(".partial")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        known = translate_error(exc, source)
        if known is not None:
            raise known from exc
        raise
    # Oldest first by the time stamp in the name, then by when the file was written:
    # "x-1.sqlite3" (made second) sorts before "x.sqlite3" by name alone. The new
    # backup itself is never pruned.
    stamp_len = len("linkworker-") + len(stamp)
    others = sorted(
        (p for p in backups_dir.glob("linkworker-*.sqlite3") if p != target),
        key=lambda p: (p.name[:stamp_len], p.stat().st_mtime_ns, p.name),
    )
    if keep > 0:
        for stale in others[: max(0, len(others) + 1 - keep)]:
            stale.unlink(missing_ok=True)
    log.info("Backed up %s to %s", source, target)
    return target


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def open_database(
    path: Path,
    backups_dir: Path,
    *,
    progress: Callable[[str], None] | None = None,
) -> Database:
    """Open (creating if need be) the SQLite database at ``path``, migrated to the newest schema.

    The file is backed up before any migration. A file written by a newer
    version of Link Worker is refused, unchanged.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise errors.DatabaseReadOnly(
            f"The data folder {path.parent} could not be created ({exc.strerror}).",
            "Choose a folder you can write to with --data-dir.",
        ) from exc
    _check_file(path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            # Checked before anything writes (setting the journal mode writes the header).
            # quick_check reports most damage as a row, not an error, so read its answer.
            check = conn.exec_driver_sql("PRAGMA quick_check(1)").scalar()
            if check != "ok":
                log.error("quick_check of %s: %s", path, check)
                raise errors.DatabaseCorrupt(
                    f"The data file ({path}) is damaged.",
                    "Restore the latest copy from the backups folder (Settings, Backups), "
                    "or ask your IT team for help. The damaged file has not been changed.",
                )
            mode = conn.exec_driver_sql("PRAGMA journal_mode=WAL").scalar()
            log.debug("journal_mode=%s", mode)
        return migrate(Database(engine, path), backups_dir, progress=progress)
    except (sa_exc.OperationalError, sa_exc.DatabaseError) as exc:
        engine.dispose()
        known = translate_error(exc, path)
        if known is None:
            raise
        raise known from exc
    except BaseException:
        engine.dispose()
        raise


def open_url(url: str, *, progress: Callable[[str], None] | None = None) -> Database:
    """Open a database by URL (a team's PostgreSQL server, say), migrated to the newest schema."""
    return migrate(Database(make_engine(url)), None, progress=progress)


def migrate(
    db: Database, backups_dir: Path | None, *, progress: Callable[[str], None] | None = None
) -> Database:
    """Bring ``db`` to the newest schema, backing an SQLite file up first."""
    revision = current_revision(db.engine)
    if revision == SCHEMA_HEAD:
        return db  # the usual case, decided without loading Alembic
    head = head_revision()
    if revision == head:
        return db
    if revision is not None and revision not in known_revisions():
        raise errors.DatabaseTooNew(
            "This data file was written by a newer version of Link Worker "
            f"(schema {revision}); this version knows schemas up to {head}.",
            "Install the newer version of Link Worker to open it. The file has not been changed.",
        )
    if revision is not None and db.path is not None and backups_dir is not None:
        if progress:
            progress("Backing up before updating the data file")
        backup_sqlite(db.path, backups_dir, f"before-{head}")
    if progress:
        progress("Updating the data file")
    log.info("Migrating database from %s to %s", revision, head)
    upgrade(db.engine)
    return db
