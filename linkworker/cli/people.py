"""``linkworker people import FILE`` and ``people list``: the caseload in and on the screen."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker.cli.options import check_limit
from linkworker.cli.output import print_how_many, print_json, print_rows_read

if TYPE_CHECKING:
    import datetime as dt

    from linkworker.cli.options import Commands
    from linkworker.services.context import Services


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``people import`` and ``people list``."""
    people = commands.add_parser("people", help="import and list the people on the caseload")
    actions = people.add_subparsers(dest="action", metavar="ACTION", required=True)

    people_import = actions.add_parser(
        "import", parents=[common], help="import people from a CSV file or Excel workbook"
    )
    people_import.add_argument("file", type=Path)
    people_import.add_argument(
        "--dry-run", action="store_true", help="check the file and report, save nothing"
    )
    people_import.set_defaults(handler=import_people)

    people_list = actions.add_parser("list", parents=[common], help="list the caseload")
    people_list.add_argument("--json", action="store_true", help="print JSON instead of a table")
    people_list.add_argument(
        "--status",
        choices=("open", "waiting", "active", "closed"),
        help="only people whose current referral has this status (open: waiting or active)",
    )
    people_list.add_argument(
        "--search", default="", metavar="TEXT", help="the start of a name, NHS number or postcode"
    )
    people_list.add_argument("--limit", type=int, default=20, help="how many people (default 20)")
    people_list.set_defaults(handler=list_people)


def import_people(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Check the file, report every problem, then import it unless told not to."""
    from linkworker.services.people_csv import (
        check_against_caseload,
        import_people_csv,
        read_people_csv,
    )

    preview = read_people_csv(args.file)
    lines = (*preview.problems, *preview.duplicates)
    print_rows_read(args.file, preview.rows_read, preview.encoding, lines, out, preview.warnings)
    if preview.problems:
        count = len(preview.problems)
        rows = "1 row needs" if count == 1 else f"{count} rows need"
        print(f"Nothing imported: {rows} correcting first.", file=out)
        return 1
    for match in check_against_caseload(preview, services.people):
        print(f"  line {match.line}: {match.message}", file=out)
    for note in preview.conflicts:
        print(f"  line {note.line}: these disagree, you decide: {note.message}", file=out)
    details = [f"{preview.episodes} with a referral"] if preview.episodes else []
    if preview.undated:
        details.append(f"{preview.undated} with a referral that has no date, to add")
    if preview.to_confirm:
        details.append(f"{len(preview.to_confirm)} with words kept as written, to confirm")
    with_referral = f" ({'; '.join(details)})" if details else ""
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


def list_people(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """A page of the caseload, as a table or as JSON."""
    from linkworker.domain.people import CaseloadFilter, CaseloadSort, EpisodeStatus
    from linkworker.domain.person_validation import format_nhs_number

    check_limit(args.limit)
    status = EpisodeStatus(args.status) if args.status not in (None, "open") else None
    flt = CaseloadFilter(text=args.search, status=status, open_only=args.status == "open")
    page = services.people.caseload(flt, CaseloadSort.NAME, limit=args.limit)

    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value is not None else None

    if args.json:
        results = [
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
        ]
        print_json({"total": page.total, "results": results}, out)
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
    print_how_many(len(page.rows), page.total, out)
    return 0
