"""The GP record tab of a person: their SNOMED CT coded events, ready to enter in the GP
system (EMIS Web, SystmOne), each with a button that copies it; "Letter to GP…", the
message back to the GP (gp_letter_actions.py); and the practice's export of a day's or a
week's coded events (File > Export coded events…)."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.codes import CodedEvent
from linkworker.errors import UserFacingError
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.form_fields import hint
from linkworker.ui.keyboard import tab_leaves
from linkworker.ui.style import SECTION_TITLE, title_label

if TYPE_CHECKING:
    from linkworker.services.codes import CodeService, CodesExported

log = logging.getLogger(__name__)


def event_line(event: CodedEvent) -> str:
    """One coded event as copied for the GP system: date, code, term."""
    return f"{event.on:%d/%m/%Y} {event.code.value} {event.term}"


class GpCodesWidget(QWidget):
    """A person's coded events, newest first, each with a tick for "entered in the GP
    system" (dated today when ticked) and a Copy button."""

    COLUMNS = ("Date", "Code and term", "Entered", "")
    #: The code on its first line, the term under it: the tab is narrow on a laptop.
    CODE_COLUMN = 1
    ENTERED_COLUMN = 2

    def __init__(
        self,
        codes: CodeService,
        parent: QWidget | None = None,
        letter: Callable[[uuid.UUID], None] | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._codes = codes
        self._today = today
        self._person_id: uuid.UUID | None = None
        self.events: tuple[CodedEvent, ...] = ()
        self.letter_button = QPushButton(self.tr("&Letter to GP…"))
        self.letter_button.setAccessibleName(self.tr("Letter to GP: the message back to them"))
        self.letter_button.setToolTip(
            self.tr(
                "The message back to the GP and referrer: dates, what mattered, what they "
                "connected to, outcomes and codes (only with their consent)"
            )
        )
        self.letter_button.setVisible(letter is not None)
        self.letter_button.setEnabled(False)
        if letter is not None:
            self.letter_button.clicked.connect(
                lambda: letter(self._person_id) if self._person_id is not None else None
            )
        self.table = tab_leaves(QTableWidget(0, len(self.COLUMNS)))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setAccessibleName(self.tr("Coded events for the GP record"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.CODE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.empty_hint = hint(self.tr("No coded events yet."))
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("For the GP record"), SECTION_TITLE), 1)
        head.addWidget(self.letter_button)
        layout.addLayout(head)
        layout.addWidget(
            hint(
                self.tr(
                    "The national codes for this person's social prescribing, to enter in the "
                    "GP system. Copy puts one line (date, code, term) on the clipboard; tick "
                    "each one once it is in the GP record."
                )
            )
        )
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.table, 1)
        self.table.itemChanged.connect(self._ticked)

    def show_person(self, person_id: uuid.UUID | None) -> None:
        """Show ``person_id``'s coded events (None: nobody chosen, an empty list)."""
        self._person_id = person_id
        self.letter_button.setEnabled(person_id is not None)
        try:
            self.events = () if person_id is None else self._codes.for_person(person_id)
        except UserFacingError as exc:
            show_user_error(self, exc)
            self.events = ()
        self.table.blockSignals(True)
        self.table.setRowCount(0)  # drops the rows' Copy buttons too
        self.table.setRowCount(len(self.events))
        for row, event in enumerate(self.events):
            cells = (f"{event.on:%d %b %Y}", f"{event.code.value}\n{event.term}")
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            self.table.setItem(row, self.ENTERED_COLUMN, self._entered_item(event))
            button = QPushButton(self.tr("Copy"))
            button.setAccessibleName(self.tr("Copy {0}").format(event.term))
            button.clicked.connect(lambda _c=False, e=event: self.copy(e))
            self.table.setCellWidget(row, len(self.COLUMNS) - 1, button)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self.empty_hint.setVisible(not self.events and person_id is not None)

    def _entered_item(self, event: CodedEvent) -> QTableWidgetItem:
        """The tick for "entered in the GP system", with the day it was entered."""
        entered = event.entered_on
        item = QTableWidgetItem(
            f"{entered:%d %b %Y}" if entered is not None else self.tr("Not yet")
        )
        item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        item.setCheckState(Qt.CheckState.Checked if entered else Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, event.id)
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("{0}: entered in the GP system").format(event.term)
            if entered
            else self.tr("{0}: not yet entered in the GP system").format(event.term),
        )
        return item

    def _ticked(self, item: QTableWidgetItem) -> None:
        if item.column() != self.ENTERED_COLUMN:
            return
        event_id = item.data(Qt.ItemDataRole.UserRole)
        on = self._today() if item.checkState() == Qt.CheckState.Checked else None
        try:
            self._codes.mark_entered([event_id], on)
        except UserFacingError as exc:
            show_user_error(self, exc)
        self.show_person(self._person_id)

    def copy(self, event: CodedEvent) -> None:
        """Put one coded event on the clipboard, as the GP system takes it."""
        QGuiApplication.clipboard().setText(event_line(event))


class ExportPeriodDialog(QDialog):
    """A day or a week (Monday to Sunday) of coded events to export."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export coded events"))
        self.period = QComboBox()
        self.period.addItem(self.tr("A day"), "day")
        self.period.addItem(self.tr("A week (Monday to Sunday)"), "week")
        self.period.setAccessibleName(self.tr("Period"))
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd MMM yyyy")
        self.day.setAccessibleName(self.tr("Day, or a day in the week"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Period"), self.period)
        form.addRow(self.tr("&Day"), self.day)
        form.addRow(
            hint(self.tr("The file lists NHS number, date, code and term for the practice."))
        )
        form.addRow(buttons)

    def dates(self) -> tuple[dt.date, dt.date]:
        """The first and last day chosen."""
        day = self.day.date().toPython()
        assert isinstance(day, dt.date)
        if self.period.currentData() == "week":
            monday = day - dt.timedelta(days=day.weekday())
            return monday, monday + dt.timedelta(days=6)
        return day, day


class CodesExporter:
    """File > Export coded events…: asks the period and the file, writes, says what it did."""

    def __init__(self, codes: CodeService, parent: QWidget) -> None:
        self._codes = codes
        self._parent = parent

    def ask_period(self) -> tuple[dt.date, dt.date] | None:
        """The period, from a small dialog (tests replace this)."""
        dialog = ExportPeriodDialog(dt.date.today(), self._parent)
        return dialog.dates() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_where(self, start: dt.date) -> Path | None:
        """The file to save to, from a file picker (tests replace this)."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self._parent,
            self._parent.tr("Export coded events"),
            str(Path.home() / f"coded-events-{start.isoformat()}.csv"),
            self._parent.tr("CSV files (*.csv)"),
        )
        return Path(chosen) if chosen else None

    def export(self) -> str | None:
        """Run the export; the message to show, or None when the worker cancelled."""
        period = self.ask_period()
        if period is None:
            return None
        path = self.ask_where(period[0])
        if path is None:
            return None
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")
        try:
            done = self._codes.export_csv(path, *period)
        except OSError as exc:
            log.warning("Coded events export failed (%s)", type(exc).__name__)
            reason = exc.strerror or self._parent.tr("the folder cannot be written to")
            return self._parent.tr("The coded events could not be saved there: {0}").format(reason)
        except UserFacingError as exc:
            return exc.message
        return self.said(done, path)

    def said(self, done: CodesExported, path: Path) -> str:
        """What the export wrote, and how many rows need an NHS number looked up."""
        words = self._parent.tr("Saved {0} coded events to {1}.").format(done.rows, path.name)
        if done.without_nhs_number:
            words += " " + self._parent.tr(
                "{0} have no NHS number: look them up before entering them."
            ).format(done.without_nhs_number)
        return words
