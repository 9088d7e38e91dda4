"""The "giving back" part of closing a referral: one row per helper role.

Each row is a role (volunteer, peer supporter, group organiser), the place (a name
picked from the directory as it is typed, or typed as written when it is not there)
and the day it began, with a red message under it when something is missing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.closing import GivingBackDraft, HelperRole
from linkworker.ui.form_fields import (
    ErrorLabel,
    Field,
    combo,
    date_edit,
    hint,
    line_edit,
    py_date,
    qdate,
)

#: Finds places in the directory by name: (id, name) pairs.
FindPlaces = Callable[[str], Sequence[tuple[uuid.UUID, str]]]
#: Typing pauses this long before the directory is searched.
LOOK_UP_DELAY_MS = 250


class HelperRow(QWidget):
    """One helper role: what, where, since when; Remove takes the row away."""

    removed = Signal(object)

    def __init__(
        self, find_places: FindPlaces, on: dt.date, number: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._find_places = find_places
        self._places: dict[str, uuid.UUID] = {}
        self.role_combo = combo(
            self.tr("Helper role {0}").format(number),
            [(self.tr(r.label), r.value) for r in HelperRole],
        )
        self.place_edit = line_edit(
            self.tr("Where, for helper role {0}").format(number),
            self.tr("Pick a place from the directory, or type where"),
        )
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.place_edit.setCompleter(completer)
        self._completer = completer
        self.since_edit = date_edit(self.tr("Since, for helper role {0}").format(number))
        self.since_edit.setDate(qdate(on))
        self._offered = on  # the day offered, followed until the worker changes it
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove helper role {0}").format(number))
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        self.error = ErrorLabel(self.tr("helper role {0}").format(number))
        self.field = Field(self.place_edit, self.error, lambda: "")
        self._look_up = QTimer(self)
        self._look_up.setSingleShot(True)
        self._look_up.setInterval(LOOK_UP_DELAY_MS)
        self._look_up.timeout.connect(self.look_up)
        self.place_edit.textEdited.connect(lambda _t: self._look_up.start())

        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.role_combo)
        at = QLabel(self.tr("at"))
        at.setBuddy(self.place_edit)
        line.addWidget(at)
        line.addWidget(self.place_edit, 1)
        since = QLabel(self.tr("since"))
        since.setBuddy(self.since_edit)
        line.addWidget(since)
        line.addWidget(self.since_edit)
        line.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(line)
        column.addWidget(self.error)

    def offer_day(self, on: dt.date) -> None:
        """Follow the closing day, unless a day of the worker's own was set."""
        if py_date(self.since_edit.date()) == self._offered:
            self.since_edit.setDate(qdate(on))
        self._offered = on

    def look_up(self) -> None:
        """Offer the directory's places whose names hold what is typed."""
        self._look_up.stop()
        text = " ".join(self.place_edit.text().split())
        if len(text) >= 2:
            found = self._find_places(text)
            self._places.update({name: asset_id for asset_id, name in found})
            self._names.setStringList([name for _id, name in found])
            if found and self.place_edit.hasFocus():  # offer them now, not at the next key
                self._completer.setCompletionPrefix(self.place_edit.text())
                self._completer.complete()

    def draft(self) -> GivingBackDraft:
        """The role as it stands: a directory place when its name was picked."""
        name = self.place_edit.text().strip()
        return GivingBackDraft(
            role=HelperRole(self.role_combo.currentData()),
            on=py_date(self.since_edit.date()),
            asset_id=self._places.get(name),
            place_name=name,
        )


class GivingBackBox(QWidget):
    """The helper roles recorded at this closing, and a button to add one."""

    def __init__(
        self, find_places: FindPlaces, on: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._find_places = find_places
        self._on = on
        self.rows: list[HelperRow] = []
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.addWidget(
            hint(
                self.tr(
                    "Has the person become a volunteer, a peer supporter or a group "
                    "organiser? Record each role with the place."
                )
            )
        )
        self.add_button = QPushButton(self.tr("&Add a helper role"))
        self.add_button.setAccessibleName(self.tr("Add a helper role"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self._column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add_row(self) -> HelperRow:
        """A new row above the Add button, the cursor in its role."""
        row = HelperRow(self._find_places, self._on(), len(self.rows) + 1, parent=self)
        row.removed.connect(self._remove)
        self.rows.append(row)
        self._column.insertWidget(self._column.count() - 1, row)
        row.role_combo.setFocus()
        return row

    def offer_day(self, on: dt.date) -> None:
        """The closing day changed: rows still on the day they were offered follow it."""
        for row in self.rows:
            row.offer_day(on)

    def _remove(self, row: object) -> None:
        if isinstance(row, HelperRow) and row in self.rows:
            self.rows.remove(row)
            row.hide()
            row.deleteLater()
            self.add_button.setFocus()

    def drafts(self) -> tuple[GivingBackDraft, ...]:
        return tuple(row.draft() for row in self.rows)
