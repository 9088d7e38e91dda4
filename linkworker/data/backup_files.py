"""Backup files of the SQLite database: made, checked, listed, pruned and put back.

A backup is written with SQLite's online backup API to a ``.partial`` file,
checked (it opens and passes ``PRAGMA quick_check``) and only then given its
name, ``linkworker-YYYYmmdd-HHMMSS-REASON.sqlite3``; so every file by that name
is a good copy when made. Pruning follows the rota in
:mod:`linkworker.domain.backup_rota` and is only ever done after a new backup
was made and checked. Files here are read without being changed
(``mode=ro``) unless the function says it writes.

An encrypted database's backups are encrypted under its key (the same passphrase
opens them); each function that reads a file takes that key (None: plain files).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from linkworker import errors
from linkworker.data import cipher
from linkworker.data.cipher import DriverError, Key
from linkworker.data.storage_errors import translate_error
from linkworker.domain.backup_rota import Rota, backups_to_keep
from linkworker.paths import private_dir, private_file

log = logging.getLogger(__name__)

PREFIX = "linkworker-"
BACKUP_GLOB = f"{PREFIX}*.sqlite3"
STAMP = "%Y%m%d-%H%M%S"
#: Reasons whose backups stay until someone deletes them: not on the rota.
MANUAL = "manual"
SAFETY = "safety-before-restore"
OFF_ROTA = (MANUAL, SAFETY)


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What a database file holds, read without changing it."""

    #: "ok", or what SQLite found wrong.
    check: str
    tables: frozenset[str]
    revision: str | None

    @property
    def ok(self) -> bool:
        return self.check == "ok"


def _key_for(path: Path, key: Key | None) -> Key | None:
    """The key to read ``path`` with: none for a plain file, whatever was given."""
    return None if key is None or (path.exists() and cipher.is_plain(path)) else key


@contextlib.contextmanager
def read_only(path: Path, key: Key | None = None) -> Iterator[cipher.driver.Connection]:
    """A connection that cannot write to ``path``; ``key`` must open it if it is encrypted.

    A wrong key is :class:`~linkworker.errors.WrongPassphrase`.
    """
    with cipher.opened(path, _key_for(path, key)) as conn:
        yield conn


def is_sqlite_file(path: Path, key: Key | None = None) -> bool:
    """Whether ``path`` starts with SQLite's header, or (given a key) may be encrypted."""
    return cipher.is_plain(path) or (key is not None and cipher.looks_encrypted(path))


def _tables(conn: cipher.driver.Connection) -> frozenset[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
    return frozenset(str(r[0]) for r in rows)


def examine(path: Path, *, full: bool = False, key: Key | None = None) -> FileCheck:
    """Check ``path`` read-only: quick (or, with ``full``, complete) integrity, tables, schema.

    Raises the driver's ``DatabaseError`` when SQLite cannot read it at all, and
    :class:`~linkworker.errors.WrongPassphrase` when ``key`` does not open it.
    """
    pragma = "PRAGMA integrity_check(20)" if full else "PRAGMA quick_check(20)"
    with read_only(path, key) as conn:
        rows = [str(r[0]) for r in conn.execute(pragma)]
        tables = _tables(conn)
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
    return FileCheck("; ".join(rows) if rows else "no answer", tables, revision)


def integrity(path: Path, key: Key | None = None) -> str:
    """A full ``PRAGMA integrity_check`` of ``path``, read-only: "ok" or what is wrong.

    An encrypted file is read with ``key``; one that ``key`` does not open is
    :class:`~linkworker.errors.WrongPassphrase`.
    """
    if path.stat().st_size == 0 or not is_sqlite_file(path, key):
        if cipher.looks_encrypted(path):
            return "the file is encrypted: give its passphrase to check it"
        return "the file is not an SQLite database"
    try:
        return examine(path, full=True, key=key).check
    except DriverError as exc:
        return f"the file could not be read ({exc})"


def made_at(path: Path) -> dt.datetime:
    """When a backup was made: the time in its name, or failing that when it was written."""
    stamp = path.name[len(PREFIX) : len(PREFIX) + len("YYYYmmdd-HHMMSS")]
    try:
        return dt.datetime.strptime(stamp, STAMP)
    except ValueError:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)


def _reason_and_sequence(path: Path) -> tuple[str, int]:
    rest = path.name[len(PREFIX) + len("YYYYmmdd-HHMMSS-") : -len(".sqlite3")]
    head, _, tail = rest.rpartition("-")
    return (head, int(tail)) if head and tail.isdigit() else (rest, 0)


def reason_of(path: Path) -> str:
    """Why a backup was made, from its name (``manual``, ``daily``, ``before-0008``...)."""
    return _reason_and_sequence(path)[0]


def backup_files(backups_dir: Path) -> list[Path]:
    """Every backup in ``backups_dir``, newest first."""
    if not backups_dir.is_dir():
        return []
    found = list(backups_dir.glob(BACKUP_GLOB))
    # Two backups in one second are named x then x-1: the number says which came second.
    return sorted(
        found,
        key=lambda p: (made_at(p), _reason_and_sequence(p)[1], p.stat().st_mtime_ns),
        reverse=True,
    )


def newest_good_backup(backups_dir: Path, key: Key | None = None) -> Path | None:
    """The newest backup that still opens (with ``key`` if encrypted) and passes its quick check.

    Without a key, an encrypted backup is taken on trust when it looks whole: only
    the passphrase can check it.
    """
    for path in backup_files(backups_dir):
        try:
            if key is None and cipher.looks_encrypted(path):
                return path
            if not is_sqlite_file(path, key):
                continue
            found = examine(path, key=key)
        except (DriverError, OSError, errors.WrongPassphrase):
            continue
        if found.ok and found.revision is not None:
            return path
    return None


def _new_name(folder: Path, reason: str) -> Path:
    """A name for a backup made now; a second one in the same second gets a higher number."""
    base = f"{PREFIX}{dt.datetime.now().strftime(STAMP)}-{reason}"
    taken = [
        _reason_and_sequence(p)[1]
        for p in folder.glob(f"{base}*.sqlite3")
        if _reason_and_sequence(p)[0] == reason
    ]
    if not taken:
        return folder / f"{base}.sqlite3"
    return folder / f"{base}-{max(taken) + 1}.sqlite3"


def backup_sqlite(
    source: Path,
    backups_dir: Path,
    reason: str,
    *,
    own_folder: bool = True,
    key: Key | None = None,
) -> Path:
    """Copy a live SQLite database consistently into ``backups_dir``, checked before named.

    The copy is readable by the user alone, and encrypted under ``key`` as the database
    is. ``own_folder``: the app's backups folder, made private too; a folder the user
    chose is made if missing but its mode is theirs. Nothing is pruned here: see :func:`prune`.
    """
    if own_folder:
        private_dir(backups_dir)
    else:
        backups_dir.mkdir(parents=True, exist_ok=True)
    target = _new_name(backups_dir, reason)
    partial = target.with_suffix(".partial")
    try:
        with read_only(source, key) as src:
            same = _key_for(source, key)
            dst = cipher.connect(private_file(partial), same and same.for_file(source))
            try:
                src.backup(dst)
                # One self-contained file: no -wal beside it to lose when copied.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        cipher.fsync(partial)
        check = examine(partial, key=key)
        if not check.ok:
            raise errors.StorageError(
                "The backup just made did not pass its check, so it was not kept.",
                "Check the data file with: linkworker db check. Your earlier backups are kept.",
            )
        partial.replace(target)
    except (DriverError, OSError) as exc:
        partial.unlink(missing_ok=True)
        known = translate_error(exc, source)
        if isinstance(known, errors.DiskFull):
            raise errors.DiskFull(
                f"The disk holding {backups_dir} is full, so the backup was not made. "
                "Your data and your earlier backups are safe.",
                "Free some space there (or choose another folder) and make the backup again.",
            ) from exc
        if known is not None:
            raise known from exc
        raise
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("Backed up %s to %s", source, target)
    return target


def prune(backups_dir: Path, rota: Rota = Rota()) -> list[Path]:
    """Delete the automatic backups the rota no longer keeps; return what was deleted.

    Call only after a backup was made and checked: then the newest backup,
    which the rota always keeps, is a good one.
    """
    on_rota = [p for p in backup_files(backups_dir) if reason_of(p) not in OFF_ROTA]
    when = {p: made_at(p) for p in on_rota}
    keep = backups_to_keep(when.values(), rota)
    # Two backups in the same second share a time: the newest file of them stands.
    stands: dict[dt.datetime, Path] = {}
    for path in on_rota:  # newest first
        stands.setdefault(when[path], path)
    gone = [p for p in on_rota if when[p] not in keep or stands[when[p]] != p]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def rota_kinds(backups_dir: Path, rota: Rota = Rota()) -> dict[Path, str]:
    """Each backup with the place it holds: daily, weekly, monthly, manual or safety copy."""
    files = backup_files(backups_dir)
    on_rota = {p: made_at(p) for p in files if reason_of(p) not in OFF_ROTA}
    keep = backups_to_keep(on_rota.values(), rota)
    kinds = {}
    for path in files:
        reason = reason_of(path)
        if reason == SAFETY:
            kinds[path] = "safety copy"
        elif reason == MANUAL:
            kinds[path] = MANUAL
        else:
            kinds[path] = keep.get(on_rota[path], "due to be pruned")
    return kinds


def replace_database(
    backup: Path, database: Path, safety_dir: Path, key: Key | None = None
) -> Path | None:
    """Put ``backup`` in place of ``database``, first keeping a byte copy of the database.

    Returns the safety copy (None when there was no database). The backup is
    copied beside the database and synced before it takes the database's name,
    so a failure part way leaves the database as it was.
    """
    refuse_if_in_use(database, key)
    safety = None
    if database.exists():
        private_dir(safety_dir)
        safety = _new_name(safety_dir, SAFETY)
        shutil.copyfile(database, private_file(safety))
        wal = Path(f"{database}-wal")
        if wal.exists():
            shutil.copyfile(wal, private_file(Path(f"{safety}-wal")))
        cipher.fsync(safety)
    incoming = database.with_name(database.name + ".restoring")
    try:
        shutil.copyfile(backup, private_file(incoming))
        cipher.fsync(incoming)
        for extra in ("-wal", "-shm"):
            Path(f"{database}{extra}").unlink(missing_ok=True)
        incoming.replace(database)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    return safety


def refuse_if_in_use(database: Path, key: Key | None) -> None:
    """Refuse while anything (Link Worker's window, say) has the database open.

    In exclusive locking mode a transaction cannot start while another
    connection holds the database open, even idle; alone, it starts at once.
    Closing it writes the log back into the file, so the safety copy is whole.
    """
    if not database.exists() or database.stat().st_size == 0:
        return
    if not is_sqlite_file(database, key):
        return
    conn = cipher.connect(database, _key_for(database, key), timeout=0.2)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.rollback()
    except cipher.driver.OperationalError as exc:
        known = translate_error(exc, database)
        if isinstance(known, errors.DatabaseLocked):
            raise errors.DatabaseLocked(
                "The data file is in use (Link Worker may be open), so nothing was restored.",
                "Close Link Worker everywhere it is open, then restore again. "
                "The data file has not been changed.",
            ) from exc
        raise
    except cipher.driver.DatabaseError:
        return  # not a database SQLite can read: nothing can have it open as one
    finally:
        conn.close()
