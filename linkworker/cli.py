"""The command line: the same services as the window, headless.

``linkworker directory search QUERY``, ``directory import FILE``,
``directory export FILE``, ``people import FILE``, ``people list``; every
command honours ``--data-dir``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker import errors
from linkworker.paths import AppPaths

if TYPE_CHECKING:
    from linkworker.services.context import Services

Handler = Callable[[argparse.Namespace, "Services", TextIO], int]


def add_commands(parser: argparse.ArgumentParser) -> None:
    """Attach the subcommands to the top-level parser."""
    # --data-dir is accepted after the command too: `linkworker directory search x --data-dir D`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep the database, backups, logs and settings under DIR",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    directory = commands.add_parser("directory", help="search, import and export the directory")
    actions = directory.add_subparsers(dest="action", metavar="ACTION", required=True)

    search = actions.add_parser("search", parents=[common], help="search the directory")
    search.add_argument("query", nargs="*", help="words to look for (prefixes match)")
    search.add_argument("--json", action="store_true", help="print JSON instead of a table")
    search.add_argument("--limit", type=int, default=20, help="how many results (default 20)")
    search.set_defaults(handler=_search)

    imp = actions.add_parser("import", parents=[common], help="import assets from a CSV file")
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--dry-run", action="store_true", help="check the file and report, save nothing"
    )
    imp.set_defaults(handler=_import)

    exp = actions.add_parser("export", parents=[common], help="export the directory as a CSV file")
    exp.add_argument("file", type=Path)
    exp.set_defaults(handler=_export)

    people = commands.add_parser("people", help="import and list the people on the caseload")
    people_actions = people.add_subparsers(dest="action", metavar="ACTION", required=True)

    people_import = people_actions.add_parser(
        "import", parents=[common], help="import people from a CSV file or Excel workbook"
    )
    people_import.add_argument("file", type=Path)
    people_import.add_argument(
        "--dry-run", action="store_true", help="check the file and report, save nothing"
    )
    people_import.set_defaults(handler=_people_import)

    people_list = people_actions.add_parser("list", parents=[common], help="list the caseload")
    people_list.add_argument("--json", action="store_true", help="print JSON instead of a table")
    people_list.add_argument(
        "--status",
        choices=("waiting", "active", "closed"),
        help="only people whose latest referral has this status",
    )
    people_list.add_argument(
        "--search", default="", metavar="TEXT", help="the start of a name, NHS number or postcode"
    )
    people_list.add_argument("--limit", type=int, default=20, help="how many people (default 20)")
    people_list.set_defaults(handler=_people_list)


def run(
    args: argparse.Namespace, paths: AppPaths, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run a subcommand; known problems print a message and return a non-zero code."""
    from linkworker.services.context import open_services

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        services = open_services(paths)
    except errors.UserFacingError as exc:
        print(f"linkworker: {exc.message}\n{exc.advice}", file=err)
        return 2
    try:
        handler: Handler = args.handler
        return handler(args, services, out)
    except errors.UserFacingError as exc:
        print(f"linkworker: {exc.message}\n{exc.advice}".rstrip(), file=err)
        return 1
    finally:
        services.close()


def _search(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    from linkworker.domain.directory import DirectoryFilter, SortKey

    if args.limit < 1:
        raise errors.UserFacingError("--limit must be 1 or more.")
    page = services.directory.search(
        DirectoryFilter(text=" ".join(args.query)), SortKey.RELEVANCE, limit=args.limit
    )
    if args.json:
        json.dump(
            {
                "total": page.total,
                "results": [
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
                        "last_verified_on": r.last_verified_on.isoformat()
                        if r.last_verified_on
                        else None,
                    }
                    for r in page.rows
                ],
            },
            out,
            indent=2,
            ensure_ascii=False,
        )
        out.write("\n")
        return 0
    if not page.rows:
        print("No assets match.", file=out)
        return 0
    for r in page.rows:
        cats = ", ".join(r.categories)
        print(f"{r.name}  [{cats}]  {r.district}  {r.when}".rstrip(), file=out)
    if page.total > len(page.rows):
        print(f"({len(page.rows)} of {page.total}; use --limit to see more)", file=out)
    return 0


def _import(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    from linkworker.services.directory_csv import import_directory_csv, read_directory_csv

    preview = read_directory_csv(args.file)
    print(f"Read {preview.rows_read} rows from {args.file} ({preview.encoding}).", file=out)
    for problem in preview.problems:
        print(f"  line {problem.line}: {problem.message}", file=out)
    for dup in preview.duplicates:
        print(f"  line {dup.line}: {dup.message}", file=out)
    if preview.problems:
        print(f"Nothing imported: {len(preview.problems)} rows need correcting first.", file=out)
        return 1
    if args.dry_run:
        print(f"Dry run: {len(preview.drafts)} assets would be added. Nothing was saved.", file=out)
        return 0
    added = import_directory_csv(services.directory, preview)
    print(f"Imported {added} assets.", file=out)
    return 0


def _export(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    from linkworker.services.directory_csv import export_directory_csv

    count = export_directory_csv(services.directory, args.file)
    print(f"Exported {count} assets to {args.file}.", file=out)
    return 0


def _people_import(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    from linkworker.services.people_csv import (
        check_against_caseload,
        import_people_csv,
        read_people_csv,
    )

    preview = read_people_csv(args.file)
    print(f"Read {preview.rows_read} rows from {args.file} ({preview.encoding}).", file=out)
    for warning in preview.warnings:
        print(f"  note: {warning}", file=out)
    for problem in preview.problems:
        print(f"  line {problem.line}: {problem.message}", file=out)
    for dup in preview.duplicates:
        print(f"  line {dup.line}: {dup.message}", file=out)
    if preview.problems:
        count = len(preview.problems)
        rows = "1 row needs" if count == 1 else f"{count} rows need"
        print(f"Nothing imported: {rows} correcting first.", file=out)
        return 1
    for match in check_against_caseload(preview, services.people):
        print(f"  line {match.line}: {match.message}", file=out)
    with_referral = f" ({preview.episodes} with a referral)" if preview.episodes else ""
    if args.dry_run:
        print(
            f"Dry run: {len(preview.rows)} people would be added{with_referral}. "
            "Nothing was saved.",
            file=out,
        )
        return 0
    added = import_people_csv(services.people, preview)
    print(f"Imported {added} people{with_referral}.", file=out)
    return 0


def _people_list(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    import datetime as dt

    from linkworker.domain.people import CaseloadFilter, CaseloadSort, EpisodeStatus
    from linkworker.domain.person_validation import format_nhs_number

    if args.limit < 1:
        raise errors.UserFacingError("--limit must be 1 or more.")
    status = EpisodeStatus(args.status) if args.status else None
    page = services.people.caseload(
        CaseloadFilter(text=args.search, status=status), CaseloadSort.NAME, limit=args.limit
    )

    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value is not None else None

    if args.json:
        json.dump(
            {
                "total": page.total,
                "results": [
                    {
                        "id": str(r.id),
                        "name": r.name,
                        "nhs_number": r.nhs_number,
                        "postcode": r.postcode,
                        "date_of_birth": day(r.date_of_birth),
                        "status": r.status.value if r.status else None,
                        "link_worker": r.link_worker,
                        "last_contact": day(r.last_contact),
                        "next_contact": day(r.next_contact),
                    }
                    for r in page.rows
                ],
            },
            out,
            indent=2,
            ensure_ascii=False,
        )
        out.write("\n")
        return 0
    if not page.rows:
        print("No people match.", file=out)
        return 0
    for r in page.rows:
        cells = [
            r.name,
            format_nhs_number(r.nhs_number),
            r.postcode,
            r.status.label if r.status else "",
            f"last contact {r.last_contact:%d/%m/%Y}" if r.last_contact else "",
            f"next {r.next_contact:%d/%m/%Y}" if r.next_contact else "",
        ]
        print("  ".join(c for c in cells if c), file=out)
    if page.total > len(page.rows):
        print(f"({len(page.rows)} of {page.total}; use --limit to see more)", file=out)
    return 0
