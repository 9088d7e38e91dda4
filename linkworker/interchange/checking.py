"""Everything about one record that can be worked out without the directory.

Reading a big source is mostly work on single records: mapping, validating,
fingerprinting, working out what a look-alike would share with it. All of it
is done here, in one place, so it can run beside the reading (in the helper
process of :mod:`.reading`) while the importer decides what to write.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import operator
from dataclasses import dataclass

from linkworker.domain.directory import AssetDraft
from linkworker.domain.directory_exchange import LookalikeKeys, lookalike_keys
from linkworker.domain.taxonomy_map import DEFAULT_TABLE, TaxonomyTable, TermMeaning, with_who
from linkworker.domain.validation import validate_asset
from linkworker.interchange.records import SourceRecord
from linkworker.interchange.taxonomy import term_meaning

_NO_KEYS = LookalikeKeys(name="", postcodes=(), phones=())
_DRAFT_FIELDS = [f.name for f in dataclasses.fields(AssetDraft)]
_DRAFT_VALUES = operator.attrgetter(*_DRAFT_FIELDS)
_CHECKED_BY = _DRAFT_FIELDS.index("verified_by")


def _checked_by(draft: AssetDraft, name: str) -> AssetDraft:
    """``draft`` with ``verified_by`` set (``dataclasses.replace`` at a fraction of the cost)."""
    values = list(_DRAFT_VALUES(draft))
    values[_CHECKED_BY] = name
    return AssetDraft(*values)


@dataclass(frozen=True, slots=True)
class CheckedRecord:
    """A record read, validated and fingerprinted: all the importer needs to place it."""

    source_id: str
    #: The draft to store: the source's own check is credited to the source.
    draft: AssetDraft
    label: str
    #: Why it cannot be imported (the reader's problems, or the directory's own rules).
    problems: tuple[str, ...]
    warnings: tuple[str, ...]
    modified_at: dt.datetime | None
    #: :func:`digest` of ``draft``; "" for a record with problems.
    fingerprint: str
    keys: LookalikeKeys
    #: Its taxonomy terms the team's table does not map yet, as written.
    unmapped: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def digest(draft: AssetDraft) -> str:
    """What the source said about a listing, reduced to a short fingerprint."""
    return hashlib.sha256(repr(draft).encode("utf-8")).hexdigest()[:40]


def with_terms(draft: AssetDraft, meaning: TermMeaning) -> AssetDraft:
    """``draft`` with what its terms mean: their categories, who it is for, an age range.

    Who it is for is added to what the source said unless it already says it; an
    age range only fills in a source that gave none.
    """
    eligibility = with_who(draft.eligibility, meaning.who)
    age_min, age_max = draft.age_min, draft.age_max
    if age_min is None and age_max is None:
        age_min, age_max = meaning.age_min, meaning.age_max
    if (meaning.categories, eligibility, age_min, age_max) == (
        draft.categories,
        draft.eligibility,
        draft.age_min,
        draft.age_max,
    ):
        return draft
    return dataclasses.replace(
        draft,
        categories=meaning.categories,
        eligibility=eligibility,
        age_min=age_min,
        age_max=age_max,
    )


def check_record(
    record: SourceRecord,
    today: dt.date,
    source_name: str,
    table: TaxonomyTable = DEFAULT_TABLE,
) -> CheckedRecord:
    """``record`` checked against the directory's rules, as of ``today``.

    Its taxonomy terms are read through ``table``, the team's mapping. A source
    that says when it last checked a service is named as the one who checked it:
    its ``assurer_email`` when it gives one, else ``source_name``.
    """
    draft = record.draft
    unmapped: tuple[str, ...] = ()
    if record.terms:
        meaning = term_meaning(record.terms, table)
        draft = with_terms(draft, meaning)
        unmapped = meaning.unmapped
    if draft.last_verified_on is not None:
        draft = _checked_by(draft, (record.assured_by or source_name)[:200])
    problems = record.problems or tuple(p.message for p in validate_asset(draft, today))
    return CheckedRecord(
        source_id=record.source_id,
        draft=draft,
        label=record.label,
        problems=problems,
        warnings=record.warnings,
        modified_at=record.modified_at,
        fingerprint="" if problems else digest(draft),
        keys=_NO_KEYS if problems else lookalike_keys(draft),
        unmapped=unmapped,
    )
