"""The add/edit form for one person, driven through its widgets over a real database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from linkworker.domain.conflicts import MINE, Conflict
from linkworker.domain.people import (
    AccessNeed,
    ContactMethod,
    ImportantPerson,
    PersonDraft,
    PossibleMatch,
)
from linkworker.ui.people.person_form_dialog import (
    KEEP_EDITING,
    MatchListDialog,
    PersonFormDialog,
)

BORN = dt.date(1961, 4, 23)

EXISTING = PersonDraft(
    given_name="Rosalind",
    family_name="Fenwick-Adeyemi",
    preferred_name="Ros",
    date_of_birth=BORN,
    nhs_number="9990000026",
    address="4 Larch Walk, Ellesmere Port",
    postcode="CH65 4AB",
    phone="01632 960123",
    email="ros@example.org",
    preferred_contact=ContactMethod.TEXT,
    contact_times="Afternoons",
    gender="Woman",
    ethnicity="Mixed: White and Black African",
    first_language="English",
    access_needs=(AccessNeed.SIGHT,),
    is_cared_for=True,
    important_people=(ImportantPerson("Kwame", "Brother", "07700 900321", True),),
    what_matters="Getting out of the flat more.",
    interests=("Choir",),
    strengths=("Funny",),
    notes="Lift is often broken.",
)


def _open(qtbot: Any, people: Any, detail: Any = None) -> PersonFormDialog:
    dialog = PersonFormDialog(
        save=people.save_person, matches=people.possible_matches, detail=detail
    )
    qtbot.addWidget(dialog)
    # A real message box would wait for a click for ever; tests that expect one patch it.
    dialog._confirm_discard = lambda: True  # type: ignore[method-assign]
    dialog._ask_overwrite = _unexpected  # type: ignore[method-assign]
    dialog._show_error = _unexpected  # type: ignore[method-assign]
    dialog._choose_match = _unexpected  # type: ignore[method-assign,assignment]
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _unexpected(*args: object) -> Any:
    raise AssertionError(f"unexpected message box: {args}")


@pytest.fixture
def people(services: Any) -> Any:
    return services.people


def _count(people: Any) -> int:
    return int(people.count())


def _show_tab_of(widget: QWidget) -> None:
    dialog = widget.window()
    assert isinstance(dialog, PersonFormDialog)
    for i in range(dialog.tabs.count()):
        page = dialog.tabs.widget(i)
        if page is not None and page.isAncestorOf(widget):
            dialog.tabs.setCurrentIndex(i)


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


def _click(qtbot: Any, button: QAbstractButton) -> None:
    _show_tab_of(button)
    # A tick box may be stretched wider than its text: click its box, not the middle.
    if isinstance(button, QCheckBox):
        pos = QPoint(8, button.height() // 2)
    else:
        pos = button.rect().center()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=pos)


def _choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def _save(qtbot: Any, dialog: PersonFormDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_add_a_person_with_every_field(qtbot: Any, people: Any) -> None:
    dialog = _open(qtbot, people)
    assert dialog.windowTitle() == "Add a person"

    _type(qtbot, dialog.given_name_edit, "Bartholomew")
    _type(qtbot, dialog.family_name_edit, "Quaye")
    _type(qtbot, dialog.preferred_name_edit, "Bart")
    _type(qtbot, dialog.dob_edit, "3/9/1958")
    assert dialog.dob_edit.text() == "03/09/1958"
    _type(qtbot, dialog.nhs_number_edit, "999 000 0034")
    dialog.gender_combo.setFocus()
    dialog.gender_combo.setCurrentText("Man (trans)")
    _type(qtbot, dialog.ethnicity_edit, "Black British: Ghanaian")
    _type(qtbot, dialog.language_edit, "Twi")
    _click(qtbot, dialog.interpreter_check)

    _type(qtbot, dialog.what_matters_edit, "Being useful again. Fixing things.")
    _type(qtbot, dialog.strengths_edit, "Mending bikes,  patient , Mending bikes")
    assert dialog.strengths_edit.text() == "Mending bikes, patient"
    _type(qtbot, dialog.interests_edit, "Football, Highlife music")
    _type(qtbot, dialog.notes_edit, "Met at the hub.")

    row = dialog.important_rows[0]
    _type(qtbot, row.name_edit, "Efua")
    _type(qtbot, row.relationship_edit, "Daughter")
    _type(qtbot, row.contact_edit, "07700 900777")
    _click(qtbot, row.may_contact_check)
    _click(qtbot, dialog.add_important_button)
    _type(qtbot, dialog.important_rows[1].name_edit, "Mr Osei")
    _type(qtbot, dialog.important_rows[1].relationship_edit, "Neighbour")

    _type(qtbot, dialog.address_edit, "Flat 2, 9 Civic Way, Ellesmere Port")
    _type(qtbot, dialog.postcode_edit, "ch65  0be")
    assert dialog.postcode_edit.text() == "CH65 0BE"
    _type(qtbot, dialog.phone_edit, "07700 900555")
    _type(qtbot, dialog.email_edit, "bart@example.org")
    _choose(dialog.contact_combo, "Letter")
    _type(qtbot, dialog.contact_times_edit, "Not before 10")

    _click(qtbot, dialog.access_checks[AccessNeed.LARGE_PRINT])
    _click(qtbot, dialog.access_checks[AccessNeed.MOBILITY])
    _click(qtbot, dialog.carer_check)

    with qtbot.waitSignal(dialog.person_saved):
        _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None
    stored = people.get_person(dialog.saved.id)
    assert stored.version == dialog.saved.version
    assert stored.draft == PersonDraft(
        id=stored.id,
        version=stored.version,
        given_name="Bartholomew",
        family_name="Quaye",
        preferred_name="Bart",
        date_of_birth=dt.date(1958, 9, 3),
        nhs_number="9990000034",
        address="Flat 2, 9 Civic Way, Ellesmere Port",
        postcode="CH65 0BE",
        no_fixed_address=False,
        phone="07700 900555",
        email="bart@example.org",
        preferred_contact=ContactMethod.LETTER,
        contact_times="Not before 10",
        gender="Man (trans)",
        ethnicity="Black British: Ghanaian",
        first_language="Twi",
        interpreter_needed=True,
        access_needs=stored.draft.access_needs,
        is_carer=True,
        is_cared_for=False,
        important_people=(
            ImportantPerson("Efua", "Daughter", "07700 900777", True),
            ImportantPerson("Mr Osei", "Neighbour", "", False),
        ),
        what_matters="Being useful again. Fixing things.",
        interests=stored.draft.interests,
        strengths=stored.draft.strengths,
        notes="Met at the hub.",
    )
    assert sorted(stored.draft.access_needs) == [AccessNeed.LARGE_PRINT, AccessNeed.MOBILITY]
    assert sorted(stored.draft.interests) == ["Football", "Highlife music"]
    assert sorted(stored.draft.strengths) == ["Mending bikes", "patient"]


def test_an_nhs_number_typed_with_spaces_is_stored_as_digits_and_shown_formatted(
    qtbot: Any, people: Any
) -> None:
    dialog = _open(qtbot, people)
    _type(qtbot, dialog.given_name_edit, "Imelda")
    _type(qtbot, dialog.nhs_number_edit, " 999-000 00 42 ")

    assert dialog.nhs_number_edit.text() == "999 000 0042"
    assert dialog.field_error("nhs_number") == ""
    _save(qtbot, dialog)

    assert dialog.saved is not None
    assert people.get_person(dialog.saved.id).draft.nhs_number == "9990000042"
    again = _open(qtbot, people, detail=dialog.saved)
    assert again.nhs_number_edit.text() == "999 000 0042"


FUTURE = (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")


@pytest.mark.parametrize(
    ("where", "text", "field", "words"),
    [
        ("nhs", "999 000 0019", "nhs_number", "the last digit does not match"),
        ("nhs", "0000000000", "nhs_number", "is a placeholder"),
        ("nhs", "12345", "nhs_number", "It has 10 digits"),
        ("dob", FUTURE, "date_of_birth", "in the future"),
        ("dob", "31/02/1980", "date_of_birth", "not a real date"),
        ("dob", "01/01/1890", "date_of_birth", "over 120"),
        ("dob", "1/1/61", "date_of_birth", "year in full"),
        ("postcode", "ZZ9 9ZZZ", "postcode", "is not a UK postcode"),
        ("email", "ros@nowhere", "email", "is not an email address"),
        ("phone", "12345", "phone", "is not a UK phone number"),
    ],
)
def test_a_bad_value_is_shown_beside_its_field_and_nothing_is_saved(
    qtbot: Any, people: Any, where: str, text: str, field: str, words: str
) -> None:
    dialog = _open(qtbot, people)
    _type(qtbot, dialog.given_name_edit, "Hortense")
    widgets = {
        "nhs": dialog.nhs_number_edit,
        "dob": dialog.dob_edit,
        "postcode": dialog.postcode_edit,
        "email": dialog.email_edit,
        "phone": dialog.phone_edit,
    }
    _type(qtbot, widgets[where], text)
    assert words in dialog.field_error(field)  # shown as soon as the field is left

    _save(qtbot, dialog)

    assert words in dialog.field_error(field)
    assert dialog.isVisible()
    assert dialog.saved is None
    assert _count(people) == 0
    assert dialog.focusWidget() is widgets[where]
    assert dialog.banner.isVisibleTo(dialog)
    assert widgets[where].accessibleDescription() == dialog.field_error(field)


def test_a_name_is_required_on_save_but_not_nagged_before(qtbot: Any, people: Any) -> None:
    dialog = _open(qtbot, people)
    _type(qtbot, dialog.family_name_edit, "Nameless")
    assert dialog.field_error("given_name") == ""

    _save(qtbot, dialog)

    assert dialog.field_error("given_name") == "Give a first name or the name they like to use."
    assert dialog.tabs.currentIndex() == 0
    assert dialog.focusWidget() is dialog.given_name_edit
    assert "About them" in dialog.banner.text()
    assert _count(people) == 0

    _type(qtbot, dialog.preferred_name_edit, "Dot")  # a preferred name alone will do
    assert dialog.field_error("given_name") == ""
    _save(qtbot, dialog)
    assert dialog.saved is not None


def test_an_important_person_needs_a_name(qtbot: Any, people: Any) -> None:
    dialog = _open(qtbot, people)
    _type(qtbot, dialog.given_name_edit, "Agnieszka")
    _click(qtbot, dialog.add_important_button)
    _type(qtbot, dialog.important_rows[1].relationship_edit, "Friend from church")
    assert dialog.field_error("important_people[1].name") == "Give their name."

    _save(qtbot, dialog)
    assert _count(people) == 0
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Who's important"

    _click(qtbot, dialog.important_rows[0].remove_button)  # the blank first row
    assert len(dialog.important_rows) == 1
    assert dialog.important_rows[0].name_edit.accessibleName() == "Important person 1: name"
    _type(qtbot, dialog.important_rows[0].name_edit, "Halina")
    assert dialog.field_error("important_people[0].name") == ""
    _save(qtbot, dialog)
    assert dialog.saved is not None
    assert dialog.saved.draft.important_people == (ImportantPerson("Halina", "Friend from church"),)


def test_no_fixed_address_with_no_postcode_saves(qtbot: Any, people: Any) -> None:
    dialog = _open(qtbot, people)
    _type(qtbot, dialog.given_name_edit, "Desmond")
    _type(qtbot, dialog.postcode_edit, "not known")
    assert "is not a UK postcode" in dialog.field_error("postcode")

    _click(qtbot, dialog.no_fixed_address_check)

    assert not dialog.postcode_edit.isEnabled()
    assert not dialog.address_edit.isEnabled()
    assert dialog.field_error("postcode") == ""
    _save(qtbot, dialog)
    assert dialog.saved is not None
    stored = people.get_person(dialog.saved.id).draft
    assert stored.no_fixed_address is True
    assert (stored.postcode, stored.address) == ("", "")


def test_same_nhs_number_offers_the_match_and_opening_it_saves_nothing(
    qtbot: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = people.save_person(EXISTING)
    dialog = _open(qtbot, people)
    offered: list[list[PossibleMatch]] = []

    def choose(matches: list[PossibleMatch]) -> PossibleMatch:
        offered.append(matches)
        return matches[0]

    monkeypatch.setattr(dialog, "_choose_match", choose)
    _type(qtbot, dialog.given_name_edit, "Roz")
    _type(qtbot, dialog.nhs_number_edit, "9990000026")
    _save(qtbot, dialog)

    assert [m.id for m in offered[0]] == [existing.id]
    assert offered[0][0].reason == "Same NHS number"
    assert dialog.opened_existing == offered[0][0]
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.saved is None
    assert _count(people) == 1


def test_same_birthday_and_similar_name_offers_the_match_and_carrying_on_saves(
    qtbot: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    people.save_person(EXISTING)
    dialog = _open(qtbot, people)
    offered: list[list[PossibleMatch]] = []
    monkeypatch.setattr(dialog, "_choose_match", lambda m: offered.append(m))
    _type(qtbot, dialog.given_name_edit, "Rosalyn")
    _type(qtbot, dialog.family_name_edit, "Fenwick-Adeyemi")
    _type(qtbot, dialog.dob_edit, BORN.strftime("%d/%m/%Y"))
    _save(qtbot, dialog)

    assert len(offered) == 1
    assert offered[0][0].reason == "Same date of birth and a similar name"
    assert dialog.opened_existing is None
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None
    assert _count(people) == 2


def test_going_back_from_the_matches_keeps_the_form_open(
    qtbot: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    people.save_person(EXISTING)
    dialog = _open(qtbot, people)
    monkeypatch.setattr(dialog, "_choose_match", lambda m: KEEP_EDITING)
    _type(qtbot, dialog.given_name_edit, "Ros")
    _type(qtbot, dialog.nhs_number_edit, "9990000026")
    _save(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.opened_existing is None
    assert _count(people) == 1


def test_the_match_list_offers_both_choices(qtbot: Any, people: Any) -> None:
    people.save_person(EXISTING)
    found = people.possible_matches(PersonDraft(given_name="Ros", nhs_number="9990000026"))
    box = MatchListDialog(found)
    qtbot.addWidget(box)
    model = box.table.model()
    assert [model.index(0, c).data() for c in range(5)] == [
        "Ros Fenwick-Adeyemi",
        "23 Apr 1961",
        "999 000 0026",
        "CH65 4AB",
        "Same NHS number",
    ]
    box.open_button.click()
    assert box.choice == found[0]
    other = MatchListDialog(found)
    qtbot.addWidget(other)
    other.new_button.click()
    assert other.choice is None


def test_an_edit_is_prefilled_and_bumps_the_version(qtbot: Any, people: Any) -> None:
    before = people.save_person(EXISTING)
    dialog = _open(qtbot, people, detail=before)

    assert dialog.windowTitle() == "Edit Ros Fenwick-Adeyemi"
    assert dialog.given_name_edit.text() == "Rosalind"
    assert dialog.dob_edit.text() == "23/04/1961"
    assert dialog.nhs_number_edit.text() == "999 000 0026"
    assert dialog.postcode_edit.text() == "CH65 4AB"
    assert dialog.contact_combo.currentText() == "Text message"
    assert dialog.gender_combo.currentText() == "Woman"
    assert dialog.access_checks[AccessNeed.SIGHT].isChecked()
    assert dialog.cared_for_check.isChecked()
    assert dialog.important_rows[0].name_edit.text() == "Kwame"
    assert dialog.important_rows[0].may_contact_check.isChecked()
    assert dialog.what_matters_edit.toPlainText() == "Getting out of the flat more."
    assert not dialog.is_dirty()

    _replace(qtbot, dialog.preferred_name_edit, "Rosie")
    _save(qtbot, dialog)  # an edit is not checked for matches (_choose_match would fail)

    assert dialog.result() == QDialog.DialogCode.Accepted
    after = people.get_person(before.id)
    assert after.version == before.version + 1
    assert after.draft.preferred_name == "Rosie"
    unchanged = dataclasses.replace(after.draft, preferred_name="Ros", version=before.version)
    assert unchanged == before.draft


def test_a_concurrent_edit_shows_both_versions_to_choose_from(
    qtbot: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = people.save_person(EXISTING)
    dialog = _open(qtbot, people, detail=opened)
    theirs = people.save_person(dataclasses.replace(opened.draft, notes="Changed by Alex"))
    _replace(qtbot, dialog.phone_edit, "07700 900999")
    asked: list[Conflict] = []

    monkeypatch.setattr(dialog, "_choose_merge", lambda found: asked.append(found) and None)
    _save(qtbot, dialog)

    assert len(asked) == 1
    assert [(d.name, d.they_changed, d.i_changed) for d in asked[0].differences] == [
        ("phone", False, True),
        ("notes", True, False),
    ]
    assert dialog.isVisible()
    assert dialog.saved is None
    assert people.get_person(opened.id) == theirs

    monkeypatch.setattr(
        dialog, "_choose_merge", lambda found: asked.append(found) or found.choices(MINE)
    )
    _save(qtbot, dialog)

    assert len(asked) == 2
    assert dialog.result() == QDialog.DialogCode.Accepted
    now = people.get_person(opened.id)
    assert now.version == theirs.version + 1
    assert now.draft.phone == "07700 900999"


def test_an_nhs_number_already_on_another_record_is_shown_beside_the_field(
    qtbot: Any, people: Any
) -> None:
    people.save_person(EXISTING)
    other = people.save_person(PersonDraft(given_name="Wilfred", family_name="Anstey"))
    dialog = _open(qtbot, people, detail=other)
    _replace(qtbot, dialog.nhs_number_edit, "9990000026")
    _save(qtbot, dialog)

    assert "is already the NHS number of Ros Fenwick-Adeyemi" in dialog.field_error("nhs_number")
    assert dialog.isVisible()
    assert people.get_person(other.id).draft.nhs_number == ""


def test_date_of_birth_not_known(qtbot: Any, people: Any) -> None:
    dialog = _open(qtbot, people)
    _type(qtbot, dialog.given_name_edit, "Ingrid")
    _type(qtbot, dialog.dob_edit, "31/02/1980")
    assert dialog.field_error("date_of_birth")
    _click(qtbot, dialog.dob_box.not_known_check)
    assert not dialog.dob_edit.isEnabled()
    assert dialog.field_error("date_of_birth") == ""
    _save(qtbot, dialog)
    assert dialog.saved is not None
    assert dialog.saved.draft.date_of_birth is None


def test_ctrl_s_saves_and_return_in_a_field_does_not(qtbot: Any, people: Any) -> None:
    dialog = _open(qtbot, people)
    _type(qtbot, dialog.given_name_edit, "Percival")
    dialog.given_name_edit.setFocus()
    qtbot.keyClick(dialog.given_name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert _count(people) == 0

    qtbot.keyClick(dialog.given_name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _count(people) == 1


def test_escape_asks_before_throwing_away_changes(
    qtbot: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, people)
    answers: list[bool] = []

    def confirm() -> bool:
        answers.append(True)
        return len(answers) > 1

    monkeypatch.setattr(dialog, "_confirm_discard", confirm)
    _type(qtbot, dialog.given_name_edit, "Half typed")
    qtbot.keyClick(dialog.given_name_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert dialog.given_name_edit.text() == "Half typed"

    qtbot.keyClick(dialog.given_name_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert len(answers) == 2
    assert _count(people) == 0


def test_escape_on_an_untouched_form_closes_without_asking(
    qtbot: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, people, detail=people.save_person(EXISTING))
    monkeypatch.setattr(dialog, "_confirm_discard", lambda: pytest.fail("should not ask"))
    qtbot.keyClick(dialog.given_name_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_every_control_has_an_accessible_name(qtbot: Any, people: Any) -> None:
    dialog = _open(qtbot, people, detail=people.save_person(EXISTING))
    dialog.add_important_person()
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QAbstractButton)
    controls = [w for kind in kinds for w in dialog.findChildren(kind)]
    assert len(controls) > 35
    unnamed = [
        f"{type(w).__name__} {w.text() if hasattr(w, 'text') else ''}"
        for w in controls
        if not w.accessibleName()
    ]
    assert unnamed == []


def test_accessible_names_include_the_visible_label(qtbot: Any, people: Any) -> None:
    """What a speech-control user says (the label they see) must match the control's name."""
    dialog = _open(qtbot, people)
    pairs: list[tuple[str, QWidget]] = [
        (label.text(), buddy)
        for label in dialog.findChildren(QLabel)
        if (buddy := label.buddy()) is not None
    ]
    pairs += [(b.text(), b) for b in dialog.findChildren(QAbstractButton) if b.text()]
    assert len(pairs) > 20
    mismatched = [
        (text, w.accessibleName())
        for text, w in pairs
        if text.replace("&", "").lower() not in w.accessibleName().lower()
    ]
    assert mismatched == []


def test_tab_order_follows_the_form(qtbot: Any, people: Any) -> None:
    dialog = _open(qtbot, people)
    chain, widget = [], dialog.given_name_edit
    for _ in range(200):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is dialog.given_name_edit:
            break
    order = [
        dialog.given_name_edit,
        dialog.family_name_edit,
        dialog.preferred_name_edit,
        dialog.dob_edit,
        dialog.nhs_number_edit,
        dialog.what_matters_edit,
        dialog.strengths_edit,
        dialog.important_rows[0].name_edit,
        dialog.postcode_edit,
        dialog.phone_edit,
        dialog.carer_check,
        dialog.save_button,
    ]
    positions = [chain.index(w) for w in order]
    assert positions == sorted(positions)


def test_the_dialog_is_roomy_and_what_matters_comes_early(qtbot: Any, people: Any) -> None:
    dialog = _open(qtbot, people)
    assert dialog.minimumWidth() >= 720
    assert dialog.minimumHeight() >= 620
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "About them",
        "What matters",
        "Who's important",
        "Contact",
        "Needs",
    ]
