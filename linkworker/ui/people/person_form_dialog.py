"""The add/edit form for one person on the caseload.

Five tabs over one :class:`~linkworker.domain.people.PersonDraft`: About them;
What matters (in their words, with their strengths and interests); Who's
important; Contact; Needs. Each field is checked as the person leaves it and
all together on Save, with the problem shown in red under the field. Adding
someone who may already be recorded shows the likely matches first. Nothing
typed is thrown away because of an error.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.people import ContactMethod, PersonDetail, PersonDraft, PossibleMatch
from linkworker.domain.person_validation import format_nhs_number, parse_nhs_number, validate_person
from linkworker.domain.validation import FieldError
from linkworker.ui.form_fields import Field, hint, items
from linkworker.ui.keyboard import tab_leaves
from linkworker.ui.people.person_form_pages import PersonFormPages
from linkworker.ui.record_dialog import NOT_READY, RecordDialog

__all__ = ["KEEP_EDITING", "MatchListDialog", "PersonFormDialog"]

#: Returned by :meth:`PersonFormDialog._choose_match` when the person goes back to the form.
KEEP_EDITING = PossibleMatch(
    id=uuid.UUID(int=0), name="", date_of_birth=None, nhs_number="", postcode="", reason=""
)

_INDEXED = re.compile(r"important_people\[(?P<index>\d+)\](?:\.\w+)?")


class MatchListDialog(QDialog):
    """People already recorded who may be the one being added; open one or carry on."""

    def __init__(self, matches: list[PossibleMatch], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matches = matches
        self.choice: PossibleMatch | None = KEEP_EDITING
        self.setWindowTitle(self.tr("Are they already on the caseload?"))
        self.setMinimumSize(640, 300)
        intro = QLabel(
            self.tr(
                "Someone with some of the same details is already recorded. If this is them,"
                " open their record rather than adding them twice."
            )
        )
        intro.setWordWrap(True)
        model = QStandardItemModel(0, 5, self)
        model.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Date of birth"),
                self.tr("NHS number"),
                self.tr("Postcode"),
                self.tr("Why it may be them"),
            ]
        )
        for match in matches:
            born = "" if match.date_of_birth is None else f"{match.date_of_birth:%d %b %Y}"
            cells = [
                match.name,
                born,
                format_nhs_number(match.nhs_number),
                match.postcode,
                self.tr(match.reason),
            ]
            row = [QStandardItem(text) for text in cells]
            for item in row:
                item.setEditable(False)
            model.appendRow(row)
        self.table = tab_leaves(QTableView())
        self.table.setModel(model)
        self.table.setAccessibleName(self.tr("People who may be the same person"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectRow(0)
        self.table.doubleClicked.connect(self._on_double_click)

        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(
            self.tr("&Open this person"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.new_button = buttons.addButton(
            self.tr("&Carry on, this is someone new"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.back_button = buttons.addButton(
            self.tr("&Back to the form"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.open_button.setAccessibleName(self.tr("Open this person"))
        self.new_button.setAccessibleName(self.tr("Carry on, this is someone new"))
        self.back_button.setAccessibleName(self.tr("Back to the form"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._on_open)
        self.new_button.clicked.connect(self._on_new)
        self.back_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint(self.tr("Nothing has been saved yet.")))
        layout.addWidget(buttons)
        self.table.setFocus()

    def _on_open(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.choice = self.matches[rows[0].row() if rows else 0]
        self.accept()

    def _on_double_click(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self._on_open()

    def _on_new(self) -> None:
        self.choice = None
        self.accept()


class PersonFormDialog(PersonFormPages):
    """Add a person (``detail`` is None) or edit one.

    ``save`` is normally ``PeopleService.save_person`` and ``matches``
    ``PeopleService.possible_matches``. After a successful save the stored
    person is in :attr:`saved`, :attr:`person_saved` is emitted and the dialog
    is accepted. If, when adding, the user opens someone already recorded, that
    match is in :attr:`opened_existing` and the dialog is rejected unsaved.
    """

    discard_question = "You have changed this person's details. Close without saving?"

    person_saved = RecordDialog.record_saved

    def __init__(
        self,
        save: Callable[[PersonDraft], PersonDetail],
        matches: Callable[[PersonDraft], list[PossibleMatch]],
        detail: PersonDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._matches = matches
        self._detail = detail
        self.opened_existing: PossibleMatch | None = None
        draft = detail.draft if detail is not None else PersonDraft(given_name="")
        self._as_written = draft.as_written

        self.setWindowTitle(
            self.tr("Add a person")
            if detail is None
            else self.tr("Edit {0}").format(draft.display_name)
        )
        self.setMinimumSize(720, 620)
        self.resize(780, 680)

        self._add_page(self.tr("About them"), self._build_about())
        self._add_page(self.tr("What matters"), self._build_what_matters())
        self._add_page(self.tr("Who's important"), self._build_important())
        self._add_page(self.tr("Contact"), self._build_contact())
        self._add_page(self.tr("Needs"), self._build_needs())
        self._lay_out_tabs(self.tr("Save this person"))

        self._fill(draft)
        self._ready(self.given_name_edit)

    # Filling and reading -------------------------------------------------

    def _fill(self, draft: PersonDraft) -> None:
        self.given_name_edit.setText(draft.given_name)
        self.family_name_edit.setText(draft.family_name)
        self.preferred_name_edit.setText(draft.preferred_name)
        self.dob_box.set_date(draft.date_of_birth, not_known=self._detail is not None)
        self.nhs_number_edit.setText(format_nhs_number(draft.nhs_number))
        self.gender_combo.setCurrentText(draft.gender)
        self.ethnicity_edit.setText(draft.ethnicity)
        self.language_edit.setText(draft.first_language)
        self.interpreter_check.setChecked(draft.interpreter_needed)
        self.interpreter_language_edit.setText(draft.interpreter_language)
        self.speaks_english_combo.setCurrentIndex(
            max(0, self.speaks_english_combo.findData(draft.speaks_english))
        )
        self.what_matters_edit.setPlainText(draft.what_matters)
        self.strengths_edit.setText(", ".join(draft.strengths))
        self.interests_edit.setText(", ".join(draft.interests))
        self.notes_edit.setPlainText(draft.notes)
        self.important.fill(draft.important_people)
        self.address_edit.setPlainText(draft.address)
        self.postcode_edit.setText(draft.postcode)
        self.no_fixed_address_check.setChecked(draft.no_fixed_address)
        self.phone_edit.setText(draft.phone)
        self.email_edit.setText(draft.email)
        method = None if draft.preferred_contact is None else draft.preferred_contact.value
        self.contact_combo.setCurrentIndex(max(0, self.contact_combo.findData(method)))
        self.contact_times_edit.setText(draft.contact_times)
        self.practice_rows.fill(draft.gp_practice)
        for need, check in self.access_checks.items():
            check.setChecked(need in draft.access_needs)
        self.carer_check.setChecked(draft.is_carer)
        self.cared_for_check.setChecked(draft.is_cared_for)

    def build_draft(self) -> PersonDraft:
        """The draft as typed (blank rows of "Who's important" left out). Raises ValueError
        for a date of birth or NHS number that cannot be read; :meth:`validate` says which."""
        no_fixed_address = self.no_fixed_address_check.isChecked()
        nhs_text = self.nhs_number_edit.text()
        method = self.contact_combo.currentData()
        return PersonDraft(
            id=None if self._detail is None else self._detail.id,
            version=None if self._detail is None else self._detail.version,
            given_name=self.given_name_edit.text().strip(),
            family_name=self.family_name_edit.text().strip(),
            preferred_name=self.preferred_name_edit.text().strip(),
            date_of_birth=self.dob_box.date(),
            nhs_number=parse_nhs_number(nhs_text) if nhs_text.strip() else "",
            address="" if no_fixed_address else self.address_edit.toPlainText().strip(),
            postcode="" if no_fixed_address else self.postcode_edit.text().strip(),
            no_fixed_address=no_fixed_address,
            phone=self.phone_edit.text().strip(),
            email=self.email_edit.text().strip(),
            preferred_contact=None if method is None else ContactMethod(method),
            contact_times=self.contact_times_edit.text().strip(),
            gender=self.gender_combo.currentText().strip(),
            ethnicity=self.ethnicity_edit.text().strip(),
            first_language=self.language_edit.text().strip(),
            interpreter_needed=self.interpreter_check.isChecked(),
            interpreter_language=self.interpreter_language_edit.text().strip(),
            speaks_english=self.speaks_english_combo.currentData(),
            access_needs=tuple(n for n, c in self.access_checks.items() if c.isChecked()),
            is_carer=self.carer_check.isChecked(),
            is_cared_for=self.cared_for_check.isChecked(),
            important_people=tuple(row.person() for row in self.important.filled()),
            what_matters=self.what_matters_edit.toPlainText().strip(),
            interests=items(self.interests_edit.text()),
            strengths=items(self.strengths_edit.text()),
            notes=self.notes_edit.toPlainText().strip(),
            gp_practice=self.practice_rows.practice(),
            # Kept as the spreadsheet wrote them; confirmed from the person's page.
            as_written=self._as_written,
        )

    def current_draft(self) -> PersonDraft:
        return self.build_draft()

    # Saving ----------------------------------------------------------------

    def _problems(self, draft: PersonDraft) -> list[FieldError]:
        return validate_person(draft)

    def _checked_draft(self) -> Any:
        """The draft to save; when adding someone who may already be recorded, the person
        first chooses between them and carrying on."""
        draft = super()._checked_draft()
        if draft is NOT_READY or draft.id is not None:
            return draft
        found = self._matches(draft)
        if not found:
            return draft
        choice = self._choose_match(found)
        if choice is None:
            return draft
        if choice is not KEEP_EDITING:
            self.opened_existing = choice
            QDialog.reject(self)  # opening the existing record: nothing to discard
        return NOT_READY

    def _choose_match(self, matches: list[PossibleMatch]) -> PossibleMatch | None:
        """Show people who may be this one. Tests replace this.

        Returns the match to open, None to carry on adding a new person, or
        :data:`KEEP_EDITING` to go back to the form.
        """
        dialog = MatchListDialog(matches, self)
        dialog.exec()
        return dialog.choice

    # Problems beside fields ----------------------------------------------

    def _field_for(self, name: str, as_sent: bool = False) -> Field | None:
        """The field by draft field name; ``important_people[1].name`` means the second row
        as the form shows it now (with ``as_sent``, as the draft holds them: blank rows left
        out)."""
        match = _INDEXED.fullmatch(name)
        if match is None:
            return self._fields.get(name)
        rows = self.important.filled() if as_sent else self.important_rows
        index = int(match["index"])
        return rows[index].field if index < len(rows) else None
