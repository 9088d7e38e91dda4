"""Importing a directory CSV through the window: preview, problems, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from linkworker.ui.directory.directory_page import DirectoryPage
from linkworker.ui.import_dialog import DirectoryImportDialog
from linkworker.ui.workers import Tasks

GOOD = (
    "name,categories,postcode,opening_times,cost\n"
    "Hope Street Lunch Club,Community cafe,CH65 2BB,Wed 12:00-14:00,low cost\n"
    "Whitby Park Walk,Walking and exercise,CH66 1AA,Sat 10:00,free\n"
)
BAD = (
    "name,postcode,opening_times\n"
    "Good Group,CH65 2BB,Mon 10:00\n"
    "Broken Group,NOT A POSTCODE,Tue 14:00-12:00\n"
    "Another Good Group,CH66 1AA,Fri 09:00\n"
)


def _dialog(qtbot: Any, services: Any, path: Path) -> DirectoryImportDialog:
    tasks = Tasks()
    dialog = DirectoryImportDialog(services.directory, tasks, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    return dialog


def test_a_good_file_is_previewed_then_imported(qtbot: Any, services: Any, tmp_path: Path) -> None:
    path = tmp_path / "good.csv"
    path.write_text(GOOD, encoding="utf-8")
    dialog = _dialog(qtbot, services, path)
    assert "2 assets are ready to import" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "Import 2 assets"
    assert services.directory.is_empty()  # nothing saved by the preview
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.imported == 2
    names = {r.name for r in services.directory.search().rows}
    assert names == {"Hope Street Lunch Club", "Whitby Park Walk"}


def test_a_bad_row_blocks_the_whole_file_and_says_where(
    qtbot: Any, services: Any, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD, encoding="utf-8")
    dialog = _dialog(qtbot, services, path)
    assert not dialog.import_button.isEnabled()
    assert "1 rows need correcting" in dialog.summary.text()
    lines = [dialog.problem_model.item(r, 0).text() for r in range(dialog.problem_model.rowCount())]
    messages = " ".join(
        dialog.problem_model.item(r, 1).text() for r in range(dialog.problem_model.rowCount())
    )
    assert lines == ["3"]
    assert "postcode" in messages.lower() and "end time" in messages.lower()
    assert services.directory.is_empty()


def test_a_file_that_is_not_csv_gets_advice(qtbot: Any, services: Any, tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)  # an Excel workbook renamed
    tasks = Tasks()
    dialog = DirectoryImportDialog(services.directory, tasks, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "CSV" in dialog.summary.text(), timeout=5000)
    assert not dialog.import_button.isEnabled()
    assert services.directory.is_empty()


def test_import_from_the_directory_page_refreshes_the_table(
    qtbot: Any, services: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    path = tmp_path / "good.csv"
    path.write_text(GOOD, encoding="utf-8")
    page = DirectoryPage(services, Tasks())
    qtbot.addWidget(page)

    def run_dialog(dialog: Any) -> bool:
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)
        with qtbot.waitSignal(dialog.accepted, timeout=10000):
            dialog.import_button.click()
        return True

    monkeypatch.setattr(page, "_exec_dialog", run_dialog)
    assert page.model.rowCount() == 0
    page.import_csv(path)
    assert page.model.rowCount() == 2
    assert page.category_combo.findData("Community cafe") > 0


def test_export_from_the_page_writes_what_is_shown(
    qtbot: Any, services: Any, tmp_path: Path
) -> None:
    source = tmp_path / "good.csv"
    source.write_text(GOOD, encoding="utf-8")
    from linkworker.services.directory_csv import import_directory_csv, read_directory_csv

    import_directory_csv(services.directory, read_directory_csv(source))
    page = DirectoryPage(services, Tasks())
    qtbot.addWidget(page)
    page.search_edit.setText("walk")
    page.apply_filters()
    target = tmp_path / "out.csv"
    page.export_csv(target)
    qtbot.waitUntil(lambda: target.exists(), timeout=5000)
    exported = read_directory_csv(target)
    assert [d.name for d in exported.drafts] == ["Whitby Park Walk"]
