"""The person's page "Letter to GP…": the message back to the GP and referrer.

Without the person's consent to share with their GP a plain message says why and
nothing is made. With no GP practice recorded, :class:`GpPracticeDialog` asks for it
(saved on the person) or goes on without an address block. Then the print preview
opens: printing or saving it is recorded against the person, and saving the PDF
writes the same content as JSON beside it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from linkworker.domain.documents import DocumentAction
from linkworker.domain.people import GpPractice
from linkworker.errors import UserFacingError
from linkworker.printing.snapshots import PrintOptions
from linkworker.services.gp_letter import NoGpPractice
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.people.gp_practice_fields import GpPracticeDialog

if TYPE_CHECKING:
    from linkworker.services.gp_letter import GpLetterService
    from linkworker.services.people import PeopleService
    from linkworker.ui.workers import Tasks


class GpLetterFlow(QObject):
    """Runs "Letter to GP…" for a person, from the checks to the print preview.

    ``run_dialog`` shows a modal dialog (the page's own, which tests replace);
    ``recorded`` is called once printing or saving it is recorded.
    """

    def __init__(
        self,
        letters: GpLetterService,
        people: PeopleService,
        tasks: Tasks,
        parent: QWidget,
        run_dialog: Callable[[QDialog], object],
        recorded: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self._letters = letters
        self._people = people
        self._tasks = tasks
        self._parent = parent
        self._run_dialog = run_dialog
        self._recorded = recorded

    def tell(self, exc: UserFacingError) -> None:
        """Say why the letter cannot be made (tests replace this)."""
        show_user_error(self._parent, exc)

    def start(self, person_id: uuid.UUID, episode_id: uuid.UUID | None = None) -> None:
        """Check consent and the practice, then open the preview of the letter about
        ``episode_id`` (None: their newest referral)."""
        without_address = False
        try:
            self._letters.content(person_id, episode_id)
        except NoGpPractice:
            answer = self._ask_practice(person_id)
            if answer is None:
                return
            without_address = answer
        except UserFacingError as exc:
            self.tell(exc)
            return
        self._preview(person_id, episode_id, without_address)

    def _ask_practice(self, person_id: uuid.UUID) -> bool | None:
        """The practice dialog: False once a practice is saved, True to go on without an
        address, None when the worker cancelled."""

        def save(practice: GpPractice) -> object:
            return self._letters.record_practice(person_id, practice)

        try:
            person = self._people.get_person(person_id)
        except UserFacingError as exc:
            self.tell(exc)
            return None
        dialog = GpPracticeDialog(person, save, self._parent)
        try:
            self._run_dialog(dialog)
            if dialog.without_address:
                return True
            return False if dialog.saved is not None else None
        finally:
            dialog.deleteLater()

    def _preview(
        self, person_id: uuid.UUID, episode_id: uuid.UUID | None, without_address: bool
    ) -> None:
        from linkworker.ui.printing.pdf_output import save_problem
        from linkworker.ui.printing.preview_dialog import open_preview

        letters = self._letters
        name = self._people.get_person(person_id).draft.display_name

        def render(options: PrintOptions) -> bytes:
            made = letters.make(person_id, episode_id, options, without_address=without_address)
            return made.pdf

        def done(action: DocumentAction, options: PrintOptions) -> None:
            letters.record(person_id, action, options)
            self._recorded()

        def saved(path: Path) -> str:
            beside = path.with_suffix(".json")
            try:
                letters.save_json(person_id, beside, episode_id, without_address=without_address)
            except OSError as exc:
                raise save_problem(exc, beside) from exc
            return self.tr("Saved as {0}, with the same as JSON in {1}").format(path, beside.name)

        what = self.tr("Letter to GP")
        open_preview(
            self._parent,
            self._tasks,
            render,
            PrintOptions(),
            title=self.tr("{what} for {name}").format(what=what, name=name),
            suggested_name=f"{what} - {name}",
            on_done=done,
            run=self._run_dialog,
            show_error=self.tell,
            on_saved=saved,
        )
