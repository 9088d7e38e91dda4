"""What a new user meets on a first afternoon: the welcome, honest empty pages, plain words.

Over real services in a temporary data folder; message boxes and the import dialogs
are looked at rather than run.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from linkworker.domain.people import EpisodeDraft, PersonDraft
from linkworker.services.sample_data import load_sample_drafts
from linkworker.ui.directory.directory_page import DirectoryPage
from linkworker.ui.directory.exchange_dialog import OpenReferralImportDialog
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.main_window import Area, MainWindow
from linkworker.ui.people.people_page import PeoplePage
from linkworker.ui.people.person_form_dialog import PersonFormDialog
from linkworker.ui.people.suggestions_widget import SuggestionsWidget
from linkworker.ui.settings_page import SettingsPage
from linkworker.ui.workers import Tasks
from tests.data.people_helpers import AGREED


def _shown(qtbot: Any, widget: Any) -> Any:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# The directory ---------------------------------------------------------------


def test_a_monthly_group_is_not_shown_as_weekly_and_the_town_is_named_once(
    qtbot: Any, services: Any
) -> None:
    services.directory.add_many(load_sample_drafts())
    page = _shown(qtbot, DirectoryPage(services, Tasks()))
    page.search_edit.setText("Elton Village Garden Club")
    page.apply_filters()
    names = [page.model.summary(r).name for r in range(page.model.rowCount())]
    row = names.index("Elton Village Garden Club")
    when = page.model.index(row, 2).data()
    assert when == "3rd Wed of month 19:30"
    page.table.selectRow(row)
    where = page.detail.browser.toPlainText()
    assert "School Lane, Elton, CH2 4LN" in where
    assert "Elton, Elton" not in where


def test_an_empty_directory_says_so_and_offers_only_what_can_work(
    qtbot: Any, services: Any
) -> None:
    page = _shown(qtbot, DirectoryPage(services, Tasks()))
    assert page.count_label.text() == "The directory is empty. Add an asset or import a file."
    assert "The directory is empty" in page.detail.placeholder.text()
    assert "Open Referral UK" in page.detail.placeholder.text()
    for action in (page.export_action, page.duplicates_action):
        assert not action.isEnabled(), action.text()
    for button in (
        page.booklet_button,
        page.sheet_button,
        page.detail.verify_button,
        page.detail.archive_button,
    ):
        assert not button.isEnabled(), button.text()
    assert page.add_button.isEnabled() and page.oruk_import_action.isEnabled()
    services.directory.add_many(load_sample_drafts()[:3])
    page.refresh_facets()
    page.apply_filters()
    assert page.booklet_button.isEnabled() and page.export_action.isEnabled()
    assert page.detail.placeholder.text() == "Choose an asset to see its details."


def test_open_referral_is_described_in_plain_words(qtbot: Any, services: Any) -> None:
    dialog = _shown(qtbot, OpenReferralImportDialog(services.directory_import, Tasks()))
    text = dialog.details.text()
    assert "Open Referral UK feed or file" in text
    for jargon in ("HSDS", "ORUK", "v1", "datapackage", "JSON"):
        assert jargon not in text, jargon


# People ----------------------------------------------------------------------


def test_an_empty_caseload_says_how_to_begin(qtbot: Any, services: Any) -> None:
    page = _shown(qtbot, PeoplePage(services, Tasks()))
    assert page.count_label.text() == "No people yet: add a person or import a caseload."
    assert "No people yet" in page.summary.toPlainText()
    services.people.save_person(PersonDraft(given_name="Maureen", family_name="Oakes"))
    page.search_edit.setText("nobody by this name")
    page.apply_filters()
    assert page.count_label.text().startswith("Nobody matches.")


def test_suggestions_with_an_empty_directory_say_the_directory_is_empty(
    qtbot: Any, services: Any
) -> None:
    person = services.people.save_person(PersonDraft(given_name="Maureen", family_name="Oakes"))
    services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person.id,
            referral_date=dt.date.today(),
            link_worker="Sam",
        )
    )
    widget = SuggestionsWidget(services.matching, services.plans, services.directory, lambda: "Sam")
    _shown(qtbot, widget)
    widget.show_person(person.id, "Maureen Oakes")
    assert "The community directory is empty" in widget.empty_label.text()
    assert not widget.empty_label.isHidden()


def test_the_nhs_number_example_is_not_a_real_looking_number(qtbot: Any, services: Any) -> None:
    dialog = PersonFormDialog(services.people.save_person, lambda _draft: [])
    qtbot.addWidget(dialog)
    placeholder = dialog.nhs_number_edit.placeholderText()
    assert placeholder == "10 digits"
    assert not re.search(r"\d{3}\s?\d{3}\s?\d{4}", placeholder)


# Messages --------------------------------------------------------------------


def test_names_in_messages_are_in_curly_quotes(qtbot: Any, monkeypatch: Any, services: Any) -> None:
    """A real refusal from below the window names the place in quotation marks."""
    import datetime as dt

    from linkworker.domain.directory import AssetDraft
    from linkworker.domain.people import EpisodeDraft, PersonDraft
    from linkworker.domain.plan import AssetReferralDraft
    from linkworker.services.plan import InvalidPlan

    walk = services.directory.save(AssetDraft(name="St Hilda's Walk"))
    person = services.people.save_person(PersonDraft(given_name="Ada", family_name="Quill"))
    episode = services.people.save_episode(
        EpisodeDraft(consent_to_hold=AGREED, person_id=person.id, referral_date=dt.date.today())
    )
    chosen = AssetReferralDraft(episode_id=episode.id, asset_id=walk.id)
    services.plans.save_referral(chosen)
    seen: list[str] = []

    def exec_(box: QMessageBox) -> int:
        seen.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    try:
        services.plans.save_referral(chosen)
    except InvalidPlan as exc:
        show_user_error(None, exc)
    assert len(seen) == 1
    assert "“St Hilda's Walk” is already in this plan" in seen[0]


# First run and settings -------------------------------------------------------


@pytest.fixture
def first_run(qtbot: Any, services: Any) -> MainWindow:
    window = MainWindow.with_services(services)
    return _shown(qtbot, window)


def test_first_run_asks_who_you_are_and_it_prints_on_plans(
    qtbot: Any, first_run: MainWindow, services: Any
) -> None:
    welcome = first_run.welcome_page
    assert first_run.pages.currentWidget() is welcome
    for key, text in (
        ("user_name", "Sam Okafor"),
        ("team_name", "Whitby Social Prescribing"),
        ("user_phone", "0151 496 0123"),
    ):
        edit = welcome.edits[key]
        edit.setFocus()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert welcome.saved_note.text().startswith("Saved at ")
    worker = services.documents.worker()
    assert (worker.name, worker.team, worker.phone) == (
        "Sam Okafor",
        "Whitby Social Prescribing",
        "0151 496 0123",
    )
    qtbot.mouseClick(welcome.empty_button, Qt.MouseButton.LeftButton)
    first_run.show_area(Area.SETTINGS)  # Settings shows what was typed here
    assert first_run.settings_page.name_edit.text() == "Sam Okafor"


def test_first_run_offers_an_open_referral_import(
    qtbot: Any, first_run: MainWindow, monkeypatch: Any
) -> None:
    opened: list[Any] = []

    def look(dialog: Any) -> bool:
        opened.append(type(dialog))
        return False

    monkeypatch.setattr(first_run.directory_page, "_exec_dialog", look)
    qtbot.mouseClick(first_run.welcome_page.oruk_button, Qt.MouseButton.LeftButton)
    assert opened == [OpenReferralImportDialog]
    assert first_run.pages.currentWidget() is first_run.welcome_page  # nothing imported yet


def test_settings_say_when_they_were_saved(qtbot: Any, services: Any) -> None:
    clock = dt.datetime(2026, 3, 4, 14, 32)
    page = _shown(qtbot, SettingsPage(services, Tasks(), now=lambda: clock))
    assert page.saved_note.text() == "Changes are saved as you go."
    page.team_edit.setFocus()
    qtbot.keyClicks(page.team_edit, "Whitby team")
    qtbot.keyClick(page.team_edit, Qt.Key.Key_Return)
    assert services.settings.get("team_name") == "Whitby team"
    assert page.saved_note.text() == "Saved at 14:32."
    assert page.saved_note.isVisible()
