"""Consent to hold in the window, over real services: the person's page says what the
referral still lacks and opens it to record the answer; the conversation form asks for the
agreement while it is missing, refuses notes without it, and records it with the notes."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from linkworker import errors
from linkworker.domain.actor import Actor
from linkworker.domain.people import Consent, EpisodeDraft, EpisodeStatus, PersonDraft
from linkworker.ui.people.conversation_dialog import ConversationDialog
from linkworker.ui.people.episode_dialog import EpisodeDialog

TODAY = dt.date.today()
AT = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(11, 0))


def _referred(services: Any, **consents: Consent) -> tuple[uuid.UUID, uuid.UUID]:
    services.units.actor = Actor(worker_id=uuid.UUID(int=3), worker_name="Priya Shah")
    person = services.people.save_person(
        PersonDraft(given_name="Bryn", family_name="Tegid", nhs_number="9990000018")
    ).id
    episode = services.people.save_episode(
        EpisodeDraft(
            person_id=person,
            referral_date=TODAY - dt.timedelta(days=9),
            status=EpisodeStatus.ACTIVE,
            **consents,
        )
    ).id
    return person, episode


def test_the_page_says_what_is_missing_and_opens_the_referral(
    qtbot: Any, services: Any, monkeypatch: Any, person_page: Any
) -> None:
    person, _episode = _referred(services)
    page = person_page(person)
    banner = page.consent_banner
    assert banner.isVisible()
    assert banner.gap is not None and banner.gap.to_hold
    assert "not yet agreed to us keeping their record" in banner.text()

    opened: list[EpisodeDialog] = []

    def record_answer(dialog: QDialog) -> bool:
        opened.append(dialog)  # type: ignore[arg-type]
        hold = dialog.consent_rows["consent_to_hold"]  # type: ignore[attr-defined]
        hold.given_check.setChecked(True)
        for name in ("consent_share_gp", "consent_share_providers"):
            dialog.consent_rows[name].given_check.setChecked(True)  # type: ignore[attr-defined]
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(page, "_exec_dialog", record_answer)
    banner.linkActivated.emit("record-consent")
    assert len(opened) == 1 and isinstance(opened[0], EpisodeDialog)
    assert not banner.isVisible() and banner.gap is None
    consent = services.people.get_person(person).episodes[0].draft.consent_to_hold
    assert consent.given and consent.recorded_by == "Priya Shah"


def test_a_referral_with_only_the_gp_share_missing_says_so(services: Any, person_page: Any) -> None:
    given = Consent(True, TODAY, "Priya Shah")
    person, _episode = _referred(services, consent_to_hold=given, consent_share_providers=given)
    banner = person_page(person).consent_banner
    assert banner.isVisible()
    assert "share with their GP" in banner.text() and "places" not in banner.text()


def test_the_conversation_form_records_the_agreement_with_the_notes(
    qtbot: Any, services: Any
) -> None:
    person, episode = _referred(services)
    shown: list[errors.UserFacingError] = []
    dialog = ConversationDialog(
        services.people.save_conversation,
        services.drafts,
        episode,
        "Bryn Tegid",
        "Priya Shah",
        consent_needed=True,
    )
    qtbot.addWidget(dialog)
    dialog._show_error = shown.append  # type: ignore[method-assign,assignment]
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.agree_check.isVisible()
    dialog.at_edit.setDateTime(AT)
    dialog.notes_edit.setPlainText("Talked about getting back to the choir.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and "Nothing was saved" in shown[0].message
    assert services.people.get_person(person).conversations == ()
    assert dialog.state()["consent_needed"] is True  # a kept draft asks again

    dialog.agree_check.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    detail = services.people.get_person(person)
    assert [c.draft.notes for c in detail.conversations] == [
        "Talked about getting back to the choir."
    ]
    assert detail.episodes[0].draft.consent_to_hold == Consent(True, AT.date(), "Priya Shah")


def test_the_agreement_is_not_asked_once_it_is_recorded(qtbot: Any, services: Any) -> None:
    _person, episode = _referred(services, consent_to_hold=Consent(True, TODAY, "Priya Shah"))
    dialog = ConversationDialog(
        services.people.save_conversation, services.drafts, episode, "Bryn Tegid", "Priya Shah"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.agree_check.isVisible() and not dialog.agreed_to_hold()
