"""``linkworker today`` (the day's list) and ``linkworker calendar export`` (booked contacts)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from linkworker import errors
from linkworker.cli.options import iso_day
from linkworker.cli.output import plural, print_json
from linkworker.domain.today import TodayView, day_words, flag_words, since_words

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``today`` and ``calendar export``."""
    today = commands.add_parser(
        "today", parents=[common], help="who to see or chase today, section by section"
    )
    today.add_argument("--json", action="store_true", help="print JSON instead of text")
    today.add_argument(
        "--date", type=iso_day, metavar="YYYY-MM-DD", help="the day to list (default today)"
    )
    today.add_argument(
        "--everyone", action="store_true", help="everyone's people, not only your own"
    )
    today.set_defaults(handler=show_today)

    calendar = commands.add_parser("calendar", help="booked contacts for your own calendar")
    actions = calendar.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", parents=[common], help="write booked contacts to an iCalendar (.ics) file"
    )
    export.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.ics", help="the file to write"
    )
    export.add_argument(
        "--days", type=int, default=28, help="how many days ahead, from today (default 28)"
    )
    export.add_argument(
        "--names",
        action="store_true",
        help="put people's names in the events (by default, initials only)",
    )
    export.add_argument(
        "--everyone", action="store_true", help="everyone's contacts, not only your own"
    )
    export.set_defaults(handler=export_calendar)


def show_today(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Every section with its count and rows; JSON with stable keys when asked."""
    view = services.today.view(args.date, everyone=args.everyone)
    if args.json:
        print_json(today_json(view), out)
        return 0
    whose = "everyone" if view.everyone else view.worker
    print(f"Today, {day_words(view.day)} ({whose})", file=out)
    print(
        "  ".join(f"{section.kind.short}: {section.total:,}" for section in view.sections),
        file=out,
    )
    if view.everyone and not args.everyone:
        print("No name is set in Settings, so this is everyone's list.", file=out)
    for section in view.sections:
        print(f"\n{section.kind.heading} ({section.total:,})", file=out)
        if section.is_empty:
            print(f"  {section.kind.empty_text}", file=out)
            continue
        width = max(len(row.name) for row in section.rows)
        what_width = max(len(row.what) for row in section.rows)
        for row in section.rows:
            when = since_words(row, section.kind)
            print(f"  {row.name:<{width}}  {row.what:<{what_width}}  {when}", file=out)
            if row.flags:
                print(f"    Take care: {flag_words(row.flags)}", file=out)
        if not section.shown_all:
            print(f"  … and {section.total - len(section.rows):,} more", file=out)
    return 0


def today_json(view: TodayView) -> dict[str, object]:
    """The view as plain data, the keys always the same."""
    return {
        "date": view.day.isoformat(),
        "everyone": view.everyone,
        "link_worker": view.worker,
        "counts": {section.kind.value: section.total for section in view.sections},
        "sections": [
            {
                "kind": section.kind.value,
                "title": section.kind.heading,
                "total": section.total,
                "rows": [
                    {
                        "person_id": str(row.person_id),
                        "name": row.name,
                        "what": row.what,
                        "since": row.since.isoformat(),
                        "days": row.days,
                        "at": None if row.at is None else row.at.isoformat(timespec="minutes"),
                        "link_worker": row.link_worker,
                        "tab": row.tab,
                        "flags": [flag.value for flag in row.flags],
                    }
                    for row in section.rows
                ],
            }
            for section in view.sections
        ],
    }


def export_calendar(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Write the file and say how many contacts it holds."""
    from linkworker.services.calendar_export import MAX_DAYS

    if not 1 <= args.days <= MAX_DAYS:
        raise errors.UserFacingError(f"--days must be from 1 to {MAX_DAYS}.")
    path: Path = args.output
    if not path.parent.is_dir():
        raise errors.UserFacingError(
            f"There is no folder {path.parent} to save the calendar in.",
            "Choose a folder that exists.",
        )
    count = services.calendar.export(path, days=args.days, names=args.names, everyone=args.everyone)
    what = "names" if args.names else "initials only"
    print(
        f"Wrote {plural(count, 'booked contact', 'booked contacts')} for the next "
        f"{plural(args.days, 'day', 'days')} to {path} ({what}).",
        file=out,
    )
    return 0
