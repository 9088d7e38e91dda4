"""What the flow tests share: the real window on People."""

from __future__ import annotations

from typing import Any

import pytest

from linkworker.services.sample_data import load_sample_drafts
from linkworker.ui.main_window import Area, MainWindow


@pytest.fixture
def people_window(qtbot: Any, services: Any) -> MainWindow:
    """The main window at laptop size, the sample directory loaded, showing People."""
    services.settings.set("user_name", "Priya Link")
    services.settings.set("welcome_done", True)
    services.directory.add_many(load_sample_drafts())
    window = MainWindow.with_services(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.show_area(Area.PEOPLE)
    assert window.current_area() is Area.PEOPLE
    return window
