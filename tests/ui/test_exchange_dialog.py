"""Importing Open Referral through the window, and exporting the directory, over a real database.

The sources are ORUK 3.0 JSON pages written by the tests (invented services);
file dialogs are patched, the service, readers and database are real.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from linkworker.domain.directory import AssetDraft, Day, Location, OpeningTime
from linkworker.interchange import reading
from linkworker.ui.directory.directory_page import DirectoryPage
from linkworker.ui.directory.exchange_dialog import OpenReferralImportDialog
from linkworker.ui.workers import Tasks

SCHEMA = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "standards"
    / "oruk3"
    / "schema"
    / "compiled"
    / "service.json"
)

NAMES = ["Pennant Lane Lunch Club", "Heron Walk Walkers", "Marsh Road Craft Circle"]
POSTCODES = ["CH65 2AB", "CH66 3XY", "CH65 9QT"]


def service(number: int, name: str, postcode: str = "CH65 2AB") -> dict[str, Any]:
    """One invented ORUK 3.0 service with an organisation, a place, a phone and a schedule."""
    return {
        "id": f"svc-{number}",
        "name": name,
        "description": f"Invented group number {number}: tea, a chat and something to do.",
        "status": "active",
        "organization": {"id": f"org-{number % 7}", "name": "Pennant Friends Trust"},
        "phones": [{"id": f"ph-{number}", "number": f"0151 496 {number % 10000:04d}"}],
        "schedules": [
            {
                "id": f"sch-{number}",
                "freq": "WEEKLY",
                "byday": "WE",
                "opens_at": "10:00",
                "closes_at": "12:00",
            }
        ],
        "service_at_locations": [
            {
                "id": f"sal-{number}",
                "location": {
                    "id": f"loc-{number}",
                    "name": "Pennant Lane Hall",
                    "location_type": "physical",
                    "addresses": [
                        {
                            "id": f"adr-{number}",
                            "address_1": f"{number} Pennant Lane",
                            "city": "Ellesmere Port",
                            "postal_code": postcode,
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
    }


def write_page(path: Path, services: list[dict[str, Any]]) -> Path:
    page = {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }
    path.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    return path


def three(tmp_path: Path) -> Path:
    return write_page(
        tmp_path / "pennant.json",
        [service(n + 1, name, POSTCODES[n]) for n, name in enumerate(NAMES)],
    )


@pytest.fixture
def dialog(qtbot: Any, services: Any) -> OpenReferralImportDialog:
    widget = OpenReferralImportDialog(services.directory_import, Tasks())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def check(qtbot: Any, dialog: OpenReferralImportDialog, location: Path | str) -> None:
    dialog.source_edit.setText(str(location))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert not dialog.progress_row.isHidden()
    qtbot.waitUntil(dialog.progress_row.isHidden, timeout=20000)


def names(services: Any) -> set[str]:
    return {r.name for r in services.directory.search().rows}


def test_check_shows_what_would_change_then_import_saves_it(
    qtbot: Any, dialog: OpenReferralImportDialog, services: Any, tmp_path: Path
) -> None:
    assert not dialog.sources_row.isVisible()  # nothing imported before
    check(qtbot, dialog, three(tmp_path))
    assert dialog.report is not None
    assert "3 records read. If imported: 3 new" in dialog.summary.text()
    assert "Open Referral UK 3.0 JSON" in dialog.details.text()
    assert dialog.report_view.tabText(1) == "C&hanges (3)"
    assert dialog.report_view.changes.texts(1) == ["new", "new", "new"]
    assert not dialog.report_view.isTabEnabled(0)  # no problems
    assert dialog.import_button.text() == "&Import" and dialog.import_button.isEnabled()
    assert services.directory.is_empty()  # a check saves nothing

    with qtbot.waitSignal(dialog.imported, timeout=20000) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert signal.args[0].created == 3
    assert names(services) == set(NAMES)
    assert dialog.summary.text() == "Imported: 3 new, 0 changed, 0 withdrawn."
    assert not dialog.import_button.isVisible()
    assert dialog.sources_combo.count() == 1
    assert "pennant" in dialog.sources_combo.itemText(0)
    assert "3 listings" in dialog.sources_combo.itemText(0)


def test_a_refresh_of_a_source_imported_before_is_one_click(
    qtbot: Any, dialog: OpenReferralImportDialog, services: Any, tmp_path: Path
) -> None:
    path = three(tmp_path)
    service_ = services.directory_import
    source = service_.open(path)
    service_.run(source)
    source.close()
    changed = [service(n + 1, name, POSTCODES[n]) for n, name in enumerate(NAMES)]
    changed[1]["description"] = "Now meeting at the canal basin."
    write_page(path, changed[:2])  # one changed, one gone

    fresh = OpenReferralImportDialog(service_, Tasks())
    qtbot.addWidget(fresh)
    fresh.show()
    assert fresh.sources_row.isVisible()
    qtbot.mouseClick(fresh.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fresh.report is not None, timeout=20000)
    assert fresh.source_edit.text() == str(path)
    assert "0 new, 1 changed, 1 unchanged, 1 withdrawn" in fresh.summary.text()
    changes = dict(
        zip(fresh.report_view.changes.texts(0), fresh.report_view.changes.texts(1), strict=True)
    )
    assert changes == {
        "“Heron Walk Walkers”": "changed: description",
        "“Marsh Road Craft Circle”": "withdrawn by the source",
    }
    with qtbot.waitSignal(fresh.imported, timeout=20000):
        fresh.import_button.click()
    assert names(services) == set(NAMES[:2])

    # Checking again: nothing to change, so nothing to import.
    qtbot.mouseClick(fresh.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fresh.report is not None, timeout=20000)
    assert fresh.import_button.text() == "Nothing to change"
    assert not fresh.import_button.isEnabled()


def test_records_with_problems_are_listed_and_the_good_ones_imported(
    qtbot: Any, dialog: OpenReferralImportDialog, services: Any, tmp_path: Path
) -> None:
    path = write_page(
        tmp_path / "mixed.json",
        [
            service(1, NAMES[0]),
            {"id": "svc-2", "name": "", "description": "A group without a name"},
            service(3, NAMES[2], "CH65 9QT"),
        ],
    )
    check(qtbot, dialog, path)
    view = dialog.report_view
    assert view.tabText(0) == "&Problems (1)"
    assert view.currentWidget() is view.problems
    assert view.problems.texts(0) == ["record 2"]
    assert "no name" in view.problems.texts(1)[0]
    assert "1 would be left out because of problems" in dialog.summary.text()
    assert dialog.import_button.text() == "&Import the 2 good records"
    assert dialog.close_button.text() == "Import &nothing"

    with qtbot.waitSignal(dialog.imported, timeout=20000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert names(services) == {NAMES[0], NAMES[2]}


def test_import_nothing_closes_and_saves_nothing(
    qtbot: Any, dialog: OpenReferralImportDialog, services: Any, tmp_path: Path
) -> None:
    path = write_page(tmp_path / "mixed.json", [service(1, NAMES[0]), {"id": "x", "name": ""}])
    check(qtbot, dialog, path)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert services.directory.is_empty()


def test_a_truncated_file_is_explained_in_the_dialog(
    qtbot: Any, dialog: OpenReferralImportDialog, services: Any, tmp_path: Path
) -> None:
    whole = three(tmp_path).read_text(encoding="utf-8")
    cut = tmp_path / "cut.json"
    cut.write_text(whole[: len(whole) * 2 // 3], encoding="utf-8")
    check(qtbot, dialog, cut)
    assert dialog.report is None
    assert "cut.json stops part way through" in dialog.summary.text()
    assert "Download or export the file again" in dialog.details.text()
    assert not dialog.import_button.isVisible()
    assert services.directory.is_empty()


def test_a_source_that_cannot_be_opened_is_explained(
    qtbot: Any, dialog: OpenReferralImportDialog, tmp_path: Path
) -> None:
    check(qtbot, dialog, tmp_path / "not-here.json")
    assert dialog.report is None
    assert "not-here.json" in dialog.summary.text()
    assert dialog.check_button.isEnabled()


def _large(tmp_path: Path, count: int = 3000) -> Path:
    return write_page(
        tmp_path / "large.json",
        [service(n, f"Invented group {n:04d}", "CH65 2AB") for n in range(1, count + 1)],
    )


class _GatedFeed:
    """An ORUK feed on 127.0.0.1 whose second page waits until the test opens the gate.

    So Cancel is pressed while the check is certainly still reading, however fast it is.
    """

    def __init__(self) -> None:
        self.gate = threading.Event()
        gate = self.gate

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                number = int(parse_qs(urlsplit(self.path).query).get("page", ["1"])[0])
                if number > 1:
                    gate.wait(10)
                body = {
                    "total_items": 4, "total_pages": 2, "page_number": number, "size": 2,
                    "first_page": number == 1, "last_page": number == 2, "empty": False,
                    "contents": [full(service(number * 10 + i, f"Gated group {number}{i}"))
                                 for i in range(2)],
                }  # fmt: skip
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.gate.set()
        self.server.shutdown()
        self.server.server_close()


def full(record: dict[str, Any]) -> dict[str, Any]:
    """A service as a feed gives it whole (with its schedules, so no detail requests)."""
    return {**record, "schedules": record.get("schedules", [])}


def test_cancel_during_a_check_says_so_and_imports_nothing(
    qtbot: Any, dialog: OpenReferralImportDialog, services: Any
) -> None:
    feed = _GatedFeed()
    try:
        dialog.source_edit.setText(feed.url)
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.progress_label.text() != "", timeout=20000)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert dialog.cancel_button.text() == "Cancelling…"
        feed.gate.set()
        qtbot.waitUntil(dialog.progress_row.isHidden, timeout=20000)
    finally:
        feed.close()
    assert dialog.summary.text() == "Cancelled: nothing was imported."
    assert dialog.report is None
    assert services.directory.is_empty()
    assert services.directory_import.sources() == ()


def test_cancel_during_an_import_leaves_the_directory_as_it_was(
    qtbot: Any, dialog: OpenReferralImportDialog, services: Any, tmp_path: Path
) -> None:
    check(qtbot, dialog, _large(tmp_path))
    assert dialog.report is not None and dialog.report.created == 3000
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress_label.text() != "", timeout=20000)
    dialog.cancel_button.click()
    qtbot.waitUntil(dialog.progress_row.isHidden, timeout=20000)
    assert dialog.summary.text() == "Cancelled: nothing was imported."
    assert services.directory.is_empty()


def test_choosing_a_file_fills_the_source_and_escape_closes(
    qtbot: Any, dialog: OpenReferralImportDialog, monkeypatch: Any, tmp_path: Path
) -> None:
    path = three(tmp_path)
    asked: list[str] = []

    def pick(_parent: Any, title: str, _folder: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return str(path), "JSON (*.json)"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
    assert dialog.source_edit.text() == str(path)
    assert "*.json" in asked[0] and "*.zip" in asked[0]
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a: str(tmp_path))
    )
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.source_edit.text() == str(tmp_path)
    assert not dialog.full_check.isEnabled()  # only for feeds
    dialog.source_edit.setText("https://directory.example.org/api")
    assert dialog.full_check.isEnabled()
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_every_control_is_named(
    qtbot: Any, dialog: OpenReferralImportDialog, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QHeaderView,
        QLineEdit,
    )

    check(qtbot, dialog, three(tmp_path))
    unnamed = [
        f"{type(w).__name__} in {type(w.parent()).__name__}"
        for kind in (QLineEdit, QComboBox, QAbstractButton, QAbstractItemView)
        for w in dialog.findChildren(kind)
        if w.isVisible() and not w.accessibleName() and not isinstance(w, QHeaderView)
    ]
    assert unnamed == []


# The directory page ----------------------------------------------------------


def test_the_page_imports_through_the_dialog_and_refreshes(
    qtbot: Any, services: Any, tmp_path: Path
) -> None:
    path = three(tmp_path)
    page = DirectoryPage(services, Tasks())
    qtbot.addWidget(page)
    actions = [a.text() for a in page.more_button.actions() if not a.isSeparator()]
    assert actions == [
        "Import or refresh from Open Referral…",
        "Import from a spreadsheet (CSV)…",
        "Export the assets shown…",
        "Possible duplicates (0)…",
    ]

    def run_dialog(dialog: Any) -> bool:
        check(qtbot, dialog, path)
        with qtbot.waitSignal(dialog.imported, timeout=20000):
            dialog.import_button.click()
        return False  # closed with Close: the page has refreshed already

    page._exec_dialog = run_dialog  # type: ignore[method-assign]
    assert page.model.rowCount() == 0
    page.oruk_import_action.trigger()
    assert page.model.rowCount() == 3
    assert page.area_combo.findData("CH66") > 0
    assert page.count_label.text() == "3 assets"


def _filled_page(qtbot: Any, services: Any) -> DirectoryPage:
    services.directory.add_many(
        [
            AssetDraft(
                name=name,
                categories=("Community cafe",),
                locations=(Location(address="4 Pennant Lane", postcode=POSTCODES[n]),),
                opening_times=(OpeningTime(day=Day.FRIDAY, starts=dt.time(10)),),
            )
            for n, name in enumerate(NAMES)
        ]
    )
    page = DirectoryPage(services, Tasks())
    qtbot.addWidget(page)
    return page


def test_the_page_exports_open_referral_json_when_that_filter_is_chosen(
    qtbot: Any, services: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    page = _filled_page(qtbot, services)
    page.search_edit.setText("walk")
    page.apply_filters()
    offered: list[str] = []

    def save(*args: Any) -> tuple[str, str]:
        offered.append(args[3])
        return str(tmp_path / "shared-directory"), "Open Referral UK file (*.json)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    page.export_action.trigger()
    target = tmp_path / "shared-directory.json"
    qtbot.waitUntil(target.exists, timeout=10000)
    page._tasks.wait()
    assert offered == ["Open Referral UK file (*.json);;Spreadsheet (*.csv)"]
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported["total_items"] == 1
    assert [s["name"] for s in exported["contents"]] == ["Heron Walk Walkers"]
    if SCHEMA.exists():
        import jsonschema

        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        jsonschema.validate(exported["contents"][0], schema)
    # It reads back in as Open Referral.
    source = services.directory_import.open(target)
    try:
        assert services.directory_import.check(source).read == 1
    finally:
        source.close()


def test_the_page_exports_a_spreadsheet_when_that_filter_is_chosen(
    qtbot: Any, services: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from linkworker.services.directory_csv import read_directory_csv

    page = _filled_page(qtbot, services)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *_a: (str(tmp_path / "sheet"), "Spreadsheet (*.csv)")),
    )
    page.export_action.trigger()
    target = tmp_path / "sheet.csv"
    qtbot.waitUntil(target.exists, timeout=10000)
    page._tasks.wait()
    assert sorted(d.name for d in read_directory_csv(target).drafts) == sorted(NAMES)


def test_a_big_file_is_checked_and_imported_by_a_helper_process(
    qtbot: Any,
    dialog: OpenReferralImportDialog,
    services: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reading, "cores", lambda: 2)  # as on a machine with one core too
    path = _large(tmp_path)
    assert path.stat().st_size >= reading.HELPER_FROM_BYTES  # so both passes use a helper
    seen: list[str] = []
    dialog.progress.valueChanged.connect(lambda _: seen.append(dialog.progress_label.text()))

    check(qtbot, dialog, path)
    assert dialog.report is not None and dialog.report.created == 3000
    with qtbot.waitSignal(dialog.imported, timeout=60000) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert signal.args[0].created == 3000
    assert services.directory.search().total == 3000
    assert seen, "the progress bar never moved"
