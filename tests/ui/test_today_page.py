"""The Today page over a hand-built caseload: counts, opening a person, only mine or everyone."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from linkworker.domain.journey import RiskFlagKind
from linkworker.domain.today import SectionKind
from linkworker.services.calendar_export import CalendarExportService
from linkworker.services.today import TodayService
from linkworker.ui.main_window import Area, MainWindow
from linkworker.ui.people.people_page import PLAN_TAB
from linkworker.ui.today.today_page import TodayPage
from tests.data.today_caseload import DAY, Caseload, build


@pytest.fixture
def caseload(services: Any) -> Caseload:
    built = build(services)
    services.today = TodayService(services.units, services.settings, today=lambda: DAY)
    services.calendar = CalendarExportService(
        services.today, now=lambda: dt.datetime.combine(DAY, dt.time(8))
    )
    services.settings.set("welcome_done", True)
    return built


@pytest.fixture
def page(qtbot: Any, services: Any, caseload: Caseload) -> TodayPage:
    made = TodayPage(services)
    qtbot.addWidget(made)
    made.resize(1196, 700)
    made.show()
    made.refresh()
    return made


def test_counts_at_the_top_are_mine(page: TodayPage) -> None:
    assert page.counts() == {
        SectionKind.BOOKED_TODAY: 1,
        SectionKind.OVERDUE: 3,
        SectionKind.WAITING: 2,
        SectionKind.QUIET: 2,
        SectionKind.CHECK_BACK: 1,
        SectionKind.NO_NEWS: 1,
    }
    assert page.count_buttons[SectionKind.OVERDUE].text() == "3  Overdue"
    assert page.date_label.text() == "Monday 15 June 2026"
    booked = page.boxes[SectionKind.BOOKED_TODAY]
    assert booked.title.text() == "Booked today (1)"
    assert booked.model.data(booked.model.index(0, 2)) == "13:30"
    assert booked.model.data(booked.model.index(0, 1)) == "Hub: Elton Cafe"


def test_everyone_is_a_click_away(qtbot: Any, page: TodayPage) -> None:
    qtbot.mouseClick(page.everyone_radio, Qt.MouseButton.LeftButton)
    assert page.everyone
    booked = page.boxes[SectionKind.BOOKED_TODAY]
    assert booked.model.rowCount() == 2
    assert not booked.table.isColumnHidden(3)  # whose person it is
    assert booked.model.data(booked.model.index(0, 3)) == "Jo Hart"
    qtbot.mouseClick(page.mine_radio, Qt.MouseButton.LeftButton)
    assert booked.model.rowCount() == 1 and booked.table.isColumnHidden(3)


def test_an_empty_section_says_so_kindly(page: TodayPage, services: Any) -> None:
    services.today = TodayService(
        services.units, services.settings, today=lambda: DAY - dt.timedelta(days=2)
    )
    page._today = services.today
    page.refresh()
    box = page.boxes[SectionKind.CHECK_BACK]
    assert box.empty.isVisible() and not box.table.isVisible()
    assert box.empty.text() == "No crisis check-backs are due."
    assert box.title.text() == "Crisis check-backs due (0)"


def test_enter_on_a_row_asks_for_the_person_on_the_sections_tab(
    qtbot: Any, page: TodayPage, caseload: Caseload
) -> None:
    table = page.boxes[SectionKind.NO_NEWS].table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    assert table.currentIndex().row() == 0  # arriving chooses the first row
    with qtbot.waitSignal(page.person_requested) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [caseload.ids["Lou"], "plan"]


def test_tab_moves_from_section_to_section(qtbot: Any, page: TodayPage, activate: Any) -> None:
    activate(page)
    first = page.boxes[SectionKind.BOOKED_TODAY].table
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert page.boxes[SectionKind.OVERDUE].table.hasFocus()


def test_a_row_opens_the_person_on_the_right_tab_in_the_window(
    qtbot: Any, services: Any, caseload: Caseload
) -> None:
    window = MainWindow.with_services(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_area() is Area.TODAY  # the home screen
    today = window.today_page
    assert today.counts()[SectionKind.NO_NEWS] == 1
    assert today.open_row(SectionKind.NO_NEWS, 0) == caseload.ids["Lou"]
    assert window.current_area() is Area.PEOPLE
    people = window.people_page
    assert people.tabs.currentIndex() == PLAN_TAB
    assert people._person_id == caseload.ids["Lou"]


def test_the_calendar_export_keeps_to_initials_unless_ticked(
    page: TodayPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "week"
    monkeypatch.setattr(page, "_ask_where", lambda: target)
    messages: list[str] = []
    page.message.connect(messages.append)
    page.export_button.click()
    saved = target.with_suffix(".ics")
    assert "Contact: A.B." in saved.read_text() and "Alice" not in saved.read_text()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert messages == ["Saved 2 booked contacts to week.ics."]
    page.names_check.setChecked(True)
    page.export_button.click()
    assert "Contact: Alice Booked" in saved.read_text()


def test_f5_reads_today_again(
    qtbot: Any, page: TodayPage, services: Any, caseload: Caseload, activate: Any
) -> None:
    activate(page)
    assert page.counts()[SectionKind.NO_NEWS] == 1
    services.settings.set("no_news_days", 3)  # Knit and Natter, agreed 5 days ago, joins
    page.boxes[SectionKind.BOOKED_TODAY].table.setFocus()
    qtbot.keyClick(page.boxes[SectionKind.BOOKED_TODAY].table, Qt.Key.Key_F5)
    assert page.counts()[SectionKind.NO_NEWS] == 2
    assert page.boxes[SectionKind.NO_NEWS].title.text() == "Places with no news (2)"


def test_a_count_takes_the_keys_to_its_section(qtbot: Any, page: TodayPage, activate: Any) -> None:
    activate(page)
    qtbot.mouseClick(page.count_buttons[SectionKind.WAITING], Qt.MouseButton.LeftButton)
    table = page.boxes[SectionKind.WAITING].table
    qtbot.waitUntil(table.hasFocus)
    assert table.currentIndex().row() == 0


def test_a_flagged_person_is_marked_in_every_row(
    qtbot: Any, page: TodayPage, services: Any
) -> None:
    alice = next(
        row.person_id
        for row in services.today.view(DAY).section(SectionKind.BOOKED_TODAY).rows
        if row.name == "Alice Booked"
    )
    services.flags.raise_flag(alice, RiskFlagKind.DO_NOT_VISIT_ALONE, "", "Sam Patel")
    page.refresh()
    booked = page.boxes[SectionKind.BOOKED_TODAY].model
    first = booked.index(0, 0)
    assert booked.data(first) == "\u26a0 Alice Booked"
    assert booked.data(first, Qt.ItemDataRole.ToolTipRole).startswith(
        "Take care: Do not visit alone"
    )
    assert "take care" in booked.data(first, Qt.ItemDataRole.AccessibleTextRole)
    overdue = page.boxes[SectionKind.OVERDUE].model
    assert not overdue.data(overdue.index(0, 0)).startswith("\u26a0")
