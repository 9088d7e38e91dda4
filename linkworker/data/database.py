"""Opening the database: engine, pragmas, migrations and backups.

A :class:`Database` owns one SQLAlchemy engine and the session factory the
units of work (:mod:`linkworker.data.unit_of_work`) draw on. Known failures of
the file (locked, read-only, full disk, damaged) become :mod:`linkworker.errors`
with a message and a way forward (:mod:`linkworker.data.storage_errors`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from linkworker import errors
from linkworker.data import cipher
from linkworker.data.backup_files import (
    backup_files,
    backup_sqlite,
    examine,
    newest_good_backup,
    prune,
)
from linkworker.data.cipher import Key
from linkworker.data.migrate import SCHEMA_HEAD, head_revision, known_revisions, upgrade
from linkworker.data.server_errors import Server, translate_server_error
from linkworker.data.storage_errors import translate_error
from linkworker.data.unit_of_work import EventSink, WriteListener, install_write_path
from linkworker.domain.actor import Actor, nobody
from linkworker.paths import make_file_private, private_dir, tighten_files

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 16 * 1024
#: How long to wait for a team database's server to answer, in seconds.
CONNECT_TIMEOUT_S = 10


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # FULL: a save the user was told of is on the disk before the answer comes
        # back, even through a power cut (NORMAL in WAL mode can lose the last ones).
        cursor.execute("PRAGMA synchronous=FULL")
        # 16 MB of page cache (SQLite's default is 2 MB). A page of an encrypted file is
        # decrypted and its HMAC checked each time it is read from the disk; held in the
        # cache it is read as it is, so a caseload's search pages are decrypted once.
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    finally:
        cursor.close()


class Database:
    """One database: its engine, its sessions and the listeners every write passes.

    Work is done in units of work (:mod:`linkworker.data.unit_of_work`), never
    with a bare session.
    """

    def __init__(
        self, engine: Engine, path: Path | None = None, key: cipher.KeyHolder | None = None
    ) -> None:
        self.engine = engine
        self.path = path
        self._key = key or cipher.KeyHolder(None)
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        install_write_path(self.sessions)
        #: Called by every unit of work just before it commits (see unit_of_work.Write).
        self.write_listeners: list[WriteListener] = []
        #: Who is acting in this process; set when a worker signs in.
        self.actor: Actor = nobody()
        #: Given the events a unit noted (views, prints, exports), when it ends well.
        self.event_sink: EventSink | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def key(self) -> Key | None:
        """The file's key (None: a plain file); backups are made under it."""
        return self._key.key

    def change_key(self, new: Key, backups_dir: Path) -> None:
        """Re-encrypt the file, and every backup in ``backups_dir``, under ``new``.

        Units of work must not be open meanwhile: the file is rewritten and swapped,
        and connections made afterwards use the new key.
        """
        if self.path is None or self.key is None:
            raise ValueError("Only an encrypted data file can have its passphrase changed.")
        self.engine.dispose()
        cipher.rekey(self.path, backup_files(backups_dir), self.key, new)
        self._key.key = new
        self.engine.dispose()
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        log.info("The data file and its backups were re-encrypted under a new passphrase")

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,
            module=cipher.driver,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # A server that does not answer is told within seconds, not after the system's minutes.
    return create_engine(
        url,
        echo=echo,
        hide_parameters=True,
        pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
    )


def file_engine(path: Path, key: cipher.KeyHolder) -> Engine:
    """An engine over the SQLite file at ``path``, each connection given ``key.key`` (None: plain).

    The key is derived already: a new connection costs no key derivation.
    """
    engine = create_engine(
        f"sqlite:///{path}",
        hide_parameters=True,
        module=cipher.driver,
        creator=lambda: cipher.connect(path, key.key, timeout=BUSY_TIMEOUT_MS / 1000),
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _refuse(
    path: Path, backups_dir: Path | None, what: str, key: Key | None = None
) -> errors.DatabaseCorrupt:
    """The refusal of a file that is not ours to open, offering the newest good backup."""
    newest = newest_good_backup(backups_dir, key) if backups_dir is not None else None
    offer = (
        f"The newest good backup is {newest}; put it back with: linkworker backup restore "
        f"{newest}. "
        if newest is not None
        else ""
    )
    return errors.DatabaseCorrupt(
        f"{path} {what}, so Link Worker will not open it.",
        f"{offer}Or restore another copy from the backups folder, or start with --data-dir "
        "pointing at another folder. "
        "The file has not been changed.",
    )


def refusal_of(
    exc: BaseException, path: Path, backups_dir: Path | None, key: Key | None = None
) -> errors.StorageError | None:
    """What to tell of a driver error met reading ``path`` (None: not a known condition).

    A damaged file is refused offering the newest good backup by name.
    """
    known = translate_error(exc, path)
    if isinstance(known, errors.DatabaseCorrupt):
        return _refuse(path, backups_dir, "is damaged", key)
    return known


def _check_file(path: Path, backups_dir: Path | None, key: Key | None) -> None:
    """Refuse, before anything touches it, a file that is not a Link Worker database.

    Only a missing file is a new database. An empty file, a file that is not
    SQLite (plain, or encrypted: then ``key`` must open it), and another program's
    SQLite database (tables, but no schema version of ours) are refused and left
    exactly as they are. A key that does not open an encrypted file is
    :class:`~linkworker.errors.WrongPassphrase`.
    """
    if not path.exists():
        return
    if path.stat().st_size == 0:
        raise _refuse(path, backups_dir, "is empty (0 bytes): the data it held is gone", key)
    plain = cipher.is_plain(path)
    if not plain and (key is None or not cipher.looks_encrypted(path)):
        what = "not an SQLite database" if key else "encrypted, or not an SQLite database"
        raise _refuse(path, backups_dir, f"is not a Link Worker data file ({what})", key)
    if plain and key is not None:
        raise errors.StorageError(
            f"The data file {path} is not encrypted.",
            "Encrypt it first with: linkworker db encrypt. The data file has not been changed.",
        )
    try:
        with cipher.untouched_if_refused(path):
            # quick_check reports most damage as a row, not an error, so read its answer.
            found = examine(path, key=key)
            if not found.ok:
                log.error("quick_check of the data file: %s", found.check)
                raise _refuse(path, backups_dir, "is damaged", key)
    except cipher.DriverError as exc:
        known = refusal_of(exc, path, backups_dir, key)
        if known is not None:
            raise known from exc
        raise
    tables = found.tables
    if tables and "alembic_version" not in tables:
        raise _refuse(
            path, backups_dir, "is another program's database (it has no Link Worker schema)", key
        )


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def install_audit_trail(db: Database) -> Database:
    """Keep the audit trail of every unit of work on ``db`` (see data/audit_repo.py), and
    check each unit's writes against who acts (data/access_guard.py) before it commits."""
    from linkworker.data.access_guard import install_access_guard
    from linkworker.data.audit_repo import install_audit_trail as install

    install_access_guard(db)
    return install(db)


def open_database(
    path: Path,
    backups_dir: Path,
    *,
    key: Key | None = None,
    progress: Callable[[str], None] | None = None,
) -> Database:
    """Open (creating if need be) the SQLite database at ``path``, migrated to the newest schema.

    ``key``: the file is (or, when new, will be) encrypted under it; None, a plain file.
    The file is backed up (under the same key) before any migration. A file written by
    a newer version of Link Worker, or that ``key`` does not open, is refused, unchanged.
    """
    try:
        private_dir(path.parent)
        tighten_files(path.parent)
    except OSError as exc:
        raise errors.DatabaseReadOnly(
            f"The data folder {path.parent} could not be created ({exc.strerror}).",
            "Choose a folder you can write to with --data-dir.",
        ) from exc
    cipher.finish_interrupted(path)
    _check_file(path, backups_dir, key)
    new = not path.exists()
    holder = cipher.KeyHolder(key)
    engine = file_engine(path, holder)
    try:
        with engine.connect() as conn:
            # The file was checked (_check_file) before this first write of the header.
            # SQLite makes the file by the umask (in a folder only the user may open);
            # its -wal, -shm and -journal take the mode it has.
            make_file_private(path, new=new)
            mode = conn.exec_driver_sql("PRAGMA journal_mode=WAL").scalar()
            log.debug("journal_mode=%s", mode)
        return install_audit_trail(
            migrate(Database(engine, path, holder), backups_dir, progress=progress)
        )
    except (sa_exc.OperationalError, sa_exc.DatabaseError) as exc:
        engine.dispose()
        known = translate_error(exc, path)
        if known is None:
            raise
        raise known from exc
    except BaseException:
        engine.dispose()
        raise


def server_url(server: Server, password: str | None = None, sslmode: str = "") -> str:
    """The URL of the PostgreSQL database ``server`` names, with ``password`` if given."""
    from sqlalchemy.engine import URL

    made = URL.create(
        "postgresql+psycopg",
        username=server.user or None,
        password=password or None,
        host=server.host or None,
        port=server.port,
        database=server.database or None,
        query={"sslmode": sslmode} if sslmode else {},
    )
    return made.render_as_string(hide_password=False)


def server_of(url: str) -> Server:
    """Where the database at ``url`` is, as messages name it (no password)."""
    parsed = make_url(url)
    return Server(parsed.host or "", parsed.port, parsed.database or "", parsed.username or "")


@contextlib.contextmanager
def _on_server(url: str) -> Iterator[Engine]:
    """An engine onto the database at ``url``, whose refusals are told as
    :mod:`linkworker.data.server_errors` gives them; disposed of if anything fails."""
    server = server_of(url)
    engine = make_engine(url)
    try:
        _check_server_database(engine, server)
        yield engine
    except sa_exc.DBAPIError as exc:
        engine.dispose()
        known = translate_server_error(exc, server, connecting=True)
        if known is None:
            raise
        raise known from exc
    except BaseException:
        engine.dispose()
        raise


def open_url(url: str, *, progress: Callable[[str], None] | None = None) -> Database:
    """Open a database by URL (a team's PostgreSQL server), migrated to the newest schema.

    A server that cannot be reached, a wrong password, a database of a newer schema and
    one that is not Link Worker's are refused with a message naming the server (see
    :mod:`linkworker.data.server_errors`); the database is not changed.
    """
    with _on_server(url) as engine:
        return install_audit_trail(migrate(Database(engine), None, progress=progress))


def check_url(url: str) -> str | None:
    """Connect to the database at ``url`` and change nothing: its schema revision, or None
    when it is empty (ready for Link Worker). Refusals are as :func:`open_url` gives them."""
    with _on_server(url) as engine:
        revision = current_revision(engine)
    engine.dispose()
    return revision


def _check_server_database(engine: Engine, server: Server) -> None:
    """Refuse a database that holds tables but not Link Worker's (another program's)."""
    with engine.connect() as conn:
        tables = inspect(conn).get_table_names()
    if tables and "alembic_version" not in tables:
        raise errors.DatabaseCorrupt(
            f"The database {server.database} at {server.address} belongs to another program "
            "(it has tables, but not Link Worker's), so Link Worker will not use it.",
            "Check the database name in Settings, Team database: Link Worker needs a database "
            "of its own, empty the first time. Nothing in it has been changed.",
        )


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
        what = "data file" if db.path is not None else "team database"
        raise errors.DatabaseTooNew(
            f"This {what} was written by a newer version of Link Worker "
            f"(schema {revision}); this version knows schemas up to {head}.",
            f"Install the newer version of Link Worker to open it. The {what} has not been "
            "changed.",
        )
    if revision is not None and db.path is not None and backups_dir is not None:
        if progress:
            progress("Backing up before updating the data file")
        backup_sqlite(db.path, backups_dir, f"before-{head}", key=db.key)
    if progress:
        progress("Updating the data file")
    log.info("Migrating database from %s to %s", revision, head)
    upgrade(db.engine)
    if revision is not None and db.path is not None and backups_dir is not None:
        # Only now, with the backup made and checked and the start gone well:
        # a start that fails never rotates good backups away.
        prune(backups_dir)
    return db
