"""What the flow tests share: the demo's data made once, and the real window on People."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from linkworker.paths import AppPaths
from linkworker.services.demo import fill_demo
from linkworker.services.sample_data import load_sample_drafts
from linkworker.ui.main_window import Area, MainWindow


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's invented people, the sample directory and postcodes; never changed."""
    root = tmp_path_factory.mktemp("demo") / "data"
    fill_demo(AppPaths.under(root))
    return root


@pytest.fixture
def demo_data(demo_folder: Path, tmp_path: Path) -> Path:
    """A copy of the demo's data folder for one test to change as it likes."""
    copy = tmp_path / "lw-data"
    shutil.copytree(demo_folder, copy)
    return copy


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
