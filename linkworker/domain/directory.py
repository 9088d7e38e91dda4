"""Value types for the community asset directory.

Everything here is a plain frozen dataclass or enum: what services hand to the
user interface and the command line, and what they accept back. No ORM object
ever leaves the data layer.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field


class Cost(enum.StrEnum):
    """What it costs to take part."""

    FREE = "free"
    LOW_COST = "low_cost"
    PAID = "paid"

    @property
    def label(self) -> str:
        return {"free": "Free", "low_cost": "Low cost", "paid": "Paid"}[self.value]


class JoinMode(enum.StrEnum):
    """How a person joins."""

    DROP_IN = "drop_in"
    SELF_REFERRAL = "self_referral"
    REFERRAL = "referral"

    @property
    def label(self) -> str:
        return {
            "drop_in": "Just turn up",
            "self_referral": "Self-referral",
            "referral": "Referral needed",
        }[self.value]


class AssetStatus(enum.StrEnum):
    """Whether an asset is running."""

    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Day(enum.IntEnum):
    """Day of the week, Monday first (as ``datetime.date.weekday``)."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6

    @property
    def label(self) -> str:
        return self.name.capitalize()

    @property
    def short(self) -> str:
        return self.name[:3].capitalize()

    @classmethod
    def parse(cls, text: str) -> Day:
        """Accept 'Tue', 'tuesday', 'TUES', 'Weds' and so on."""
        key = text.strip().lower().rstrip(".")
        if key == "weds":  # the usual short form that is not a prefix of the name
            key = "wed"
        matches = [d for d in cls if len(key) >= 2 and d.name.lower().startswith(key)]
        if len(matches) == 1:
            return matches[0]
        raise ValueError(f"'{text}' is not a day of the week")


#: The accessibility features the directory knows, with their plain labels.
ACCESSIBILITY_FEATURES: dict[str, str] = {
    "step_free": "Step-free access",
    "accessible_toilet": "Accessible toilet",
    "hearing_loop": "Hearing loop",
    "parking": "Parking nearby",
    "blue_badge_parking": "Blue badge parking",
    "seating": "Seating available",
    "quiet_space": "Quiet space",
    "large_print": "Large print materials",
    "bsl": "British Sign Language",
    "dementia_friendly": "Dementia friendly",
    "assistance_dogs": "Assistance dogs welcome",
    "public_transport": "Near a bus stop",
}


@dataclass(frozen=True, slots=True)
class OpeningTime:
    """When an asset runs: a weekly slot, a free-text pattern, or both."""

    day: Day | None = None
    starts: dt.time | None = None
    ends: dt.time | None = None
    note: str = ""

    def describe(self) -> str:
        """Plain words, e.g. 'Tuesday 10:00-12:00' or 'First Tuesday of the month'."""
        parts: list[str] = []
        if self.day is not None:
            parts.append(self.day.label)
        if self.starts is not None:
            span = self.starts.strftime("%H:%M")
            if self.ends is not None:
                span += "-" + self.ends.strftime("%H:%M")
            parts.append(span)
        if self.note:
            parts.append(self.note if parts else self.note[:1].upper() + self.note[1:])
        return " ".join(parts) if parts else ""


@dataclass(frozen=True, slots=True)
class Location:
    """Where an asset meets."""

    name: str = ""
    address: str = ""
    town: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None

    def one_line(self) -> str:
        """'Elton Village Hall, School Lane, Elton, CH2 4LN': the town once, not twice."""
        town = self.town.strip()
        last_line = self.address.rsplit(",", 1)[-1]
        if town and " ".join(last_line.split()).casefold() == " ".join(town.split()).casefold():
            town = ""
        bits = (self.name.strip(), self.address.strip(), town, self.postcode.strip())
        return ", ".join(b for b in bits if b)


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone to speak to about an asset."""

    name: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class AssetDraft:
    """Everything a user can enter about one community asset.

    Used both for new assets (``id`` is None) and edits (``id`` and the
    ``version`` that was read, so a concurrent change is detected).
    """

    name: str
    id: uuid.UUID | None = None
    version: int | None = None
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
    capacity_note: str = ""
    waiting_list: bool = False
    website: str = ""
    email: str = ""
    phone: str = ""
    locations: tuple[Location, ...] = ()
    opening_times: tuple[OpeningTime, ...] = ()
    contacts: tuple[Contact, ...] = ()
    last_verified_on: dt.date | None = None
    verified_by: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class AssetDetail:
    """One asset as stored, for the detail pane and the edit form."""

    id: uuid.UUID
    version: int
    draft: AssetDraft
    created_at: dt.datetime
    updated_at: dt.datetime
    archived: bool = False

    @property
    def name(self) -> str:
        return self.draft.name


@dataclass(frozen=True, slots=True)
class AssetSummary:
    """One row of the directory table."""

    id: uuid.UUID
    name: str
    organisation: str
    categories: tuple[str, ...]
    cost: Cost
    join_mode: JoinMode
    status: AssetStatus
    district: str
    when: str
    last_verified_on: dt.date | None
    archived: bool = False


class SortKey(enum.StrEnum):
    """How the directory list can be ordered."""

    RELEVANCE = "relevance"
    NAME = "name"
    ORGANISATION = "organisation"
    CATEGORY = "category"
    COST = "cost"
    JOIN_MODE = "join_mode"
    STATUS = "status"
    DISTRICT = "district"
    WHEN = "when"
    LAST_VERIFIED = "last_verified"


@dataclass(frozen=True, slots=True)
class DirectoryFilter:
    """The filters above the directory table. Empty means 'any'."""

    text: str = ""
    category: str | None = None
    cost: Cost | None = None
    join_mode: JoinMode | None = None
    day: Day | None = None
    district: str | None = None
    status: AssetStatus | None = None
    stale_months: int | None = None
    include_archived: bool = False
    today: dt.date | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class SearchPage:
    """A page of results and how many there are in all."""

    rows: tuple[AssetSummary, ...]
    total: int


@dataclass(frozen=True, slots=True)
class DirectoryFacets:
    """The values the filter drop-downs offer, read from the data."""

    categories: tuple[str, ...]
    districts: tuple[str, ...]
    total_assets: int
