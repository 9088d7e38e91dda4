"""File > Move to a team database…, over real services and a real data file."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialogButtonBox

from linkworker.services.context import Services
from linkworker.ui.team_copy_dialog import TeamCopyDialog
from linkworker.ui.workers import Tasks


def test_a_form_missing_its_server_says_what_to_fill_in_and_copies_nothing(
    qtbot: Any, services: Services, tasks: Tasks
) -> None:
    dialog = TeamCopyDialog(services, tasks)
    qtbot.addWidget(dialog)
    dialog.database.setText("linkworker")
    dialog.copy_button.click()
    assert dialog.message.text() == "Fill in Server, User first."
    assert not dialog.progress.isVisible()
    assert dialog.copied is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close).isEnabled()


def test_the_password_is_in_the_address_used_but_not_shown_or_kept(
    qtbot: Any, services: Services, tasks: Tasks
) -> None:
    dialog = TeamCopyDialog(services, tasks)
    qtbot.addWidget(dialog)
    dialog.host.setText("db.example.nhs.uk")
    dialog.database.setText("linkworker")
    dialog.user.setText("lw_app")
    dialog.password.setText("p@ss/word")
    address = dialog.address()
    assert "p@ss" not in repr(address)
    url = address.url(dialog.password.text())
    assert url == (
        "postgresql+psycopg://lw_app:p%40ss%2Fword@db.example.nhs.uk:5432/linkworker"
        "?sslmode=require"
    )
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
