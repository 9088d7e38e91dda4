"""The Directory area driven through its widgets, over a real database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.ui.directory.directory_page import DirectoryPage
from linkworker.ui.workers import Tasks

TODAY = dt.date.today()


def _draft(name: str, **kw: Any) -> AssetDraft:
    defaults: dict[str, Any] = {
        "categories": ("Community cafe",),
        "locations": (Location(address="1 Station Road", postcode="CH65 4AB"),),
        "opening_times": (OpeningTime(day=Day.TUESDAY, starts=dt.time(10), ends=dt.time(12)),),
        "last_verified_on": TODAY - dt.timedelta(days=10),
    }
    defaults.update(kw)
    return AssetDraft(name=name, **defaults)


SAMPLE = [
    _draft("Riverside Community Cafe", description="Tea, toast and a friendly chat"),
    _draft(
        "Whitby Walking Group",
        categories=("Walking and exercise",),
        description="Gentle walks around the park",
        opening_times=(OpeningTime(day=Day.MONDAY, starts=dt.time(9, 30)),),
        locations=(Location(postcode="CH66 2AA"),),
    ),
    _draft(
        "Men's Shed on Grange Road",
        categories=("Sheds",),
        tags=("woodwork",),
        cost=Cost.LOW_COST,
        cost_note="£2 a session",
        join_mode=JoinMode.SELF_REFERRAL,
    ),
    _draft(
        "Debt Advice Drop-in",
        categories=("Advice",),
        join_mode=JoinMode.REFERRAL,
        last_verified_on=TODAY - dt.timedelta(days=800),
    ),
    _draft(
        "Paused Knitting Circle",
        categories=("Arts and crafts",),
        status=AssetStatus.PAUSED,
        last_verified_on=None,
    ),
]


@pytest.fixture
def page(qtbot: Any, services: Any) -> DirectoryPage:
    services.directory.add_many(SAMPLE)
    tasks = Tasks()
    widget = DirectoryPage(services, tasks)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _names(page: DirectoryPage) -> list[str]:
    return [page.model.summary(r).name for r in range(page.model.rowCount())]


def test_lists_every_asset_by_name(page: DirectoryPage) -> None:
    assert _names(page) == sorted((d.name for d in SAMPLE), key=str.lower)
    assert page.count_label.text() == "5 assets"


def test_search_as_you_type_narrows_the_table(qtbot: Any, page: DirectoryPage) -> None:
    qtbot.keyClicks(page.search_edit, "walk")
    qtbot.waitUntil(lambda: _names(page) == ["Whitby Walking Group"], timeout=2000)
    assert page.count_label.text() == "1 asset"
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "zzzz")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=2000)
    assert "No assets match" in page.count_label.text()


def test_filters_narrow_by_each_field(page: DirectoryPage) -> None:
    def choose(combo: Any, value: Any) -> None:
        combo.setCurrentIndex(combo.findData(value))

    choose(page.cost_combo, Cost.LOW_COST)
    assert _names(page) == ["Men's Shed on Grange Road"]
    page.clear_filters()
    choose(page.day_combo, Day.MONDAY)
    assert _names(page) == ["Whitby Walking Group"]
    page.clear_filters()
    choose(page.area_combo, "CH66")
    assert _names(page) == ["Whitby Walking Group"]
    page.clear_filters()
    choose(page.join_combo, JoinMode.REFERRAL)
    assert _names(page) == ["Debt Advice Drop-in"]
    page.clear_filters()
    choose(page.status_combo, AssetStatus.PAUSED)
    assert _names(page) == ["Paused Knitting Circle"]
    page.clear_filters()
    choose(page.category_combo, "Sheds")
    assert _names(page) == ["Men's Shed on Grange Road"]
    page.clear_filters()
    page.stale_spin.setValue(12)
    page.stale_check.setChecked(True)
    assert _names(page) == ["Debt Advice Drop-in", "Paused Knitting Circle"]
    page.clear_filters()
    assert len(_names(page)) == 5


def test_selecting_shows_details_and_marks_verified(
    qtbot: Any, page: DirectoryPage, services: Any
) -> None:
    services.settings.set("user_name", "Sam Tester")
    row = _names(page).index("Debt Advice Drop-in")
    page.table.selectRow(row)
    assert page.detail.detail is not None
    assert page.detail.detail.name == "Debt Advice Drop-in"
    html = page.detail.browser.toPlainText()
    assert "Not checked for" in html and "Referral needed" in html
    qtbot.mouseClick(page.detail.verify_button, Qt.MouseButton.LeftButton)
    detail = page.detail.detail
    assert detail is not None and detail.draft.last_verified_on == TODAY
    assert detail.draft.verified_by == "Sam Tester"
    stored = services.directory.get(detail.id)
    assert stored.draft.last_verified_on == TODAY


def test_archive_hides_and_restore_brings_back(
    qtbot: Any, page: DirectoryPage, monkeypatch: Any, services: Any
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(page, "_confirm", lambda q, d: asked.append(q) or True)
    page.table.selectRow(_names(page).index("Paused Knitting Circle"))
    asset_id = page.detail.detail.id  # type: ignore[union-attr]
    qtbot.mouseClick(page.detail.archive_button, Qt.MouseButton.LeftButton)
    assert asked and "Paused Knitting Circle" in asked[0]
    assert "Paused Knitting Circle" not in _names(page)
    assert services.directory.get(asset_id).archived
    services.directory.archive(asset_id, archived=False)
    page.apply_filters()
    assert "Paused Knitting Circle" in _names(page)


def test_keyboard_find_and_escape(qtbot: Any, page: DirectoryPage) -> None:
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search_edit
    qtbot.keyClicks(page.search_edit, "shed")
    page.apply_filters()
    assert _names(page) == ["Men's Shed on Grange Road"]
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)
    assert page.search_edit.text() == ""
    assert len(_names(page)) == 5


def test_enter_in_search_selects_the_first_result(qtbot: Any, page: DirectoryPage) -> None:
    qtbot.keyClicks(page.search_edit, "debt")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.detail.detail is not None
    assert page.detail.detail.name == "Debt Advice Drop-in"


def test_sorting_by_a_column_asks_the_database(page: DirectoryPage) -> None:
    page.table.sortByColumn(page.model.CHECKED_COLUMN, Qt.SortOrder.AscendingOrder)  # oldest
    assert _names(page)[0] == "Paused Knitting Circle"  # never checked sorts first
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _names(page) == sorted((d.name for d in SAMPLE), key=str.lower, reverse=True)


def test_large_directory_is_fetched_a_page_at_a_time(qtbot: Any, services: Any) -> None:
    services.directory.add_many(_draft(f"Group {i:03d}") for i in range(450))
    page = DirectoryPage(services, Tasks())
    qtbot.addWidget(page)
    assert page.model.rowCount() == 200
    assert page.model.total == 450
    assert page.model.canFetchMore()
    page.model.fetchMore()
    assert page.model.rowCount() == 400
    page.model.fetchMore()
    assert page.model.rowCount() == 450
    assert not page.model.canFetchMore()
    assert page.count_label.text() == "450 assets"


def test_every_control_has_an_accessible_name(page: DirectoryPage) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QSpinBox, QTableView

    unnamed = [
        type(w).__name__ + ":" + w.objectName()
        for kind in (QLineEdit, QComboBox, QSpinBox, QTableView, QAbstractButton)
        for w in page.findChildren(kind)
        if w.isVisible() and not w.accessibleName() and not getattr(w, "text", lambda: "")()
    ]
    assert unnamed == []


# Printing ------------------------------------------------------------------


def _pages(pdf: bytes) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _previews(qtbot: Any, page: DirectoryPage, start: Any) -> list[tuple[str, int]]:
    """Start a preview and return what opened (its title and page count)."""
    opened: list[tuple[str, int]] = []

    def run(dialog: Any) -> bool:
        opened.append((dialog.windowTitle(), dialog.page_count()))
        return True

    page._exec_dialog = run  # type: ignore[method-assign]
    start()
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    page._tasks.wait()
    return opened


def test_a_sheet_for_the_chosen_asset(qtbot: Any, page: DirectoryPage) -> None:
    assert not page.sheet_button.isEnabled()  # nothing chosen yet
    page.table.selectRow(_names(page).index("Men's Shed on Grange Road"))
    assert page.sheet_button.isEnabled()
    opened = _previews(
        qtbot, page, lambda: qtbot.mouseClick(page.sheet_button, Qt.MouseButton.LeftButton)
    )
    assert opened == [("Print preview: Sheet: Men's Shed on Grange Road", 1)]
    assert page.sheet_button.isEnabled()


def test_ctrl_p_prints_the_chosen_asset(qtbot: Any, page: DirectoryPage) -> None:
    page.table.selectRow(_names(page).index("Whitby Walking Group"))
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    opened = _previews(
        qtbot,
        page,
        lambda: qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier),
    )
    assert opened == [("Print preview: Sheet: Whitby Walking Group", 1)]


def test_a_booklet_for_the_category_area_or_everything(
    qtbot: Any, page: DirectoryPage, services: Any
) -> None:
    services.directory.add_many(
        [_draft(f"Cafe number {n}", description="Tea and a chat " * 40) for n in range(1, 5)]
    )
    page.refresh_facets()
    page.apply_filters()
    documents = services.documents
    everything = _pages(documents.booklet_pdf())
    cafes = _pages(documents.booklet_pdf(category="Community cafe"))
    assert everything > cafes > 1

    page.category_combo.setCurrentIndex(page.category_combo.findData("Community cafe"))
    assert "Community cafe" in page.booklet_button.toolTip()
    opened = _previews(
        qtbot, page, lambda: qtbot.mouseClick(page.booklet_button, Qt.MouseButton.LeftButton)
    )
    assert opened == [("Print preview: Booklet: Community cafe", cafes)]

    page.clear_filters()
    page.area_combo.setCurrentIndex(page.area_combo.findData("CH66"))
    opened = _previews(qtbot, page, page.print_booklet)
    assert opened == [
        (
            "Print preview: Booklet: community groups near CH66",
            _pages(documents.booklet_pdf(district="CH66")),
        )
    ]

    page.clear_filters()
    opened = _previews(qtbot, page, page.print_booklet)
    assert opened == [("Print preview: Booklet: all community groups", everything)]


def test_a_booklet_with_nothing_running_says_so(
    qtbot: Any, page: DirectoryPage, monkeypatch: Any
) -> None:
    from linkworker.ui.directory import directory_actions

    problems: list[Any] = []
    opened: list[Any] = []
    monkeypatch.setattr(directory_actions, "show_user_error", lambda _w, exc: problems.append(exc))
    page._exec_dialog = opened.append  # type: ignore[method-assign,assignment]
    page.category_combo.setCurrentIndex(page.category_combo.findData("Arts and crafts"))
    page.print_booklet()  # the knitting circle is paused
    qtbot.waitUntil(lambda: bool(problems), timeout=5000)
    assert problems[0].message == "No active community assets are listed under “Arts and crafts”."
    assert opened == [] and page.booklet_button.isEnabled()
