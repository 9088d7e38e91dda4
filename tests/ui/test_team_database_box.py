"""Settings, Team database: the details are saved, the password goes to the keyring only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from linkworker.services.settings import SettingsStore
from linkworker.services.team_database import KEYRING_SERVICE, saved_team_database
from linkworker.ui.team_database_box import TeamDatabaseBox
from linkworker.ui.workers import Tasks
from tests.memory_keyring import MemoryKeyring
from tests.postgres_seam import closed_port


def _box(qtbot: Any, settings: SettingsStore, tasks: Tasks) -> TeamDatabaseBox:
    box = TeamDatabaseBox(settings, tasks)
    qtbot.addWidget(box)
    return box


def _type(qtbot: Any, box: TeamDatabaseBox, host: str, port: int, password: str) -> None:
    qtbot.keyClicks(box.host_edit, host)
    box.port_spin.setValue(port)
    qtbot.keyClicks(box.database_edit, "linkworker")
    qtbot.keyClicks(box.user_edit, "priya")
    qtbot.keyClicks(box.password_edit, password)


def test_saving_keeps_the_password_in_the_keyring_and_nowhere_else(
    qtbot: Any, tmp_path: Path, memory_keyring: MemoryKeyring, tasks: Tasks
) -> None:
    settings = SettingsStore(tmp_path / "settings.json")
    box = _box(qtbot, settings, tasks)
    assert box.status_label.text() == "Link Worker uses the data file on this computer."

    _type(qtbot, box, "db.pcn.example", 5433, "Kettle-Biscuit-42")
    box.ssl_check.setChecked(True)
    box.save_button.click()

    assert "opens the team database the next time it starts" in box.status_label.text()
    assert box.password_edit.text() == ""  # not left on screen
    team = saved_team_database(settings)
    assert team is not None
    assert (team.host, team.port, team.database, team.user, team.sslmode) == (
        "db.pcn.example",
        5433,
        "linkworker",
        "priya",
        "require",
    )
    assert memory_keyring.passwords == {
        (KEYRING_SERVICE, "priya@db.pcn.example:5433/linkworker"): "Kettle-Biscuit-42"
    }
    assert "Kettle-Biscuit-42" not in (tmp_path / "settings.json").read_text(encoding="utf-8")

    reopened = SettingsStore(tmp_path / "settings.json")
    again = _box(qtbot, reopened, tasks)
    assert again.host_edit.text() == "db.pcn.example" and again.password_edit.text() == ""
    assert again.status_label.text() == (
        "Link Worker uses the team database linkworker on db.pcn.example."
    )

    again.local_button.click()
    assert saved_team_database(reopened) is None
    assert "opens the data file on this computer" in again.status_label.text()


def test_trying_a_server_that_does_not_answer_says_what_to_check(
    qtbot: Any, tmp_path: Path, memory_keyring: MemoryKeyring, tasks: Tasks
) -> None:
    port = closed_port()
    box = _box(qtbot, SettingsStore(tmp_path / "settings.json"), tasks)
    _type(qtbot, box, "127.0.0.1", port, "Kettle-Biscuit-42")

    with qtbot.waitSignal(box.told) as first:
        box.test_button.click()
    assert first.args == ["Trying the team database…"]
    qtbot.waitUntil(box.test_button.isEnabled)

    told = box.status_label.text()
    assert f"The team database at 127.0.0.1:{port} did not answer." in told
    assert "Kettle-Biscuit-42" not in told
    assert saved_team_database(SettingsStore(tmp_path / "settings.json")) is None


def test_missing_details_are_named_before_anything_is_tried(
    qtbot: Any, tmp_path: Path, memory_keyring: MemoryKeyring, tasks: Tasks
) -> None:
    box = _box(qtbot, SettingsStore(tmp_path / "settings.json"), tasks)
    qtbot.keyClicks(box.database_edit, "linkworker")
    box.save_button.click()
    told = box.status_label.text()
    assert "the server's name or address is missing" in told
    assert "the user name is missing" in told
    assert memory_keyring.passwords == {}
