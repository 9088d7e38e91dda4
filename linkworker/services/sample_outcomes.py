"""The demo's outcome measures: invented answers for some of the sample people, so the
demo shows a baseline, a later review (some items declined or not asked) and, for one
closed referral, the closing measures."""

from __future__ import annotations

import datetime as dt
import logging

from linkworker.domain.outcomes import Measure, OutcomeRecord, Timepoint, parse_answer
from linkworker.services.outcomes import OutcomeService
from linkworker.services.people import PeopleService
from linkworker.services.sample_people import DEMO_LINK_WORKER

log = logging.getLogger(__name__)

B, R, C = Timepoint.BASELINE, Timepoint.REVIEW, Timepoint.CLOSING

#: (NHS number, measure, timepoint, days after the referral, answers as typed: d declined,
#: - not asked). A closing measure is taken on the day the referral closed.
DEMO_MEASURES: tuple[tuple[str, Measure, Timepoint, int, str], ...] = (
    ("9994646214", Measure.ONS4, B, 7, "3,4,4,7"),
    ("9994646214", Measure.UCLA3, B, 7, "3,3,2"),
    ("9994646214", Measure.LONELY, B, 7, "Often/always"),
    ("9994646214", Measure.ONS4, R, 42, "6,6,7,4"),
    ("9994646214", Measure.UCLA3, R, 42, "2,2,2"),
    ("9994646214", Measure.LONELY, R, 42, "Some of the time"),
    ("9992693215", Measure.ONS4, B, 10, "2,d,3,8"),
    ("9992693215", Measure.ONS4, R, 56, "5,6,5,5"),
    ("9996705595", Measure.ONS4, B, 7, "4,5,-,6"),
    ("9996705595", Measure.UCLA3, B, 7, "3,d,3"),
    ("9996705595", Measure.ONS4, R, 60, "6,6,6,3"),
    ("9996705595", Measure.UCLA3, R, 60, "2,d,2"),
    ("9991669124", Measure.ONS4, B, 10, "3,3,4,7"),
    ("9991669124", Measure.ONS4, R, 60, "5,5,6,5"),
    ("9991669124", Measure.ONS4, C, 0, "7,7,7,3"),
    ("9991669124", Measure.CONNECTION, C, 0, "Yes,Partly,Yes"),
)


def add_sample_outcomes(
    people: PeopleService, outcomes: OutcomeService, today: dt.date | None = None
) -> int:
    """Record the demo's measures on each person's newest referral; returns how many."""
    day = today or dt.date.today()
    added = 0
    for nhs, measure, timepoint, days, typed in DEMO_MEASURES:
        person = people.find_by_nhs_number(nhs)
        episode = people.get_person(person.id).episodes[0] if person is not None else None
        if person is None or episode is None:
            log.warning("The demo left out an outcome measure: its sample person is not there")
            continue
        draft = episode.draft
        if timepoint is Timepoint.CLOSING and draft.closed_on is not None:
            taken_on = draft.closed_on
        else:
            taken_on = min(draft.referral_date + dt.timedelta(days=days), day)
        answers = tuple(parse_answer(measure, n, t) for n, t in enumerate(typed.split(",")))
        outcomes.record(
            OutcomeRecord(
                person.id,
                episode.id,
                measure,
                timepoint,
                taken_on,
                answers,
                recorded_by=draft.link_worker or DEMO_LINK_WORKER,
            )
        )
        added += 1
    return added
