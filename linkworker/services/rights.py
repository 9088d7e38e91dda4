"""People's rights: a copy of everything held about them, erasure, and retention review.

``subject_access`` gathers the person's whole record in one reading;
``write_subject_access`` saves it as a readable PDF and as JSON, each file the
user's alone (:data:`~linkworker.paths.EXPORT_FILE_MODE`), and notes the export
for the audit trail. ``erase`` removes the person and every row about them in
one transaction and notes it with counts and a reason, never a name.
``retention_due`` lists the people whose last episode closed longer ago than
the team keeps records. ReportLab is imported only when a PDF is made.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from linkworker import errors
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.rights import (
    DEFAULT_RETENTION_YEARS,
    ERASE_REASONS,
    RetentionCase,
    audit_counts,
    erased_lines,
    retention_due,
)
from linkworker.domain.subject_access import SubjectAccessReport, subject_access_report
from linkworker.paths import save_export
from linkworker.services.settings import SettingsStore

#: The export formats, in the order they are written.
FORMATS = ("pdf", "json")
#: The setting that holds how many years records are kept after the last episode closes.
RETENTION_SETTING = "retention_years"


@dataclass(frozen=True, slots=True)
class ErasurePreview:
    """What erasing a person would remove: their name (for the question) and counts."""

    person_id: uuid.UUID
    name: str
    counts: dict[str, int]

    @property
    def lines(self) -> list[str]:
        """What will be deleted, one kind a line: "3 conversations"."""
        return erased_lines(self.counts)


def retention_years(settings: SettingsStore) -> int:
    """Years to keep a record after its last episode closes (at least 1)."""
    try:
        years = int(settings.get(RETENTION_SETTING) or DEFAULT_RETENTION_YEARS)
    except (TypeError, ValueError):
        years = DEFAULT_RETENTION_YEARS
    return max(1, years)


class RightsService:
    """Subject access, erasure and retention over the whole record."""

    def __init__(
        self,
        units: UnitsOfWork,
        settings: SettingsStore,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self._units = units
        self._settings = settings
        self._now = now

    # Subject access ----------------------------------------------------------------

    def subject_access(self, person_id: uuid.UUID) -> SubjectAccessReport:
        """Everything held about the person, as sections in plain words and as JSON."""
        with self._units.read() as uow:
            holdings = uow.rights.holdings(person_id)
            by = uow.actor.worker_name or str(self._settings.get("user_name") or "")
        if holdings is None:
            raise errors.person_gone()
        return subject_access_report(holdings, self._now().replace(microsecond=0), by.strip())

    def write_subject_access(
        self, person_id: uuid.UUID, to: Path, formats: Sequence[str] = FORMATS
    ) -> list[Path]:
        """Save the report as PDF and/or JSON; return the files written.

        ``to`` is a folder (the files are named by the record's short id and the
        date, never by the person's name) or a file name, whose suffix each
        format replaces. Each write is noted for the audit trail.
        """
        wanted = [f for f in FORMATS if f in formats]
        unknown = sorted(set(formats) - set(FORMATS))
        if unknown or not wanted:
            raise errors.UserFacingError(
                "Choose the format of the copy: PDF, JSON or both.",
                "For example --format both.",
            )
        report = self.subject_access(person_id)
        base = self._base_path(person_id, Path(to), report.prepared_at.date())
        written: list[Path] = []
        for kind in wanted:
            target = base.with_suffix(f".{kind}")
            save_export(target, self._content(report, kind))
            written.append(target)
            with self._units.write() as uow:
                uow.note("subject-access", person_id=person_id, subject="person", format=kind)
        return written

    @staticmethod
    def _content(report: SubjectAccessReport, kind: str) -> bytes:
        if kind == "json":
            text = json.dumps(report.data, ensure_ascii=False, indent=2)
            return (text + "\n").encode("utf-8")
        from linkworker.printing.subject_access import render_subject_access

        return render_subject_access(report)

    @staticmethod
    def _base_path(person_id: uuid.UUID, to: Path, day: dt.date) -> Path:
        if to.is_dir():
            return to / f"subject-access-{person_id.hex[:8]}-{day.isoformat()}"
        if not to.parent.is_dir():
            raise errors.ExportFailed(
                f"The folder {to.parent} does not exist, so nothing was saved.",
                "Choose a folder that exists.",
            )
        return to.with_suffix("") if to.suffix.lower() in (".pdf", ".json") else to

    # Erasure -------------------------------------------------------------------------

    def erasure_preview(self, person_id: uuid.UUID) -> ErasurePreview:
        """The person's name and how many of each kind of record erasing them removes."""
        with self._units.read() as uow:
            person = uow.people.detail(person_id)
            if person is None:
                raise errors.person_gone()
            counts = uow.rights.counts(person_id)
        draft = person.draft
        name = " ".join(n for n in (draft.given_name, draft.family_name) if n)
        return ErasurePreview(person_id, name, counts)

    def erase(self, person_id: uuid.UUID, reason: str) -> dict[str, int]:
        """Delete the person and everything about them; counts removed per table.

        One transaction: all of it goes, or (on any failure) none of it. The
        audit trail is told the counts and ``reason`` ("request" or "retention").
        """
        if reason not in ERASE_REASONS:
            raise ValueError(f"unknown reason for erasure: {reason}")
        with self._units.write() as uow:
            removed = uow.rights.erase(person_id)
            if not removed.get("person"):
                raise errors.person_gone()
            uow.note(
                "erase",
                person_id=person_id,
                subject="person",
                reason=reason,
                **audit_counts(removed),
            )
        with self._units.read() as uow:
            uow.rights.scrub_file()
        return removed

    # Retention ----------------------------------------------------------------------

    @property
    def retention_years(self) -> int:
        """Years a record is kept after the last episode closes (Settings)."""
        return retention_years(self._settings)

    def retention_due(self, today: dt.date | None = None) -> list[RetentionCase]:
        """People past retention, for someone to review (longest past first)."""
        with self._units.read() as uow:
            facts = uow.rights.retention_facts()
        return retention_due(facts, today or self._now().date(), self.retention_years)
