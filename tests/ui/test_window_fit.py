"""The main window fits the screen it opens on, comes back where it was, and has its keys.

Tests run on Qt's offscreen screen, 800 x 800 pixels; the placement rules are also
checked on the rectangles of a 1366 x 768 laptop and of a second monitor unplugged.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QMargins, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

from linkworker.domain.directory import AssetDraft
from linkworker.ui.help_dialog import HelpDialog
from linkworker.ui.main_window import Area, MainWindow
from linkworker.ui.window_place import back_on_screen, first_placement

LAPTOP = QRect(0, 0, 1366, 768)  # no panel
LAPTOP_WITH_PANEL = QRect(0, 0, 1366, 736)
TITLE_BAR = QMargins(1, 30, 1, 1)


def _window(qtbot: Any, services: Any) -> MainWindow:
    services.settings.set("welcome_done", True)
    services.directory.save(AssetDraft(name="Library reading group"))
    window = MainWindow.with_services(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _inside(window: MainWindow) -> bool:
    screen = QGuiApplication.primaryScreen().availableGeometry()
    return screen.contains(window.frameGeometry())


def test_the_window_opens_inside_the_screen(qtbot: Any, services: Any) -> None:
    window = _window(qtbot, services)
    qtbot.waitUntil(lambda: _inside(window), timeout=2000)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() >= screen.width() - 20  # as much of the screen as it can take
    assert window.statusBar().isVisible()


def test_on_a_1366_by_768_laptop_the_whole_window_and_its_frame_fit() -> None:
    for screen in (LAPTOP, LAPTOP_WITH_PANEL):
        placed = first_placement(screen)
        assert screen.contains(placed.marginsAdded(TITLE_BAR)), (screen, placed)
        assert placed.width() >= 1340 and placed.height() >= 690  # the laptop is filled
    roomy = first_placement(QRect(0, 0, 1920, 1080))
    assert roomy.size() == QSize(1400, 860)
    assert roomy.center().x() == QRect(0, 0, 1920, 1080).center().x()


def test_a_place_on_an_unplugged_monitor_comes_back_to_the_laptop() -> None:
    on_the_monitor = QRect(1500, 100, 1600, 1000)  # it was on a screen to the right
    placed = back_on_screen(on_the_monitor, [LAPTOP_WITH_PANEL], LAPTOP_WITH_PANEL)
    assert LAPTOP_WITH_PANEL.contains(placed.marginsAdded(TITLE_BAR))
    assert placed.width() <= 1366 and placed.height() <= 736
    half_off = QRect(900, 300, 1000, 700)  # partly on the laptop: moved, not resized more
    moved = back_on_screen(half_off, [LAPTOP_WITH_PANEL], LAPTOP_WITH_PANEL)
    assert moved.size() == QSize(1000, 696) and LAPTOP_WITH_PANEL.contains(moved)
    fits = QRect(100, 100, 800, 500)
    assert back_on_screen(fits, [LAPTOP_WITH_PANEL], LAPTOP_WITH_PANEL) == fits


def test_size_and_place_are_remembered_in_the_data_folder(qtbot: Any, services: Any) -> None:
    window = _window(qtbot, services)
    qtbot.waitUntil(lambda: _inside(window), timeout=2000)
    window.setGeometry(20, 40, 760, 600)
    where = window.frameGeometry()
    window.close()
    # In the app's own settings file, in the data folder given (not Qt's global settings).
    assert services.settings.get("window_geometry")
    assert services.settings.path.is_relative_to(services.paths.data_dir)
    again = _window(qtbot, services)
    assert again.size() == QSize(760, 600)
    qtbot.waitUntil(lambda: again.frameGeometry() == where, timeout=2000)


def test_a_remembered_place_off_every_screen_is_brought_back(qtbot: Any, services: Any) -> None:
    window = _window(qtbot, services)
    window.hide()
    window.setGeometry(3000, 2400, 760, 600)  # on a monitor that is no longer there
    saved = bytes(window.saveGeometry().toBase64().data()).decode()
    window.close()
    services.settings.set("window_geometry", saved)
    again = MainWindow.with_services(services)
    qtbot.addWidget(again)
    assert QGuiApplication.primaryScreen().availableGeometry().contains(again.geometry())
    assert QByteArray.fromBase64(saved.encode())  # the saved place was a real one


def test_quit_has_ctrl_q_on_every_system(qtbot: Any, services: Any, monkeypatch: Any) -> None:
    # As on Windows, where the system gives no key for Quit.
    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(lambda _key: []))
    window = _window(qtbot, services)
    assert QKeySequence("Ctrl+Q") in window.quit_action.shortcuts()
    with qtbot.waitSignal(window.quit_action.triggered, timeout=2000):
        window.quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)


def test_f1_opens_help_that_says_where_to_find_more(qtbot: Any, services: Any) -> None:
    window = _window(qtbot, services)
    window.show_area(Area.PEOPLE)
    shown: list[HelpDialog] = []

    def look(dialog: Any) -> bool:
        shown.append(dialog)
        return False

    window._exec_dialog = look  # type: ignore[method-assign]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.people_page.search_edit, Qt.Key.Key_F1)
    assert len(shown) == 1
    text = shown[0].text.toPlainText()
    assert "Ctrl+F" in text and "Ctrl+Q" in text and "F1" in text
    assert "Alt+1, Alt+2, Alt+3" in text  # the keys of the area on show
    assert "Go to People" in text and str(services.paths.data_dir) in text
    assert "README" in text or "guide" in text
