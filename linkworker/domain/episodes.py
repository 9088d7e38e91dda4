"""Which of a person's episodes is the current one, and what closing one leaves behind.

A person may have several episodes over the years, and now and then two open
at once (two teams involved). Everything that shows "their plan" or "their
status" (the Plan tab, the caseload, the printed plan, the command line) asks
:func:`current_episode` which one that is, so they never disagree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from linkworker.domain.closing import (
    GivingBackDraft,
    Story,
    giving_back_problems,
    story_problems,
)
from linkworker.domain.journey import ReferralResponse
from linkworker.domain.people import ClosingReason, EpisodeDraft, EpisodeStatus
from linkworker.domain.plan import ReferralStatus
from linkworker.domain.validation import FieldError


@dataclass(frozen=True, slots=True)
class EpisodeStanding:
    """What the rule needs to know of one episode."""

    id: uuid.UUID
    status: EpisodeStatus
    referral_date: dt.date
    created_at: dt.datetime
    #: Anything has been done in it: goals, places, contacts booked or conversations held.
    has_plan: bool = False


def current_episode(episodes: Iterable[EpisodeStanding]) -> uuid.UUID | None:
    """The episode a person is in now; None for someone with no referral.

    An open episode (waiting or active) wins over any closed one. Of two open,
    the one with a plan wins, then an active one over one still waiting: a
    referral recorded beside it ("keep both open") never hides the goals and
    places being worked on. Of two alike, the older one stays current, so what
    is on screen does not move under the worker.
    With none open, the newest closed one is shown (its plan, read to the end).
    """
    standing = list(episodes)
    if not standing:
        return None
    still_open = [e for e in standing if e.status.is_open]
    if still_open:
        return min(
            still_open,
            key=lambda e: (
                not e.has_plan,
                e.status is not EpisodeStatus.ACTIVE,
                e.referral_date,
                e.created_at,
                e.id,
            ),
        ).id
    return max(standing, key=lambda e: (e.referral_date, e.created_at, e.id)).id


def open_in_order(episodes: Sequence[EpisodeStanding]) -> tuple[uuid.UUID, ...]:
    """The open episodes, the current one first, then the others oldest first."""
    first = current_episode(episodes)
    still_open = sorted(
        (e for e in episodes if e.status.is_open),
        key=lambda e: (e.id != first, e.referral_date, e.created_at, e.id),
    )
    return tuple(e.id for e in still_open)


class PlaceOutcome(enum.StrEnum):
    """What happens to a place still open in a plan when its episode closes."""

    KEEP_GOING = "keep_going"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        return {
            "keep_going": "Still going, on their own",
            "stopped": "Stopped",
        }[self.value]

    @property
    def status(self) -> ReferralStatus:
        """The status the place is left with, recorded as a dated change."""
        return {
            "keep_going": ReferralStatus.STILL_GOING,
            "stopped": ReferralStatus.STOPPED,
        }[self.value]


def unanswered_places(
    open_places: Iterable[uuid.UUID], answers: Iterable[uuid.UUID]
) -> tuple[uuid.UUID, ...]:
    """The places still open that nobody said what happens to, in the order given."""
    answered = set(answers)
    return tuple(p for p in open_places if p not in answered)


def closing_problems(
    referral_date: dt.date,
    on: dt.date,
    reason: ClosingReason | None,
    story: Story,
    helpers: Sequence[GivingBackDraft],
    today: dt.date,
) -> list[FieldError]:
    """Everything wrong with a closing as given: its day, its reason, the story, the roles.

    The day falls between the referral and today; a story has its consent answer; each
    helper role has a place (see :mod:`linkworker.domain.closing`).
    """
    problems: list[FieldError] = []
    if on > today:
        problems.append(FieldError("closed_on", "The closing date is in the future."))
    elif on < referral_date:
        problems.append(
            FieldError(
                "closed_on",
                f"The closing date is before the referral date ({referral_date:%d %B %Y}).",
            )
        )
    if reason is None:
        problems.append(FieldError("closing_reason", "Say why the support is closing."))
    return (
        problems
        + story_problems(story, today)
        + giving_back_problems(helpers, referral_date, today)
    )


def reasons_note(current: str, added: str, on: dt.date) -> str:
    """The current notes with a new referral's notes after them, dated ("" stays "")."""
    extra = added.strip()
    if not extra:
        return current
    line = f"Added {on:%d %b %Y}: {extra}"
    return f"{current.rstrip()}\n\n{line}" if current.strip() else line


def closing_for(response: ReferralResponse | None) -> ClosingReason | None:
    """The closing reason an answer closes a referral with; None when it closes nothing."""
    return (
        {
            ReferralResponse.DECLINED: ClosingReason.DECLINED,
            ReferralResponse.NOT_TAKEN_UP: ClosingReason.NOT_TAKEN_UP,
        }.get(response)
        if response is not None
        else None
    )


def answered(draft: EpisodeDraft) -> EpisodeDraft:
    """The referral as its answer leaves it: declined or not taken up closes it that day.

    An episode already closed keeps its own closing; accepting closes nothing.
    """
    reason = closing_for(draft.response)
    if reason is None or not draft.status.is_open:
        return draft
    return dataclasses.replace(
        draft,
        status=EpisodeStatus.CLOSED,
        closed_on=draft.responded_on or draft.closed_on,
        closing_reason=reason,
        next_contact_on=None,
    )


def response_problems(draft: EpisodeDraft, today: dt.date) -> list[FieldError]:
    """Problems with how a referral was answered: dated, in range, a reason for declining."""
    if draft.response is None:
        return []
    problems: list[FieldError] = []
    if draft.responded_on is None:
        problems.append(FieldError("responded_on", "Give the date of the answer."))
    elif draft.responded_on > today:
        problems.append(FieldError("responded_on", "The date of the answer is in the future."))
    elif draft.responded_on < draft.referral_date:
        problems.append(FieldError("responded_on", "The answer is dated before the referral."))
    if draft.response is ReferralResponse.DECLINED and not draft.declined_reason.strip():
        problems.append(FieldError("declined_reason", "Write the person's reason, in their words."))
    return problems
