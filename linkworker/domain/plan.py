"""Value types for a person's plan: goals in their words, steps, and the places they will try.

A plan belongs to one referral (episode of support). Goals carry a confidence
rating from 0 to 10 that is asked again at each review; every rating is kept,
so the change is visible. Each community asset chosen together is an
:class:`AssetReferralDraft` whose status changes are dated and kept.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass


class StepOwner(enum.StrEnum):
    """Who does a step: doing with, not doing to."""

    PERSON = "person"
    LINK_WORKER = "link_worker"
    SOMEONE_ELSE = "someone_else"

    @property
    def label(self) -> str:
        return {"person": "Me", "link_worker": "My link worker", "someone_else": "Someone else"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class GoalStep:
    what: str
    who: StepOwner = StepOwner.PERSON
    #: The name when ``who`` is SOMEONE_ELSE (e.g. "my daughter Sarah").
    who_name: str = ""
    by: dt.date | None = None
    done: bool = False
    done_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ConfidenceRating:
    """How confident the person feels about a goal, 0 (not at all) to 10 (completely)."""

    score: int
    on: dt.date
    note: str = ""


class GoalStatus(enum.StrEnum):
    OPEN = "open"
    ACHIEVED = "achieved"
    SET_ASIDE = "set_aside"

    @property
    def label(self) -> str:
        return {"open": "Working on it", "achieved": "Achieved", "set_aside": "Set aside"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class GoalDraft:
    """A goal in the person's own words.

    ``confidence`` is the rating being given now: saving appends it to the
    goal's history when it differs from the latest one or is on a new day.
    """

    episode_id: uuid.UUID
    words: str
    id: uuid.UUID | None = None
    version: int | None = None
    steps: tuple[GoalStep, ...] = ()
    confidence: int | None = None
    confidence_note: str = ""
    status: GoalStatus = GoalStatus.OPEN
    position: int = 0


@dataclass(frozen=True, slots=True)
class GoalDetail:
    id: uuid.UUID
    version: int
    draft: GoalDraft
    #: Every rating, oldest first.
    ratings: tuple[ConfidenceRating, ...]
    created_at: dt.datetime

    @property
    def latest_confidence(self) -> int | None:
        return self.ratings[-1].score if self.ratings else None


class ReferralStatus(enum.StrEnum):
    """Where a community asset the person chose has got to."""

    SUGGESTED = "suggested"
    AGREED = "agreed"
    REFERRED = "referred"
    ATTENDED = "attended"
    STILL_GOING = "still_going"
    STOPPED = "stopped"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return {
            "suggested": "Suggested",
            "agreed": "Agreed to try",
            "referred": "Referred",
            "attended": "Attended",
            "still_going": "Still going",
            "stopped": "Stopped",
            "declined": "Declined",
        }[self.value]

    @property
    def is_open(self) -> bool:
        return self not in (ReferralStatus.STOPPED, ReferralStatus.DECLINED)


@dataclass(frozen=True, slots=True)
class StatusChange:
    status: ReferralStatus
    on: dt.date
    note: str = ""
    recorded_by: str = ""


@dataclass(frozen=True, slots=True)
class AssetReferralDraft:
    """A community asset chosen together, and how the person will get there.

    ``status`` and ``status_on`` are the change being recorded now; saving
    appends a :class:`StatusChange` when the status differs from the latest.
    """

    episode_id: uuid.UUID
    asset_id: uuid.UUID
    id: uuid.UUID | None = None
    version: int | None = None
    status: ReferralStatus = ReferralStatus.SUGGESTED
    status_on: dt.date | None = None
    status_note: str = ""
    recorded_by: str = ""
    #: How the person will get there, in plain words ("the 1 bus from the Civic Way stop").
    getting_there: str = ""
    #: Whether someone will go with them the first time, and who.
    going_with_someone: bool = False
    going_with: str = ""
    #: The goal this helps with, if any.
    goal_id: uuid.UUID | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class AssetReferralDetail:
    id: uuid.UUID
    version: int
    draft: AssetReferralDraft
    #: The asset's name as it is now ("(removed)" style text is never needed: assets are archived).
    asset_name: str
    asset_archived: bool
    #: Every change, oldest first.
    history: tuple[StatusChange, ...]

    @property
    def current_status(self) -> ReferralStatus:
        """Where it has got to now: the latest change recorded, else the draft's status."""
        return self.history[-1].status if self.history else self.draft.status

    @property
    def current_since(self) -> dt.date | None:
        """When it got to :attr:`current_status` (None when no change is recorded)."""
        return self.history[-1].on if self.history else self.draft.status_on

    @property
    def is_open(self) -> bool:
        """Still in play (suggested to still going), not stopped or declined."""
        return self.current_status.is_open


@dataclass(frozen=True, slots=True)
class PlanDetail:
    """One referral's plan, as shown on the person's page and printed."""

    episode_id: uuid.UUID
    person_id: uuid.UUID
    goals: tuple[GoalDetail, ...]
    referrals: tuple[AssetReferralDetail, ...]
    next_contact_on: dt.date | None
