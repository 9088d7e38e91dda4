"""The Reports area: choosing a period, making a report, reading it and saving it.

Most tests give the page a plain function that makes reports (built by hand, with
invented numbers) as the reports service's ``build`` would; saving, and the progress of
a report being made, go through the real reports service over a real data file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import threading
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from report_samples import PASSAGES, activity, stories

from linkworker.domain.reports import STEPS, Period, PeriodKind, Progress, Report, ReportKind
from linkworker.errors import UserFacingError
from linkworker.services.context import Services
from linkworker.ui.form_fields import qdate
from linkworker.ui.reports.period_picker import PeriodError, PeriodPicker
from linkworker.ui.reports.report_chart_view import drawn_values
from linkworker.ui.reports.reports_page import UNAVAILABLE, ReportsPage, file_stem
from linkworker.ui.workers import Tasks

TODAY = dt.date(2026, 12, 7)


def _picker(qtbot: Any, today: dt.date = TODAY) -> PeriodPicker:
    picker = PeriodPicker(today)
    qtbot.addWidget(picker)
    return picker


def test_the_picker_opens_on_the_last_full_month(qtbot: Any) -> None:
    assert _picker(qtbot).period() == Period.month(2026, 11)
    assert _picker(qtbot, dt.date(2027, 1, 1)).period() == Period.month(2026, 12)


def test_the_picker_gives_a_month_a_quarter_and_a_year(qtbot: Any) -> None:
    picker = _picker(qtbot)
    picker.month_box.setCurrentIndex(1)
    picker.year_spin.setValue(2025)
    assert picker.period() == Period(dt.date(2025, 2, 1), dt.date(2025, 2, 28), PeriodKind.MONTH)
    picker.set_kind(PeriodKind.QUARTER)
    assert picker.quarter_box.isVisibleTo(picker) and not picker.month_box.isVisibleTo(picker)
    picker.quarter_box.setCurrentIndex(2)
    assert picker.period() == Period(dt.date(2025, 7, 1), dt.date(2025, 9, 30), PeriodKind.QUARTER)
    picker.set_kind(PeriodKind.YEAR)
    assert picker.period() == Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31), PeriodKind.YEAR)
    assert picker.period().label == "2025"


def test_the_picker_takes_two_dates_of_ones_own_even_a_single_day(qtbot: Any) -> None:
    picker = _picker(qtbot)
    picker.set_kind(PeriodKind.CUSTOM)
    assert picker.from_edit.isVisibleTo(picker) and not picker.year_spin.isVisibleTo(picker)
    picker.from_edit.setDate(qdate(dt.date(2026, 10, 14)))
    picker.to_edit.setDate(qdate(dt.date(2026, 11, 2)))
    assert picker.period() == Period(dt.date(2026, 10, 14), dt.date(2026, 11, 2))
    picker.to_edit.setDate(qdate(dt.date(2026, 10, 14)))
    one_day = picker.period()
    assert one_day.days == 1
    assert one_day.label == "14 October 2026"


def test_the_picker_refuses_an_end_before_the_start(qtbot: Any) -> None:
    picker = _picker(qtbot)
    picker.set_kind(PeriodKind.CUSTOM)
    picker.from_edit.setDate(qdate(dt.date(2026, 11, 20)))
    picker.to_edit.setDate(qdate(dt.date(2026, 11, 19)))
    with pytest.raises(PeriodError, match=r"ends .* before it starts"):
        picker.period()


class Maker:
    """Makes a report the way the reports service does, and notes what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[ReportKind, Period]] = []

    def __call__(self, kind: ReportKind, period: Period, _progress: Progress) -> Report:
        self.asked.append((kind, period))
        return stories(period) if kind is ReportKind.STORIES else activity(period)


@pytest.fixture
def page(qtbot: Any, tasks: Tasks, services: Services) -> ReportsPage:
    made = ReportsPage(Maker(), services.reports.save, tasks, today=TODAY)
    qtbot.addWidget(made)
    made.resize(1196, 700)
    made.show()
    return made


def _make(qtbot: Any, page: ReportsPage) -> Report:
    page.report = None
    page.make_button.click()
    qtbot.waitUntil(lambda: page.report is not None and page.make_button.isEnabled())
    assert page.report is not None
    return page.report


def test_a_made_report_shows_its_figures_tables_and_a_chart_per_chart(
    qtbot: Any, page: ReportsPage
) -> None:
    assert not page.pdf_button.isEnabled()
    report = _make(qtbot, page)
    assert page._make.asked == [(ReportKind.ACTIVITY, Period.month(2026, 11))]  # type: ignore[union-attr]
    view = page.view
    assert [(t.value.text(), t.label.text()) for t in view.tiles] == [
        (f.value, f.label) for f in report.headline
    ]
    assert len(view.tables) == len(report.tables)
    for shown, table in zip(view.tables, report.tables, strict=True):
        model = shown.model()
        assert shown.accessibleName() == table.title
        assert model.rowCount() == len(table.rows)
        assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
            row[0] for row in table.rows
        ]
    crisis = view.tables[0].model()
    assert crisis.index(2, 1).data() == "fewer than 5"
    assert len(view.charts) == len(report.charts)
    pie = view.charts[1]
    assert drawn_values(pie.view.chart()) == [93, 84, 30, 29]  # type: ignore[attr-defined]
    caveats = view.findChild(QLabel, "could_not_count")
    assert "3 contacts have no date" in caveats.text()
    assert page.pdf_button.isEnabled() and page.csv_button.isEnabled()


def test_the_chosen_report_and_period_are_asked_for(qtbot: Any, page: ReportsPage) -> None:
    page.kind_box.setCurrentIndex(page.kind_box.findData(ReportKind.STORIES))
    page.picker.set_kind(PeriodKind.QUARTER)
    page.picker.quarter_box.setCurrentIndex(3)
    report = _make(qtbot, page)
    assert report.period == Period.quarter(2026, 4)
    assert [label.text() for label in page.view.passages] == list(PASSAGES)
    page.view.copy_buttons[1].click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == PASSAGES[1]


def test_a_period_that_ends_before_it_starts_is_not_made(qtbot: Any, page: ReportsPage) -> None:
    page.picker.set_kind(PeriodKind.CUSTOM)
    page.picker.from_edit.setDate(qdate(dt.date(2026, 11, 20)))
    page.picker.to_edit.setDate(qdate(dt.date(2026, 11, 1)))
    page.make_button.click()
    assert "before it starts" in page.message.text()
    assert page._make.asked == []  # type: ignore[union-attr]


def test_saving_hands_the_report_on_show_to_the_reports_service(
    qtbot: Any, page: ReportsPage, services: Services, tmp_path: Path
) -> None:
    shown = _make(qtbot, page)
    page._ask_where = lambda _t, suggested, _p: tmp_path / suggested.name  # type: ignore[method-assign]
    page.save_csv()
    qtbot.waitUntil(lambda: "Saved as" in page.message.text())
    csv = (tmp_path / "activity-2026-11-01-to-2026-11-30.csv").read_text(encoding="utf-8")
    assert shown.team in csv and "3 contacts have no date" in csv
    page.message.setText("")
    page.save_pdf()  # the printed report itself
    qtbot.waitUntil(lambda: "Saved as" in page.message.text())
    pdf = tmp_path / "activity-2026-11-01-to-2026-11-30.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Pennant Bay PCN link workers" in text
    # Each save is in the audit trail as an export, as any save through the service is.
    from linkworker.domain.audit import EXPORT, AuditFilter

    saved = services.audit.page(AuditFilter(action=EXPORT), limit=5)
    assert sorted(e.details.get("format") for e in saved) == ["csv", "pdf"]


def test_a_file_that_cannot_be_written_is_said_plainly(
    qtbot: Any, page: ReportsPage, tmp_path: Path
) -> None:
    _make(qtbot, page)
    page._ask_where = lambda *_a: tmp_path / "gone" / "report"  # type: ignore[method-assign]
    page.save_pdf()
    qtbot.waitUntil(lambda: "could not be saved" in page.message.text())
    assert "Choose another folder" in page.message.text()
    assert page.pdf_button.isEnabled()


def test_a_report_that_cannot_be_made_says_why(qtbot: Any, tasks: Tasks) -> None:
    def refuse(_kind: ReportKind, _period: Period, _progress: Progress) -> Report:
        raise UserFacingError("The data file is busy.", "Try again in a minute.")

    page = ReportsPage(refuse, None, tasks, today=TODAY)
    qtbot.addWidget(page)
    page.make_button.click()
    qtbot.waitUntil(lambda: page.message.text() == "The data file is busy.")
    assert page.report is None and page.make_button.isEnabled()
    assert not page.csv_button.isEnabled()


def test_without_the_reports_service_the_page_says_so(qtbot: Any, tasks: Tasks) -> None:
    page = ReportsPage(None, None, tasks, today=TODAY)
    qtbot.addWidget(page)
    assert page.message.text() == UNAVAILABLE
    assert not page.make_button.isEnabled()
    page.make_report()
    assert page.report is None


def test_a_saved_file_is_named_by_the_report_and_its_days() -> None:
    one_day = Period(dt.date(2026, 11, 3), dt.date(2026, 11, 3))
    assert file_stem(activity(one_day)) == "activity-2026-11-03"
    assert file_stem(stories()) == "stories-2026-11-01-to-2026-11-30"


@pytest.mark.parametrize("kind", list(PeriodKind))
def test_every_control_is_named_and_reached_by_the_keyboard(
    qtbot: Any, page: ReportsPage, kind: PeriodKind
) -> None:
    from window_audit import clashes, names_without_labels, tab_traps

    page.picker.set_kind(kind)
    _make(qtbot, page)
    if kind is PeriodKind.CUSTOM:
        page.show_report(stories())  # its Copy buttons too
    assert clashes(page) == []
    assert names_without_labels(page) == []
    assert tab_traps(page) == []
    named = [page.kind_box, page.picker.kind_box, page.make_button, page.pdf_button]
    assert all(widget.accessibleName() for widget in named)


def test_making_a_report_shows_each_step_while_the_window_keeps_answering(
    qtbot: Any, tasks: Tasks, services: Services
) -> None:
    """The real service makes the report; it is held at its third step until the test
    lets it go, and meanwhile the page, on the main thread, shows how far it has got."""
    gate = threading.Event()
    told: list[tuple[int, int]] = []

    def make(kind: ReportKind, period: Period, progress: Progress) -> Report:
        def held(done: int, total: int) -> None:
            told.append((done, total))
            progress(done, total)
            if done == 2:
                gate.wait(30)

        return services.reports.build(kind, period, held)

    page = ReportsPage(make, services.reports.save, tasks, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    page.make_button.click()
    steps = STEPS[ReportKind.ACTIVITY]
    qtbot.waitUntil(lambda: page.busy_bar.value() == 2)
    assert page.message.text() == f"Counting {steps[2]} (3 of {len(steps)})…"
    assert page.busy_bar.maximum() == len(steps) and page.busy_bar.isVisible()
    assert not page.make_button.isEnabled() and page.report is None
    # The window answers while the report is being made: the choice of report moves.
    page.kind_box.setCurrentIndex(page.kind_box.findData(ReportKind.REACH))
    qtbot.keyClick(page.kind_box, Qt.Key.Key_Down)
    assert page.kind is ReportKind.CONNECTIONS
    gate.set()
    qtbot.waitUntil(lambda: page.report is not None and page.make_button.isEnabled())
    assert told == [(n, len(steps)) for n in range(len(steps) + 1)]
    assert not page.busy_bar.isVisible()
    assert page.report is not None and page.report.kind is ReportKind.ACTIVITY


@pytest.mark.parametrize("kind", list(ReportKind))
def test_every_report_tells_each_of_its_steps_in_order(
    services: Services, kind: ReportKind
) -> None:
    told: list[tuple[int, int]] = []
    services.reports.build(kind, Period.month(2026, 11), lambda d, t: told.append((d, t)))
    total = len(STEPS[kind])
    assert told == [(n, total) for n in range(total + 1)]


def test_a_hidden_bar_on_screen_has_no_height_and_its_name_says_why(
    qtbot: Any, page: ReportsPage
) -> None:
    from PySide6.QtCharts import QBarCategoryAxis

    from linkworker.domain.reports import Chart, ChartKind

    chart = Chart(
        "Places by category",
        ChartKind.BAR,
        ("Gardening", "Walking", "Crafts"),
        (("Places", (9.0, None, None)),),
        "places",
        hidden=("", "fewer than 5", "not shown"),
    )
    page.show_report(dataclasses.replace(activity(), charts=(chart,)))
    (shown,) = page.view.charts
    drawn = shown.view.chart()  # type: ignore[attr-defined]
    (names,) = [a for a in drawn.axes() if isinstance(a, QBarCategoryAxis)]
    # The names are long, so the bars lie sideways, the first category at the top.
    assert names.categories()[::-1] == [
        "Gardening",
        "Walking (fewer than 5)",
        "Crafts (not shown)",
    ]
    assert drawn_values(drawn)[::-1] == [9.0, 0.0, 0.0]
