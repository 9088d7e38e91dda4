"""``linkworker backup create [--to DIR]``, ``backup list``, ``backup restore FILE``, ``db check``.

``db encrypt`` and ``db change-passphrase`` are in :mod:`linkworker.cli.passphrase`.

``backup create`` opens the database as every command does. ``backup list``,
``backup restore`` and ``db check`` work on the files alone, without opening
(or migrating) the database: they must work when it is damaged, empty or
another program's, which is when they are needed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker.cli import passphrase, team
from linkworker.cli.output import plural

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.paths import AppPaths
    from linkworker.services.context import Services

#: A command on the data files alone: its arguments, the folders and where its report goes.
FileHandler = Callable[[argparse.Namespace, "AppPaths", TextIO], int]


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``backup create|list|restore`` and ``db check``."""
    backup = commands.add_parser("backup", help="make, list and restore backups of the data")
    actions = backup.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser(
        "create", parents=[common], help="back up the data now (checked before it is kept)"
    )
    create.add_argument(
        "--to", type=Path, metavar="DIR", help="the folder to write it to (default: backups)"
    )
    create.set_defaults(handler=create_command)
    listing = actions.add_parser(
        "list", parents=[common], help="the backups, newest first: date, size and kind"
    )
    listing.set_defaults(file_handler=list_command)
    restore = actions.add_parser(
        "restore",
        parents=[common],
        help="put a backup back in place of the data, after checking it; the data it "
        "replaces is kept as a safety copy",
    )
    restore.add_argument("file", type=Path, help="the backup file")
    restore.set_defaults(file_handler=restore_command, needs_key=True)

    db = commands.add_parser("db", help="the data file itself")
    db_actions = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = db_actions.add_parser(
        "check", parents=[common], help="a full integrity check of the data file"
    )
    check.set_defaults(file_handler=check_command, needs_key=True)
    passphrase.add_commands(db_actions, common)
    team.add_commands(db_actions, common)


def create_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Make a backup and say where it is."""
    target = services.backups.backup_now(to=args.to)
    print(f"Backed up to {target} ({_size(target.stat().st_size)}), checked.", file=out)
    return 0


def list_command(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    """One line a backup, newest first."""
    from linkworker.services.backup import list_backups

    found = list_backups(paths.backups_dir)
    if not found:
        print(f"No backups yet in {paths.backups_dir}.", file=out)
        return 0
    for info in found:
        made = info.made_at.strftime("%Y-%m-%d %H:%M")
        print(f"{made}  {_size(info.size_bytes):>9}  {info.kind:<12}  {info.path}", file=out)
    print(f"{plural(len(found), 'backup', 'backups')} in {paths.backups_dir}.", file=out)
    return 0


def restore_command(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    """Check the backup, keep a safety copy of the data, then put the backup in its place."""
    from linkworker.services.backup import restore

    done = restore(args.file, paths.database, paths.backups_dir, args.key)
    print(f"Restored {done.backup} (checked: sound, and a schema this version reads).", file=out)
    if done.safety_copy is not None:
        print(f"The data it replaced is kept at {done.safety_copy}.", file=out)
    return 0


def check_command(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    """Say ok, or what is wrong and what to do; exit 1 when something is wrong."""
    from linkworker.services.backup import check_database

    answer = check_database(paths.database, args.key)
    if answer == "ok":
        print(f"{paths.database}: ok (full integrity check).", file=out)
        return 0
    print(f"{paths.database} has a problem: {answer}", file=out)
    print("Restore the newest good backup: linkworker backup list, then backup restore.", file=out)
    return 1


def _size(size_bytes: int) -> str:
    if size_bytes < 1024 * 1024:
        return f"{size_bytes / 1024:.0f} KB"
    return f"{size_bytes / (1024 * 1024):.1f} MB"
