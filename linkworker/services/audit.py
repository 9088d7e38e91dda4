"""The audit trail for the people who check it: entries by filter, the chain's check, the export.

Entries are added by the data layer on every unit of work (see
``linkworker/data/audit_repo.py``); this service only reads them, and notes its
own export, which is itself an entry.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from linkworker.data.access_guard import require
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.audit import (
    EXPORT,
    FIELDS,
    AuditEntry,
    AuditFilter,
    AuditPage,
    ChainCheck,
    check_chain,
)
from linkworker.domain.permissions import Permission
from linkworker.interchange.saving import replaced_when_written
from linkworker.services.directory_csv import guard_cell


class AuditService:
    """Reads, checks and exports the audit trail."""

    def __init__(self, units: UnitsOfWork) -> None:
        self._units = units

    def page(self, flt: AuditFilter, offset: int = 0, limit: int = 200) -> list[AuditEntry]:
        """Entries matching ``flt``, newest first."""
        with self._units.read() as uow:
            require(uow, Permission.AUDIT)
            return uow.audit.page(flt, offset, limit)

    def find(
        self, flt: AuditFilter, _sort: str, newest_first: bool, limit: int, offset: int
    ) -> AuditPage:
        """A page of entries matching ``flt`` (newest or oldest first) and the total, as a
        paged table asks for them."""
        with self._units.read() as uow:
            require(uow, Permission.AUDIT)
            rows = uow.audit.page(flt, offset, limit, oldest_first=not newest_first)
            return AuditPage(tuple(rows), uow.audit.count(flt))

    def count(self, flt: AuditFilter = AuditFilter()) -> int:
        """How many entries match ``flt``."""
        with self._units.read() as uow:
            return uow.audit.count(flt)

    def workers(self) -> list[str]:
        """The workers the trail names, for a filter's choices."""
        with self._units.read() as uow:
            return uow.audit.workers()

    def verify(self) -> ChainCheck:
        """Read the whole chain in order; the first broken link, if any."""
        with self._units.read() as uow:
            return check_chain(uow.audit.in_order())

    def export(self, path: Path, flt: AuditFilter = AuditFilter()) -> int:
        """Write the entries matching ``flt`` to ``path`` as CSV (private to the user);
        returns how many. The export is itself recorded in the trail."""
        count = 0
        with self._units.read() as uow:
            require(uow, Permission.AUDIT)
        with (
            self._units.read() as uow,
            replaced_when_written(Path(path), encoding="utf-8-sig", newline="") as stream,
        ):
            writer = csv.writer(stream)
            writer.writerow(FIELDS)
            for entry in uow.audit.in_order(flt):
                writer.writerow([_cell(getattr(entry, name)) for name in FIELDS])
                count += 1
            uow.note(EXPORT, subject="audit trail", rows=count, **_filter_detail(flt))
        return count


def _cell(value: object) -> str:
    return "" if value is None else guard_cell(str(value))


def _filter_detail(flt: AuditFilter) -> dict[str, Any]:
    """The export's filter, for its own entry (ids, a worker's name, an action, days)."""
    found = {
        "person": flt.person_id,
        "worker": flt.worker,
        "what": flt.action,
        "from": flt.since.isoformat() if flt.since else "",
        "to": flt.until.isoformat() if flt.until else "",
    }
    return {key: value for key, value in found.items() if value}
