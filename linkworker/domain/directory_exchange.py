"""What an import of a directory source did (or, checked first, would do).

Plain values for the window, the command line and the tests: counts, the
records left out and why, what was fixed on the way in, what changed, and
listings that look like ones already held from elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from linkworker.domain.directory import AssetDraft
from linkworker.domain.taxonomy_map import UnmappedTerm
from linkworker.domain.validation import normal_postcode

#: Reports list at most this many records of each kind; the counts are always whole.
MAX_LISTED = 500


@dataclass(frozen=True, slots=True)
class RecordNote:
    """A record and what was wrong with it, or what was fixed."""

    label: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """One listing and what the import does to it: "new", "changed: phone, opening times"."""

    label: str
    change: str


@dataclass(frozen=True, slots=True)
class DuplicateFlag:
    """A record from this source that looks like a listing already held."""

    label: str
    other_name: str
    reason: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Counts and details of one import or check of one source."""

    source_name: str
    kind: str
    location: str
    dry_run: bool
    #: The source lists everything it has, so listings missing from it count as withdrawn.
    complete: bool
    #: Set for a feed refresh that asked only for changes since this time (UTC).
    changes_since: dt.datetime | None
    read: int
    created: int
    updated: int
    unchanged: int
    withdrawn: int
    #: Listings a link worker merged into another: a refresh leaves them alone.
    merged: int
    left_out: int
    problems: tuple[RecordNote, ...]
    warnings: tuple[RecordNote, ...]
    warnings_total: int
    notes: tuple[str, ...]
    changes: tuple[ChangeLine, ...]
    duplicates: tuple[DuplicateFlag, ...]
    duplicates_total: int
    #: When the pass began (UTC): a refresh later asks for what changed since.
    started_at: dt.datetime | None = None
    #: Taxonomy terms the team's table does not map, with the listings that use them.
    unmapped_terms: tuple[UnmappedTerm, ...] = ()

    @property
    def imported(self) -> int:
        return self.created + self.updated

    @property
    def changes_nothing(self) -> bool:
        """Importing would neither add, change nor withdraw a listing."""
        return self.imported == 0 and self.withdrawn == 0

    def summary(self) -> str:
        """One plain sentence: '12 new, 3 changed, 40 unchanged, 1 withdrawn.'"""
        would = "would be " if self.dry_run else ""
        parts = [
            f"{self.created:,} new",
            f"{self.updated:,} changed",
            f"{self.unchanged:,} unchanged",
            f"{self.withdrawn:,} withdrawn",
        ]
        text = f"{self.read:,} records read: " + ", ".join(parts)
        if self.dry_run:
            text = f"{self.read:,} records read. If imported: " + ", ".join(parts)
        if self.merged:
            text += f", {self.merged:,} merged here before and left alone"
        text += "."
        if self.left_out:
            text += f" {self.left_out:,} {would or 'were '}left out because of problems."
        if self.duplicates_total == 1:
            text += " 1 looks like a listing already held."
        elif self.duplicates_total:
            text += f" {self.duplicates_total:,} look like listings already held."
        return text


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """A source imported before, for the 'Refresh' list."""

    key: str
    name: str
    kind: str
    location: str
    last_finished_at: dt.datetime | None
    created: int
    updated: int
    unchanged: int
    withdrawn: int
    left_out: int
    listings: int


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two listings flagged as possibly the same, waiting for someone to decide."""

    id: uuid.UUID
    asset_id: uuid.UUID
    asset_name: str
    asset_source: str
    other_id: uuid.UUID
    other_name: str
    other_source: str
    reason: str
    found_at: dt.datetime


# Telling look-alike listings apart ------------------------------------------------

_WORDS = re.compile(r"\w+")
_NOT_DIGITS = re.compile(r"\D")


def name_key(name: str) -> str:
    """A name compared loosely: case, punctuation, '&' and 'the' do not matter."""
    low = re.sub(r"['’]", "", name.lower().replace("&", " and "))  # "Men's" is "Mens"
    return " ".join(w for w in _WORDS.findall(low) if w != "the")


def phone_key(phone: str) -> str:
    """Digits only, a leading +44 read as 0; "" when too short to tell two places apart."""
    digits = _NOT_DIGITS.sub("", phone)
    if digits.startswith("44") and len(digits) > 10:
        digits = "0" + digits[2:].removeprefix("0")  # "+44 (0)151 ..." is 0151 ...
    return digits if len(digits) >= 10 else ""


@dataclass(frozen=True, slots=True)
class LookalikeKeys:
    """What a listing is compared on when looking for one held twice."""

    #: The name, loosely (:func:`name_key`).
    name: str
    #: The postcodes of its places, as storage keeps them.
    postcodes: tuple[str, ...]
    #: (:func:`phone_key`, the number as written) for its own phone and its contacts' phones.
    phones: tuple[tuple[str, str], ...]


def lookalike_keys(draft: AssetDraft) -> LookalikeKeys:
    """The keys of ``draft`` (worked out once, wherever the record is read)."""
    phones = []
    for phone in (draft.phone, *(c.phone for c in draft.contacts)):
        if key := phone_key(phone):
            phones.append((key, phone.strip()))
    return LookalikeKeys(
        name=name_key(draft.name),
        postcodes=tuple(normal_postcode(loc.postcode) for loc in draft.locations),
        phones=tuple(phones),
    )
