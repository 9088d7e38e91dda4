"""The data folder's passphrase: which kind of data file is there, its key, conversions.

The database of a data folder is encrypted (:mod:`linkworker.data.cipher`); its key is
derived once a process from the passphrase and the file's salt. A new folder gets a
new salt; a plain database, from before encryption, is converted on request, and its
backups with it; changing the passphrase re-encrypts the database and every backup.
"""

from __future__ import annotations

import enum
import logging

from linkworker import errors
from linkworker.data import cipher
from linkworker.data.backup_files import backup_files, refuse_if_in_use
from linkworker.data.cipher import Key
from linkworker.domain.passphrase import passphrase_problem
from linkworker.paths import AppPaths

__all__ = ["DataFile", "Key", "data_file", "encrypt_plain", "new_key", "unlock"]

log = logging.getLogger(__name__)


class DataFile(enum.Enum):
    """What is at a data folder's database path."""

    #: No database yet: one is made, encrypted under a passphrase chosen now.
    NEW = "new"
    #: A database that is not encrypted (made before encryption, or by a test).
    PLAIN = "plain"
    #: An encrypted database (or a file only a passphrase can tell apart from one).
    ENCRYPTED = "encrypted"
    #: Anything else (empty, not a database): opening it explains what is wrong.
    OTHER = "other"


def data_file(paths: AppPaths) -> DataFile:
    """The kind of database ``paths`` holds.

    An interrupted conversion (of the database or of a backup) is finished first.
    """
    path = paths.database
    if not path.parent.is_dir():
        return DataFile.NEW
    cipher.finish_interrupted(path)
    cipher.finish_in_folder(paths.backups_dir)
    if not path.exists():
        return DataFile.NEW
    if path.stat().st_size == 0:
        return DataFile.OTHER
    if cipher.is_plain(path):
        return DataFile.PLAIN
    return DataFile.ENCRYPTED if cipher.looks_encrypted(path) else DataFile.OTHER


def unlock(paths: AppPaths, passphrase: str) -> Key:
    """The key for the folder's database under ``passphrase``, checked against the file.

    A new folder's key has a new salt. Raises :class:`~linkworker.errors.WrongPassphrase`
    when the passphrase does not open the file, which is left as it was.
    """
    path = paths.database
    if data_file(paths) is not DataFile.ENCRYPTED:
        return cipher.derive_key(passphrase)
    key = cipher.derive_key(passphrase, cipher.file_salt(path))
    try:
        with cipher.untouched_if_refused(path), cipher.opened(path, key):
            pass
    except cipher.DriverError as exc:  # the key opens it, but the file is damaged
        # Loaded only now: the window unlocks before the data layer (SQLAlchemy) loads.
        from linkworker.data.database import refusal_of

        known = refusal_of(exc, path, paths.backups_dir, key)
        if known is not None:
            raise known from exc
        raise
    return key


def new_key(passphrase: str, again: str | None = None) -> Key:
    """A key with a new salt for a new ``passphrase``; refused when the passphrase is not fit."""
    problem = passphrase_problem(passphrase, again)
    if problem is not None:
        raise errors.UserFacingError(problem, "Choose another passphrase.")
    return cipher.derive_key(passphrase)


def encrypt_plain(paths: AppPaths, key: Key) -> int:
    """Encrypt the folder's plain database, then its plain backups, under ``key``.

    Returns how many backups were encrypted. Each file is written anew, checked and
    swapped in; the plain bytes are overwritten before removal. Nothing may have the
    database open meanwhile.
    """
    if data_file(paths) is not DataFile.PLAIN:
        raise errors.UserFacingError(
            f"The data file {paths.database} is not an unencrypted Link Worker data file.",
            "Nothing was changed.",
        )
    refuse_if_in_use(paths.database, None)
    cipher.convert_file(paths.database, None, key)
    done = cipher.convert_all(backup_files(paths.backups_dir), None, key)
    log.info("Encrypted the data file and %d backups", done)
    return done


def change_passphrase(paths: AppPaths, old: Key, new: Key) -> int:
    """Re-encrypt the folder's database and every backup under ``new``; backups done.

    Nothing may have the database open meanwhile (the window changes it through its
    own open services).
    """
    refuse_if_in_use(paths.database, old)
    return cipher.rekey(paths.database, backup_files(paths.backups_dir), old, new)
