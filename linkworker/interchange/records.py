"""What a directory source yields: one record per service, mapped and checked.

A reader never decides whether a record is new, changed or unchanged; it only
says what the source holds, in the directory's own terms, and what it had to
fix (``warnings``) or could not accept (``problems``) on the way in.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from linkworker.domain.directory import AssetDraft
from linkworker.domain.taxonomy_map import TaxonomyTerm

#: ``progress(done, total)``; ``total`` is 0 while it is not yet known.
Progress = Callable[[int, int], None]
#: Asked between records and pages; True stops the reading with :class:`ReadCancelled`.
Cancelled = Callable[[], bool]


def never() -> bool:
    """The default ``cancelled``: reading runs to the end."""
    return False


class SourceKind(enum.StrEnum):
    """The shapes of source the importer understands."""

    ORUK3_JSON = "oruk3-json"
    ORUK1_JSON = "oruk1-json"
    ORUK1_TABLES = "oruk1-tables"
    HSDS3_TABLES = "hsds3-tables"
    ORUK_API = "oruk-api"

    @property
    def label(self) -> str:
        return {
            "oruk3-json": "Open Referral UK 3.0 JSON",
            "oruk1-json": "Open Referral UK v1 JSON",
            "oruk1-tables": "Open Referral UK v1 tables (CSV)",
            "hsds3-tables": "HSDS 3.0 tables (CSV)",
            "oruk-api": "Open Referral UK feed",
        }[self.value]


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One service from a source, as a draft the directory can store.

    ``draft`` has no ``id``/``version``; its ``notes`` and ``verified_by`` are
    empty (those belong to the link workers). The feed's ``assured_date``
    is in ``draft.last_verified_on`` and its ``assurer_email`` in ``assured_by``.
    """

    #: The service's id in the source ("" when it has none: then it is a problem).
    source_id: str
    draft: AssetDraft
    #: How a report names it: "record 12 'Community Counselling'" or "services.csv row 14".
    label: str
    #: Why it cannot be imported; a record with problems is left out unless nothing is.
    problems: tuple[str, ...] = ()
    #: What was cleaned, dropped or guessed on the way in; the record is still imported.
    warnings: tuple[str, ...] = ()
    #: The source's own ``last_modified`` for the service, if it gives one.
    modified_at: dt.datetime | None = None
    assured_by: str = ""
    #: The taxonomy terms the source gave it, read through the team's table when checked.
    terms: tuple[TaxonomyTerm, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


class ReadCancelled(Exception):
    """The user pressed Cancel while a source was being read."""


@dataclass(slots=True)
class SourceInfo:
    """What a reader knows about its source, filled in as it reads."""

    kind: SourceKind
    #: Where it came from, as the user gave it (a path or a URL).
    location: str
    #: A short name for reports and for telling sources apart ("services", "api.example.org").
    name: str
    #: True when the source lists every service it has, so ones missing from it were withdrawn.
    complete: bool = True
    #: Set when only services changed since this time (UTC) were asked for.
    changes_since: dt.datetime | None = None
    #: Source-wide remarks: "read as Windows-1252", "no schedules table: no opening times".
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class OnDisk:
    """A source's records as files already on disk: something another process can read."""

    #: A reader of those files; it can be pickled and read in a helper process.
    source: DirectorySource
    #: How many bytes it reads.
    size: int


class DirectorySource(Protocol):
    """Anything the importer can read: a file, a folder, a zip or a feed."""

    info: SourceInfo

    def on_disk(self) -> OnDisk | None:
        """The same records read from disk, or None while they are not there (a feed)."""
        ...

    def records(
        self, progress: Progress | None = None, cancelled: Cancelled = never
    ) -> Iterator[SourceRecord]:
        """Every record, streamed; may raise ImportFailed part way (the caller keeps nothing)."""
        ...

    def close(self) -> None:
        """Remove anything the source spooled to disk."""
        ...
