"""The lock screen: what covers the window, and every open form, while it is locked.

:class:`LockPanel` is the calm page that asks for the PIN. :class:`Cover` puts one
over the main window (its pages are taken out of it, so nothing of them is on
screen or reachable) and one over each open dialog, whose own fields are hidden
but kept, with whatever was typed in them, until the lock is lifted. A dialog is
covered rather than hidden: hiding a dialog that is waiting for an answer would
end it, and what was typed would be lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.ui.form_fields import hint
from linkworker.ui.sign_in_dialog import problem_label, secret_field
from linkworker.ui.style import PAGE_TITLE, title_label


class LockPanel(QWidget):
    """“Link Worker is locked”: the worker's PIN unlocks it; or someone else signs in.

    With nobody signed in (after signing out) it offers only to sign in, or to quit.
    """

    unlock_requested = Signal(str)
    switch_requested = Signal()
    sign_in_requested = Signal()
    quit_requested = Signal()

    def __init__(self, worker_name: str, note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockPanel")
        self.setAccessibleName(self.tr("Link Worker is locked"))
        self.setAutoFillBackground(True)  # opaque: nothing behind it shows through

        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(440)  # wrapped lines get the height they need at a known width
        card.setStyleSheet(
            "QFrame#lockCard{background:palette(base);border:1px solid #d0d5db;border-radius:8px}"
        )
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 24)
        inner.setSpacing(12)
        self.secret_edit: QLineEdit = secret_field(self.tr("PIN or passphrase"))
        self.problem = problem_label()
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.switch_button = QPushButton(self.tr("Sign in as &someone else"))
        self.switch_button.setFlat(True)
        self.sign_in_button = QPushButton(self.tr("&Sign in"))
        self.quit_button = QPushButton(self.tr("&Quit"))
        self.quit_button.setFlat(True)
        if worker_name:
            inner.addWidget(title_label(self.tr("Link Worker is locked"), PAGE_TITLE))
            inner.addWidget(
                hint(
                    self.tr(
                        "Signed in as {name}. Type your PIN or passphrase to carry on: "
                        "anything you were typing is kept."
                    ).format(name=worker_name)
                )
            )
            caption = QLabel(self.tr("&PIN or passphrase"))
            caption.setBuddy(self.secret_edit)
            inner.addWidget(caption)
            inner.addWidget(self.secret_edit)
            inner.addWidget(self.problem)
            inner.addWidget(self.unlock_button)
            inner.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.secret_edit.returnPressed.connect(self._unlock)
            self.unlock_button.clicked.connect(self._unlock)
            self.switch_button.clicked.connect(self.switch_requested)
            self.unlock_button.setDefault(True)
        else:
            inner.addWidget(title_label(self.tr("Signed out"), PAGE_TITLE))
            inner.addWidget(hint(self.tr("Sign in to carry on.")))
            inner.addWidget(self.problem)
            inner.addWidget(self.sign_in_button)
            inner.addWidget(self.quit_button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.sign_in_button.clicked.connect(self.sign_in_requested)
            self.quit_button.clicked.connect(self.quit_requested)
        if note:
            inner.addWidget(hint(note))

        # Centred by stretches, not by an alignment: an aligned widget is not given the
        # height its wrapped lines need.
        across = QHBoxLayout()
        across.addStretch(1)
        across.addWidget(card)
        across.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addLayout(across)
        outer.addStretch(3)

    def focus_field(self) -> None:
        """Put the cursor where the PIN is typed (or on Sign in)."""
        target = self.secret_edit if self.secret_edit.isVisibleTo(self) else self.sign_in_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_problem(self, text: str) -> None:
        """Say what went wrong (a wrong PIN, say), and clear the field for another try."""
        self.secret_edit.clear()
        self.problem.setText(text)
        self.focus_field()

    def _unlock(self) -> None:
        self.unlock_requested.emit(self.secret_edit.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Every key stops here: Escape must not reach a dialog underneath and close it.
        event.accept()


class _Covered:
    """One dialog covered: its panel, the children hidden under it, its own title."""

    def __init__(self, dialog: QWidget, panel: LockPanel, title: str) -> None:
        self.dialog = dialog
        self.panel = panel
        self.title = dialog.windowTitle()
        self.hidden = [
            child
            for child in dialog.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if child is not panel and child.isVisibleTo(dialog) and not child.isWindow()
        ]
        for child in self.hidden:
            child.hide()
        dialog.setWindowTitle(title)
        panel.setGeometry(dialog.rect())
        panel.show()
        panel.raise_()

    def restore(self) -> None:
        self.panel.hide()
        self.panel.deleteLater()
        for child in self.hidden:
            child.show()
        self.dialog.setWindowTitle(self.title)


class Cover(QObject):
    """Covers the main window and every open dialog with a :class:`LockPanel`, and uncovers them.

    ``make_panel`` makes a panel; the caller connects its signals.
    """

    def __init__(self, window: QMainWindow, make_panel: Callable[[], LockPanel]) -> None:
        super().__init__(window)
        self._window = window
        self._make_panel = make_panel
        self._body: QWidget | None = None
        self._title = ""
        self._covered: list[_Covered] = []
        self.panels: list[LockPanel] = []

    @property
    def active(self) -> bool:
        """True while the window is covered."""
        return self._body is not None

    def covers(self, top: QWidget) -> bool:
        """True when the top-level window ``top`` is covered: the main window or an open form."""
        return self.active and (top is self._window or any(c.dialog is top for c in self._covered))

    @property
    def dialogs_open(self) -> bool:
        """True when forms were open (and are now covered) as the window locked."""
        return bool(self._covered)

    def cover(self) -> None:
        """Cover the window and every open dialog; each gets a panel (see :attr:`panels`)."""
        if self.active:
            self.refresh()
            return
        window = self._window
        locked_title = self.tr("Link Worker (locked)")
        self._title = window.windowTitle()
        window.setWindowTitle(locked_title)
        # The status bar stays (where the data is, who is signed in, a crash notice) but
        # says nothing of the moment while locked: a message may name what was saved.
        window.statusBar().clearMessage()
        window.statusBar().messageChanged.connect(self._quiet)
        window.menuBar().setEnabled(False)
        self._body = window.takeCentralWidget()
        panel = self._panel()
        window.setCentralWidget(panel)
        panel.show()  # now, not on the next turn of the event loop
        for top in QApplication.topLevelWidgets():
            if top is window or not top.isVisible():
                continue
            if isinstance(top, QDialog):
                dialog_panel = self._panel(top)
                top.installEventFilter(self)
                self._covered.append(_Covered(top, dialog_panel, locked_title))
            else:
                top.hide()  # menus, pop-up lists, tips: they close as they would anyway
        self.focus()

    def refresh(self) -> None:
        """Make the panels afresh (after signing out, say: they ask for something else)."""
        self.panels.clear()
        window_panel = self._panel()
        self._window.setCentralWidget(window_panel)  # deletes the old one
        window_panel.show()
        for covered in self._covered:
            covered.panel.deleteLater()
            covered.panel = self._panel(covered.dialog)
            covered.panel.setGeometry(covered.dialog.rect())
            covered.panel.show()
            covered.panel.raise_()
        self.focus()

    def uncover(self) -> None:
        """Put everything back as it was, typed text and all."""
        if self._body is None:
            return
        window = self._window
        window.takeCentralWidget()
        window.setCentralWidget(self._body)
        self._body.show()
        self._body = None
        window.setWindowTitle(self._title)
        window.menuBar().setEnabled(True)
        window.statusBar().messageChanged.disconnect(self._quiet)
        for covered in self._covered:
            covered.dialog.removeEventFilter(self)
            covered.restore()
        self._covered.clear()
        for panel in self.panels:
            panel.deleteLater()
        self.panels.clear()

    def _quiet(self, message: str) -> None:
        if message and self.active:
            self._window.statusBar().clearMessage()

    def _panel(self, parent: QWidget | None = None) -> LockPanel:
        panel = self._make_panel()
        if parent is not None:
            panel.setParent(parent)
        self.panels.append(panel)
        return panel

    def focus(self) -> None:
        """The cursor into the panel of the window that takes keys now (the topmost form)."""
        active = QApplication.activeModalWidget()
        for covered in self._covered:
            if covered.dialog is active:
                covered.panel.focus_field()
                return
        if self.panels:
            self.panels[0].focus_field()

    def show_problem(self, text: str) -> None:
        """Say ``text`` on every panel (only one of them is seen at a time)."""
        for panel in self.panels:
            panel.show_problem(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Close:
            event.ignore()  # a covered form is not closed while locked: its text would go
            return True
        if kind == QEvent.Type.Resize:
            for covered in self._covered:
                if covered.dialog is watched:
                    covered.panel.setGeometry(covered.dialog.rect())
        return False
