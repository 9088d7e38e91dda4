"""The command line: the same services as the window, headless.

``linkworker directory search QUERY``, ``directory import SOURCE`` (Open Referral
files, folders, zips and feeds, or a spreadsheet), ``directory export FILE --format
oruk-json|csv``, ``directory print -o FILE.pdf``, ``people import FILE``,
``people list``, ``referral add PERSON``, ``match PERSON``, ``plan print PERSON -o FILE.pdf``,
``geo import FILE``, ``geo status``, ``postcodes import FILE``, ``today``,
``calendar export -o FILE.ics``, ``backup create|list|restore``, ``db check``,
``audit verify``, ``audit export``, ``db encrypt``, ``db change-passphrase``,
``person access PERSON --to DIR``, ``person erase PERSON``, ``retention list``,
``codes PERSON``, ``codes export --from D --to D -o FILE.csv``, ``outcomes PERSON``,
``outcomes record PERSON``, ``report NAME --from D --to D -o FILE.pdf|.csv``,
``letter gp PERSON -o FILE.pdf [--json FILE.json]``,
``caseload handover --from NAME --to NAME [--person ID...]``; every command honours
``--data-dir``, ``--passphrase-file`` (see :mod:`linkworker.cli.passphrase`) and
``--as NAME`` (see :mod:`linkworker.cli.signing_in`).

Each area has its own module, which adds its commands to the parser and holds
their handlers; this package only puts them together and runs one. The modules
import each other in one direction only (tests/unit/test_cli_imports.py checks it).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from linkworker import errors
from linkworker.cli import (
    audit,
    backup,
    caseload,
    codes,
    day,
    directory,
    geo,
    letter,
    match,
    outcomes,
    people,
    plan,
    referral,
    report,
    rights,
    today,
)
from linkworker.cli.options import Handler, common_options
from linkworker.cli.passphrase import folder_key
from linkworker.cli.signing_in import sign_in
from linkworker.domain.actor import COMMAND_LINE, nobody
from linkworker.paths import AppPaths

#: Exit code when whoever reads the output stops early (``| head``): killed by SIGPIPE.
CLOSED_PIPE = 128 + 13


def add_commands(parser: argparse.ArgumentParser) -> None:
    """Attach the subcommands to the top-level parser."""
    common = common_options()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    areas = (
        today,
        directory,
        people,
        rights,
        referral,
        match,
        plan,
        letter,
        outcomes,
        codes,
        report,
        geo,
        day,
        caseload,
    )
    for area in (*areas, backup, audit):
        area.add_commands(commands, common)


def run(
    args: argparse.Namespace, paths: AppPaths, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run a subcommand; known problems print a message and return a non-zero code."""
    from linkworker.services.context import open_services

    out = out or sys.stdout
    err = err or sys.stderr
    file_handler: backup.FileHandler | None = getattr(args, "file_handler", None)
    if file_handler is not None:  # works on the files without opening the database
        try:
            if getattr(args, "needs_key", False):
                args.key = folder_key(args, paths, err)
            return file_handler(args, paths, out)
        except errors.UserFacingError as exc:
            _report(exc, err)
            return 1
    try:
        url = None if getattr(args, "demo", False) else _team_url(args, paths)
        key = None if url else folder_key(args, paths, err)
        services = open_services(paths, key=key, url=url)
    except errors.UserFacingError as exc:
        print(f"linkworker: {exc.message}\n{exc.advice}", file=err)
        return 2
    services.units.actor = nobody(COMMAND_LINE)
    try:
        sign_in(args, services)
        handler: Handler = args.handler
        code = handler(args, services, out)
        out.flush()  # a closed pipe shows here, not as Python shuts down
        return code
    except errors.UserFacingError as exc:
        _report(exc, err)
        return 1
    except BrokenPipeError:
        _discard_output(out)
        return CLOSED_PIPE
    finally:
        services.close()


def _team_url(args: argparse.Namespace, paths: AppPaths) -> str | None:
    """The team database to use (``--database-url``, the environment, Settings), or None."""
    from linkworker.services.settings import SettingsStore
    from linkworker.services.team_database import team_url

    return team_url(getattr(args, "database_url", None), SettingsStore(paths.settings_file))


def _report(exc: errors.UserFacingError, err: TextIO) -> None:
    print(f"linkworker: {exc.message}\n{exc.advice}".rstrip(), file=err)


def _discard_output(out: TextIO) -> None:
    """Send what is still to be written to nowhere: the reader has gone (``| head``).

    Without this Python flushes ``out`` once more on the way out and prints a
    second BrokenPipeError.
    """
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
