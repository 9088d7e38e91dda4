"""``linkworker caseload handover --from NAME --to NAME [--person PERSON ...] [--note TEXT]``.

A manager hands a link worker's people (all, or those named) to another link worker;
run with ``--as`` as the manager where people sign in.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from linkworker.cli.person_lookup import find_person

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``caseload handover``."""
    caseload = commands.add_parser("caseload", help="a team's caseloads: hand-overs")
    actions = caseload.add_subparsers(dest="action", metavar="ACTION", required=True)
    handover = actions.add_parser(
        "handover",
        parents=[common],
        help="hand a link worker's people to another link worker (a manager's job)",
    )
    handover.add_argument(
        "--from", dest="from_worker", required=True, metavar="NAME", help="who holds them now"
    )
    handover.add_argument(
        "--to", dest="to_worker", required=True, metavar="NAME", help="who takes them on"
    )
    handover.add_argument(
        "--person",
        action="append",
        default=[],
        metavar="PERSON",
        help="only this person (NHS number, record id or name); give it again for more",
    )
    handover.add_argument("--note", default="", help="a note kept with each person's hand-over")
    handover.set_defaults(handler=hand_over)


def hand_over(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Hand the people over and say how many went."""
    people = [find_person(text, services) for text in args.person] if args.person else None
    result = services.caseloads.hand_over(args.from_worker, args.to_worker, people, args.note)
    print(
        result.words(" ".join(args.from_worker.split()), " ".join(args.to_worker.split())), file=out
    )
    return 0
