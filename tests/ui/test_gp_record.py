"""The GP record tab and File > Export coded events…, on the real window over real
services: the coded events a first contact and an answer leave, copied and exported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from linkworker.domain.journey import ContactDraft, ContactOutcome
from linkworker.domain.people import EpisodeDraft, PersonDraft
from linkworker.ui.main_window import Area
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()
MET = TODAY - dt.timedelta(days=2)


def _met_person(services: Any) -> uuid.UUID:
    person = services.people.save_person(
        PersonDraft(given_name="Tamsin", family_name="Trelawny", nhs_number="9995752697")
    ).id
    episode = services.episodes.record_referral(
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=person, referral_date=TODAY - dt.timedelta(days=20)
        )
    ).id
    services.contacts.book(
        ContactDraft(
            episode_id=episode,
            starts_at=dt.datetime.combine(MET, dt.time(10, 0)),
            outcome=ContactOutcome.ATTENDED,
        )
    )
    return person


def test_the_gp_record_tab_lists_the_coded_events_and_copies_one(
    qtbot: Any, services: Any, tmp_path: Path, laptop_window: Any
) -> None:
    person = _met_person(services)
    window = laptop_window()
    window.show_area(Area.PEOPLE)
    page = window.people_page
    page.open_person(person, "gp")
    assert page.tabs.currentWidget() is page.gp_widget
    table = page.gp_widget.table
    shown = sorted(
        tuple(table.item(r, c).text() for c in range(2)) for r in range(table.rowCount())
    )
    day = f"{MET:%d %b %Y}"
    assert shown == [
        (day, "871691000000100\nSocial prescribing offered"),
        (day, "871731000000106\nReferral to social prescribing service"),
    ]
    assert not page.gp_widget.empty_hint.isVisible()
    page.gp_widget.show_person(person)  # shown again: one Copy button a row, no more
    qtbot.wait(10)
    buttons = [b for b in table.findChildren(QPushButton) if b.isVisible()]
    assert [b.text() for b in buttons] == ["Copy", "Copy"]
    referral_row = next(
        r for r in range(2) if table.item(r, 1).text().startswith("871731000000106")
    )
    copy = table.cellWidget(referral_row, len(page.gp_widget.COLUMNS) - 1)
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == (
        f"{MET:%d/%m/%Y} 871731000000106 Referral to social prescribing service"
    )
    picture = window.grab()
    assert picture.save(str(tmp_path / "gp-record.png"))
    assert picture.width() >= 1366 * 0.9


def test_a_coded_event_is_ticked_off_once_entered_in_the_gp_system(
    services: Any, person_page: Any
) -> None:
    person = _met_person(services)
    widget = person_page(person, "gp").gp_widget
    column = widget.ENTERED_COLUMN

    def entered() -> dict[str, dt.date | None]:
        return {e.code.value: e.entered_on for e in services.codes.for_person(person)}

    row = next(r for r in range(2) if widget.table.item(r, 1).text().startswith("871731000000106"))
    tick = widget.table.item(row, column)
    assert tick.checkState() == Qt.CheckState.Unchecked and tick.text() == "Not yet"
    tick.setCheckState(Qt.CheckState.Checked)
    assert entered()["871731000000106"] == TODAY
    assert entered()["871691000000100"] is None
    row = next(r for r in range(2) if widget.table.item(r, 1).text().startswith("871731000000106"))
    assert widget.table.item(row, column).text() == f"{TODAY:%d %b %Y}"
    widget.table.item(row, column).setCheckState(Qt.CheckState.Unchecked)  # ticked by mistake
    assert entered()["871731000000106"] is None


def test_export_coded_events_from_the_file_menu_writes_the_week(
    qtbot: Any, services: Any, tmp_path: Path, monkeypatch: Any, laptop_window: Any
) -> None:
    _met_person(services)
    window = laptop_window()
    exporter = window.people_page.codes_exporter
    target = tmp_path / "week"
    monkeypatch.setattr(exporter, "ask_period", lambda: (MET - dt.timedelta(days=1), TODAY))
    monkeypatch.setattr(exporter, "ask_where", lambda _start: target)
    action = window.people_page.export_codes_action
    assert action in window.file_menu.actions()
    action.trigger()
    written = target.with_suffix(".csv")
    rows = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8"))))
    assert rows[0] == ["NHS number", "Date", "Code", "Term"] and len(rows) == 3
    assert {r[0] for r in rows[1:]} == {"999 575 2697"}
    assert "Saved 2 coded events" in window.statusBar().currentMessage()


def test_a_week_runs_monday_to_sunday(qtbot: Any) -> None:
    from linkworker.ui.people.gp_codes_widget import ExportPeriodDialog

    dialog = ExportPeriodDialog(dt.date(2026, 12, 9))  # a Wednesday
    qtbot.addWidget(dialog)
    assert dialog.dates() == (dt.date(2026, 12, 9), dt.date(2026, 12, 9))
    dialog.period.setCurrentIndex(1)
    assert dialog.dates() == (dt.date(2026, 12, 7), dt.date(2026, 12, 13))
