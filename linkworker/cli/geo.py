"""``linkworker geo import FILE [--outward CH65,CH66]`` and ``linkworker geo status``.

The postcode lookup gives postcodes a place on the map, so that matching can
say how many miles away a place is. ``postcodes import FILE``, the older
command, reads the same files but imports nothing when any row is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker.cli.output import Progress, plural

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.domain.postcode_lookup import GeoImportReport
    from linkworker.services.context import Services
    from linkworker.services.geo import GeoService

#: Exit code after Ctrl+C, as a shell reports it.
INTERRUPTED = 130


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``postcodes import``, then ``geo import`` and ``geo status``."""
    postcodes = commands.add_parser("postcodes", help="the postcode location lookup table")
    postcode_actions = postcodes.add_subparsers(dest="action", metavar="ACTION", required=True)
    postcode_import = postcode_actions.add_parser(
        "import",
        parents=[common],
        help="add postcode locations from a CSV file (postcode, latitude, longitude; "
        "or the ONS Postcode Directory's pcds, lat, long)",
    )
    postcode_import.add_argument("file", type=Path)
    postcode_import.set_defaults(handler=postcodes_import_command)

    geo = commands.add_parser(
        "geo", help="the postcode lookup that gives distances in miles (import, status)"
    )
    actions = geo.add_subparsers(dest="action", metavar="ACTION", required=True)
    geo_import = actions.add_parser(
        "import",
        parents=[common],
        help="load postcode locations from the ONS Postcode Directory (CSV) or Ordnance "
        "Survey Code-Point Open (a CSV, its folder or its zip), or a postcode, latitude, "
        "longitude CSV",
    )
    geo_import.add_argument("file", type=Path, help="the file, folder or zip")
    geo_import.add_argument(
        "--outward",
        metavar="CODES",
        default="",
        help="only postcodes in these districts or areas, e.g. CH65,CH66 or CH",
    )
    geo_import.set_defaults(handler=geo_import_command)
    status = actions.add_parser(
        "status",
        parents=[common],
        help="how many postcodes are loaded, and how many places and people they place",
    )
    status.set_defaults(handler=geo_status_command)


def geo_service(services: Services) -> GeoService:
    """The postcode lookup service the command works with."""
    return services.geo


def _run_import(
    args: argparse.Namespace, services: Services, outward: str, strict: bool
) -> GeoImportReport | None:
    """The import's report, or None after Ctrl+C (nothing was written)."""
    err = sys.stderr
    progress = Progress(f"Reading {args.file.name}:", err, piped=True)
    try:
        return geo_service(services).import_lookup(
            args.file, (outward,), progress=progress, strict=strict
        )
    except KeyboardInterrupt:
        print("\nStopped: the postcode lookup was left as it was.", file=err)
        return None


def geo_import_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """``linkworker geo import``: the report on stdout, progress on stderr."""
    report = _run_import(args, services, args.outward, strict=False)
    if report is None:
        return INTERRUPTED
    codes = ", ".join(report.outward_codes)
    files = f", {report.files} files" if report.files > 1 else ""
    print(
        f"Read {plural(report.rows_read, 'row', 'rows')} from {args.file} "
        f"({report.format.label}{files}, {report.encoding}).",
        file=out,
    )
    for note in report.notes:
        print(f"  note: {note}", file=out)
    where = f" in {codes}" if codes else ""
    print(
        f"Imported {plural(report.imported, 'postcode location', 'postcode locations')}{where}.",
        file=out,
    )
    skipped = [
        (report.skipped_terminated, "terminated"),
        (report.skipped_no_location, "without a location"),
        (report.skipped_outside, f"outside {codes}"),
    ]
    words = [f"{count:,} {what}" for count, what in skipped if count]
    if words:
        print(f"Skipped {', '.join(words)}.", file=out)
    if report.skipped_invalid:
        rows = plural(report.skipped_invalid, "row", "rows")
        print(f"Skipped {rows} that could not be read:", file=out)
        for bad in report.invalid_examples:
            print(f"  {bad.label}: {bad.message}", file=out)
        more = report.skipped_invalid - len(report.invalid_examples)
        if more:
            print(f"  ... and {more:,} more.", file=out)
    if report.assets_located == 1:
        print("1 place in the directory got a map position from its postcode.", file=out)
    else:
        print(
            f"{report.assets_located:,} places in the directory got map positions "
            "from their postcodes.",
            file=out,
        )
    people = report.people_with_location
    has = "has" if people == 1 else "have"
    print(
        f"{plural(people, 'person', 'people')} on the caseload {has} a postcode on the map.",
        file=out,
    )
    return 1 if report.imported == 0 and report.skipped_invalid else 0


def postcodes_import_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """``linkworker postcodes import``: as ``geo import``, but any bad row imports nothing."""
    report = _run_import(args, services, "", strict=True)
    if report is None:
        return INTERRUPTED
    print(f"Read {report.rows_read} rows from {args.file} ({report.encoding}).", file=out)
    for bad in report.invalid_examples:
        where = f"{bad.file} line {bad.row}" if bad.file else f"line {bad.row}"
        print(f"  {where}: {bad.message}", file=out)
    more = report.skipped_invalid - len(report.invalid_examples)
    if more:
        print(f"  ... and {more} more.", file=out)
    if not report.saved:
        count = report.skipped_invalid
        need = "1 row needs" if count == 1 else f"{count} rows need"
        print(f"Nothing imported: {need} correcting first.", file=out)
        return 1
    skipped = [
        (report.skipped_no_location, "without a location"),
        (report.skipped_terminated, "terminated"),
    ]
    words = [f"{count} {what}" for count, what in skipped if count]
    note = f" ({', '.join(words)} skipped)" if words else ""
    print(f"Imported {report.imported} postcode locations{note}.", file=out)
    return 0


def geo_status_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """``linkworker geo status``: what the lookup holds and places."""
    found = geo_service(services).coverage()
    if not found.postcodes:
        print(
            "No postcode lookup is loaded: distances are judged from the postcodes alone "
            "(same sector, district or area).",
            file=out,
        )
        print("Load one with: linkworker geo import FILE", file=out)
    else:
        print(f"{plural(found.postcodes, 'postcode', 'postcodes')} in the lookup.", file=out)
    print(
        f"Places in the directory with a map position: {found.places_located:,} "
        f"of {found.places:,}.",
        file=out,
    )
    print(
        f"People whose postcode is on the map: {found.people_located:,} "
        f"of {found.people_with_postcode:,} with a postcode.",
        file=out,
    )
    return 0
