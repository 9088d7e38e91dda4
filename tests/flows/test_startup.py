"""Starting the real program as a separate process, the way a user or an installer does."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from linkworker import __version__
from linkworker.data import cipher
from tests.conftest import made_key


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "xdg-data"),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        XDG_STATE_HOME=str(home / "xdg-state"),
        XDG_CACHE_HOME=str(home / "xdg-cache"),
    )
    return env


def _run(
    args: list[str], home: Path, timeout: float = 60, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linkworker", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**_env(home), **env},
    )


def test_version(tmp_path: Path) -> None:
    result = _run(["--version"], tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"Link Worker {__version__}"


def test_smoke_creates_the_database_and_shows_the_window(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = _run(["--smoke", "--data-dir", str(data)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "smoke: window shown" in result.stdout
    db = data / "linkworker.sqlite3"
    assert db.exists()
    with cipher.connect(db, made_key(db)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert (data / "logs" / "linkworker.log").read_text().count("starting") == 1


def test_default_folders_come_from_platformdirs(tmp_path: Path) -> None:
    result = _run(["--smoke"], tmp_path)
    assert result.returncode == 0, result.stderr
    databases = list((tmp_path / "xdg-data").rglob("linkworker.sqlite3"))
    assert len(databases) == 1
    assert databases[0].parent.name == "LinkWorker"


def test_demo_shows_the_sample_directory_and_leaves_nothing(tmp_path: Path) -> None:
    parent = tmp_path / "demo-parent"  # the system's temporary folder, for this run
    parent.mkdir()
    result = _run(["--demo", "--smoke"], tmp_path, TMPDIR=str(parent))
    assert result.returncode == 0, result.stderr
    rows = int(result.stdout.rsplit("directory rows loaded:", 1)[1])
    assert rows >= 80
    assert list(parent.iterdir()) == []  # the throwaway folder is gone


def test_a_damaged_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "linkworker.sqlite3"
    junk = b"this is not a database" * 100
    db.write_bytes(junk)
    result = _run(["--smoke", "--data-dir", str(data)], tmp_path)
    assert result.returncode == 1
    assert "not a Link Worker data file" in result.stderr
    assert db.read_bytes() == junk


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _run(["--smoke", "--data-dir", str(data)], tmp_path).returncode == 0
    db = data / "linkworker.sqlite3"
    with cipher.connect(db, made_key(db)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db.read_bytes()
    result = _run(["--smoke", "--data-dir", str(data)], tmp_path)
    assert result.returncode == 1
    assert "newer version of Link Worker" in result.stderr
    assert db.read_bytes() == before


def test_a_second_launch_brings_the_first_window_forward(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = subprocess.Popen(
        [sys.executable, "-m", "linkworker", "--data-dir", str(data)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = data / "logs" / "linkworker.log"
    try:
        deadline = time.monotonic() + 30
        while not (log.exists() and "Opened" in log.read_text()):
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first copy did not start"
            time.sleep(0.1)
        second = _run(["--data-dir", str(data)], tmp_path, timeout=30)
        assert second.returncode == 0
        assert "already open" in second.stdout
        deadline = time.monotonic() + 10
        while "asked this window to come forward" not in log.read_text():
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        assert log.read_text().count("Opened") == 1  # the database was opened once only
    finally:
        first.terminate()
        first.wait(timeout=10)


def test_a_data_folder_that_cannot_be_written_gets_a_clear_message(tmp_path: Path) -> None:
    # /proc refuses new folders even to root, so this holds wherever the tests run.
    result = _run(["directory", "search", "x", "--data-dir", "/proc/linkworker-test"], tmp_path)
    assert result.returncode == 2
    assert "could not be created" in result.stderr
    assert "--data-dir" in result.stderr


def test_the_first_page_is_painted_before_the_data_layer_loads(tmp_path: Path) -> None:
    from linkworker.domain.directory import AssetDraft
    from linkworker.paths import AppPaths
    from linkworker.services.context import open_services

    data = tmp_path / "data"
    services = open_services(AppPaths.under(data))
    services.directory.add_many(AssetDraft(name=f"Walking group {n}") for n in range(250))
    services.close()

    # Python reports each import on stderr as it happens; merged with stdout, the
    # report shows what was loaded before each line the app printed.
    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "linkworker",
            "--smoke",
            "--data-dir",
            str(data),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=60,
        env=_env(tmp_path),
    )
    assert result.returncode == 0, result.stdout[-3000:]
    lines = result.stdout.splitlines()
    shown = next(i for i, line in enumerate(lines) if line.startswith("smoke: window shown"))
    loaded = next(i for i, line in enumerate(lines) if line.startswith("smoke: data loaded"))
    assert shown < loaded
    assert lines[loaded].endswith("directory rows loaded: 200")

    def imported(upto: int) -> set[str]:
        return {line.rsplit("|", 1)[-1].strip() for line in lines[:upto] if "|" in line}

    def loaded_of(names: set[str], packages: tuple[str, ...]) -> set[str]:
        return {n for n in names if n.split(".")[0] in packages or n.startswith(packages)}

    heavy = ("sqlalchemy", "alembic", "reportlab", "linkworker.cli", "linkworker.data.models")
    assert loaded_of(imported(loaded), heavy) == set()
    assert "sqlalchemy" in imported(len(lines))  # then the data is opened in full
    later = (
        "linkworker.ui.directory",
        "linkworker.ui.error_dialogs",
        "linkworker.data",
        "PySide6.QtNetwork",  # a first window loads it once it is on screen
    )
    assert loaded_of(imported(shown), heavy + later) == set()
