"""The layout of the person form: its five tabs, the rows of "Who's important" and the
checks of single fields.

The behaviour (filling, reading, saving, possible matches) is in person_form_dialog.py.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.people import AccessNeed, ContactMethod, ImportantPerson
from linkworker.domain.person_validation import format_nhs_number, parse_nhs_number
from linkworker.domain.validation import parse_email, parse_phone, parse_postcode
from linkworker.ui.editable_rows import EditableRows
from linkworker.ui.form_fields import (
    Field,
    combo,
    hint,
    line_edit,
    optional_text,
    plain_text,
    stacked,
)
from linkworker.ui.people.gp_practice_fields import GpPracticeRows
from linkworker.ui.people.person_form_rows import DateOfBirthBox, ImportantPersonRow
from linkworker.ui.tabbed_record_dialog import TabbedRecordDialog

#: Common answers offered for gender; anything else can be typed in their words.
GENDER_CHOICES: tuple[str, ...] = (
    "Woman",
    "Man",
    "Non-binary",
    "Prefer to self-describe",
    "Prefer not to say",
)


def _check_box(text: str, name: str) -> QCheckBox:
    check = QCheckBox(text)
    check.setAccessibleName(name)
    return check


class PersonFormPages(TabbedRecordDialog):
    """The tabs, rows and per-field checks of the person form; :class:`PersonFormDialog`
    adds filling, reading and saving."""

    # Building the tabs ---------------------------------------------------

    def _build_about(self) -> QWidget:
        page = QWidget()
        form = self._form()
        self.given_name_edit = line_edit(self.tr("Given name"))
        given_error = self._checked(
            "given_name", self.given_name_edit, self._check_names, self.tr("given name")
        )
        self.family_name_edit = line_edit(self.tr("Family name"))
        family_error = self._checked(
            "family_name",
            self.family_name_edit,
            self._check_length(self.family_name_edit),
            self.tr("family name"),
        )
        self.preferred_name_edit = line_edit(self.tr("Preferred name"))
        preferred_error = self._checked(
            "preferred_name",
            self.preferred_name_edit,
            self._check_length(self.preferred_name_edit),
            self.tr("preferred name"),
        )
        self.preferred_name_edit.editingFinished.connect(self._recheck_given_name)
        self.dob_box = DateOfBirthBox()
        self.dob_edit = self.dob_box.edit
        dob_error = self._checked(
            "date_of_birth", self.dob_edit, self.dob_box.check, self.tr("date of birth")
        )
        self.dob_box.not_known_check.toggled.connect(
            lambda _on: self._validate(self._fields["date_of_birth"])
        )
        self.nhs_number_edit = line_edit(self.tr("NHS number (optional)"), self.tr("10 digits"))
        self.nhs_number_edit.setMaximumWidth(180)
        nhs_error = self._checked(
            "nhs_number",
            self.nhs_number_edit,
            optional_text(self.nhs_number_edit, lambda t: format_nhs_number(parse_nhs_number(t))),
            self.tr("NHS number"),
        )
        self.gender_combo = QComboBox()
        self.gender_combo.setEditable(True)
        self.gender_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.gender_combo.setAccessibleName(self.tr("Gender"))
        self.gender_combo.addItem("")
        for choice in GENDER_CHOICES:
            self.gender_combo.addItem(self.tr(choice))
        line = self.gender_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Choose, or type it in their words"))
            line.setAccessibleName(self.tr("Gender"))
        self.ethnicity_edit = line_edit(self.tr("Ethnicity"), self.tr("In their words"))
        self.language_edit = line_edit(
            self.tr("First language"), self.tr("e.g. English, Polish, BSL")
        )
        self.interpreter_check = _check_box(
            self.tr("&Interpreter needed"), self.tr("Interpreter needed")
        )
        language_row = QHBoxLayout()
        language_row.setSpacing(12)
        language_row.addWidget(self.language_edit, 1)
        language_row.addWidget(self.interpreter_check)
        self.interpreter_language_edit = line_edit(
            self.tr("Interpreter's language"), self.tr("If not their first language, e.g. Sylheti")
        )
        self.speaks_english_combo = combo(
            self.tr("Speaks English: can take part in English"),
            [(self.tr("Not asked"), None), (self.tr("Yes"), True), (self.tr("No"), False)],
        )
        self.speaks_english_combo.setToolTip(
            self.tr("Can they take part in a group or a conversation in English?")
        )

        self._row(
            form,
            self.tr("&Given name"),
            self.given_name_edit,
            stacked(self.given_name_edit, given_error),
        )
        self._row(
            form,
            self.tr("&Family name"),
            self.family_name_edit,
            stacked(self.family_name_edit, family_error),
        )
        self._row(
            form,
            self.tr("&Preferred name"),
            self.preferred_name_edit,
            stacked(
                self.preferred_name_edit,
                preferred_error,
                hint(self.tr("The name they like to be called, if it is not their given name.")),
            ),
        )
        self._row(form, self.tr("&Date of birth"), self.dob_edit, stacked(self.dob_box, dob_error))
        self._row(
            form,
            self.tr("&NHS number"),
            self.nhs_number_edit,
            stacked(
                self.nhs_number_edit,
                nhs_error,
                hint(self.tr("Optional. Leave it empty if they have none or you do not know it.")),
            ),
        )
        self._row(form, self.tr("G&ender"), self.gender_combo)
        self._row(form, self.tr("E&thnicity"), self.ethnicity_edit)
        self._row(form, self.tr("First &language"), self.language_edit, stacked(language_row))
        self._row(form, self.tr("Interp&reter's language"), self.interpreter_language_edit)
        self._row(form, self.tr("Speaks Englis&h"), self.speaks_english_combo)
        layout = self._page_layout(page)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _build_what_matters(self) -> QWidget:
        page = QWidget()
        matters = QGroupBox(self.tr("What matters to them"))
        matters_layout = QVBoxLayout(matters)
        matters_layout.addWidget(
            hint(
                self.tr(
                    "In their own words: what they want from life, what they would like to"
                    " change, what a good week looks like. Ask what matters to them, not"
                    " what is the matter with them."
                )
            )
        )
        self.what_matters_edit = plain_text(
            self.tr("What matters to them, in their words"),
            7,
            placeholder=self.tr(
                "e.g. “Getting back to my allotment and seeing my grandson on Saturdays.”"
            ),
        )
        label = QLabel(self.tr("&What matters to them, in their words"))
        label.setBuddy(self.what_matters_edit)
        matters_layout.addWidget(label)
        matters_layout.addWidget(self.what_matters_edit)

        good = QGroupBox(self.tr("Strengths and interests"))
        form = self._form()
        good.setLayout(form)
        form.addRow(
            hint(
                self.tr(
                    "What they are good at and what they enjoy help suggest groups and activities"
                    " that fit them. Separate each one with a comma."
                )
            )
        )
        self.strengths_edit = line_edit(
            self.tr("Strengths"), self.tr("e.g. Good listener, DIY, Cooking for a crowd")
        )
        self.interests_edit = line_edit(
            self.tr("Interests, now or used to"),
            self.tr("e.g. Gardening, Local history, Football"),
        )
        for edit in (self.strengths_edit, self.interests_edit):
            edit.editingFinished.connect(lambda e=edit: self._tidy_list(e))
        self._row(form, self.tr("&Strengths"), self.strengths_edit)
        self._row(form, self.tr("&Interests, now or used to"), self.interests_edit)

        notes = QGroupBox(self.tr("Notes"))
        notes_layout = QVBoxLayout(notes)
        self.notes_edit = plain_text(self.tr("Notes"), 4)
        notes_label = QLabel(self.tr("N&otes"))
        notes_label.setBuddy(self.notes_edit)
        notes_layout.addWidget(notes_label)
        notes_layout.addWidget(self.notes_edit)

        layout = self._page_layout(page)
        layout.addWidget(matters)
        layout.addWidget(good)
        layout.addWidget(notes)
        layout.addStretch(1)
        return page

    def _build_important(self) -> QWidget:
        page = QWidget()
        box = QGroupBox(self.tr("Who's important to them"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(
            hint(
                self.tr(
                    "Family, friends, neighbours, carers: the people on their side. Ask before"
                    " contacting anyone, and tick only when they have said yes."
                )
            )
        )
        self.important: EditableRows[ImportantPersonRow, ImportantPerson] = EditableRows(
            self._make_important,
            self.tr("&Add someone"),
            self.tr("Add someone who is important"),
            headers=(
                self.tr("Name"),
                self.tr("Relationship"),
                self.tr("Phone or email"),
                self.tr("May we contact them?"),
            ),
        )
        grid = self.important.grid
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        for column, stretch in enumerate((3, 2, 3)):
            grid.setColumnStretch(column, stretch)
        self.add_important_button = self.important.add_button
        self.important.rows_changed.connect(self._refresh_marks)
        box_layout.addWidget(self.important)
        layout = self._page_layout(page)
        layout.addWidget(box)
        layout.addStretch(1)
        return page

    def _build_contact(self) -> QWidget:
        page = QWidget()
        where = QGroupBox(self.tr("Where they live"))
        where_form = self._form()
        where.setLayout(where_form)
        self.no_fixed_address_check = _check_box(
            self.tr("No &fixed address"), self.tr("No fixed address")
        )
        self.no_fixed_address_check.toggled.connect(self._on_no_fixed_address)
        self.address_edit = plain_text(self.tr("Address"), 3)
        self.postcode_edit = line_edit(self.tr("Postcode"), self.tr("e.g. CH65 4AB"))
        self.postcode_edit.setMaximumWidth(140)
        postcode_error = self._checked(
            "postcode",
            self.postcode_edit,
            optional_text(self.postcode_edit, parse_postcode),
            self.tr("postcode"),
        )
        self._address_hint = hint(
            self.tr(
                "With no fixed address, the address and postcode are not saved. Where they"
                " can be found (a day centre, a hostel) can go in Notes, under What matters."
            )
        )
        self._address_hint.hide()
        where_form.addRow(stacked(self.no_fixed_address_check, self._address_hint))
        self._row(where_form, self.tr("&Address"), self.address_edit)
        self._row(
            where_form,
            self.tr("Post&code"),
            self.postcode_edit,
            stacked(self.postcode_edit, postcode_error),
        )

        how = QGroupBox(self.tr("How to reach them"))
        form = self._form()
        how.setLayout(form)
        self.phone_edit = line_edit(self.tr("Phone"), self.tr("e.g. 07700 900123"))
        self.email_edit = line_edit(self.tr("Email"), self.tr("e.g. name@example.org"))
        for key, edit, parse, text, what in (
            ("phone", self.phone_edit, parse_phone, self.tr("P&hone"), self.tr("phone")),
            ("email", self.email_edit, parse_email, self.tr("&Email"), self.tr("email")),
        ):
            error = self._checked(key, edit, optional_text(edit, parse), what)
            self._row(form, text, edit, stacked(edit, error))
        self.contact_combo = QComboBox()
        self.contact_combo.setAccessibleName(self.tr("Preferred way to contact them"))
        self.contact_combo.addItem(self.tr("Not said"), None)
        for method in ContactMethod:
            self.contact_combo.addItem(self.tr(method.label), method.value)
        self.contact_times_edit = line_edit(
            self.tr("Best times to contact"), self.tr("e.g. Weekday mornings, not Fridays")
        )
        self._row(form, self.tr("P&referred way to contact them"), self.contact_combo)
        self._row(form, self.tr("&Best times to contact"), self.contact_times_edit)

        gp = QGroupBox(self.tr("Their GP practice"))
        gp_form = self._form()
        gp.setLayout(gp_form)
        self.practice_rows = GpPracticeRows(self, gp_form, self._field, self._row)

        self._line_up_labels(where, how, gp)
        layout = self._page_layout(page)
        layout.addWidget(where)
        layout.addWidget(how)
        layout.addWidget(gp)
        layout.addStretch(1)
        return page

    def _build_needs(self) -> QWidget:
        page = QWidget()
        access = QGroupBox(self.tr("Accessibility needs"))
        access_layout = QVBoxLayout(access)
        access_layout.addWidget(
            hint(
                self.tr(
                    "These change how we write to them and which groups we suggest. An"
                    " interpreter is under About them, with their first language."
                )
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.access_checks: dict[AccessNeed, QCheckBox] = {}
        for n, need in enumerate(AccessNeed):
            check = _check_box(self.tr(need.label), self.tr(need.label))
            self.access_checks[need] = check
            grid.addWidget(check, n // 3, n % 3)
        access_layout.addLayout(grid)

        caring = QGroupBox(self.tr("Caring"))
        caring_layout = QVBoxLayout(caring)
        self.carer_check = _check_box(
            self.tr("Is a &carer: looks after someone"), self.tr("Is a carer: looks after someone")
        )
        self.cared_for_check = _check_box(
            self.tr("Is cared &for: someone looks after them"),
            self.tr("Is cared for: someone looks after them"),
        )
        caring_layout.addWidget(self.carer_check)
        caring_layout.addWidget(self.cared_for_check)
        layout = self._page_layout(page)
        layout.addWidget(access)
        layout.addWidget(caring)
        layout.addStretch(1)
        return page

    # Important people ------------------------------------------------------

    def _make_important(self, person: ImportantPerson | None) -> ImportantPersonRow:
        row = ImportantPersonRow(person)
        self._watch(row.field, *row.edits())
        return row

    @property
    def important_rows(self) -> list[ImportantPersonRow]:
        return self.important.rows

    def add_important_person(self, person: ImportantPerson | None = None) -> ImportantPersonRow:
        """Add a row to "Who's important" (filled from ``person`` if given)."""
        return self.important.add(person)

    # Checks ----------------------------------------------------------------

    def _check_names(self) -> str:
        if not self.given_name_edit.text().strip() and not self.preferred_name_edit.text().strip():
            return self.tr("Give a first name or the name they like to use.")
        return self._check_length(self.given_name_edit)()

    def _check_length(self, edit: QLineEdit) -> Callable[[], str]:
        def check() -> str:
            if len(edit.text().strip()) > 100:
                return self.tr("This name is longer than 100 characters.")
            return ""

        return check

    def _recheck_given_name(self) -> None:
        if shiboken6.isValid(self) and not self._fields["given_name"].error.isHidden():
            self._validate(self._fields["given_name"])

    def _on_no_fixed_address(self, ticked: bool) -> None:
        self.address_edit.setEnabled(not ticked)
        self.postcode_edit.setEnabled(not ticked)
        self._address_hint.setVisible(ticked)
        if ticked:
            self._fields["postcode"].show("")
        elif self.postcode_edit.text().strip():
            self._fields["postcode"].validate()
        self._refresh_marks()

    def _all_fields(self) -> list[Field]:
        fields = [
            f
            for key, f in self._fields.items()
            if f.widget.isEnabled() or key not in ("postcode", "date_of_birth")
        ]
        return fields + [row.field for row in self.important_rows]
