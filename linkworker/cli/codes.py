"""``linkworker codes PERSON`` (their coded events for the GP record) and
``linkworker codes export --from D --to D -o FILE.csv`` (the practice's, as CSV)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker import errors
from linkworker.cli.options import iso_day
from linkworker.cli.output import plural
from linkworker.cli.person_lookup import find_person

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services

#: The word that makes ``codes`` an export rather than a person's list.
EXPORT_WORD = "export"


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``codes PERSON`` and ``codes export``."""
    codes = commands.add_parser(
        "codes",
        parents=[common],
        help="SNOMED CT coded events for the GP record: a person's, or an export for the practice",
        description="codes PERSON lists a person's coded events; codes export --from D --to D "
        "-o FILE.csv writes the practice's (NHS number, date, code, term).",
    )
    codes.add_argument(
        "person",
        metavar="PERSON|export",
        help="their NHS number, record id or name; or the word export",
    )
    codes.add_argument("--from", dest="start", type=iso_day, metavar="YYYY-MM-DD")
    codes.add_argument("--to", dest="end", type=iso_day, metavar="YYYY-MM-DD")
    codes.add_argument("-o", "--output", type=Path, metavar="FILE.csv", help="the file to write")
    codes.set_defaults(handler=codes_command)


def codes_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """A person's coded events, or the export when PERSON is the word export."""
    if args.person == EXPORT_WORD:
        return export_codes(args, services, out)
    person_id = find_person(args.person, services)
    events = services.codes.for_person(person_id)
    name = services.people.get_person(person_id).draft.display_name
    if not events:
        print(f"No coded events for {name} yet.", file=out)
        return 0
    print(f"Coded events for {name}, newest first:", file=out)
    for event in events:
        entered = f"  entered {event.entered_on:%d %b %Y}" if event.entered_on else ""
        print(f"{event.on:%d %b %Y}  {event.code.value}  {event.term}{entered}", file=out)
    return 0


def export_codes(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Write the period's coded events and say how many, and how many lack an NHS number."""
    if args.start is None or args.end is None or args.output is None:
        raise errors.UserFacingError(
            "Give the days and the file: codes export --from YYYY-MM-DD --to YYYY-MM-DD -o FILE.csv"
        )
    if args.end < args.start:
        raise errors.UserFacingError("The --to day comes before the --from day.")
    path: Path = args.output
    if not path.parent.is_dir():
        raise errors.UserFacingError(
            f"There is no folder {path.parent} to save the coded events in.",
            "Choose a folder that exists.",
        )
    done = services.codes.export_csv(path, args.start, args.end)
    print(
        f"Wrote {plural(done.rows, 'coded event', 'coded events')} from "
        f"{args.start:%d %b %Y} to {args.end:%d %b %Y} to {path}.",
        file=out,
    )
    if done.without_nhs_number:
        print(
            f"{plural(done.without_nhs_number, 'row has', 'rows have')} no NHS number: "
            "look them up before entering them in the GP system.",
            file=out,
        )
    return 0
