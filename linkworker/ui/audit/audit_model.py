"""The audit trail as a table: when, who, from where, and what was done, in plain words."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from linkworker.domain.audit import AuditEntry, AuditFilter, AuditPage
from linkworker.ui.paged_table_model import PagedTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditTableModel", text)


#: What each table or subject is called in the trail's sentences.
SUBJECT_WORDS = {
    "person": "person's record",
    "people": "people",
    "episode": "referral",
    "conversation": "conversation",
    "contact": "booked contact",
    "person_flag": "risk flag",
    "important_person": "important person",
    "goal": "goal",
    "goal_rating": "confidence rating",
    "asset_referral": "place in a plan",
    "asset_referral_change": "place's progress",
    "match_preference": "what suits them",
    "match_mark": "pinned or set-aside place",
    "document_log": "record of documents",
    "my_plan": "their plan",
    "provider_referral": "referral to a provider",
    "asset": "directory listing",
    "directory": "directory",
    "directory_source": "directory source",
    "calendar": "calendar of booked contacts",
    "audit trail": "audit trail",
}

#: The sentence for each action; {subject} is the plain word for what it was done to.
ACTION_WORDS = {
    "view": "Viewed record",
    "create": "Added {subject}",
    "change": "Changed {subject}",
    "delete": "Removed {subject}",
    "print": "Printed {subject}",
    "export": "Exported {subject}",
    "import": "Imported {subject}",
    "merge": "Merged two directory listings",
    "erase": "Erased a person's record",
    "sign-in": "Signed in",
    "sign-in-failed": "A sign-in failed (wrong PIN or passphrase)",
    "lock": "Locked the window",
    "unlock": "Unlocked the window",
    "sign-out": "Signed out",
    "worker-added": "Set up a worker's sign-in",
    "secret-changed": "Changed their own PIN",
    "secret-reset": "Gave a worker a new PIN",
    "worker-archived": "Archived a worker who left",
    "subject-access": "Gave a person a copy of their record",
}

#: The actions a filter offers, in this order.
ACTIONS = tuple(ACTION_WORDS)


def _value(value: Any) -> str:
    if value is None or value == "":
        return _tr("none")
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    return str(value).replace("_", " ")


def _field(name: str) -> str:
    return _tr(name.replace("_", " "))


def describe(entry: AuditEntry) -> str:
    """The entry in plain words: "Changed referral: status waiting → active"."""
    subject = _tr(SUBJECT_WORDS.get(entry.subject, entry.subject.replace("_", " ")))
    details = entry.details
    if entry.action == "print" and details.get("done") == "saved":
        sentence = _tr("Saved {subject} as a file")
    else:
        sentence = _tr(ACTION_WORDS.get(entry.action, entry.action.capitalize()))
    words = sentence.format(subject=subject)
    parts: list[str] = []
    changes = details.get("changes") if isinstance(details.get("changes"), dict) else {}
    for name, pair in (changes or {}).items():
        if isinstance(pair, list) and len(pair) == 2:
            parts.append(f"{_field(name)} {_value(pair[0])} → {_value(pair[1])}")
    others = [f for f in details.get("fields", []) if f not in (changes or {})]
    if others:
        named = ", ".join(map(_field, others))
        parts.append(_tr("also changed: {fields}").format(fields=named) if parts else named)
    if isinstance(details.get("rows"), int):
        rows = details["rows"]
        parts.append(_tr("1 row") if rows == 1 else _tr("{rows} rows").format(rows=f"{rows:,}"))
    elif entry.action == "import" and "created" in details:
        parts.append(
            _tr("{created} added, {updated} updated").format(
                created=details.get("created", 0), updated=details.get("updated", 0)
            )
        )
    return f"{words}: {'; '.join(parts)}" if parts else words


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
