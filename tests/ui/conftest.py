"""Fixtures shared by the window's tests."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from PySide6.QtWidgets import QWidget

from linkworker.ui.main_window import Area, MainWindow
from linkworker.ui.people.people_page import PeoplePage
from linkworker.ui.workers import Tasks
from tests.ui.laptop_window import open_window


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

    def opened() -> MainWindow:
        return open_window(qtbot, services)

    return opened


@pytest.fixture
def person_page(laptop_window: Callable[[], Any]) -> Callable[..., PeoplePage]:
    """Open the real window at 1366x768 on someone's record: ``person_page(id, "gp")``."""

    def open_on(person_id: uuid.UUID, tab: str = "story") -> PeoplePage:
        window = laptop_window()
        window.show_area(Area.PEOPLE)
        window.people_page.open_person(person_id, tab)
        page: PeoplePage = window.people_page
        return page

    return open_on
