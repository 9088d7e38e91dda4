"""Settings for signing in: the idle minutes, one's own PIN, and a manager's list of workers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from linkworker.ui.settings_page import SettingsPage
from linkworker.ui.workers import Tasks
from linkworker.ui.workers_dialog import SecretDialog, WorkersDialog

PIN = "246810"


def _page(qtbot: Any, services: Any) -> SettingsPage:
    page = SettingsPage(services, Tasks())
    qtbot.addWidget(page)
    return page


def _answer(fill: Callable[[Any], None]) -> Callable[[QDialog], bool]:
    """Stands in for a dialog's exec: fills it in, saves, and says whether it was accepted."""

    def run(dialog: QDialog) -> bool:
        fill(dialog)
        if isinstance(dialog, SecretDialog):
            dialog.try_save()
        return dialog.result() == QDialog.DialogCode.Accepted

    return run


def test_the_idle_minutes_are_set_in_settings(qtbot: Any, services: Any) -> None:
    services.workers.add_first("Priya Shah", PIN)
    page = _page(qtbot, services)
    spin = page.sign_in_box.idle_spin
    assert spin.value() == 5  # the default
    assert (spin.minimum(), spin.maximum()) == (1, 60)
    spin.setValue(12)
    assert services.settings.get("idle_lock_minutes") == 12


def test_a_manager_adds_a_worker_resets_a_pin_and_archives(
    qtbot: Any, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.workers.add_first("Priya Shah", PIN)
    page = _page(qtbot, services)
    assert page.sign_in_box.workers_button.isVisibleTo(page)
    dialog = WorkersDialog(services.workers)
    qtbot.addWidget(dialog)

    def new_worker(form: SecretDialog) -> None:
        form.name_edit.setText("Sam Okafor")
        form.new_edit.setText("135790")
        form.again_edit.setText("135790")

    dialog._exec_dialog = _answer(new_worker)  # type: ignore[method-assign]
    dialog.add_worker()
    assert [dialog.model.item(r).text() for r in range(dialog.model.rowCount())] == [
        "Priya Shah (manager)",
        "Sam Okafor",
    ]

    dialog.view.setCurrentIndex(dialog.model.index(1, 0))

    def new_pin(form: SecretDialog) -> None:
        form.new_edit.setText("112233")
        form.again_edit.setText("112233")

    dialog._exec_dialog = _answer(new_pin)  # type: ignore[method-assign]
    dialog.reset_pin()
    dialog._confirm = lambda _worker: True  # type: ignore[method-assign]
    dialog.archive()
    assert [dialog.model.item(r).text() for r in range(dialog.model.rowCount())] == [
        "Priya Shah (manager)"
    ]
    dialog.left_check.setChecked(True)
    assert dialog.model.rowCount() == 2
    assert services.workers.sign_in("Sam Okafor", "112233") is None  # archived


def test_a_worker_is_not_shown_the_list_and_changes_their_own_pin(
    qtbot: Any, services: Any
) -> None:
    services.workers.add_first("Priya Shah", PIN)
    services.workers.add("Sam Okafor", "135790")
    services.workers.sign_in("Sam Okafor", "135790")
    page = _page(qtbot, services)
    box = page.sign_in_box
    assert not box.workers_button.isVisibleTo(page)
    services.workers.sign_in("Priya Shah", PIN)  # a manager signs in at the same window
    page.show()
    assert box.workers_button.isVisibleTo(page)
    services.workers.sign_in("Sam Okafor", "135790")
    box.follow_who_signed_in()
    assert not box.workers_button.isVisibleTo(page)
    said: list[str] = []

    def wrong_then_right(form: SecretDialog) -> None:
        form.current_edit.setText("000000")
        form.new_edit.setText("a new passphrase")
        form.again_edit.setText("a new passphrase")
        form.try_save()
        said.append(form.problem.text())
        form.current_edit.setText("135790")

    box._exec_dialog = _answer(wrong_then_right)  # type: ignore[method-assign]
    box.change_my_pin()
    assert said and "current PIN" in said[0]
    assert services.workers.sign_in("Sam Okafor", "a new passphrase") is not None
