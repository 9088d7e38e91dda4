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
