"""The main window over real services, at the size of a small laptop screen."""

from __future__ import annotations

from typing import Any

from linkworker.ui.main_window import MainWindow


def open_window(qtbot: Any, services: Any) -> MainWindow:
    """The window shown at 1366 by 768, past the welcome page."""
    services.settings.set("welcome_done", True)
    window = MainWindow.with_services(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window
