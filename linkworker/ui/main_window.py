"""The main window: navigation on the left, one page per area on the right."""

from __future__ import annotations

import logging
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QMargins, QSize
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from linkworker import __version__
from linkworker.errors import UserFacingError
from linkworker.services.settings import SettingsStore
from linkworker.ui.style import SECTION_TITLE, font_css, use_readable_placeholders
from linkworker.ui.window_place import FRAME_ALLOWANCE, back_on_screen, first_placement

if TYPE_CHECKING:
    import uuid

    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDialog

    from linkworker.domain.directory import DirectoryFacets, SearchPage
    from linkworker.services.context import Services
    from linkworker.ui.directory.directory_page import DirectoryPage
    from linkworker.ui.people.people_page import PeoplePage
    from linkworker.ui.reports.reports_page import ReportsPage
    from linkworker.ui.settings_page import SettingsPage
    from linkworker.ui.today.today_page import TodayPage
    from linkworker.ui.welcome_page import WelcomePage
    from linkworker.ui.worker_session import WorkerSession
    from linkworker.ui.workers import Tasks

log = logging.getLogger(__name__)


class Area(IntEnum):
    TODAY = 0
    PEOPLE = 1
    DIRECTORY = 2
    REPORTS = 3
    SETTINGS = 4


#: The areas in navigation order, and whether this version has them yet.
AREAS: tuple[tuple[Area, str, bool], ...] = (
    (Area.TODAY, "Today", True),
    (Area.PEOPLE, "People", True),
    (Area.DIRECTORY, "Directory", True),
    (Area.REPORTS, "Reports", True),
    (Area.SETTINGS, "Settings", True),
)


class MainWindow(QMainWindow):
    """Holds the pages, the navigation, the menus and the status bar.

    The window is built and shown before the database is opened (so it appears
    at once); :meth:`show_first_look` may paint the directory's first page while
    the data opens, and :meth:`attach` then gives the pages their services and
    shows Today, the home screen (read in a few milliseconds once the data is
    open). The other pages are built the first time they are shown.

    Until it is on screen the window leaves Qt's namespace of enums alone
    (``QtCore.Qt``, about 16 ms to create): it is reached through the module, in
    code that runs later. What only later code needs is imported there too.
    """

    def __init__(
        self,
        settings: SettingsStore,
        data_dir: Path,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._services: Services | None = None
        self._demo = demo
        self._tasks: Tasks | None = None
        #: Who works at this window (sign-in and the idle lock), once the data is open.
        self.session: WorkerSession | None = None
        title = self.tr("Link Worker")
        if demo:
            title += self.tr(" (demo)")
        self.setWindowTitle(title)
        self.setMinimumSize(QSize(720, 480))

        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Areas"))
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet(
            f"QListWidget{{border:none;background:#f1f3f5;padding-top:8px;{font_css(SECTION_TITLE)}}}"
            "QListWidget::item{padding:9px 14px}"
            "QListWidget::item:selected{background:#dbe7f3;color:#10324f;font-weight:600}"
            "QListWidget::item:disabled{color:#9aa0a6}"
        )
        # A row's number is its area's. Areas not built yet are disabled by
        # _enable_navigation(), when the navigation itself is.
        for _area, name, available in AREAS:
            item = QListWidgetItem(self.tr(name))
            if not available:
                item.setToolTip(
                    self.tr("{area} arrives in a later version of Link Worker.").format(
                        area=self.tr(name)
                    )
                )
            self.nav.addItem(item)
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.nav.setEnabled(False)

        self.pages = QStackedWidget()
        self.loading_label = QLabel(self.tr("Opening your data…"))
        # Centred by the style sheet, which needs none of Qt's enums (see the class notes).
        self.loading_label.setStyleSheet(
            font_css(SECTION_TITLE) + "color:#555; qproperty-alignment: AlignCenter;"
        )
        self.pages.addWidget(self.loading_label)
        self._directory_page: DirectoryPage | None = None
        self._people_page: PeoplePage | None = None
        self._reports_page: ReportsPage | None = None
        self._settings_page: SettingsPage | None = None
        self._today_page: TodayPage | None = None
        #: The window opened on the directory because nobody who sees people had signed in.
        self._home_pending = False
        self._welcome_page: WelcomePage | None = None

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(body)

        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        # Windows has no standard Quit key, so Ctrl+Q is given on every system.
        keys = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Quit), QKeySequence("Ctrl+Q")]
        self.quit_action.setShortcuts(list(dict.fromkeys(keys)))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu(self.tr("&Go"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_action = QAction(self.tr("&Help and keys"), self)
        # A list, as for Quit: setShortcut()'s overloads would create Qt's enums.
        self.help_action.setShortcuts([QKeySequence("F1")])
        self.help_action.triggered.connect(self.show_help)
        help_menu.addAction(self.help_action)
        about = QAction(self.tr("&About Link Worker"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

        where = QLabel(
            self.tr("Demo data: changes are discarded when you close")
            if demo
            else self.tr("Data: {folder}").format(folder=data_dir)
        )
        where.setStyleSheet("color:#555;padding:0 6px")
        self.statusBar().addPermanentWidget(where)
        self._data_dir = data_dir
        self._restore_geometry()

    @classmethod
    def with_services(cls, services: Services, demo: bool = False) -> MainWindow:
        """A window with its pages, over services that are already open."""
        window = cls(services.settings, services.paths.data_dir, demo=demo)
        window.attach(services)
        return window

    @property
    def tasks(self) -> Tasks:
        """Background work for the window and its pages, set up when first wanted."""
        if self._tasks is None:
            from linkworker.ui.workers import Tasks

            self._tasks = Tasks(self)
        return self._tasks

    def prepare_directory(self) -> DirectoryPage:
        """The directory page, built (without its data) if it is not yet."""
        if self._directory_page is None:
            from linkworker.ui.directory.directory_page import DirectoryPage

            # Before the first page with example text in its fields (the window itself has
            # none, and this would create Qt's enums before it is shown).
            use_readable_placeholders()
            self._directory_page = DirectoryPage(None, self.tasks, settings=self._settings)
            self.pages.addWidget(self._directory_page)
        return self._directory_page

    def show_first_look(self, first: SearchPage, facets: DirectoryFacets) -> bool:
        """Paint the directory's first page, read before the data is open; False if it is empty.

        It is painted before this returns: the data is opened next, and the window
        answers nothing meanwhile. An empty directory may need the welcome page,
        which only the open data can tell.
        """
        if not first.rows:
            return False
        self.prepare_directory().show_first_look(first, facets)
        self._show_page(Area.DIRECTORY, self.directory_page)
        self.paint_now()
        return True

    def paint_now(self) -> None:
        """Lay the window out and paint it at once, without waiting for the event loop.

        At start-up the data is opened straight after the first page is shown, and the
        window answers nothing meanwhile: what it shows must be on screen before that.
        """
        QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)
        self.repaint()

    def attach(self, services: Services) -> None:
        """Give the pages the opened services and show the first one."""
        self._services = services
        self.prepare_directory().attach(services)
        self._build_menus()
        if self._needs_welcome():
            self.pages.setCurrentWidget(self.welcome_page)
            self.welcome_page.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        else:
            home = self.home_area()
            self._home_pending = home is not Area.TODAY  # Today once someone signs in
            self.show_area(home)
        self.follow_role(navigate=False)
        self.pages.removeWidget(self.loading_label)
        self.loading_label.deleteLater()
        if not self._demo:
            self.tasks.start(
                lambda: services.backups.routine_backup("start"),
                lambda _made: None,
                self._start_backup_failed,
                writes=True,
            )

    def _start_backup_failed(self, exc: BaseException) -> None:
        """The start-up backup could not be made: say so where it is seen, and carry on."""
        log.warning("The backup at start-up failed (%s)", type(exc).__name__)
        if isinstance(exc, UserFacingError):
            message = self.tr("Backup not made: {0}").format(exc.message)
        else:
            message = self.tr("The backup at start-up could not be made; see the log.")
        self.statusBar().showMessage(message, 30000)

    # The pages: each is built the first time it is wanted ---------------------

    @property
    def directory_page(self) -> DirectoryPage:
        return self.prepare_directory()

    @property
    def people_page(self) -> PeoplePage:
        if self._people_page is None:
            from linkworker.ui.people.people_page import PeoplePage

            self._people_page = PeoplePage(self.services, self.tasks)
            self.pages.addWidget(self._people_page)
        return self._people_page

    @property
    def today_page(self) -> TodayPage:
        if self._today_page is None:
            from linkworker.ui.today.today_page import TodayPage

            page = TodayPage(self.services)
            page.person_requested.connect(self.open_person)
            page.message.connect(lambda text: self.statusBar().showMessage(text, 10000))
            self.pages.addWidget(page)
            self._today_page = page
        return self._today_page

    def open_person(self, person_id: uuid.UUID, tab: str) -> None:
        """Show someone on the People page, on the named tab."""
        self.show_area(Area.PEOPLE)
        self.people_page.open_person(person_id, tab)

    def _person_erased(self, person_id: uuid.UUID) -> None:
        """Someone was erased from Settings: the People page forgets them."""
        if self._people_page is not None:
            self._people_page.person_erased(person_id)

    @property
    def reports_page(self) -> ReportsPage:
        if self._reports_page is None:
            from linkworker.ui.reports.reports_page import ReportsPage, report_functions

            make, save = report_functions(self.services)
            self._reports_page = ReportsPage(make, save, self.tasks)
            self.pages.addWidget(self._reports_page)
        return self._reports_page

    @property
    def settings_page(self) -> SettingsPage:
        if self._settings_page is None:
            from linkworker.ui.settings_page import SettingsPage

            page = SettingsPage(self.services, self.tasks, demo=self._demo)
            page.stale_months_changed.connect(self.directory_page.stale_spin.setValue)
            page.person_erased.connect(self._person_erased)
            self.pages.addWidget(page)
            self._settings_page = page
        return self._settings_page

    @property
    def welcome_page(self) -> WelcomePage:
        if self._welcome_page is None:
            from linkworker.ui.welcome_page import WelcomePage

            page = WelcomePage(self._settings)
            page.oruk_requested.connect(self._welcome_open_referral)
            page.sample_requested.connect(self.load_sample_directory)
            page.import_requested.connect(self._welcome_import)
            page.empty_requested.connect(self._welcome_done)
            self.pages.addWidget(page)
            self._welcome_page = page
        return self._welcome_page

    def _page(self, area: Area) -> QWidget | None:
        """The page of ``area``, built now if need be; None for areas this version lacks."""
        if area is Area.TODAY:
            return self.today_page
        if area is Area.PEOPLE:
            return self.people_page
        if area is Area.DIRECTORY:
            return self.directory_page
        if area is Area.REPORTS:
            return self.reports_page
        if area is Area.SETTINGS:
            return self.settings_page
        return None

    def _built_page(self, area: Area) -> QWidget | None:
        built = {
            Area.TODAY: self._today_page,
            Area.PEOPLE: self._people_page,
            Area.DIRECTORY: self._directory_page,
            Area.REPORTS: self._reports_page,
            Area.SETTINGS: self._settings_page,
        }
        return built.get(area)

    # Navigation ------------------------------------------------------------

    def _build_menus(self) -> None:
        first = self.file_menu.actions()[0]
        self.audit_action = QAction(self.tr("Audit &trail…"), self)
        self.audit_action.triggered.connect(lambda _c=False: self.show_audit_trail())
        backup = QAction(self.tr("&Back up now"), self)
        backup.triggered.connect(lambda _c=False: self.settings_page.backup_now())
        self.team_copy_action = QAction(self.tr("&Move to a team database…"), self)
        self.team_copy_action.triggered.connect(lambda _c=False: self.show_team_copy())
        self.take_out_action = QAction(self.tr("Take a day a&way…"), self)
        self.take_out_action.triggered.connect(lambda _c=False: self.show_day_away(out=True))
        self.bring_back_action = QAction(self.tr("Bring a day bac&k…"), self)
        self.bring_back_action.triggered.connect(lambda _c=False: self.show_day_away(out=False))
        self.file_menu.insertActions(
            first,
            [
                self.directory_page.oruk_import_action,
                self.directory_page.import_action,
                self.directory_page.export_action,
                self.directory_page.duplicates_action,
                self.people_page.export_codes_action,
                backup,
                self.team_copy_action,
                self.take_out_action,
                self.bring_back_action,
                self.audit_action,
            ],
        )
        self.file_menu.insertSeparator(first)
        for area, name, available in AREAS:
            if available:
                action = QAction(self.tr(name), self)
                action.setShortcut(QKeySequence(f"Ctrl+{int(area) + 1}"))
                action.triggered.connect(lambda _c=False, a=area: self.show_area(a))
                self.go_menu.addAction(action)

    # Who may see what ------------------------------------------------------------

    def home_area(self) -> Area:
        """Today for those who see people; the directory for everyone else (and before anyone
        has signed in, where people sign in)."""
        standing = self.services.workers.standing()
        return Area.TODAY if standing.sees_people else Area.DIRECTORY

    def follow_role(self, *, navigate: bool = True) -> None:
        """Offer only what the worker signed in may do; say why the rest is unavailable.

        The services refuse whatever a role does not allow whatever the window shows;
        this only keeps people from walking into a refusal. ``navigate``: leave an area the
        role may not use (and go to Today once someone who may has signed in).
        """
        from linkworker.domain.permissions import Permission, refusal

        if self._services is None or not hasattr(self, "audit_action"):
            return  # not given its data yet: attach() follows the role itself
        standing = self.services.workers.standing()

        def allow(widget: Any, permission: Permission) -> None:
            allowed = standing.may(permission)
            widget.setEnabled(allowed)
            why = "" if allowed else self.tr(refusal(standing, permission).message)
            widget.setToolTip(why)
            if hasattr(widget, "setStatusTip"):
                widget.setStatusTip(why)

        needs = {Area.TODAY: Permission.OWN_CASELOAD, Area.PEOPLE: Permission.OWN_CASELOAD}
        needs[Area.REPORTS] = Permission.REPORTS
        go = self.go_menu.actions()
        for row, (area, _name, available) in enumerate(AREAS):
            need = needs.get(area)
            allowed = available and (need is None or standing.may(need))
            item = self.nav.item(row)
            on = QtCore.Qt.ItemFlag.ItemIsEnabled | QtCore.Qt.ItemFlag.ItemIsSelectable
            item.setFlags(on if allowed else QtCore.Qt.ItemFlag.NoItemFlags)
            why = "" if need is None or allowed else self.tr(refusal(standing, need).message)
            item.setToolTip(why)
            if row < len(go):
                go[row].setEnabled(allowed)
                go[row].setToolTip(why)
        allow(self.audit_action, Permission.AUDIT)
        directory = self.directory_page
        for action in (directory.oruk_import_action, directory.import_action):
            allow(action, Permission.EDIT_DIRECTORY)
        allow(directory.duplicates_action, Permission.EDIT_DIRECTORY)
        allow(self.people_page.export_codes_action, Permission.OWN_CASELOAD)
        if self._people_page is not None:
            self._people_page.model.reload()  # someone else may see other people
        if not navigate:
            return
        current = self.current_area()
        allowed_here = current is not None and bool(self.nav.item(int(current)).flags() & on)
        if not allowed_here or (self._home_pending and standing.sees_people):
            self._home_pending = False
            self.show_area(self.home_area())

    def show_audit_trail(self) -> None:
        """Who viewed, changed, printed and exported what (File > Audit trail): the trail, its
        check, its export."""
        from linkworker.ui.audit.audit_dialog import AuditDialog

        dialog = AuditDialog(self.services, self)
        dialog.exec()

    def show_team_copy(self) -> None:
        """Copy this data file into a new team database (File > Move to a team database…)."""
        from linkworker.ui.team_copy_dialog import TeamCopyDialog

        TeamCopyDialog(self.services, self.tasks, self).exec()

    def show_day_away(self, *, out: bool) -> None:
        """Take people out for a day with no connection, or bring such a day back."""
        from linkworker.ui.day_away_dialog import BringBackDialog, TakeOutDialog

        dialog = TakeOutDialog if out else BringBackDialog
        dialog(self.services, self.tasks, self).exec()

    def offer_saved_drafts(self) -> None:
        """Notes typed but never saved (a crash, a flat battery) are offered back at start."""
        if self.services.drafts.pending():
            self.show_area(Area.PEOPLE)
            self.people_page.offer_saved_drafts()

    def show_area(self, area: Area) -> None:
        page = self._page(area)
        if page is not None:
            self._show_page(area, page)

    def _show_page(self, area: Area, page: QWidget) -> None:
        if not self.nav.isEnabled():
            self._enable_navigation()
        self.pages.setCurrentWidget(page)
        self.nav.setCurrentRow(int(area))
        self._refresh_if_today(page)
        focus = getattr(page, "focus_search", None)
        if callable(focus):
            focus()

    def _enable_navigation(self) -> None:
        for row, (_area, _name, available) in enumerate(AREAS):
            if not available:
                self.nav.item(row).setFlags(QtCore.Qt.ItemFlag.NoItemFlags)
        self.nav.setEnabled(True)

    def current_area(self) -> Area | None:
        row = self.nav.currentRow()
        return None if row < 0 else AREAS[row][0]

    def _nav_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None and self._services is not None:
            page = self._page(AREAS[self.nav.row(current)][0])
            if page is not None and self.pages.currentWidget() is not page:
                self.pages.setCurrentWidget(page)
                self._refresh_if_today(page)

    def _refresh_if_today(self, page: QWidget) -> None:
        """Today is read again each time it is shown: it follows what was done elsewhere."""
        if page is self._today_page:
            self._today_page.refresh()

    def bring_forward(self) -> None:
        """A second launch asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.fit_frame()

    # First run -------------------------------------------------------------

    @property
    def services(self) -> Services:
        """The services, once :meth:`attach` has been called."""
        if self._services is None:
            raise RuntimeError("The window has no services yet: call attach() first")
        return self._services

    def _needs_welcome(self) -> bool:
        return not self._settings.get("welcome_done") and self.services.directory.is_empty()

    def _welcome_done(self) -> None:
        self.welcome_page.save_details()
        self._settings.set("welcome_done", True)
        self.directory_page.refresh_facets()
        self.directory_page.apply_filters()
        self.show_area(Area.DIRECTORY)

    def _welcome_import(self) -> None:
        self.welcome_page.save_details()
        self.directory_page.import_csv()
        if not self.services.directory.is_empty():
            self._welcome_done()

    def _welcome_open_referral(self) -> None:
        self.welcome_page.save_details()
        self.directory_page.import_open_referral()
        if not self.services.directory.is_empty():
            self._welcome_done()

    def load_sample_directory(self) -> None:
        """Fill the directory with the shipped sample, in the background."""
        from linkworker.services.sample_data import load_sample_drafts

        self.welcome_page.save_details()
        self.welcome_page.set_busy(self.tr("Loading the sample directory…"))
        directory = self.services.directory

        def done(count: int) -> None:
            self.welcome_page.set_busy("")
            self.statusBar().showMessage(
                self.tr("Loaded {n} sample community assets.").format(n=count), 8000
            )
            self._welcome_done()

        def failed(exc: BaseException) -> None:
            self.welcome_page.set_busy("")
            if isinstance(exc, UserFacingError):
                from linkworker.ui.error_dialogs import show_user_error

                show_user_error(self, exc)
            else:
                raise exc

        self.tasks.start(
            lambda: directory.add_many(load_sample_drafts()), done, failed, writes=True
        )

    # Window state ----------------------------------------------------------

    def _restore_geometry(self) -> None:
        """Last time's size and place, kept on a screen; the first time, one that fits."""
        saved = str(self._settings.get("window_geometry") or "")
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode())):
            self.keep_on_screen()
        else:
            self.setGeometry(first_placement(self.screen().availableGeometry()))

    def keep_on_screen(self, frame: QMargins = FRAME_ALLOWANCE) -> None:
        """Move and shrink the window onto the screen holding most of it (or the main one)."""
        if self.isMaximized() or self.isFullScreen():
            return
        screens = [screen.availableGeometry() for screen in QGuiApplication.screens()]
        primary = QGuiApplication.primaryScreen().availableGeometry()
        placed = back_on_screen(self.geometry(), screens, primary, frame)
        if placed != self.geometry():
            self.setGeometry(placed)

    def fit_frame(self) -> None:
        """Keep the window on screen with its real frame and title bar, known once it is shown.

        Called on the first turn of the event loop after showing it (not from a
        ``showEvent`` override: wrapping Qt's first event for Python takes 2 ms).
        """
        inner, outer = self.geometry(), self.frameGeometry()
        self.keep_on_screen(
            QMargins(
                inner.left() - outer.left(),
                inner.top() - outer.top(),
                outer.right() - inner.right(),
                outer.bottom() - inner.bottom(),
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tasks.busy:
            self.statusBar().showMessage(self.tr("Finishing the work in progress…"))
            self.tasks.wait()
        try:
            self._settings.set(
                "window_geometry", bytes(self.saveGeometry().toBase64().data()).decode()
            )
        except OSError:
            log.warning("Could not save the window position", exc_info=True)
        if not self._demo and self._services is not None:
            try:
                self._services.backups.routine_backup("exit")
            except (UserFacingError, OSError, ValueError) as exc:
                log.warning("The backup on exit failed (%s)", type(exc).__name__)
        super().closeEvent(event)

    def show_help(self) -> None:
        """F1: the keys, and where to find more help (nothing is fetched from the web)."""
        from linkworker.ui.help_dialog import HelpDialog

        go_keys = [
            (action.shortcut().toString(QKeySequence.SequenceFormat.NativeText), action.text())
            for action in self.go_menu.actions()
        ]
        dialog = HelpDialog(self._data_dir, self.current_area_name(), go_keys, self)
        try:
            self._exec_dialog(dialog)
        finally:
            dialog.deleteLater()

    def _exec_dialog(self, dialog: QDialog) -> bool:
        """Run a modal dialog; tests replace this to look at it instead."""
        return bool(dialog.exec())

    def current_area_name(self) -> str:
        """The area on show, in words ("" on the welcome page)."""
        area = self.current_area()
        if area is None or self.pages.currentWidget() is not self._built_page(area):
            return ""
        return next(name for a, name, _ in AREAS if a is area)

    def _about(self) -> None:
        from html import escape

        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About Link Worker"),
            self.tr(
                "<h3>Link Worker {version}</h3><p>For social prescribing link workers: "
                "people, plans and the community directory, on your own computer.</p>"
                "<p>Your data: {folder}</p>"
            ).format(version=__version__, folder=escape(str(self._data_dir))),
        )
