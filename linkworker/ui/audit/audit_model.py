"""The audit trail as a table: when, who, from where, and what was done, in plain words."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from linkworker.domain.audit import AuditEntry, AuditFilter, AuditPage
from linkworker.domain.audit_words import describe as describe_words
from linkworker.ui.paged_table_model import PagedTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditTableModel", text)


def describe(entry: AuditEntry) -> str:
    """The entry in plain words: "Changed referral: status waiting → active"."""
    return describe_words(entry.action, entry.subject, entry.detail, _tr)


def local_time(at: str) -> str:
    """An entry's UTC time as the local date and time, to the second."""
    try:
        moment = dt.datetime.fromisoformat(at.rstrip("Z")).replace(tzinfo=dt.UTC)
    except ValueError:
        return at
    return moment.astimezone().strftime("%d %b %Y %H:%M:%S")


@dataclass(frozen=True, slots=True)
class AuditRow:
    """An entry as the table holds it (rows are told apart by an id)."""

    id: uuid.UUID
    entry: AuditEntry


@dataclass(frozen=True, slots=True)
class _RowPage:
    rows: tuple[AuditRow, ...]
    total: int


FindEntries = Callable[[AuditFilter, str, bool, int, int], AuditPage]


class AuditTableModel(PagedTableModel[AuditRow, AuditFilter, str]):
    """Entries a page at a time, newest first until the When heading is clicked."""

    COLUMNS = (
        ("#", "id"),
        ("When", "at"),
        ("Worker", "worker"),
        ("Computer", "machine"),
        ("What was done", "what"),
        ("Person's record", "person"),
    )

    def __init__(self, find: FindEntries, parent: Any = None) -> None:
        def fetch(flt: AuditFilter, sort: str, descending: bool, limit: int, offset: int) -> Any:
            page = find(flt, sort, descending, limit, offset)
            rows = tuple(AuditRow(uuid.UUID(int=e.id), e) for e in page.rows)
            return _RowPage(rows, page.total)

        super().__init__(fetch, AuditFilter(), "at", parent)
        self.set_sort("at", descending=True)

    def order_by(self, key: Any, descending: bool) -> None:
        # Entries are in the order they were made; every heading sorts by that.
        if key is None:
            return  # no heading chosen yet: newest first, as they were
        self.set_sort("at", descending)
        self.reload()

    def display(self, row: AuditRow, key: Any) -> str:
        entry = row.entry
        if key == "id":
            return str(entry.id)
        if key == "at":
            return local_time(entry.at)
        if key == "worker":
            return entry.worker_name or self.tr("(not signed in)")
        if key == "machine":
            via = self.tr("command line") if entry.via == "command line" else self.tr("window")
            return f"{entry.machine} ({via})"
        if key == "what":
            return describe(entry)
        return entry.person_id[:8]

    def other_role(self, row: AuditRow, key: Any, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "person" and row.entry.person_id:
                return row.entry.person_id
            if key == "what":
                return describe(row.entry)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "id":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
