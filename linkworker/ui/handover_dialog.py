"""A manager hands a link worker's people to another link worker, all or chosen, with a note."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.handover import NOTE_LIMIT, HandoverResult
from linkworker.domain.workers import Worker
from linkworker.errors import UserFacingError
from linkworker.services.caseloads import CaseloadService
from linkworker.ui.form_fields import hint
from linkworker.ui.sign_in_dialog import problem_label


class HandoverDialog(QDialog):
    """Hand ``giver``'s people to someone chosen from ``takers``; :attr:`handed` after."""

    def __init__(
        self,
        caseloads: CaseloadService,
        giver: Worker,
        takers: Sequence[Worker],
        people: Sequence[tuple[uuid.UUID, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._caseloads = caseloads
        self._giver = giver
        self.handed: HandoverResult | None = None
        self.result_words = ""
        self.setWindowTitle(self.tr("Hand over {name}'s caseload").format(name=giver.display_name))
        self.resize(560, 520)
        self.to_combo = QComboBox()
        self.to_combo.setAccessibleName(self.tr("Hand over to"))
        for worker in takers:
            self.to_combo.addItem(worker.display_name, worker.display_name)
        self.people_list = QListWidget()
        self.people_list.setAccessibleName(self.tr("People to hand over"))
        for person_id, name in people:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.people_list.addItem(item)
        self.all_button = QPushButton(self.tr("Tick &all"))
        self.none_button = QPushButton(self.tr("Tick &none"))
        self.all_button.clicked.connect(lambda: self._tick(Qt.CheckState.Checked))
        self.none_button.clicked.connect(lambda: self._tick(Qt.CheckState.Unchecked))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName(self.tr("Note for the new link worker"))
        self.note_edit.setPlaceholderText(
            self.tr("Optional: anything the new link worker should know first")
        )
        self.note_edit.setMaximumHeight(90)
        self.problem = problem_label()

        layout = QVBoxLayout(self)
        n = len(people)
        count = self.tr("1 person") if n == 1 else self.tr("{n} people").format(n=n)
        layout.addWidget(
            hint(
                self.tr(
                    "{name} holds {count}. Each person ticked moves to the link worker chosen: "
                    "their open referrals show the new name, and their record keeps the "
                    "hand-over and your note."
                ).format(name=giver.display_name, count=count)
            )
        )
        form = QFormLayout()
        to_label = QLabel(self.tr("Hand over &to"))
        to_label.setBuddy(self.to_combo)
        form.addRow(to_label, self.to_combo)
        layout.addLayout(form)
        layout.addWidget(self.people_list, 1)
        ticks = QDialogButtonBox()
        ticks.addButton(self.all_button, QDialogButtonBox.ButtonRole.ActionRole)
        ticks.addButton(self.none_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(ticks)
        note_label = QLabel(self.tr("&Note"))
        note_label.setBuddy(self.note_edit)
        layout.addWidget(note_label)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox()
        self.hand_over_button = buttons.addButton(
            self.tr("&Hand over"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.hand_over)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.hand_over_button.setEnabled(bool(takers))
        if not takers:
            self.problem.setText(self.tr("Add the link worker who takes them on first."))

    def _tick(self, state: Qt.CheckState) -> None:
        for row in range(self.people_list.count()):
            self.people_list.item(row).setCheckState(state)

    def chosen(self) -> list[uuid.UUID]:
        """The people ticked."""
        items = (self.people_list.item(r) for r in range(self.people_list.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def hand_over(self) -> None:
        """Hand the ticked people over; a refusal or problem is said in the dialog."""
        chosen = self.chosen()
        if not chosen:
            self.problem.setText(self.tr("Tick at least one person to hand over."))
            return
        note = self.note_edit.toPlainText()
        if len(note.strip()) > NOTE_LIMIT:
            self.problem.setText(
                self.tr("A note can be at most {n} characters.").format(n=NOTE_LIMIT)
            )
            return
        taker = str(self.to_combo.currentData() or "")
        try:
            self.handed = self._caseloads.hand_over(self._giver.display_name, taker, chosen, note)
        except UserFacingError as exc:
            self.problem.setText(f"{exc.message} {exc.advice}".strip())
            return
        self.result_words = self.handed.words(self._giver.display_name, taker)
        self.accept()
