"""The conversation form and its autosaved drafts, over a real database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QWidget

from linkworker.domain.people import (
    WHAT_MATTERS_PROMPTS,
    ConversationMode,
    ConversationType,
    CrisisStep,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.ui.people import conversation_dialog, draft_recovery
from linkworker.ui.people.conversation_dialog import ConversationDialog
from linkworker.ui.people.draft_recovery import DraftRecoveryDialog, offer_saved_drafts
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()


def _episode(services: Any) -> Any:
    person = services.people.save_person(
        PersonDraft(given_name="Mary", family_name="Jones", nhs_number="9990000018")
    )
    return services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=person.id, referral_date=TODAY - dt.timedelta(days=7)
        )
    )


def _unexpected(*args: object) -> Any:
    raise AssertionError(f"unexpected message box: {args}")


def _show(qtbot: Any, dialog: ConversationDialog) -> ConversationDialog:
    qtbot.addWidget(dialog)
    dialog._ask_overwrite = _unexpected  # type: ignore[method-assign]
    dialog._show_error = _unexpected  # type: ignore[method-assign]
    dialog._ask_keep_draft = _unexpected  # type: ignore[method-assign]
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _open(qtbot: Any, services: Any, episode: Any, **kw: Any) -> ConversationDialog:
    dialog = ConversationDialog(
        services.people.save_conversation,
        services.drafts,
        episode.id,
        "Mary Jones",
        "Priya Shah",
        **kw,
    )
    return _show(qtbot, dialog)


def _type(qtbot: Any, widget: QWidget, text: str) -> None:
    widget.setFocus()
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(widget, Qt.Key.Key_Return)  # QTest cannot type "\n" itself
        qtbot.keyClicks(widget, line)


def _choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def _set_date(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def _save(qtbot: Any, dialog: ConversationDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _conversations(services: Any, episode: Any) -> tuple[Any, ...]:
    return services.people.get_person(episode.draft.person_id).conversations


def test_a_follow_up_round_trips_every_field(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    dialog = _open(qtbot, services, episode)
    assert dialog.windowTitle() == "Conversation with Mary Jones"
    assert dialog.kind_combo.currentText() == "Follow-up"
    assert not dialog.first_box.isVisibleTo(dialog)
    assert not dialog.crisis_box.isVisibleTo(dialog)
    at = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(14, 30))
    dialog.at_edit.setDateTime(QDateTime(QDate(at.year, at.month, at.day), QTime(14, 30)))
    _choose(dialog.mode_combo, "Home visit")
    _type(qtbot, dialog.place_edit, "Her kitchen")
    _type(qtbot, dialog.minutes_edit, "50")
    _type(qtbot, dialog.notes_edit, "Talked about the allotment.\nShe wants to go on Tuesday.")
    _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    (stored,) = _conversations(services, episode)
    draft = stored.draft
    assert draft.at == at
    assert draft.kind is ConversationType.FOLLOW_UP
    assert draft.mode is ConversationMode.HOME_VISIT
    assert draft.place == "Her kitchen"
    assert draft.minutes == 50
    assert draft.notes == "Talked about the allotment.\nShe wants to go on Tuesday."
    assert draft.answers == () and draft.crisis is None
    assert draft.recorded_by == "Priya Shah"
    # The first conversation recorded makes the referral active.
    assert services.people.get_person(episode.draft.person_id).episodes[0].draft.status is (
        EpisodeStatus.ACTIVE
    )

    again = _open(qtbot, services, episode, detail=stored)
    assert again.windowTitle() == "Edit conversation with Mary Jones"
    assert again.minutes_edit.text() == "50"
    assert again.mode_combo.currentText() == "Home visit"
    _save(qtbot, again)
    assert _conversations(services, episode)[0].draft.notes == draft.notes


def test_first_conversation_answers_are_kept_in_their_words(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    dialog = _open(qtbot, services, episode, kind=ConversationType.FIRST)
    assert dialog.first_box.isVisibleTo(dialog)
    assert len(dialog.answer_edits) == len(WHAT_MATTERS_PROMPTS)
    assert "In their words" in dialog.answer_edits["what_matters"].placeholderText()
    _type(qtbot, dialog.answer_edits["what_matters"], "My grandchildren, and my garden")
    _type(qtbot, dialog.answer_edits["in_the_way"], "My knees. And the bus fare.")
    _save(qtbot, dialog)

    (stored,) = _conversations(services, episode)
    assert stored.draft.kind is ConversationType.FIRST
    assert dict(stored.draft.answers) == {
        "what_matters": "My grandchildren, and my garden",
        "in_the_way": "My knees. And the bus fare.",
    }


def test_a_crisis_plan_is_stored_with_its_steps(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    dialog = _open(qtbot, services, episode, kind=ConversationType.CRISIS)
    assert dialog.crisis_box.isVisibleTo(dialog)
    assert dialog.check_back_edit.date() == QDate.currentDate().addDays(2)
    assert len(dialog.step_rows) == 1
    _type(qtbot, dialog.must_change_edit, "Heating back on before the weekend")
    row = dialog.step_rows[0]
    _type(qtbot, row.what_edit, "Ring the energy company")
    _type(qtbot, row.who_edit, "Priya")
    _set_date(row.by_edit, TODAY + dt.timedelta(days=1))
    qtbot.mouseClick(dialog.add_step_button, Qt.MouseButton.LeftButton)
    assert dialog.focusWidget() is dialog.step_rows[1].what_edit
    _type(qtbot, dialog.step_rows[1].what_edit, "Food bank voucher")
    _type(qtbot, dialog.step_rows[1].who_edit, "Mary")
    dialog.add_step()  # left blank: not saved
    _save(qtbot, dialog)

    (stored,) = _conversations(services, episode)
    crisis = stored.draft.crisis
    assert crisis is not None
    assert crisis.must_change == "Heating back on before the weekend"
    assert crisis.steps == (
        CrisisStep("Ring the energy company", "Priya", TODAY + dt.timedelta(days=1)),
        CrisisStep("Food bank voucher", "Mary", TODAY + dt.timedelta(days=1)),
    )
    assert crisis.check_back_on == TODAY + dt.timedelta(days=2)

    again = _open(qtbot, services, episode, detail=stored)
    assert [r.what_edit.text() for r in again.step_rows] == [
        "Ring the energy company",
        "Food bank voucher",
    ]
    qtbot.mouseClick(again.step_rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert again.step_rows[0].what_edit.accessibleName() == "Step 1: what"
    _save(qtbot, again)
    assert len(_conversations(services, episode)[0].draft.crisis.steps) == 1


@pytest.mark.parametrize(
    ("case", "field", "words"),
    [
        ("no must_change", "crisis.must_change", "Say what must change now to be safe."),
        ("check back early", "crisis.check_back_on", "before the conversation"),
        ("check back late", "crisis.check_back_on", "within 7 days"),
        ("step without what", "crisis.steps", "Say what each step"),
        ("minutes", "minutes", "from 1 to 1440"),
        ("future", "at", "in the future"),
    ],
)
def test_bad_input_is_shown_beside_its_field_and_nothing_is_saved(
    qtbot: Any, services: Any, case: str, field: str, words: str
) -> None:
    episode = _episode(services)
    dialog = _open(qtbot, services, episode, kind=ConversationType.CRISIS)
    if case != "no must_change":
        _type(qtbot, dialog.must_change_edit, "Somewhere safe to sleep tonight")
    if case == "check back early":
        _set_date(dialog.check_back_edit, TODAY - dt.timedelta(days=1))
    elif case == "check back late":
        _set_date(dialog.check_back_edit, TODAY + dt.timedelta(days=20))
    elif case == "step without what":
        _type(qtbot, dialog.step_rows[0].who_edit, "Housing team")
    elif case == "minutes":
        _type(qtbot, dialog.minutes_edit, "an hour")
    elif case == "future":
        dialog.at_edit.setDateTime(QDateTime.currentDateTime().addDays(1))

    _save(qtbot, dialog)

    assert words in dialog.field_error(field)
    assert dialog.banner.isVisibleTo(dialog)
    assert dialog.isVisible() and dialog.saved is None
    assert _conversations(services, episode) == ()


def test_switching_type_keeps_what_was_typed(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    dialog = _open(qtbot, services, episode, kind=ConversationType.FIRST)
    _type(qtbot, dialog.answer_edits["enjoy"], "Singing in the choir")
    _type(qtbot, dialog.notes_edit, "Met at the hub")
    _choose(dialog.kind_combo, "Crisis")
    assert dialog.crisis_box.isVisibleTo(dialog)
    # Words already written stay in view rather than being saved (or dropped) unseen.
    assert dialog.first_box.isVisibleTo(dialog)
    _type(qtbot, dialog.must_change_edit, "Rent paid this week")
    _choose(dialog.kind_combo, "Follow-up")
    _choose(dialog.kind_combo, "First “what matters” conversation")
    assert dialog.answer_edits["enjoy"].toPlainText() == "Singing in the choir"
    assert dialog.must_change_edit.toPlainText() == "Rent paid this week"
    assert dialog.notes_edit.toPlainText() == "Met at the hub"

    _save(qtbot, dialog)
    (stored,) = _conversations(services, episode)
    assert dict(stored.draft.answers) == {"enjoy": "Singing in the choir"}
    assert stored.draft.crisis is not None
    assert stored.draft.crisis.must_change == "Rent paid this week"


def test_an_untouched_type_switch_shows_only_its_own_section(qtbot: Any, services: Any) -> None:
    dialog = _open(qtbot, services, _episode(services), kind=ConversationType.FIRST)
    _choose(dialog.kind_combo, "Crisis")
    assert not dialog.first_box.isVisibleTo(dialog)
    assert dialog.crisis_box.isVisibleTo(dialog)


def test_autosave_keeps_a_draft_after_typing_and_saving_discards_it(
    qtbot: Any, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(conversation_dialog, "AUTOSAVE_INTERVAL_MS", 50)
    episode = _episode(services)
    dialog = _open(qtbot, services, episode)
    key = dialog.draft_key
    assert key.startswith(f"conversation:{episode.id}:")
    qtbot.wait(200)
    assert services.drafts.get(key) is None  # nothing typed, nothing kept

    _type(qtbot, dialog.notes_edit, "She laughed for the first time")
    qtbot.waitUntil(lambda: services.drafts.get(key) is not None, timeout=3000)
    kept = services.drafts.get(key)
    assert kept.payload["notes"] == "She laughed for the first time"
    assert kept.title == f"Conversation with Mary Jones, {TODAY.day} {TODAY:%B %Y}"
    assert "Kept as a draft" in dialog.autosave_label.text()

    saved_at = kept.saved_at
    qtbot.wait(200)
    assert services.drafts.get(key).saved_at == saved_at  # unchanged: not written again

    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.drafts.get(key) is None
    assert services.drafts.pending() == []


def test_the_autosave_slot_writes_only_when_something_changed(qtbot: Any, services: Any) -> None:
    dialog = _open(qtbot, services, _episode(services))
    assert dialog.autosave_timer.isActive()
    assert 1000 <= dialog.autosave_timer.interval() <= 5000
    assert dialog.autosave() is False
    dialog.place_edit.setText("Library")
    assert dialog.autosave() is True
    assert dialog.autosave() is False


def test_from_draft_restores_every_field(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    dialog = _open(qtbot, services, episode, kind=ConversationType.CRISIS)
    at = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(9, 15))  # never in the future
    dialog.at_edit.setDateTime(QDateTime(QDate(at.year, at.month, at.day), QTime(9, 15)))
    _choose(dialog.mode_combo, "Phone")
    dialog.place_edit.setText("On the phone")
    dialog.minutes_edit.setText("20")
    dialog.notes_edit.setPlainText("Notes,\nwith “quotes” and ünïcödé")
    dialog.must_change_edit.setPlainText("A lock on the door")
    dialog.step_rows[0].what_edit.setText("Call the landlord")
    dialog.step_rows[0].who_edit.setText("Priya")
    _set_date(dialog.step_rows[0].by_edit, TODAY + dt.timedelta(days=1))
    dialog.add_step(CrisisStep("Stay with her sister", "Mary", None))
    _set_date(dialog.check_back_edit, TODAY + dt.timedelta(days=3))
    _choose(dialog.kind_combo, "First “what matters” conversation")
    dialog.answer_edits["someone_to_be_with"].setPlainText("My sister Jean")
    state = dialog.state()
    assert dialog.autosave()
    dialog._ask_keep_draft = lambda: "keep"  # type: ignore[method-assign]
    dialog.reject()
    assert services.drafts.get(dialog.draft_key) is not None  # kept on closing

    (kept,) = services.drafts.pending()
    back = _show(
        qtbot,
        ConversationDialog.from_draft(
            kept, services.people.save_conversation, services.drafts, "Someone Else"
        ),
    )
    assert back.draft_key == dialog.draft_key
    assert back.state() == state
    assert back.kind() is ConversationType.FIRST
    assert back.first_box.isVisibleTo(back) and back.crisis_box.isVisibleTo(back)
    assert [r.step() for r in back.step_rows] == [
        CrisisStep("Call the landlord", "Priya", TODAY + dt.timedelta(days=1)),
        CrisisStep("Stay with her sister", "Mary", None),
    ]
    assert back.step_rows[1].by_edit.text() == "No date"

    _save(qtbot, back)
    (stored,) = _conversations(services, episode)
    assert stored.draft.recorded_by == "Priya Shah"  # the person who typed it
    assert stored.draft.answers == (("someone_to_be_with", "My sister Jean"),)
    assert stored.draft.notes == "Notes,\nwith “quotes” and ünïcödé"
    assert services.drafts.pending() == []


def test_closing_can_keep_or_throw_away_the_draft(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    answers = iter(["cancel", "discard"])
    dialog = _open(qtbot, services, episode)
    dialog._ask_keep_draft = lambda: next(answers)  # type: ignore[method-assign]
    _type(qtbot, dialog.notes_edit, "Something")
    dialog.autosave()
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert services.drafts.pending() == []

    untouched = _open(qtbot, services, episode)
    untouched.reject()  # nothing typed: closes without asking (_ask_keep_draft would fail)
    assert untouched.result() == QDialog.DialogCode.Rejected


def test_drafts_are_offered_back_and_can_be_opened_or_discarded(qtbot: Any, services: Any) -> None:
    episode = _episode(services)
    offered: list[list[str]] = []
    opened: list[str] = []

    def ask(parent: Any, drafts: Any, discard: Any) -> Any:
        offered.append([d.title for d in drafts])
        dialog = DraftRecoveryDialog(drafts, discard, parent)
        qtbot.addWidget(dialog)
        dialog._confirm_discard = lambda draft: True  # type: ignore[method-assign]
        if len(offered) == 1:
            qtbot.mouseClick(dialog.discard_buttons["conversation:b"], Qt.MouseButton.LeftButton)
            assert dialog.remaining() == ["conversation:a"]
            qtbot.mouseClick(dialog.open_buttons["conversation:a"], Qt.MouseButton.LeftButton)
        return dialog.chosen

    assert offer_saved_drafts(None, services, opened.append, ask=ask) == 0  # nothing pending
    assert offered == []

    payload = {"episode_id": str(episode.id), "person_name": "Mary Jones", "notes": "x"}
    services.drafts.save("conversation:a", "Conversation with Mary Jones, A", payload)
    services.drafts.save("conversation:b", "Conversation with Mary Jones, B", payload)

    assert offer_saved_drafts(None, services, lambda d: opened.append(d.key), ask=ask) == 1
    assert opened == ["conversation:a"]
    assert [d.key for d in services.drafts.pending()] == ["conversation:a"]
    assert len(offered) == 1  # the one opened is not offered twice in one go


def test_the_recovery_list_says_when_each_draft_was_kept(qtbot: Any, services: Any) -> None:
    services.drafts.save("conversation:a", "Conversation with Mary Jones, 3 May", {})
    dialog = DraftRecoveryDialog(services.drafts.pending(), services.drafts.discard)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "You have notes that were not saved"
    assert dialog.open_buttons["conversation:a"].accessibleName() == (
        "Open Conversation with Mary Jones, 3 May"
    )
    assert draft_recovery.saved_when(dt.datetime(2025, 5, 3, 16, 0), dt.date(2025, 5, 10)) == (
        "3 May 2025 at 16:00"
    )
    assert draft_recovery.saved_when(dt.datetime(2025, 5, 9, 9, 5), dt.date(2025, 5, 10)) == (
        "yesterday at 09:05"
    )
