"""Who works at this window: signing in at start, the idle lock, signing out or switching.

The window is covered (:class:`~linkworker.ui.lock_screen.Cover`) before its data
is first shown and stays covered until a worker signs in; after the idle time set
in Settings (:class:`~linkworker.ui.idle_lock.IdleWatch`) or on Ctrl+L it is
covered again, with every open form, until the same worker types their PIN.
Someone else may sign in from the lock screen when no form is open; with forms
open that is refused, so nobody's unsaved typing is lost or taken over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel

from linkworker.domain.workers import Worker
from linkworker.errors import UserFacingError
from linkworker.ui.idle_lock import IdleWatch, idle_minutes
from linkworker.ui.lock_screen import Cover, LockPanel
from linkworker.ui.sign_in_dialog import SignInDialog

if TYPE_CHECKING:
    from linkworker.services.context import Services
    from linkworker.ui.main_window import MainWindow

#: The setting holding the idle minutes before the window locks.
IDLE_SETTING = "idle_lock_minutes"


class WorkerSession(QObject):
    """Signing in, locking and unlocking one main window over one set of services."""

    #: A worker signed in (at start, or someone else after a switch).
    signed_in = Signal()
    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: MainWindow, services: Services, note: str = "") -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._workers = services.workers
        #: Said under the PIN field (the demo's PIN, say).
        self.note = note
        #: Tests set milliseconds here rather than wait minutes.
        self.idle_ms_override: int | None = None
        self.cover = Cover(window, self._make_panel)
        self.watch = IdleWatch(self.idle_ms, self.cover.covers, self)
        self.watch.idle.connect(self.lock)

        self.status = QLabel()
        self.status.setObjectName("signedInAs")
        self.status.setStyleSheet("color:#555;padding:0 6px")
        window.statusBar().addPermanentWidget(self.status)
        self.lock_action = QAction(self.tr("&Lock now"), window)
        self.lock_action.setShortcuts([QKeySequence("Ctrl+L")])
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(lambda _c=False: self.lock())
        self.sign_out_action = QAction(self.tr("Sign &out or switch worker"), window)
        self.sign_out_action.triggered.connect(lambda _c=False: self.sign_out())
        window.addAction(self.lock_action)
        window.session = self

    # Start ------------------------------------------------------------------------

    def add_to_menu(self) -> None:
        """Put Lock now and Sign out in the File menu, above Quit."""
        menu = self._window.file_menu
        quit_action = self._window.quit_action
        menu.insertActions(quit_action, [self.lock_action, self.sign_out_action])
        menu.insertSeparator(quit_action)

    def cover_until_signed_in(self) -> None:
        """Cover the window now, before anything personal is painted, until someone signs in."""
        self.cover.cover()
        self.watch.holding = True

    def ask(self) -> None:
        """Show the sign-in dialog over the covered window; closing it quits Link Worker."""
        if not self.cover.active:
            self.cover_until_signed_in()
        suggested = str(self._services.settings.get("user_name") or "")
        dialog = SignInDialog(self._workers, suggested, self._window)
        try:
            if self._exec_dialog(dialog) and dialog.worker is not None:
                self.begin(dialog.worker)
            elif not self._workers.actor.signed_in:
                QTimer.singleShot(0, self._window.close)
        finally:
            dialog.deleteLater()

    def begin(self, worker: Worker) -> None:
        """``worker`` has signed in: uncover the window and start counting idle time."""
        if self._services.settings.get("user_name") in (None, ""):
            # The name printed on plans and letters, until changed in Settings.
            self._services.settings.set("user_name", worker.display_name)
        self.status.setText(self.tr("Signed in: {name}").format(name=worker.display_name))
        self.watch.holding = False
        self.cover.uncover()
        self.watch.start()
        self._window.follow_role()
        self.signed_in.emit()

    def idle_ms(self) -> int:
        """The idle time before the window locks, from Settings (default 5 minutes)."""
        if self.idle_ms_override is not None:
            return self.idle_ms_override
        return idle_minutes(self._services.settings.get(IDLE_SETTING)) * 60_000

    # Locking ------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.cover.active

    def lock(self) -> None:
        """Cover the window and every open form until the same worker unlocks it."""
        if not self._window.isVisible():
            self.watch.stop()  # the window has closed: nothing left to lock
            return
        if self.cover.active or not self._workers.actor.signed_in:
            return
        self.watch.pause()
        self.watch.holding = True
        self.cover.cover()
        self._workers.lock()
        self.locked.emit()

    def unlock(self, secret: str) -> bool:
        """Unlock with the signed-in worker's secret; a wrong one is said on the lock screen."""
        try:
            unlocked = self._workers.unlock(secret)
        except UserFacingError as exc:  # too many wrong tries: a pause first
            self.cover.show_problem(f"{exc.message} {exc.advice}".strip())
            return False
        if not unlocked:
            self.cover.show_problem(
                self.tr("That is not the PIN or passphrase of {name}. Please try again.").format(
                    name=self._workers.actor.worker_name
                )
            )
            return False
        self.watch.holding = False
        self.cover.uncover()
        self.watch.restart()
        self.unlocked.emit()
        return True

    def switch(self) -> bool:
        """Someone else signs in from the lock screen; refused while forms are open."""
        if self.cover.dialogs_open:
            self.cover.show_problem(
                self.tr(
                    "Someone else can sign in once the open forms are saved or closed. "
                    "Unlock to finish them first."
                )
            )
            return False
        self.sign_out()
        return True

    def sign_out(self) -> None:
        """Sign the worker out, cover the window and ask who signs in next."""
        if self.cover.dialogs_open:
            return
        self._workers.sign_out()
        self.status.setText("")
        self.watch.pause()
        self.cover_until_signed_in()  # the panels now ask who signs in
        QTimer.singleShot(0, self.ask)

    def _make_panel(self) -> LockPanel:
        actor = self._workers.actor
        panel = LockPanel(actor.worker_name if actor.signed_in else "", self.note)
        panel.unlock_requested.connect(self.unlock)
        panel.switch_requested.connect(self.switch)
        panel.sign_in_requested.connect(self.ask)
        panel.quit_requested.connect(self._window.close)
        return panel

    def _exec_dialog(self, dialog: QDialog) -> bool:
        """Run the sign-in dialog; tests replace this to fill it in instead."""
        return bool(dialog.exec())


def start_session(
    window: MainWindow,
    services: Services,
    *,
    demo_sign_in: Callable[[], Worker | None] | None = None,
    note: str = "",
) -> WorkerSession:
    """A session for ``window``: covered at once, then signed in (the demo's worker, or asked).

    Call before the window is given its data, so no page is painted uncovered.
    """
    session = WorkerSession(window, services, note)
    session.cover_until_signed_in()
    worker = demo_sign_in() if demo_sign_in is not None else None
    if worker is not None:
        session.begin(worker)
    return session
