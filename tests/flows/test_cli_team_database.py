"""The command line and the window on a team database: --database-url or LINKWORKER_DATABASE_URL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from linkworker.services.team_database import URL_VARIABLE
from tests import postgres_seam
from tests.conftest import TEST_PASSPHRASE
from tests.flows.test_cli_directory import ROWS, run, write_csv
from tests.flows.test_startup import _run as run_window
from tests.postgres_seam import closed_port

NEEDS_SERVER = postgres_seam.needs_server()


@NEEDS_SERVER
def test_commands_work_on_the_team_database_and_leave_no_local_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = tmp_path / "lw-data"
    assets = str(write_csv(tmp_path / "assets.csv", ROWS))
    code, out, err = run(
        capsys, "--database-url", database_url, "--data-dir", str(data_dir),
        "directory", "import", assets,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "Imported 3 assets." in out

    # The same database through the environment, as a team's machines are set up.
    monkeypatch.setenv(URL_VARIABLE, database_url)
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "directory", "search", "walking", "--json"
    )
    assert code == 0
    found = json.loads(out)
    assert found["total"] == 3
    assert found["results"][0]["name"] == "Walking Group"
    assert not (data_dir / "linkworker.sqlite3").exists()


def test_a_team_database_that_does_not_answer_is_explained(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    port = closed_port()
    url = f"postgresql+psycopg://priya:Kettle-Biscuit-42@127.0.0.1:{port}/linkworker"
    code, out, err = run(
        capsys, "--database-url", url, "--data-dir", str(tmp_path / "d"), "directory", "search", "x"
    )
    assert code == 2 and out == ""
    assert f"The team database at 127.0.0.1:{port} did not answer." in err
    assert "Kettle-Biscuit-42" not in err
    log = (tmp_path / "d" / "logs" / "linkworker.log").read_text(encoding="utf-8")
    assert "Cannot open" in log or "starting" in log
    assert "Kettle-Biscuit-42" not in log


@NEEDS_SERVER
def test_the_window_opens_on_the_team_database_with_no_local_file(
    tmp_path: Path, database_url: str
) -> None:
    data = tmp_path / "lw-data"
    result = run_window(
        ["--smoke", "--database-url", database_url, "--data-dir", str(data)], tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "smoke: data loaded" in result.stdout
    assert not (data / "linkworker.sqlite3").exists()


def test_the_window_names_the_team_database_that_did_not_answer(tmp_path: Path) -> None:
    port = closed_port()
    url = f"postgresql+psycopg://priya@127.0.0.1:{port}/linkworker"
    result = run_window(
        ["--smoke", "--database-url", url, "--data-dir", str(tmp_path / "d")], tmp_path
    )
    assert result.returncode == 1
    assert f"smoke: failed: The team database at 127.0.0.1:{port} did not answer." in result.stderr


def test_the_window_offers_the_local_file_when_the_team_database_does_not_answer(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from linkworker.app import _open_services
    from linkworker.paths import AppPaths
    from linkworker.services.settings import SettingsStore
    from linkworker.ui.application import _Start
    from linkworker.ui.main_window import MainWindow
    from linkworker.ui.worker_session import WorkerSession

    port = closed_port()
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    # The sign-in that follows is closed unanswered (its dialog is what tests replace).
    monkeypatch.setattr(WorkerSession, "_exec_dialog", lambda _self, _dialog: False)
    paths = AppPaths.under(tmp_path / "lw-data")
    settings = SettingsStore(paths.settings_file)
    window = MainWindow(settings, paths.data_dir)
    qtbot.addWidget(window)
    start = _Start(window, paths, settings, _open_services, None, None)
    start.passphrase = TEST_PASSPHRASE
    start.url = f"postgresql+psycopg://priya@127.0.0.1:{port}/linkworker"
    try:
        start.open_data()
        assert len(asked) == 1
        assert f"The team database at 127.0.0.1:{port} did not answer." in asked[0]
        assert asked[0].endswith("Open the local data file instead?")
        assert start.url is None and start.services is not None
        assert paths.database.exists()  # the local data file, opened as usual
    finally:
        start.close()
