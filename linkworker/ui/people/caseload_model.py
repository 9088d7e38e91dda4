"""The People table: the caseload, fetched a page at a time from the people service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from linkworker.domain.people import CaseloadFilter, CaseloadRow, CaseloadSort, EpisodeStatus
from linkworker.domain.person_validation import format_nhs_number
from linkworker.ui.paged_table_model import Fetch, PagedTableModel

OVERDUE_COLOUR = QColor("#a33a00")
MUTED_COLOUR = QColor("#6b6b6b")


def _day(value: dt.date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


class CaseloadTableModel(PagedTableModel[CaseloadRow, CaseloadFilter, CaseloadSort]):
    """Rows of :class:`CaseloadRow`, by name unless a column is chosen."""

    COLUMNS = (
        ("Name", CaseloadSort.NAME),
        ("NHS number", CaseloadSort.NHS_NUMBER),
        ("Postcode", CaseloadSort.POSTCODE),
        ("Status", CaseloadSort.STATUS),
        ("Last contact", CaseloadSort.LAST_CONTACT),
        ("Next contact", CaseloadSort.NEXT_CONTACT),
    )

    def __init__(
        self,
        fetch: Fetch[CaseloadFilter, CaseloadSort],
        today: Callable[[], dt.date] = dt.date.today,
        parent: Any = None,
    ) -> None:
        super().__init__(fetch, CaseloadFilter(), CaseloadSort.NAME, parent)
        self._today = today

    def display(self, row: CaseloadRow, key: Any) -> str:
        if key is CaseloadSort.NAME:
            return row.name
        if key is CaseloadSort.NHS_NUMBER:
            return format_nhs_number(row.nhs_number)
        if key is CaseloadSort.POSTCODE:
            return row.postcode
        if key is CaseloadSort.STATUS:
            if row.status:
                return self.tr(row.status.label)
            return self.tr("Referral date unknown" if row.undated_referral else "No referral yet")
        if key is CaseloadSort.LAST_CONTACT:
            return _day(row.last_contact)
        if key is CaseloadSort.NEXT_CONTACT:
            return _day(row.next_contact)
        return ""

    def other_role(self, row: CaseloadRow, key: Any, role: int) -> Any:
        overdue = (
            row.next_contact is not None
            and row.next_contact < self._today()
            and row.status is not EpisodeStatus.CLOSED
        )
        if role == Qt.ItemDataRole.ForegroundRole:
            if key is CaseloadSort.NEXT_CONTACT and overdue:
                return QBrush(OVERDUE_COLOUR)
            if row.status is EpisodeStatus.CLOSED:
                return QBrush(MUTED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and key is CaseloadSort.NEXT_CONTACT and overdue:
            return self.tr("The next contact was due on {date}.").format(
                date=_day(row.next_contact)
            )
        return None
