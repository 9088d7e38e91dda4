"""Starting the window: Qt application, one copy per data folder, error hook, main window.

The order is chosen so that something useful is on screen as early as possible
(``bench/startup.py`` measures it):

1. the main window is shown, empty, before the data layer is loaded (and, when no
   other window has the data folder, before QtNetwork);
2. on the first turn of the event loop the window starts listening for later
   launches, asks for the data's passphrase (``passphrase_dialog.ask_key``: the key is
   derived once, here, without SQLAlchemy), and a worker reads the directory's first
   page straight from the file (``first_look``) while the directory page is built;
3. those rows are painted, and then the data is opened in full (SQLAlchemy, checks,
   migrations) on the main thread: about half a second in which the window answers
   nothing, but shows what it will show;
4. the pages are given the services. Without a first look (a new data folder, an
   empty directory, a schema to migrate) the window goes from 1 to 4.

``--smoke`` prints ``smoke: window shown`` at step 2, ``smoke: data loaded`` once the
first page has been painted, and exits once the data is open.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from linkworker import __version__
from linkworker.errors import TeamDatabaseUnreachable, UserFacingError
from linkworker.paths import AppPaths
from linkworker.services.settings import SettingsStore
from linkworker.ui.main_window import MainWindow

if TYPE_CHECKING:
    from linkworker.domain.directory import DirectoryFacets, SearchPage
    from linkworker.services.context import Services
    from linkworker.services.encryption import Key
    from linkworker.ui.error_dialogs import ExceptionHook
    from linkworker.ui.single_instance import SingleInstance
    from linkworker.ui.worker_session import WorkerSession

log = logging.getLogger(__name__)

#: Opens the data in full under the key (None: a plain data file), or the team database at
#: the URL when one is given.
OpenServices = Callable[[AppPaths, SettingsStore, "Key | None", "str | None"], "Services"]
#: The team database to open, from the command line, the environment or Settings; None:
#: the local data file.
TeamUrl = Callable[[SettingsStore], "str | None"]
#: Reads the directory's first ``limit`` rows and its filters' choices without opening the
#: data in full; None when it cannot.
FirstLook = Callable[[AppPaths, int, "Key | None"], "tuple[SearchPage, DirectoryFacets] | None"]


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
    first_look: FirstLook | None = None,
    first_window: bool = False,
    on_shown: Callable[[], None] | None = None,
    demo: bool = False,
    smoke: bool = False,
    started: float | None = None,
    previous_crash: Path | None = None,
    passphrase: str | None = None,
    team_url: TeamUrl | None = None,
) -> int:
    """Show the main window over the data in ``paths``; returns the exit code.

    ``open_services`` opens the data in full; ``first_look`` reads the directory's
    first page without it; ``on_shown`` is called once the window is on screen.
    ``first_window`` says no other window has this data folder (see
    ``app.claim_window``); otherwise a window that has it is asked to come forward,
    and this one opens only if none answers.
    ``previous_crash`` is the crash log when the last run did not end cleanly:
    the status bar says so, without stopping anyone. ``passphrase``: given by the
    environment or a file (or made for the demo), tried before anyone is asked.
    ``team_url``: where the team database is, if there is one; then the local data file
    is neither read nor unlocked, unless the team database cannot be reached and the
    person chooses to open it instead.
    """
    app = _application()
    if not first_window and _came_forward(paths):
        print("Link Worker is already open with this data folder; brought its window forward.")
        return 0

    start: _Start | None = None
    try:
        settings = SettingsStore(paths.settings_file)
        window = MainWindow(settings, paths.data_dir, demo=demo)
        if previous_crash is not None:
            show_previous_crash(window, previous_crash)
        window.show()
        start = _Start(window, paths, settings, open_services, first_look, on_shown, demo)
        start.passphrase = passphrase
        start.url = team_url(settings) if team_url is not None else None
        if smoke:
            start.report_from(started)
        QTimer.singleShot(0, start.begin)
        with _close_on_terminate(app):
            code = app.exec()
        window.tasks.wait()
        return code
    finally:
        if start is not None:
            start.close()


@contextlib.contextmanager
def _close_on_terminate(app: QApplication) -> Iterator[None]:
    """While the app runs, close its windows when the system asks it to end (SIGTERM).

    A shutdown or a logout then closes the window as if the user had (work in progress
    finished, the backup on exit made), and the next start reports no crash. Python
    runs signal handlers only between its own steps, which Qt's event loop never
    leaves: a timer gives it one a few times a second. The earlier handler is put back.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set signal handlers
        return

    def terminate(_signum: int, _frame: object) -> None:
        log.info("Asked to end (SIGTERM): closing the windows")
        app.closeAllWindows()
        app.quit()

    earlier = signal.signal(signal.SIGTERM, terminate)
    ticker = QTimer()
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
    try:
        yield
    finally:
        ticker.stop()
        signal.signal(signal.SIGTERM, earlier)


def _came_forward(paths: AppPaths) -> bool:
    """Ask a window open on this data folder to come forward; False if none answered."""
    from linkworker.ui.single_instance import SingleInstance

    try:
        name = paths.lock_name
    except OSError as exc:
        log.warning("No place for the window's socket (%s)", type(exc).__name__)
        return False
    return SingleInstance(name).notify_running_copy()


class _Start:
    """The steps from a window on screen to a window over open data (see the module's notes)."""

    def __init__(
        self,
        window: MainWindow,
        paths: AppPaths,
        settings: SettingsStore,
        open_services: OpenServices,
        first_look: FirstLook | None,
        on_shown: Callable[[], None] | None,
        demo: bool = False,
    ) -> None:
        self.window = window
        self.demo = demo
        self.paths = paths
        self.settings = settings
        self.open_services = open_services
        self.first_look = first_look
        self.on_shown = on_shown
        self.smoke = False
        self.started: float | None = None
        self.services: Services | None = None
        self.hook: ExceptionHook | None = None
        self.instance: SingleInstance | None = None
        self.painted = False
        self.passphrase: str | None = None
        self.key: Key | None = None
        #: The team database to open; None: the local data file.
        self.url: str | None = None

    def report_from(self, started: float | None) -> None:
        """--smoke: print each step, with the time since ``started``, and leave once done."""
        self.smoke, self.started = True, started

    def begin(self) -> None:
        """The first turn of the event loop: the window is on screen."""
        self.window.fit_frame()
        if self.smoke:
            _report("window shown", self.started)
        if self.on_shown is not None:
            self.on_shown()
        # Imported now rather than before the window: it brings Qt's enums with it.
        from linkworker.ui.error_dialogs import ExceptionHook

        self.hook = ExceptionHook(self.paths.log_file)
        self.hook.install()
        self.listen()
        if self.url is not None:
            self.open_data()  # the team database: no local file to unlock or glance at
            return
        self.open_local()

    def open_local(self) -> None:
        """Unlock the local data file, show its directory's first page, then open it."""
        if not self.unlock():
            return
        if self.first_look is None:
            self.open_data()
            return
        from linkworker.ui.paged_table_model import PAGE_SIZE

        look, paths, key = self.first_look, self.paths, self.key
        self.window.tasks.start(
            lambda: look(paths, PAGE_SIZE, key), self.first_page_read, self.first_look_failed
        )
        self.window.prepare_directory()  # while the worker reads

    def unlock(self) -> bool:
        """The data's key, asked for if need be; False when the person would not give one."""
        from linkworker.ui.passphrase_dialog import Cancelled, ask_key

        try:
            self.key = ask_key(self.window, self.paths, self.passphrase, offer=not self.smoke)
        except Cancelled:
            self.window.hide()
            QApplication.exit(1)
            return False
        except UserFacingError as exc:
            self.fail(exc)
            return False
        return True

    def listen(self) -> None:
        """From now on a later launch on this data folder brings this window forward."""
        from linkworker.ui.single_instance import SingleInstance  # and QtNetwork with it

        try:
            name = self.paths.lock_name
        except OSError as exc:
            # The claim on the data folder (app.claim_window) still keeps a second window
            # out; only bringing this one forward from a later launch is lost.
            log.warning("No place for the window's socket (%s)", type(exc).__name__)
            return
        self.instance = SingleInstance(name)
        self.instance.activation_requested.connect(self.window.bring_forward)
        self.instance.listen()

    def first_page_read(self, first: tuple[SearchPage, DirectoryFacets] | None) -> None:
        if first is not None and self.window.show_first_look(*first):
            self.data_painted()
        self.open_data()

    def first_look_failed(self, exc: BaseException) -> None:
        log.info("The first look at the directory failed (%s)", type(exc).__name__)
        self.open_data()

    def open_data(self) -> None:
        try:
            self.services = self.open_services(self.paths, self.settings, self.key, self.url)
        except TeamDatabaseUnreachable as exc:
            if self.smoke or not self.offer_local(exc):
                self.fail(exc)
            return
        except UserFacingError as exc:
            self.fail(exc)
            return
        session = _sign_in(self.window, self.services, self.demo)  # covers the window first
        self.window.attach(self.services)
        session.add_to_menu()
        if not self.painted:
            self.window.paint_now()
            self.data_painted()
        if self.smoke:
            QTimer.singleShot(0, lambda: _smoke_done(self.window))
        elif session.is_locked:
            once = QtCore.Qt.ConnectionType.SingleShotConnection
            session.signed_in.connect(self.window.offer_saved_drafts, once)
            QTimer.singleShot(0, session.ask)
        else:
            QTimer.singleShot(0, self.window.offer_saved_drafts)

    def offer_local(self, exc: TeamDatabaseUnreachable) -> bool:
        """The team database did not answer: offer the local data file; True if taken."""
        log.warning("The team database did not answer at start-up")
        answer = QMessageBox.question(
            self.window,
            exc.title,
            f"{exc.message}\n\n{exc.advice}\n\n"
            + QApplication.translate("Application", "Open the local data file instead?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.url = None
        self.open_local()
        return True

    def fail(self, exc: UserFacingError) -> None:
        """The data cannot be opened: say why, and close."""
        log.error("Cannot open data: %s", exc)
        if self.smoke:
            print(f"smoke: failed: {exc}", file=sys.stderr, flush=True)
        else:
            from linkworker.ui.error_dialogs import show_user_error

            show_user_error(self.window, exc)
        self.window.hide()
        QApplication.exit(1)

    def data_painted(self) -> None:
        self.painted = True
        if self.smoke:
            rows = self.window.directory_page.model.rowCount()
            _report("data loaded", self.started, f"; directory rows loaded: {rows}")

    def close(self) -> None:
        if self.services is not None:
            self.services.close()
        if self.hook is not None:
            self.hook.uninstall()
        if self.instance is not None:
            self.instance.close()


def _sign_in(window: MainWindow, services: Services, demo: bool) -> WorkerSession:
    """Cover the window until a worker signs in; the demo signs its sample worker in at once."""
    from linkworker.ui.worker_session import start_session

    if not demo:
        return start_session(window, services)
    from linkworker.services.demo import DEMO_PIN, sign_in_demo

    note = QApplication.translate("Application", "In the demo the PIN is {pin}.").format(
        pin=DEMO_PIN
    )
    return start_session(window, services, demo_sign_in=lambda: sign_in_demo(services), note=note)


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
    note.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    note.setStyleSheet("padding:0 6px")
    window.statusBar().addWidget(note, 1)
    return note


def _report(what: str, started: float | None, detail: str = "") -> None:
    elapsed = "" if started is None else f" after {(time.perf_counter() - started) * 1000:.0f} ms"
    print(f"smoke: {what}{elapsed}{detail}", flush=True)


def _smoke_done(window: MainWindow) -> None:
    """--smoke: the window is up over open data; say what else shows, and leave."""
    shown = window.isVisible()
    note = window.findChild(QLabel, "previousCrashNote")
    if note is not None and note.isVisible():
        _report("notice shown", None, f": {note.text()}")
    log.info("Smoke check: shown=%s rows=%s", shown, window.directory_page.model.rowCount())
    QApplication.exit(0 if shown else 3)
