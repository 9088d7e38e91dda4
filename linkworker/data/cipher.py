"""Encryption at rest: the key, connections that use it, and files converted or re-keyed.

The data file is an SQLCipher 4 database. SQLCipher turns a passphrase into a key
with PBKDF2-HMAC-SHA512 (256,000 rounds) and the file's salt, its first 16 bytes.
That costs a noticeable fraction of a second, and SQLCipher would pay it on every
connection; here it is paid once a process for each (passphrase, salt): the key is
derived with :func:`hashlib.pbkdf2_hmac` exactly as SQLCipher derives it, and each
connection is given the raw key with its salt (``PRAGMA key = "x'<key><salt>'"``).
A file made so opens in any SQLCipher 4 tool with the passphrase, and a file any
such tool made with the passphrase opens here.

Converting a plain file and changing the passphrase both write a new file with
``sqlcipher_export``, check it (integrity, every table's row count, the user
version), sync it, then swap it in place of the old one (:func:`_swap`), whose
bytes are overwritten before it is removed. An interrupted swap is finished by
:func:`finish_interrupted` before the file is next opened.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlcipher3 import dbapi2 as driver

from linkworker import errors
from linkworker.paths import private_file

__all__ = ["DriverError", "Key", "KeyHolder", "derive_key", "driver"]

log = logging.getLogger(__name__)

#: SQLCipher 4's defaults: PBKDF2-HMAC-SHA512, 256,000 rounds, a 16-byte salt, a 32-byte key.
KDF_ITERATIONS = 256_000
SALT_BYTES = 16
KEY_BYTES = 32
SQLITE_HEADER = b"SQLite format 3\x00"
#: The error class of the database driver, for callers that catch what it raises.
DriverError = driver.Error
#: Where a file being converted or re-keyed is written, and the name the old file has
#: while the new one takes its place (given only once the new file was checked).
NEW_SUFFIX = ".encrypting"
OLD_SUFFIX = ".replaced"
MIN_PASSPHRASE = 8


class Key:
    """A database key and the salt it was derived with. Never printed, never logged."""

    __slots__ = ("_passphrase", "_raw", "_salt")

    def __init__(self, raw: bytes, salt: bytes, passphrase: str | None = None) -> None:
        if len(raw) != KEY_BYTES or len(salt) != SALT_BYTES:
            raise ValueError("a key is 32 bytes and its salt 16")
        self._raw = raw
        self._salt = salt
        self._passphrase = passphrase

    def __repr__(self) -> str:
        return "Key(hidden)"

    __str__ = __repr__

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("a key is not to be copied out of the process")

    @property
    def salt(self) -> bytes:
        return self._salt

    def pragma(self) -> str:
        """The value for ``PRAGMA key`` and ``ATTACH ... KEY``: the raw key with its salt."""
        return f"\"x'{self._raw.hex()}{self._salt.hex()}'\""

    def for_file(self, path: Path) -> Key:
        """The key for ``path`` under the same passphrase (a file may have its own salt)."""
        if self._passphrase is None or not path.exists() or not looks_encrypted(path):
            return self
        salt = file_salt(path)
        return self if salt == self._salt else derive_key(self._passphrase, salt)


class KeyHolder:
    """The key an engine gives each new connection; changed when the file is re-keyed."""

    __slots__ = ("key",)

    def __init__(self, key: Key | None) -> None:
        self.key = key

    def __repr__(self) -> str:
        return "KeyHolder(hidden)"


@functools.lru_cache(maxsize=16)
def _derive(passphrase: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", passphrase.encode(), salt, KDF_ITERATIONS, KEY_BYTES)


def derive_key(passphrase: str, salt: bytes | None = None) -> Key:
    """The key SQLCipher 4 derives from ``passphrase`` and ``salt`` (a new random salt if None).

    Derived once a process for each passphrase and salt.
    """
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    return Key(_derive(passphrase, salt), salt, passphrase)


def file_salt(path: Path) -> bytes:
    """The first 16 bytes of ``path``: an encrypted file's salt."""
    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


def is_plain(path: Path) -> bool:
    """Whether ``path`` starts with SQLite's header (a database nobody encrypted)."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def looks_encrypted(path: Path) -> bool:
    """Whether ``path`` may be an SQLCipher file: no SQLite header, and whole pages of data.

    Only the key can tell for sure; a text file or a truncated copy is told apart here.
    """
    size = path.stat().st_size
    return size > 0 and size % 512 == 0 and not is_plain(path)


def connect(
    path: Path, key: Key | None, *, read_only: bool = False, timeout: float = 5.0
) -> driver.Connection:
    """A driver connection to ``path``, given ``key`` before anything is read.

    ``read_only`` connections cannot write to the file (nor make it).
    """
    target = f"{path.absolute().as_uri()}?mode=ro" if read_only else str(path)
    conn = driver.connect(target, uri=read_only, timeout=timeout, check_same_thread=False)
    try:
        # A wrong key is reported to the caller, not written to the terminal.
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = {key.pragma()}")
    except BaseException:
        conn.close()
        raise
    return conn


def wrong_passphrase(path: Path) -> errors.WrongPassphrase:
    """The refusal of a passphrase (or a file) that does not open ``path``."""
    return errors.WrongPassphrase(
        f"The passphrase does not open the data file {path}.",
        "Check the passphrase (is Caps Lock on?) and try again. If it was changed, use the "
        "new one; if it is right, the file may be damaged: restore a backup. "
        "The data file has not been changed.",
    )


def check_key(conn: driver.Connection, path: Path, *, keyed: bool = True) -> None:
    """Read ``path``'s first page through ``conn``; a key (``keyed``) that does not open it
    is :class:`~linkworker.errors.WrongPassphrase`, anything else the driver's error.
    """
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        if keyed and getattr(exc, "sqlite_errorcode", None) == 26:  # SQLITE_NOTADB
            raise wrong_passphrase(path) from exc
        raise


@contextlib.contextmanager
def untouched_if_refused(path: Path) -> Iterator[None]:
    """Leave the folder as found when a look at ``path`` inside the block fails.

    SQLite makes a -wal and -shm beside a WAL database even for a read-only look (an
    earlier look, unlocking, may have made them). When the look fails (a damaged
    file, a wrong key), an empty -wal and its -shm are removed: they hold nothing, and
    the refused file is left as it was. A -wal holding anything is never removed.
    """
    try:
        yield
    except BaseException:
        wal, shm = _sibling(path, "-wal"), _sibling(path, "-shm")
        with contextlib.suppress(OSError):
            if wal.stat().st_size == 0:
                wal.unlink()
                shm.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def opened(path: Path, key: Key | None, *, read_only: bool = True) -> Iterator[driver.Connection]:
    """A connection to ``path`` with its key checked, closed afterwards."""
    conn = connect(path, key.for_file(path) if key is not None else None, read_only=read_only)
    try:
        check_key(conn, path, keyed=key is not None)
        yield conn
    finally:
        conn.close()


def row_counts(conn: driver.Connection, schema: str = "main") -> dict[str, int]:
    """Every table's row count (the full-text index's shadow tables too)."""
    names = [
        str(r[0])
        for r in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type='table'")
    ]
    counts = {}
    for name in names:
        quoted = name.replace('"', '""')
        counts[name] = int(conn.execute(f'SELECT count(*) FROM {schema}."{quoted}"').fetchone()[0])
    return counts


def export(source: Path, source_key: Key | None, target: Path, target_key: Key) -> None:
    """Write ``source`` to a new file ``target`` under ``target_key``, checked and synced.

    Raises :class:`~linkworker.errors.StorageError` when the copy does not match.
    ``target`` must not exist.
    """
    with opened(source, source_key, read_only=False) as src:
        # Nothing left only in the log: the export reads the file as it stands.
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        private_file(target)
        src.execute(f"ATTACH DATABASE ? AS converted KEY {target_key.pragma()}", (str(target),))
        try:
            src.execute("SELECT sqlcipher_export('converted')")
            version = int(src.execute("PRAGMA main.user_version").fetchone()[0])
            src.execute(f"PRAGMA converted.user_version = {version}")
            expected = row_counts(src)
        finally:
            src.execute("DETACH DATABASE converted")
    try:
        with opened(target, target_key) as new:
            check = str(new.execute("PRAGMA integrity_check(1)").fetchone()[0])
            same = row_counts(new) == expected
            same_version = int(new.execute("PRAGMA user_version").fetchone()[0]) == version
        if check != "ok" or not same or not same_version:
            log.error("A converted copy did not match its source (check: %s)", check)
            raise errors.StorageError(
                "The new copy of the data file did not match the old one, so it was not used.",
                "Nothing has changed: the data file is as it was. "
                "Check it with: linkworker db check.",
            )
        fsync(target)
    except BaseException:
        shred(target)
        raise


def _swap(path: Path) -> None:
    """Put ``path`` + NEW_SUFFIX in place of ``path``; overwrite and remove the old file.

    The old file is renamed aside, the new one takes its name, then the old bytes are
    overwritten and removed: each rename is one atomic step, and the renamed file is the
    old file itself, so its own bytes are the ones overwritten. Stopped at any point,
    what is on disk is finished by :func:`finish_interrupted` (which every open runs
    first, so the moment without a file at ``path`` is never taken for a new folder).
    """
    old = _sibling(path, OLD_SUFFIX)
    path.replace(old)
    fsync_dir(path.parent)
    _swap_again(path)


def finish_interrupted(path: Path) -> bool:
    """Finish a conversion or change of passphrase that stopped part way; True if one did.

    A checked new file beside an old one's second name takes its place; an old file's
    second name left alone is overwritten and removed; a new file never checked is removed.
    """
    new, old = _sibling(path, NEW_SUFFIX), _sibling(path, OLD_SUFFIX)
    if old.exists() and new.exists():
        log.warning("Finishing an interrupted change of the data file's encryption")
        _swap_again(path)
        return True
    if old.exists():
        if not path.exists():  # never so by _swap, but never lose the data: keep it
            old.replace(path)
        else:
            shred(old)
        return True
    if new.exists():
        shred(new)
        return True
    return False


def finish_in_folder(folder: Path) -> int:
    """Finish every interrupted conversion of a file in ``folder`` (backups); how many."""
    if not folder.is_dir():
        return 0
    left = {
        p.with_name(p.name[: -len(suffix)])
        for suffix in (NEW_SUFFIX, OLD_SUFFIX)
        for p in folder.glob(f"*{suffix}")
    }
    return sum(finish_interrupted(path) for path in sorted(left))


def _swap_again(path: Path) -> None:
    """The new file takes ``path``'s name (the old one already has its second name)."""
    new, old = _sibling(path, NEW_SUFFIX), _sibling(path, OLD_SUFFIX)
    for extra in ("-wal", "-shm", "-journal"):
        _sibling(path, extra).unlink(missing_ok=True)
    new.replace(path)
    fsync_dir(path.parent)
    shred(old)


def convert_file(path: Path, source_key: Key | None, target_key: Key) -> None:
    """Rewrite ``path`` (plain, or under ``source_key``) under ``target_key``, in place, safely."""
    finish_interrupted(path)
    export(path, source_key, _sibling(path, NEW_SUFFIX), target_key)
    _swap(path)


def convert_all(paths: Iterable[Path], source_key: Key | None, target_key: Key) -> int:
    """Convert each file of ``paths`` that is not already under ``target_key``; how many were.

    Each file's own salt is looked up: backups may have been made under another one.
    """
    done = 0
    for path in paths:
        finish_interrupted(path)
        if not is_plain(path) and file_salt(path) == target_key.salt:
            continue
        convert_file(path, None if is_plain(path) else source_key, target_key)
        done += 1
    return done


def rekey(path: Path, backups: Iterable[Path], old: Key, new: Key) -> int:
    """Re-encrypt ``path`` and then ``backups`` from ``old`` to ``new``; backups done."""
    convert_file(path, old, new)
    return convert_all(backups, old, new)


def shred(path: Path) -> None:
    """Overwrite ``path`` with zeros, sync, then remove it."""
    with contextlib.suppress(FileNotFoundError), path.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(0)
        chunk = b"\0" * (1 << 20)
        left = size
        while left > 0:
            left -= handle.write(chunk[: min(left, len(chunk))])
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink(missing_ok=True)


def fsync(path: Path) -> None:
    """Flush ``path`` to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename) to the disk, where the system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
