"""Signing in, the idle lock and who records what: the real main window over a real data file."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QWidget

from linkworker.domain.people import Consent, ConversationDraft, EpisodeDraft, PersonDraft
from linkworker.ui.lock_screen import LockPanel
from linkworker.ui.main_window import Area, MainWindow
from linkworker.ui.people.conversation_dialog import ConversationDialog
from linkworker.ui.sign_in_dialog import SignInDialog
from linkworker.ui.worker_session import WorkerSession, start_session
from tests.data.people_helpers import AGREED

PRIYA_PIN = "246810"
SAM_PIN = "135790"
PERSON = "Winifred Hartley"
TODAY = dt.date.today()


def _person(services: Any) -> Any:
    person = services.people.save_person(
        PersonDraft(given_name="Winifred", family_name="Hartley", nhs_number="9995752697")
    )
    return services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=person.id, referral_date=TODAY - dt.timedelta(days=3)
        )
    )


def _texts_on_screen() -> list[str]:
    """Every text a visible widget shows: labels, fields, titles, and rows of visible lists."""
    seen: list[str] = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        getters = ("text", "toPlainText", "windowTitle", "currentText", "currentMessage")
        for getter in (*getters, "placeholderText"):
            value = getattr(widget, getter, None)
            if callable(value):
                with contextlib.suppress(TypeError):
                    seen.append(str(value()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, top = widget.model(), QModelIndex()
            for row in range(model.rowCount(top)):
                column = 0
                while (cell := model.index(row, column, top)).isValid():
                    seen.append(str(cell.data()))
                    column += 1
    return seen


def _shown(name: str) -> bool:
    return any(name in text for text in _texts_on_screen())


def _show(qtbot: Any, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def signed_in(qtbot: Any, services: Any) -> tuple[MainWindow, WorkerSession]:
    """The window with Priya signed in (Sam is a colleague), and a person on People."""
    services.settings.set("welcome_done", True)
    services.settings.set("user_name", "Typed In Settings")
    priya = services.workers.add_first("Priya Shah", PRIYA_PIN)
    services.workers.add("Sam Okafor", SAM_PIN)
    window = MainWindow.with_services(services)
    session = WorkerSession(window, services)
    session.add_to_menu()
    session.begin(priya)
    _show(qtbot, window)
    return window, session


def _fill(*steps: Callable[[SignInDialog], None]) -> Callable[[SignInDialog], bool]:
    """Stands in for the dialog's exec: runs each step on it, then says whether it was accepted."""

    def run(dialog: SignInDialog) -> bool:
        for step in steps:
            step(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    return run


def test_signing_in_wrong_then_right(qtbot: Any, services: Any) -> None:
    services.settings.set("welcome_done", True)
    services.workers.add_first("Priya Shah", PRIYA_PIN)
    episode = _person(services)
    services.workers.sign_out()
    window = MainWindow(services.settings, services.paths.data_dir)
    session = start_session(window, services)
    window.attach(services)
    session.add_to_menu()
    _show(qtbot, window)
    window.open_person(episode.draft.person_id, "")
    assert session.is_locked and not _shown(PERSON)

    problems: list[str] = []

    def wrong(dialog: SignInDialog) -> None:
        assert not dialog.first
        dialog.name_edit.setCurrentText("priya shah")  # type: ignore[union-attr]
        dialog.secret_edit.setText("111111")
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        problems.append(dialog.problem.text())
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.secret_edit.text() == ""  # cleared for another try

    def right(dialog: SignInDialog) -> None:
        dialog.secret_edit.setText(PRIYA_PIN)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)

    session._exec_dialog = _fill(wrong, right)  # type: ignore[method-assign]
    session.ask()
    assert problems == ["That name and PIN or passphrase do not match. Please try again."]
    assert not session.is_locked
    assert services.units.actor.worker_name == "Priya Shah"
    assert session.status.text() == "Signed in: Priya Shah"
    qtbot.waitUntil(lambda: _shown(PERSON))


def test_the_first_worker_is_set_up_with_the_pin_typed_twice(qtbot: Any, services: Any) -> None:
    services.settings.set("user_name", "Priya Shah")
    window = MainWindow(services.settings, services.paths.data_dir)
    session = start_session(window, services)
    window.attach(services)
    _show(qtbot, window)
    said: list[str] = []

    def mismatched(dialog: SignInDialog) -> None:
        assert dialog.first and dialog.name_text() == "Priya Shah"
        dialog.secret_edit.setText(PRIYA_PIN)
        assert dialog.again_edit is not None
        dialog.again_edit.setText("246811")
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        said.append(dialog.problem.text())

    def matched(dialog: SignInDialog) -> None:
        assert dialog.again_edit is not None
        dialog.again_edit.setText(PRIYA_PIN)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)

    session._exec_dialog = _fill(mismatched, matched)  # type: ignore[method-assign]
    session.ask()
    assert said == ["The two do not match. Type it again."]
    (worker,) = services.workers.listed()
    assert worker.display_name == "Priya Shah" and worker.is_manager
    assert not session.is_locked


def test_the_idle_lock_hides_people_and_only_the_same_worker_unlocks(
    qtbot: Any, services: Any, signed_in: tuple[MainWindow, WorkerSession]
) -> None:
    window, session = signed_in
    episode = _person(services)
    window.open_person(episode.draft.person_id, "")
    qtbot.waitUntil(lambda: _shown(PERSON))
    title = window.windowTitle()

    session.idle_ms_override = 30
    session.watch.restart()
    qtbot.waitUntil(lambda: session.is_locked)
    panel = window.centralWidget()
    assert isinstance(panel, LockPanel) and panel.isVisible()
    window.statusBar().showMessage(f"Saved a conversation with {PERSON}")  # work finishing
    assert not _shown(PERSON)
    assert PERSON not in window.windowTitle() and "locked" in window.windowTitle()
    assert "Priya Shah" in " ".join(_texts_on_screen())

    # Sam's PIN is a good PIN, but not Priya's: the window stays locked.
    panel.secret_edit.setText(SAM_PIN)
    qtbot.keyClick(panel.secret_edit, Qt.Key.Key_Return)
    assert session.is_locked and not _shown(PERSON)
    assert "not the PIN or passphrase of Priya Shah" in panel.problem.text()

    panel.secret_edit.setText(PRIYA_PIN)
    qtbot.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)
    assert not session.is_locked
    assert window.windowTitle() == title
    assert window.current_area() is Area.PEOPLE
    qtbot.waitUntil(lambda: _shown(PERSON))


def test_ctrl_l_locks_at_once(qtbot: Any, signed_in: tuple[MainWindow, WorkerSession]) -> None:
    window, session = signed_in
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    focused = window.focusWidget() or window
    qtbot.keyClick(focused, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert session.is_locked
    assert session.lock_action in window.file_menu.actions()
    assert session.sign_out_action in window.file_menu.actions()


def _conversation(qtbot: Any, services: Any, window: MainWindow, episode: Any) -> Any:
    """A new conversation with the person, as the People page opens it (by its worker's name)."""
    dialog = ConversationDialog(
        services.people.save_conversation,
        services.drafts,
        episode.id,
        PERSON,
        window.people_page._user_name(),
        parent=window,
    )
    qtbot.addWidget(dialog)
    return dialog


def _run_over_dialog(dialog: QDialog, steps: Callable[[], None]) -> list[BaseException]:
    """Run ``steps`` while ``dialog`` waits in exec(), as it does in the app; then close it."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            steps()
        except BaseException as exc:  # reported after exec() returns
            failures.append(exc)
        finally:
            dialog.reject()

    QTimer.singleShot(0, run)
    dialog.exec()
    return failures


def test_an_open_conversation_is_covered_and_comes_back_with_its_text(
    qtbot: Any, services: Any, signed_in: tuple[MainWindow, WorkerSession]
) -> None:
    window, session = signed_in
    episode = _person(services)
    window.open_person(episode.draft.person_id, "")
    dialog = _conversation(qtbot, services, window, episode)
    dialog._ask_keep_draft = lambda: False  # type: ignore[method-assign]
    typed = "She would like to try the walking group on Thursday"
    seen: dict[str, Any] = {}

    def steps() -> None:
        dialog.notes_edit.setPlainText(typed)
        session.lock()
        seen["covered"] = dialog.isVisible()  # still there, waiting, but covered
        seen["notes shown"] = dialog.notes_edit.isVisible()
        seen["name shown"] = _shown(PERSON)
        seen["title"] = dialog.windowTitle()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # does not close the covered form
        seen["after escape"] = dialog.isVisible()
        seen["switch"] = session.switch()
        dialog_panel = next(p for p in session.cover.panels if p.parent() is dialog)
        dialog_panel.secret_edit.setText(PRIYA_PIN)
        qtbot.mouseClick(dialog_panel.unlock_button, Qt.MouseButton.LeftButton)
        seen["unlocked"] = not session.is_locked
        seen["text back"] = dialog.notes_edit.toPlainText()
        seen["notes shown again"] = dialog.notes_edit.isVisible()
        seen["title again"] = dialog.windowTitle()

    assert _run_over_dialog(dialog, steps) == []
    assert seen == {
        "covered": True,
        "notes shown": False,
        "name shown": False,
        "title": "Link Worker (locked)",
        "after escape": True,
        "switch": False,  # someone else may not sign in over Priya's open form
        "unlocked": True,
        "text back": typed,
        "notes shown again": True,
        "title again": f"Conversation with {PERSON}",
    }


def test_recorded_by_is_the_worker_signed_in(
    qtbot: Any, services: Any, signed_in: tuple[MainWindow, WorkerSession]
) -> None:
    window, _session = signed_in
    episode = _person(services)
    assert window.people_page._user_name() == "Priya Shah"  # not the name typed in Settings

    dialog = _conversation(qtbot, services, window, episode)
    dialog.notes_edit.setPlainText("Met at the library")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None and dialog.saved.draft.recorded_by == "Priya Shah"

    # A service given nobody's name takes the worker signed in.
    saved = services.people.save_conversation(
        ConversationDraft(episode_id=episode.id, at=dt.datetime.now() - dt.timedelta(hours=1))
    )
    assert saved.draft.recorded_by == "Priya Shah"
    consented = services.people.save_episode(
        EpisodeDraft(
            id=episode.id,
            version=services.people.get_person(episode.draft.person_id).episodes[0].version,
            person_id=episode.draft.person_id,
            referral_date=episode.draft.referral_date,
            consent_to_hold=Consent(True, TODAY),
        )
    )
    assert consented.draft.consent_to_hold.recorded_by == "Priya Shah"


def test_signing_out_asks_who_signs_in_next(
    qtbot: Any, services: Any, signed_in: tuple[MainWindow, WorkerSession]
) -> None:
    window, session = signed_in

    def sam(dialog: SignInDialog) -> None:
        dialog.name_edit.setCurrentText("Sam Okafor")  # type: ignore[union-attr]
        dialog.secret_edit.setText(SAM_PIN)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)

    session._exec_dialog = _fill(sam)  # type: ignore[method-assign]
    session.sign_out()
    assert session.is_locked and not services.units.actor.signed_in
    panel = window.centralWidget()
    assert isinstance(panel, LockPanel) and panel.sign_in_button.isVisibleTo(panel)
    qtbot.waitUntil(lambda: not session.is_locked)
    assert services.units.actor.worker_name == "Sam Okafor"
    assert session.status.text() == "Signed in: Sam Okafor"
    assert isinstance(window.centralWidget(), QWidget)
