"""Keeping a form as a draft while it is typed, so that nothing typed is ever lost.

:class:`KeepsDraft` is mixed into a :class:`~linkworker.ui.record_dialog.RecordDialog`
(before it, so its ``reject`` and ``done`` come first). Every few seconds, when
something has changed, the whole form (:meth:`KeepsDraft.state`) is kept through
``drafts.save`` under :attr:`KeepsDraft.draft_key`; closing a changed form asks
whether to keep it as a draft or throw it away; a successful save discards it.
A draft left by a crash is offered back on the next start (see :mod:`draft_recovery`).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from linkworker import errors
from linkworker.services.drafts import SavedDraft
from linkworker.ui.form_fields import hint

log = logging.getLogger(__name__)

#: How often a form is kept as a draft, when something has changed.
AUTOSAVE_INTERVAL_MS = 3000


class DraftStore(Protocol):
    """What a form needs of :class:`~linkworker.services.drafts.DraftService`."""

    def save(self, key: str, title: str, payload: dict[str, Any]) -> None: ...

    def get(self, key: str) -> SavedDraft | None: ...

    def discard(self, key: str) -> None: ...


if TYPE_CHECKING:  # what it is mixed into, so that its methods are checked against it
    from linkworker.ui.record_dialog import RecordDialog as _Form
else:
    _Form = object


class KeepsDraft(_Form):
    """Autosave, the keep-or-throw-away question on closing, and discarding once saved.

    The form sets :attr:`draft_key` and ``_drafts``, implements :meth:`state`,
    :meth:`restore` and :meth:`draft_title`, and calls :meth:`_start_keeping` once it is
    filled; a form rebuilt from a kept draft calls :meth:`take_back` with it.
    """

    #: Said when a changed form is closed without saving.
    unsaved_text = "These notes are not saved yet."

    draft_key: str
    _drafts: DraftStore
    _draft_kept: bool

    # What the form says ------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """Everything in the form as JSON-able values (the draft kept)."""
        raise NotImplementedError

    def draft_title(self) -> str:
        """How the draft is listed when it is offered back."""
        raise NotImplementedError

    def restore(self, state: dict[str, Any]) -> None:
        """Put a :meth:`state` back into the form."""
        raise NotImplementedError

    def take_back(self, payload: dict[str, Any]) -> None:
        """Show what a kept draft held: the form as it was left, the draft still kept."""
        self.restore(payload)
        self._draft_kept = True
        self._remember_opened()
        self._last_kept = self.state()

    # Keeping -----------------------------------------------------------------

    def _draft_label(self) -> QLabel:
        """The line beside Save and Cancel that says when the draft was last kept."""
        self.autosave_label = hint("")
        self.autosave_label.setAccessibleName(self.tr("Draft status"))
        return self.autosave_label

    def _start_keeping(self, interval_ms: int = AUTOSAVE_INTERVAL_MS) -> None:
        """The form is filled: take its state as kept and start the autosave timer."""
        self._last_kept = self.state()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(interval_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

    def autosave(self) -> bool:
        """Keep the form as a draft if it changed since last kept; True if written."""
        if self.saved is not None:
            return False
        state = self.state()
        if state == self._last_kept:
            return False
        try:
            self._drafts.save(self.draft_key, self.draft_title(), state)
        except errors.UserFacingError as exc:
            log.warning("Could not keep a draft of %s: %s", self.draft_key, exc)
            self.autosave_label.setText(self.tr("Could not keep a draft: {0}").format(exc.message))
            return False
        self._last_kept = state
        self._draft_kept = True
        self.autosave_label.setText(
            self.tr("Kept as a draft at {0}").format(dt.datetime.now().strftime("%H:%M"))
        )
        return True

    def _discard_kept(self) -> None:
        """The record is saved: the draft is no longer needed."""
        self.autosave_timer.stop()
        try:
            self._drafts.discard(self.draft_key)
        except errors.UserFacingError as exc:  # the record is safe; a stale draft is harmless
            log.warning("Could not discard draft %s: %s", self.draft_key, exc)

    # Closing -----------------------------------------------------------------

    def _ask_keep_draft(self) -> str:
        """Ask what to do with unsaved words: "keep", "discard" or "cancel". Tests replace this."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Close without saving?"))
        box.setText(self.tr(self.unsaved_text))
        box.setInformativeText(self.tr("Keep them as a draft to finish later, or throw them away?"))
        keep = box.addButton(self.tr("Keep as a draft"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Throw away"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep writing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return "keep" if clicked is keep else "discard" if clicked is discard else "cancel"

    def reject(self) -> None:
        if self.saved is None and (self._draft_kept or self.is_dirty()):
            choice = self._ask_keep_draft()
            if choice == "cancel":
                return
            if choice == "keep":
                self.autosave()
            else:
                self._drafts.discard(self.draft_key)
                self._draft_kept = False
        QDialog.reject(self)  # this replaces the usual "discard?"

    def done(self, result: int) -> None:
        self.autosave_timer.stop()
        super().done(result)

    @property
    def has_draft(self) -> bool:
        """True while a draft of this form is kept."""
        return self._draft_kept
