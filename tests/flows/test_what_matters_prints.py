"""What matters to a person, said only in a conversation, reaches their page, suggestions
and printed plan: one rule everywhere (the person's own field, else their newest answer).

Walked through the real window over a real data folder: add a person without filling
"what matters", refer them, record the first conversation in their words, then print
My plan from the Plan tab and read the PDF back.
"""

from __future__ import annotations

import io
from typing import Any

import pypdf
from flow_helpers import click_save
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from linkworker.domain.people import ConversationType
from linkworker.ui.main_window import MainWindow
from linkworker.ui.people.conversation_dialog import ConversationDialog
from linkworker.ui.people.episode_dialog import EpisodeDialog
from linkworker.ui.people.people_page import PLAN_TAB
from linkworker.ui.people.person_form_dialog import PersonFormDialog
from linkworker.ui.printing.preview_dialog import PrintPreviewDialog

THEIR_WORDS = "Being useful again, maybe in a garden, and not sitting alone all day"


def _pdf_text(pdf: bytes) -> str:
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def test_what_matters_said_in_a_conversation_is_printed_in_my_plan(
    qtbot: Any, services: Any, monkeypatch: Any, people_window: MainWindow
) -> None:
    page = people_window.people_page

    def add_person(dialog: PersonFormDialog) -> bool:
        qtbot.keyClicks(dialog.given_name_edit, "Idris")
        qtbot.keyClicks(dialog.family_name_edit, "Vaughan-Leigh")
        assert dialog.what_matters_edit.toPlainText() == ""
        return click_save(qtbot, dialog)

    monkeypatch.setattr(page, "_exec_dialog", add_person)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    (row,) = services.people.caseload().rows
    assert services.people.get_person(row.id).draft.what_matters == ""

    def refer(dialog: EpisodeDialog) -> bool:
        dialog.reason_checks["Loneliness"].setChecked(True)
        return click_save(qtbot, dialog)

    monkeypatch.setattr(page, "_exec_dialog", refer)
    qtbot.mouseClick(page.referral_button, Qt.MouseButton.LeftButton)

    def first_talk(dialog: ConversationDialog) -> bool:
        assert dialog.kind() is ConversationType.FIRST
        assert not dialog.agree_box.isHidden()  # not asked yet: they agree in this talk
        dialog.agree_check.setChecked(True)
        dialog.answer_edits["what_matters"].setPlainText(THEIR_WORDS)
        return click_save(qtbot, dialog)

    monkeypatch.setattr(page, "_exec_dialog", first_talk)
    qtbot.mouseClick(page.conversation_button, Qt.MouseButton.LeftButton)

    person = services.people.get_person(row.id)
    assert person.draft.what_matters == ""  # said only in the conversation
    assert person.what_matters == THEIR_WORDS
    words = [w.text for w in services.matching.profile(row.id).words]
    assert THEIR_WORDS in words

    page.tabs.setCurrentIndex(PLAN_TAB)
    printed: list[bytes] = []

    def preview(dialog: QDialog) -> bool:
        assert isinstance(dialog, PrintPreviewDialog)
        qtbot.waitUntil(lambda: dialog.document is not None and not dialog.busy, timeout=10000)
        printed.append(dialog._pdf)
        return False

    monkeypatch.setattr(page.plan_widget, "_exec_dialog", preview)
    page.plan_widget.print_plan()
    qtbot.waitUntil(lambda: bool(printed), timeout=10000)

    text = _pdf_text(printed[0])
    assert "What matters to me" in text
    assert " ".join(THEIR_WORDS.split()) in text
