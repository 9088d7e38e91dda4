"""``linkworker audit verify`` and ``linkworker audit export [--to FILE] [filters]``.

``verify`` reads the whole trail and checks every link of its chain; it exits 0
when the chain is unbroken and 1 naming the first broken link otherwise.
``export`` writes the entries (all, or those the filters pick) as CSV for the
data protection officer, private to the user; the export is itself recorded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker.cli.output import plural
from linkworker.cli.person_lookup import find_person
from linkworker.domain.audit import AuditFilter

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``audit verify`` and ``audit export``."""
    audit = commands.add_parser("audit", help="the audit trail: check its chain, export it")
    actions = audit.add_subparsers(dest="action", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify", parents=[common], help="check that no entry was changed, removed or added"
    )
    verify.set_defaults(handler=verify_command)
    export = actions.add_parser(
        "export", parents=[common], help="write the entries as CSV for the data protection officer"
    )
    export.add_argument(
        "--to", type=Path, metavar="FILE", help="the file to write (default: audit-DATE.csv)"
    )
    export.add_argument(
        "--person", metavar="PERSON", help="one person: record id, NHS number or name"
    )
    export.add_argument("--worker", metavar="NAME", help="one worker, by name")
    export.add_argument("--action", metavar="ACTION", help="one action: view, change, print...")
    export.add_argument(
        "--from", dest="since", type=_day, metavar="DATE", help="from this day (YYYY-MM-DD)"
    )
    export.add_argument(
        "--to-date", dest="until", type=_day, metavar="DATE", help="up to this day, included"
    )
    export.set_defaults(handler=export_command)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-07") from exc


def verify_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Check the chain; 0 when unbroken, 1 at the first broken link."""
    check = services.audit.verify()
    entries = plural(check.entries, "entry", "entries")
    if check.broken is None:
        print(f"{entries}, chain unbroken.", file=out)
        return 0
    broken = check.broken
    print(
        f"First broken link at entry #{broken.entry_id} ({broken.at[:19].replace('T', ' ')}): "
        f"{broken.reason}.",
        file=out,
    )
    return 1


def export_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Write the chosen entries to a CSV file and say how many."""
    flt = AuditFilter(
        person_id=_person(args.person, services) if args.person else "",
        worker=args.worker or "",
        action=args.action or "",
        since=args.since,
        until=args.until,
    )
    target = args.to or Path(f"audit-{dt.date.today().isoformat()}.csv")
    count = services.audit.export(target, flt)
    print(f"Wrote {plural(count, 'entry', 'entries')} to {target}.", file=out)
    return 0


def _person(text: str, services: Services) -> str:
    """A whole record id is taken as it is (the person may have been erased since)."""
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        return str(find_person(text, services))
