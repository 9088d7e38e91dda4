"""The layout of the asset form: its five tabs, the rows of places and opening times, and
the checks of single fields.

The behaviour (filling, reading, saving) is in asset_form_dialog.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.directory import (
    ACCESSIBILITY_FEATURES,
    AssetStatus,
    Contact,
    Cost,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.validation import (
    InvalidValue,
    check_age_range,
    parse_age,
    parse_email,
    parse_phone,
    parse_url,
)
from linkworker.ui.directory.asset_form_rows import LocationBox, OpeningTimeRow
from linkworker.ui.editable_rows import EditableRows
from linkworker.ui.form_fields import (
    ErrorLabel,
    Field,
    combo,
    hint,
    line_edit,
    optional_text,
    plain_text,
    stacked,
)
from linkworker.ui.keyboard import DateEdit
from linkworker.ui.tabbed_record_dialog import TabbedRecordDialog


class AssetFormPages(TabbedRecordDialog):
    """The tabs, rows and per-field checks of the asset form; :class:`AssetFormDialog` adds
    filling, reading and saving."""

    _category_names: list[str]
    _extra_contacts: tuple[Contact, ...]

    # Building the tabs ---------------------------------------------------

    def _build_about(self) -> QWidget:
        page = QWidget()
        form = self._form()
        self.name_edit = line_edit(
            self.tr("Name (required)"), self.tr("e.g. Tuesday Walking Group")
        )
        name_error = self._checked("name", self.name_edit, self._check_name, self.tr("name"))
        self.organisation_edit = line_edit(
            self.tr("Organisation"), self.tr("Who runs it, e.g. Ellesmere Port Walkers")
        )
        self.description_edit = plain_text(self.tr("Description"), 8)
        self.description_edit.setPlaceholderText(self.tr("What happens, in plain words."))
        self.categories_edit = line_edit(
            self.tr("Categories"), self.tr("Separate with commas, e.g. Walking, Befriending")
        )
        self.categories_completer = self._list_completer(self.categories_edit, self._category_names)
        self.tags_edit = line_edit(self.tr("Tags"), self.tr("Separate with commas"))
        for edit in (self.categories_edit, self.tags_edit):
            edit.editingFinished.connect(lambda e=edit: self._tidy_list(e))
        self.status_combo = combo(
            self.tr("Status"), [(self.tr(s.label), s.value) for s in AssetStatus]
        )
        self.cost_combo = combo(self.tr("Cost"), [(self.tr(c.label), c.value) for c in Cost])
        self.cost_note_edit = line_edit(
            self.tr("Cost note"), self.tr("e.g. £2 a session, first visit free")
        )
        cost_row = QHBoxLayout()
        cost_row.addWidget(self.cost_combo)
        cost_row.addWidget(self.cost_note_edit, 1)
        self.join_combo = combo(
            self.tr("How to join"), [(self.tr(j.label), j.value) for j in JoinMode]
        )
        self._row(
            form, self.tr("&Name (required)"), self.name_edit, stacked(self.name_edit, name_error)
        )
        self._row(form, self.tr("&Organisation"), self.organisation_edit)
        self._row(form, self.tr("&Description"), self.description_edit)
        self._row(form, self.tr("Ca&tegories"), self.categories_edit)
        self._row(form, self.tr("Ta&gs"), self.tags_edit)
        self._row(form, self.tr("&Status"), self.status_combo)
        self._row(form, self.tr("&Cost"), self.cost_combo, stacked(cost_row))
        self._row(form, self.tr("&How to join"), self.join_combo)
        layout = self._page_layout(page)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _build_where_when(self) -> QWidget:
        page = QWidget()
        places = QGroupBox(self.tr("Places"))
        places_layout = QVBoxLayout(places)
        places_layout.addWidget(
            hint(self.tr("Where it meets. Add another place if it runs in more than one."))
        )
        self.locations: EditableRows[LocationBox, Location] = EditableRows(
            self._make_location,
            self.tr("Add another &place"),
            self.tr("Add another place"),
            keep=1,
        )
        self.locations.grid.setVerticalSpacing(10)
        self.add_location_button = self.locations.add_button
        places_layout.addWidget(self.locations)

        times = QGroupBox(self.tr("Opening times"))
        times_layout = QVBoxLayout(times)
        times_layout.addWidget(
            hint(
                self.tr(
                    "One row for each regular session. Times like 10:00 or 2pm. Use the note"
                    " for patterns such as 'first Tuesday of the month' or 'term time only'."
                )
            )
        )
        self.times: EditableRows[OpeningTimeRow, OpeningTime] = EditableRows(
            self._make_time,
            self.tr("Add a &time"),
            self.tr("Add a time to the opening times"),
            headers=(self.tr("Day"), self.tr("From"), self.tr("To"), self.tr("Note")),
        )
        self.times.grid.setHorizontalSpacing(8)
        self.times.grid.setVerticalSpacing(4)
        self.times.grid.setColumnStretch(3, 1)
        self.add_time_button = self.times.add_button
        times_layout.addWidget(self.times)
        for rows in (self.locations, self.times):
            rows.rows_changed.connect(self._refresh_marks)

        layout = self._page_layout(page)
        layout.addWidget(places)
        layout.addWidget(times)
        layout.addStretch(1)
        return page

    def _build_who(self) -> QWidget:
        page = QWidget()
        form = self._form()
        self.age_min_edit = line_edit(self.tr("Ages from (youngest)"), self.tr("any"))
        self.age_max_edit = line_edit(self.tr("Ages to (oldest)"), self.tr("any"))
        min_error = self._checked(
            "age_min", self.age_min_edit, self._check_age_min, self.tr("youngest age")
        )
        max_error = self._checked(
            "age_max", self.age_max_edit, self._check_age_max, self.tr("oldest age")
        )
        self.age_min_edit.editingFinished.connect(self._recheck_age_max)
        ages = QHBoxLayout()
        from_label = QLabel(self.tr("Fro&m"))
        from_label.setBuddy(self.age_min_edit)
        to_label = QLabel(self.tr("t&o"))
        to_label.setBuddy(self.age_max_edit)
        for widget in (from_label, self.age_min_edit, to_label, self.age_max_edit):
            if isinstance(widget, QLineEdit):
                widget.setMaximumWidth(70)
            ages.addWidget(widget)
        ages.addWidget(hint(self.tr("years. Leave empty for any age.")), 1)
        self.eligibility_edit = plain_text(self.tr("Who can come"), 4)
        self.eligibility_edit.setPlaceholderText(
            self.tr("e.g. Carers of someone with dementia; men over 50 in Ellesmere Port")
        )
        self.languages_edit = line_edit(
            self.tr("Languages"), self.tr("Separate with commas, e.g. English, Polish")
        )
        self.languages_edit.editingFinished.connect(lambda: self._tidy_list(self.languages_edit))
        self.capacity_note_edit = line_edit(
            self.tr("Capacity"), self.tr("e.g. Up to 12 people; book a place first")
        )
        self.waiting_list_check = QCheckBox(self.tr("Has a waiting list"))
        self.waiting_list_check.setAccessibleName(self.tr("Has a waiting list"))
        capacity = QHBoxLayout()
        capacity.setSpacing(12)
        capacity.addWidget(self.capacity_note_edit, 1)
        capacity.addWidget(self.waiting_list_check)
        self._row(form, self.tr("A&ges"), self.age_min_edit, stacked(ages, min_error, max_error))
        self._row(form, self.tr("&Who can come"), self.eligibility_edit)
        self._row(form, self.tr("&Languages"), self.languages_edit)
        self._row(form, self.tr("&Capacity"), self.capacity_note_edit, stacked(capacity))

        access = QGroupBox(self.tr("Accessibility"))
        grid = QGridLayout(access)
        grid.setHorizontalSpacing(16)
        self.accessibility_checks: dict[str, QCheckBox] = {}
        for n, (key, label) in enumerate(ACCESSIBILITY_FEATURES.items()):
            check = QCheckBox(self.tr(label))
            check.setAccessibleName(self.tr(label))
            self.accessibility_checks[key] = check
            grid.addWidget(check, n // 3, n % 3)
        layout = self._page_layout(page)
        layout.addLayout(form)
        layout.addWidget(access)
        layout.addStretch(1)
        return page

    def _build_contact(self) -> QWidget:
        page = QWidget()
        general = QGroupBox(self.tr("How to get in touch"))
        form = self._form()
        general.setLayout(form)
        self.website_edit = line_edit(self.tr("Website"), self.tr("e.g. www.example.org"))
        self.email_edit = line_edit(self.tr("Email"), self.tr("e.g. hello@example.org"))
        self.phone_edit = line_edit(self.tr("Phone"), self.tr("e.g. 01632 960123"))
        checked = [
            ("website", self.website_edit, parse_url, self.tr("&Website"), self.tr("website")),
            ("email", self.email_edit, parse_email, self.tr("&Email"), self.tr("email")),
            ("phone", self.phone_edit, parse_phone, self.tr("&Phone"), self.tr("phone")),
        ]
        for key, edit, parse, text, what in checked:
            error = self._checked(key, edit, optional_text(edit, parse), what)
            self._row(form, text, edit, stacked(edit, error))

        person = QGroupBox(self.tr("Main contact"))
        person_form = self._form()
        person.setLayout(person_form)
        self.contact_name_edit = line_edit(self.tr("Contact name"))
        self.contact_role_edit = line_edit(
            self.tr("Contact role"), self.tr("e.g. Volunteer coordinator")
        )
        self.contact_phone_edit = line_edit(self.tr("Contact phone"))
        self.contact_email_edit = line_edit(self.tr("Contact email"))
        self._row(person_form, self.tr("&Name"), self.contact_name_edit)
        self._row(person_form, self.tr("&Role"), self.contact_role_edit)
        for key, edit, parse, text, what in [
            (
                "phone",
                self.contact_phone_edit,
                parse_phone,
                self.tr("P&hone"),
                self.tr("contact phone"),
            ),
            (
                "email",
                self.contact_email_edit,
                parse_email,
                self.tr("E&mail"),
                self.tr("contact email"),
            ),
        ]:
            error = self._checked(f"contacts[0].{key}", edit, optional_text(edit, parse), what)
            self._row(person_form, text, edit, stacked(edit, error))
        self._line_up_labels(general, person)
        layout = self._page_layout(page)
        layout.addWidget(general)
        layout.addWidget(person)
        if self._extra_contacts:
            layout.addWidget(
                hint(
                    self.tr("{0} more contact(s) are kept as they are.").format(
                        len(self._extra_contacts)
                    )
                )
            )
        layout.addStretch(1)
        return page

    def _build_checked(self) -> QWidget:
        page = QWidget()
        box = QGroupBox(self.tr("Is it still running?"))
        form = self._form()
        self.verified_check = QCheckBox(self.tr("Checked on"))
        self.verified_check.setAccessibleName(self.tr("Checked on (tick when it has been checked)"))
        self.verified_date = DateEdit()
        self.verified_date.setAccessibleName(self.tr("Date last checked"))
        self.verified_date.setCalendarPopup(True)
        self.verified_date.setDisplayFormat("d MMM yyyy")
        self.verified_date.setMinimumDate(QDate(2000, 1, 1))
        self.verified_date.setMaximumDate(QDate.currentDate())
        self.verified_date.setDate(QDate.currentDate())
        self.verified_date.setMinimumWidth(140)
        self.verified_check.toggled.connect(self.verified_date.setEnabled)
        self.verified_today_button = QPushButton(self.tr("Checked &today"))
        self.verified_today_button.setAccessibleName(self.tr("Checked today"))
        self.verified_today_button.clicked.connect(self._on_checked_today)
        date_row = QHBoxLayout()
        date_row.addWidget(self.verified_check)
        date_row.addWidget(self.verified_date)
        date_row.addWidget(self.verified_today_button)
        date_row.addStretch(1)
        date_error = ErrorLabel(self.tr("date last checked"))
        self._fields["last_verified_on"] = Field(self.verified_date, date_error, lambda: "")
        self.verified_by_edit = line_edit(self.tr("Checked by"), self.tr("Your name or team"))
        form.addRow(
            hint(
                self.tr(
                    "Link workers trust a listing someone has checked recently. Tick this when"
                    " you have confirmed it is still running as described."
                )
            )
        )
        self._row(form, self.tr("Last checked"), self.verified_date, stacked(date_row, date_error))
        self._row(form, self.tr("Checked &by"), self.verified_by_edit)
        box.setLayout(form)
        notes = QGroupBox(self.tr("Notes"))
        notes_layout = QVBoxLayout(notes)
        self.notes_edit = plain_text(self.tr("Notes for your team"), 6)
        notes_layout.addWidget(hint(self.tr("Notes for your team, kept on this computer.")))
        notes_layout.addWidget(self.notes_edit)
        layout = self._page_layout(page)
        layout.addWidget(box)
        layout.addWidget(notes)
        layout.addStretch(1)
        return page

    def _list_completer(self, edit: QLineEdit, words: Sequence[str]) -> QCompleter:
        """Complete the item being typed in a comma-separated list."""
        completer = QCompleter(list(words), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setWidget(edit)

        def on_edited(text: str) -> None:
            prefix = text[: edit.cursorPosition()].rsplit(",", 1)[-1].strip()
            completer.setCompletionPrefix(prefix)
            if prefix and completer.completionCount():
                completer.complete()
            elif (popup := completer.popup()) is not None:
                popup.hide()

        def on_chosen(choice: str) -> None:
            cursor = edit.cursorPosition()
            before, after = edit.text()[:cursor], edit.text()[cursor:]
            head = before.rsplit(",", 1)[0] + ", " if "," in before else ""
            rest = after.split(",", 1)[1].strip() if "," in after else ""
            start = head + choice + ", "
            edit.setText(start + rest)
            edit.setCursorPosition(len(start))

        edit.textEdited.connect(on_edited)
        completer.activated[str].connect(on_chosen)  # type: ignore[index]
        return completer

    # Rows ------------------------------------------------------------------

    def _make_location(self, loc: Location | None) -> LocationBox:
        box = LocationBox(loc)
        for field in box.fields.values():
            if isinstance(field.widget, QLineEdit):
                self._watch(field, field.widget)
        return box

    def _make_time(self, slot: OpeningTime | None) -> OpeningTimeRow:
        row = OpeningTimeRow(slot)
        self._watch(row.field, row.starts_edit, row.ends_edit)
        return row

    # Checks ----------------------------------------------------------------

    def _check_name(self) -> str:
        name = self.name_edit.text().strip()
        if not name:
            return self.tr("Give the asset a name.")
        if len(name) > 200:
            return self.tr("The name is longer than 200 characters.")
        return ""

    def _check_age_min(self) -> str:
        try:
            parse_age(self.age_min_edit.text(), self.tr("The youngest age"))
        except InvalidValue as exc:
            return str(exc)
        return ""

    def _check_age_max(self) -> str:
        try:
            age_max = parse_age(self.age_max_edit.text(), self.tr("The oldest age"))
        except InvalidValue as exc:
            return str(exc)
        try:
            age_min = parse_age(self.age_min_edit.text())
        except InvalidValue:
            return ""  # shown beside the youngest age
        try:
            check_age_range(age_min, age_max)
        except InvalidValue as exc:
            return str(exc)
        return ""

    def _recheck_age_max(self) -> None:
        if not shiboken6.isValid(self):
            return
        if self.age_max_edit.text().strip() or self.field_error("age_max"):
            self._validate(self._fields["age_max"])

    def _on_checked_today(self) -> None:
        self.verified_check.setChecked(True)
        self.verified_date.setDate(QDate.currentDate())
        self.verified_by_edit.setFocus()
