"""Filling and refreshing the directory from Open Referral sources, and reviewing duplicates.

A source (file, folder, zip or feed) is read twice: :meth:`check` reads it and
says what an import would do, writing nothing; :meth:`run` reads it again and
writes everything in one unit of work, so Cancel, a crash or a record that
turns out bad leaves the directory exactly as it was. Between the two, the
person decides whether to import the good records or nothing.

A record is found again by its source and the source's id for it:

- not seen before: created;
- seen, and the source says the same as last time (a digest of the mapped
  draft): unchanged, not written;
- seen, and different: updated in place, keeping the team's notes, and the
  date and name of the team's own check when someone here checked it;
- held from this source but missing from a complete listing: withdrawn (and
  archived, so it leaves lists and suggestions but stays in plans that name it).

Records that look like listings already held from elsewhere (same name and
postcode, or same phone) are flagged for someone to merge or keep apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from linkworker import errors
from linkworker.data.import_repo import DuplicateIndex, Existing, ImportedAsset
from linkworker.data.models import AssetDuplicate, utcnow
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain.audit import IMPORT, MERGE
from linkworker.domain.directory import AssetDraft
from linkworker.domain.directory_exchange import (
    MAX_LISTED,
    ChangeLine,
    DuplicateFlag,
    DuplicatePair,
    ImportReport,
    RecordNote,
    SourceSummary,
)
from linkworker.domain.taxonomy_map import UnmappedTerm, term_key
from linkworker.domain.validation import normal_postcode
from linkworker.interchange.checking import CheckedRecord
from linkworker.interchange.reading import read_checked
from linkworker.interchange.records import (
    Cancelled,
    Progress,
    ReadCancelled,
    SourceKind,
    never,
)
from linkworker.interchange.records import (
    DirectorySource as Source,
)
from linkworker.paths import private_dir

#: What the window holds of a source between checking and importing it, and how a read
#: that was cancelled ends: the window reaches Open Referral reading through this service.
__all__ = ["DirectoryImportService", "ReadCancelled", "Source", "SourceKind"]

#: Records written per batch of multi-row statements: as many as the reading helper sends
#: at a time (interchange/reading.py), so it reads the next batch while this one is written.
BATCH = 100

#: How many listings' names are given with a term nobody has mapped.
NAMES_SHOWN = 5

#: Plain words for the fields a refresh may change, in the order a report lists them.
_FIELD_WORDS: dict[str, str] = {
    "name": "name",
    "organisation": "organisation",
    "description": "description",
    "categories": "categories",
    "tags": "tags",
    "cost": "cost",
    "cost_note": "cost",
    "join_mode": "how to join",
    "age_min": "ages",
    "age_max": "ages",
    "eligibility": "who it is for",
    "accessibility": "accessibility",
    "languages": "languages",
    "status": "status",
    "capacity_note": "capacity",
    "waiting_list": "capacity",
    "website": "website",
    "email": "email",
    "phone": "phone",
    "locations": "places",
    "opening_times": "opening times",
    "contacts": "contacts",
    "last_verified_on": "date last checked",
}


class RecordsHaveProblems(errors.ImportFailed):
    """Some records cannot be imported and the person has not chosen to leave them out."""

    title = "Some records have problems"

    def __init__(self, count: int) -> None:
        super().__init__(
            f"{count:,} record{'s' if count != 1 else ''} in the source cannot be imported, "
            "so nothing was imported.",
            "Look at the problems listed, then import the good records only, or correct the "
            "source and try again.",
        )
        self.count = count


def is_feed(location: str | Path) -> bool:
    return str(location).lower().startswith(("http://", "https://"))


def feed_key(url: str) -> str:
    """A feed's address as it is remembered: the base the feed reader pages from."""
    from linkworker.interchange.feed_source import feed_base  # only when importing

    return feed_base(url).geturl()[:200]


def _comparable(draft: AssetDraft) -> AssetDraft:
    """A draft in the form storage gives back, so a comparison sees real changes only."""
    return dataclasses.replace(
        draft,
        id=None,
        version=None,
        notes="",
        verified_by="",
        name=draft.name.strip(),
        tags=tuple(sorted(draft.tags, key=str.lower)),
        accessibility=tuple(sorted(set(draft.accessibility))),
        languages=tuple(sorted({x.strip() for x in draft.languages if x.strip()})),
        locations=tuple(
            dataclasses.replace(loc, postcode=normal_postcode(loc.postcode))
            for loc in draft.locations
        ),
    )


def changed_fields(before: AssetDraft, after: AssetDraft, *, keep_check: bool) -> list[str]:
    """Plain words for what differs between a stored listing and the source's new version."""
    old, new = _comparable(before), _comparable(after)
    words: list[str] = []
    for name, word in _FIELD_WORDS.items():
        if keep_check and name == "last_verified_on":
            continue
        if name == "categories":
            differs = [c.lower() for c in old.categories] != [c.lower() for c in new.categories]
        else:
            differs = getattr(old, name) != getattr(new, name)
        if differs and word not in words:
            words.append(word)
    return words


@dataclasses.dataclass(slots=True)
class _Tally:
    """What one pass over a source found, kept small however big the source is."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    merged: int = 0
    left_out: int = 0
    warnings_total: int = 0
    duplicates_total: int = 0
    problems: list[RecordNote] = dataclasses.field(default_factory=list)
    warnings: list[RecordNote] = dataclasses.field(default_factory=list)
    changes: list[ChangeLine] = dataclasses.field(default_factory=list)
    duplicates: list[DuplicateFlag] = dataclasses.field(default_factory=list)
    pairs: list[tuple[uuid.UUID, uuid.UUID, str]] = dataclasses.field(default_factory=list)
    #: Terms the table does not map, by key: (as written, listings, some of their names).
    unmapped: dict[str, tuple[str, int, list[str]]] = dataclasses.field(default_factory=dict)

    def unmapped_term(self, term: str, listing: str) -> None:
        key = term_key(term)
        written, count, names = self.unmapped.get(key, (term, 0, []))
        if len(names) < NAMES_SHOWN:
            names.append(listing)
        self.unmapped[key] = (written, count + 1, names)

    def problem(self, label: str, reasons: Sequence[str]) -> None:
        self.left_out += 1
        if len(self.problems) < MAX_LISTED:
            self.problems.append(RecordNote(label, tuple(reasons)))

    def change(self, label: str, what: str) -> None:
        if len(self.changes) < MAX_LISTED:
            self.changes.append(ChangeLine(label, what))


class DirectoryImportService:
    """Imports and refreshes the directory from Open Referral sources."""

    def __init__(
        self, units: UnitsOfWork, spool_dir: Path, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        self._units = units
        self._spool_dir = spool_dir
        self._today = today

    # Opening a source -------------------------------------------------------------

    def open(
        self,
        location: str | Path,
        name: str | None = None,
        full_refresh: bool = False,
        timeout: float = 30.0,
    ) -> Source:
        """The source at ``location``; a feed imported before asks only for what changed since."""
        since = None
        if is_feed(location) and not full_refresh:
            with self._units.read() as uow:
                row = uow.imports.source_row(feed_key(str(location)))
                since = row.last_started_at if row is not None else None
        from linkworker.interchange.open_source import open_source  # only when importing

        private_dir(self._spool_dir)
        return open_source(
            location,
            name=name,
            modified_after=since.replace(tzinfo=dt.UTC) if since else None,
            spool_dir=self._spool_dir,
            timeout=timeout,
        )

    def source_key(self, source: Source) -> str:
        """What the listings from ``source`` carry as their source."""
        if is_feed(source.info.location):
            return feed_key(source.info.location)
        return source.info.name.strip()[:200] or "import"

    # Checking and importing -------------------------------------------------------

    def check(
        self, source: Source, progress: Progress | None = None, cancelled: Cancelled = never
    ) -> ImportReport:
        """Read the whole source and say what importing it would do; nothing is written."""
        return self._pass(source, progress, cancelled, write=False, skip_problems=True)

    def run(
        self,
        source: Source,
        progress: Progress | None = None,
        cancelled: Cancelled = never,
        skip_problems: bool = False,
    ) -> ImportReport:
        """Import the source in one unit of work: every good record, or nothing.

        With records that have problems, ``skip_problems`` leaves them out;
        without it, :class:`RecordsHaveProblems` is raised and nothing is kept.
        """
        return self._pass(source, progress, cancelled, write=True, skip_problems=skip_problems)

    def _pass(
        self,
        source: Source,
        progress: Progress | None,
        cancelled: Cancelled,
        *,
        write: bool,
        skip_problems: bool,
    ) -> ImportReport:
        key = self.source_key(source)
        started = utcnow()
        tally = _Tally()
        with self._units.write() if write else self._units.read() as uow:
            table = uow.taxonomy.table()
            existing = uow.imports.source_index(key)
            lookalikes = uow.imports.duplicate_index(key)
            seen: set[str] = set()
            batch: list[ImportedAsset] = []
            for record in read_checked(source, self._today(), progress, cancelled, table=table):
                tally.read += 1
                item = self._classify(record, key, existing, seen, lookalikes, tally)
                if item is None:
                    if write and not skip_problems and tally.left_out:
                        raise RecordsHaveProblems(tally.left_out)
                    continue
                batch.append(item)
                if len(batch) >= BATCH:
                    self._flush(uow, batch, tally, write)
            self._flush(uow, batch, tally, write)
            gone = []
            if source.info.complete:
                gone = [
                    (sid, old)
                    for sid, old in existing.items()
                    if sid not in seen and old.withdrawn_at is None and old.merged_into_id is None
                ]
            tally.withdrawn = len(gone)
            if gone:
                names = uow.assets.names([old.asset_id for _, old in gone[:MAX_LISTED]])
                for _, old in gone[:MAX_LISTED]:
                    tally.change(_quoted(names.get(old.asset_id, "")), "withdrawn by the source")
            if write:
                uow.imports.withdraw([old.asset_id for _, old in gone])
                uow.imports.flag_duplicates(tally.pairs)
                if tally.unmapped:
                    uow.taxonomy.remember_unmapped(
                        (written for written, _, _ in tally.unmapped.values()),
                        f"met in {source.info.name}",
                    )
                self._remember(uow, key, source, started, tally)
                uow.note(
                    IMPORT,
                    subject="directory",
                    kind=source.info.kind.value,
                    created=tally.created,
                    updated=tally.updated,
                    withdrawn=tally.withdrawn,
                    left_out=tally.left_out,
                )
        return self._report(source, tally, dry_run=not write, started=started)

    def _classify(
        self,
        record: CheckedRecord,
        key: str,
        existing: dict[str, Existing],
        seen: set[str],
        lookalikes: DuplicateIndex,
        tally: _Tally,
    ) -> ImportedAsset | None:
        """What to do with one record, counted in ``tally``; None when nothing is written."""
        draft = record.draft
        reasons = list(record.problems)
        if not reasons and record.source_id in seen:
            reasons = [f"has the same id ({record.source_id}) as an earlier record"]
        if reasons:
            tally.problem(record.label, reasons)
            return None
        seen.add(record.source_id)
        for term in record.unmapped:
            tally.unmapped_term(term, draft.name)
        if record.warnings:
            tally.warnings_total += 1
            if len(tally.warnings) < MAX_LISTED:
                tally.warnings.append(RecordNote(record.label, record.warnings))
        fingerprint = record.fingerprint
        old = existing.get(record.source_id)
        if old is not None and old.merged_into_id is not None:
            tally.merged += 1
            return None
        if old is not None and old.source_hash == fingerprint and old.withdrawn_at is None:
            tally.unchanged += 1
            return None
        if old is None:
            tally.created += 1
            asset_id = uuid.uuid4()
            tally.change(_quoted(draft.name), "new")
            for other_id, other_name, why in lookalikes.matches(record.keys):
                tally.duplicates_total += 1
                tally.pairs.append((asset_id, other_id, why))
                if len(tally.duplicates) < MAX_LISTED:
                    tally.duplicates.append(DuplicateFlag(record.label, other_name, why))
        else:
            tally.updated += 1
            asset_id = old.asset_id
        return ImportedAsset(
            asset_id=asset_id,
            draft=draft,
            source=key,
            source_id=record.source_id,
            source_hash=fingerprint,
            source_modified_at=record.modified_at,
            existing=old,
        )

    def _flush(
        self,
        uow: UnitOfWork,
        batch: list[ImportedAsset],
        tally: _Tally,
        write: bool,
    ) -> None:
        """Describe the updates in this batch, then write it (when writing)."""
        updates = [i for i in batch if i.existing is not None]
        room = MAX_LISTED - len(tally.changes)
        if updates and room > 0:
            stored = uow.assets.drafts([i.asset_id for i in updates[:room]])
            for item in updates[:room]:
                before = stored.get(item.asset_id)
                if before is None:
                    continue
                old = item.existing
                assert old is not None
                if old.withdrawn_at is not None:
                    what = "listed again by the source"
                else:
                    words = changed_fields(before, item.draft, keep_check=old.verified_locally)
                    what = "changed: " + ", ".join(words) if words else "changed"
                tally.change(_quoted(item.draft.name), what)
        if write:
            uow.imports.write_batch(batch)
        batch.clear()

    def _remember(
        self, uow: UnitOfWork, key: str, source: Source, started: dt.datetime, tally: _Tally
    ) -> None:
        row = uow.imports.source_row(key) or uow.imports.new_source(key)
        row.name = source.info.name[:200]
        row.kind = source.info.kind.value
        row.location = str(source.info.location)[:1000]
        row.last_started_at = started
        row.last_finished_at = utcnow()
        row.created, row.updated, row.unchanged = tally.created, tally.updated, tally.unchanged
        row.withdrawn, row.left_out = tally.withdrawn, tally.left_out
        uow.flush("The record of this source")

    def record_up_to_date(self, source: Source, report: ImportReport) -> None:
        """Remember a check that found nothing to change as the source's latest refresh.

        So the next refresh of a feed asks only for what changed since this
        check, without reading the whole source a second time to import nothing.
        """
        if not report.changes_nothing or report.started_at is None:
            raise ValueError("only a check that found nothing to change can stand for an import")
        tally = _Tally(unchanged=report.unchanged, left_out=report.left_out)
        with self._units.write() as uow:
            self._remember(uow, self.source_key(source), source, report.started_at, tally)

    @staticmethod
    def _report(source: Source, tally: _Tally, dry_run: bool, started: dt.datetime) -> ImportReport:
        info = source.info
        return ImportReport(
            source_name=info.name,
            kind=info.kind.label,
            location=str(info.location),
            dry_run=dry_run,
            complete=info.complete,
            changes_since=info.changes_since,
            read=tally.read,
            created=tally.created,
            updated=tally.updated,
            unchanged=tally.unchanged,
            withdrawn=tally.withdrawn,
            merged=tally.merged,
            left_out=tally.left_out,
            problems=tuple(tally.problems),
            warnings=tuple(tally.warnings),
            warnings_total=tally.warnings_total,
            notes=tuple(info.notes),
            changes=tuple(tally.changes),
            duplicates=tuple(tally.duplicates),
            duplicates_total=tally.duplicates_total,
            started_at=started,
            unmapped_terms=tuple(
                UnmappedTerm(written, "", count, tuple(names))
                for written, count, names in sorted(
                    tally.unmapped.values(), key=lambda u: (-u[1], term_key(u[0]))
                )
            ),
        )

    # Sources and duplicates ----------------------------------------------------------

    def sources(self) -> tuple[SourceSummary, ...]:
        """Every source imported before, with its last import's counts and its listings now."""
        with self._units.read() as uow:
            rows = uow.imports.all_sources()
            counts = uow.imports.listings_by_source()
            return tuple(
                SourceSummary(
                    key=r.key,
                    name=r.name,
                    kind=r.kind,
                    location=r.location,
                    last_finished_at=r.last_finished_at,
                    created=r.created,
                    updated=r.updated,
                    unchanged=r.unchanged,
                    withdrawn=r.withdrawn,
                    left_out=r.left_out,
                    listings=counts.get(r.key, 0),
                )
                for r in rows
            )

    def duplicates(self) -> tuple[DuplicatePair, ...]:
        """Pairs flagged as possibly the same listing that nobody has decided on yet."""
        with self._units.read() as uow:
            return tuple(uow.imports.open_duplicates())

    def merge(self, pair_id: uuid.UUID, keep_id: uuid.UUID) -> None:
        """Keep one listing of a flagged pair and merge the other into it.

        The other is archived and marked merged (a refresh of its source leaves
        it alone); plans that named it now name the one kept; its notes are
        added to the kept one's notes.
        """
        with self._units.write() as uow:
            pair = self._pair(uow, pair_id)
            if keep_id not in (pair.asset_id, pair.other_id):
                raise errors.NotFound(
                    "That listing is not one of the pair.", "Choose one of the two shown."
                )
            gone_id = pair.other_id if keep_id == pair.asset_id else pair.asset_id
            keep = uow.assets.load(keep_id)
            gone = uow.assets.load(gone_id)
            if keep is None or gone is None:
                raise _pair_gone()
            if gone.notes.strip():
                joined = f"{keep.notes.rstrip()}\n\nFrom {_quoted(gone.name)}: {gone.notes.strip()}"
                keep.notes = joined.strip()
            now = utcnow()
            gone.merged_into_id = keep_id
            gone.archived_at = gone.archived_at or now
            uow.plans.move_referrals(gone_id, keep_id)
            uow.note(MERGE, subject="asset", kept=keep_id, merged=gone_id)
            for other in uow.imports.open_pairs_with(gone_id):
                other.resolved_at, other.resolution = now, "merged"
            uow.flush("One of the pair")

    def keep_apart(self, pair_id: uuid.UUID) -> None:
        """Record that a flagged pair are different things; they are not flagged again."""
        with self._units.write() as uow:
            pair = self._pair(uow, pair_id)
            pair.resolved_at, pair.resolution = utcnow(), "different"

    @staticmethod
    def _pair(uow: UnitOfWork, pair_id: uuid.UUID) -> AssetDuplicate:
        pair = uow.imports.duplicate_pair(pair_id)
        if pair is None or pair.resolved_at is not None:
            raise _pair_gone()
        return pair


def _quoted(name: str) -> str:
    return f"“{name.strip()}”"


def _pair_gone() -> errors.NotFound:
    return errors.NotFound(
        "Someone has already dealt with that pair.", "Refresh the list of possible duplicates."
    )
