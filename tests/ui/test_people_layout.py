"""The People page on a 1366-pixel laptop: every caseload column in view, a steady divider.

The page is built over the demo data (30 invented people) at the width it has in a
window on a 1366 x 768 screen, beside the 170-pixel navigation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from linkworker.domain.people import CaseloadSort
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from linkworker.services.demo import fill_demo
from linkworker.ui.people.people_page import PLAN_TAB, STORY_TAB, SUGGESTIONS_TAB, PeoplePage
from linkworker.ui.workers import Tasks

#: The page's width in a window that fills a 1366-pixel screen, less the navigation.
PAGE_WIDTH = 1366 - 16 - 170


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Any]:
    paths = AppPaths.under(tmp_path / "demo")
    fill_demo(paths)
    opened = open_services(paths)
    yield opened
    opened.close()


@pytest.fixture
def page(qtbot: Any, demo: Any) -> PeoplePage:
    made = PeoplePage(demo, Tasks())
    qtbot.addWidget(made)
    made.resize(PAGE_WIDTH, 690)
    made.show()
    qtbot.waitExposed(made)
    return made


def _column(page: PeoplePage, key: CaseloadSort) -> int:
    return [k for _title, k in page.model.COLUMNS].index(key)


def test_last_and_next_contact_are_in_view_without_scrolling_sideways(page: PeoplePage) -> None:
    header = page.table.horizontalHeader()
    viewport = page.table.viewport().width()
    for key in (CaseloadSort.LAST_CONTACT, CaseloadSort.NEXT_CONTACT):
        column = _column(page, key)
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert header.sectionViewportPosition(column) >= 0 and right <= viewport, key
    assert page.table.horizontalScrollBar().maximum() == 0
    # Dates and statuses are not cut short either.
    metrics = page.table.fontMetrics()
    status = header.sectionSize(_column(page, CaseloadSort.STATUS))
    assert status > metrics.horizontalAdvance("Waiting for first contact")
    assert header.sectionSize(_column(page, CaseloadSort.NEXT_CONTACT)) > (
        metrics.horizontalAdvance("30 Sep 2026")
    )


def test_the_divider_stays_put_when_switching_tabs(qtbot: Any, page: PeoplePage) -> None:
    # The story side as narrow as it goes: content that wants more room must not push.
    page.splitter.setSizes([PAGE_WIDTH, 1])
    qtbot.wait(50)
    sizes = page.splitter.sizes()
    for row in range(page.model.rowCount()):
        page.table.selectRow(row)
        for tab in (STORY_TAB, PLAN_TAB, SUGGESTIONS_TAB, STORY_TAB):
            page.tabs.setCurrentIndex(tab)
            QApplication.processEvents()  # the layout settles
            assert page.splitter.sizes() == sizes, (row, tab)
