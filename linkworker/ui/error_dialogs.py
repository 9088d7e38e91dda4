"""Showing problems: known ones with their advice, unknown ones via the global hook.

Nothing is swallowed: every unexpected exception is written to the log with
its traceback before the dialog appears. Neither the log nor the dialog
carries personal data: the values a database statement was given (names,
dates of birth, NHS numbers) are taken out first.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from linkworker.errors import (
    PersonalDataFilter,
    UserFacingError,
    safe_traceback,
    without_personal_data,
)

log = logging.getLogger(__name__)
log.addFilter(PersonalDataFilter())


def show_user_error(parent: QWidget | None, exc: UserFacingError) -> None:
    """A known problem: what is wrong and what to do."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(exc.title)
    box.setText(exc.message)
    if exc.advice:
        box.setInformativeText(exc.advice)
    box.setAccessibleName(exc.title)
    box.exec()


def show_crash(parent: QWidget | None, summary: str, details: str, log_file: Path) -> None:
    """An unexpected error: reassure, say where the details are, offer them."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QApplication.translate("ErrorDialogs", "Something went wrong"))
    box.setText(
        QApplication.translate(
            "ErrorDialogs",
            "Link Worker met an error it did not expect. Everything you had saved is safe.",
        )
    )
    box.setInformativeText(
        QApplication.translate("ErrorDialogs", "{summary}\n\nThe details are in {log}.").format(
            summary=summary, log=log_file
        )
    )
    box.setDetailedText(details)
    box.exec()


class _Relay(QObject):
    """Carries exceptions from any thread to the main thread."""

    raised = Signal(object, object, object)


class ExceptionHook:
    """Replaces ``sys.excepthook`` (and the threading hook): log, then show a dialog.

    ``show_known`` and ``show_unknown`` are the dialog functions; tests pass
    recorders instead of real dialogs.
    """

    def __init__(
        self,
        log_file: Path,
        show_known: Callable[[QWidget | None, UserFacingError], None] = show_user_error,
        show_unknown: Callable[[QWidget | None, str, str, Path], None] = show_crash,
    ) -> None:
        self._log_file = log_file
        self._show_known = show_known
        self._show_unknown = show_unknown
        self._relay = _Relay()
        self._relay.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous = sys.excepthook
        self._previous_thread = threading.excepthook
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook = self._previous
        threading.excepthook = self._previous_thread

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(exc, UserFacingError):
            # Its message may name someone: the log has its kind and title only.
            log.warning("%s: %s", type(exc).__name__, exc.title, exc_info=(exc_type, exc, tb))
        else:
            log.error("Unexpected error", exc_info=(exc_type, exc, tb))
        self._relay.raised.emit(exc_type, exc, tb)

    def _show(self, exc_type: type[BaseException], exc: BaseException, _tb: object) -> None:
        if self._showing:  # one dialog at a time; the rest are in the log
            return
        self._showing = True
        try:
            parent = QApplication.activeWindow()
            if isinstance(exc, UserFacingError):
                self._show_known(parent, exc)
            else:
                details = safe_traceback(exc)
                summary = without_personal_data(f"{exc_type.__name__}: {exc}")
                self._show_unknown(parent, summary, details, self._log_file)
        finally:
            self._showing = False
