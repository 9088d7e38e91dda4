"""The referral form, driven through its widgets over a real database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from linkworker.domain.conflicts import MINE, Choice, Conflict
from linkworker.domain.people import (
    ClosingReason,
    Consent,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
    ReferrerKind,
    Urgency,
)
from linkworker.ui.people.episode_dialog import EpisodeDialog
from tests.data.people_helpers import AGREED

TODAY = dt.date.today()


def _person(services: Any) -> Any:
    return services.people.save_person(
        PersonDraft(given_name="Mary", family_name="Jones", nhs_number="9990000018")
    )


def _unexpected(*args: object) -> bool:
    raise AssertionError(f"unexpected message box: {args}")


def _open(qtbot: Any, services: Any, person: Any, **kw: Any) -> EpisodeDialog:
    dialog = EpisodeDialog(services.people.save_episode, person.id, "Priya Shah", **kw)
    qtbot.addWidget(dialog)
    dialog._confirm_discard = lambda: True  # type: ignore[method-assign]
    dialog._ask_overwrite = _unexpected  # type: ignore[method-assign]
    dialog._show_error = _unexpected  # type: ignore[method-assign]
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _set_date(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def _choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def _type(qtbot: Any, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def _tick(qtbot: Any, check: QCheckBox) -> None:
    """Click the box itself (a check box only answers clicks on its box and words)."""
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))


def _save(qtbot: Any, dialog: EpisodeDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _episodes(services: Any, person: Any) -> tuple[Any, ...]:
    return services.people.get_person(person.id).episodes


def test_every_field_is_saved(qtbot: Any, services: Any) -> None:
    person = _person(services)
    dialog = _open(qtbot, services, person)
    assert dialog.windowTitle() == "Add a referral"
    assert not dialog.closing_shown()

    _set_date(dialog.referral_date_edit, TODAY - dt.timedelta(days=10))
    _choose(dialog.referred_by_combo, "Nurse")
    _type(qtbot, dialog.referrer_name_edit, "Sister Agnes, Riverside Surgery")
    _tick(qtbot, dialog.reason_checks["Loneliness"])
    _tick(qtbot, dialog.reason_checks["Bereavement"])
    _type(qtbot, dialog.reason_notes_edit, "Lost her husband in the spring.")
    _choose(dialog.urgency_combo, "Soon")

    hold = dialog.consent_rows["consent_to_hold"]
    assert not hold.date_edit.isEnabled()
    _tick(qtbot, hold.given_check)
    assert hold.recorded_by_edit.text() == "Priya Shah"  # pre-filled when ticked
    assert hold.date_edit.date() == QDate.currentDate()
    gp = dialog.consent_rows["consent_share_gp"]
    _tick(qtbot, gp.given_check)
    _set_date(gp.date_edit, TODAY - dt.timedelta(days=3))
    gp.recorded_by_edit.setText("Sam Lee")
    _choose(dialog.status_combo, "Active")
    _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None
    (stored,) = _episodes(services, person)
    draft = stored.draft
    assert draft.referral_date == TODAY - dt.timedelta(days=10)
    assert draft.referred_by is ReferrerKind.NURSE
    assert draft.referrer_name == "Sister Agnes, Riverside Surgery"
    assert sorted(draft.reasons) == ["Bereavement", "Loneliness"]
    assert draft.reason_notes == "Lost her husband in the spring."
    assert draft.urgency is Urgency.SOON
    assert draft.consent_to_hold == Consent(True, TODAY, "Priya Shah")
    assert draft.consent_share_gp == Consent(True, TODAY - dt.timedelta(days=3), "Sam Lee")
    assert draft.consent_share_providers == Consent()
    assert draft.status is EpisodeStatus.ACTIVE
    assert draft.link_worker == "Priya Shah"
    assert draft.closed_on is None and draft.closing_reason is None


def test_an_edit_is_prefilled_and_round_trips_unchanged(qtbot: Any, services: Any) -> None:
    person = _person(services)
    before = services.people.save_episode(
        EpisodeDraft(
            person_id=person.id,
            referral_date=TODAY - dt.timedelta(days=60),
            referred_by=ReferrerKind.OTHER_SERVICE,
            referrer_name="Citizens Advice",
            reasons=("Money or debt", "A reason the team no longer lists"),
            reason_notes="Rent arrears",
            urgency=Urgency.URGENT,
            consent_to_hold=Consent(True, TODAY - dt.timedelta(days=60), "Jo"),
            consent_share_providers=Consent(True, TODAY - dt.timedelta(days=59), "Jo"),
            status=EpisodeStatus.CLOSED,
            link_worker="Jo",
            next_contact_on=TODAY + dt.timedelta(days=5),
            closed_on=TODAY - dt.timedelta(days=1),
            closing_reason=ClosingReason.GOALS_MET,
            closing_note="Back on her feet",
        )
    )
    dialog = _open(qtbot, services, person, detail=before)
    assert dialog.windowTitle() == "Edit referral"
    assert dialog.closing_shown()
    assert dialog.reason_checks["A reason the team no longer lists"].isChecked()
    assert dialog.closing_reason_combo.currentText() == "Goals met"
    assert not dialog.is_dirty()

    _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    (after,) = _episodes(services, person)
    assert dataclasses.replace(after.draft, version=before.version) == before.draft


def test_closing_needs_a_reason_and_nothing_is_saved_without_one(qtbot: Any, services: Any) -> None:
    person = _person(services)
    dialog = _open(qtbot, services, person)
    _choose(dialog.status_combo, "Closed")
    assert dialog.closing_shown()

    _save(qtbot, dialog)

    assert dialog.field_error("closing_reason") == "Say why the support is closing."
    assert dialog.banner.isVisibleTo(dialog)
    assert dialog.focusWidget() is dialog.closing_reason_combo
    assert dialog.isVisible() and dialog.saved is None
    assert _episodes(services, person) == ()

    _choose(dialog.closing_reason_combo, "Moved away")
    _save(qtbot, dialog)
    (stored,) = _episodes(services, person)
    assert stored.draft.closing_reason is ClosingReason.MOVED
    assert stored.draft.closed_on == TODAY


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("referral_date", "The referral date is in the future."),
        ("consent_share_gp", "The consent date is in the future."),
        ("closed_on", "The closing date is before the referral date."),
    ],
)
def test_bad_dates_are_shown_beside_their_field(
    qtbot: Any, services: Any, field: str, message: str
) -> None:
    person = _person(services)
    dialog = _open(qtbot, services, person)
    if field == "referral_date":
        _set_date(dialog.referral_date_edit, TODAY + dt.timedelta(days=1))
    elif field == "consent_share_gp":
        row = dialog.consent_rows["consent_share_gp"]
        row.given_check.click()
        _set_date(row.date_edit, TODAY + dt.timedelta(days=2))
    else:
        _set_date(dialog.referral_date_edit, TODAY - dt.timedelta(days=5))
        _choose(dialog.status_combo, "Closed")
        _choose(dialog.closing_reason_combo, "Declined support")
        _set_date(dialog.closed_on_edit, TODAY - dt.timedelta(days=6))

    _save(qtbot, dialog)

    assert dialog.field_error(field) == message
    assert dialog.saved is None
    assert _episodes(services, person) == ()


def test_the_services_problems_go_beside_the_fields(qtbot: Any, services: Any) -> None:
    """A problem only the service finds (here, by its own clock) still lands beside the field."""
    person = _person(services)
    services.people._today = lambda: TODAY - dt.timedelta(days=30)
    dialog = _open(qtbot, services, person)
    _set_date(dialog.referral_date_edit, TODAY - dt.timedelta(days=2))
    _save(qtbot, dialog)
    assert dialog.field_error("referral_date") == "The referral date is in the future."
    assert _episodes(services, person) == ()


def test_a_change_saved_elsewhere_is_not_silently_overwritten(
    qtbot: Any, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = _person(services)
    opened = services.people.save_episode(
        EpisodeDraft(consent_to_hold=AGREED, person_id=person.id, referral_date=TODAY)
    )
    dialog = _open(qtbot, services, person, detail=opened)
    services.people.save_episode(
        dataclasses.replace(
            opened.draft, id=opened.id, version=opened.version, referrer_name="Dr A"
        )
    )
    asked: list[Conflict] = []

    def ask(found: Conflict) -> dict[str, Choice] | None:
        asked.append(found)
        return found.choices(MINE) if len(asked) > 1 else None  # first Cancel, then mine

    monkeypatch.setattr(dialog, "_choose_merge", ask)
    dialog.referrer_name_edit.setText("Dr B")
    _save(qtbot, dialog)
    assert len(asked) == 1 and dialog.isVisible()
    assert ("referrer_name", "Dr A", "Dr B") in [
        (d.name, d.theirs, d.mine) for d in asked[0].differences
    ]
    assert _episodes(services, person)[0].draft.referrer_name == "Dr A"

    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _episodes(services, person)[0].draft.referrer_name == "Dr B"


def test_escape_asks_before_throwing_away_changes(
    qtbot: Any, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = _person(services)
    dialog = _open(qtbot, services, person)
    monkeypatch.setattr(dialog, "_confirm_discard", lambda: False)
    _type(qtbot, dialog.referrer_name_edit, "Half typed")
    qtbot.keyClick(dialog.referrer_name_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.keyClick(dialog.referrer_name_edit, Qt.Key.Key_Return)  # Return does not save
    assert dialog.isVisible() and _episodes(services, person) == ()
    qtbot.keyClick(dialog.referrer_name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_every_control_has_an_accessible_name_matching_its_label(qtbot: Any, services: Any) -> None:
    dialog = _open(qtbot, services, _person(services))
    _choose(dialog.status_combo, "Closed")
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QDateEdit, QAbstractButton)
    controls = [w for kind in kinds for w in dialog.findChildren(kind)]
    controls = [w for w in controls if not isinstance(w.parentWidget(), QDateEdit | QComboBox)]
    assert [type(w).__name__ for w in controls if not w.accessibleName()] == []
    pairs = [
        (label.text().replace("&", "").lower(), buddy.accessibleName().lower())
        for label in dialog.findChildren(QLabel)
        if (buddy := label.buddy()) is not None
    ]
    assert len(pairs) > 10
    assert [(t, n) for t, n in pairs if t not in n] == []
