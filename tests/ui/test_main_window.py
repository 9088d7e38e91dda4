"""The main window, first run, the error hook and the single-instance guard."""

from __future__ import annotations

import logging
import threading
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from linkworker.domain.directory import AssetDraft
from linkworker.errors import DatabaseLocked
from linkworker.ui.error_dialogs import ExceptionHook
from linkworker.ui.main_window import AREAS, Area, MainWindow
from linkworker.ui.single_instance import SingleInstance


def _window(qtbot: Any, services: Any, **kw: Any) -> MainWindow:
    window = MainWindow.with_services(services, **kw)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_first_run_offers_four_ways_to_begin(qtbot: Any, services: Any) -> None:
    window = _window(qtbot, services)
    assert window.pages.currentWidget() is window.welcome_page
    labels = [b.accessibleName() for b in window.welcome_page.choices()]
    assert labels == [
        "Import from Open Referral UK",
        "Import a spreadsheet",
        "Load the sample directory",
        "Start empty",
    ]
    qtbot.mouseClick(window.welcome_page.empty_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.directory_page
    assert services.settings.get("welcome_done") is True


def test_loading_the_sample_directory_fills_the_table(qtbot: Any, services: Any) -> None:
    window = _window(qtbot, services)
    qtbot.mouseClick(window.welcome_page.sample_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.directory_page, timeout=20000)
    total = services.directory.facets().total_assets
    assert total >= 80
    assert window.directory_page.model.total == total
    assert window.directory_page.model.rowCount() == min(total, 200)


def test_returning_user_goes_straight_to_today(qtbot: Any, services: Any) -> None:
    services.directory.save(AssetDraft(name="Library reading group"))
    window = _window(qtbot, services)
    assert window.pages.currentWidget() is window.today_page
    assert window.current_area() is Area.TODAY


def test_each_area_is_chosen_from_the_navigation(qtbot: Any, services: Any) -> None:
    services.settings.set("welcome_done", True)
    window = _window(qtbot, services)
    for row, (_area, name, available) in enumerate(AREAS):
        item = window.nav.item(row)
        assert item.text() == name
        assert bool(item.flags() & Qt.ItemFlag.ItemIsEnabled) is available
        if not available:
            assert "later version" in item.toolTip()
    window.show_area(Area.REPORTS)
    assert window.pages.currentWidget() is window.reports_page
    assert window.current_area() is Area.REPORTS
    assert window.current_area_name() == "Reports"
    window.show_area(Area.PEOPLE)
    assert window.pages.currentWidget() is window.people_page
    window.show_area(Area.SETTINGS)
    assert window.pages.currentWidget() is window.settings_page


def test_window_geometry_is_remembered(qtbot: Any, services: Any) -> None:
    services.settings.set("welcome_done", True)
    window = _window(qtbot, services)
    window.resize(1000, 731)  # the offscreen screen is 800 x 800: height is what fits
    window.close()
    assert services.settings.get("window_geometry")
    again = _window(qtbot, services)
    assert again.size().height() == 731


def test_settings_backup_now_makes_a_restorable_copy(qtbot: Any, services: Any) -> None:
    import sqlite3

    services.directory.save(AssetDraft(name="Allotment project"))
    services.settings.set("welcome_done", True)
    window = _window(qtbot, services)
    # The window backs up once as it starts; the button makes a second, manual one.
    qtbot.waitUntil(lambda: len(services.backups.backups()) == 1, timeout=5000)
    assert "start" in services.backups.backups()[0].path.name
    qtbot.mouseClick(window.settings_page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(services.backups.backups()) == 2, timeout=5000)
    qtbot.waitUntil(lambda: window.settings_page.backup_button.isEnabled(), timeout=5000)
    copy = next(b.path for b in services.backups.backups() if b.kind == "manual")
    names = sqlite3.connect(copy).execute("SELECT name FROM asset").fetchall()
    assert names == [("Allotment project",)]
    assert "2 backups" in window.settings_page.backup_label.text()


def test_exception_hook_logs_and_shows(qtbot: Any, tmp_path: Path, caplog: Any) -> None:
    known: list[Any] = []
    unknown: list[Any] = []
    hook = ExceptionHook(
        tmp_path / "log.txt",
        show_known=lambda p, e: known.append(e),
        show_unknown=lambda p, s, d, f: unknown.append((s, d, f)),
    )
    with caplog.at_level(logging.ERROR):
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            hook.handle(RuntimeError, exc, exc.__traceback__)
    qtbot.waitUntil(lambda: len(unknown) == 1, timeout=2000)
    summary, details, log_file = unknown[0]
    assert summary == "RuntimeError: boom"
    assert "Traceback" in details and "boom" in details
    assert log_file == tmp_path / "log.txt"
    assert any("Unexpected error" in r.message and r.exc_info for r in caplog.records)
    err = DatabaseLocked("The data file is in use.", "Close the other copy.")
    hook.handle(DatabaseLocked, err, None)
    qtbot.waitUntil(lambda: known == [err], timeout=2000)


def test_exception_in_a_thread_reaches_the_hook(qtbot: Any, tmp_path: Path) -> None:
    unknown: list[str] = []
    hook = ExceptionHook(tmp_path / "log.txt", show_unknown=lambda p, s, d, f: unknown.append(s))
    hook.install()
    try:

        def fail() -> None:
            raise ValueError("from a worker")

        thread = threading.Thread(target=fail)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: unknown == ["ValueError: from a worker"], timeout=2000)
    finally:
        hook.uninstall()


def test_second_copy_asks_the_first_to_come_forward(qtbot: Any) -> None:
    name = f"linkworker-test-{uuid.uuid4().hex[:8]}"
    first = SingleInstance(name)
    assert not first.notify_running_copy(timeout_ms=200)
    assert first.listen()
    second = SingleInstance(name)
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert second.notify_running_copy()
    first.close()
    assert not SingleInstance(name).notify_running_copy(timeout_ms=200)


def test_the_first_page_shows_before_the_data_is_open(
    qtbot: Any, services: Any, app_paths: Any
) -> None:
    from linkworker.services.first_look import first_directory_page
    from linkworker.ui.paged_table_model import PAGE_SIZE

    services.directory.add_many(
        AssetDraft(name=f"Walking group {n}", categories=(f"Kind {n % 3}",)) for n in range(250)
    )
    first = first_directory_page(app_paths, PAGE_SIZE)
    assert first is not None
    window = MainWindow(services.settings, app_paths.data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert window.show_first_look(*first)

    page = window.directory_page
    names = [page.model.summary(r).name for r in range(page.model.rowCount())]
    assert window.pages.currentWidget() is page
    assert names == [row.name for row in first[0].rows] and len(names) == 200
    assert page.count_label.text() == "250 assets"
    assert [page.category_combo.itemText(i) for i in range(page.category_combo.count())] == [
        "Any category",
        "Kind 0",
        "Kind 1",
        "Kind 2",
    ]
    assert window.current_area() is Area.DIRECTORY

    window.attach(services)

    # Once the data is open, Today (the home screen) takes over; the directory keeps its rows.
    assert window.pages.currentWidget() is window.today_page
    assert [page.model.summary(r).name for r in range(page.model.rowCount())] == names
    assert page.model.total == 250


def test_an_empty_directory_waits_for_the_data(qtbot: Any, services: Any, app_paths: Any) -> None:
    from linkworker.services.first_look import first_directory_page

    first = first_directory_page(app_paths, 200)
    assert first is not None and first[0].total == 0
    window = MainWindow(services.settings, app_paths.data_dir)
    qtbot.addWidget(window)

    assert not window.show_first_look(*first)  # it may be the first run: only the data can say

    window.attach(services)
    assert window.pages.currentWidget() is window.welcome_page
