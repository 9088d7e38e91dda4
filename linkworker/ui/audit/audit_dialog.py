"""The audit trail for those who check it: filter the entries, check the chain, export it."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.audit import AuditFilter
from linkworker.domain.audit_words import ACTION_WORDS, ACTIONS
from linkworker.domain.people import CaseloadFilter
from linkworker.errors import UserFacingError
from linkworker.services.context import Services
from linkworker.ui.audit.audit_model import AuditTableModel
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.paged_table_model import row_table

#: People offered when a name typed in the person filter fits several.
PEOPLE_OFFERED = 20


class AuditDialog(QDialog):
    """Every entry of the trail, newest first, with filters, the chain's check and Export."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.person_id = ""
        self.setWindowTitle(self.tr("Audit trail"))
        self.setMinimumSize(1000, 560)

        self.person = QLineEdit()
        self.person.setPlaceholderText(self.tr("Record id, name or NHS number"))
        self.person.setAccessibleName(self.tr("Person"))
        self.person.returnPressed.connect(self.apply_filters)
        self.worker = QComboBox()
        self.worker.setAccessibleName(self.tr("Worker"))
        self.action = QComboBox()
        self.action.setAccessibleName(self.tr("What was done"))
        self.action.addItem(self.tr("Anything"), "")
        for action in ACTIONS:
            self.action.addItem(self.tr(ACTION_WORDS[action].replace(" {subject}", "")), action)
        self.since_on, self.since = self._day_choice(self.tr("&From"), days_back=30)
        self.until_on, self.until = self._day_choice(self.tr("&To"), days_back=0)
        self.apply = QPushButton(self.tr("&Show"))
        self.apply.clicked.connect(self.apply_filters)
        self.clear = QPushButton(self.tr("Show &all"))
        self.clear.clicked.connect(self.clear_filters)

        filters = QFormLayout()
        days = QHBoxLayout()
        for widget in (self.since_on, self.since, self.until_on, self.until):
            days.addWidget(widget)
        days.addStretch(1)
        filters.addRow(self.tr("&Person:"), self.person)
        filters.addRow(self.tr("&Worker:"), self.worker)
        filters.addRow(self.tr("&What was done:"), self.action)
        filters.addRow(self.tr("Days:"), days)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.apply)
        buttons_row.addWidget(self.clear)
        buttons_row.addStretch(1)
        filters.addRow(buttons_row)

        self.model = AuditTableModel(self._services.audit.find, self)
        self.table = row_table(self.model, self.tr("Audit entries"), sort_column=None)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("How many entries are shown"))
        self.chain = QLabel()
        self.chain.setWordWrap(True)
        self.chain.setAccessibleName(self.tr("Whether the trail is intact"))

        self.verify_button = QPushButton(self.tr("&Check the trail"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("&Export for the data protection officer…"))
        self.export_button.clicked.connect(self.export)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.chain)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.person, self.worker)
        self.setTabOrder(self.worker, self.action)

        self._fill_workers()
        self.model.reload()
        self._show_count()

    def _day_choice(self, label: str, *, days_back: int) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(label)
        day = QDateEdit(QDate.currentDate().addDays(-days_back))
        day.setCalendarPopup(True)
        day.setDisplayFormat("dd MMM yyyy")
        day.setEnabled(False)
        day.setAccessibleName(label.replace("&", ""))
        check.toggled.connect(day.setEnabled)
        return check, day

    def _fill_workers(self) -> None:
        self.worker.clear()
        self.worker.addItem(self.tr("Anyone"), "")
        for name in self._services.audit.workers():
            self.worker.addItem(name, name)

    # Filters ---------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        """The filter the controls describe."""
        return AuditFilter(
            person_id=self.person_id,
            worker=str(self.worker.currentData() or ""),
            action=str(self.action.currentData() or ""),
            since=_day(self.since) if self.since_on.isChecked() else None,
            until=_day(self.until) if self.until_on.isChecked() else None,
        )

    def apply_filters(self) -> None:
        """Show the entries the filters pick (a person typed by name is looked up first)."""
        try:
            self.person_id = self._person_wanted(self.person.text().strip())
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        self.model.set_filter(self.current_filter())
        self._show_count()

    def clear_filters(self) -> None:
        """Every entry again."""
        self.person.clear()
        self.person_id = ""
        self.worker.setCurrentIndex(0)
        self.action.setCurrentIndex(0)
        self.since_on.setChecked(False)
        self.until_on.setChecked(False)
        self.apply_filters()

    def _person_wanted(self, text: str) -> str:
        if not text:
            return ""
        try:
            return str(uuid.UUID(text))  # whole ids stand, even for someone since erased
        except ValueError:
            pass
        rows = self._services.people.caseload(CaseloadFilter(text=text), limit=PEOPLE_OFFERED).rows
        if not rows:
            raise UserFacingError(
                self.tr("No one on the caseload matches that."),
                self.tr("Type a record id, a name or an NHS number."),
            )
        if len(rows) == 1:
            return str(rows[0].id)
        return self._choose_person([(f"{r.name} ({str(r.id)[:8]})", str(r.id)) for r in rows])

    def _choose_person(self, choices: list[tuple[str, str]]) -> str:
        """The person picked from several (tests replace this)."""
        labels = [label for label, _ in choices]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("Which person?"), self.tr("Several people match:"), labels, 0, False
        )
        return dict(choices).get(chosen, "") if ok else self.person_id

    def _show_count(self) -> None:
        self.count.setText(self.tr("{n} entries").format(n=f"{self.model.total:,}"))

    # The chain and the export ------------------------------------------------------

    def verify(self) -> None:
        """Check every link of the chain and say what was found."""
        check = self._services.audit.verify()
        if check.broken is None:
            self.chain.setText(
                self.tr(
                    "Checked {n} entries: the trail is intact, nothing changed or removed."
                ).format(n=f"{check.entries:,}")
            )
            return
        self.chain.setText(
            self.tr(
                "The trail has been tampered with: the first broken link is entry {id} "
                "({when}). Tell your information governance lead."
            ).format(id=check.broken.entry_id, when=check.broken.at[:19].replace("T", " "))
        )

    def export(self) -> None:
        """Write the entries shown (the filters apply) to a CSV file only the user can read."""
        path = self._ask_where()
        if path is None:
            return
        try:
            count = self._services.audit.export(path, self.current_filter())
        except UserFacingError as exc:
            show_user_error(self, exc)
            return
        self.chain.setText(
            self.tr("Exported {n} entries to {file}.").format(n=f"{count:,}", file=path.name)
        )
        self.model.reload()
        self._show_count()

    def _ask_where(self) -> Path | None:
        """The file to export to, from a file picker (tests replace this)."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the audit trail"),
            str(Path.home() / f"audit-trail-{dt.date.today().isoformat()}.csv"),
            self.tr("Spreadsheet files (*.csv)"),
        )
        return Path(chosen) if chosen else None


def _day(edit: QDateEdit) -> dt.date:
    picked = edit.date()
    return dt.date(picked.year(), picked.month(), picked.day())
