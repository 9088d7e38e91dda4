"""Starting the window: Qt application, one copy per data folder, error hook, main window."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from linkworker import __version__
from linkworker.errors import UserFacingError
from linkworker.paths import AppPaths
from linkworker.services.settings import SettingsStore
from linkworker.ui.error_dialogs import ExceptionHook, show_user_error
from linkworker.ui.main_window import MainWindow
from linkworker.ui.single_instance import SingleInstance

if TYPE_CHECKING:
    from linkworker.services.context import Services

log = logging.getLogger(__name__)

OpenServices = Callable[[AppPaths, SettingsStore], "Services"]


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Link Worker")
    app.setApplicationDisplayName("Link Worker")
    app.setOrganizationName("LinkWorker")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("linkworker")
    return app


def run_gui(
    paths: AppPaths,
    open_services: OpenServices,
    *,
    demo: bool = False,
    smoke: bool = False,
    started: float | None = None,
    previous_crash: Path | None = None,
) -> int:
    """Show the main window over the data in ``paths``; returns the exit code.

    The window is shown first; the database (and SQLAlchemy with it) is opened
    on the first turn of the event loop, so the window appears without waiting.
    ``previous_crash`` is the crash log when the last run did not end cleanly:
    the status bar says so, without stopping anyone.
    """
    app = _application()
    instance = SingleInstance(paths.lock_name)
    if instance.notify_running_copy():
        print("Link Worker is already open with this data folder; brought its window forward.")
        return 0
    instance.listen()

    hook = ExceptionHook(paths.log_file)
    hook.install()
    opened: list[Services] = []
    try:
        settings = SettingsStore(paths.settings_file)
        window = MainWindow(settings, paths.data_dir, demo=demo)
        instance.activation_requested.connect(window.bring_forward)
        if previous_crash is not None:
            show_previous_crash(window, previous_crash)
        window.show()

        def open_data() -> None:
            if smoke:
                _report("window shown", started)
            try:
                services = open_services(paths, settings)
            except UserFacingError as exc:
                log.error("Cannot open data: %s", exc)
                if smoke:
                    print(f"smoke: failed: {exc}", file=sys.stderr, flush=True)
                else:
                    show_user_error(window, exc)
                window.hide()
                app.exit(1)
                return
            opened.append(services)
            window.attach(services)
            if smoke:
                QTimer.singleShot(0, lambda: _smoke_done(window, started))
            else:
                QTimer.singleShot(0, window.offer_saved_drafts)

        QTimer.singleShot(0, open_data)
        code = app.exec()
        window.tasks.wait()
        return code
    finally:
        for services in opened:
            services.close()
        hook.uninstall()
        instance.close()


def show_previous_crash(window: MainWindow, crash_log: Path) -> QLabel:
    """A calm note in the status bar that the last run stopped, and where its crash log is."""
    note = QLabel(
        QApplication.translate(
            "Application",
            "Link Worker stopped unexpectedly last time. Anything it could record is in {log}",
        ).format(log=crash_log)
    )
    note.setObjectName("previousCrashNote")
    note.setAccessibleName(QApplication.translate("Application", "Last run stopped unexpectedly"))
    note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    note.setStyleSheet("padding:0 6px")
    window.statusBar().addWidget(note, 1)
    return note


def _report(what: str, started: float | None, detail: str = "") -> None:
    elapsed = "" if started is None else f" after {(time.perf_counter() - started) * 1000:.0f} ms"
    print(f"smoke: {what}{elapsed}{detail}", flush=True)


def _smoke_done(window: MainWindow, started: float | None) -> None:
    """--smoke: the window is up with its data; report and leave."""
    shown = window.isVisible()
    rows = window.directory_page.model.rowCount()
    _report("data loaded", started, f"; directory rows loaded: {rows}")
    note = window.findChild(QLabel, "previousCrashNote")
    if note is not None and note.isVisible():
        _report("notice shown", None, f": {note.text()}")
    log.info("Smoke check: shown=%s rows=%s", shown, rows)
    QApplication.exit(0 if shown else 3)
