"""SNOMED CT coded events for the GP record: kept with each episode, listed, exported.

The events themselves are never typed in: :func:`record_codes` derives them from
the episode whenever a service changes it (its answer, its first contact), in
the same unit of work, so they can never disagree with the referral.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from linkworker.data.models import Episode
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain.audit import EXPORT
from linkworker.domain.codes import EXPORT_HEADER, CodedEvent, ExportRow
from linkworker.domain.person_validation import format_nhs_number
from linkworker.paths import save_export
from linkworker.services.workers import recorded_by as who_records


def record_codes(uow: UnitOfWork, episode: Episode, recorded_by: str = "") -> None:
    """Bring ``episode``'s coded events in step with it (called by the services that change it)."""
    uow.codes.sync(episode, who_records(uow, recorded_by))


@dataclass(frozen=True, slots=True)
class CodesExported:
    """What an export wrote: its rows, and how many of them have no NHS number."""

    rows: int
    without_nhs_number: int


def export_rows(events: Collection[tuple[CodedEvent, str]]) -> tuple[ExportRow, ...]:
    """The export's lines: one per coded event, the NHS number shown as ``999 123 4567``."""
    return tuple(ExportRow(format_nhs_number(nhs), event.on, event.code) for event, nhs in events)


def csv_bytes(rows: Collection[ExportRow]) -> bytes:
    """The export as CSV text (UTF-8, a header line first)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    writer.writerows(row.cells() for row in rows)
    return buffer.getvalue().encode("utf-8")


class CodeService:
    """Coded events for a person's page and for the practice's export."""

    def __init__(self, units: UnitsOfWork) -> None:
        self._units = units

    def for_person(self, person_id: uuid.UUID) -> tuple[CodedEvent, ...]:
        """The person's coded events with their dates, newest first."""
        with self._units.read() as uow:
            return uow.codes.of_person(person_id)

    def between(self, start: dt.date, end: dt.date) -> tuple[tuple[CodedEvent, str], ...]:
        """The practice's coded events from ``start`` to ``end`` (both included), oldest
        first, each with its person's NHS number as ten digits ("" when not known)."""
        with self._units.read() as uow:
            return uow.codes.between(start, end)

    def mark_entered(self, ids: Collection[uuid.UUID], on: dt.date | None) -> int:
        """Tick coded events off as entered into the GP system on ``on``, or with None take
        the tick off again (ticked by mistake); returns how many."""
        with self._units.write() as uow:
            return uow.codes.mark_entered(ids, on)

    def export_csv(self, path: Path, start: dt.date, end: dt.date) -> CodesExported:
        """Write the coded events from ``start`` to ``end`` to ``path`` as CSV (NHS number,
        date, code, term), readable by the user alone; noted in the audit trail.

        People with no NHS number are listed with it empty and counted, so the
        caller can say how many need looking up before entering them.
        """
        if end < start:
            raise ValueError("the end comes before the start")
        rows = export_rows(self.between(start, end))
        save_export(path, csv_bytes(rows))
        missing = sum(1 for row in rows if not row.nhs_number)
        self._units.note(
            EXPORT,
            subject="coded events",
            rows=len(rows),
            without_nhs_number=missing,
            start=start.isoformat(),
            end=end.isoformat(),
        )
        return CodesExported(rows=len(rows), without_nhs_number=missing)
