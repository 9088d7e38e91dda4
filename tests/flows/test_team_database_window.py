"""The window on a team database: Settings say where the data is; the server lost while a
form is saved leaves the form open with what was typed."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from linkworker import errors
from linkworker.ui.settings_page import SettingsPage
from linkworker.ui.workers import Tasks
from tests import postgres_seam
from tests.ui.test_asset_form_dialog import _existing, _open, _replace, _save

pytestmark = postgres_seam.needs_server()


def _let_in(database_url: str, allowed: bool) -> None:
    """Let connections into the test's database, or shut them out and end those open,
    as a server gone from the network does to this computer."""
    name = make_url(database_url).database
    admin = create_engine(postgres_seam.TEST_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(
                f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}'
            )
            if not allowed:
                conn.exec_driver_sql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    f" WHERE datname = '{name}'"
                )
    finally:
        admin.dispose()


def test_a_save_with_the_server_gone_keeps_the_form_and_says_so(
    qtbot: Any, directory: Any, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _existing(directory)
    dialog = _open(qtbot, directory, detail=opened)
    shown: list[errors.UserFacingError] = []
    monkeypatch.setattr(dialog, "_show_error", shown.append)
    _replace(qtbot, dialog.name_edit, "Riverside Cafe (new hours)")

    _let_in(database_url, False)
    try:
        _save(qtbot, dialog)
    finally:
        _let_in(database_url, True)

    assert [type(e) for e in shown] == [errors.TeamDatabaseLost]
    assert "still on screen" in shown[0].advice
    assert dialog.isVisible()
    assert dialog.name_edit.text() == "Riverside Cafe (new hours)"
    assert directory.get(opened.id).draft.name == opened.draft.name  # nothing half kept

    _save(qtbot, dialog)  # the server is back: the same save goes through

    assert not dialog.isVisible()
    assert directory.get(opened.id).draft.name == "Riverside Cafe (new hours)"


def test_settings_on_a_team_database_say_where_the_data_is(qtbot: Any, services: Any) -> None:
    tasks = Tasks()
    page = SettingsPage(services, tasks)
    qtbot.addWidget(page)
    tasks.wait()
    assert page.where_label.text().startswith("People and the directory are kept in the team")
    assert page.backup_label.text().startswith("The team database is backed up on its server")
    assert page.backup_button.isHidden() and page.passphrase_button.isHidden()
