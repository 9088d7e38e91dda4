"""A caseload imported the messy way, seen on the People page: the bands that ask the
worker to confirm what was read, and to date a referral that came with no date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from linkworker.domain.people import AccessNeed, CaseloadSort
from linkworker.ui.people.as_written_bands import ADD_DATE_LINK
from linkworker.ui.people.episode_dialog import EpisodeDialog
from linkworker.ui.people.people_page import PeoplePage
from linkworker.ui.workers import Tasks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "caseload"


def _import(qtbot: Any, page: PeoplePage, monkeypatch: Any) -> Any:
    """Import the messy sheet through the import dialog, as a worker would; its preview."""
    seen: dict[str, Any] = {}

    def run(dialog: Any) -> bool:
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)
        seen["summary"] = dialog.summary.text()
        seen["rows"] = [
            dialog.problem_model.item(r, 1).text() for r in range(dialog.problem_model.rowCount())
        ]
        with qtbot.waitSignal(dialog.accepted, timeout=10000):
            dialog.import_button.click()
        return True

    monkeypatch.setattr(page, "_exec_dialog", run)
    page.import_people(FIXTURES / "messy_caseload.csv")
    return seen


@pytest.fixture
def page(qtbot: Any, services: Any) -> PeoplePage:
    widget = PeoplePage(services, Tasks())
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _open(page: PeoplePage, services: Any, name: str) -> Any:
    row = next(
        r for r in services.people.caseload(limit=50).rows if r.name == name
    )  # every imported person is on the caseload
    page.open_person(row.id)
    return row.id


def test_the_import_preview_says_what_was_kept_and_what_has_no_date(
    qtbot: Any, page: PeoplePage, monkeypatch: Any
) -> None:
    seen = _import(qtbot, page, monkeypatch)
    assert "kept as written" in seen["summary"]
    assert "1 referral has no date" in seen["summary"]
    assert any(r.startswith("Disagrees: Rukhsana Begum") for r in seen["rows"])
    assert any(r.startswith("Date unknown:") for r in seen["rows"])
    assert any(r.startswith("Kept as written: Alun Pryce") for r in seen["rows"])


def test_the_needs_band_shows_the_words_beside_what_was_read_and_confirms(
    qtbot: Any, page: PeoplePage, monkeypatch: Any, services: Any
) -> None:
    _import(qtbot, page, monkeypatch)
    person_id = _open(page, services, "Rukhsana Begum")
    band = page.needs_band
    assert band.isVisible()
    text = band.text.text()
    assert "needs step-free access and an accessible toilet" in text
    assert "Needs step-free access" in text
    assert "Needs a Sylheti interpreter" in text
    # The times disagree, and the band says so rather than choosing.
    assert band.conflicts and "weekends only" in band.conflicts[0]
    assert "These disagree" in text

    band.confirm_button.click()
    assert not band.isVisible()
    assert not services.people.as_written(person_id).to_confirm
    # The words are still kept, as written.
    assert services.people.as_written(person_id).access.startswith("needs step-free")


def test_correcting_details_from_the_band_opens_the_person_form(
    qtbot: Any, page: PeoplePage, monkeypatch: Any, services: Any
) -> None:
    _import(qtbot, page, monkeypatch)
    person_id = _open(page, services, "Alun Pryce")
    opened: list[Any] = []

    def run(dialog: Any) -> bool:
        opened.append(dialog)
        dialog.access_checks[AccessNeed.STEP_FREE].setChecked(True)
        dialog.speaks_english_combo.setCurrentIndex(dialog.speaks_english_combo.findData(True))
        dialog._on_save()
        return True

    monkeypatch.setattr(page, "_exec_dialog", run)
    page.needs_band.details_button.click()
    assert opened
    saved = services.people.get_person(person_id).draft
    assert AccessNeed.STEP_FREE in saved.access_needs and saved.speaks_english is True
    # Saving the form keeps the words as written; the band still asks to confirm.
    assert saved.as_written.access == "Uses a walking stick" and saved.as_written.to_confirm
    assert page.needs_band.isVisible()


def test_the_undated_referral_band_opens_the_referral_form_and_needs_a_date(
    qtbot: Any, page: PeoplePage, monkeypatch: Any, services: Any
) -> None:
    _import(qtbot, page, monkeypatch)
    person_id = _open(page, services, "Declan Shaw")
    band = page.undated_band
    assert band.isVisible()
    assert "has no date" in band.text() and "Low mood" in band.text()
    assert not page.needs_band.isHidden()
    (row,) = [r for r in services.people.caseload(limit=50).rows if r.id == person_id]
    assert row.status is None and row.undated_referral
    assert page.model.display(row, CaseloadSort.STATUS) == "Referral date unknown"

    tries: list[str] = []

    def run(dialog: Any) -> bool:
        assert isinstance(dialog, EpisodeDialog)
        # Filled in from the spreadsheet, with no date chosen for the worker.
        assert dialog.reason_checks["Low mood"].isChecked()
        assert "Tuesday drop-in" in dialog.reason_notes_edit.toPlainText()
        dialog._on_save()  # no date yet: refused, with the reason beside the date
        tries.append(dialog.field_error("referral_date"))
        dialog.referral_date_edit.setDate(QDate(2026, 11, 20))
        dialog._on_save()
        return dialog.result() == 1 or dialog.saved is not None

    monkeypatch.setattr(page, "_exec_dialog", run)
    band.linkActivated.emit(ADD_DATE_LINK)
    assert tries and "spreadsheet had none" in tries[0]
    (episode,) = services.people.get_person(person_id).episodes
    assert episode.draft.referral_date == dt.date(2026, 11, 20)
    assert episode.draft.reasons == ("Low mood", "Physical activity")
    assert services.people.undated_referrals(person_id) == ()
    assert not band.isVisible()
    (row,) = [r for r in services.people.caseload(limit=50).rows if r.id == person_id]
    assert not row.undated_referral
    assert page.model.display(row, CaseloadSort.STATUS) == "Waiting for first contact"


def test_the_bands_stay_away_for_people_not_from_a_spreadsheet(
    qtbot: Any, page: PeoplePage, services: Any
) -> None:
    from linkworker.domain.people import PersonDraft

    detail = services.people.save_person(PersonDraft(given_name="Nia", family_name="Hughes"))
    page.open_person(detail.id)
    assert page.needs_band.isHidden() and page.undated_band.isHidden()
    assert page.tabs.currentIndex() == page.TAB_NAMES["story"]
    assert page.tabs.tabText(0).replace("&", "") == "Story"
    assert Qt.TextFormat.RichText == page.undated_band.textFormat()


def test_today_names_the_people_whose_referral_has_no_date(
    qtbot: Any, page: PeoplePage, monkeypatch: Any, services: Any
) -> None:
    from linkworker.ui.today.today_page import TodayPage

    _import(qtbot, page, monkeypatch)
    today = TodayPage(services)
    qtbot.addWidget(today)
    today.show()
    today.refresh()
    band = today.undated_band
    assert band.isVisible() and "Declan Shaw" in band.text()
    (declan,) = band.people
    with qtbot.waitSignal(today.person_requested) as opened:
        band.linkActivated.emit(str(declan.person_id))
    assert opened.args == [declan.person_id, "story"]
