"""Options more than one command takes, and the shape of a command's handler."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker import errors

if TYPE_CHECKING:
    from linkworker.printing.snapshots import PrintOptions
    from linkworker.services.context import Services

#: A command: its arguments, the open services and where its report goes; returns the exit code.
Handler = Callable[[argparse.Namespace, "Services", TextIO], int]

if TYPE_CHECKING:
    #: The subcommands of a parser, which each area adds its own to.
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def common_options() -> argparse.ArgumentParser:
    """The parent of every command's parser: ``--data-dir`` after the command works too.

    ``linkworker directory search x --data-dir D`` as well as ``linkworker --data-dir D ...``.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep the database, backups, logs and settings under DIR",
    )
    add_passphrase_option(common, suppress=True)
    from linkworker.cli.signing_in import add_worker_option

    add_worker_option(common)
    return common


def add_passphrase_option(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """``--passphrase-file FILE``; ``suppress``: a command's copy leaves the top level's alone."""
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        default=argparse.SUPPRESS if suppress else None,
        help="read the data's passphrase from FILE's first line (or set LINKWORKER_PASSPHRASE)",
    )


def check_limit(limit: int) -> None:
    """``--limit`` must ask for at least one row."""
    if limit < 1:
        raise errors.UserFacingError("--limit must be 1 or more.")


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """``-o FILE.pdf`` and the print options, for the commands that save a PDF."""
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    parser.add_argument("--large-print", action="store_true", help="16 pt text or larger")
    parser.add_argument("--easy-read", action="store_true", help="short lines with pictures")
    parser.add_argument("--high-contrast", action="store_true", help="black on white only")


def print_options(args: argparse.Namespace) -> PrintOptions | None:
    """The print options asked for, or None when none was."""
    from linkworker.printing.snapshots import PrintOptions

    if not (args.large_print or args.easy_read or args.high_contrast):
        return None
    return PrintOptions(
        large_print=args.large_print, high_contrast=args.high_contrast, easy_read=args.easy_read
    )


def iso_day(text: str) -> dt.date:
    """A day given as YYYY-MM-DD, for an option's ``type``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-07"
        ) from None
