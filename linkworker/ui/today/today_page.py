"""The Today page, the home screen: who the link worker needs to see or chase today.

Counts at the top, then the six sections two by two; each row opens the person
on the tab that section is about. "Only mine" by default, "Everyone" a click
away; F5 reads it all again. The sections are read in one go from
:class:`~linkworker.services.today.TodayService` (well under a tenth of a
second on a large caseload), when the page is first shown and on Refresh.
"""

from __future__ import annotations

import logging
import uuid
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.today import SectionKind, TodayView, day_words
from linkworker.errors import UserFacingError
from linkworker.ui.style import SECTION_TITLE, font_css, hint_css, title_label
from linkworker.ui.today.today_model import WORKER_COLUMN, TodaySectionModel
from linkworker.ui.today.undated_band import UndatedPeopleBand

if TYPE_CHECKING:
    from linkworker.services.context import Services

log = logging.getLogger(__name__)

#: Sections two to a row, in the order they are read and tabbed through.
GRID_COLUMNS = 2


class SectionTable(QTableView):
    """A section's rows: Tab leaves it; on arriving, the first row is chosen; Enter opens."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        model = self.model()
        if model is not None and model.rowCount() and not self.currentIndex().isValid():
            self.selectionModel().setCurrentIndex(
                model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )


class SectionBox(QFrame):
    """One section: its title and count, then its table, or a friendly line when empty."""

    def __init__(self, kind: SectionKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"today_{kind.value}")
        self.setStyleSheet(
            f"QFrame#today_{kind.value}{{border:1px solid #d5d9de;border-radius:6px;"
            "background:palette(base)}"
        )
        self.title = QLabel()
        self.title.setStyleSheet(font_css(SECTION_TITLE, 600))
        self.model = TodaySectionModel(kind, self)
        self.table = SectionTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr(kind.heading))
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.setColumnWidth(0, 140)
        self.empty = QLabel(self.tr(kind.empty_text))
        self.empty.setStyleSheet(hint_css() + "padding:10px 4px")
        self.empty.setWordWrap(True)
        self.more = QLabel()
        self.more.setStyleSheet(hint_css())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.more)
        layout.addStretch(0)

    def show_section(self, view: TodayView) -> None:
        section = view.section(self.kind)
        self.model.set_section(section)
        self.title.setText(
            self.tr("{title} ({count})").format(
                title=self.tr(self.kind.heading), count=section.total
            )
        )
        self.table.setVisible(not section.is_empty)
        self.table.setColumnHidden(WORKER_COLUMN, not view.everyone)
        self.empty.setVisible(section.is_empty)
        self.more.setVisible(not section.shown_all)
        self.more.setText(
            self.tr("Showing the first {shown} of {total}.").format(
                shown=len(section.rows), total=section.total
            )
        )


class TodayPage(QWidget):
    """The home screen: today's contacts, who is overdue, waiting, quiet, due a check-back."""

    #: A row was opened: the person, and the tab of their page to show.
    person_requested = Signal(object, str)
    #: Something to say in the status bar.
    message = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._today = services.today
        self.view: TodayView | None = None

        self.date_label = QLabel()
        self.date_label.setStyleSheet(font_css(SECTION_TITLE) + hint_css())
        self.mine_radio = QRadioButton(self.tr("Only &mine"))
        self.mine_radio.setAccessibleName(self.tr("Only mine"))
        self.everyone_radio = QRadioButton(self.tr("&Everyone"))
        self.everyone_radio.setAccessibleName(self.tr("Everyone"))
        self.mine_radio.setChecked(True)
        whose = QButtonGroup(self)
        whose.addButton(self.mine_radio)
        whose.addButton(self.everyone_radio)
        self.everyone_radio.toggled.connect(lambda _on: self.refresh())
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read today's list again (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh_action = QAction(self.tr("Refresh Today"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)

        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("Today")))
        top.addSpacing(12)
        top.addWidget(self.date_label)
        top.addStretch(1)
        top.addWidget(self.mine_radio)
        top.addWidget(self.everyone_radio)
        top.addSpacing(12)
        top.addWidget(self.refresh_button)

        self.name_hint = QLabel(
            self.tr("Showing everyone: put your name in Settings to see only your own people.")
        )
        self.name_hint.setStyleSheet(hint_css())
        self.name_hint.hide()
        self.undated_band = UndatedPeopleBand(self)
        self.undated_band.person_requested.connect(
            lambda person_id: self.person_requested.emit(person_id, "story")
        )

        self.boxes = {kind: SectionBox(kind) for kind in SectionKind}
        self.count_buttons: dict[SectionKind, QPushButton] = {}
        counts = QHBoxLayout()
        counts.setSpacing(8)
        for kind, box in self.boxes.items():
            button = QPushButton()
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(
                "QPushButton{border:1px solid #c9d3dd;border-radius:6px;padding:6px 12px;"
                "background:#f4f7fa;text-align:left}"
                "QPushButton:hover{background:#e6eef6}"
            )
            button.clicked.connect(lambda _c=False, b=box: self._go_to(b))
            counts.addWidget(button, 1)
            self.count_buttons[kind] = button
            box.table.activated.connect(lambda index, b=box: self._open(b, index))

        grid = QGridLayout()
        grid.setSpacing(10)
        for n, box in enumerate(self.boxes.values()):
            grid.addWidget(box, n // GRID_COLUMNS, n % GRID_COLUMNS)
        for column in range(GRID_COLUMNS):
            grid.setColumnStretch(column, 1)
        for row in range((len(self.boxes) + GRID_COLUMNS - 1) // GRID_COLUMNS):
            grid.setRowStretch(row, 1)

        self.names_check = QCheckBox(self.tr("Put &names in the calendar"))
        self.names_check.setAccessibleName(self.tr("Put names in the calendar"))
        self.names_check.setToolTip(
            self.tr("Without this, events show the person's initials and the place only.")
        )
        self.export_button = QPushButton(self.tr("Export to &calendar…"))
        self.export_button.setAccessibleName(self.tr("Export to calendar…"))
        self.export_button.setToolTip(
            self.tr("Save your booked contacts for the next four weeks as a calendar file")
        )
        self.export_button.clicked.connect(self.export_calendar)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.names_check)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.name_hint)
        layout.addWidget(self.undated_band)
        layout.addLayout(counts)
        layout.addLayout(grid, 1)
        layout.addLayout(bottom)

        order: list[QWidget] = [self.mine_radio, self.everyone_radio, self.refresh_button]
        order += [box.table for box in self.boxes.values()]
        order += [self.names_check, self.export_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    # Reading ---------------------------------------------------------------------------

    @property
    def everyone(self) -> bool:
        return self.everyone_radio.isChecked()

    def refresh(self) -> None:
        """Read every section again and show it."""
        view = self._today.view(everyone=self.everyone)
        self.show_view(view)
        self.undated_band.show_people(self._services.people.people_with_undated_referrals())

    def show_view(self, view: TodayView) -> None:
        self.view = view
        self.date_label.setText(day_words(view.day))
        self.name_hint.setVisible(view.everyone and not self.everyone)
        for kind, box in self.boxes.items():
            box.show_section(view)
            total = view.section(kind).total
            text = self.tr("{count}  {what}").format(count=total, what=self.tr(kind.short))
            button = self.count_buttons[kind]
            button.setText(text)
            button.setAccessibleName(text)
            button.setToolTip(self.tr("Go to {section}").format(section=self.tr(kind.heading)))
            font = button.font()
            font.setBold(bool(total))
            button.setFont(font)

    def focus_search(self) -> None:
        """On showing the page: the first section with anyone in it takes the keys."""
        for box in self.boxes.values():
            if box.model.rowCount():
                box.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def counts(self) -> dict[SectionKind, int]:
        """The numbers at the top, as shown."""
        return {kind: box.model.total for kind, box in self.boxes.items()}

    # Opening a person ------------------------------------------------------------------

    def _go_to(self, box: SectionBox) -> None:
        """A count was clicked: its section takes the keys (an empty one has only its line)."""
        if box.model.rowCount():
            box.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _open(self, box: SectionBox, index: QModelIndex) -> None:
        row = box.model.row_at(index.row())
        if row is not None:
            self.person_requested.emit(row.person_id, row.tab)

    def open_row(self, kind: SectionKind, row: int) -> uuid.UUID | None:
        """Open the person on ``row`` of a section, as Enter would; their id, or None."""
        box = self.boxes[kind]
        found = box.model.row_at(row)
        if found is not None:
            self._open(box, box.model.index(row, 0))
            return found.person_id
        return None

    # The calendar ----------------------------------------------------------------------

    def export_calendar(self) -> None:
        """Ask where, then save the next four weeks of booked contacts as a calendar file."""
        path = self._ask_where()
        if path is None:
            return
        if path.suffix.lower() != ".ics":
            path = path.with_suffix(".ics")
        try:
            count = self._services.calendar.export(
                path, names=self.names_check.isChecked(), everyone=self.everyone
            )
        except OSError as exc:
            log.warning("Calendar export failed (%s)", type(exc).__name__)
            reason = exc.strerror or self.tr("the folder cannot be written to")
            self.message.emit(
                self.tr("The calendar could not be saved there: {reason}").format(reason=reason)
            )
            return
        except UserFacingError as exc:
            self.message.emit(exc.message)
            return
        self.message.emit(
            self.tr("Saved {count} booked contacts to {file}.").format(count=count, file=path.name)
        )

    def _ask_where(self) -> Path | None:
        """The file to save to, from a file picker (tests replace this)."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export booked contacts"),
            str(Path.home() / "linkworker-contacts.ics"),
            self.tr("Calendar files (*.ics)"),
        )
        return Path(chosen) if chosen else None
