"""The People area over a real database: search, filters, and a person's story."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from linkworker.domain.people import (
    ConversationDraft,
    ConversationMode,
    ConversationType,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.ui.people.people_page import PeoplePage
from linkworker.ui.workers import Tasks
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()


def _person(given: str, family: str, **kw: Any) -> PersonDraft:
    return PersonDraft(given_name=given, family_name=family, **kw)


@pytest.fixture
def page(qtbot: Any, services: Any) -> PeoplePage:
    people = services.people
    people.import_people(
        [
            (
                _person(
                    "Maureen",
                    "Oakes",
                    nhs_number="9990000018",
                    postcode="CH65 2AB",
                    date_of_birth=dt.date(1948, 3, 2),
                    preferred_name="Mo",
                    what_matters="Getting back to my allotment",
                    strengths=("Baking",),
                ),
                EpisodeDraft(
                    consent_to_hold=AGREED,
                    person_id=uuid.UUID(int=0),
                    referral_date=TODAY,
                    link_worker="Sam",
                ),
            ),
            (
                _person("Tomasz", "Nowak", nhs_number="9990000026", postcode="CH66 1XY"),
                EpisodeDraft(
                    consent_to_hold=AGREED,
                    person_id=uuid.UUID(int=0),
                    referral_date=TODAY,
                    link_worker="Ali",
                ),
            ),
            (_person("Dee", "Ashworth", no_fixed_address=True), None),
        ]
    )
    widget = PeoplePage(services, Tasks())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_everyone()  # it opens on open referrals; these tests read the whole caseload
    widget.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return widget


def _names(page: PeoplePage) -> list[str]:
    return [page.model.summary(r).name for r in range(page.model.rowCount())]


def test_caseload_lists_everyone(page: PeoplePage) -> None:
    assert len(_names(page)) == 3
    assert page.count_label.text() == "3 people"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("nowak", "Tomasz"), ("999 000 0018", "Mo"), ("9990000026", "Tomasz"), ("ch65 2", "Mo")],
)
def test_search_by_name_nhs_number_or_postcode(
    qtbot: Any, page: PeoplePage, typed: str, expected: str
) -> None:
    qtbot.keyClicks(page.search_edit, typed)
    qtbot.waitUntil(lambda: len(_names(page)) == 1, timeout=2000)
    assert expected in _names(page)[0]


def test_status_and_mine_filters(page: PeoplePage, services: Any) -> None:
    page.status_combo.setCurrentIndex(page.status_combo.findData(EpisodeStatus.WAITING.value))
    assert len(_names(page)) == 2
    services.settings.set("user_name", "Sam")
    page.mine_check.setChecked(True)
    assert len(_names(page)) == 1 and "Oakes" in _names(page)[0]


def test_choosing_someone_shows_what_matters_first(
    qtbot: Any, page: PeoplePage, services: Any
) -> None:
    row = next(i for i, n in enumerate(_names(page)) if "Oakes" in n)
    person_id = page.model.summary(row).id
    episode = services.people.get_person(person_id).episodes[0]
    services.people.save_conversation(
        ConversationDraft(
            episode_id=episode.id,
            at=dt.datetime.now() - dt.timedelta(hours=1),
            kind=ConversationType.FIRST,
            mode=ConversationMode.HOME_VISIT,
            minutes=60,
            notes="Talked about the allotment.",
            answers=(("what_matters", "Getting back to my allotment"),),
        )
    )
    page.apply_filters()
    page.table.selectRow(row)
    text = page.summary.toPlainText()
    assert "What matters to me" in text and "allotment" in text
    assert text.index("What matters to me") < text.index("Conversations")
    assert "Baking" in text
    assert "999 000 0018" in text
    assert "Home visit" in text and "60 min" in text


def test_keyboard_find_and_escape(qtbot: Any, page: PeoplePage) -> None:
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search_edit
    qtbot.keyClicks(page.search_edit, "dee")
    page.apply_filters()
    assert len(_names(page)) == 1
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)
    assert len(_names(page)) == 3


def test_adding_a_person_from_the_page(
    qtbot: Any, page: PeoplePage, monkeypatch: Any, services: Any
) -> None:
    from linkworker.ui.people.person_form_dialog import PersonFormDialog

    def fill(dialog: PersonFormDialog) -> bool:
        qtbot.keyClicks(dialog.given_name_edit, "Rhiannon")
        qtbot.keyClicks(dialog.family_name_edit, "Pryce")
        dialog.what_matters_edit.setPlainText("Singing again, with other people")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == PersonFormDialog.DialogCode.Accepted

    monkeypatch.setattr(page, "_exec_dialog", fill)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert services.people.count() == 4
    assert "Rhiannon Pryce" in _names(page)
    text = page.summary.toPlainText()
    assert "Rhiannon Pryce" in text and "Singing again" in text


def test_a_likely_duplicate_opens_the_existing_person(
    qtbot: Any, page: PeoplePage, monkeypatch: Any, services: Any
) -> None:
    from linkworker.ui.people.person_form_dialog import PersonFormDialog

    def fill(dialog: PersonFormDialog) -> bool:
        monkeypatch.setattr(dialog, "_choose_match", lambda matches: matches[0])
        qtbot.keyClicks(dialog.given_name_edit, "Maureen")
        qtbot.keyClicks(dialog.family_name_edit, "Oakes")
        qtbot.keyClicks(dialog.nhs_number_edit, "999 000 0018")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == PersonFormDialog.DialogCode.Accepted

    page.search_edit.setText("nowak")
    page.apply_filters()
    monkeypatch.setattr(page, "_exec_dialog", fill)
    page.add_person()
    assert services.people.count() == 3  # nobody added
    assert "Oakes" in page.summary.toPlainText()
    selected = page._selected_id()
    assert (
        selected is not None and services.people.get_person(selected).draft.family_name == "Oakes"
    )


def _select(page: PeoplePage, family: str) -> uuid.UUID:
    row = next(i for i, n in enumerate(_names(page)) if family in n)
    page.table.selectRow(row)
    return page.model.summary(row).id


def test_first_conversation_from_the_page(
    qtbot: Any, page: PeoplePage, monkeypatch: Any, services: Any
) -> None:
    from linkworker.ui.people.conversation_dialog import ConversationDialog

    seen: list[ConversationType] = []

    def talk(dialog: ConversationDialog) -> bool:
        seen.append(dialog.kind())
        dialog.answer_edits["what_matters"].setPlainText("My allotment, and my grandson")
        dialog.notes_edit.setPlainText("Met at home; tea and biscuits.")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == ConversationDialog.DialogCode.Accepted

    person_id = _select(page, "Oakes")
    monkeypatch.setattr(page, "_exec_dialog", talk)
    page.record_conversation()
    assert seen == [ConversationType.FIRST]
    detail = services.people.get_person(person_id)
    assert detail.episodes[0].draft.status is EpisodeStatus.ACTIVE
    assert dict(detail.conversations[0].draft.answers)["what_matters"].startswith("My allotment")
    assert services.drafts.pending() == []  # saved, so the autosaved draft is gone
    assert "tea and biscuits" in page.summary.toPlainText()
    page.record_conversation()
    assert seen[-1] is ConversationType.FOLLOW_UP


def test_conversation_without_a_referral_asks_for_one_first(
    qtbot: Any, page: PeoplePage, monkeypatch: Any, services: Any
) -> None:
    from linkworker.ui.people.conversation_dialog import ConversationDialog
    from linkworker.ui.people.episode_dialog import EpisodeDialog

    opened: list[str] = []

    def run(dialog: Any) -> bool:
        opened.append(type(dialog).__name__)
        if isinstance(dialog, EpisodeDialog):
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            return dialog.result() == EpisodeDialog.DialogCode.Accepted
        assert isinstance(dialog, ConversationDialog)
        dialog.agree_check.setChecked(True)  # asked on the phone, they agreed
        dialog.notes_edit.setPlainText("Phoned to say hello.")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return True

    person_id = _select(page, "Ashworth")
    monkeypatch.setattr(page, "_exec_dialog", run)
    page.record_conversation()
    assert opened == ["EpisodeDialog", "ConversationDialog"]
    detail = services.people.get_person(person_id)
    assert len(detail.episodes) == 1 and len(detail.conversations) == 1


def test_importing_a_caseload_from_the_page(
    qtbot: Any, page: PeoplePage, monkeypatch: Any, services: Any, tmp_path: Any
) -> None:
    sheet = tmp_path / "caseload.csv"
    sheet.write_text(
        "given_name,family_name,date_of_birth,nhs_number,postcode,referral_date,referred_by\n"
        "Bronwen,Lewis,14/02/1950,999 000 0034,ch65 3ab,01/11/2026,GP\n"
        "Idris,Rowlands,03/09/1961,9990000042,CH66 2QQ,,\n",
        encoding="utf-8",
    )

    def run(dialog: Any) -> bool:
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)
        assert dialog.import_button.text() == "Import 2 people"
        with qtbot.waitSignal(dialog.accepted, timeout=10000):
            dialog.import_button.click()
        return True

    monkeypatch.setattr(page, "_exec_dialog", run)
    page.import_people(sheet)
    assert services.people.count() == 5
    assert page.count_label.text() == "5 people"
    assert any("Bronwen Lewis" in n for n in _names(page))


def test_a_bad_caseload_row_imports_nobody(
    qtbot: Any, page: PeoplePage, monkeypatch: Any, services: Any, tmp_path: Any
) -> None:
    sheet = tmp_path / "caseload.csv"
    sheet.write_text(
        "given_name,family_name,nhs_number\nBronwen,Lewis,9990000034\nIdris,Rowlands,9990000019\n",
        encoding="utf-8",
    )
    seen: list[str] = []

    def run(dialog: Any) -> bool:
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
        seen.extend(
            dialog.problem_model.item(r, 0).text() for r in range(dialog.problem_model.rowCount())
        )
        assert not dialog.import_button.isEnabled()
        return False

    monkeypatch.setattr(page, "_exec_dialog", run)
    page.import_people(sheet)
    assert seen == ["3"]
    assert services.people.count() == 3


def test_the_team_sets_its_own_referral_reasons(
    qtbot: Any, page: PeoplePage, monkeypatch: Any, services: Any
) -> None:
    from linkworker.ui.people.episode_dialog import EpisodeDialog
    from linkworker.ui.settings_page import SettingsPage

    settings_page = SettingsPage(services, Tasks())
    qtbot.addWidget(settings_page)
    assert "Loneliness" in settings_page.reasons_edit.toPlainText()  # the usual list to start
    settings_page.reasons_edit.setPlainText("Loneliness\n\nFuel poverty\n  Caring for a parent  \n")
    assert services.settings.get("referral_reasons") == [
        "Loneliness",
        "Fuel poverty",
        "Caring for a parent",
    ]
    offered: list[list[str]] = []

    def run(dialog: EpisodeDialog) -> bool:
        offered.append(list(dialog.reason_checks))
        dialog.reason_checks["Fuel poverty"].setChecked(True)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() == EpisodeDialog.DialogCode.Accepted

    person_id = _select(page, "Ashworth")
    monkeypatch.setattr(page, "_exec_dialog", run)
    page.new_referral()
    assert offered == [["Loneliness", "Fuel poverty", "Caring for a parent"]]
    assert services.people.get_person(person_id).episodes[0].draft.reasons == ("Fuel poverty",)
