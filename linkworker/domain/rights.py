"""People's rights over their record: what is held about them, erasure and retention.

:class:`PersonHoldings` is everything held about one person, gathered in one
reading. :func:`access_json` turns it into the versioned JSON a person (or the
data protection officer acting for them) is given: dates in ISO 8601, every
code beside its display term. :func:`retention_due` applies the retention rule;
:data:`ERASED_KINDS` names, in plain words, what an erasure removes.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from linkworker.domain.documents import DocumentRecord
from linkworker.domain.drafts import SavedDraft
from linkworker.domain.journey import ContactDetail, RiskFlag
from linkworker.domain.matching import Dismissal, MatchPreferences
from linkworker.domain.outcomes import OutcomeRecord, measure_lines, ucla_total
from linkworker.domain.people import PersonDetail
from linkworker.domain.plan import PlanDetail

#: What the JSON says it is, and the version of its shape.
ACCESS_FORMAT = "linkworker-subject-access"
ACCESS_VERSION = 1

#: Years a record is kept after the last episode closes, unless Settings says otherwise.
DEFAULT_RETENTION_YEARS = 8
#: Why a person was erased, as the audit trail records it.
REASON_REQUEST = "request"
REASON_RETENTION = "retention"
ERASE_REASONS = (REASON_REQUEST, REASON_RETENTION)


@dataclass(frozen=True, slots=True)
class AccessEntry:
    """One entry of the audit trail about the person: when, who, what, from where."""

    at: str
    worker: str
    action: str
    machine: str = ""
    detail: str = ""
    #: What the entry was about (a table, or what was printed or exported).
    subject: str = ""


@dataclass(frozen=True, slots=True)
class PersonHoldings:
    """Everything held about one person, as the subject access report shows it.

    ``access_log`` is None when this database keeps no record of who has
    looked at records (no audit trail), and an empty tuple when it keeps one
    with nothing about this person.
    """

    person: PersonDetail
    plans: tuple[PlanDetail, ...]
    contacts: tuple[ContactDetail, ...]
    flags: tuple[RiskFlag, ...]
    documents: tuple[DocumentRecord, ...]
    preferences: MatchPreferences
    pinned: tuple[str, ...]
    set_aside: tuple[Dismissal, ...]
    drafts: tuple[SavedDraft, ...]
    access_log: tuple[AccessEntry, ...] | None
    #: Outcome measures taken with them, in the order taken.
    outcomes: tuple[OutcomeRecord, ...] = ()


# The JSON ---------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """``value`` as JSON: dataclasses as objects, codes as {code, term}, dates as ISO 8601."""
    if isinstance(value, enum.Enum):
        term = getattr(value, "label", None)
        return {"code": value.value, "term": term if isinstance(term, str) else str(value.value)}
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def access_json(
    holdings: PersonHoldings, prepared_at: dt.datetime, prepared_by: str
) -> dict[str, Any]:
    """The versioned JSON copy of everything held about the person."""
    person = holdings.person
    record = plain(person.draft)
    record.pop("version", None)
    return {
        "format": ACCESS_FORMAT,
        "version": ACCESS_VERSION,
        "prepared_at": prepared_at.isoformat(timespec="seconds"),
        "prepared_by": prepared_by,
        "person": {
            **record,
            "record_created_at": plain(person.created_at),
            "record_updated_at": plain(person.updated_at),
        },
        "referrals": [_episode(e, holdings) for e in person.episodes],
        "contacts": [plain(c) for c in holdings.contacts],
        "safety_flags": [plain(f) for f in holdings.flags],
        "documents_printed": [plain(d) for d in holdings.documents],
        "preferences": plain(holdings.preferences),
        "places_pinned": list(holdings.pinned),
        "places_set_aside": [plain(d) for d in holdings.set_aside],
        "unsaved_drafts": [
            {"title": d.title, "saved_at": plain(d.saved_at), "content": plain(d.payload)}
            for d in holdings.drafts
        ],
        "helper_roles": [plain(g) for g in person.giving_back],
        "outcome_measures": [
            plain(r) | {"in_words": measure_lines(r), "ucla_total": ucla_total(r)}
            for r in holdings.outcomes
        ],
        "access_log": None
        if holdings.access_log is None
        else [plain(a) for a in holdings.access_log],
    }


def _episode(episode: Any, holdings: PersonHoldings) -> dict[str, Any]:
    out: dict[str, Any] = {"id": str(episode.id), **plain(episode.draft)}
    out.pop("version", None)
    out["conversations"] = [
        plain(c.draft) | {"id": str(c.id)}
        for c in holdings.person.conversations
        if c.draft.episode_id == episode.id
    ]
    plan = next((p for p in holdings.plans if p.episode_id == episode.id), None)
    out["goals"] = [] if plan is None else [plain(g) for g in plan.goals]
    out["places"] = [] if plan is None else [plain(r) for r in plan.referrals]
    return out


# Erasure -----------------------------------------------------------------------------

#: Each table that can hold part of a person's record: the key its count has in the
#: audit trail, and what it is in plain words (one, many).
ERASED_KINDS: dict[str, tuple[str, str, str]] = {
    "person": ("person", "personal record", "personal records"),
    "important_person": ("important_people", "person on their side", "people on their side"),
    "episode": ("referrals", "referral", "referrals"),
    "conversation": ("conversations", "conversation", "conversations"),
    "goal": ("goals", "goal", "goals"),
    "goal_rating": ("confidence_ratings", "confidence rating", "confidence ratings"),
    "asset_referral": ("places", "place connected with", "places connected with"),
    "asset_referral_change": ("place_updates", "update on a place", "updates on places"),
    "contact": ("contacts", "contact or follow-up", "contacts and follow-ups"),
    "person_flag": ("safety_flags", "safety flag", "safety flags"),
    "outcome_measure": ("outcome_measures", "outcome measure", "outcome measures"),
    "giving_back": ("helper_roles", "helper role", "helper roles"),
    "document_log": ("documents", "document printed", "documents printed"),
    "match_preference": ("preferences", "set of preferences", "sets of preferences"),
    "match_mark": ("place_marks", "place pinned or set aside", "places pinned or set aside"),
    "draft": ("drafts", "unsaved draft", "unsaved drafts"),
    "person_search_word": ("search_words", "search word", "search words"),
}
#: Kept for search only, derived from the name: counted in the audit trail, not shown.
HIDDEN_KINDS = frozenset({"person_search_word"})


def audit_counts(removed: Mapping[str, int]) -> dict[str, int]:
    """Counts per table as the audit trail keeps them (``conversations=3``), none zero."""
    return {
        ERASED_KINDS.get(table, (table,))[0]: count
        for table, count in sorted(removed.items())
        if count
    }


def erased_lines(removed: Mapping[str, int]) -> list[str]:
    """What an erasure removes (or removed), one line a kind: "3 conversations"."""
    lines = []
    for table, (_key, one, many) in ERASED_KINDS.items():
        count = removed.get(table, 0)
        if count and table not in HIDDEN_KINDS:
            lines.append(f"{count} {one if count == 1 else many}")
    return lines


# Retention ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RetentionFacts:
    """What the retention rule reads of one person who has had a referral."""

    person_id: uuid.UUID
    name: str
    open_episodes: int
    last_closed_on: dt.date | None
    #: The latest day anything happened: a referral, a closing, a conversation, a contact.
    last_activity_on: dt.date | None


@dataclass(frozen=True, slots=True)
class RetentionCase:
    """A person whose record is past retention, listed for review."""

    person_id: uuid.UUID
    name: str
    last_closed_on: dt.date
    years_since: int


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def whole_years(since: dt.date, today: dt.date) -> int:
    """Whole years from ``since`` to ``today``."""
    years = today.year - since.year
    return years - 1 if (today.month, today.day) < (since.month, since.day) else years


def retention_due(
    people: Iterable[RetentionFacts], today: dt.date, years: int
) -> list[RetentionCase]:
    """People whose last episode closed more than ``years`` years ago, longest past first.

    Someone with an open episode, or with anything on their record later than
    that limit (a newer referral, conversation or contact), is not due.
    """
    limit = years_before(today, years)
    due = [
        RetentionCase(p.person_id, p.name, p.last_closed_on, whole_years(p.last_closed_on, today))
        for p in people
        if p.open_episodes == 0
        and p.last_closed_on is not None
        and p.last_closed_on < limit
        and (p.last_activity_on is None or p.last_activity_on < limit)
    ]
    return sorted(due, key=lambda c: (c.last_closed_on, c.name.casefold()))
