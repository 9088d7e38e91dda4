"""A person's rights from their page: a copy of everything held about them, and erasure.

"Subject access request…" asks for a folder, writes the PDF and the JSON there
(in the background: the PDF may be long) and says where they are. "Erase this
person…" shows :class:`EraseDialog`; once the person is erased their page
closes and the caseload is read again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolButton, QWidget

from linkworker.errors import UserFacingError
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.people.erase_dialog import EraseDialog

if TYPE_CHECKING:
    from linkworker.services.rights import RightsService
    from linkworker.ui.workers import Tasks


class RightsMenu(QToolButton):
    """The "Their record" button: subject access and erasure for the person on show.

    ``person`` gives the person on show (None: nobody); ``run_dialog`` runs a
    modal dialog (the page's own, which tests replace); ``erased`` is called
    with the id of a person once they are erased.
    """

    def __init__(
        self,
        rights: RightsService,
        tasks: Tasks,
        person: Callable[[], uuid.UUID | None],
        run_dialog: Callable[[QWidget], bool],
        erased: Callable[[uuid.UUID], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._rights = rights
        self._tasks = tasks
        self._person = person
        self._run_dialog = run_dialog
        self._erased = erased
        self.setText(self.tr("&Their record"))
        self.setAccessibleName(self.tr("Their record: a copy for them, or erase it"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.access_action = QAction(self.tr("&Subject access request…"), self)
        self.access_action.setToolTip(
            self.tr("Save everything held about this person as a PDF and as JSON")
        )
        self.access_action.triggered.connect(lambda: self.subject_access())
        self.erase_action = QAction(self.tr("&Erase this person…"), self)
        self.erase_action.triggered.connect(lambda: self.erase())
        menu.addAction(self.access_action)
        menu.addSeparator()
        menu.addAction(self.erase_action)
        self.setMenu(menu)
        #: The files the last subject access request wrote (tests read them).
        self.written: list[Path] = []

    def choose_folder(self) -> Path | None:
        """Where to save the copy (tests replace this)."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save the copy of their record in"))
        return Path(folder) if folder else None

    def tell(self, title: str, text: str) -> None:
        """Say what was done (tests replace this)."""
        QMessageBox.information(self, title, text)

    def subject_access(self, folder: Path | None = None) -> None:
        """Write the PDF and the JSON to a folder chosen now, in the background."""
        person_id = self._person()
        if person_id is None:
            return
        folder = folder or self.choose_folder()
        if folder is None:
            return
        self.access_action.setEnabled(False)

        def done(paths: list[Path]) -> None:
            self.access_action.setEnabled(True)
            self.written = list(paths)
            files = "\n".join(str(p) for p in paths)
            self.tell(
                self.tr("Copy saved"),
                self.tr(
                    "Everything held about them is saved, for them alone to read:\n{0}\n\n"
                    "Give them the PDF; the JSON is the same for a computer."
                ).format(files),
            )

        def failed(exc: BaseException) -> None:
            self.access_action.setEnabled(True)
            if not isinstance(exc, UserFacingError):
                raise exc
            show_user_error(self, exc)

        self._tasks.start(
            lambda: self._rights.write_subject_access(person_id, folder),
            done,
            failed,
            writes=True,
        )

    def erase(self) -> None:
        """Ask twice, then erase the person on show."""
        person_id = self._person()
        if person_id is None:
            return
        if erase_with_dialog(self._rights, person_id, "request", self._run_dialog, self):
            self._erased(person_id)


def erase_with_dialog(
    rights: RightsService,
    person_id: uuid.UUID,
    reason: str,
    run_dialog: Callable[[QWidget], bool],
    parent: QWidget,
    why: str = "",
) -> bool:
    """Show what erasing removes and ask twice; True once the person is erased."""
    try:
        preview = rights.erasure_preview(person_id)
    except UserFacingError as exc:
        show_user_error(parent, exc)
        return False
    dialog = EraseDialog(preview, lambda: rights.erase(person_id, reason), parent, why=why)
    run_dialog(dialog)
    return dialog.erased
