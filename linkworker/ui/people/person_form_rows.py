"""The layout of the person form: its five tabs, the date of birth box, the rows of
"Who's important" and the per-field checks.

The behaviour (filling, saving, possible matches, showing the service's errors) is
in person_form_dialog.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.people import AccessNeed, ContactMethod, ImportantPerson, PossibleMatch
from linkworker.domain.person_validation import (
    OLDEST_AGE,
    age_on,
    format_nhs_number,
    parse_nhs_number,
)
from linkworker.domain.validation import parse_email, parse_phone, parse_postcode
from linkworker.ui.form_fields import ErrorLabel, Field, hint, optional_text, stacked
from linkworker.ui.forms import TabbedFormDialog

#: Common answers offered for gender; anything else can be typed in their words.
GENDER_CHOICES: tuple[str, ...] = (
    "Woman",
    "Man",
    "Non-binary",
    "Prefer to self-describe",
    "Prefer not to say",
)

#: Returned by :meth:`PersonFormDialog._choose_match` when the person goes back to the form.
KEEP_EDITING = PossibleMatch(
    id=uuid.UUID(int=0), name="", date_of_birth=None, nhs_number="", postcode="", reason=""
)

_DATE = re.compile(r"^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d+)$")


class DateOfBirthBox(QWidget):
    """A DD/MM/YYYY line edit, a "Not known" tick box and the age it gives.

    A :class:`~PySide6.QtWidgets.QDateEdit` cannot be empty, and a date of birth
    is often not known; an empty box means the same as ticking "Not known".
    """

    def __init__(self, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.edit = QLineEdit()
        self.edit.setAccessibleName(self.tr("Date of birth (day/month/year)"))
        self.edit.setPlaceholderText(self.tr("DD/MM/YYYY"))
        self.edit.setMaximumWidth(140)
        self.not_known_check = QCheckBox(self.tr("Not &known"))
        self.not_known_check.setAccessibleName(self.tr("Date of birth not known"))
        self.age_label = QLabel()
        self.age_label.setAccessibleName(self.tr("Age"))
        self.not_known_check.toggled.connect(self._on_not_known)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        row.addWidget(self.edit)
        row.addWidget(self.not_known_check)
        row.addWidget(self.age_label, 1)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def set_date(self, born: dt.date | None, not_known: bool = False) -> None:
        self.edit.setText("" if born is None else f"{born:%d/%m/%Y}")
        self.not_known_check.setChecked(born is None and not_known)
        self._show_age(born)

    def date(self) -> dt.date | None:
        """The date typed (call after :meth:`check` returns ""); None when not known."""
        if self.not_known_check.isChecked() or not self.edit.text().strip():
            return None
        return self._parse(self.edit.text())[0]

    def check(self) -> str:
        """The problem with what is typed, or "" (tidying it to DD/MM/YYYY)."""
        text = self.edit.text().strip()
        if self.not_known_check.isChecked() or not text:
            self._show_age(None)
            return ""
        born, problem = self._parse(text)
        if born is None:
            self._show_age(None)
            return problem
        self.edit.setText(f"{born:%d/%m/%Y}")
        if born > self.today():
            problem = self.tr("The date of birth is in the future.")
        elif age_on(born, self.today()) > OLDEST_AGE:
            problem = self.tr("That would make them over {0}. Check the year.").format(OLDEST_AGE)
        self._show_age(None if problem else born)
        return problem

    def _parse(self, text: str) -> tuple[dt.date | None, str]:
        match = _DATE.match(text.strip())
        if match is None:
            return None, self.tr("“{0}” is not a date. Type it like 23/04/1961.").format(
                text.strip()
            )
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) != 4:
            return None, self.tr("Type the year in full, like 23/04/1961.")
        try:
            return dt.date(year, month, day), ""
        except ValueError:
            return None, self.tr("{0} is not a real date. Check the day and month.").format(
                text.strip()
            )

    def _show_age(self, born: dt.date | None) -> None:
        age = None if born is None else age_on(born, self.today())
        self.age_label.setText("" if age is None else self.tr("Age {0}").format(age))

    def _on_not_known(self, ticked: bool) -> None:
        self.edit.setEnabled(not ticked)
        if ticked:
            self._show_age(None)


@dataclasses.dataclass(eq=False)
class ImportantPersonRow:
    """The widgets of one row of "Who's important"."""

    name_edit: QLineEdit
    relationship_edit: QLineEdit
    contact_edit: QLineEdit
    may_contact_check: QCheckBox
    remove_button: QPushButton
    field: Field

    def widgets(self) -> list[QWidget]:
        return [
            self.name_edit,
            self.relationship_edit,
            self.contact_edit,
            self.may_contact_check,
            self.remove_button,
            self.field.error,
        ]

    def edits(self) -> list[QLineEdit]:
        return [self.name_edit, self.relationship_edit, self.contact_edit]

    def is_blank(self) -> bool:
        return not any(e.text().strip() for e in self.edits())

    def set_person(self, person: ImportantPerson) -> None:
        self.name_edit.setText(person.name)
        self.relationship_edit.setText(person.relationship)
        self.contact_edit.setText(person.contact)
        self.may_contact_check.setChecked(person.may_contact)

    def person(self) -> ImportantPerson:
        return ImportantPerson(
            name=self.name_edit.text().strip(),
            relationship=self.relationship_edit.text().strip(),
            contact=self.contact_edit.text().strip(),
            may_contact=self.may_contact_check.isChecked(),
        )


class PersonFormPages(TabbedFormDialog):
    """The tabs, rows and per-field checks of the person form; :class:`PersonFormDialog`
    adds filling, saving and the rest of the behaviour."""

    tabs: QTabWidget
    banner: QLabel
    important_rows: list[ImportantPersonRow]
    _fields: dict[str, Field]
    _pages: list[QWidget]
    _tab_titles: list[str]
    _button_box: QDialogButtonBox

    # Building the tabs ---------------------------------------------------

    @staticmethod
    def _line(name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    @staticmethod
    def _text(name: str, lines: int, placeholder: str = "") -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        return edit

    @staticmethod
    def _check(text: str, name: str) -> QCheckBox:
        check = QCheckBox(text)
        check.setAccessibleName(name)
        return check

    @staticmethod
    def _row(form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None) -> None:
        label = QLabel(text)
        label.setBuddy(buddy or field)
        form.addRow(label, field)

    def _checked(
        self, key: str, widget: QLineEdit, check: Callable[[], str], what: str
    ) -> ErrorLabel:
        """Register a field checked each time it is left, once something has been typed."""
        field = Field(widget, ErrorLabel(what), check)
        self._fields[key] = field
        typed = [False]

        def on_left() -> None:
            if typed[0]:
                self._validate(field)

        widget.textEdited.connect(lambda _text: typed.__setitem__(0, True))
        widget.editingFinished.connect(on_left)
        return field.error

    def _build_about(self) -> QWidget:
        page = QWidget()
        form = self._form()
        self.given_name_edit = self._line(self.tr("Given name"))
        given_error = self._checked(
            "given_name", self.given_name_edit, self._check_names, self.tr("given name")
        )
        self.family_name_edit = self._line(self.tr("Family name"))
        family_error = self._checked(
            "family_name",
            self.family_name_edit,
            self._check_length(self.family_name_edit),
            self.tr("family name"),
        )
        self.preferred_name_edit = self._line(self.tr("Preferred name"))
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
        self.nhs_number_edit = self._line(self.tr("NHS number (optional)"), self.tr("10 digits"))
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
        self.ethnicity_edit = self._line(self.tr("Ethnicity"), self.tr("In their words"))
        self.language_edit = self._line(
            self.tr("First language"), self.tr("e.g. English, Polish, BSL")
        )
        self.interpreter_check = self._check(
            self.tr("&Interpreter needed"), self.tr("Interpreter needed")
        )
        language_row = QHBoxLayout()
        language_row.setSpacing(12)
        language_row.addWidget(self.language_edit, 1)
        language_row.addWidget(self.interpreter_check)

        self._row(
            form,
            self.tr("&Given name"),
            stacked(self.given_name_edit, given_error),
            self.given_name_edit,
        )
        self._row(
            form,
            self.tr("&Family name"),
            stacked(self.family_name_edit, family_error),
            self.family_name_edit,
        )
        self._row(
            form,
            self.tr("&Preferred name"),
            stacked(
                self.preferred_name_edit,
                preferred_error,
                hint(self.tr("The name they like to be called, if it is not their given name.")),
            ),
            self.preferred_name_edit,
        )
        self._row(form, self.tr("&Date of birth"), stacked(self.dob_box, dob_error), self.dob_edit)
        self._row(
            form,
            self.tr("&NHS number"),
            stacked(
                self.nhs_number_edit,
                nhs_error,
                hint(self.tr("Optional. Leave it empty if they have none or you do not know it.")),
            ),
            self.nhs_number_edit,
        )
        self._row(form, self.tr("G&ender"), self.gender_combo)
        self._row(form, self.tr("E&thnicity"), self.ethnicity_edit)
        self._row(form, self.tr("First &language"), stacked(language_row), self.language_edit)
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
        self.what_matters_edit = self._text(
            self.tr("What matters to them, in their words"),
            7,
            self.tr("e.g. “Getting back to my allotment and seeing my grandson on Saturdays.”"),
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
        self.strengths_edit = self._line(
            self.tr("Strengths"), self.tr("e.g. Good listener, DIY, Cooking for a crowd")
        )
        self.interests_edit = self._line(
            self.tr("Interests, now or used to"),
            self.tr("e.g. Gardening, Local history, Football"),
        )
        for edit in (self.strengths_edit, self.interests_edit):
            edit.editingFinished.connect(lambda e=edit: self._tidy_list(e))
        self._row(form, self.tr("&Strengths"), self.strengths_edit)
        self._row(form, self.tr("&Interests, now or used to"), self.interests_edit)

        notes = QGroupBox(self.tr("Notes"))
        notes_layout = QVBoxLayout(notes)
        self.notes_edit = self._text(self.tr("Notes"), 4)
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
        self._important_grid = QGridLayout()
        self._important_grid.setHorizontalSpacing(8)
        self._important_grid.setVerticalSpacing(4)
        self._important_grid.setColumnStretch(0, 3)
        self._important_grid.setColumnStretch(1, 2)
        self._important_grid.setColumnStretch(2, 3)
        self._important_headers = [
            QLabel(text)
            for text in (
                self.tr("Name"),
                self.tr("Relationship"),
                self.tr("Phone or email"),
                self.tr("May we contact them?"),
            )
        ]
        box_layout.addLayout(self._important_grid)
        self.add_important_button = QPushButton(self.tr("&Add someone"))
        self.add_important_button.setAccessibleName(self.tr("Add someone who is important"))
        self.add_important_button.clicked.connect(self._on_add_important)
        box_layout.addWidget(self.add_important_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = self._page_layout(page)
        layout.addWidget(box)
        layout.addStretch(1)
        return page

    def _build_contact(self) -> QWidget:
        page = QWidget()
        where = QGroupBox(self.tr("Where they live"))
        where_form = self._form()
        where.setLayout(where_form)
        self.no_fixed_address_check = self._check(
            self.tr("No &fixed address"), self.tr("No fixed address")
        )
        self.no_fixed_address_check.toggled.connect(self._on_no_fixed_address)
        self.address_edit = self._text(self.tr("Address"), 3)
        self.postcode_edit = self._line(self.tr("Postcode"), self.tr("e.g. CH65 4AB"))
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
            stacked(self.postcode_edit, postcode_error),
            self.postcode_edit,
        )

        how = QGroupBox(self.tr("How to reach them"))
        form = self._form()
        how.setLayout(form)
        self.phone_edit = self._line(self.tr("Phone"), self.tr("e.g. 07700 900123"))
        self.email_edit = self._line(self.tr("Email"), self.tr("e.g. name@example.org"))
        for key, edit, parse, text, what in (
            ("phone", self.phone_edit, parse_phone, self.tr("P&hone"), self.tr("phone")),
            ("email", self.email_edit, parse_email, self.tr("&Email"), self.tr("email")),
        ):
            error = self._checked(key, edit, optional_text(edit, parse), what)
            self._row(form, text, stacked(edit, error), edit)
        self.contact_combo = QComboBox()
        self.contact_combo.setAccessibleName(self.tr("Preferred way to contact them"))
        self.contact_combo.addItem(self.tr("Not said"), None)
        for method in ContactMethod:
            self.contact_combo.addItem(self.tr(method.label), method.value)
        self.contact_times_edit = self._line(
            self.tr("Best times to contact"), self.tr("e.g. Weekday mornings, not Fridays")
        )
        self._row(form, self.tr("P&referred way to contact them"), self.contact_combo)
        self._row(form, self.tr("&Best times to contact"), self.contact_times_edit)

        labels = where.findChildren(QLabel) + how.findChildren(QLabel)
        width = max(label.sizeHint().width() for label in labels if label.buddy())
        for label in labels:
            if label.buddy():
                label.setMinimumWidth(width)  # both boxes' fields line up
        layout = self._page_layout(page)
        layout.addWidget(where)
        layout.addWidget(how)
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
            check = self._check(self.tr(need.label), self.tr(need.label))
            self.access_checks[need] = check
            grid.addWidget(check, n // 3, n % 3)
        access_layout.addLayout(grid)

        caring = QGroupBox(self.tr("Caring"))
        caring_layout = QVBoxLayout(caring)
        self.carer_check = self._check(
            self.tr("Is a &carer: looks after someone"), self.tr("Is a carer: looks after someone")
        )
        self.cared_for_check = self._check(
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

    def add_important_person(self, person: ImportantPerson | None = None) -> ImportantPersonRow:
        """Add a row to "Who's important" (filled from ``person`` if given)."""
        name, relationship, contact = QLineEdit(), QLineEdit(), QLineEdit()
        relationship.setPlaceholderText(self.tr("e.g. Daughter, neighbour"))
        may_contact = QCheckBox(self.tr("Yes"))
        remove = QPushButton(self.tr("Remove"))
        row: ImportantPersonRow
        field = Field(name, ErrorLabel(self.tr("important person")), lambda: self._check_row(row))
        row = ImportantPersonRow(name, relationship, contact, may_contact, remove, field)
        if person is not None:
            row.set_person(person)
        for edit in row.edits():
            edit.editingFinished.connect(lambda: self._validate(row.field))
        remove.clicked.connect(lambda: self.remove_important_person(row))
        self.important_rows.append(row)
        self._layout_important()
        return row

    def remove_important_person(self, row: ImportantPersonRow) -> None:
        if row not in self.important_rows:
            return
        index = self.important_rows.index(row)
        self.important_rows.remove(row)
        for widget in row.widgets():
            widget.hide()
            widget.deleteLater()
        self._layout_important()
        self._fix_tab_order()
        if self.important_rows:
            self.important_rows[min(index, len(self.important_rows) - 1)].name_edit.setFocus()
        else:
            self.add_important_button.setFocus()
        self._refresh_marks()

    def _on_add_important(self) -> None:
        row = self.add_important_person()
        self._fix_tab_order()
        row.name_edit.setFocus()

    def _layout_important(self) -> None:
        grid = self._important_grid
        while grid.count():
            grid.takeAt(0)
        for col, header in enumerate(self._important_headers):
            header.setVisible(bool(self.important_rows))
            grid.addWidget(header, 0, col)
        names = [self.tr("name"), self.tr("relationship"), self.tr("phone or email")]
        for n, row in enumerate(self.important_rows, start=1):
            r = 2 * n - 1
            for col, widget in enumerate(row.widgets()[:5]):
                grid.addWidget(widget, r, col)
                widget.show()  # now, not on the next turn of the event loop: it takes focus
            grid.addWidget(row.field.error, r + 1, 0, 1, 5)
            for edit, what in zip(row.edits(), names, strict=True):
                edit.setAccessibleName(self.tr("Important person {0}: {1}").format(n, what))
            row.may_contact_check.setAccessibleName(
                self.tr("Important person {0}: may we contact them? Yes").format(n)
            )
            row.remove_button.setAccessibleName(self.tr("Remove important person {0}").format(n))
            row.field.error.setAccessibleName(
                self.tr("Problem with important person {0}").format(n)
            )

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

    def _check_row(self, row: ImportantPersonRow) -> str:
        if not row.is_blank() and not row.name_edit.text().strip():
            return self.tr("Give their name.")
        return ""

    def _on_no_fixed_address(self, ticked: bool) -> None:
        self.address_edit.setEnabled(not ticked)
        self.postcode_edit.setEnabled(not ticked)
        self._address_hint.setVisible(ticked)
        if ticked:
            self._fields["postcode"].show("")
        elif self.postcode_edit.text().strip():
            self._fields["postcode"].validate()
        self._refresh_marks()

    def validate(self) -> bool:
        """Check every field, show each problem beside it; True when there are none."""
        problems = [f for f in self._all_fields() if f.validate()]
        self._refresh_marks()
        return not problems

    def _all_fields(self) -> list[Field]:
        fields = [
            f
            for key, f in self._fields.items()
            if f.widget.isEnabled() or key not in ("postcode", "date_of_birth")
        ]
        return fields + [row.field for row in self.important_rows]

    # Marks and focus order ------------------------------------------------
