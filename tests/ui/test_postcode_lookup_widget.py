"""The Postcode lookup section of Settings, over a real GeoService and database.

The file picker is patched; the import really runs in the background thread pool.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool

from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.directory import AssetDraft, Location
from linkworker.domain.people import PersonDraft
from linkworker.services.geo import GeoService
from linkworker.ui import postcode_lookup_widget as module
from linkworker.ui.postcode_lookup_widget import PostcodeLookupWidget
from linkworker.ui.settings_page import SettingsPage
from linkworker.ui.workers import Tasks

HEADING = "pcd,pcd2,pcds,dointr,doterm,lat,long\n"


def row(postcode: str, lat: float, lon: float, doterm: str = "") -> str:
    return f'"{postcode}","{postcode}","{postcode}",198001,{doterm},{lat},{lon}\n'


@pytest.fixture
def onspd(tmp_path: Path) -> Path:
    path = tmp_path / "ONSPD_extract.csv"
    path.write_text(
        HEADING
        + row("CH65 2AB", 53.2822, -2.8871)
        + row("CH65 3XY", 53.2790, -2.9040)
        + row("CH65 9ZX", 53.2700, -2.8800, doterm="200512")
        + row("CH66 1ZZ", 99.999999, 0.0)
        + row("L1 8JQ", 53.4023, -2.9835)
        + row("NOT A PC", 53.0, -2.0),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def geo(services: Any) -> GeoService:
    return GeoService(UnitsOfWork(services._db), batch_rows=2)


@pytest.fixture
def widget(qtbot: Any, services: Any, geo: GeoService, tasks: Tasks) -> PostcodeLookupWidget:
    services.directory.save(
        AssetDraft(
            name="Grow Together Garden",
            categories=("Gardening",),
            locations=(Location(address="2 Invented Lane", postcode="CH65 2AB"),),
        )
    )
    services.people.save_person(
        PersonDraft(given_name="Edna", family_name="Pryce", postcode="CH65 3XY")
    )
    shown = PostcodeLookupWidget(geo, tasks)
    qtbot.addWidget(shown)
    shown.resize(700, 300)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: "No postcode lookup is loaded yet." in shown.coverage_label.text())
    return shown


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Patch the file picker to answer ``path``; returns the titles it was asked with."""
    asked: list[str] = []

    def pick(_parent: object, title: str, _folder: str, _filter: str) -> tuple[str, str]:
        asked.append(title)
        return str(path), ""

    monkeypatch.setattr(module.QFileDialog, "getOpenFileName", staticmethod(pick))
    return asked


def test_it_says_what_is_loaded_and_every_control_has_a_name(
    widget: PostcodeLookupWidget,
) -> None:
    assert widget.title() == "Postcode lookup"
    assert widget.coverage_label.text() == (
        "No postcode lookup is loaded yet. 0 of 1 places in the directory have a map "
        "position. 0 of 1 people with a postcode have it on the map."
    )
    for control in (
        widget.outward_edit,
        widget.import_button,
        widget.cancel_button,
        widget.progress,
        widget.report_label,
        widget.coverage_label,
    ):
        assert control.accessibleName()
    assert widget.cancel_button.isHidden() and widget.progress.isHidden()
    assert widget.report_label.isHidden()  # until there is something to report


def test_importing_a_file_for_some_outward_codes(
    qtbot: Any,
    widget: PostcodeLookupWidget,
    monkeypatch: pytest.MonkeyPatch,
    onspd: Path,
    geo: GeoService,
) -> None:
    asked = choose(monkeypatch, onspd)
    widget.outward_edit.setText("ch65, CH66")

    with qtbot.waitSignal(widget.lookup_imported, timeout=10_000) as imported:
        qtbot.mouseClick(widget.import_button, Qt.MouseButton.LeftButton)
    assert asked == ["Import a postcode lookup file"]

    report = imported.args[0]
    assert report.imported == 2 and report.skipped_outside == 1
    assert widget.report_label.text() == (
        "Loaded 2 postcodes for CH65, CH66; skipped 1 terminated, 1 without a location, "
        "1 that could not be read. 1 place in the directory now has a map position. "
        "1 person on the caseload has a postcode on the map.\n"
        "Could not read row 7: “NOT A PC” is not a UK postcode. Type it like CH65 4AB or "
        "SW1A 1AA."
    )
    assert widget.progress.isVisible()
    assert widget.progress.maximum() >= 1
    assert widget.progress.value() == widget.progress.maximum()
    assert widget.import_button.isEnabled() and widget.cancel_button.isHidden()
    qtbot.waitUntil(lambda: widget.coverage_label.text().startswith("2 postcodes are loaded."))
    assert "1 of 1 places in the directory have a map position" in widget.coverage_label.text()
    assert geo.coverage().postcodes == 2


def test_cancel_leaves_the_lookup_as_it_was(
    qtbot: Any,
    widget: PostcodeLookupWidget,
    monkeypatch: pytest.MonkeyPatch,
    onspd: Path,
    geo: GeoService,
    services: Any,
) -> None:
    services.matching.add_postcode_points([("CH65 2AB", 53.0, -2.0)])
    choose(monkeypatch, onspd)
    # Every thread of the pool is kept busy, so the import waits its turn; Cancel is
    # pressed before it starts, and it must stop at its first check. The pool is given
    # plain callables: a QRunnable made here would be deleted by the pool behind its
    # Python wrapper, which a later object made at the same address would come back as.
    gate = threading.Event()
    pool = QThreadPool.globalInstance()
    for _ in range(pool.maxThreadCount()):
        pool.start(gate.wait)
    try:
        qtbot.mouseClick(widget.import_button, Qt.MouseButton.LeftButton)
        assert not widget.import_button.isEnabled()
        assert widget.cancel_button.isVisible() and widget.progress.isVisible()
        qtbot.mouseClick(widget.cancel_button, Qt.MouseButton.LeftButton)
        assert widget.report_label.text() == "Stopping…"
    finally:
        gate.set()
    qtbot.waitUntil(lambda: "cancelled" in widget.report_label.text(), timeout=10_000)

    assert widget.report_label.text() == (
        "Import cancelled. The postcode lookup was left as it was."
    )
    assert widget.import_button.isEnabled() and widget.progress.isHidden()
    assert geo.coverage().postcodes == 1
    assert services.matching.postcode_point("CH65 2AB").latitude == 53.0


def test_a_wrong_outward_code_is_explained_before_anything_is_read(
    qtbot: Any, widget: PostcodeLookupWidget, monkeypatch: pytest.MonkeyPatch, onspd: Path
) -> None:
    choose(monkeypatch, onspd)
    widget.outward_edit.setText("CH65, 12X")
    qtbot.mouseClick(widget.import_button, Qt.MouseButton.LeftButton)
    assert "“12X” is not a postcode district or area" in widget.report_label.text()
    assert widget.import_button.isEnabled() and widget.progress.isHidden()


def test_a_file_that_is_no_lookup_is_explained_in_place(
    qtbot: Any, widget: PostcodeLookupWidget, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "people.csv"
    other.write_text("name,phone\nEdna,0151 496 0000\n", encoding="utf-8")
    choose(monkeypatch, other)
    qtbot.mouseClick(widget.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "people.csv has no postcode" in widget.report_label.text())
    assert "Code-Point Open" in widget.report_label.text()
    assert widget.import_button.isEnabled()


def test_settings_has_a_postcode_lookup_section(qtbot: Any, services: Any, tasks: Tasks) -> None:
    page = SettingsPage(services, tasks)
    qtbot.addWidget(page)
    assert isinstance(page.postcode_lookup, PostcodeLookupWidget)
    assert page.postcode_lookup.title() == "Postcode lookup"
    # Nothing is counted until Settings is shown.
    assert page.postcode_lookup.coverage_label.text() == "Counting postcodes…"
    page.show()
    qtbot.waitUntil(lambda: "No postcode lookup" in page.postcode_lookup.coverage_label.text())
