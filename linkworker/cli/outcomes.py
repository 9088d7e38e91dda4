"""``linkworker outcomes PERSON [--json]``, ``linkworker outcomes record PERSON ...`` and
``linkworker outcomes forms -o FILE.pdf [--large] [--measure ons4 ...]``.

The first lists a person's outcome measures by referral and timepoint, each answer with
its band, and the change from the first taking to the latest in words. The second keeps
one measure, so scripts and tests can enter them: ``--items 3,7,5,8`` in the measure's
order, ``d`` for declined and ``-`` for not asked; choices by their words or number.
The third saves blank paper forms, one page per measure (every published one unless
``--measure`` says which), in large print with ``--large``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from linkworker import errors
from linkworker.cli.options import iso_day
from linkworker.cli.output import print_json
from linkworker.cli.person_lookup import find_person, short_id
from linkworker.cli.saving import pages, write_file
from linkworker.domain.outcomes import (
    INTRODUCTIONS,
    ITEMS,
    EpisodeOutcomes,
    Measure,
    OutcomeRecord,
    Timepoint,
    answer_words,
    measure_lines,
    parse_answer,
    ucla_total,
)

if TYPE_CHECKING:
    from linkworker.cli.options import Commands
    from linkworker.services.context import Services

RECORD = "record"
FORMS = "forms"
_RECORD_ONLY = ("measure", "timepoint", "date", "items", "name", "score", "notes", "by")
_FORMS_ONLY = ("output", "large", "high_contrast")


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``outcomes PERSON`` and ``outcomes record PERSON``."""
    parser = commands.add_parser(
        "outcomes",
        parents=[common],
        help="a person's outcome measures with bands and change; 'outcomes record' adds one; "
        "'outcomes forms' saves blank paper forms",
        description="outcomes PERSON [--json], or outcomes record PERSON --measure M "
        "--timepoint T --date D --items 3,7,5,8, or outcomes forms -o FILE.pdf [--large] "
        "[--measure ons4 ...]",
    )
    parser.add_argument(
        "first", metavar="PERSON", help="the person (or 'record' then PERSON, or 'forms')"
    )
    parser.add_argument("second", nargs="?", metavar="PERSON", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--measure",
        choices=[m.value for m in Measure],
        nargs="+",
        action="extend",
        help="which measure (for forms, one or more)",
    )
    parser.add_argument("--timepoint", choices=[t.value for t in Timepoint], help="when taken")
    parser.add_argument("--date", type=iso_day, metavar="YYYY-MM-DD", help="the day it was taken")
    parser.add_argument(
        "--items", metavar="A,B,...", help="answers in order; d declined, - not asked"
    )
    parser.add_argument(
        "--referral",
        type=iso_day,
        metavar="YYYY-MM-DD",
        help="the referral's date (default newest)",
    )
    parser.add_argument("--name", default="", help="an other measure's name, e.g. SWEMWBS")
    parser.add_argument("--score", default="", help="an other measure's score as written")
    parser.add_argument("--notes", default="", help="an other measure's notes")
    parser.add_argument("--by", default="", help="who took it (default the signed-in worker)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE.pdf", help="forms: the PDF")
    parser.add_argument(
        "--large", "--large-print", action="store_true", help="forms: large print, 16 pt or more"
    )
    parser.add_argument("--high-contrast", action="store_true", help="forms: black on white")
    parser.set_defaults(handler=outcomes_command)


def outcomes_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Show a person's measures, record one (``record``) or save blank forms (``forms``)."""
    if args.first == FORMS:
        return _forms(args, services, out)
    _refuse(args, _FORMS_ONLY, "saving blank forms", "outcomes forms -o FILE.pdf")
    if args.first == RECORD:
        if not args.second:
            raise errors.UserFacingError(
                "Say whose measure it is: outcomes record PERSON.", "Nothing was recorded."
            )
        return _record(args, services, out)
    if args.second:
        raise errors.UserFacingError(
            f"{args.second!r} was not expected after the person.",
            "Write outcomes PERSON to list, or outcomes record PERSON to add a measure.",
        )
    _refuse(args, _RECORD_ONLY, "recording a measure", "outcomes record PERSON")
    person_id = find_person(args.first, services)
    episodes = services.outcomes.for_person(person_id)
    if args.json:
        print_json({"person_id": str(person_id), "referrals": [_json(e) for e in episodes]}, out)
        return 0
    _print(person_id, episodes, out)
    return 0


def _refuse(args: argparse.Namespace, names: tuple[str, ...], purpose: str, how: str) -> None:
    """Say so when an option meant for another use of the command was given."""
    given = [name for name in names if getattr(args, name)]
    if given:
        raise errors.UserFacingError(
            f"--{given[0].replace('_', '-')} is for {purpose}.",
            f"Write {how} with it, or leave it out.",
        )


def _forms(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    from linkworker.printing.snapshots import PrintOptions

    if args.second:
        raise errors.UserFacingError(
            "Blank forms are not about anyone: write outcomes forms -o FILE.pdf.",
            "Nothing was saved.",
        )
    _refuse(args, _RECORD_ONLY[1:], "recording a measure", "outcomes record PERSON")
    _refuse(args, ("json",), "listing a person's measures", "outcomes PERSON")
    if args.output is None:
        raise errors.UserFacingError(
            "Say where to save the forms: outcomes forms -o FILE.pdf.", "Nothing was saved."
        )
    measures = [Measure(m) for m in args.measure or ()]
    options = PrintOptions(large_print=args.large, high_contrast=args.high_contrast)
    pdf = services.outcomes.blank_forms(measures, options)
    write_file(args.output, pdf)
    kinds = ", ".join(m.label for m in dict.fromkeys(measures)) or "every published measure"
    print(f"Saved blank forms ({kinds}; {pages(pdf)}) to {args.output}", file=out)
    return 0


def _record(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    missing = [f"--{n}" for n in ("measure", "timepoint", "date") if getattr(args, n) is None]
    if missing:
        raise errors.UserFacingError(
            f"Recording a measure needs {', '.join(missing)}.", "Nothing was recorded."
        )
    if len(args.measure) > 1:
        raise errors.UserFacingError(
            "Record one measure at a time: give --measure once.", "Nothing was recorded."
        )
    person_id = find_person(args.second, services)
    measure = Measure(args.measure[0])
    texts = args.items.split(",") if args.items else []
    answers = tuple(parse_answer(measure, n, t) for n, t in enumerate(texts))
    record = OutcomeRecord(
        person_id=person_id,
        episode_id=_episode_id(services, person_id, args.referral),
        measure=measure,
        timepoint=Timepoint(args.timepoint),
        taken_on=args.date,
        answers=answers,
        name=args.name,
        score=args.score,
        notes=args.notes,
        recorded_by=args.by,
    )
    kept = services.outcomes.record(record)
    print(f"Recorded {kept.title}, {kept.timepoint.value} {kept.taken_on.isoformat()}:", file=out)
    for line in measure_lines(kept):
        print(f"  {line}", file=out)
    return 0


def _episode_id(services: Services, person_id: Any, referral: dt.date | None) -> Any:
    episodes = services.people.get_person(person_id).episodes
    if referral is not None:
        episodes = tuple(e for e in episodes if e.draft.referral_date == referral)
    if not episodes:
        raise errors.NotFound(
            "This person has no referral"
            + (f" dated {referral.isoformat()}." if referral else "."),
            "Add the referral first, or give --referral with its date. Nothing was recorded.",
        )
    return episodes[0].id


def _print(person_id: Any, episodes: list[EpisodeOutcomes], out: TextIO) -> None:
    print(f"Outcome measures for record {short_id(person_id)}", file=out)
    if not any(e.measures for e in episodes):
        print("No outcome measures recorded yet.", file=out)
        return
    for episode in episodes:
        if not episode.measures:
            continue
        state = "closed" if episode.closed else "open"
        print(f"\nReferral of {episode.referral_date.isoformat()} ({state})", file=out)
        for record in episode.measures:
            print(
                f"  {record.timepoint.label}, {record.taken_on.isoformat()}: {record.title}",
                file=out,
            )
            for line in measure_lines(record):
                print(f"    {line}", file=out)
        for change in episode.changes:
            print(f"  Change, {change.heading}", file=out)
            for line in change.lines:
                print(f"    {line}", file=out)


def _json(episode: EpisodeOutcomes) -> dict[str, Any]:
    return {
        "episode_id": str(episode.episode_id),
        "referral_date": episode.referral_date.isoformat(),
        "closed": episode.closed,
        "measures": [_measure_json(r) for r in episode.measures],
        "changes": [
            {
                "measure": c.title,
                "from": {
                    "timepoint": c.before.timepoint.value,
                    "on": c.before.taken_on.isoformat(),
                },
                "to": {"timepoint": c.after.timepoint.value, "on": c.after.taken_on.isoformat()},
                "lines": list(c.lines),
            }
            for c in episode.changes
        ],
    }


def _measure_json(record: OutcomeRecord) -> dict[str, Any]:
    items = [
        {
            "label": item.label,
            "question": item.question,
            "answer": record.answer(n),
            "in_words": answer_words(record.measure, n, record.answer(n)),
        }
        for n, item in enumerate(ITEMS[record.measure])
    ]
    return {
        "id": str(record.id),
        "measure": record.measure.value,
        "title": record.title,
        "introduction": INTRODUCTIONS.get(record.measure, ""),
        "timepoint": record.timepoint.value,
        "taken_on": record.taken_on.isoformat(),
        "items": items,
        "ucla_total": ucla_total(record),
        "name": record.name,
        "score": record.score,
        "notes": record.notes,
        "recorded_by": record.recorded_by,
    }
