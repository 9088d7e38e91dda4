"""``linkworker report NAME --from D --to D -o FILE.pdf|.csv`` (or ``--month 2026-11``,
``--quarter 2026-Q4``, ``--year 2026``): the team's reports, saved as a file."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker import errors
from linkworker.cli.options import iso_day
from linkworker.domain.reports import Period, ReportKind

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``report NAME``."""
    report = commands.add_parser(
        "report",
        parents=[common],
        help="a report for the team, the PCN or commissioners, saved as PDF or CSV",
        description="report NAME --from YYYY-MM-DD --to YYYY-MM-DD -o FILE.pdf|FILE.csv; "
        "or give the period as --month 2026-11, --quarter 2026-Q4 or --year 2026.",
    )
    report.add_argument(
        "name",
        choices=[k.value for k in ReportKind],
        metavar="NAME",
        help="activity, reach, connections, outcomes or stories",
    )
    report.add_argument("--from", dest="start", type=iso_day, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="end", type=iso_day, metavar="YYYY-MM-DD")
    report.add_argument("--month", metavar="YYYY-MM", help="a calendar month, e.g. 2026-11")
    report.add_argument("--quarter", metavar="YYYY-QN", help="a calendar quarter, e.g. 2026-Q4")
    report.add_argument("--year", type=int, metavar="YYYY", help="a calendar year, e.g. 2026")
    report.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.pdf|FILE.csv",
        help="the file to write; .pdf or .csv",
    )
    report.set_defaults(handler=report_command)


def period_from(args: argparse.Namespace) -> Period:
    """The period the options give; a clear message when they give none, or more than one."""
    given = [
        name
        for name, value in (
            ("--from/--to", args.start or args.end),
            ("--month", args.month),
            ("--quarter", args.quarter),
            ("--year", args.year),
        )
        if value
    ]
    if len(given) != 1:
        raise errors.UserFacingError(
            "Give the period once: --from YYYY-MM-DD --to YYYY-MM-DD, or --month, --quarter "
            "or --year."
            if not given
            else f"Give the period one way only, not {' and '.join(given)}.",
            "For example: report activity --month 2026-11 -o activity.pdf",
        )
    if args.month:
        found = _MONTH.match(args.month.strip())
        if found is None or not 1 <= int(found[2]) <= 12:
            raise errors.UserFacingError(
                f"{args.month!r} is not a month.", "Write it as YYYY-MM, e.g. 2026-11."
            )
        return Period.month(int(found[1]), int(found[2]))
    if args.quarter:
        found = _QUARTER.match(args.quarter.strip())
        if found is None:
            raise errors.UserFacingError(
                f"{args.quarter!r} is not a quarter.",
                "Write it as YYYY-QN, e.g. 2026-Q4 (October to December).",
            )
        return Period.quarter(int(found[1]), int(found[2]))
    if args.year:
        if not 1900 <= args.year <= 9998:
            raise errors.UserFacingError(f"{args.year} is not a year to report on.")
        return Period.year(args.year)
    if args.start is None or args.end is None:
        raise errors.UserFacingError(
            "Give both days: --from YYYY-MM-DD --to YYYY-MM-DD.",
            "For one day, give the same day twice.",
        )
    if args.end < args.start:
        raise errors.UserFacingError(
            "The --to day comes before the --from day.", "Swap them round and try again."
        )
    return Period(args.start, args.end)


def report_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Make the report for the period and save it as the file's ending says."""
    kind = ReportKind(args.name)
    path: Path = args.output
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise errors.UserFacingError(
            f"{path.name} does not end in .pdf or .csv, so it is not clear what to save.",
            "Name the file FILE.pdf or FILE.csv.",
        )
    if not path.parent.is_dir():
        raise errors.UserFacingError(
            f"There is no folder {path.parent} to save the report in.",
            "Choose a folder that exists.",
        )
    period = period_from(args)
    report = services.reports.build(kind, period)
    services.reports.save(report, path)
    print(f"Wrote the {report.title} report to {path}.", file=out)
    for note in report.could_not_count:
        print(f"  note: {note}", file=out)
    return 0
