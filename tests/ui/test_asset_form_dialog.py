"""The add/edit form for one community asset, driven through its widgets over a real database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
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

from linkworker import errors
from linkworker.domain.conflicts import MINE, Conflict
from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.services.directory import InvalidAsset
from linkworker.ui.directory.asset_form_dialog import AssetFormDialog

CHECKED_ON = dt.date.today() - dt.timedelta(days=20)

EXISTING = AssetDraft(
    name="Riverside Community Cafe",
    organisation="Riverside Trust",
    description="Tea, toast and a friendly chat.",
    categories=("Community cafe",),
    tags=("tea",),
    cost=Cost.LOW_COST,
    cost_note="£1 a cuppa",
    join_mode=JoinMode.DROP_IN,
    age_min=18,
    eligibility="Adults",
    accessibility=("hearing_loop", "step_free"),
    languages=("English",),
    website="https://riverside.example.org",
    email="hello@riverside.example.org",
    phone="01632 960123",
    locations=(
        Location(
            name="Hall",
            address="1 Station Road",
            town="Ellesmere Port",
            postcode="CH65 4AB",
            latitude=53.279,
            longitude=-2.903,
        ),
    ),
    opening_times=(OpeningTime(day=Day.TUESDAY, starts=dt.time(10), ends=dt.time(12)),),
    contacts=(Contact(name="Sam Jones", role="Manager", phone="01632 960456"),),
    last_verified_on=CHECKED_ON,
    verified_by="Priya",
    notes="Ask for Sam.",
)


def _open(qtbot: Any, directory: Any, detail: Any = None, **kw: Any) -> AssetFormDialog:
    dialog = AssetFormDialog(save=directory.save, detail=detail, **kw)
    qtbot.addWidget(dialog)
    # A real message box would wait for a click for ever; tests that expect one patch it.
    dialog._confirm_discard = lambda: True  # type: ignore[method-assign]
    dialog._ask_overwrite = _unexpected  # type: ignore[method-assign]
    dialog._show_error = _unexpected  # type: ignore[method-assign]
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _unexpected(*args: object) -> bool:
    raise AssertionError(f"unexpected message box: {args}")


def _type(qtbot: Any, widget: QWidget, text: str) -> None:
    """Click into a field, type, and leave it with Tab, as a person would."""
    _show_tab_of(widget)
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def _replace(qtbot: Any, edit: QLineEdit, text: str) -> None:
    _show_tab_of(edit)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def _show_tab_of(widget: QWidget) -> None:
    dialog = widget.window()
    assert isinstance(dialog, AssetFormDialog)
    for i in range(dialog.tabs.count()):
        page = dialog.tabs.widget(i)
        if page is not None and page.isAncestorOf(widget):
            dialog.tabs.setCurrentIndex(i)


def _choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def _click(qtbot: Any, button: QAbstractButton) -> None:
    _show_tab_of(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _save(qtbot: Any, dialog: AssetFormDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _existing(directory: Any) -> Any:
    return directory.save(EXISTING)


def test_add_a_new_asset_through_the_form(qtbot: Any, directory: Any) -> None:
    dialog = _open(qtbot, directory, categories=["Walking and exercise", "Befriending"])
    assert dialog.windowTitle() == "Add a community asset"

    _type(qtbot, dialog.name_edit, "Tuesday Walking Group")
    _type(qtbot, dialog.organisation_edit, "Ellesmere Port Walkers")
    _type(qtbot, dialog.description_edit, "A gentle walk round the park, then tea.")
    _type(qtbot, dialog.categories_edit, "Walking and exercise,  Befriending,")
    _type(qtbot, dialog.tags_edit, "outdoors, gentle")
    _choose(dialog.cost_combo, "Low cost")
    _type(qtbot, dialog.cost_note_edit, "£1 for tea")
    _choose(dialog.join_combo, "Self-referral")
    _choose(dialog.status_combo, "Paused")

    first = dialog.location_boxes[0]
    _type(qtbot, first.name_edit, "Whitby Park")
    _type(qtbot, first.address_edit, "Stanney Lane")
    _type(qtbot, first.town_edit, "Ellesmere Port")
    _type(qtbot, first.postcode_edit, "ch65 6qy")
    _type(qtbot, first.latitude_edit, "53.2741")
    _type(qtbot, first.longitude_edit, "-2.9107")
    _click(qtbot, dialog.add_location_button)
    assert len(dialog.location_boxes) == 2
    _type(qtbot, dialog.location_boxes[1].address_edit, "Civic Way")
    _type(qtbot, dialog.location_boxes[1].postcode_edit, "CH65 0BE")

    row = dialog.time_rows[0]
    _choose(row.day_combo, "Tuesday")
    _type(qtbot, row.starts_edit, "10")
    _type(qtbot, row.ends_edit, "11.30")
    _click(qtbot, dialog.add_time_button)
    second = dialog.time_rows[1]
    _type(qtbot, second.note_edit, "first Sunday of the month")

    _type(qtbot, dialog.age_min_edit, "50")
    _type(qtbot, dialog.age_max_edit, "90")
    _type(qtbot, dialog.eligibility_edit, "Anyone who wants to be more active")
    _click(qtbot, dialog.accessibility_checks["step_free"])
    _click(qtbot, dialog.accessibility_checks["seating"])
    _type(qtbot, dialog.languages_edit, "English, Polish")
    _type(qtbot, dialog.capacity_note_edit, "Up to 15 walkers")
    _click(qtbot, dialog.waiting_list_check)

    _type(qtbot, dialog.website_edit, "www.walkers.example.org")
    _type(qtbot, dialog.email_edit, "walk@walkers.example.org")
    _type(qtbot, dialog.phone_edit, "01632  960999")
    _type(qtbot, dialog.contact_name_edit, "Jo Bloggs")
    _type(qtbot, dialog.contact_role_edit, "Walk leader")
    _type(qtbot, dialog.contact_phone_edit, "07700 900123")
    _type(qtbot, dialog.contact_email_edit, "jo@walkers.example.org")

    _click(qtbot, dialog.verified_check)
    dialog.verified_date.setDate(QDate(CHECKED_ON.year, CHECKED_ON.month, CHECKED_ON.day))
    _type(qtbot, dialog.verified_by_edit, "Priya")
    _type(qtbot, dialog.notes_edit, "Meets at the cafe door.")

    with qtbot.waitSignal(dialog.asset_saved):
        _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None
    stored = directory.get(dialog.saved.id)
    assert stored.version == dialog.saved.version
    draft = stored.draft
    assert draft.name == "Tuesday Walking Group"
    assert draft.organisation == "Ellesmere Port Walkers"
    assert draft.description == "A gentle walk round the park, then tea."
    assert sorted(draft.categories) == ["Befriending", "Walking and exercise"]
    assert sorted(draft.tags) == ["gentle", "outdoors"]
    assert draft.cost is Cost.LOW_COST
    assert draft.cost_note == "£1 for tea"
    assert draft.join_mode is JoinMode.SELF_REFERRAL
    assert draft.status is AssetStatus.PAUSED
    assert draft.locations == (
        Location("Whitby Park", "Stanney Lane", "Ellesmere Port", "CH65 6QY", 53.2741, -2.9107),
        Location(address="Civic Way", postcode="CH65 0BE"),
    )
    assert draft.opening_times == (
        OpeningTime(day=Day.TUESDAY, starts=dt.time(10), ends=dt.time(11, 30)),
        OpeningTime(note="first Sunday of the month"),
    )
    assert (draft.age_min, draft.age_max) == (50, 90)
    assert draft.eligibility == "Anyone who wants to be more active"
    assert sorted(draft.accessibility) == ["seating", "step_free"]
    assert sorted(draft.languages) == ["English", "Polish"]
    assert draft.capacity_note == "Up to 15 walkers"
    assert draft.waiting_list is True
    assert draft.website == "https://www.walkers.example.org"
    assert draft.email == "walk@walkers.example.org"
    assert draft.phone == "01632 960999"
    assert draft.contacts == (
        Contact("Jo Bloggs", "Walk leader", "07700 900123", "jo@walkers.example.org"),
    )
    assert draft.last_verified_on == CHECKED_ON
    assert draft.verified_by == "Priya"
    assert draft.notes == "Meets at the cafe door."


def test_an_edit_is_prefilled_and_saves_a_change(qtbot: Any, directory: Any) -> None:
    before = _existing(directory)
    dialog = _open(qtbot, directory, detail=before)

    assert dialog.windowTitle() == "Edit Riverside Community Cafe"
    assert dialog.name_edit.text() == "Riverside Community Cafe"
    assert dialog.cost_combo.currentText() == "Low cost"
    assert dialog.postcode_edits[0].text() == "CH65 4AB"
    assert dialog.location_boxes[0].latitude_edit.text() == "53.279"
    assert dialog.time_rows[0].day_combo.currentText() == "Tuesday"
    assert dialog.time_rows[0].starts_edit.text() == "10:00"
    assert dialog.accessibility_checks["hearing_loop"].isChecked()
    assert not dialog.accessibility_checks["parking"].isChecked()
    assert dialog.contact_name_edit.text() == "Sam Jones"
    assert dialog.verified_check.isChecked()
    assert dialog.verified_date.date().toPython() == CHECKED_ON
    assert not dialog.is_dirty()

    _replace(qtbot, dialog.name_edit, "Riverside Cafe")
    _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    after = directory.get(before.id)
    assert after.version == before.version + 1
    assert after.draft.name == "Riverside Cafe"
    unchanged = dataclasses.replace(after.draft, name=before.draft.name, version=before.version)
    assert unchanged == before.draft


@pytest.mark.parametrize(
    ("where", "text", "field", "words"),
    [
        ("postcode", "ZZ", "locations[0].postcode", "is not a UK postcode"),
        ("starts", "25:00", "opening_times[0]", "is not a time of day"),
        ("email", "not-an-email", "email", "is not an email address"),
        ("contact_email", "jo@nowhere", "contacts[0].email", "is not an email address"),
        ("website", "not a website", "website", "is not a web address"),
        ("phone", "12345", "phone", "is not a UK phone number"),
        ("age_max", "130", "age_max", "too high"),
        ("age_min", "ten", "age_min", "whole number"),
        ("latitude", "95", "locations[0].latitude", "-90 to 90"),
        ("longitude", "west", "locations[0].longitude", "must be a number"),
    ],
)
def test_a_bad_value_is_shown_beside_its_field_and_nothing_is_saved(
    qtbot: Any, directory: Any, where: str, text: str, field: str, words: str
) -> None:
    dialog = _open(qtbot, directory)
    _type(qtbot, dialog.name_edit, "Knit and Natter")
    widgets = {
        "postcode": dialog.postcode_edits[0],
        "starts": dialog.time_rows[0].starts_edit,
        "email": dialog.email_edit,
        "contact_email": dialog.contact_email_edit,
        "website": dialog.website_edit,
        "phone": dialog.phone_edit,
        "age_max": dialog.age_max_edit,
        "age_min": dialog.age_min_edit,
        "latitude": dialog.location_boxes[0].latitude_edit,
        "longitude": dialog.location_boxes[0].longitude_edit,
    }
    _type(qtbot, widgets[where], text)
    assert words in dialog.field_error(field)  # shown as soon as the field is left

    _save(qtbot, dialog)

    assert words in dialog.field_error(field)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.saved is None
    assert directory.is_empty()
    assert widgets[where].text() == text  # what was typed is kept
    assert dialog.focusWidget() is widgets[where]
    assert dialog.banner.isVisibleTo(dialog)


def test_a_name_is_required_on_save(qtbot: Any, directory: Any) -> None:
    dialog = _open(qtbot, directory)
    _type(qtbot, dialog.website_edit, "www.example.org")
    assert dialog.field_error("name") == ""  # not nagged before Save

    _save(qtbot, dialog)

    assert dialog.field_error("name") == "Give the asset a name."
    assert dialog.tabs.currentIndex() == 0
    assert dialog.focusWidget() is dialog.name_edit
    assert "About" in dialog.banner.text()
    assert directory.is_empty()
    assert dialog.website_edit.text() == "https://www.example.org"


def test_a_lower_case_postcode_is_tidied_as_it_is_left(qtbot: Any, directory: Any) -> None:
    dialog = _open(qtbot, directory)
    _type(qtbot, dialog.name_edit, "Grange Road Men's Shed")
    _type(qtbot, dialog.postcode_edits[0], "ch65 4ab")

    assert dialog.postcode_edits[0].text() == "CH65 4AB"
    assert dialog.field_error("locations[0].postcode") == ""
    _save(qtbot, dialog)
    assert dialog.saved is not None
    assert directory.get(dialog.saved.id).draft.locations[0].postcode == "CH65 4AB"


def test_an_end_time_before_the_start_is_refused(qtbot: Any, directory: Any) -> None:
    dialog = _open(qtbot, directory)
    _type(qtbot, dialog.name_edit, "Chair Yoga")
    row = dialog.time_rows[0]
    _choose(row.day_combo, "Friday")
    _type(qtbot, row.starts_edit, "2pm")
    _type(qtbot, row.ends_edit, "1pm")

    assert row.starts_edit.text() == "14:00"
    assert "is not after the start time" in dialog.field_error("opening_times[0]")
    _save(qtbot, dialog)
    assert directory.is_empty()
    assert dialog.isVisible()

    _replace(qtbot, row.ends_edit, "15:30")
    assert dialog.field_error("opening_times[0]") == ""
    assert not dialog.banner.isVisibleTo(dialog)
    _save(qtbot, dialog)
    assert dialog.saved is not None
    assert dialog.saved.draft.opening_times == (
        OpeningTime(day=Day.FRIDAY, starts=dt.time(14), ends=dt.time(15, 30)),
    )


def test_ages_must_run_from_youngest_to_oldest(qtbot: Any, directory: Any) -> None:
    dialog = _open(qtbot, directory)
    _type(qtbot, dialog.name_edit, "Youth Club")
    _type(qtbot, dialog.age_max_edit, "11")
    _type(qtbot, dialog.age_min_edit, "16")

    assert "above the oldest" in dialog.field_error("age_max")
    _save(qtbot, dialog)
    assert directory.is_empty()
    _replace(qtbot, dialog.age_max_edit, "18")
    assert dialog.field_error("age_max") == ""


def test_problems_found_by_the_service_go_beside_the_right_row(qtbot: Any, directory: Any) -> None:
    dialog = _open(qtbot, directory)
    dialog.name_edit.setText("Two Halls")
    dialog.add_location()
    dialog.add_location()
    dialog.location_boxes[2].postcode_edit.setText("NOT A POSTCODE")
    with pytest.raises(InvalidAsset) as raised:
        directory.save(dialog.build_draft())  # the empty first place is left out of the draft
    assert [p.field for p in raised.value.problems] == ["locations[0].postcode"]

    dialog._show_problems(raised.value.problems)

    assert "is not a UK postcode" in dialog.field_error("locations[2].postcode")
    assert dialog.field_error("locations[0].postcode") == ""
    assert dialog.tabs.currentIndex() == 1
    assert dialog.focusWidget() is dialog.location_boxes[2].postcode_edit


def test_a_concurrent_edit_shows_both_versions_to_choose_from(
    qtbot: Any, directory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _existing(directory)
    dialog = _open(qtbot, directory, detail=opened)
    theirs = directory.save(dataclasses.replace(opened.draft, notes="Changed by Alex"))
    _replace(qtbot, dialog.name_edit, "Riverside Cafe (mine)")
    asked: list[Conflict] = []

    monkeypatch.setattr(dialog, "_choose_merge", lambda found: asked.append(found) and None)
    _save(qtbot, dialog)

    assert len(asked) == 1
    assert [(d.name, d.they_changed, d.i_changed) for d in asked[0].differences] == [
        ("name", False, True),
        ("notes", True, False),
    ]
    assert dialog.isVisible()
    assert dialog.saved is None
    assert dialog.name_edit.text() == "Riverside Cafe (mine)"
    assert directory.get(opened.id) == theirs

    monkeypatch.setattr(
        dialog, "_choose_merge", lambda found: asked.append(found) or found.choices(MINE)
    )
    _save(qtbot, dialog)

    assert len(asked) == 2
    assert dialog.result() == QDialog.DialogCode.Accepted
    now = directory.get(opened.id)
    assert now.version == theirs.version + 1
    assert now.draft.name == "Riverside Cafe (mine)"
    assert now.draft.notes == "Ask for Sam."


def test_an_asset_removed_meanwhile_is_explained_and_nothing_typed_is_lost(
    qtbot: Any, directory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _existing(directory)
    dialog = _open(qtbot, directory, detail=opened)
    directory.replace_all([])
    shown: list[errors.UserFacingError] = []
    monkeypatch.setattr(dialog, "_show_error", shown.append)
    _replace(qtbot, dialog.name_edit, "Still typing")

    _save(qtbot, dialog)

    assert [type(e) for e in shown] == [errors.NotFound]
    assert dialog.isVisible()
    assert dialog.name_edit.text() == "Still typing"


def test_ctrl_s_saves_and_return_in_a_field_does_not(qtbot: Any, directory: Any) -> None:
    dialog = _open(qtbot, directory)
    _type(qtbot, dialog.name_edit, "Book Club")
    dialog.name_edit.setFocus()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert directory.is_empty()

    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not directory.is_empty()


def test_escape_asks_before_throwing_away_changes(
    qtbot: Any, directory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, directory)
    answers: list[bool] = []

    def confirm() -> bool:
        answers.append(True)
        return len(answers) > 1

    monkeypatch.setattr(dialog, "_confirm_discard", confirm)
    _type(qtbot, dialog.name_edit, "Half typed")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # first answer: keep editing
    assert dialog.name_edit.text() == "Half typed"

    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert len(answers) == 2
    assert directory.is_empty()


def test_escape_on_an_untouched_form_closes_without_asking(
    qtbot: Any, directory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, directory, detail=_existing(directory))
    monkeypatch.setattr(dialog, "_confirm_discard", lambda: pytest.fail("should not ask"))
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_places_and_opening_times_can_be_added_and_removed(qtbot: Any, directory: Any) -> None:
    dialog = _open(qtbot, directory)
    assert not dialog.location_boxes[0].remove_button.isVisibleTo(dialog)
    _click(qtbot, dialog.add_location_button)
    _click(qtbot, dialog.add_location_button)
    assert [b.title() for b in dialog.location_boxes] == ["Place 1", "Place 2", "Place 3"]
    assert dialog.focusWidget() is dialog.location_boxes[2].name_edit
    _click(qtbot, dialog.location_boxes[1].remove_button)
    assert [b.title() for b in dialog.location_boxes] == ["Place 1", "Place 2"]
    assert dialog.location_boxes[1].postcode_edit.accessibleName() == "Place 2: postcode"

    _click(qtbot, dialog.add_time_button)
    assert len(dialog.time_rows) == 2
    _click(qtbot, dialog.time_rows[0].remove_button)
    _click(qtbot, dialog.time_rows[0].remove_button)
    assert dialog.time_rows == []
    headings = [w for w in dialog.findChildren(QLabel) if w.text() in ("Day", "From", "To")]
    assert len(headings) == 3
    assert not any(h.isVisibleTo(dialog) for h in headings)
    _click(qtbot, dialog.add_time_button)
    assert dialog.time_rows[0].day_combo.accessibleName() == "Opening time 1 day"

    # New rows sit in the tab order where they appear, before Save.
    chain, widget = [], dialog.name_edit
    for _ in range(200):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is dialog.name_edit:
            break
    assert chain.index(dialog.location_boxes[1].name_edit) < chain.index(dialog.save_button)
    assert chain.index(dialog.time_rows[0].note_edit) < chain.index(dialog.save_button)
    assert chain.index(dialog.add_location_button) < chain.index(dialog.time_rows[0].day_combo)


def test_categories_complete_the_item_being_typed(qtbot: Any, directory: Any) -> None:
    dialog = _open(qtbot, directory, categories=["Walking and exercise", "Befriending"])
    edit = dialog.categories_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Befriending, walk")
    completer = dialog.categories_completer
    assert completer.completionPrefix() == "walk"
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)

    popup.setCurrentIndex(completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)

    assert edit.text() == "Befriending, Walking and exercise, "
    assert dialog.isVisible()


def test_every_control_has_an_accessible_name(qtbot: Any, directory: Any) -> None:
    dialog = _open(qtbot, directory, detail=_existing(directory))
    dialog.add_location()
    dialog.add_opening_time()
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QDateEdit, QAbstractButton)
    controls = [w for kind in kinds for w in dialog.findChildren(kind)]
    # Line edits inside a date or combo box are named by their owner.
    controls = [w for w in controls if not isinstance(w.parentWidget(), QDateEdit | QComboBox)]
    assert len(controls) > 60
    unnamed = [
        f"{type(w).__name__} {w.text() if hasattr(w, 'text') else ''}"
        for w in controls
        if not w.accessibleName()
    ]
    assert unnamed == []


def test_accessible_names_include_the_visible_label(qtbot: Any, directory: Any) -> None:
    """What a speech-control user says (the label they see) must match the control's name."""
    dialog = _open(qtbot, directory)
    pairs: list[tuple[str, QWidget]] = [
        (label.text(), buddy)
        for label in dialog.findChildren(QLabel)
        if (buddy := label.buddy()) is not None
    ]
    pairs += [(b.text(), b) for b in dialog.findChildren(QAbstractButton) if b.text()]
    assert len(pairs) > 40
    mismatched = [
        (text, w.accessibleName())
        for text, w in pairs
        if text.replace("&", "").lower() not in w.accessibleName().lower()
    ]
    assert mismatched == []


def test_the_dialog_is_roomy(qtbot: Any, directory: Any) -> None:
    dialog = _open(qtbot, directory)
    assert dialog.minimumWidth() >= 720
    assert dialog.minimumHeight() >= 640
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "About",
        "Where and when",
        "Who it is for",
        "Contact",
        "Checked",
    ]
