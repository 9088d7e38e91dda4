"""Settings over real services: the table of referral reasons and the kinds of asset that help."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from linkworker.domain.matching import DEFAULT_REASON_KINDS
from linkworker.services.settings import emergency_numbers, reason_kinds
from linkworker.ui.settings_page import SettingsPage
from linkworker.ui.workers import Tasks


@pytest.fixture
def page(qtbot: Any, services: Any) -> SettingsPage:
    widget = SettingsPage(services, Tasks())
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _finish(qtbot: Any, page: SettingsPage, reason: str, text: str) -> None:
    edit = page.kind_edits[reason]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # editingFinished


def test_one_row_per_referral_reason_with_the_usual_kinds(page: SettingsPage) -> None:
    assert "Loneliness" in page.kind_edits and "Money or debt" in page.kind_edits
    assert page.kind_edits["Loneliness"].text() == "; ".join(DEFAULT_REASON_KINDS["Loneliness"])
    assert page.kind_edits["Loneliness"].accessibleName() == "Kinds of asset for Loneliness"


def test_changing_the_kinds_for_a_reason_is_saved_tidily(
    qtbot: Any, page: SettingsPage, services: Any
) -> None:
    _finish(qtbot, page, "Loneliness", "Befriending;  Singing ;; Community cafe;singing")
    assert page.kind_edits["Loneliness"].text() == "Befriending; Singing; Community cafe"
    table = reason_kinds(services.settings)
    assert table["Loneliness"] == ("Befriending", "Singing", "Community cafe")
    assert table["Housing"] == DEFAULT_REASON_KINDS["Housing"]
    # Only the reason that differs from the usual table is stored.
    assert services.settings.get("reason_kinds") == {
        "Loneliness": ["Befriending", "Singing", "Community cafe"]
    }


def test_reset_to_defaults(qtbot: Any, page: SettingsPage, services: Any) -> None:
    _finish(qtbot, page, "Housing", "Shelter")
    assert reason_kinds(services.settings)["Housing"] == ("Shelter",)
    qtbot.mouseClick(page.reset_kinds_button, Qt.MouseButton.LeftButton)
    assert reason_kinds(services.settings)["Housing"] == DEFAULT_REASON_KINDS["Housing"]
    assert page.kind_edits["Housing"].text() == "; ".join(DEFAULT_REASON_KINDS["Housing"])
    assert services.settings.get("reason_kinds") == {}


def test_a_new_referral_reason_gets_a_row(qtbot: Any, page: SettingsPage, services: Any) -> None:
    page.reasons_edit.setPlainText("Loneliness\nFuel poverty\n")
    qtbot.waitUntil(lambda: list(page.kind_edits) == ["Loneliness", "Fuel poverty"], timeout=3000)
    assert page.kind_edits["Fuel poverty"].text() == ""
    _finish(qtbot, page, "Fuel poverty", "Advice; Warm spaces")
    assert reason_kinds(services.settings)["Fuel poverty"] == ("Advice", "Warm spaces")


def test_the_teams_emergency_numbers_are_set_in_settings(
    qtbot: Any, page: SettingsPage, services: Any
) -> None:
    (row,) = page.numbers.rows
    assert row.who_edit.accessibleName() == "Emergency number 1: who"
    qtbot.keyClicks(row.who_edit, "  Crisis   team ")
    qtbot.keyClicks(row.number_edit, "0800 145 6485")
    qtbot.keyClick(row.number_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(page.numbers.add_button, Qt.MouseButton.LeftButton)
    second = page.numbers.rows[1]
    qtbot.keyClicks(second.who_edit, "Safeguarding lead")
    qtbot.keyClicks(second.number_edit, "01632 960999")
    qtbot.keyClick(second.number_edit, Qt.Key.Key_Return)
    assert emergency_numbers(services.settings) == (
        ("Crisis team", "0800 145 6485"),
        ("Safeguarding lead", "01632 960999"),
    )
    qtbot.mouseClick(row.remove_button, Qt.MouseButton.LeftButton)
    assert emergency_numbers(services.settings) == (("Safeguarding lead", "01632 960999"),)


def test_today_page_settings_are_saved(page: SettingsPage, services: Any) -> None:
    assert page.quiet_spin.value() == 6 and page.no_news_spin.value() == 21
    page.quiet_spin.setValue(8)
    page.no_news_spin.setValue(30)
    assert services.settings.get("quiet_weeks") == 8
    assert services.settings.get("no_news_days") == 30
    assert page.quiet_spin.accessibleName() == "People with no contact for"


def test_sharing_exports_with_the_group_is_a_choice_saved_and_applied(
    qtbot: Any, page: SettingsPage, services: Any, tmp_path: Any
) -> None:
    import os
    import stat

    from linkworker.paths import export_mode, share_exports_with_group

    check = page.share_exports_check
    assert not check.isChecked()
    try:
        check.setChecked(True)
        assert services.settings.get("exports_shared_with_group") is True
        shared = tmp_path / "shared.csv"
        shared.write_text("x")
        export_mode(shared)
        assert stat.S_IMODE(os.stat(shared).st_mode) == (0o640 if os.name == "posix" else 0o666)
        check.setChecked(False)
        assert services.settings.get("exports_shared_with_group") is False
        export_mode(shared)
        assert stat.S_IMODE(os.stat(shared).st_mode) == (0o600 if os.name == "posix" else 0o666)
    finally:
        share_exports_with_group(False)
