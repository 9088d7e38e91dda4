"""Fixtures shared by the window's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from PySide6.QtWidgets import QWidget

from linkworker.ui.workers import Tasks


@pytest.fixture
def tasks() -> Iterator[Tasks]:
    """A Tasks of the test's own; the work it started is finished before the next test."""
    made = Tasks()
    yield made
    made.wait()


W = TypeVar("W", bound=QWidget)


@pytest.fixture
def activate(qtbot: Any) -> Callable[[W], W]:
    """Show a widget as the active window (keys go to it) and hand it back."""

    def show(widget: W) -> W:
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        widget.activateWindow()
        qtbot.waitUntil(widget.isActiveWindow)
        return widget

    return show


@pytest.fixture
def laptop_window(qtbot: Any, services: Any) -> Callable[[], Any]:
    """Opens the real main window over ``services`` at laptop size, past the welcome
    (called once the test has put in what the window should show)."""
    from linkworker.ui.main_window import MainWindow

    def open_window() -> MainWindow:
        services.settings.set("welcome_done", True)
        window = MainWindow.with_services(services)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_window
