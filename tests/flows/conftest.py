"""Fixtures for the flows: the demo's data, made once and copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from linkworker.paths import AppPaths
from linkworker.services.demo import fill_demo


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
