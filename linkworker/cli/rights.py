"""``person access PERSON --to DIR``, ``person erase PERSON``, ``retention list``.

Erasure cannot be undone, so it is asked twice. At a terminal: type the
person's initials (or the word ERASE), then confirm with yes. In a script,
where nobody can answer, both asks are given as ``--yes --yes``; one alone is
refused, as is a script without them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker import errors
from linkworker.cli.output import plural
from linkworker.cli.person_lookup import add_person_argument, find_person, short_id

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services
    from linkworker.services.rights import ErasurePreview

#: The word that may be typed instead of the person's initials.
ERASE_WORD = "ERASE"
_FORMATS = {"pdf": ("pdf",), "json": ("json",), "both": ("pdf", "json")}


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``person access|erase`` and ``retention list``."""
    person = commands.add_parser("person", help="a copy of everything held about a person; erasure")
    actions = person.add_subparsers(dest="action", metavar="ACTION", required=True)
    access = actions.add_parser(
        "access",
        parents=[common],
        help="save everything held about a person as a PDF to read and as JSON",
    )
    add_person_argument(access)
    access.add_argument("--to", type=Path, required=True, metavar="DIR", help="the folder")
    access.add_argument(
        "--format", choices=sorted(_FORMATS), default="both", help="pdf, json or both (default)"
    )
    access.set_defaults(handler=access_command)
    erase = actions.add_parser(
        "erase",
        parents=[common],
        help="delete a person and everything about them for good (asks twice)",
    )
    add_person_argument(erase)
    erase.add_argument(
        "--yes",
        action="count",
        default=0,
        help="answer both questions in a script: give it twice (--yes --yes)",
    )
    erase.add_argument(
        "--reason",
        choices=("request", "retention"),
        default="request",
        help="the person asked (default), or the record is past retention",
    )
    erase.set_defaults(handler=erase_command)

    retention = commands.add_parser(
        "retention", help="records kept longer than the team keeps them"
    )
    retention_actions = retention.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = retention_actions.add_parser(
        "list", parents=[common], help="people whose last referral closed too long ago"
    )
    listing.set_defaults(handler=retention_command)


def access_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Write the copy and say where it is."""
    person_id = find_person(args.person, services)
    if not args.to.is_dir():
        raise errors.UserFacingError(
            f"{args.to} is not a folder, so nothing was saved.", "Create it, or choose another."
        )
    written = services.rights.write_subject_access(person_id, args.to, _FORMATS[args.format])
    for path in written:
        print(f"Saved {path}", file=out)
    return 0


def erase_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Ask twice (or take --yes --yes), erase, and say what went."""
    person_id = find_person(args.person, services)
    preview = services.rights.erasure_preview(person_id)
    if args.yes == 1:
        raise errors.UserFacingError(
            "Erasing someone needs both answers: give --yes twice (--yes --yes).",
            "Nothing was deleted.",
        )
    if args.yes < 2:
        if not sys.stdin.isatty():
            raise errors.UserFacingError(
                "Erasing someone is asked twice, and there is no one at a terminal to answer.",
                "Run it at a terminal, or give --yes --yes in a script. Nothing was deleted.",
            )
        if not _asked_twice(preview, out):
            print("Nothing was deleted.", file=out)
            return 1
    services.rights.erase(person_id, args.reason)
    print(f"Erased record {short_id(person_id)}: {', '.join(preview.lines)}.", file=out)
    return 0


def _asked_twice(preview: ErasurePreview, out: TextIO) -> bool:
    print(f"This deletes everything about {preview.name} for good:", file=out)
    for line in preview.lines:
        print(f"  {line}", file=out)
    initials = _initials(preview.name)
    typed = _ask(f"Type their initials ({initials}) or {ERASE_WORD} to go on: ", out)
    if typed.replace(" ", "").replace(".", "").upper() not in {initials, ERASE_WORD}:
        return False
    return _ask("This cannot be undone. Erase now? Type yes: ", out).lower() == "yes"


def _ask(question: str, out: TextIO) -> str:
    out.write(question)
    out.flush()
    return sys.stdin.readline().strip()


def _initials(name: str) -> str:
    """ "Bronwen Llewellyn-Harcourt" -> "BL"."""
    return "".join(word[0] for word in name.split() if word).upper()


def retention_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """One line a person past retention: name, last closed, years, short id."""
    due = services.rights.retention_due()
    years = services.rights.retention_years
    if not due:
        print(f"No one's last referral closed more than {years} years ago.", file=out)
        return 0
    for case in due:
        closed = case.last_closed_on.strftime("%d/%m/%Y")
        print(
            f"{case.name:<30}  closed {closed}  {case.years_since:>2} years  "
            f"{short_id(case.person_id)}",
            file=out,
        )
    print(
        f"{plural(len(due), 'person', 'people')} past {years} years. Review each, then "
        "erase with: linkworker person erase ID --reason retention",
        file=out,
    )
    return 0
