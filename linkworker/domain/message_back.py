"""The message back to the GP and referrer, from one episode of support.

The PRSB Social Prescribing Information Standard's "message back" model: who the
person is and where they are registered, the referral, the episode's dates, what
mattered to them, what they connected to, the outcome measures with their change,
the coded events and how the episode ended. :func:`message_back` gathers it from the
record in plain words, short enough to read in two minutes: no internal ids, and
ONS4 reported item by item, never summed. The letter (printing/gp_letter.py) and the
JSON (interchange/message_back.py) both lay out this one value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from linkworker.domain.closing import StoryConsent
from linkworker.domain.codes import CodedEvent
from linkworker.domain.dates import long_date
from linkworker.domain.outcomes import (
    ITEMS,
    EpisodeOutcomes,
    Measure,
    OutcomeRecord,
    answer_words,
    measure_lines,
    ucla_total,
)
from linkworker.domain.people import EpisodeDetail, GpPractice, PersonDetail
from linkworker.domain.person_validation import format_nhs_number
from linkworker.domain.plan import PlanDetail

#: The version of the JSON shape (interchange/message_back.py); raise it when the shape changes.
SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class Subscale:
    """One item of an assessment: its label, the answer as kept, and in words with its band."""

    name: str
    value: int | str
    in_words: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """One outcome measure taken: its name, when, its overall result (None for ONS4,
    which is never summed) and its items."""

    name: str
    timepoint: str
    taken_on: dt.date
    result: str | None
    subscales: tuple[Subscale, ...]


@dataclass(frozen=True, slots=True)
class OutcomeSummary:
    """One measure for the letter: its name, when it was taken, and what it showed or how
    it changed, in words ("Life satisfaction: 3 (low) → 6 (medium)")."""

    name: str
    when: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Connection:
    """A place or group the person was connected to, and where it has got to."""

    name: str
    status: str
    since: dt.date | None


@dataclass(frozen=True, slots=True)
class GoalSummary:
    """A goal in the person's words, with their confidence first and latest (0-10)."""

    words: str
    status: str
    first_confidence: int | None
    latest_confidence: int | None


@dataclass(frozen=True, slots=True)
class CodedLine:
    """A coded event as the GP system takes it."""

    on: dt.date
    code: str
    term: str


@dataclass(frozen=True, slots=True)
class MessageBack:
    """What goes back to the GP and the referrer about one episode."""

    person_name: str
    date_of_birth: dt.date | None
    nhs_number: str
    practice: GpPractice
    referral_date: dt.date
    referred_by: str
    referrer_name: str
    reasons: tuple[str, ...]
    urgency: str
    first_contact_on: dt.date | None
    closed: bool
    closed_on: dt.date | None
    what_matters: str
    connections: tuple[Connection, ...]
    goals: tuple[GoalSummary, ...]
    outcomes: tuple[OutcomeSummary, ...]
    assessments: tuple[Assessment, ...]
    coded_events: tuple[CodedLine, ...]
    #: The closing reason's words; "" while the episode is open (a review letter).
    closing_reason: str
    consent_on: dt.date | None
    consent_recorded_by: str
    written_by: str
    team: str
    written_on: dt.date
    phone: str = ""
    email: str = ""
    #: What changed for them: roles taken on (a volunteer, a peer supporter) and their
    #: story in their words when they agreed to it being shared with their name; one
    #: line each (see :func:`what_changed`).
    what_changed: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        """Still open: the letter is a review, not a closing summary."""
        return not self.closed

    @property
    def outcome_words(self) -> str:
        """How the episode ended, or that it is still open."""
        if self.is_open:
            return "Still open: this is a review of the support so far."
        when = f" on {long_date(self.closed_on)}" if self.closed_on else ""
        return f"Closed{when}: {self.closing_reason or 'no reason recorded'}."


def _assessment(record: OutcomeRecord) -> Assessment:
    items = ITEMS[record.measure]
    subscales = tuple(
        Subscale(item.label, record.answer(n), answer_words(record.measure, n, record.answer(n)))
        for n, item in enumerate(items)
    )
    result: str | None = None
    if record.measure is Measure.UCLA3:
        total = ucla_total(record)
        result = f"{total} out of 9" if total is not None else None
    elif record.measure is Measure.OTHER:
        result = record.score or None
    return Assessment(record.title, record.timepoint.value, record.taken_on, result, subscales)


def _key(record: OutcomeRecord) -> tuple[Measure, str]:
    return record.measure, record.name.strip().lower()


def outcome_summaries(outcomes: EpisodeOutcomes) -> tuple[OutcomeSummary, ...]:
    """Each measure once: its change from the first taking to the latest where it was taken
    twice or more, else what the one taking showed, in the order first taken."""
    changed = {_key(c.before): c for c in outcomes.changes}
    out: list[OutcomeSummary] = []
    seen: set[tuple[Measure, str]] = set()
    for record in outcomes.measures:
        key = _key(record)
        if key in seen:
            continue
        seen.add(key)
        change = changed.get(key)
        if change is not None:
            when = (
                f"{change.before.timepoint.value} {long_date(change.before.taken_on)} to "
                f"{change.after.timepoint.value} {long_date(change.after.taken_on)}"
            )
            out.append(OutcomeSummary(change.title, when, change.lines))
        else:
            when = f"{record.timepoint.value} {long_date(record.taken_on)}"
            out.append(OutcomeSummary(record.title, when, tuple(measure_lines(record))))
    return tuple(out)


def _connections(plan: PlanDetail | None) -> tuple[Connection, ...]:
    if plan is None:
        return ()
    return tuple(
        Connection(r.asset_name, r.current_status.label, r.current_since) for r in plan.referrals
    )


def _goals(plan: PlanDetail | None) -> tuple[GoalSummary, ...]:
    if plan is None:
        return ()
    return tuple(
        GoalSummary(
            g.draft.words.strip(),
            g.draft.status.label,
            g.ratings[0].score if g.ratings else None,
            g.latest_confidence,
        )
        for g in plan.goals
        if g.draft.words.strip()
    )


def _coded(events: Iterable[CodedEvent], episode: EpisodeDetail) -> tuple[CodedLine, ...]:
    mine = sorted(
        (e for e in events if e.episode_id == episode.id), key=lambda e: (e.on, e.code.value)
    )
    return tuple(CodedLine(e.on, e.code.value, e.code.term) for e in mine)


def what_changed(person: PersonDetail, episode: EpisodeDetail) -> tuple[str, ...]:
    """The letter's "what changed for them": the helper roles recorded at this referral's
    close, then the person's story, quoted, only when they agreed to it being shared with
    their name (a story to be shared without a name, or not at all, stays out: the letter
    names them)."""
    roles = tuple(
        f"{g.draft.role.label} at {g.draft.place_name or 'a place not named'} "
        f"since {long_date(g.draft.on)}"
        for g in person.giving_back
        if g.episode_id == episode.id
    )
    story = episode.draft.story
    quoted = (
        (f"In their words: \u201c{' '.join(story.words.split())}\u201d",)
        if story.told and story.consent is StoryConsent.NAMED
        else ()
    )
    return roles + quoted


def message_back(
    person: PersonDetail,
    episode: EpisodeDetail,
    plan: PlanDetail | None,
    outcomes: EpisodeOutcomes,
    events: Sequence[CodedEvent],
    *,
    written_by: str,
    team: str,
    written_on: dt.date,
    phone: str = "",
    email: str = "",
) -> MessageBack:
    """The message back about ``episode`` of ``person``, in plain words."""
    draft, referral = person.draft, episode.draft
    full_name = " ".join(n for n in (draft.given_name.strip(), draft.family_name.strip()) if n)
    closed = not episode.is_open
    return MessageBack(
        person_name=full_name or draft.display_name,
        date_of_birth=draft.date_of_birth,
        nhs_number=format_nhs_number(draft.nhs_number),
        practice=draft.gp_practice,
        referral_date=referral.referral_date,
        referred_by=referral.referred_by.label,
        referrer_name=referral.referrer_name.strip(),
        reasons=tuple(r.strip() for r in referral.reasons if r.strip()),
        urgency=referral.urgency.label,
        first_contact_on=referral.first_contact_on,
        closed=closed,
        closed_on=referral.closed_on if closed else None,
        what_matters=person.what_matters,
        connections=_connections(plan),
        goals=_goals(plan),
        outcomes=outcome_summaries(outcomes),
        assessments=tuple(_assessment(r) for r in outcomes.measures),
        coded_events=_coded(events, episode),
        closing_reason=referral.closing_reason.label if closed and referral.closing_reason else "",
        what_changed=what_changed(person, episode),
        consent_on=referral.consent_share_gp.on,
        consent_recorded_by=referral.consent_share_gp.recorded_by,
        written_by=written_by,
        team=team,
        written_on=written_on,
        phone=phone,
        email=email,
    )
