"""File > Take a day away… and Bring a day back…: a caseload on the laptop for a day
with no connection, and its changes back into the team database.

Taking out: tick the people, choose a new folder and a passphrase for the laptop's
encrypted file. Bringing back: the folder and its passphrase; a record changed on both
sides is shown side by side, field by field, one at a time (the same choice as when two
people save one record), and nothing at all is written until every one is chosen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.audit_words import SUBJECT_WORDS
from linkworker.domain.day_away import BroughtBack, Conflict, TakenOut, Values, chosen_row
from linkworker.domain.day_away import side_by_side as shown_side_by_side
from linkworker.domain.people import CaseloadFilter
from linkworker.errors import UserFacingError
from linkworker.paths import AppPaths
from linkworker.ui.style import hint_css, title_label

if TYPE_CHECKING:
    from linkworker.services.context import Services
    from linkworker.ui.workers import Tasks

#: People listed to choose from.
LISTED = 500


def _what(table: str) -> str:
    return f"This {SUBJECT_WORDS.get(table, table.replace('_', ' '))}"


class _DayDialog(QDialog):
    """What both share: a folder, a passphrase, a message, a busy bar and the work's buttons."""

    def __init__(
        self, services: Services, tasks: Tasks, title: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self.setWindowTitle(title)
        self.setMinimumWidth(600)
        self.folder = QLineEdit()
        self.folder.setAccessibleName(self.tr("Folder"))
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.clicked.connect(self._choose_folder)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase for the laptop's file"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.go = QPushButton()
        self.go.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.go, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(title_label(title))

    def _add_folder_row(self, form: QFormLayout) -> None:
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        label = QLabel(self.tr("&Folder:"))
        label.setBuddy(self.folder)
        form.addRow(label, row)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _finish_layout(self) -> None:
        self.layout_.addWidget(self.progress)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.go.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not busy)

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self._busy(True)
        self._tasks.start(work, lambda result: self._done(done, result), self._failed, writes=True)

    def _done(self, done: Callable[[Any], None], result: Any) -> None:
        self._busy(False)
        done(result)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, UserFacingError):
            self.message.setText(f"{exc.message} {exc.advice}".strip())
            return
        self.message.setText(self.tr("That could not be done. Nothing was changed."))
        raise exc


class TakeOutDialog(_DayDialog):
    """Tick the people, choose a new folder and its passphrase, take them out."""

    def __init__(self, services: Services, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(services, tasks, self.tr("Take a day away"), parent)
        self.taken: TakenOut | None = None
        intro = QLabel(
            self.tr(
                "Takes the people you tick, and the whole directory, into a new encrypted "
                "file on this laptop, to work on where there is no connection. Bring the "
                "day back from File, Bring a day back… when you are connected again."
            )
        )
        intro.setWordWrap(True)
        self.people = QListWidget()
        self.people.setAccessibleName(self.tr("People to take"))
        page = services.people.caseload(CaseloadFilter(), limit=LISTED)
        me = services.units.actor.worker_name
        self.mine_button = QPushButton(self.tr("Tick &my people"))
        self.mine_button.setEnabled(any(row.link_worker == me for row in page.rows) and bool(me))
        self.mine_button.clicked.connect(lambda: self._tick_worker(me))
        for row in page.rows:
            born = f", born {row.date_of_birth.year}" if row.date_of_birth else ""
            worker = f" ({row.link_worker})" if row.link_worker else ""
            item = QListWidgetItem(f"{row.name}{born}{worker}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, row.link_worker)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.folder.setText(str(Path.home() / f"Link Worker day away {dt.date.today():%Y-%m-%d}"))
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(self.tr("The passphrase again"))
        form = QFormLayout()
        self._add_folder_row(form)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("&Again:"), self.again)
        hint = QLabel(self.tr("A new passphrase, for this laptop's copy only."))
        hint.setStyleSheet(hint_css())
        form.addRow("", hint)
        self.go.setText(self.tr("&Take them out"))
        self.go.clicked.connect(self.take_out)
        self.layout_.addWidget(intro)
        heading = QHBoxLayout()
        heading.addWidget(QLabel(self.tr("People:")))
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Find by name, year of birth or link worker"))
        self.search_box.setAccessibleName(self.tr("Find people"))
        self.search_box.textChanged.connect(self._show_matching)
        heading.addWidget(self.search_box, 1)
        heading.addWidget(self.mine_button)
        self.layout_.addLayout(heading)
        self.layout_.addWidget(self.people, 1)
        self.layout_.addLayout(form)
        self._finish_layout()
        self.resize(640, 620)

    def _show_matching(self, text: str) -> None:
        """Only the people whose line holds every word typed; ticks are kept while hidden."""
        words = text.casefold().split()
        for i in range(self.people.count()):
            item = self.people.item(i)
            line = item.text().casefold()
            item.setHidden(not all(word in line for word in words))

    def _tick_worker(self, name: str) -> None:
        for i in range(self.people.count()):
            item = self.people.item(i)
            if item.data(Qt.ItemDataRole.UserRole + 1) == name:
                item.setCheckState(Qt.CheckState.Checked)

    def ticked(self) -> list[Any]:
        items = (self.people.item(i) for i in range(self.people.count()))
        return [
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]

    def take_out(self) -> None:
        from linkworker.services.encryption import new_key

        people = self.ticked()
        if not people:
            self.message.setText(self.tr("Tick the people to take out first."))
            return
        folder = Path(self.folder.text().strip()).expanduser()
        try:
            key = new_key(self.passphrase.text(), self.again.text())
        except UserFacingError as exc:
            self.message.setText(f"{exc.message} {exc.advice}")
            return
        take = self._services.take_day_out
        self.message.setText(self.tr("Taking them out…"))
        self._run(lambda: take(AppPaths.under(folder), key, people), self._taken)

    def _taken(self, taken: TakenOut) -> None:
        self.taken = taken
        self.go.setEnabled(False)
        listings = taken.rows.get("asset", 0)
        self.message.setText(
            self.tr(
                "Took out {people} and the directory ({listings} listings) into {folder}. "
                'Open it there with: linkworker --data-dir "{folder}"'
            ).format(
                people=self.tr("1 person") if taken.people == 1 else f"{taken.people} people",
                listings=listings,
                folder=self.folder.text().strip(),
            )
        )


class BringBackDialog(_DayDialog):
    """A folder taken out and its passphrase; conflicts chosen side by side; then written."""

    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        parent: QWidget | None = None,
        choose: Callable[[Conflict], Values | bool | None] | None = None,
    ) -> None:
        super().__init__(services, tasks, self.tr("Bring a day back"), parent)
        self.brought: BroughtBack | None = None
        #: Asked for each conflict; False: the person cancelled (nothing is written).
        self._choose = choose or self._choose_side_by_side
        intro = QLabel(
            self.tr(
                "Brings back what changed in a file taken out for a day away. A record "
                "changed both there and here is shown side by side for you to choose; "
                "nothing is written until you have chosen for each."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self._add_folder_row(form)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        self.go.setText(self.tr("&Bring it back"))
        self.go.clicked.connect(self.bring_back)
        self.layout_.addWidget(intro)
        self.layout_.addLayout(form)
        self._finish_layout()

    def _key(self) -> Any:
        from linkworker.services.encryption import unlock

        return unlock(AppPaths.under(self._folder()), self.passphrase.text())

    def _folder(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def bring_back(self) -> None:
        try:
            key = self._key()
        except UserFacingError as exc:
            self.message.setText(f"{exc.message} {exc.advice}")
            return
        laptop = AppPaths.under(self._folder())
        bring = self._services.bring_day_back
        self.message.setText(self.tr("Comparing the day with the team database…"))
        self._run(lambda: bring(laptop, key, None), lambda done: self._compared(done, laptop, key))

    def _compared(self, done: BroughtBack, laptop: AppPaths, key: Any) -> None:
        if done.chosen:
            self._brought(done)
            return
        answers: dict[tuple[str, str], Values | None] = {}
        for conflict in done.conflicts:
            answer = self._choose(conflict)
            if answer is False:
                self.message.setText(
                    self.tr("Nothing was brought back. The day is still on the laptop.")
                )
                return
            answers[(conflict.table, conflict.key)] = answer if isinstance(answer, dict) else None

        def chosen(conflict: Conflict) -> Values | None:
            if (conflict.table, conflict.key) not in answers:
                raise UserFacingError(
                    "Another record was changed in the team database while you chose, so "
                    "nothing was brought back.",
                    "Bring the day back again to see it.",
                )
            return answers[(conflict.table, conflict.key)]

        bring = self._services.bring_day_back
        self.message.setText(self.tr("Bringing the day back…"))
        self._run(lambda: bring(laptop, key, chosen), self._brought)

    def _choose_side_by_side(self, conflict: Conflict) -> Values | bool | None:
        from linkworker.ui.merge_dialog import MergeDialog

        shown = shown_side_by_side(conflict, _what(conflict.table))
        dialog = MergeDialog(shown, self)
        dialog.setWindowTitle(self.tr("Changed here and away"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return chosen_row(conflict, dialog.choices())

    def _brought(self, done: BroughtBack) -> None:
        self.brought = done
        self.go.setEnabled(False)
        both = (
            self.tr(", {n} chosen side by side").format(n=len(done.conflicts))
            if done.conflicts
            else ""
        )
        self.message.setText(
            self.tr(
                "Brought back: {added} added, {changed} changed, {removed} removed{both}. "
                "The day's audit trail ({entries} entries) is in the team's trail."
            ).format(
                added=done.count(done.added),
                changed=done.count(done.changed),
                removed=done.count(done.removed),
                both=both,
                entries=done.trail_entries,
            )
        )
