"""Shared fixtures. Every test runs with its folders under tmp_path, never the user's own."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

# Qt must see this before it is first imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from linkworker.paths import AppPaths
from linkworker.services.demo import fill_demo
from tests import postgres_seam

if TYPE_CHECKING:
    from linkworker.data.cipher import Key
    from linkworker.domain.actor import Actor
    from linkworker.services.context import Services

#: The in-memory keyring's fixture, for tests of the team database's password.
pytest_plugins = ["tests.memory_keyring"]

#: The data's passphrase in every test that goes through the command line or the window.
TEST_PASSPHRASE = "test passphrase 1"


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, the XDG folders and the platformdirs defaults at tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
        ("APPDATA", "AppData/Roaming"),
        ("LOCALAPPDATA", "AppData/Local"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setattr(AppPaths, "for_user", classmethod(lambda cls: cls.under(home / "user")))
    # The command line and the window (in this process or a child) never stop to ask.
    monkeypatch.setenv("LINKWORKER_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.delenv("LINKWORKER_NEW_PASSPHRASE", raising=False)
    return home


def made_key(database: Path) -> Key | None:
    """The key the command line or the window made ``database`` under in a test (None: plain)."""
    from linkworker.data import cipher

    if not database.exists() or cipher.is_plain(database):
        return None
    return cipher.derive_key(TEST_PASSPHRASE, cipher.file_salt(database))


def open_folder(paths: AppPaths) -> Services:
    """The services over a data folder the command line or the window made, as they open it."""
    from linkworker.services.context import open_services

    return open_services(paths, key=made_key(paths.database))


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "data")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): about the SQLite file itself; not run against PostgreSQL",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Against PostgreSQL, run only the tests whose database comes from the seam."""
    if not postgres_seam.TEST_URL:
        return
    keep, leave = [], []
    for item in items:
        uses_seam = postgres_seam.SEAM_FIXTURES & set(getattr(item, "fixturenames", ()))
        (keep if uses_seam and not item.get_closest_marker("sqlite_only") else leave).append(item)
    if leave:
        config.hook.pytest_deselected(items=leave)
        items[:] = keep


@pytest.fixture(scope="session")
def _postgres_template(request: pytest.FixtureRequest) -> Iterator[str]:
    """The migrated database each test's PostgreSQL database is copied from (one per worker)."""
    worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
    name = postgres_seam.make_template(worker)
    yield name
    postgres_seam.drop_spare(name)
    postgres_seam.drop(name)


@pytest.fixture
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """The URL of a fresh PostgreSQL database for this test; None: an SQLite file as usual."""
    if not postgres_seam.TEST_URL or request.node.get_closest_marker("sqlite_only"):
        yield None
        return
    template = request.getfixturevalue("_postgres_template")
    with postgres_seam.fresh_database(template) as url:
        yield url


@pytest.fixture
def services(app_paths: AppPaths, database_url: str | None) -> Iterator[object]:
    """Real services over a real SQLite file in tmp_path (or PostgreSQL: see postgres_seam)."""
    from linkworker.services.context import open_services

    opened = open_services(app_paths, url=database_url)
    yield opened
    opened.close()


@pytest.fixture
def directory(services: object) -> object:
    return services.directory  # type: ignore[attr-defined]


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


def demo_manager(demo_data: Path) -> Actor:
    """The demo's own worker (its manager), signed in on the copy at ``demo_data``."""
    from linkworker.services.demo import sign_in_demo

    services = open_folder(AppPaths.under(demo_data))
    try:
        assert sign_in_demo(services) is not None
        return services.units.actor
    finally:
        services.close()
