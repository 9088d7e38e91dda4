"""The long-term and crisis conversations: the long-term prompts saved and shown on the
story under their labels; the crisis conversation's safeguarding question, who was told,
and the team's emergency numbers (set in Settings)."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import pytest
from PySide6.QtCore import Qt

from linkworker.domain.people import (
    LONG_TERM_PROMPTS,
    PROMPT_LABELS,
    ConversationType,
    EpisodeDraft,
    PersonDraft,
)
from linkworker.ui.people.conversation_dialog import ConversationDialog
from linkworker.ui.people.person_summary import person_html
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()
NUMBERS = (("Crisis team", "0800 145 6485"), ("Safeguarding lead", "01632 960999"))


def _episode(services: Any) -> Any:
    person = services.people.save_person(
        PersonDraft(given_name="Mary", family_name="Jones", nhs_number="9990000018")
    )
    return services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=person.id, referral_date=TODAY - dt.timedelta(days=7)
        )
    )


def _open(qtbot: Any, services: Any, kind: ConversationType, **kw: Any) -> ConversationDialog:
    dialog = ConversationDialog(
        services.people.save_conversation,
        services.drafts,
        _episode(services).id,
        "Mary Jones",
        "Priya Shah",
        kind=kind,
        **kw,
    )
    qtbot.addWidget(dialog)
    dialog._show_error = lambda exc: pytest.fail(exc.message)  # type: ignore[method-assign]
    return dialog


def _save(qtbot: Any, dialog: ConversationDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_the_long_term_conversation_asks_its_own_prompts(qtbot: Any, services: Any) -> None:
    dialog = _open(qtbot, services, ConversationType.LONG_TERM)
    assert dialog.kind_combo.currentText() == "Long-term conversation: a good life"
    assert dialog.long_term_box.isVisibleTo(dialog)
    assert not dialog.first_box.isVisibleTo(dialog)
    assert list(dialog.long_term_edits) == [key for key, _ in LONG_TERM_PROMPTS]
    dialog.long_term_edits["good_life"].setPlainText("Out in the garden most days")
    dialog.long_term_edits["if_things_slip"].setPlainText("Ring my sister")
    _save(qtbot, dialog)
    saved = dialog.saved.draft
    assert saved.kind is ConversationType.LONG_TERM
    assert dict(saved.answers) == {
        "good_life": "Out in the garden most days",
        "if_things_slip": "Ring my sister",
    }

    detail = services.people.get_person(_person_of(services))
    html = person_html(detail, TODAY)
    assert f"{PROMPT_LABELS['good_life']}:</b> Out in the garden most days" in html
    assert f"{escape(PROMPT_LABELS['if_things_slip'])}:</b> Ring my sister" in html


def _person_of(services: Any) -> Any:
    (row,) = services.people.caseload().rows
    return row.id


def test_a_long_term_draft_comes_back_with_its_answers(qtbot: Any, services: Any) -> None:
    dialog = _open(qtbot, services, ConversationType.LONG_TERM)
    dialog.long_term_edits["who_helps"].setPlainText("The walking group")
    assert dialog.autosave()
    kept = services.drafts.get(dialog.draft_key)
    again = ConversationDialog.from_draft(
        kept, services.people.save_conversation, services.drafts, "Priya Shah"
    )
    qtbot.addWidget(again)
    assert again.long_term_edits["who_helps"].toPlainText() == "The walking group"
    assert again.long_term_box.isVisibleTo(again)


def test_a_safeguarding_concern_says_who_was_told(qtbot: Any, services: Any) -> None:
    dialog = _open(qtbot, services, ConversationType.CRISIS, emergency_numbers=NUMBERS)
    text = dialog.numbers_label.text()
    assert "Crisis team: 0800 145 6485" in text and "Safeguarding lead: 01632 960999" in text
    assert dialog.safeguarding_combo.currentText() == "Not asked"
    assert not dialog.told_edit.isEnabled()
    dialog.must_change_edit.setPlainText("Somewhere safe to sleep tonight")
    dialog.safeguarding_combo.setCurrentIndex(dialog.safeguarding_combo.findData("yes"))
    assert dialog.told_edit.isEnabled()
    _save(qtbot, dialog)
    assert "Say who was told" in dialog.field_error("crisis.told")
    assert dialog.saved is None

    dialog.told_edit.setText("Safeguarding lead, by phone")
    state = dialog.state()["crisis"]
    assert (state["safeguarding"], state["told"]) == ("yes", "Safeguarding lead, by phone")
    _save(qtbot, dialog)
    crisis = dialog.saved.draft.crisis
    assert crisis.safeguarding is True and crisis.told == "Safeguarding lead, by phone"
    stored = services.people.get_person(_person_of(services)).conversations[0].draft.crisis
    assert (stored.safeguarding, stored.told) == (True, "Safeguarding lead, by phone")


def test_without_numbers_the_crisis_form_says_where_to_set_them(qtbot: Any, services: Any) -> None:
    dialog = _open(qtbot, services, ConversationType.CRISIS)
    text = dialog.numbers_label.text()
    assert "none set yet" in text and "numbers in Settings" in text
