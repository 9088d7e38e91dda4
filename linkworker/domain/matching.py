"""Value types for matching a person to community assets.

The matching service builds a :class:`MatchProfile` for one person (their words,
tags, referral reasons, needs and what suits them), reads :class:`AssetFacts`
for the candidate assets, and ranks them with :mod:`linkworker.domain.match_scoring`.
Every :class:`Suggestion` carries its reasons and concerns in plain words, so a
link worker can see why it is there and say it to the person.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field

from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Cost,
    Day,
    JoinMode,
    OpeningTime,
)
from linkworker.domain.people import AccessNeed


class PartOfDay(enum.StrEnum):
    """A part of the day someone is free: simpler to ask than clock times."""

    MORNING = "morning"  # before 12:00
    AFTERNOON = "afternoon"  # 12:00 to 17:00
    EVENING = "evening"  # from 17:00

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def hours(self) -> tuple[int, int]:
        """The clock hours [start, end) this part covers."""
        return {"morning": (0, 12), "afternoon": (12, 17), "evening": (17, 24)}[self.value]


@dataclass(frozen=True, slots=True, order=True)
class FreeTime:
    """A part of a weekday the person is free, e.g. Tuesday morning."""

    day: Day
    part: PartOfDay

    @property
    def label(self) -> str:
        return f"{self.day.label} {self.part.value}"


class JoinPreference(enum.StrEnum):
    """How the person would like to start going somewhere."""

    DROP_IN = "drop_in"
    WITH_SOMEONE = "with_someone"
    INTRODUCED = "introduced"

    @property
    def label(self) -> str:
        return {
            "drop_in": "Happy to just turn up",
            "with_someone": "Would like someone to go with them the first time",
            "introduced": "Would rather be introduced or referred",
        }[self.value]


class TravelRange(enum.StrEnum):
    """How far the person can get to something, in words they would use."""

    WALKING = "walking"  # about a mile, or the same postcode sector
    SHORT_TRIP = "short_trip"  # about three miles, or the same district
    ANYWHERE = "anywhere"  # anywhere in the area

    @property
    def label(self) -> str:
        return {
            "walking": "Walking distance",
            "short_trip": "A short bus ride or lift",
            "anywhere": "Anywhere in the area",
        }[self.value]

    @property
    def miles(self) -> float | None:
        return {"walking": 1.0, "short_trip": 3.0, "anywhere": None}[self.value]


@dataclass(frozen=True, slots=True)
class MatchPreferences:
    """What suits the person, asked in conversation. Empty or None means 'not asked yet'."""

    free_times: tuple[FreeTime, ...] = ()
    #: The most they can manage: FREE (only free things), LOW_COST, or PAID (cost is no bar).
    cost_limit: Cost | None = None
    join: JoinPreference | None = None
    travel: TravelRange | None = None
    #: Kinds of thing they have said they do not want (category names), e.g. "Peer support".
    avoid_categories: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return (
            not self.free_times
            and self.cost_limit is None
            and self.join is None
            and self.travel is None
            and not self.avoid_categories
        )


class WordSource(enum.StrEnum):
    """Where a word of the person's came from; it decides how a reason is worded."""

    WHAT_MATTERS = "what_matters"  # "..., which matters to you"
    ENJOY = "enjoy"  # "..., which you enjoy"
    CHANGE = "change"  # "..., which you'd like to change"
    INTEREST = "interest"  # "..., one of your interests"
    STRENGTH = "strength"  # "uses your strength: ..."
    NOTES = "notes"  # the record's notes and other conversation answers: "..., as you've said"


@dataclass(frozen=True, slots=True)
class PersonWords:
    """Some of the person's own words (free text or one tag) and where they came from."""

    source: WordSource
    text: str


@dataclass(frozen=True, slots=True)
class GeoPoint:
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class MatchProfile:
    """Everything the ranking knows about one person. Built by the matching service."""

    person_id: uuid.UUID
    words: tuple[PersonWords, ...] = ()
    #: Referral reasons of the person's current (or newest) referral.
    reasons: tuple[str, ...] = ()
    age: int | None = None
    #: Normalised postcode ("CH65 2AB"), "" when none is recorded or no fixed address.
    postcode: str = ""
    #: From the postcode lookup table, when the postcode is in it.
    point: GeoPoint | None = None
    access_needs: tuple[AccessNeed, ...] = ()
    first_language: str = ""
    interpreter_needed: bool = False
    #: Whether they can take part in English (None: not asked).
    speaks_english: bool | None = None
    is_carer: bool = False
    #: As recorded on the person (free text); only a clear "female"/"male" is acted on.
    gender: str = ""
    preferences: MatchPreferences = MatchPreferences()
    dismissed: frozenset[uuid.UUID] = frozenset()
    pinned: frozenset[uuid.UUID] = frozenset()


@dataclass(frozen=True, slots=True)
class AssetPlace:
    postcode: str = ""
    point: GeoPoint | None = None


@dataclass(frozen=True, slots=True)
class AssetFacts:
    """What the ranking reads about one asset; any field may be empty."""

    id: uuid.UUID
    name: str
    organisation: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    cost: Cost = Cost.FREE
    cost_note: str = ""
    join_mode: JoinMode = JoinMode.DROP_IN
    age_min: int | None = None
    age_max: int | None = None
    eligibility: str = ""
    accessibility: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    status: AssetStatus = AssetStatus.ACTIVE
    waiting_list: bool = False
    capacity_note: str = ""
    last_verified_on: dt.date | None = None
    places: tuple[AssetPlace, ...] = ()
    opening_times: tuple[OpeningTime, ...] = ()

    @classmethod
    def from_draft(cls, asset_id: uuid.UUID, draft: AssetDraft) -> AssetFacts:
        return cls(
            id=asset_id,
            name=draft.name,
            organisation=draft.organisation,
            description=draft.description,
            categories=draft.categories,
            tags=draft.tags,
            cost=draft.cost,
            cost_note=draft.cost_note,
            join_mode=draft.join_mode,
            age_min=draft.age_min,
            age_max=draft.age_max,
            eligibility=draft.eligibility,
            accessibility=draft.accessibility,
            languages=draft.languages,
            status=draft.status,
            waiting_list=draft.waiting_list,
            capacity_note=draft.capacity_note,
            last_verified_on=draft.last_verified_on,
            places=tuple(
                AssetPlace(
                    postcode=loc.postcode,
                    point=(
                        GeoPoint(loc.latitude, loc.longitude)
                        if loc.latitude is not None and loc.longitude is not None
                        else None
                    ),
                )
                for loc in draft.locations
            ),
            opening_times=draft.opening_times,
        )


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One ranked asset for one person, with why it fits and what to check."""

    asset_id: uuid.UUID
    name: str
    score: float
    reasons: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    organisation: str = ""
    categories: tuple[str, ...] = ()
    #: A way to give (volunteering) rather than to receive.
    giving: bool = False
    pinned: bool = False
    distance_miles: float | None = None
    #: Plain summary of when it runs, e.g. "Tue 10:00, Thu 14:00".
    when: str = ""


@dataclass(frozen=True, slots=True)
class LeftOut:
    """One asset that was left out, and why in plain words (for the worker to see on request)."""

    asset_id: uuid.UUID
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The ranked suggestions, what was left out and why, and what would improve them."""

    suggestions: tuple[Suggestion, ...]
    #: (plain reason, how many assets), e.g. ("closed or paused", 3).
    left_out: tuple[tuple[str, int], ...] = ()
    #: Plain hints, e.g. "Record what matters to them to find closer matches."
    hints: tuple[str, ...] = ()
    considered: int = 0
    #: The assets counted in ``left_out`` (all but those not ranked at all), by name.
    left_out_assets: tuple[LeftOut, ...] = ()


#: Referral reason -> the kinds of asset that help (category names or tags, matched
#: case-insensitively). Teams edit this table in Settings; these are the defaults.
DEFAULT_REASON_KINDS: dict[str, tuple[str, ...]] = {
    "Loneliness": ("Befriending", "Community cafe", "Peer support", "Volunteering", "Sheds"),
    "Low mood": ("Walking and exercise", "Peer support", "Arts and crafts", "Gardening", "Music"),
    "Anxiety": ("Peer support", "Walking and exercise", "Gardening", "relaxation"),
    "Bereavement": ("Peer support", "bereavement", "Befriending", "Community cafe"),
    "Money or debt": ("Advice", "budgeting", "benefits", "Practical help"),
    "Housing": ("Advice", "housing", "Practical help"),
    "Carer support": ("Carers", "respite", "Peer support"),
    "Long-term condition": ("Peer support", "long-term conditions", "Walking and exercise"),
    "Physical activity": ("Walking and exercise", "Gardening", "fitness"),
    "Weight": ("Walking and exercise", "healthy eating", "cooking", "fitness"),
    "Employment": ("Learning", "Volunteering", "employment", "qualifications", "computers"),
}

#: What someone's own words can say about their life, and the referral reason each is
#: read as when the referral does not already give it (see match_words.SITUATION_PATTERNS).
SITUATION_REASONS: dict[str, str] = {
    "carer": "Carer support",
    "bereaved": "Bereavement",
    "new to the country": "New to the country",
    "deaf": "Deaf",
}
#: The kinds of help for a situation that is not in the reason-kinds table.
SITUATION_KINDS: dict[str, tuple[str, ...]] = {
    "New to the country": ("ESOL", "English", "refugees", "Befriending", "Advice"),
    "Deaf": ("Deaf", "BSL", "sign language", "hearing"),
}


#: What each access need asks of an asset: the features that meet it.
ACCESS_NEED_FEATURES: dict[AccessNeed, tuple[str, ...]] = {
    AccessNeed.MOBILITY: ("step_free", "accessible_toilet", "seating", "blue_badge_parking"),
    AccessNeed.HEARING: ("hearing_loop", "bsl"),
    AccessNeed.SIGHT: ("large_print", "assistance_dogs"),
    AccessNeed.LARGE_PRINT: ("large_print",),
    AccessNeed.EASY_READ: ("large_print", "dementia_friendly", "quiet_space"),
    AccessNeed.STEP_FREE: ("step_free",),
    AccessNeed.WHEELCHAIR: ("step_free", "accessible_toilet"),
    AccessNeed.BSL: ("bsl",),
    AccessNeed.NO_VOICE_CALLS: (),
}


@dataclass(frozen=True, slots=True)
class RankOptions:
    """Tuning the service passes to the ranking (the defaults suit most teams)."""

    limit: int = 20
    today: dt.date = field(default_factory=dt.date.today)
    reason_kinds: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_REASON_KINDS)
    )
    #: Assets not verified for longer than this carry a concern.
    stale_months: int = 12


@dataclass(frozen=True, slots=True)
class Dismissal:
    """An asset set aside for one person, and why; it stays out of their suggestions."""

    asset_id: uuid.UUID
    asset_name: str
    reason: str
    on: dt.date
