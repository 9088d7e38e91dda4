"""``linkworker match PERSON``: community assets suggested for one person, with the reasons."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from linkworker.cli.options import check_limit
from linkworker.cli.output import print_json
from linkworker.cli.person_lookup import add_person_argument, find_person

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``match PERSON``."""
    match = commands.add_parser(
        "match", parents=[common], help="suggest community assets for one person"
    )
    add_person_argument(match)
    match.add_argument("--limit", type=int, default=20, help="how many suggestions (default 20)")
    match.add_argument("--json", action="store_true", help="print JSON instead of text")
    match.set_defaults(handler=match_person)


def match_person(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """The suggestions, best first, each with what speaks for and against it."""
    check_limit(args.limit)
    person_id = find_person(args.person, services)
    result = services.matching.suggest(person_id, limit=args.limit)
    if args.json:
        print_json(
            [
                {
                    "id": str(s.asset_id),
                    "name": s.name,
                    "score": round(s.score, 3),
                    "reasons": list(s.reasons),
                    "concerns": list(s.concerns),
                    "pinned": s.pinned,
                    "giving": s.giving,
                    "distance_miles": None
                    if s.distance_miles is None
                    else round(s.distance_miles, 1),
                }
                for s in result.suggestions
            ],
            out,
        )
        return 0
    name = services.people.get_person(person_id).draft.display_name
    if not result.suggestions:
        print(f"No suggestions for {name}.", file=out)
    else:
        print(f"Suggestions for {name}:", file=out)
    for n, s in enumerate(result.suggestions, start=1):
        marks = "".join((" [pinned]" if s.pinned else "", " [a way to give]" if s.giving else ""))
        print(f"{n:>3}. {s.name}  (score {s.score:.1f}){marks}", file=out)
        for reason in s.reasons:
            print(f"       + {reason}", file=out)
        for concern in s.concerns:
            print(f"       ! {concern}", file=out)
    if result.left_out:
        left = "; ".join(f"{count} {why}" for why, count in result.left_out)
        print(f"Left out: {left}.", file=out)
    for hint in result.hints:
        print(f"Hint: {hint}", file=out)
    return 0
