"""``linkworker letter gp PERSON -o FILE.pdf [--json FILE.json] [--without-address]``.

The message back to the GP and referrer about the person's newest referral (or the one
dated ``--referral``): a short letter, and the same content as JSON when asked. Made
only with the person's consent to share with their GP; with no GP practice recorded it
says so, unless ``--without-address`` prints it with no address block. Either refusal
exits non-zero and writes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker import errors
from linkworker.cli.options import iso_day
from linkworker.cli.person_lookup import add_person_argument, find_person
from linkworker.cli.saving import pages, write_file
from linkworker.domain.documents import DocumentAction

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``letter gp PERSON``."""
    letter = commands.add_parser("letter", help="letters about a person")
    kinds = letter.add_subparsers(dest="kind", metavar="KIND", required=True)
    gp = kinds.add_parser(
        "gp",
        parents=[common],
        help="the message back to the GP and referrer (only with consent to share with the GP)",
    )
    add_person_argument(gp)
    gp.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="the letter to write"
    )
    gp.add_argument("--json", type=Path, metavar="FILE.json", help="also write it as JSON")
    gp.add_argument(
        "--without-address",
        action="store_true",
        help="make it with no address block when no GP practice is recorded",
    )
    gp.add_argument(
        "--referral",
        type=iso_day,
        metavar="YYYY-MM-DD",
        help="the referral's date (default their newest)",
    )
    gp.set_defaults(handler=gp_letter)


def gp_letter(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Write the letter (and its JSON) and record it; say what was written."""
    person_id = find_person(args.person, services)
    person = services.people.get_person(person_id)
    episode_id = None
    if args.referral is not None:
        found = [e for e in person.episodes if e.draft.referral_date == args.referral]
        if not found:
            raise errors.NotFound(
                f"This person has no referral dated {args.referral.isoformat()}.",
                "Leave out --referral for their newest. Nothing was written.",
            )
        episode_id = found[0].id
    if args.json is not None and args.json.resolve() == args.output.resolve():
        raise errors.UserFacingError(
            "The letter and its JSON need two different files.", "Nothing was written."
        )
    from linkworker.services.gp_letter import NoGpPractice

    try:
        made = services.gp_letters.make(person_id, episode_id, without_address=args.without_address)
    except NoGpPractice as exc:
        raise errors.UserFacingError(
            exc.message,
            "Add their GP practice to their details, or give --without-address to make it "
            "with no address block. Nothing was written.",
        ) from exc
    write_file(args.output, made.pdf)
    services.gp_letters.record(person_id, DocumentAction.SAVED)
    name = person.draft.display_name
    print(f"Saved the letter to the GP for {name} ({pages(made.pdf)}) to {args.output}", file=out)
    if args.json is not None:
        write_file(args.json, made.json)
        services.gp_letters.record_json(person_id)
        print(f"Saved the same as JSON to {args.json}", file=out)
    if args.without_address and not person.draft.gp_practice.recorded:
        print("It has no address: no GP practice is recorded for them.", file=out)
    return 0
