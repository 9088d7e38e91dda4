"""The team's mapping of Open Referral terms, in Settings and after an import (real services)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from linkworker.domain.directory import DirectoryFilter
from linkworker.ui.directory.directory_page import DirectoryPage
from linkworker.ui.directory.exchange_dialog import OpenReferralImportDialog
from linkworker.ui.directory.taxonomy_widgets import TermMappingDialog, UnmappedTermsDialog
from linkworker.ui.settings_page import SettingsPage
from linkworker.ui.workers import Tasks
from tests.data.taxonomy_feed import write_feed


def import_feed(services: Any, tmp_path: Path) -> Any:
    source = services.directory_import.open(write_feed(tmp_path / "feed.json"), name="harbour")
    try:
        return services.directory_import.run(source)
    finally:
        source.close()


def categories_of(services: Any, name: str) -> tuple[str, ...]:
    (row,) = [
        r for r in services.directory.search(DirectoryFilter(text=name)).rows if r.name == name
    ]
    return tuple(row.categories)


@pytest.fixture
def page(qtbot: Any, services: Any, tmp_path: Path) -> SettingsPage:
    import_feed(services, tmp_path)
    widget = SettingsPage(services, Tasks())
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_settings_lists_terms_unmapped_first_and_edits_one_by_keyboard(
    qtbot: Any, page: SettingsPage, services: Any
) -> None:
    box = page.taxonomy_box
    model = box.model
    texts = [model.display(model.summary(i), "term") for i in range(model.rowCount())]
    assert texts[:2] == ["Board games", "Chess club"]
    assert model.display(model.summary(0), "means") == "Not mapped yet"
    assert model.display(model.summary(0), "listings") == "2"
    assert box.count_label.text() == "2 not mapped yet."
    assert "words like “walk*”" in texts

    qtbot.keyClicks(box.find_edit, "women")
    assert model.rowCount() == 1
    women = model.summary(0)
    assert model.display(women, "means") == "Befriending, Peer support"
    assert model.display(women, "who") == "Women only"
    box.find_edit.clear()

    box.unmapped_check.setChecked(True)
    assert model.rowCount() == 2

    def run_dialog(dialog: QDialog) -> bool:
        assert isinstance(dialog, TermMappingDialog)
        assert dialog.editor.category_checks["Befriending"].accessibleName() == "Means Befriending"
        dialog.editor.category_checks["Befriending"].setChecked(True)
        dialog.editor.who_edit.setText("Adults")
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    box._exec_dialog = run_dialog  # type: ignore[method-assign]
    box.view.setFocus()
    box.view.selectRow(0)
    qtbot.keyClick(box.view, Qt.Key.Key_Return)  # Enter on a row edits it
    assert box.count_label.text() == "1 not mapped yet."
    assert model.rowCount() == 1  # only Chess club is left unmapped
    assert categories_of(services, "Chess Corner") == ("Befriending",)
    (games,) = [e for e in services.taxonomy.entries() if e.mapping.term == "Board games"]
    assert games.mapping.who == "Adults"
    assert box.edit_button.accessibleName() == "Edit what it means"


def test_the_directory_offers_unmapped_terms_after_an_import(
    qtbot: Any, services: Any, tmp_path: Path
) -> None:
    path = write_feed(tmp_path / "feed.json")
    page = DirectoryPage(services, Tasks())
    qtbot.addWidget(page)
    seen: list[QDialog] = []

    def run_dialog(dialog: Any) -> bool:
        seen.append(dialog)
        if isinstance(dialog, OpenReferralImportDialog):
            dialog.source_edit.setText(str(path))
            qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(dialog.progress_row.isHidden, timeout=20000)
            with qtbot.waitSignal(dialog.imported, timeout=20000):
                dialog.import_button.click()
            assert "2 of its terms do not say yet which kind of help" in dialog.details.text()
            return False
        assert isinstance(dialog, UnmappedTermsDialog)
        model = dialog.model
        first = model.summary(0)
        assert (first.mapping.term, first.listings) == ("Board games", 2)
        assert model.display(first, "listings") == "2 (Chess Corner, Harbour Games Night)"
        dialog.editor.category_checks["Befriending"].setChecked(True)
        qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
        assert (
            dialog.done_label.text()
            == "“Board games” now means Befriending: 1 listing re-categorised."
        )
        assert model.rowCount() == 1 and model.summary(0).mapping.term == "Chess club"
        dialog.editor.not_help_check.setChecked(True)
        qtbot.keyClick(dialog.map_button, Qt.Key.Key_Space)
        assert model.rowCount() == 0
        assert dialog.close_button.text() == "&Close"
        return False

    page._exec_dialog = run_dialog  # type: ignore[method-assign]
    page.oruk_import_action.trigger()
    assert [type(d) for d in seen] == [OpenReferralImportDialog, UnmappedTermsDialog]
    assert categories_of(services, "Chess Corner") == ("Befriending",)
    assert services.taxonomy.unmapped() == ()
    assert page.model.rowCount() == 6
