"""The command line's passphrase, and ``linkworker db encrypt`` and ``db change-passphrase``.

The passphrase comes from ``LINKWORKER_PASSPHRASE``, or the first line of the file
given with ``--passphrase-file`` (for scripts), or else is asked for without being
shown (twice for a new data folder). A new passphrase, for ``db change-passphrase``,
comes from ``LINKWORKER_NEW_PASSPHRASE`` or ``--new-passphrase-file`` the same way.
A passphrase typed at the prompt that does not open the data is asked for again.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker import errors

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.paths import AppPaths
    from linkworker.services.encryption import Key

PASSPHRASE_ENV = "LINKWORKER_PASSPHRASE"
NEW_PASSPHRASE_ENV = "LINKWORKER_NEW_PASSPHRASE"
#: Tries at a prompt before the command gives up.
TRIES = 3


def add_commands(db_actions: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``db encrypt`` and ``db change-passphrase`` to the ``db`` command's actions."""
    encrypt = db_actions.add_parser(
        "encrypt",
        parents=[common],
        help="encrypt a data file made before encryption, and its backups, under a new passphrase",
    )
    encrypt.set_defaults(file_handler=encrypt_command)
    change = db_actions.add_parser(
        "change-passphrase",
        parents=[common],
        help="re-encrypt the data file and its backups under a new passphrase",
    )
    change.add_argument(
        "--new-passphrase-file",
        type=Path,
        metavar="FILE",
        help=f"read the new passphrase from FILE's first line (or set {NEW_PASSPHRASE_ENV})",
    )
    change.set_defaults(file_handler=change_command)


def _given(env: str, file: Path | None) -> str | None:
    """The passphrase from the environment or a file, if either gives one."""
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise errors.UserFacingError(
                f"The passphrase file {file} could not be read ({exc.strerror}).",
                "Check the file's name and that you may read it.",
            ) from exc
        return text.splitlines()[0] if text else ""
    return os.environ.get(env) or None


def _prompt(what: str, *, twice: bool) -> str:
    """Ask for a passphrase without showing it (twice for a new one)."""
    import getpass

    if not sys.stdin.isatty():
        raise errors.UserFacingError(
            f"No {what} was given, and there is no terminal to ask for it.",
            f"Set {PASSPHRASE_ENV} or give --passphrase-file FILE"
            + (f" (the new one: {NEW_PASSPHRASE_ENV} or --new-passphrase-file)." if twice else "."),
        )
    first = getpass.getpass(f"{what[0].upper()}{what[1:]}: ")
    if not twice:
        return first
    again = getpass.getpass(f"The same {what} again: ")
    from linkworker.domain.passphrase import passphrase_problem

    problem = passphrase_problem(first, again)
    if problem is not None:
        raise errors.UserFacingError(problem, "Run the command again to choose one.")
    return first


def _new_key(env: str, file: Path | None, what: str) -> Key:
    from linkworker.services.encryption import new_key

    given = _given(env, file)
    return new_key(given if given is not None else _prompt(what, twice=True))


def folder_key(args: argparse.Namespace, paths: AppPaths, err: TextIO) -> Key | None:
    """The key to open the data under ``paths`` with (None: the file is not encrypted).

    A new folder's passphrase is chosen now; a plain data file is opened as it is (the
    window offers to encrypt it; ``db encrypt`` does).
    """
    from linkworker.services.encryption import DataFile, data_file, unlock

    kind = data_file(paths)
    file = getattr(args, "passphrase_file", None)
    if kind is DataFile.PLAIN:
        log.info("The data file is not encrypted (linkworker db encrypt encrypts it)")
        return None
    if kind is DataFile.OTHER:
        return None  # opening it explains what is wrong
    if kind is DataFile.NEW:
        return _new_key(PASSPHRASE_ENV, file, "new passphrase for the data")
    given = _given(PASSPHRASE_ENV, file)
    if given is not None:
        return unlock(paths, given)
    for attempt in range(1, TRIES + 1):
        try:
            return unlock(paths, _prompt("passphrase for the data", twice=False))
        except errors.WrongPassphrase as exc:
            if attempt == TRIES:
                raise
            print(f"linkworker: {exc.message} Try again.", file=err)
    raise AssertionError("unreachable")


def encrypt_command(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    """Encrypt a plain data file and its backups under a new passphrase."""
    from linkworker.services.encryption import encrypt_plain

    key = _new_key(PASSPHRASE_ENV, getattr(args, "passphrase_file", None), "new passphrase")
    done = encrypt_plain(paths, key)
    print(f"Encrypted {paths.database} and {done} backup(s), each checked first.", file=out)
    print("Keep the passphrase safe: without it the data cannot be opened.", file=out)
    return 0


def change_command(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    """Re-encrypt the data file and its backups under a new passphrase."""
    from linkworker.services.encryption import DataFile, change_passphrase, data_file

    if data_file(paths) is not DataFile.ENCRYPTED:
        raise errors.UserFacingError(
            f"The data file {paths.database} is not encrypted, so it has no passphrase.",
            "Encrypt it with: linkworker db encrypt",
        )
    old = folder_key(args, paths, sys.stderr)
    assert old is not None
    new = _new_key(NEW_PASSPHRASE_ENV, args.new_passphrase_file, "new passphrase")
    done = change_passphrase(paths, old, new)
    print(f"Changed the passphrase of {paths.database} and {done} backup(s).", file=out)
    return 0
