"""Known failures of the data file, told apart by the database's own error codes.

SQLite gives every failure a result code (``sqlite3.Error.sqlite_errorcode``);
its low byte is the primary code (``SQLITE_BUSY``, ``SQLITE_FULL``...) and the
rest refines it. The operating system gives an ``errno``. Both are stable,
unlike the wording of a message, which changes between versions and
languages. A failure with a known code becomes a :class:`~linkworker.errors.StorageError`
with a message and a way forward; anything else is left for the caller to raise.
"""

from __future__ import annotations

import errno
from pathlib import Path

from linkworker import errors
from linkworker.data.server_errors import is_server_error, translate_server_error

# SQLite's primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_CONSTRAINT = 19
SQLITE_NOTADB = 26
#: The extended code of a UNIQUE constraint failing (SQLITE_CONSTRAINT | 8 << 8).
SQLITE_CONSTRAINT_UNIQUE = 2067

_READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})

#: The driver some of whose errors come without their code (the standard library's
#: sqlite3 always gives it, so its errors are told by code alone).
_DRIVER_MODULES = ("sqlcipher3",)
#: SQLite's fixed texts for its primary result codes (sqlite3_errstr), for errors raised
#: without the code.
_BY_SQLITE_TEXT = {
    "database or disk is full": SQLITE_FULL,
    "database is locked": SQLITE_BUSY,
    "database table is locked": SQLITE_LOCKED,
    "attempt to write a readonly database": SQLITE_READONLY,
    "access permission denied": SQLITE_PERM,
    "database disk image is malformed": SQLITE_CORRUPT,
    "file is not a database": SQLITE_NOTADB,
    "disk i/o error": SQLITE_IOERR,
    "unable to open database file": SQLITE_CANTOPEN,
}


def sqlite_code(exc: BaseException) -> int | None:
    """The SQLite result code behind ``exc`` (a driver error, or SQLAlchemy's wrapper of one).

    Some of the driver's paths (an online backup's step, say) raise without the code;
    then SQLite's own fixed text for a primary code (``sqlite3_errstr``) tells it.
    """
    for candidate in (exc, getattr(exc, "orig", None)):
        code = getattr(candidate, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code
    for candidate in (exc, getattr(exc, "orig", None)):
        if candidate is not None and type(candidate).__module__.startswith(_DRIVER_MODULES):
            return _BY_SQLITE_TEXT.get(str(candidate).strip().lower())
    return None


def is_unique_violation(exc: BaseException) -> bool:
    """True when ``exc`` is a UNIQUE constraint failing (SQLite or PostgreSQL)."""
    code = sqlite_code(exc)
    if code == SQLITE_CONSTRAINT_UNIQUE:
        return True
    # The SQLCipher driver gives the primary code alone; SQLite's message then tells which.
    if code == SQLITE_CONSTRAINT and str(getattr(exc, "orig", exc)).startswith("UNIQUE "):
        return True
    return getattr(getattr(exc, "orig", exc), "sqlstate", None) == "23505"


def _locked(where: str) -> errors.StorageError:
    return errors.DatabaseLocked(
        f"The data file{where} is in use by another program.",
        "Close any other copy of Link Worker or backup tool using it, then try again.",
    )


def _read_only(where: str) -> errors.StorageError:
    return errors.DatabaseReadOnly(
        f"Link Worker cannot write to the data file{where}.",
        "Check that the folder is not read-only and that you have permission to change it, "
        "or start Link Worker with --data-dir pointing at a folder you can write to.",
    )


def _full(where: str) -> errors.StorageError:
    return errors.DiskFull(
        "The disk is full, so the last change was not saved. Everything saved before it is safe.",
        "Free some space (empty the recycle bin, remove large downloads) and save again.",
    )


def _damaged(where: str) -> errors.StorageError:
    return errors.DatabaseCorrupt(
        f"The data file{where} is damaged or is not a Link Worker data file.",
        "Restore the latest copy from the backups folder (Settings, Backups), "
        "or ask your IT team for help. The damaged file has not been changed.",
    )


def _cannot_open(where: str) -> errors.StorageError:
    return errors.DatabaseReadOnly(
        f"The data file{where} could not be opened.",
        "Check that the folder exists and that you can write to it.",
    )


_BY_SQLITE_CODE = {
    SQLITE_BUSY: _locked,
    SQLITE_LOCKED: _locked,
    SQLITE_PERM: _read_only,
    SQLITE_READONLY: _read_only,
    SQLITE_FULL: _full,
    SQLITE_CORRUPT: _damaged,
    SQLITE_NOTADB: _damaged,
    SQLITE_IOERR: _damaged,
    SQLITE_CANTOPEN: _cannot_open,
}


def translate_error(exc: BaseException, path: Path | None = None) -> errors.StorageError | None:
    """Turn a driver or file error into a user-facing one; None if it is not a known condition.

    A team database's errors are told by :mod:`linkworker.data.server_errors`.
    """
    if is_server_error(exc):
        return translate_server_error(exc)
    where = f" ({path})" if path else ""
    code = sqlite_code(exc)
    if code is not None:
        explain = _BY_SQLITE_CODE.get(code & 0xFF)
        return explain(where) if explain else None
    os_error = exc if isinstance(exc, OSError) else getattr(exc, "orig", None)
    if isinstance(os_error, OSError):
        if os_error.errno == errno.ENOSPC:
            return _full(where)
        if os_error.errno in _READ_ONLY_ERRNOS:
            return _read_only(where)
    return None
