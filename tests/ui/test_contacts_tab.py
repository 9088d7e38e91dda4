"""The Contacts tab, its booking and outcome dialogs, risk flags and the banner, over real
services: what a link worker sees and does after the first meeting."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QColor

from linkworker.domain.directory import AssetDraft
from linkworker.domain.journey import ContactDraft, ContactOutcome, ContactPlace, NextStep
from linkworker.domain.journey import RiskFlagKind as Kind
from linkworker.domain.people import (
    ClosingReason,
    ConversationDraft,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.ui.people.closing_dialog import ClosingDialog
from linkworker.ui.people.contact_dialog import ContactDialog
from linkworker.ui.people.contact_outcome_dialog import ContactOutcomeDialog, NextStepDialog
from linkworker.ui.people.contacts_widget import contact_rows
from linkworker.ui.people.episode_dialog import EpisodeDialog
from linkworker.ui.people.flag_dialog import FlagDialog
from linkworker.ui.people.people_actions import PeopleActions
from linkworker.ui.people.people_page import PeoplePage
from linkworker.ui.people.risk_banner import BACKGROUND_COLOUR, TEXT_COLOUR, RiskBanner
from linkworker.ui.style import LEAST_CONTRAST, contrast
from linkworker.ui.workers import Tasks
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()
NEXT_WEEK = TODAY + dt.timedelta(days=7)


def _person(services: Any, **fields: Any) -> uuid.UUID:
    fields.setdefault("phone", "01632 960123")
    fields.setdefault("address", "14 Station Road")
    person = services.people.save_person(
        PersonDraft(given_name="Ada", family_name="Okafor", nhs_number="9995752697", **fields)
    )
    services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person.id,
            referral_date=TODAY - dt.timedelta(days=20),
            link_worker="Sam",
        )
    )
    return person.id


@pytest.fixture
def page(qtbot: Any, services: Any) -> PeoplePage:
    services.settings.set("user_name", "Sam")
    widget = PeoplePage(services, Tasks())
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _on_contacts(page: PeoplePage, person_id: uuid.UUID) -> Any:
    page.open_person(person_id, "contacts")
    assert page.tabs.currentWidget() is page.contacts_widget
    return page.contacts_widget


def _set_when(dialog: ContactDialog, day: dt.date, hour: int, minute: int = 0) -> None:
    dialog.date_edit.setDate(QDate(day.year, day.month, day.day))
    dialog.time_edit.setTime(QTime(hour, minute))


def _booking(qtbot: Any, services: Any, episode_id: uuid.UUID) -> ContactDialog:
    dialog = ContactDialog(
        services.contacts.book,
        services.contacts.reschedule,
        services.contacts.check,
        services.drafts,
        episode_id,
        "Ada Okafor",
        "Sam",
    )
    qtbot.addWidget(dialog)
    return dialog


def _save(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_booking_a_hub_from_the_directory_shows_on_the_tab_and_the_caseload(
    qtbot: Any, page: PeoplePage, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = services.directory.save(AssetDraft(name="Elton Community Cafe"))
    person_id = _person(services)
    tab = _on_contacts(page, person_id)
    assert "Nothing booked yet" in tab.note.text()

    def book(dialog: ContactDialog) -> bool:
        assert dialog.windowTitle() == "Book a contact with Ada Okafor"
        _set_when(dialog, NEXT_WEEK, 10, 30)
        dialog.minutes_spin.setValue(45)
        dialog.place_combo.setCurrentIndex(dialog.place_combo.findData("hub"))
        assert dialog.place_label.text() == "Which &hub"
        dialog.place_edit.setText("Elton")
        dialog.look_up()
        assert dialog._hub_names.stringList() == ["Elton Community Cafe"]
        dialog.place_edit.setText("Elton Community Cafe")
        _save(qtbot, dialog)
        return dialog.saved is not None

    monkeypatch.setattr(tab, "_exec_dialog", book)
    qtbot.mouseClick(tab.book_button, Qt.MouseButton.LeftButton)

    (row,) = contact_rows(tab.upcoming_model)
    assert row.draft.asset_id == hub.id and row.where == "Hub: Elton Community Cafe"
    assert row.draft.starts_at == dt.datetime.combine(NEXT_WEEK, dt.time(10, 30))
    assert row.draft.booked_by == "Sam"
    shown = [tab.upcoming_model.index(0, c).data() for c in range(5)]
    assert shown[1:] == ["10:30", "Hub: Elton Community Cafe", "45 min", "Booked"]
    assert page.model.summary(page.model.row_of(person_id)).next_contact == NEXT_WEEK
    assert tab.note.text() == ""


def test_an_overlap_is_a_warning_asked_before_booking(qtbot: Any, services: Any) -> None:
    person_id = _person(services)
    episode = services.people.get_person(person_id).episodes[0]
    at = dt.datetime.combine(NEXT_WEEK, dt.time(10))
    services.contacts.book(ContactDraft(episode_id=episode.id, starts_at=at))
    dialog = _booking(qtbot, services, episode.id)
    asked: list[int] = []
    dialog._confirm_overlap = lambda check: asked.append(len(check.overlaps)) or False  # type: ignore[method-assign]
    _set_when(dialog, NEXT_WEEK, 10, 30)
    dialog.look_up()
    assert dialog.warning_label.isVisibleTo(dialog)
    assert "overlapping time" in dialog.warning_label.text()
    assert "10:00 to 11:00" in dialog.warning_label.text()
    _save(qtbot, dialog)
    assert asked == [1] and dialog.saved is None  # "No": not booked, the form stays
    dialog._confirm_overlap = lambda _check: True  # type: ignore[method-assign]
    _save(qtbot, dialog)
    assert dialog.saved is not None
    assert len(services.contacts.contacts(person_id).upcoming) == 2


def test_clock_change_times_in_the_booking_form(qtbot: Any, services: Any) -> None:
    person_id = _person(services)
    episode = services.people.get_person(person_id).episodes[0]
    dialog = _booking(qtbot, services, episode.id)
    dialog._show_error = lambda exc: pytest.fail(exc.message)  # type: ignore[method-assign]
    year = TODAY.year + 1
    back = max(dt.date(year, 10, d) for d in range(25, 32) if dt.date(year, 10, d).weekday() == 6)
    _set_when(dialog, back, 1, 30)
    dialog.look_up()
    assert "happens twice" in dialog.warning_label.text()
    forward = max(dt.date(year, 3, d) for d in range(25, 32) if dt.date(year, 3, d).weekday() == 6)
    _set_when(dialog, forward, 1, 30)
    _save(qtbot, dialog)
    assert "does not exist" in dialog.field_error("starts_at")
    assert dialog.saved is None


def test_a_missed_contact_offers_the_next_step_and_three_ask_about_closing(
    qtbot: Any, page: PeoplePage, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = _person(services, address="")
    episode = services.people.get_person(person_id).episodes[0]
    for days in (9, 5):
        services.contacts.book(
            ContactDraft(
                episode_id=episode.id,
                starts_at=dt.datetime.now() - dt.timedelta(days=days),
                outcome=ContactOutcome.DID_NOT_ATTEND,
            )
        )
    missed = services.contacts.book(
        ContactDraft(episode_id=episode.id, starts_at=dt.datetime.now() - dt.timedelta(minutes=1))
    )
    tab = _on_contacts(page, person_id)
    assert [c.id for c in contact_rows(tab.upcoming_model)] == [missed.contact.id]
    tab.upcoming_table.selectRow(0)
    assert tab.move_button.isEnabled() and tab.outcome_button.isEnabled()

    opened: list[str] = []

    def run(dialog: Any) -> bool:
        opened.append(type(dialog).__name__)
        if isinstance(dialog, ClosingDialog):
            assert dialog.reason_combo.currentData() == ClosingReason.NOT_TAKEN_UP.value
        if isinstance(dialog, ContactOutcomeDialog):
            dialog.outcome_buttons[ContactOutcome.DID_NOT_ATTEND].setChecked(True)
            _save(qtbot, dialog)
            return dialog.saved is not None
        if isinstance(dialog, ContactDialog):  # the rebooking
            assert dialog.windowTitle() == "Book a contact with Ada Okafor"
            return False
        return False  # the referral form, set to close: not saved here

    asked: list[int] = []
    monkeypatch.setattr(tab, "_exec_dialog", run)
    monkeypatch.setattr(PeopleActions, "_exec_dialog", lambda _page, dialog: run(dialog))
    monkeypatch.setattr(tab, "_ask_close_not_taken_up", lambda n: asked.append(n) or True)
    result = tab.record_outcome()
    assert result is not None and result.suggest_not_taken_up and asked == [3]
    assert opened == ["ContactOutcomeDialog", "ClosingDialog"]  # closing goes through the form
    detail = services.people.get_person(person_id)
    assert detail.episodes[0].draft.status is EpisodeStatus.WAITING  # nothing closed for them

    offered: list[dict[NextStep, str]] = []

    def next_step(outcome: Any) -> NextStep:
        offered.append({o.step: o.why_not for o in outcome.next_steps})
        return NextStep.REBOOK

    monkeypatch.setattr(tab, "_ask_close_not_taken_up", lambda _n: False)
    monkeypatch.setattr(tab, "_ask_next_step", next_step)
    tab.past_table.selectRow(0)
    opened.clear()
    tab.record_outcome()
    assert offered[0][NextStep.WRITE] == "There is no address on their record to write to."
    assert offered[0][NextStep.PHONE] == ""
    assert opened == ["ContactOutcomeDialog", "ContactDialog"]


def test_the_next_step_dialog_greys_out_steps_with_the_reason(qtbot: Any, services: Any) -> None:
    offers = services.contacts.next_steps(_person(services, phone="", address=""))
    dialog = NextStepDialog(offers, "Ada Okafor", 2)
    qtbot.addWidget(dialog)
    assert dialog.step_buttons[NextStep.REBOOK].isEnabled()
    assert not dialog.step_buttons[NextStep.PHONE].isEnabled()
    assert "no phone number" in dialog.step_buttons[NextStep.PHONE].accessibleDescription()
    qtbot.mouseClick(dialog.step_buttons[NextStep.REBOOK], Qt.MouseButton.LeftButton)
    assert dialog.chosen is NextStep.REBOOK


def test_flags_raised_show_in_the_banner_and_the_dialogs(
    qtbot: Any, page: PeoplePage, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = _person(services)
    tab = _on_contacts(page, person_id)
    assert not page.risk_banner.isVisibleTo(page)

    def raise_flags(dialog: FlagDialog) -> bool:
        assert dialog.by_edit.text() == "Sam"
        dialog.raise_flag()
        assert "Choose which kind" in dialog.kind_error.text()
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(Kind.DO_NOT_VISIT_ALONE.value))
        dialog.note_edit.setPlainText("Large dog; visit in pairs")
        assert dialog.raise_flag() is not None
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(Kind.NO_LETTERS.value))
        assert dialog.raise_flag() is not None
        assert len(dialog.remove_buttons) == 2
        return True

    monkeypatch.setattr(tab, "_exec_dialog", raise_flags)
    qtbot.mouseClick(tab.flags_button, Qt.MouseButton.LeftButton)
    assert page.risk_banner.isVisibleTo(page)
    text = page.risk_banner.text()
    assert "Do not visit alone: Large dog; visit in pairs (Sam," in text
    assert "No letters to the address" in text

    seen: list[str] = []

    def look(dialog: Any) -> bool:
        seen.append(dialog.risk_banner.text() if dialog.risk_banner.isVisibleTo(dialog) else "")
        return False

    monkeypatch.setattr(tab, "_exec_dialog", look)
    tab.book()
    monkeypatch.setattr(page, "_exec_dialog", look)
    page.record_conversation()
    assert len(seen) == 2 and all("Do not visit alone" in s for s in seen)

    flag = services.flags.current(person_id)[0]
    monkeypatch.setattr(tab, "_exec_dialog", lambda dialog: dialog.remove_flag(flag.id) is not None)
    tab.edit_flags()
    assert "Do not visit alone" not in page.risk_banner.text()
    assert services.flags.history(person_id)[0].removed_by == "Sam"


def test_the_banner_reads_as_a_warning_with_enough_contrast(qtbot: Any) -> None:
    assert contrast(QColor(TEXT_COLOUR), QColor(BACKGROUND_COLOUR)) >= LEAST_CONTRAST
    banner = RiskBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden() and banner.flags == ()


def test_a_half_filled_booking_is_kept_as_a_draft_and_offered_back(
    qtbot: Any, page: PeoplePage, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = _person(services)
    tab = _on_contacts(page, person_id)

    def half_fill(dialog: ContactDialog) -> bool:
        _set_when(dialog, NEXT_WEEK, 14, 15)
        dialog.place_combo.setCurrentIndex(dialog.place_combo.findData("home"))
        dialog._ask_keep_draft = lambda: "keep"  # type: ignore[method-assign]
        dialog.reject()
        return False

    monkeypatch.setattr(tab, "_exec_dialog", half_fill)
    tab.book()
    (kept,) = services.drafts.pending()
    assert kept.key.startswith("contact:")
    assert kept.title == f"Contact with Ada Okafor, {NEXT_WEEK.day} {NEXT_WEEK:%B %Y} at 14:15"
    assert contact_rows(tab.upcoming_model) == []

    def finish(dialog: ContactDialog) -> bool:
        assert dialog.current_draft().place is ContactPlace.HOME
        assert dialog.current_draft().starts_at == dt.datetime.combine(NEXT_WEEK, dt.time(14, 15))
        _save(qtbot, dialog)
        return dialog.saved is not None

    monkeypatch.setattr(tab, "_exec_dialog", finish)
    page.open_saved_draft(kept)
    assert services.drafts.pending() == []
    (row,) = contact_rows(tab.upcoming_model)
    assert row.where == "Home visit"


def test_moving_a_contact_keeps_its_place_and_first_time(
    qtbot: Any, page: PeoplePage, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = _person(services)
    episode = services.people.get_person(person_id).episodes[0]
    at = dt.datetime.combine(NEXT_WEEK, dt.time(9))
    services.contacts.book(
        ContactDraft(episode_id=episode.id, starts_at=at, place=ContactPlace.VIDEO)
    )
    tab = _on_contacts(page, person_id)
    tab.upcoming_table.selectRow(0)

    def move(dialog: ContactDialog) -> bool:
        assert not dialog.place_combo.isEnabled()
        dialog.time_edit.setTime(QTime(15, 0))
        _save(qtbot, dialog)
        return dialog.saved is not None

    monkeypatch.setattr(tab, "_exec_dialog", move)
    qtbot.mouseClick(tab.move_button, Qt.MouseButton.LeftButton)
    (row,) = contact_rows(tab.upcoming_model)
    assert row.draft.starts_at.hour == 15 and row.moved_from == at
    assert row.where == "Video"
    assert tab.upcoming_model.index(0, 4).data() == "Booked (moved)"


def test_the_referral_form_shows_the_flags_above_it(
    qtbot: Any, page: PeoplePage, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = _person(services)
    services.flags.raise_flag(person_id, Kind.SAFEGUARDING, "Speak to her alone", "Sam")
    page.open_person(person_id, "story")
    seen: list[str] = []

    def look(_page: Any, dialog: Any) -> bool:
        assert isinstance(dialog, EpisodeDialog)
        seen.append(dialog.risk_banner.text())
        return False

    monkeypatch.setattr(PeopleActions, "_exec_dialog", look)
    page.update_referral()
    (text,) = seen
    assert "Safeguarding concern: Speak to her alone" in text


def test_what_happened_starts_on_what_can_be_said(qtbot: Any, services: Any) -> None:
    person_id = _person(services)
    episode = services.people.get_person(person_id).episodes[0]
    ahead = services.contacts.book(
        ContactDraft(episode_id=episode.id, starts_at=dt.datetime.combine(NEXT_WEEK, dt.time(9)))
    ).contact
    dialog = ContactOutcomeDialog(services.contacts.record_outcome, ahead, "Ada Okafor")
    qtbot.addWidget(dialog)
    assert dialog.outcome() is ContactOutcome.CANCELLED_BY_PERSON
    dialog.outcome_buttons[ContactOutcome.ATTENDED].setChecked(True)
    _save(qtbot, dialog)
    assert "has not happened yet" in dialog.field_error("outcome")
    dialog.outcome_buttons[ContactOutcome.CANCELLED_BY_WORKER].setChecked(True)
    dialog.note_edit.setPlainText("Off sick")
    _save(qtbot, dialog)
    saved = services.contacts.get(ahead.id)
    assert (saved.outcome, saved.draft.outcome_note) == (
        ContactOutcome.CANCELLED_BY_WORKER,
        "Off sick",
    )


def test_a_conversation_reopened_after_a_crash_still_shows_flags_and_numbers(
    qtbot: Any, page: PeoplePage, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = _person(services)
    episode = services.people.get_person(person_id).episodes[0]
    services.flags.raise_flag(person_id, Kind.LONE_WORKING, "Visit in pairs", "Sam")
    services.settings.set("emergency_numbers", [["Crisis team", "0800 000 0000"]])
    services.drafts.save(
        f"conversation:{uuid.uuid4()}",
        "Conversation with Ada Okafor",
        {"episode_id": str(episode.id), "person_name": "Ada Okafor", "notes": "Half typed"},
    )
    (kept,) = services.drafts.pending()
    seen: list[Any] = []

    def look(dialog: Any) -> bool:
        seen.append(dialog)
        return False

    monkeypatch.setattr(page, "_exec_dialog", look)
    page.open_saved_draft(kept)
    (dialog,) = seen
    qtbot.addWidget(dialog)
    assert "Lone-working risk" in dialog.risk_banner.text()
    assert dialog._emergency_numbers == (("Crisis team", "0800 000 0000"),)


def test_earlier_says_where_the_conversations_are_until_a_booking_has_happened(
    qtbot: Any, page: PeoplePage, services: Any
) -> None:
    person_id = _person(services)
    tab = _on_contacts(page, person_id)
    assert tab.past_note.isVisible() and tab.past_note.text() == "No contact has happened yet."
    episode = services.people.get_person(person_id).episodes[0]
    services.people.save_conversation(
        ConversationDraft(
            episode_id=episode.id,
            at=dt.datetime.combine(TODAY - dt.timedelta(days=2), dt.time(9)),
        )
    )
    tab = _on_contacts(page, person_id)
    assert "on the Story tab" in tab.past_note.text()
    services.contacts.book(
        ContactDraft(
            episode_id=episode.id,
            starts_at=dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(10)),
            outcome=ContactOutcome.ATTENDED,
        )
    )
    tab = _on_contacts(page, person_id)
    assert not tab.past_note.isVisible() and len(contact_rows(tab.past_model)) == 1
