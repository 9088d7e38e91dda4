"""``linkworker directory taxonomy``: the team's mapping of Open Referral terms to kinds of help.

* ``directory taxonomy``: the terms nobody has mapped, with the listings that use them;
* ``directory taxonomy list``: every row of the table (``--json`` for JSON);
* ``directory taxonomy map TERM --to CATEGORY [--to ...]`` (or ``--not-help``), with
  ``--who`` for who it is for and ``--keyword`` for a keyword rule: maps the term and
  re-categorises the imported listings that carry it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from linkworker.cli.output import plural, print_json

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.domain.taxonomy_map import TermMapping, UnmappedTerm
    from linkworker.services.context import Services


def add_taxonomy_actions(actions: Commands, common: argparse.ArgumentParser) -> None:
    """Attach ``taxonomy`` (with ``list`` and ``map``) to the ``directory`` command."""
    taxonomy = actions.add_parser(
        "taxonomy",
        parents=[common],
        help="the terms feeds use and the kinds of help they mean: list unmapped terms, map one",
        description="With no action: the terms nobody has mapped, and the listings that use them.",
    )
    taxonomy.set_defaults(handler=list_unmapped)
    steps = taxonomy.add_subparsers(dest="taxonomy_action", metavar="ACTION")

    listing = steps.add_parser("list", parents=[common], help="every term and what it means")
    listing.add_argument("--json", action="store_true", help="print JSON instead of lines")
    listing.set_defaults(handler=list_table)

    mapping = steps.add_parser(
        "map",
        parents=[common],
        help="say which categories a term means, and re-categorise the listings that carry it",
    )
    mapping.add_argument("term", help='the term as feeds write it, e.g. "Social activity"')
    what = mapping.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--to",
        action="append",
        metavar="CATEGORY",
        help="a category it means (give --to again, or commas, for more than one)",
    )
    what.add_argument(
        "--not-help", action="store_true", help="it is not a kind of help: keep it as a tag only"
    )
    mapping.add_argument("--who", default=None, help='who it is for, e.g. "Women only"')
    mapping.add_argument(
        "--keyword",
        action="store_true",
        help="a keyword rule: any term with this word in it (end with * for word starts)",
    )
    mapping.set_defaults(handler=map_term)


def _unmapped_line(term: UnmappedTerm) -> str:
    names = ", ".join(term.names)
    more = term.listings - len(term.names)
    if more > 0:
        names += f" and {more:,} more"
    return f"  “{term.term}”: {plural(term.listings, 'listing', 'listings')} ({names})"


def print_unmapped(terms: tuple[UnmappedTerm, ...], out: TextIO) -> None:
    """The terms nobody has mapped, one a line, with the listings that use them."""
    for term in terms:
        print(_unmapped_line(term), file=out)


def list_unmapped(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """The terms nobody has mapped, with the listings that use them."""
    terms = services.taxonomy.unmapped()
    if not terms:
        print("Every term the directory's listings use is mapped.", file=out)
        return 0
    print(
        f"{plural(len(terms), 'term is', 'terms are')} not mapped to a kind of help yet "
        "(kept as tags):",
        file=out,
    )
    print_unmapped(terms, out)
    print('Map one with: linkworker directory taxonomy map "TERM" --to "CATEGORY"', file=out)
    print("Categories: " + ", ".join(services.taxonomy.categories()), file=out)
    return 0


def _row_line(mapping: TermMapping, listings: int) -> str:
    term = f"words like “{mapping.term}”" if mapping.keyword else f"“{mapping.term}”"
    if mapping.vocabulary:
        term += f" ({mapping.vocabulary})"
    bits = [f"{term}: {mapping.describe()}"]
    if mapping.who:
        bits.append(f"for: {mapping.who}")
    if not mapping.keyword:
        bits.append(plural(listings, "listing", "listings"))
    if mapping.changed_by:
        bits.append(f"changed by {mapping.changed_by}")
    return "  " + "; ".join(bits)


def list_table(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Every row of the team's table: unmapped terms first, then terms, then keywords."""
    entries = services.taxonomy.entries()
    if args.json:
        print_json(
            [
                {
                    "term": e.mapping.term,
                    "vocabulary": e.mapping.vocabulary,
                    "keyword": e.mapping.keyword,
                    "categories": list(e.mapping.categories),
                    "not_help": e.mapping.not_help,
                    "who": e.mapping.who,
                    "age_min": e.mapping.age_min,
                    "age_max": e.mapping.age_max,
                    "listings": e.listings,
                    "changed_by": e.mapping.changed_by,
                    "changed_at": e.mapping.changed_at.isoformat(timespec="seconds")
                    if e.mapping.changed_at
                    else None,
                }
                for e in entries
            ],
            out,
        )
        return 0
    for entry in entries:
        print(_row_line(entry.mapping, entry.listings), file=out)
    return 0


def map_term(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Map one term and say how many listings it re-categorised."""
    categories = [c.strip() for given in args.to or () for c in given.split(",") if c.strip()]
    change = services.taxonomy.map_term(
        args.term, categories, not_help=args.not_help, who=args.who, keyword=args.keyword
    )
    print(f"“{change.mapping.term}” now means: {change.mapping.describe()}.", file=out)
    if change.mapping.who:
        print(f"Who it is for: {change.mapping.who}.", file=out)
    print(
        f"{plural(change.listings, 'listing', 'listings')} re-categorised"
        + (f": {', '.join(change.names)}" if change.names else "")
        + ("..." if change.listings > len(change.names) else "")
        + ".",
        file=out,
    )
    return 0
