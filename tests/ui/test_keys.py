"""The keyboard does what people expect: Tab moves on, a goal can be saved without a
mouse, and Ctrl+P prints from every tab of a person. Over real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from linkworker.domain.people import EpisodeDraft, PersonDraft
from linkworker.domain.plan import GoalDraft
from linkworker.services.sample_data import load_sample_drafts
from linkworker.ui.directory.directory_page import DirectoryPage
from linkworker.ui.people.goal_dialog import GoalDialog
from linkworker.ui.people.people_page import PLAN_TAB, STORY_TAB, SUGGESTIONS_TAB, PeoplePage
from linkworker.ui.settings_page import SettingsPage
from linkworker.ui.workers import Tasks
from tests.data.people_helpers import AGREED


def _tab(qtbot: Any) -> QWidget:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    moved = QApplication.focusWidget()
    assert moved is not None
    return moved


def test_tab_leaves_the_directory_table_and_arrows_move_in_it(
    qtbot: Any, services: Any, activate: Any
) -> None:
    services.directory.add_many(load_sample_drafts()[:5])
    page = activate(DirectoryPage(services, Tasks()))
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == 1
    assert _tab(qtbot) is not page.table


def test_a_new_goal_can_be_saved_from_the_keyboard(
    qtbot: Any, services: Any, activate: Any
) -> None:
    person = services.people.save_person(PersonDraft(given_name="Maureen", family_name="Oakes"))
    episode = services.people.save_episode(
        EpisodeDraft(consent_to_hold=AGREED, person_id=person.id, referral_date=dt.date.today())
    )
    dialog = activate(GoalDialog(services.plans.save_goal, episode.id))
    qtbot.keyClicks(dialog.words_edit, "Get back to my allotment")
    assert dialog.step_rows[0].by_edit.text() == "No date"
    seen: list[QWidget] = []
    while QApplication.focusWidget() is not dialog.save_button:
        seen.append(_tab(qtbot))
        assert len(seen) < 30, [w.accessibleName() for w in seen[-5:]]
    assert dialog.step_rows[0].by_edit in seen  # it was passed through, not skipped
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    (goal,) = services.plans.get_plan(episode.id).goals
    assert goal.draft.words == "Get back to my allotment"


def test_the_referral_reasons_box_passes_tab_on(qtbot: Any, services: Any, activate: Any) -> None:
    page = activate(SettingsPage(services, Tasks()))
    before = page.reasons_edit.toPlainText()
    page.reasons_edit.setFocus()
    assert _tab(qtbot) is not page.reasons_edit
    assert page.reasons_edit.toPlainText() == before and "\t" not in before


def _tab_stops_after(widget: QWidget, count: int) -> list[QWidget]:
    stops: list[QWidget] = []
    current = widget.nextInFocusChain()
    while len(stops) < count and current is not widget:
        if current.focusPolicy() & Qt.FocusPolicy.TabFocus and current.isVisible():
            stops.append(current)
        current = current.nextInFocusChain()
    return stops


def test_rebuilt_rows_of_kinds_keep_their_place_in_the_tab_order(
    qtbot: Any, services: Any, activate: Any
) -> None:
    page = activate(SettingsPage(services, Tasks()))
    page.reasons_edit.setPlainText("Loneliness\nFuel poverty\nHousing")
    # New rows are shown a moment after they are made (Qt shows them from its event loop).
    qtbot.waitUntil(
        lambda: len(page.kind_edits) == 3 and all(e.isVisible() for e in page.kind_edits.values()),
        timeout=3000,
    )
    stops = _tab_stops_after(page.reasons_edit, 4)
    assert stops == [*page.kind_edits.values(), page.reset_kinds_button]


def test_ctrl_p_prints_the_plan_from_every_tab(qtbot: Any, services: Any, activate: Any) -> None:
    person = services.people.save_person(PersonDraft(given_name="Peggy", family_name="Owens"))
    episode = services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person.id,
            referral_date=dt.date.today(),
            link_worker="Sam",
        )
    )
    services.plans.save_goal(GoalDraft(episode_id=episode.id, words="Sing again"))
    page = activate(PeoplePage(services, Tasks()))
    page.select_person(person.id)
    titles: list[str] = []

    def look(dialog: Any) -> bool:
        titles.append(dialog.windowTitle())
        return False

    page.plan_widget._exec_dialog = look  # type: ignore[method-assign]
    for number, tab in enumerate((STORY_TAB, SUGGESTIONS_TAB, PLAN_TAB), start=1):
        page.tabs.setCurrentIndex(tab)
        qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda n=number: len(titles) == n, timeout=10000)
        qtbot.waitUntil(lambda: not page.plan_widget._preparing, timeout=5000)
    assert titles == ["Print preview: My plan for Peggy Owens"] * 3
