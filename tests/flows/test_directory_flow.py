"""A link worker's directory morning, through the real window over a real data folder.

First run, load the sample directory, find a walking group, correct its details,
mark it checked, add a new group, archive a closed one, export the directory and
bring it into a colleague's empty copy from the command line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from linkworker.app import main
from linkworker.domain.directory import AssetStatus, DirectoryFilter
from linkworker.paths import AppPaths
from linkworker.ui.directory.asset_form_dialog import AssetFormDialog
from linkworker.ui.main_window import MainWindow
from tests.conftest import open_folder


def test_a_directory_morning(
    qtbot: Any, services: Any, tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    services.settings.set("user_name", "Jo Link")
    window = MainWindow.with_services(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.directory_page

    # First run: the sample directory.
    qtbot.mouseClick(window.welcome_page.sample_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=20000)
    total = page.model.total
    assert total >= 80

    # Find a walking group by typing, as a person would.
    page.focus_search()
    qtbot.keyClicks(page.search_edit, "canal walk")
    qtbot.waitUntil(lambda: 0 < page.model.total < total, timeout=3000)
    first = page.model.summary(0)
    assert "walk" in first.name.lower()
    page.table.selectRow(0)
    assert page.detail.detail is not None and page.detail.detail.id == first.id

    # Correct its description through the form.
    def edit(dialog: AssetFormDialog) -> bool:
        dialog.description_edit.setPlainText("Now meets by the lock gates.")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == AssetFormDialog.DialogCode.Accepted

    monkeypatch.setattr(page, "_exec_dialog", edit)
    page.edit_current()
    stored = services.directory.get(first.id)
    assert stored.draft.description == "Now meets by the lock gates."
    assert "lock gates" in page.detail.browser.toPlainText()

    # Mark it checked today.
    qtbot.mouseClick(page.detail.verify_button, Qt.MouseButton.LeftButton)
    stored = services.directory.get(first.id)
    assert stored.draft.last_verified_on == dt.date.today()
    assert stored.draft.verified_by == "Jo Link"

    # Add a new group with Ctrl+N.
    def add(dialog: AssetFormDialog) -> bool:
        qtbot.keyClicks(dialog.name_edit, "Lock Gates Litter Pickers")
        dialog.categories_edit.setText("Volunteering")
        dialog.postcode_edits[0].setText("ch65 4fw")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == AssetFormDialog.DialogCode.Accepted

    monkeypatch.setattr(page, "_exec_dialog", add)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.detail.detail is not None
    assert page.detail.detail.name == "Lock Gates Litter Pickers"
    assert page.detail.detail.draft.locations[0].postcode == "CH65 4FW"
    assert services.directory.facets().total_assets == total + 1

    # Archive a closed group.
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)
    closed = services.directory.search(DirectoryFilter(status=AssetStatus.CLOSED)).rows[0]
    page.apply_filters()
    while page.model.row_of(closed.id) < 0 and page.model.canFetchMore():
        page.model.fetchMore()
    page.select_asset(closed.id)
    monkeypatch.setattr(page, "_confirm", lambda question, detail: True)
    qtbot.mouseClick(page.detail.archive_button, Qt.MouseButton.LeftButton)
    assert services.directory.get(closed.id).archived
    assert page.model.total == total  # one added, one archived

    # Export what is shown, and give it to a colleague with an empty copy.
    export = tmp_path / "directory.csv"
    page.export_csv(export)
    qtbot.waitUntil(export.exists, timeout=10000)
    colleague = tmp_path / "colleague"
    assert main(["--data-dir", str(colleague), "directory", "import", str(export)]) == 0
    assert f"Imported {total} assets." in capsys.readouterr().out
    theirs = open_folder(AppPaths.under(colleague))
    try:
        found = theirs.directory.search(DirectoryFilter(text="lock gates"))
        assert {r.name for r in found.rows} >= {"Lock Gates Litter Pickers", first.name}
        assert theirs.directory.facets().total_assets == total
    finally:
        theirs.close()
