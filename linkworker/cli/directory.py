"""``linkworker directory search|import|export|print|taxonomy``: the community asset directory."""

from __future__ import annotations

import argparse
import uuid
from typing import TYPE_CHECKING, TextIO

from linkworker import errors
from linkworker.cli.exchange import add_directory_actions
from linkworker.cli.options import add_output_options, check_limit, print_options
from linkworker.cli.output import print_how_many, print_json
from linkworker.cli.saving import pages, write_file
from linkworker.cli.taxonomy import add_taxonomy_actions

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``directory`` and its actions: search, import, export and print."""
    directory = commands.add_parser("directory", help="search, import and export the directory")
    actions = directory.add_subparsers(dest="action", metavar="ACTION", required=True)

    search = actions.add_parser("search", parents=[common], help="search the directory")
    search.add_argument("query", nargs="*", help="words to look for (prefixes match)")
    search.add_argument("--json", action="store_true", help="print JSON instead of a table")
    search.add_argument("--limit", type=int, default=20, help="how many results (default 20)")
    search.set_defaults(handler=search_directory)

    add_directory_actions(actions, common)
    add_taxonomy_actions(actions, common)

    directory_print = actions.add_parser(
        "print",
        parents=[common],
        help="save a sheet for one asset, or a booklet of a category, an area or everything, "
        "as a PDF",
    )
    choice = directory_print.add_mutually_exclusive_group()
    choice.add_argument("--category", metavar="C", help="a booklet of one category")
    choice.add_argument("--asset", metavar="ID", help="one asset's sheet (its id or exact name)")
    choice.add_argument(
        "--area", metavar="DISTRICT", help="a booklet of one postcode district, e.g. CH65"
    )
    add_output_options(directory_print)
    directory_print.set_defaults(handler=print_directory)


def search_directory(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """The assets the words find, best first, as a table or as JSON."""
    from linkworker.domain.directory import DirectoryFilter, SortKey

    check_limit(args.limit)
    page = services.directory.search(
        DirectoryFilter(text=" ".join(args.query)), SortKey.RELEVANCE, limit=args.limit
    )
    if args.json:
        results = [
            {
                "id": str(r.id),
                "name": r.name,
                "organisation": r.organisation,
                "categories": list(r.categories),
                "cost": r.cost.value,
                "join_mode": r.join_mode.value,
                "status": r.status.value,
                "district": r.district,
                "when": r.when,
                "last_verified_on": r.last_verified_on.isoformat() if r.last_verified_on else None,
            }
            for r in page.rows
        ]
        print_json({"total": page.total, "results": results}, out)
        return 0
    if not page.rows:
        print("No assets match.", file=out)
        return 0
    for r in page.rows:
        cats = ", ".join(r.categories)
        print(f"{r.name}  [{cats}]  {r.district}  {r.when}".rstrip(), file=out)
    print_how_many(len(page.rows), page.total, out)
    return 0


def asset_id(text: str, services: Services) -> uuid.UUID:
    """The id of an asset given by its id, or by its exact name (case ignored)."""
    from linkworker.domain.directory import DirectoryFilter

    try:
        return uuid.UUID(text.strip())
    except ValueError:
        pass
    name = " ".join(text.split())
    if not name:
        raise errors.UserFacingError("Give the asset's id or its name.")
    page = services.directory.search(DirectoryFilter(text=name), limit=200)
    same = [r for r in page.rows if " ".join(r.name.split()).casefold() == name.casefold()]
    if len(same) == 1:
        return same[0].id
    if not same:
        raise errors.NotFound(
            f"No asset called “{name}” is in the directory.",
            f"Find its id with: linkworker directory search {name} --json",
        )
    ids = ", ".join(str(r.id) for r in same)
    raise errors.UserFacingError(
        f"{len(same)} assets are called “{name}”.", f"Give the id of the one you mean: {ids}"
    )


def print_directory(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Save one asset's sheet, or a booklet of a category, an area or everything, as a PDF."""
    from linkworker.printing.snapshots import PrintOptions

    options = print_options(args) or PrintOptions()
    if args.asset is not None:
        found = asset_id(args.asset, services)
        try:
            asset = services.directory.get(found)
        except errors.NotFound:
            raise errors.NotFound(
                f"No asset with id {found} is in the directory.",
                "Find its id with: linkworker directory search WORDS --json",
            ) from None
        pdf = services.documents.asset_sheet_pdf(found, options)
        what = f"the sheet for {asset.name}"
    else:
        pdf = services.documents.booklet_pdf(
            category=args.category, district=args.area, options=options
        )
        title = services.documents.booklet_title(category=args.category, district=args.area)
        what = f"the booklet “{title}”"
    write_file(args.output, pdf)
    print(f"Saved {what} ({pages(pdf)}) to {args.output}", file=out)
    return 0
