"""The main window: navigation on the left, one page per area on the right."""

from __future__ import annotations

import logging
from enum import IntEnum

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from linkworker import __version__
from linkworker.errors import UserFacingError
from linkworker.services.context import Services
from linkworker.services.sample_data import load_sample_drafts
from linkworker.ui.directory.directory_page import DirectoryPage
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.settings_page import SettingsPage
from linkworker.ui.welcome_page import WelcomePage
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
    (Area.TODAY, "Today", False),
    (Area.PEOPLE, "People", False),
    (Area.DIRECTORY, "Directory", True),
    (Area.REPORTS, "Reports", False),
    (Area.SETTINGS, "Settings", True),
)


class MainWindow(QMainWindow):
    """Holds the pages, the navigation, the menus and the status bar."""

    def __init__(
        self, services: Services, demo: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._demo = demo
        self.tasks = Tasks(self)
        title = self.tr("Link Worker")
        if demo:
            title += self.tr(" (demo)")
        self.setWindowTitle(title)
        self.setMinimumSize(QSize(960, 600))

        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Areas"))
        self.nav.setFixedWidth(170)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setStyleSheet(
            "QListWidget{border:none;background:#f1f3f5;font-size:14px;padding-top:8px}"
            "QListWidget::item{padding:9px 14px}"
            "QListWidget::item:selected{background:#dbe7f3;color:#10324f;font-weight:600}"
            "QListWidget::item:disabled{color:#9aa0a6}"
        )
        self.pages = QStackedWidget()
        self.directory_page = DirectoryPage(services, self.tasks)
        self.settings_page = SettingsPage(services, self.tasks, demo=demo)
        self.settings_page.stale_months_changed.connect(self.directory_page.stale_spin.setValue)
        self.welcome_page = WelcomePage()
        self.welcome_page.sample_requested.connect(self.load_sample_directory)
        self.welcome_page.import_requested.connect(self._welcome_import)
        self.welcome_page.empty_requested.connect(self._welcome_done)
        self._page_of: dict[Area, QWidget] = {
            Area.DIRECTORY: self.directory_page,
            Area.SETTINGS: self.settings_page,
        }
        for page in (self.directory_page, self.settings_page, self.welcome_page):
            self.pages.addWidget(page)

        for area, name, available in AREAS:
            item = QListWidgetItem(self.tr(name))
            item.setData(Qt.ItemDataRole.UserRole, area)
            if not available:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(
                    self.tr("{area} arrives in a later version of Link Worker.").format(
                        area=self.tr(name)
                    )
                )
            self.nav.addItem(item)
        self.nav.currentItemChanged.connect(self._nav_changed)

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(body)
        self._build_menus()

        where = QLabel(
            self.tr("Demo data: changes are discarded when you close")
            if demo
            else self.tr("Data: {folder}").format(folder=services.paths.data_dir)
        )
        where.setStyleSheet("color:#555;padding:0 6px")
        self.statusBar().addPermanentWidget(where)
        self._restore_geometry()

        if self._needs_welcome():
            self.pages.setCurrentWidget(self.welcome_page)
            self.nav.setEnabled(False)
        else:
            self.show_area(Area.DIRECTORY)

    # Navigation ------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.directory_page.import_action)
        file_menu.addAction(self.directory_page.export_action)
        backup = QAction(self.tr("&Back up now"), self)
        backup.triggered.connect(self.settings_page.backup_now)
        file_menu.addAction(backup)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view = self.menuBar().addMenu(self.tr("&Go"))
        for area, name, available in AREAS:
            if available:
                action = QAction(self.tr(name), self)
                action.setShortcut(QKeySequence(f"Ctrl+{int(area) + 1}"))
                action.triggered.connect(lambda _c=False, a=area: self.show_area(a))
                view.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Link Worker"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def show_area(self, area: Area) -> None:
        page = self._page_of.get(area)
        if page is None:
            return
        self.nav.setEnabled(True)
        self.nav.setCurrentRow(int(area))
        self.pages.setCurrentWidget(page)
        if area is Area.DIRECTORY:
            self.directory_page.focus_search()

    def current_area(self) -> Area | None:
        item = self.nav.currentItem()
        return None if item is None else Area(item.data(Qt.ItemDataRole.UserRole))

    def _nav_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            page = self._page_of.get(Area(current.data(Qt.ItemDataRole.UserRole)))
            if page is not None:
                self.pages.setCurrentWidget(page)

    def bring_forward(self) -> None:
        """A second launch asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # First run -------------------------------------------------------------

    def _needs_welcome(self) -> bool:
        return (
            not self._services.settings.get("welcome_done") and self._services.directory.is_empty()
        )

    def _welcome_done(self) -> None:
        self._services.settings.set("welcome_done", True)
        self.directory_page.refresh_facets()
        self.directory_page.apply_filters()
        self.show_area(Area.DIRECTORY)

    def _welcome_import(self) -> None:
        self.directory_page.import_csv()
        if not self._services.directory.is_empty():
            self._welcome_done()

    def load_sample_directory(self) -> None:
        """Fill the directory with the shipped sample, in the background."""
        self.welcome_page.set_busy(self.tr("Loading the sample directory…"))
        directory = self._services.directory

        def done(count: int) -> None:
            self.welcome_page.set_busy("")
            self.statusBar().showMessage(
                self.tr("Loaded {n} sample community assets.").format(n=count), 8000
            )
            self._welcome_done()

        def failed(exc: BaseException) -> None:
            self.welcome_page.set_busy("")
            if isinstance(exc, UserFacingError):
                show_user_error(self, exc)
            else:
                raise exc

        self.tasks.start(lambda: directory.add_many(load_sample_drafts()), done, failed)

    # Window state ----------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = str(self._services.settings.get("window_geometry") or "")
        if not saved or not self.restoreGeometry(QByteArray.fromBase64(saved.encode())):
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tasks.busy:
            self.statusBar().showMessage(self.tr("Finishing the work in progress…"))
            self.tasks.wait()
        try:
            self._services.settings.set(
                "window_geometry", bytes(self.saveGeometry().toBase64().data()).decode()
            )
        except OSError:
            log.warning("Could not save the window position", exc_info=True)
        if not self._demo:
            try:
                self._services.backups.backup_if_older_than(hours=24)
            except (UserFacingError, OSError, ValueError):
                log.warning("Daily backup failed", exc_info=True)
        super().closeEvent(event)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Link Worker"),
            self.tr(
                "<h3>Link Worker {version}</h3><p>For social prescribing link workers: "
                "people, plans and the community directory, on your own computer.</p>"
                "<p>Your data: {folder}</p>"
            ).format(version=__version__, folder=self._services.paths.data_dir),
        )
