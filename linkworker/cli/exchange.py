"""``linkworker directory import SOURCE`` and ``directory export FILE``: the directory in and out.

A source is an Open Referral UK 3.0 or v1 JSON file or folder of pages, a CSV
datapackage (ORUK v1 or HSDS 3.0 tables, a folder or a zip), a feed address,
or the directory spreadsheet this app exports. Every import is checked first
and reported; nothing is saved by ``--dry-run``, or when records have
problems unless ``--skip-problems`` says to import the good ones.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker.cli.output import Progress, plural, print_rows_read
from linkworker.cli.taxonomy import print_unmapped

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.domain.directory_exchange import ImportReport
    from linkworker.services.context import Services


def add_directory_actions(actions: Commands, common: argparse.ArgumentParser) -> None:
    """Attach ``import`` and ``export`` to the ``directory`` command."""
    imp = actions.add_parser(
        "import",
        parents=[common],
        help="import or refresh the directory from Open Referral data or a spreadsheet",
        description=(
            "SOURCE may be an Open Referral UK 3.0 or v1 JSON file, a folder of JSON pages, "
            "a CSV datapackage (ORUK v1 or HSDS 3.0 tables) as a folder or a .zip, the address "
            "of an Open Referral UK feed (http:// or https://), or a directory spreadsheet (.csv)."
        ),
    )
    imp.add_argument("source", metavar="SOURCE")
    imp.add_argument(
        "--dry-run", action="store_true", help="check the source and report, save nothing"
    )
    imp.add_argument(
        "--skip-problems",
        action="store_true",
        help="import the good records when some have problems (otherwise nothing is imported)",
    )
    imp.add_argument(
        "--name", default=None, help="what to call this source (default: the file name or host)"
    )
    imp.add_argument(
        "--full",
        action="store_true",
        help="read a feed whole instead of only what changed since the last import",
    )
    imp.add_argument(
        "--timeout", type=float, default=30.0, help="seconds to wait for a feed (default 30)"
    )
    imp.add_argument("--verbose", action="store_true", help="list every change, not a sample")
    imp.set_defaults(handler=import_source)

    exp = actions.add_parser("export", parents=[common], help="export the directory")
    exp.add_argument("file", type=Path)
    exp.add_argument(
        "--format",
        choices=("oruk-json", "csv"),
        default=None,
        help="oruk-json (Open Referral UK 3.0) or csv (the directory spreadsheet); "
        "default: from the file name, else csv",
    )
    exp.add_argument("--category", default=None, help="only this category")
    exp.add_argument("--area", default=None, metavar="DISTRICT", help="only this postcode district")
    exp.set_defaults(handler=export)


def _is_spreadsheet(source: str) -> bool:
    path = Path(source)
    return path.suffix.lower() == ".csv" and path.name.lower() != "services.csv"


def import_source(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Check the source and report, then import it unless told not to or it has problems."""
    if _is_spreadsheet(args.source):
        args.file = Path(args.source)
        return import_spreadsheet(args, services, out)
    service = services.directory_import
    source = service.open(args.source, name=args.name, full_refresh=args.full, timeout=args.timeout)
    try:
        progress = Progress("Checking")
        try:
            checked = service.check(source, progress)
        finally:
            progress.end()
        print_report(checked, out, verbose=args.verbose)
        if args.dry_run:
            print("Dry run: nothing was saved.", file=out)
            return 0
        if checked.left_out and not args.skip_problems:
            print(
                f"Nothing imported: {checked.left_out:,} records have problems. Correct the "
                "source, or run again with --skip-problems to import the good records only.",
                file=out,
            )
            return 1
        if checked.changes_nothing:
            service.record_up_to_date(source, checked)
            print("Nothing to change: the directory already matches the source.", file=out)
            return 0
        progress = Progress("Importing")
        try:
            done = service.run(source, progress, skip_problems=args.skip_problems)
        finally:
            progress.end()
        print(
            f"Imported: {done.created:,} new, {done.updated:,} changed, "
            f"{done.withdrawn:,} withdrawn.",
            file=out,
        )
        if done.unmapped_terms:
            print(
                f"{plural(len(done.unmapped_terms), 'term', 'terms')} not mapped to a kind of "
                "help yet (kept as tags): see `linkworker directory taxonomy` to map them.",
                file=out,
            )
        return 0
    finally:
        source.close()


def import_spreadsheet(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """A directory spreadsheet (.csv): every row checked, then all imported or none."""
    from linkworker.services.directory_csv import import_directory_csv, read_directory_csv

    preview = read_directory_csv(args.file)
    lines = (*preview.problems, *preview.duplicates)
    print_rows_read(args.file, preview.rows_read, preview.encoding, lines, out)
    if preview.problems:
        print(f"Nothing imported: {len(preview.problems)} rows need correcting first.", file=out)
        return 1
    if args.dry_run:
        print(f"Dry run: {len(preview.drafts)} assets would be added. Nothing was saved.", file=out)
        return 0
    added = import_directory_csv(services.directory, preview)
    print(f"Imported {added} assets.", file=out)
    return 0


def print_report(report: ImportReport, out: TextIO, verbose: bool = False) -> None:
    """The report as a link worker reads it at a terminal."""
    print(f"{report.kind}: {report.source_name} ({report.location})", file=out)
    if report.changes_since is not None:
        print(f"Only changes since {report.changes_since:%d %b %Y %H:%M} were asked for.", file=out)
    for note in report.notes:
        print(f"  note: {note}", file=out)
    print(report.summary(), file=out)
    limit = None if verbose else 20
    if report.problems:
        print("Left out because of problems:", file=out)
        for item in report.problems[:limit]:
            print(f"  {item.label}: {'; '.join(item.reasons)}", file=out)
        _more(len(report.problems), report.left_out, limit, out)
    if report.duplicates:
        print("Look like listings already held (flagged to merge or keep apart):", file=out)
        for dup in report.duplicates[:limit]:
            print(f"  {dup.label} and “{dup.other_name}”: {dup.reason}", file=out)
        _more(len(report.duplicates), report.duplicates_total, limit, out)
    if report.changes:
        print("Changes:", file=out)
        for change in report.changes[:limit]:
            print(f"  {change.label}: {change.change}", file=out)
        total = report.created + report.updated + report.withdrawn
        _more(len(report.changes), total, limit, out)
    if report.unmapped_terms:
        print("Terms not mapped to a kind of help yet (kept as tags):", file=out)
        print_unmapped(report.unmapped_terms[:limit], out)
        _more(len(report.unmapped_terms), len(report.unmapped_terms), limit, out)
    if report.warnings:
        print("Fixed on the way in:", file=out)
        for item in report.warnings[:limit]:
            print(f"  {item.label}: {'; '.join(item.reasons)}", file=out)
        _more(len(report.warnings), report.warnings_total, limit, out)


def _more(listed: int, total: int, limit: int | None, out: TextIO) -> None:
    shown = listed if limit is None else min(listed, limit)
    if total > shown:
        print(f"  ... and {total - shown:,} more (use --verbose to list more).", file=out)


def export(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Write the directory, or a category or area of it, as ORUK JSON or a spreadsheet."""
    from linkworker.domain.directory import DirectoryFilter
    from linkworker.services.directory_export import ExportFormat, export_directory

    fmt = args.format or ("oruk-json" if args.file.suffix.lower() == ".json" else "csv")
    flt = DirectoryFilter(
        category=args.category or None,
        district=args.area.strip().upper() if args.area else None,
    )
    progress = Progress("Exporting")
    try:
        count = export_directory(services.directory, args.file, ExportFormat(fmt), flt, progress)
    finally:
        progress.end()
    what = "Open Referral UK 3.0 JSON" if fmt == "oruk-json" else "CSV"
    print(f"Exported {count:,} assets to {args.file} as {what}.", file=out)
    return 0
