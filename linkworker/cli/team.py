"""``linkworker db copy-to-team URL``: the data file's whole contents into a new team database.

The password is given in the URL, or as PGPASSWORD, or in the file PostgreSQL's own
tools read (``~/.pgpass``); it is never printed. See :mod:`linkworker.services.team_copy`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from linkworker.cli.output import plural

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services


def add_commands(db_actions: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``db copy-to-team`` to the ``db`` command's actions."""
    copy = db_actions.add_parser(
        "copy-to-team",
        parents=[common],
        help="copy everything in the data file into a new, empty team database "
        "(PostgreSQL), checked table by table; the data file is kept as it is",
    )
    copy.add_argument(
        "url",
        metavar="URL",
        help="the team database, e.g. postgresql://lw_app@db.example.nhs.uk/linkworker",
    )
    copy.set_defaults(handler=copy_command)


def team_url(given: str) -> str:
    """The address as SQLAlchemy takes it, PostgreSQL through psycopg 3; refused if not one."""
    scheme, sep, rest = given.partition("://")
    if scheme in ("postgres", "postgresql", "postgresql+psycopg") and sep and rest:
        return f"postgresql+psycopg://{rest}"
    if scheme == "sqlite" and sep and rest:
        return given
    from linkworker import errors

    raise errors.UserFacingError(
        "That is not the address of a database Link Worker can copy into.",
        "Give it as postgresql://USER@HOST:PORT/DATABASE, with the password in PGPASSWORD "
        "or ~/.pgpass rather than in the address.",
    )


def copy_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Copy, check and say what was copied where."""
    url = team_url(args.url)

    def told(what: str, done: int, steps: int) -> None:
        if done < steps and done % 10 == 0:
            print(f"  {what.split(' ')[0]}… ({done} of {steps} steps)", file=out)

    done = services.copy_to_team(url, told)
    check = done.check
    print(
        f"Copied {done.source} into {done.target} and checked it: "
        f"{plural(check.rows, 'row', 'rows')} in {plural(len(check.tables), 'table', 'tables')}, "
        "each table's count and checksum the same on both sides.",
        file=out,
    )
    widest = max(len(t.table) for t in check.tables)
    for table in check.tables:
        if table.target_rows:
            print(f"  {table.table:<{widest}}  {table.target_rows:>8}", file=out)
    print(
        f"The data file is kept as it was, at {done.source}. "
        f"Search was indexed for {plural(done.listings_indexed, 'listing', 'listings')}.",
        file=out,
    )
    return 0
