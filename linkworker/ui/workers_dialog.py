"""Settings for signing in: the idle lock's minutes, your own PIN, and (for a manager) the team.

:func:`sign_in_box` is the Settings page's "Signing in" group. :class:`WorkersDialog`
lists the team for a manager, who can add a worker, change what one may do (their role),
give one a new PIN (they forgot theirs), hand one's caseload to another link worker, or
archive one who has left (after handing over whoever they still hold).
:class:`SecretDialog` asks for a PIN or passphrase twice (and a name, and the current one,
where they are needed).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.permissions import ROLE_HINTS, ROLE_WORDS
from linkworker.domain.workers import PASSPHRASE_CHARACTERS, PIN_DIGITS, ROLES, Role, Worker
from linkworker.errors import UserFacingError
from linkworker.services.caseloads import CaseloadService
from linkworker.services.workers import StillHolding, WorkerService
from linkworker.ui.form_fields import hint
from linkworker.ui.handover_dialog import HandoverDialog
from linkworker.ui.idle_lock import DEFAULT_MINUTES, MINUTES_RANGE, idle_minutes
from linkworker.ui.setting_fields import SettingsWriter
from linkworker.ui.sign_in_dialog import problem_label, secret_field
from linkworker.ui.worker_session import IDLE_SETTING

WorkerRole = Qt.ItemDataRole.UserRole + 1


class SecretDialog(QDialog):
    """A new PIN or passphrase typed twice; with ``ask_name``, a new worker's name and role.

    ``save`` is called with (name, current, new, role) and may raise a
    :class:`~linkworker.errors.UserFacingError`, which is shown in the dialog.
    """

    def __init__(
        self,
        title: str,
        save: Callable[[str, str, str, Role], None],
        *,
        ask_name: bool = False,
        ask_current: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._save = save
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                self.tr(
                    "A PIN of at least {digits} digits, or a passphrase of at least {chars} "
                    "characters."
                ).format(digits=PIN_DIGITS, chars=PASSPHRASE_CHARACTERS)
            )
        )
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_edit.setPlaceholderText(self.tr("As people know them"))
        self.role_combo = role_combo()
        self.current_edit = secret_field(self.tr("Current PIN or passphrase"))
        self.new_edit = secret_field(self.tr("New PIN or passphrase"))
        self.again_edit = secret_field(self.tr("New PIN or passphrase again"))
        if ask_name:
            form.addRow(self._caption(self.tr("&Name"), self.name_edit), self.name_edit)
            form.addRow(self._caption(self.tr("&Role"), self.role_combo), self.role_combo)
        if ask_current:
            form.addRow(self._caption(self.tr("&Current"), self.current_edit), self.current_edit)
        form.addRow(self._caption(self.tr("&PIN or passphrase"), self.new_edit), self.new_edit)
        form.addRow(self._caption(self.tr("&Again"), self.again_edit), self.again_edit)
        layout.addLayout(form)
        self.problem = problem_label()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout.addWidget(buttons)

    @staticmethod
    def _caption(text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        return label

    def try_save(self) -> None:
        """Save when the two match and the service agrees; else say what is wrong."""
        if self.new_edit.text() != self.again_edit.text():
            self.again_edit.clear()
            self.problem.setText(self.tr("The two do not match. Type it again."))
            return
        try:
            self._save(
                self.name_edit.text(),
                self.current_edit.text(),
                self.new_edit.text(),
                self.role_combo.currentData(),
            )
        except UserFacingError as exc:
            self.problem.setText(f"{exc.message} {exc.advice}".strip())
            return
        self.accept()


def role_combo() -> QComboBox:
    """The four roles to choose from, each with what it is for on hover."""
    combo = QComboBox()
    combo.setAccessibleName(combo.tr("Role"))
    for role in ROLES:
        combo.addItem(combo.tr(ROLE_WORDS[role].capitalize()), role)
        combo.setItemData(
            combo.count() - 1, combo.tr(ROLE_HINTS[role]), Qt.ItemDataRole.ToolTipRole
        )
    return combo


class RoleDialog(QDialog):
    """Choose a worker's role."""

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Role of {name}").format(name=worker.display_name))
        self.role_combo = role_combo()
        self.role_combo.setCurrentIndex(self.role_combo.findData(worker.role))
        self.hint = hint("")
        self.role_combo.currentIndexChanged.connect(self._explain)
        self._explain()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        caption = QLabel(self.tr("What {name} may &do:").format(name=worker.display_name))
        caption.setBuddy(self.role_combo)
        layout.addWidget(caption)
        layout.addWidget(self.role_combo)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _explain(self) -> None:
        self.hint.setText(self.tr(ROLE_HINTS[self.role_combo.currentData()]))


class WorkersDialog(QDialog):
    """The team, for a manager: add a worker, change a role, give one a new PIN, hand over a
    caseload, archive one who has left."""

    def __init__(
        self,
        workers: WorkerService,
        parent: QWidget | None = None,
        *,
        caseloads: CaseloadService | None = None,
    ) -> None:
        super().__init__(parent)
        self._workers = workers
        self._caseloads = caseloads
        self.setWindowTitle(self.tr("Workers"))
        self.resize(520, 420)
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Workers"))
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.left_check = QCheckBox(self.tr("Show those who have &left"))
        self.left_check.toggled.connect(self.refresh)
        self.add_button = QPushButton(self.tr("&Add a worker…"))
        self.reset_button = QPushButton(self.tr("&New PIN…"))
        self.archive_button = QPushButton(self.tr("A&rchive (has left)"))
        self.role_button = QPushButton(self.tr("Change &role…"))
        self.handover_button = QPushButton(self.tr("&Hand over caseload…"))
        self.role_button.clicked.connect(self.change_role)
        self.handover_button.clicked.connect(self.hand_over)
        self.handover_button.setVisible(caseloads is not None)
        self.add_button.clicked.connect(self.add_worker)
        self.reset_button.clicked.connect(self.reset_pin)
        self.archive_button.clicked.connect(self.archive)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._enable())

        side = QVBoxLayout()
        buttons = (
            self.add_button,
            self.role_button,
            self.reset_button,
            self.handover_button,
            self.archive_button,
        )
        for button in buttons:
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                self.tr(
                    "Everyone who uses Link Worker on this data signs in as themselves, so "
                    "what they record carries their name. A worker who has left is archived: "
                    "kept for the record, but can no longer sign in."
                )
            )
        )
        layout.addLayout(body, 1)
        layout.addWidget(self.left_check)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        """List the team afresh."""
        self.model.clear()
        for worker in self._workers.listed(archived=self.left_check.isChecked()):
            item = QStandardItem(self._describe(worker))
            item.setData(worker, WorkerRole)
            self.model.appendRow(item)
        self._enable()

    def _describe(self, worker: Worker) -> str:
        text = worker.display_name
        if worker.role != "worker":
            text += f" ({self.tr(ROLE_WORDS[worker.role])})"
        if worker.archived:
            text += self.tr(" (has left)")
        return text

    def chosen(self) -> Worker | None:
        """The worker chosen in the list, or None."""
        index = self.view.currentIndex()
        worker = index.data(WorkerRole) if index.isValid() else None
        return worker if isinstance(worker, Worker) else None

    def _enable(self) -> None:
        worker = self.chosen()
        usable = worker is not None and not worker.archived
        self.reset_button.setEnabled(usable)
        self.archive_button.setEnabled(usable)
        self.role_button.setEnabled(usable)
        self.handover_button.setEnabled(worker is not None)

    def add_worker(self) -> None:
        def save(name: str, _current: str, new: str, role: Role) -> None:
            self._workers.add(name, new, role)

        dialog = SecretDialog(self.tr("Add a worker"), save, ask_name=True, parent=self)
        if self._exec_dialog(dialog):
            self.refresh()

    def reset_pin(self) -> None:
        worker = self.chosen()
        if worker is None:
            return

        def save(_name: str, _current: str, new: str, _role: Role) -> None:
            self._workers.reset_secret(worker.id, new)

        title = self.tr("New PIN for {name}").format(name=worker.display_name)
        self._exec_dialog(SecretDialog(title, save, parent=self))

    def change_role(self) -> None:
        """Give the chosen worker another role (it counts from their next action)."""
        worker = self.chosen()
        if worker is None:
            return
        dialog = RoleDialog(worker, self)
        if not self._exec_dialog(dialog):
            return
        try:
            self._workers.set_role(worker.id, dialog.role_combo.currentData())
        except UserFacingError as exc:
            self._tell(f"{exc.message} {exc.advice}")
            return
        self.refresh()

    def hand_over(self) -> bool:
        """Hand the chosen worker's people to another link worker; True when any went."""
        worker = self.chosen()
        if worker is None or self._caseloads is None:
            return False
        try:
            rows = self._caseloads.people_of(worker.display_name)
        except UserFacingError as exc:
            self._tell(f"{exc.message} {exc.advice}")
            return False
        if not rows:
            self._tell(
                self.tr("{name} has nobody on their caseload.").format(name=worker.display_name)
            )
            return False
        takers = [
            w
            for w in self._workers.listed()
            if w.id != worker.id and w.role in ("worker", "manager")
        ]
        dialog = HandoverDialog(self._caseloads, worker, takers, rows, self)
        if not self._exec_dialog(dialog):
            return False
        self._tell(dialog.result_words)
        return True

    def archive(self) -> None:
        worker = self.chosen()
        if worker is None or not self._confirm(worker):
            return
        try:
            self._workers.archive(worker.id)
        except StillHolding as exc:
            if not (self._ask_hand_over(exc) and self.hand_over()):
                return
            try:
                self._workers.archive(worker.id)
            except UserFacingError as again:
                self._tell(f"{again.message} {again.advice}")
                return
        except UserFacingError as exc:
            self._tell(f"{exc.message} {exc.advice}")
            return
        self.refresh()

    def _ask_hand_over(self, exc: StillHolding) -> bool:
        """Offer to hand over the people of a worker being archived; tests replace this."""
        answer = QMessageBox.question(
            self,
            self.tr("Archive a worker"),
            f"{exc.message}\n\n" + self.tr("Hand them over to another link worker now?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _tell(self, text: str) -> None:
        """Say something in a message box; tests replace this."""
        QMessageBox.information(self, self.tr("Workers"), text)

    def _confirm(self, worker: Worker) -> bool:
        """Ask before archiving; tests replace this."""
        answer = QMessageBox.question(
            self,
            self.tr("Archive a worker"),
            self.tr(
                "{name} will no longer be able to sign in. What they recorded keeps their "
                "name. Archive them?"
            ).format(name=worker.display_name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _exec_dialog(self, dialog: QDialog) -> bool:
        """Run a dialog; tests replace this to fill it in instead."""
        return bool(dialog.exec())


class SignInSettingsBox(QGroupBox):
    """The Settings page's "Signing in" group: idle minutes, your own PIN, and the team."""

    def __init__(
        self,
        workers: WorkerService,
        writer: SettingsWriter,
        parent: QWidget | None = None,
        *,
        caseloads: CaseloadService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Signing in"))
        self._workers = workers
        form = QFormLayout(self)
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(*MINUTES_RANGE)
        self.idle_spin.setSuffix(self.tr(" minutes"))
        self.idle_spin.setValue(idle_minutes(writer.settings.get(IDLE_SETTING) or DEFAULT_MINUTES))
        self.idle_spin.setAccessibleName(self.tr("Lock the window after this long with no use"))
        width = self.idle_spin.fontMetrics().horizontalAdvance(self.tr("00 minutes")) + 60
        self.idle_spin.setMaximumWidth(width)
        self.idle_spin.valueChanged.connect(lambda value: writer.set(IDLE_SETTING, value))
        form.addRow(self.tr("Lock after no use for"), self.idle_spin)
        form.addRow(
            hint(
                self.tr(
                    "When nobody has touched the keyboard or mouse for this long, Link Worker "
                    "hides everything until you type your PIN again. Ctrl+L locks it at once."
                )
            )
        )
        self.change_button = QPushButton(self.tr("Change my &PIN…"))
        self.change_button.clicked.connect(self.change_my_pin)
        self.workers_button = QPushButton(self.tr("&Workers…"))
        self.workers_button.clicked.connect(
            lambda: self._exec_dialog(WorkersDialog(workers, self, caseloads=caseloads))
        )
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addWidget(self.workers_button)
        row.addStretch(1)
        form.addRow(row)
        self.follow_who_signed_in()

    def follow_who_signed_in(self) -> None:
        """Offer what the worker signed in may do (the list of workers is for a manager)."""
        me = self._workers.signed_in()
        self.change_button.setEnabled(me is not None)
        self.workers_button.setVisible(me is not None and me.is_manager)

    def showEvent(self, event: QShowEvent) -> None:
        # Someone else may have signed in since the page was built.
        self.follow_who_signed_in()
        super().showEvent(event)

    def change_my_pin(self) -> None:
        """The worker signed in chooses a new PIN, giving their current one."""

        def save(_name: str, current: str, new: str, _role: Role) -> None:
            self._workers.change_own_secret(current, new)

        self._exec_dialog(
            SecretDialog(self.tr("Change my PIN"), save, ask_current=True, parent=self)
        )

    def _exec_dialog(self, dialog: QDialog) -> bool:
        """Run a dialog; tests replace this to fill it in instead."""
        return bool(dialog.exec())
