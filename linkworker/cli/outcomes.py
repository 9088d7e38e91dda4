"""``linkworker outcomes PERSON [--json]`` and ``linkworker outcomes record PERSON ...``.

The first lists a person's outcome measures by referral and timepoint, each answer with
its band, and the change from the first taking to the latest in words. The second keeps
one measure, so scripts and tests can enter them: ``--items 3,7,5,8`` in the measure's
order, ``d`` for declined and ``-`` for not asked; choices by their words or number.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any, TextIO

from linkworker import errors
from linkworker.cli.options import iso_day
from linkworker.cli.output import print_json
from linkworker.cli.person_lookup import find_person, short_id
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
_RECORD_ONLY = ("measure", "timepoint", "date", "items", "name", "score", "notes", "by")


def add_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Add ``outcomes PERSON`` and ``outcomes record PERSON``."""
    parser = commands.add_parser(
        "outcomes",
        parents=[common],
        help="a person's outcome measures with bands and change; 'outcomes record' adds one",
        description="outcomes PERSON [--json], or outcomes record PERSON --measure M "
        "--timepoint T --date D --items 3,7,5,8",
    )
    parser.add_argument("first", metavar="PERSON", help="the person (or 'record' then PERSON)")
    parser.add_argument("second", nargs="?", metavar="PERSON", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--measure", choices=[m.value for m in Measure], help="which measure")
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
    parser.set_defaults(handler=outcomes_command)


def outcomes_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Show a person's measures, or record one when the first word is ``record``."""
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
    given = [name for name in _RECORD_ONLY if getattr(args, name)]
    if given:
        raise errors.UserFacingError(
            f"--{given[0]} is for recording a measure.",
            "Write outcomes record PERSON with it, or leave it out to list.",
        )
    person_id = find_person(args.first, services)
    episodes = services.outcomes.for_person(person_id)
    if args.json:
        print_json({"person_id": str(person_id), "referrals": [_json(e) for e in episodes]}, out)
        return 0
    _print(person_id, episodes, out)
    return 0


def _record(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    missing = [f"--{n}" for n in ("measure", "timepoint", "date") if getattr(args, n) is None]
    if missing:
        raise errors.UserFacingError(
            f"Recording a measure needs {', '.join(missing)}.", "Nothing was recorded."
        )
    person_id = find_person(args.second, services)
    measure = Measure(args.measure)
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
