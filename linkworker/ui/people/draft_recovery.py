"""Offering back, on start, the notes a crash or a killed process left unsaved.

:func:`offer_saved_drafts` lists every pending draft (title, when it was kept)
in "You have notes that were not saved", each with Open and Discard. Opening
one hands it to ``open_dialog`` (the caller knows which form each key belongs
to); when that form closes, any drafts left are offered again. "Not now" keeps
them all for the next start. With nothing pending it does nothing at all.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.services.drafts import SavedDraft
from linkworker.ui.form_fields import hint
from linkworker.ui.keyboard import scroll_area

log = logging.getLogger(__name__)


class _Drafts(Protocol):
    def pending(self) -> list[SavedDraft]: ...

    def discard(self, key: str) -> None: ...


class _HasDrafts(Protocol):
    @property
    def drafts(self) -> _Drafts: ...


def saved_when(at: dt.datetime, today: dt.date | None = None) -> str:
    """ "today at 14:05", "yesterday at 09:30" or "3 May 2025 at 16:00"."""
    today = today or dt.date.today()
    if at.date() == today:
        day = "today"
    elif at.date() == today - dt.timedelta(days=1):
        day = "yesterday"
    else:
        day = f"{at.day} {at:%B %Y}"
    return f"{day} at {at:%H:%M}"


class DraftRecoveryDialog(QDialog):
    """The list of unsaved notes, each with Open and Discard.

    Open closes the dialog with :attr:`chosen` set to that draft. Discard asks
    first (:meth:`_confirm_discard`, which tests replace), then calls ``discard``
    with the key and takes the row away; when none are left the dialog closes.
    """

    def __init__(
        self,
        drafts: Sequence[SavedDraft],
        discard: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._discard = discard
        self.chosen: SavedDraft | None = None
        self.open_buttons: dict[str, QPushButton] = {}
        self.discard_buttons: dict[str, QPushButton] = {}
        self._rows: dict[str, list[QWidget]] = {}
        self.setWindowTitle(self.tr("You have notes that were not saved"))
        self.setMinimumWidth(560)

        heading = QLabel(self.tr("You have notes that were not saved"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        explain = hint(
            self.tr(
                "Link Worker kept these while you typed. Open one to finish and save it, "
                "or discard it if it is no longer needed."
            )
        )

        listing = QWidget()
        grid = QGridLayout(listing)
        grid.setColumnStretch(0, 1)
        grid.setHorizontalSpacing(12)
        for i, draft in enumerate(drafts):
            title = QLabel(draft.title or draft.key)
            title.setWordWrap(True)
            title.setTextFormat(Qt.TextFormat.PlainText)
            when = hint(self.tr("Kept {0}").format(saved_when(draft.saved_at)))
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(title)
            column.addWidget(when)
            open_button = QPushButton(self.tr("Open"))
            open_button.setAccessibleName(self.tr("Open {0}").format(draft.title))
            open_button.clicked.connect(lambda _=False, d=draft: self._on_open(d))
            discard_button = QPushButton(self.tr("Discard"))
            discard_button.setAccessibleName(self.tr("Discard {0}").format(draft.title))
            discard_button.clicked.connect(lambda _=False, d=draft: self._on_discard(d))
            grid.addWidget(cell, i, 0)
            grid.addWidget(open_button, i, 1)
            grid.addWidget(discard_button, i, 2)
            self.open_buttons[draft.key] = open_button
            self.discard_buttons[draft.key] = discard_button
            self._rows[draft.key] = [cell, open_button, discard_button]
        grid.setRowStretch(len(drafts), 1)
        scroll = scroll_area(listing)

        buttons = QDialogButtonBox()
        later = buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setAccessibleName(self.tr("Not now"))
        later.setToolTip(self.tr("Keep them and ask again next time"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        if drafts:
            self.open_buttons[drafts[0].key].setFocus()
            self.open_buttons[drafts[0].key].setDefault(True)

    def remaining(self) -> list[str]:
        """The keys still listed."""
        return list(self._rows)

    def _on_open(self, draft: SavedDraft) -> None:
        self.chosen = draft
        self.accept()

    def _on_discard(self, draft: SavedDraft) -> None:
        if not self._confirm_discard(draft):
            return
        self._discard(draft.key)
        for widget in self._rows.pop(draft.key):
            widget.hide()
            widget.deleteLater()
        del self.open_buttons[draft.key], self.discard_buttons[draft.key]
        if not self._rows:
            self.reject()

    def _confirm_discard(self, draft: SavedDraft) -> bool:
        """Ask before throwing typed words away. Tests replace this."""
        answer = QMessageBox.question(
            self,
            self.tr("Discard these notes?"),
            self.tr("“{0}” will be thrown away. This cannot be undone.").format(draft.title),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def ask_which_draft(
    parent: QWidget | None, drafts: Sequence[SavedDraft], discard: Callable[[str], None]
) -> SavedDraft | None:
    """Show the list; the draft to open, or None for "Not now". Tests replace this."""
    dialog = DraftRecoveryDialog(drafts, discard, parent)
    dialog.exec()
    return dialog.chosen


def offer_saved_drafts(
    parent: QWidget | None,
    services: _HasDrafts,
    open_dialog: Callable[[SavedDraft], object],
    ask: Callable[[QWidget | None, Sequence[SavedDraft], Callable[[str], None]], SavedDraft | None]
    | None = None,
) -> int:
    """Offer every pending draft back until the user says "Not now"; the number opened.

    ``open_dialog`` is given each draft chosen and should show its form (for a
    ``conversation:`` key, :meth:`ConversationDialog.from_draft`) and return when
    it closes. A draft opened once is not offered again in the same call, even if
    its form kept it. ``ask`` defaults to :func:`ask_which_draft`.
    """
    offered: set[str] = set()
    opened = 0
    while True:
        pending = [d for d in services.drafts.pending() if d.key not in offered]
        if not pending:
            return opened
        choice = (ask or ask_which_draft)(parent, pending, services.drafts.discard)
        if choice is None:
            return opened
        offered.add(choice.key)
        log.info("Reopening draft %s", choice.key)
        open_dialog(choice)
        opened += 1
