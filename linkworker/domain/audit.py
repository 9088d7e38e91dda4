"""The audit trail's rules: what an entry holds, how entries are chained, how a chain is checked.

Each entry is sealed with ``hash = sha256(prev_hash + canonical(entry))``, where
the canonical form is the entry's every field but its hash as JSON with sorted
keys, and ``prev_hash`` is the hash of the entry before it (:data:`GENESIS` for
the first). Ids run on by one from 1. Changing, removing, inserting or reordering
an entry therefore breaks a link that :func:`verify` finds.

The trail holds no personal data: it says which fields of a record changed, and
keeps the values of structured fields only (statuses, kinds, dates of events,
ids, counts), those named in :data:`VALUES_KEPT`. Names, dates of birth, NHS
numbers, addresses, contact details and anything typed in free text never reach
it, so an erased person leaves entries that say nothing about them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from linkworker.domain.actor import Actor

#: The ``prev_hash`` of the first entry.
GENESIS = "0" * 64

# Actions -------------------------------------------------------------------------------
VIEW = "view"
CREATE = "create"
CHANGE = "change"
DELETE = "delete"
PRINT = "print"
EXPORT = "export"
IMPORT = "import"
MERGE = "merge"
ERASE = "erase"

#: What each kind of write is called in the trail.
WRITE_ACTIONS = {"insert": CREATE, "update": CHANGE, "delete": DELETE}

#: Tables whose writes are not entries: typing autosaved every few seconds (the saved
#: record is what counts), indexes the app keeps for search, and the trail itself.
NOT_AUDITED = frozenset({"draft", "person_search_word", "asset_search", "audit_entry"})

_CONSENTS = tuple(
    f"consent_{what}_{part}"
    for what in ("to_hold", "share_gp", "share_providers")
    for part in ("given", "on")
)

#: Per table, the columns whose values before and after a change are kept: structured,
#: not identifying. Every other column's change is recorded by its name alone.
VALUES_KEPT: Mapping[str, frozenset[str]] = {
    "person": frozenset(
        {
            "status",
            "no_fixed_address",
            "interpreter_needed",
            "is_carer",
            "is_cared_for",
            "preferred_contact",
            "next_contact_on",
            "last_contact_on",
        }
    ),
    "episode": frozenset(
        {
            "person_id",
            "referral_date",
            "referred_by",
            "urgency",
            "status",
            "next_contact_on",
            "closed_on",
            "closing_reason",
            "response",
            "responded_on",
            "first_contact_on",
            "story_consent",
            "story_consent_on",
            *_CONSENTS,
        }
    ),
    "conversation": frozenset({"episode_id", "at", "kind", "mode", "minutes", "check_back_on"}),
    "contact": frozenset(
        {"episode_id", "person_id", "starts_at", "minutes", "place", "asset_id", "outcome"}
        | {"moved_from"}
    ),
    "person_flag": frozenset({"person_id", "kind", "raised_on", "removed_on"}),
    "coded_event": frozenset({"episode_id", "person_id", "code", "term", "on", "entered_on"}),
    "important_person": frozenset({"person_id", "position", "may_contact"}),
    "goal": frozenset({"episode_id", "position", "status"}),
    "goal_rating": frozenset({"goal_id", "score", "rated_on"}),
    "asset_referral": frozenset(
        {"episode_id", "asset_id", "goal_id", "status", "status_on", "going_with_someone"}
    ),
    "asset_referral_change": frozenset({"referral_id", "status", "changed_on"}),
    "match_preference": frozenset({"cost_limit", "join_preference", "travel"}),
    "match_mark": frozenset({"asset_id", "pinned", "dismissed_on"}),
    "document_log": frozenset({"person_id", "kind", "action", "at"}),
    "asset": frozenset(
        {"status", "cost", "join_mode", "waiting_list", "last_verified_on", "archived_at"}
        | {"merged_into_id", "verified_locally"}
    ),
    "directory_source": frozenset({"kind", "created", "updated", "unchanged"}),
    # What an Open Referral term means: the team's words about kinds of help, no one's data.
    "taxonomy_mapping": frozenset({"categories", "not_help", "keyword", "age_min", "age_max"}),
    # Which measure was taken when; never the answers or score.
    "outcome_measure": frozenset({"person_id", "episode_id", "measure", "timepoint", "taken_on"}),
    # Which role began when, and at which directory place; never a place typed as written.
    "giving_back": frozenset({"person_id", "episode_id", "role", "asset_id", "started_on"}),
}

#: Per table, the columns that name or describe a person or hold their words: their values
#: are never kept, whatever :data:`VALUES_KEPT` says (a test holds the two apart).
NEVER_KEPT: Mapping[str, frozenset[str]] = {
    "person": frozenset(
        {
            "given_name",
            "family_name",
            "preferred_name",
            "date_of_birth",
            "nhs_number",
            "address",
            "postcode",
            "phone",
            "email",
            "contact_times",
            "gender",
            "ethnicity",
            "first_language",
            "access_needs",
            "what_matters",
            "interests",
            "strengths",
            "notes",
            "gp_practice_name",
            "gp_practice_address",
            "gp_practice_postcode",
            "gp_practice_ods",
            "sort_name",
            "search_name",
            "postcode_key",
            "link_worker",
        }
    ),
    "episode": frozenset(
        {
            "referrer_name",
            "reasons",
            "reason_notes",
            "closing_note",
            "declined_reason",
            "link_worker",
            "story",
            "story_recorded_by",
        }
        | {f"consent_{what}_recorded_by" for what in ("to_hold", "share_gp", "share_providers")}
    ),
    "conversation": frozenset({"place", "notes", "answers", "crisis", "recorded_by"}),
    "contact": frozenset({"place_name", "outcome_note", "link_worker", "booked_by"}),
    "person_flag": frozenset({"note", "raised_by", "removed_by"}),
    "coded_event": frozenset({"recorded_by"}),
    "important_person": frozenset({"name", "relationship", "relation", "contact"}),
    "goal": frozenset({"words", "steps"}),
    "goal_rating": frozenset({"note"}),
    "asset_referral": frozenset({"asset_name", "getting_there", "going_with", "notes"}),
    "asset_referral_change": frozenset({"note", "recorded_by"}),
    "match_preference": frozenset({"free_times", "avoid_categories"}),
    "match_mark": frozenset({"dismissed_reason"}),
    "document_log": frozenset({"recorded_by", "options", "detail"}),
    "outcome_measure": frozenset({"answers", "name", "score", "notes", "recorded_by"}),
    "giving_back": frozenset({"place_name", "recorded_by"}),
}


def value_kept(table: str, column: str) -> bool:
    """True when the values of ``column`` of ``table`` may be kept in the trail."""
    if column in NEVER_KEPT.get(table, frozenset()):
        return False
    return column in VALUES_KEPT.get(table, frozenset())


def plain_value(value: Any) -> Any:
    """A value as JSON holds it: dates and times as ISO text, ids as text."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def detail_text(detail: Mapping[str, Any]) -> str:
    """An entry's detail as canonical JSON text (sorted keys, no spaces)."""
    return json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class EntryDraft:
    """What an entry says, before it is numbered, timed and chained."""

    action: str
    subject: str = ""
    record_key: str = ""
    person_id: str = ""
    detail: str = "{}"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One sealed entry of the trail: who, when, from which machine, what."""

    id: int
    at: str
    #: The worker's id as text ("" before anyone signed in).
    worker_id: str
    worker_name: str
    machine: str
    via: str
    action: str
    subject: str
    record_key: str
    person_id: str
    detail: str
    prev_hash: str
    hash: str = ""

    @property
    def details(self) -> dict[str, Any]:
        """The detail as a dict ({} when it does not read as one)."""
        try:
            found = json.loads(self.detail)
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}


#: Every field of an entry, in order; the hash is taken over all but the last.
FIELDS = tuple(f.name for f in fields(AuditEntry))
_SEALED = tuple(name for name in FIELDS if name != "hash")


def canonical(entry: AuditEntry) -> str:
    """The text an entry's hash is taken over: every field but the hash, as sorted-key JSON."""
    return json.dumps(
        {name: getattr(entry, name) for name in _SEALED},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def entry_hash(entry: AuditEntry) -> str:
    """sha256(prev_hash + canonical form), in hex."""
    return hashlib.sha256((entry.prev_hash + canonical(entry)).encode("utf-8")).hexdigest()


def seal(
    drafts: Iterable[EntryDraft],
    *,
    after_id: int,
    after_hash: str,
    at: str,
    by: Actor,
) -> list[AuditEntry]:
    """Number, time and chain ``drafts`` after the entry ``after_id`` with hash ``after_hash``."""
    sealed: list[AuditEntry] = []
    prev = after_hash
    for number, draft in enumerate(drafts, start=after_id + 1):
        entry = AuditEntry(
            id=number,
            at=at,
            worker_id="" if by.worker_id is None else str(by.worker_id),
            worker_name=by.worker_name,
            machine=by.machine,
            via=by.via,
            action=draft.action,
            subject=draft.subject,
            record_key=draft.record_key,
            person_id=draft.person_id,
            detail=draft.detail,
            prev_hash=prev,
        )
        entry = _with_hash(entry)
        sealed.append(entry)
        prev = entry.hash
    return sealed


def _with_hash(entry: AuditEntry) -> AuditEntry:
    return replace(entry, hash=entry_hash(entry))


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """Where a chain stops holding: the entry, its date, and why."""

    entry_id: int
    at: str
    reason: str


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """What :func:`verify` found: how many entries it read, and the first broken link."""

    entries: int
    broken: BrokenLink | None

    @property
    def unbroken(self) -> bool:
        return self.broken is None


def check_chain(entries: Iterable[AuditEntry]) -> ChainCheck:
    """Read the chain in id order, stopping at the first broken link (one entry in memory)."""
    prev_hash = GENESIS
    expected_id = 1
    count = 0
    for entry in entries:
        count += 1
        reason = None
        if entry.id != expected_id:
            reason = (
                f"entry #{expected_id} is missing" if entry.id > expected_id else "out of order"
            )
        elif entry.prev_hash != prev_hash:
            reason = "it does not follow the entry before it"
        elif entry.hash != entry_hash(entry):
            reason = "its content was changed"
        if reason is not None:
            return ChainCheck(count, BrokenLink(entry.id, entry.at, reason))
        prev_hash = entry.hash
        expected_id = entry.id + 1
    return ChainCheck(count, None)


def verify(entries: Iterable[AuditEntry]) -> BrokenLink | None:
    """The first broken link of the chain ``entries`` (in id order), or None when it holds."""
    return check_chain(entries).broken


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which entries to show or export; empty fields match everything.

    ``person_id`` is a record id as text, ``worker`` a worker's name (any case),
    ``since`` and ``until`` days (UTC) included at both ends.
    """

    person_id: str = ""
    worker: str = ""
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class AuditPage:
    """One page of entries and how many match in all."""

    rows: tuple[AuditEntry, ...]
    total: int
