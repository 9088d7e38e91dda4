"""``linkworker day take-out --to DIR [--person PERSON…]`` and ``day bring-back DIR``.

Run against the team database: the first makes a laptop's data folder holding the
people named and the whole directory, encrypted under its own passphrase; the second
brings that folder's changes back. A record changed on both sides is shown side by
side, field by field, and nothing at all is written until ``--keep mine`` or
``--keep theirs`` says which to keep.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from linkworker.cli.output import plural
from linkworker.cli.person_lookup import find_person
from linkworker.paths import AppPaths

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.domain.day_away import Conflict
    from linkworker.services.context import Services

#: Columns a conflict does not show: bookkeeping, not what anyone typed.
_QUIET = frozenset({"version", "updated_at", "created_at"})


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``day take-out`` and ``day bring-back``."""
    day = commands.add_parser(
        "day", help="take people and the directory out of the team database for a day away"
    )
    actions = day.add_subparsers(dest="action", metavar="ACTION", required=True)
    out = actions.add_parser(
        "take-out",
        parents=[common],
        help="make a laptop data folder with these people and the whole directory",
    )
    out.add_argument("--to", type=Path, required=True, metavar="DIR", help="a new folder")
    out.add_argument(
        "--person",
        action="append",
        default=[],
        metavar="PERSON",
        help="NHS number, record id or name; give it once for each person",
    )
    out.set_defaults(handler=take_out_command)
    back = actions.add_parser(
        "bring-back",
        parents=[common],
        help="bring a day's changes back from a laptop data folder",
    )
    back.add_argument("folder", type=Path, metavar="DIR", help="the folder taken out")
    back.add_argument(
        "--keep",
        choices=("mine", "theirs"),
        help="for records changed on both sides: keep the laptop's (mine) or the team's",
    )
    back.set_defaults(handler=bring_back_command)


def _laptop_key(args: argparse.Namespace, folder: Path) -> Any:
    import sys

    from linkworker.cli.passphrase import folder_key

    return folder_key(args, AppPaths.under(folder), sys.stderr)


def take_out_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    from linkworker import errors

    if not args.person:
        raise errors.UserFacingError(
            "No one was named to take out.", "Give --person PERSON once for each person."
        )
    people = [find_person(text, services) for text in args.person]
    laptop = AppPaths.under(args.to)
    taken = services.take_day_out(laptop, _laptop_key(args, args.to), people)
    listings = taken.rows.get("asset", 0)
    print(
        f"Took out {plural(taken.people, 'person', 'people')} and the directory "
        f"({plural(listings, 'listing', 'listings')}) into {laptop.database}, encrypted.",
        file=out,
    )
    print(f"Bring the day back with: linkworker day bring-back {args.to}", file=out)
    return 0


def bring_back_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    keep = args.keep
    choose = None
    if keep is not None:
        choose = (lambda c: c.mine) if keep == "mine" else (lambda c: c.theirs)
    done = services.bring_day_back(
        AppPaths.under(args.folder), _laptop_key(args, args.folder), choose
    )
    if not done.chosen:
        print(
            f"{plural(len(done.conflicts), 'record was', 'records were')} changed both here and "
            "in the team database, so nothing was brought back yet:",
            file=out,
        )
        for conflict in done.conflicts:
            _side_by_side(conflict, out)
        print("Look at each, then run this again with --keep mine or --keep theirs.", file=out)
        return 1
    both = f", {len(done.conflicts)} changed on both sides (kept {keep})" if done.conflicts else ""
    trail = plural(done.trail_entries, "audit entry", "audit entries")
    print(
        f"Brought back: {done.count(done.added)} added, {done.count(done.changed)} changed, "
        f"{done.count(done.removed)} removed{both}; {trail} added to the team's trail.",
        file=out,
    )
    return 0


def _side_by_side(conflict: Conflict, out: TextIO) -> None:
    mine, theirs = conflict.mine or {}, conflict.theirs or {}
    shown = [name for name in conflict.differing() if name not in _QUIET]
    print(f"  {conflict.table} {conflict.key.split('|')[0].partition(':')[2][:8]}:", file=out)
    if not conflict.mine or not conflict.theirs:
        gone = "here" if not conflict.mine else "in the team database"
        print(f"    removed {gone}, changed on the other side", file=out)
        return
    width = max((len(n) for n in shown), default=0)
    for name in shown:
        print(
            f"    {name:<{width}}  here: {mine.get(name)!s:<24}  team: {theirs.get(name)!s}",
            file=out,
        )
