"""The command line: the same services as the window, headless.

``linkworker directory search QUERY``, ``directory import SOURCE`` (Open Referral
files, folders, zips and feeds, or a spreadsheet), ``directory export FILE --format
oruk-json|csv``, ``directory print -o FILE.pdf``, ``people import FILE``,
``people list``, ``match PERSON``, ``plan print PERSON -o FILE.pdf``,
``geo import FILE``, ``geo status``, ``postcodes import FILE``; every command honours
``--data-dir``.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker import errors
from linkworker.paths import AppPaths

if TYPE_CHECKING:
    from linkworker.printing.snapshots import PrintOptions
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

    from linkworker.cli_exchange import add_exchange_commands

    add_exchange_commands(actions, common)

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
    _output_options(directory_print)
    directory_print.set_defaults(handler=_directory_print)

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

    match = commands.add_parser(
        "match", parents=[common], help="suggest community assets for one person"
    )
    match.add_argument("person", metavar="PERSON", help="their NHS number or record id")
    match.add_argument("--limit", type=int, default=20, help="how many suggestions (default 20)")
    match.add_argument("--json", action="store_true", help="print JSON instead of text")
    match.set_defaults(handler=_match)

    plan = commands.add_parser("plan", help="a person's plan")
    plan_actions = plan.add_subparsers(dest="action", metavar="ACTION", required=True)
    plan_print = plan_actions.add_parser(
        "print",
        parents=[common],
        help="save the person's own copy of their plan as a PDF (print options default "
        "to their access needs)",
    )
    plan_print.add_argument("person", metavar="PERSON", help="their NHS number or record id")
    _output_options(plan_print)
    plan_print.set_defaults(handler=_plan_print)

    postcodes = commands.add_parser("postcodes", help="the postcode location lookup table")
    postcode_actions = postcodes.add_subparsers(dest="action", metavar="ACTION", required=True)
    postcode_import = postcode_actions.add_parser(
        "import",
        parents=[common],
        help="add postcode locations from a CSV file (postcode, latitude, longitude; "
        "or the ONS Postcode Directory's pcds, lat, long)",
    )
    postcode_import.add_argument("file", type=Path)
    postcode_import.set_defaults(handler=_postcodes_import)

    from linkworker.cli_geo import add_geo_commands  # the postcode lookup (geo import, status)

    add_geo_commands(commands, common)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    parser.add_argument("--large-print", action="store_true", help="16 pt text or larger")
    parser.add_argument("--easy-read", action="store_true", help="short lines with pictures")
    parser.add_argument("--high-contrast", action="store_true", help="black on white only")


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


def import_spreadsheet(args: argparse.Namespace, services: Services, out: TextIO) -> int:
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


def _person_id(text: str, services: Services) -> uuid.UUID:
    """The id of the person named by an NHS number (spaces allowed) or a record id."""
    from linkworker.domain.person_validation import format_nhs_number, parse_nhs_number
    from linkworker.domain.validation import InvalidValue

    try:
        person_id = uuid.UUID(text.strip())
    except ValueError:
        pass
    else:
        try:
            services.people.get_person(person_id)
        except errors.NotFound:
            raise errors.NotFound(
                f"No person with id {person_id} is on the caseload.",
                "Check the id, or give their NHS number instead.",
            ) from None
        return person_id
    try:
        digits = parse_nhs_number(text)
    except InvalidValue as exc:
        raise errors.UserFacingError(
            f"'{text.strip()}' is neither an NHS number nor a person's id.",
            str(exc),
        ) from None
    if not digits:
        raise errors.UserFacingError("Give the person's NHS number or record id.")
    found = services.people.find_by_nhs_number(digits)
    if found is None:
        raise errors.NotFound(
            f"No one with NHS number {format_nhs_number(digits)} is on the caseload.",
            "Check the number, or find them with: linkworker people list --search NAME",
        )
    return found.id


def _match(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    if args.limit < 1:
        raise errors.UserFacingError("--limit must be 1 or more.")
    person_id = _person_id(args.person, services)
    result = services.matching.suggest(person_id, limit=args.limit)
    if args.json:
        json.dump(
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
            indent=2,
            ensure_ascii=False,
        )
        out.write("\n")
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


def _print_options(args: argparse.Namespace) -> PrintOptions | None:
    """The options asked for, or None when none was."""
    from linkworker.printing.snapshots import PrintOptions

    if not (args.large_print or args.easy_read or args.high_contrast):
        return None
    return PrintOptions(
        large_print=args.large_print, high_contrast=args.high_contrast, easy_read=args.easy_read
    )


def _pages(pdf: bytes) -> str:
    from linkworker.services.documents import page_count

    count = page_count(pdf)
    return "1 page" if count == 1 else f"{count} pages"


def _write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all.

    The bytes go to a temporary file in the same folder, which replaces
    ``path`` only once complete; on any failure it is removed, and a file
    already at ``path`` is left as it was.
    """
    import contextlib
    import errno
    import os
    import tempfile

    folder = path.parent
    if not folder.is_dir():
        raise errors.ExportFailed(
            f"{path} was not saved: the folder {folder} does not exist.",
            "Create the folder first, or choose another.",
        )
    if path.is_dir():
        raise errors.ExportFailed(
            f"{path} was not saved: it is a folder.", "Give a file name, such as plan.pdf."
        )
    temp_name = ""
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with open(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp_name, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temp_name, path)
    except OSError as exc:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
        if exc.errno == errno.ENOSPC:
            raise errors.DiskFull(
                f"The disk is full, so {path} was not saved. Any file already there "
                "was left as it was.",
                "Free some space (empty the recycle bin, remove large downloads) and try again.",
            ) from exc
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise errors.ExportFailed(
                f"{path} was not saved: you may not save files in {folder}.",
                "Choose a folder you can write to, such as your Documents folder.",
            ) from exc
        reason = exc.strerror or str(exc)
        raise errors.ExportFailed(
            f"{path} could not be saved ({reason}). Any file already there was left as it was.",
            "Close the file if a PDF viewer has it open, check the folder, then try again.",
        ) from exc
    except BaseException:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
        raise


def _plan_print(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    from linkworker.domain.documents import DocumentAction, DocumentKind
    from linkworker.services.documents import options_words

    person_id = _person_id(args.person, services)
    asked = _print_options(args)
    options = asked or services.documents.default_options(person_id)
    pdf = services.documents.plan_pdf(person_id, options)
    _write_file(args.output, pdf)
    services.documents.record(person_id, DocumentKind.MY_PLAN, DocumentAction.SAVED, options)
    name = services.people.get_person(person_id).draft.display_name
    print(f"Saved My plan for {name} ({_pages(pdf)}) to {args.output}", file=out)
    if asked is None and options_words(options):
        print(f"In {options_words(options)}, as their access needs ask.", file=out)
    return 0


def _asset_id(text: str, services: Services) -> uuid.UUID:
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
            f"No asset called '{name}' is in the directory.",
            f"Find its id with: linkworker directory search {name} --json",
        )
    ids = ", ".join(str(r.id) for r in same)
    raise errors.UserFacingError(
        f"{len(same)} assets are called '{name}'.", f"Give the id of the one you mean: {ids}"
    )


def _directory_print(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    from linkworker.printing.snapshots import PrintOptions

    options = _print_options(args) or PrintOptions()
    if args.asset is not None:
        asset_id = _asset_id(args.asset, services)
        try:
            asset = services.directory.get(asset_id)
        except errors.NotFound:
            raise errors.NotFound(
                f"No asset with id {asset_id} is in the directory.",
                "Find its id with: linkworker directory search WORDS --json",
            ) from None
        pdf = services.documents.asset_sheet_pdf(asset_id, options)
        what = f"the sheet for {asset.name}"
    else:
        pdf = services.documents.booklet_pdf(
            category=args.category, district=args.area, options=options
        )
        title = services.documents.booklet_title(category=args.category, district=args.area)
        what = f"the booklet '{title}'"
    _write_file(args.output, pdf)
    print(f"Saved {what} ({_pages(pdf)}) to {args.output}", file=out)
    return 0


def _postcodes_import(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """The older name of ``geo import`` (see cli_geo.py), which imports nothing if a row is bad."""
    from linkworker.cli_geo import postcodes_import_command

    return postcodes_import_command(args, services, out)
