"""Pieces of the person form: the date of birth box and the rows of "Who's important"."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from linkworker.domain.people import ImportantPerson
from linkworker.domain.person_validation import OLDEST_AGE, age_on
from linkworker.domain.validation import InvalidValue
from linkworker.ui.form_fields import ErrorLabel, Field

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
        """The date typed; None when not known. Raises InvalidValue for what is not a date."""
        if self.not_known_check.isChecked() or not self.edit.text().strip():
            return None
        born, problem = self._parse(self.edit.text())
        if born is None:
            raise InvalidValue(problem)
        return born

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


class ImportantPersonRow(QObject):
    """One row of "Who's important": name, relationship, how to reach them, whether we may."""

    def __init__(
        self, person: ImportantPerson | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.name_edit, self.relationship_edit, self.contact_edit = (
            QLineEdit(),
            QLineEdit(),
            QLineEdit(),
        )
        self.relationship_edit.setPlaceholderText(self.tr("e.g. Daughter, neighbour"))
        self.may_contact_check = QCheckBox(self.tr("Yes"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.field = Field(self.name_edit, ErrorLabel(self.tr("important person")), self._check)
        if person is not None:
            self.name_edit.setText(person.name)
            self.relationship_edit.setText(person.relationship)
            self.contact_edit.setText(person.contact)
            self.may_contact_check.setChecked(person.may_contact)

    def cells(self) -> list[QWidget]:
        return self.inputs()

    def below(self) -> QWidget:
        return self.field.error

    def inputs(self) -> list[QWidget]:
        return [*self.edits(), self.may_contact_check, self.remove_button]

    def first_input(self) -> QWidget:
        return self.name_edit

    def edits(self) -> list[QLineEdit]:
        return [self.name_edit, self.relationship_edit, self.contact_edit]

    def set_number(self, number: int) -> None:
        names = [self.tr("name"), self.tr("relationship"), self.tr("phone or email")]
        for edit, what in zip(self.edits(), names, strict=True):
            edit.setAccessibleName(self.tr("Important person {0}: {1}").format(number, what))
        self.may_contact_check.setAccessibleName(
            self.tr("Important person {0}: may we contact them? Yes").format(number)
        )
        self.remove_button.setAccessibleName(self.tr("Remove important person {0}").format(number))
        self.field.error.setAccessibleName(
            self.tr("Problem with important person {0}").format(number)
        )

    def is_blank(self) -> bool:
        return not any(e.text().strip() for e in self.edits())

    def _check(self) -> str:
        if not self.is_blank() and not self.name_edit.text().strip():
            return self.tr("Give their name.")
        return ""

    def person(self) -> ImportantPerson:
        return ImportantPerson(
            name=self.name_edit.text().strip(),
            relationship=self.relationship_edit.text().strip(),
            contact=self.contact_edit.text().strip(),
            may_contact=self.may_contact_check.isChecked(),
        )
