"""The passphrase dialog: a wrong passphrase says so and asks again; the right one opens the data.

Real encrypted files under tmp_path; the dialog is driven as a person would (typing, Enter).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from linkworker.errors import WrongPassphrase
from linkworker.paths import AppPaths
from linkworker.services import encryption
from linkworker.services.context import open_services
from linkworker.ui import passphrase_dialog
from linkworker.ui.passphrase_dialog import PassphraseDialog, ask_key
from tests.data.encryption_helpers import fill, people_count

PASSPHRASE = "our team's passphrase"


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    made = AppPaths.under(tmp_path / "data")
    fill(made, encryption.new_key(PASSPHRASE), backup=False)
    return made


def _type(qtbot: Any, dialog: PassphraseDialog, text: str, again: str | None = None) -> None:
    dialog.passphrase_edit.clear()
    qtbot.keyClicks(dialog.passphrase_edit, text)
    if again is not None and dialog.again_edit is not None:
        dialog.again_edit.clear()
        qtbot.keyClicks(dialog.again_edit, again)
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)


def _person_typing(
    qtbot: Any, shown: list[PassphraseDialog], *dialogs: list[tuple[str, str | None]]
) -> Callable[[PassphraseDialog], int]:
    """Stands in for ``exec``: shows each dialog in turn and types its tries into it."""
    turns = iter(dialogs)

    def typing(dialog: PassphraseDialog) -> int:
        shown.append(dialog)  # a child of the window: closed with it
        dialog.show()
        qtbot.waitExposed(dialog)
        for text, again in next(turns):
            _type(qtbot, dialog, text, again)
        return dialog.result()

    return typing


def test_a_wrong_passphrase_is_said_then_the_right_one_opens_the_data(
    qtbot: Any, paths: AppPaths
) -> None:
    before = paths.database.read_bytes()
    dialog = PassphraseDialog(lambda p, _again: encryption.unlock(paths, p), new=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    for _ in range(3):
        _type(qtbot, dialog, "not our passphrase")
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.problem_label.isVisible()
    assert "does not open" in dialog.problem_label.text()
    assert "Caps Lock" in dialog.problem_label.text()  # after three wrong tries
    assert paths.database.read_bytes() == before

    _type(qtbot, dialog, PASSPHRASE)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert people_count(paths, dialog.key) == 1


def test_a_new_passphrase_must_match_and_be_long_enough(qtbot: Any) -> None:
    dialog = PassphraseDialog(encryption.new_key, new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "recover" in dialog.intro_label.text() and "backups" in dialog.intro_label.text()

    _type(qtbot, dialog, "short", "short")
    assert "at least" in dialog.problem_label.text()
    _type(qtbot, dialog, "long enough one", "long enough two")
    assert "not the same" in dialog.problem_label.text()
    assert dialog.result() != QDialog.DialogCode.Accepted

    _type(qtbot, dialog, "long enough one", "long enough one")
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.key is not None


def test_a_plain_data_file_is_encrypted_when_the_offer_is_taken(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = AppPaths.under(tmp_path / "plain")
    fill(plain, None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    def choose(dialog: PassphraseDialog) -> int:
        dialog.key = encryption.new_key(PASSPHRASE, PASSPHRASE)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(PassphraseDialog, "exec", choose)
    parent = QWidget()
    qtbot.addWidget(parent)

    key = ask_key(parent, plain, None)

    assert encryption.data_file(plain) is encryption.DataFile.ENCRYPTED
    assert people_count(plain, key) == 1


def test_cancelling_the_dialog_opens_nothing(
    qtbot: Any, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PassphraseDialog, "exec", lambda _d: QDialog.DialogCode.Rejected.value)
    parent = QWidget()
    qtbot.addWidget(parent)
    with pytest.raises(passphrase_dialog.Cancelled):
        ask_key(parent, paths, "not our passphrase")


def test_at_start_a_wrong_given_passphrase_leads_to_the_dialog_and_the_right_one_opens(
    qtbot: Any, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the window starts: the passphrase given is wrong, so the dialog asks, twice."""
    shown: list[PassphraseDialog] = []
    monkeypatch.setattr(
        PassphraseDialog,
        "exec",
        _person_typing(qtbot, shown, [("still not it", None), (PASSPHRASE, None)]),
    )
    parent = QWidget()
    qtbot.addWidget(parent)

    key = ask_key(parent, paths, "not our passphrase")

    assert len(shown) == 1 and shown[0].wrong_tries == 1
    assert people_count(paths, key) == 1


def test_settings_change_the_passphrase_of_the_open_data(
    qtbot: Any, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from linkworker.ui.settings_page import SettingsPage
    from linkworker.ui.workers import Tasks

    new = "the passphrase after"
    shown: list[PassphraseDialog] = []
    monkeypatch.setattr(
        PassphraseDialog, "exec", _person_typing(qtbot, shown, [(PASSPHRASE, None)], [(new, new)])
    )
    services = open_services(paths, key=encryption.unlock(paths, PASSPHRASE))
    try:
        page = SettingsPage(services, Tasks())
        qtbot.addWidget(page)
        assert page.passphrase_button.isVisibleTo(page)
        qtbot.mouseClick(page.passphrase_button, Qt.MouseButton.LeftButton)
        assert "changed" in page.backup_label.text()
        assert services.people.count() == 1
    finally:
        services.close()
    with pytest.raises(WrongPassphrase):
        encryption.unlock(paths, PASSPHRASE)
    encryption.unlock(paths, new)
