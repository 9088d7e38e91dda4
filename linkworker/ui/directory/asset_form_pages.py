"""The layout of the asset form: its five tabs, place and opening-time rows, field checks.

The behaviour (filling, saving, showing the service's errors) is in asset_form_dialog.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
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

from linkworker.domain.directory import (
    ACCESSIBILITY_FEATURES,
    AssetStatus,
    Contact,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.validation import (
    InvalidValue,
    check_age_range,
    check_time_range,
    parse_age,
    parse_email,
    parse_phone,
    parse_time,
    parse_url,
)
from linkworker.ui.directory.asset_form_rows import LocationBox, OpeningTimeRow
from linkworker.ui.form_fields import ErrorLabel, Field, hint, optional_text, stacked
from linkworker.ui.forms import TabbedFormDialog
from linkworker.ui.keyboard import DateEdit

_INDEXED = re.compile(r"(?P<group>\w+)\[(?P<index>\d+)\](?:\.(?P<attr>\w+))?")


class AssetFormPages(TabbedFormDialog):
    """The tabs, rows and per-field checks of the asset form; :class:`AssetFormDialog` adds
    filling, saving and the rest of the behaviour."""

    tabs: QTabWidget
    location_boxes: list[LocationBox]
    time_rows: list[OpeningTimeRow]
    _fields: dict[str, Field]
    _category_names: list[str]
    _pages: list[QWidget]
    _tab_titles: list[str]
    _extra_contacts: tuple[Contact, ...]
    _button_box: QDialogButtonBox
    banner: QLabel

    # Building the tabs ---------------------------------------------------

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        return edit

    def _text(self, name: str, lines: int) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        return edit

    def _combo(self, name: str, items: Sequence[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _checked(
        self, key: str, widget: QLineEdit, check: Callable[[], str], what: str
    ) -> ErrorLabel:
        """Register a checked field; it is checked again each time the person leaves it.

        A field is only checked on leaving once something has been typed in it, so
        tabbing through an empty form (or switching tabs) raises no complaints.
        """
        field = Field(widget, ErrorLabel(what), check)
        self._fields[key] = field
        typed = [widget.isModified()]

        def on_left() -> None:
            if typed[0]:
                self._validate(field)

        widget.textEdited.connect(lambda _text: typed.__setitem__(0, True))
        widget.editingFinished.connect(on_left)
        return field.error

    def _row(
        self, form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None
    ) -> None:
        label = QLabel(text)
        label.setBuddy(buddy or field)
        form.addRow(label, field)

    def _build_about(self) -> QWidget:
        page = QWidget()
        form = self._form()
        self.name_edit = self._line(
            self.tr("Name (required)"), self.tr("e.g. Tuesday Walking Group")
        )
        name_error = self._checked("name", self.name_edit, self._check_name, self.tr("name"))
        self.organisation_edit = self._line(
            self.tr("Organisation"), self.tr("Who runs it, e.g. Ellesmere Port Walkers")
        )
        self.description_edit = self._text(self.tr("Description"), 8)
        self.description_edit.setPlaceholderText(self.tr("What happens, in plain words."))
        self.categories_edit = self._line(
            self.tr("Categories"), self.tr("Separate with commas, e.g. Walking, Befriending")
        )
        self.categories_completer = self._list_completer(self.categories_edit, self._category_names)
        self.tags_edit = self._line(self.tr("Tags"), self.tr("Separate with commas"))
        for edit in (self.categories_edit, self.tags_edit):
            edit.editingFinished.connect(lambda e=edit: self._tidy_list(e))
        self.status_combo = self._combo(
            self.tr("Status"), [(self.tr(s.label), s.value) for s in AssetStatus]
        )
        self.cost_combo = self._combo(self.tr("Cost"), [(self.tr(c.label), c.value) for c in Cost])
        self.cost_note_edit = self._line(
            self.tr("Cost note"), self.tr("e.g. £2 a session, first visit free")
        )
        cost_row = QHBoxLayout()
        cost_row.addWidget(self.cost_combo)
        cost_row.addWidget(self.cost_note_edit, 1)
        self.join_combo = self._combo(
            self.tr("How to join"), [(self.tr(j.label), j.value) for j in JoinMode]
        )
        self._row(
            form, self.tr("&Name (required)"), stacked(self.name_edit, name_error), self.name_edit
        )
        self._row(form, self.tr("&Organisation"), self.organisation_edit)
        self._row(form, self.tr("&Description"), self.description_edit)
        self._row(form, self.tr("Ca&tegories"), self.categories_edit)
        self._row(form, self.tr("Ta&gs"), self.tags_edit)
        self._row(form, self.tr("&Status"), self.status_combo)
        self._row(form, self.tr("&Cost"), stacked(cost_row), self.cost_combo)
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
        self._locations_layout = QVBoxLayout()
        self._locations_layout.setSpacing(10)
        places_layout.addLayout(self._locations_layout)
        self.add_location_button = QPushButton(self.tr("Add another &place"))
        self.add_location_button.setAccessibleName(self.tr("Add another place"))
        self.add_location_button.clicked.connect(lambda: self._on_add_location())
        places_layout.addWidget(self.add_location_button, 0, Qt.AlignmentFlag.AlignLeft)

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
        self._times_grid = QGridLayout()
        self._times_grid.setHorizontalSpacing(8)
        self._times_grid.setVerticalSpacing(4)
        self._times_grid.setColumnStretch(3, 1)
        self._time_headers = [
            QLabel(text)
            for text in (self.tr("Day"), self.tr("From"), self.tr("To"), self.tr("Note"))
        ]
        times_layout.addLayout(self._times_grid)
        self.add_time_button = QPushButton(self.tr("Add a &time"))
        self.add_time_button.setAccessibleName(self.tr("Add a time to the opening times"))
        self.add_time_button.clicked.connect(lambda: self._on_add_time())
        times_layout.addWidget(self.add_time_button, 0, Qt.AlignmentFlag.AlignLeft)

        layout = self._page_layout(page)
        layout.addWidget(places)
        layout.addWidget(times)
        layout.addStretch(1)
        return page

    def _build_who(self) -> QWidget:
        page = QWidget()
        form = self._form()
        self.age_min_edit = self._line(self.tr("Ages from (youngest)"), self.tr("any"))
        self.age_max_edit = self._line(self.tr("Ages to (oldest)"), self.tr("any"))
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
        self.eligibility_edit = self._text(self.tr("Who can come"), 4)
        self.eligibility_edit.setPlaceholderText(
            self.tr("e.g. Carers of someone with dementia; men over 50 in Ellesmere Port")
        )
        self.languages_edit = self._line(
            self.tr("Languages"), self.tr("Separate with commas, e.g. English, Polish")
        )
        self.languages_edit.editingFinished.connect(lambda: self._tidy_list(self.languages_edit))
        self.capacity_note_edit = self._line(
            self.tr("Capacity"), self.tr("e.g. Up to 12 people; book a place first")
        )
        self.waiting_list_check = QCheckBox(self.tr("Has a waiting list"))
        self.waiting_list_check.setAccessibleName(self.tr("Has a waiting list"))
        capacity = QHBoxLayout()
        capacity.setSpacing(12)
        capacity.addWidget(self.capacity_note_edit, 1)
        capacity.addWidget(self.waiting_list_check)
        self._row(form, self.tr("A&ges"), stacked(ages, min_error, max_error), self.age_min_edit)
        self._row(form, self.tr("&Who can come"), self.eligibility_edit)
        self._row(form, self.tr("&Languages"), self.languages_edit)
        self._row(form, self.tr("&Capacity"), stacked(capacity), self.capacity_note_edit)

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
        self.website_edit = self._line(self.tr("Website"), self.tr("e.g. www.example.org"))
        self.email_edit = self._line(self.tr("Email"), self.tr("e.g. hello@example.org"))
        self.phone_edit = self._line(self.tr("Phone"), self.tr("e.g. 01632 960123"))
        checked = [
            ("website", self.website_edit, parse_url, self.tr("&Website"), self.tr("website")),
            ("email", self.email_edit, parse_email, self.tr("&Email"), self.tr("email")),
            ("phone", self.phone_edit, parse_phone, self.tr("&Phone"), self.tr("phone")),
        ]
        for key, edit, parse, text, what in checked:
            error = self._checked(key, edit, optional_text(edit, parse), what)
            self._row(form, text, stacked(edit, error), edit)

        person = QGroupBox(self.tr("Main contact"))
        person_form = self._form()
        person.setLayout(person_form)
        self.contact_name_edit = self._line(self.tr("Contact name"))
        self.contact_role_edit = self._line(
            self.tr("Contact role"), self.tr("e.g. Volunteer coordinator")
        )
        self.contact_phone_edit = self._line(self.tr("Contact phone"))
        self.contact_email_edit = self._line(self.tr("Contact email"))
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
            self._row(person_form, text, stacked(edit, error), edit)
        labels = general.findChildren(QLabel) + person.findChildren(QLabel)
        width = max(label.sizeHint().width() for label in labels if label.buddy())
        for label in labels:
            if label.buddy():
                label.setMinimumWidth(width)  # both boxes' fields line up
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
        self.verified_by_edit = self._line(self.tr("Checked by"), self.tr("Your name or team"))
        form.addRow(
            hint(
                self.tr(
                    "Link workers trust a listing someone has checked recently. Tick this when"
                    " you have confirmed it is still running as described."
                )
            )
        )
        self._row(form, self.tr("Last checked"), stacked(date_row, date_error), self.verified_date)
        self._row(form, self.tr("Checked &by"), self.verified_by_edit)
        box.setLayout(form)
        notes = QGroupBox(self.tr("Notes"))
        notes_layout = QVBoxLayout(notes)
        self.notes_edit = self._text(self.tr("Notes for your team"), 6)
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

    def add_location(self, loc: Location | None = None) -> LocationBox:
        """Add a place box (filled from ``loc`` if given) and return it."""
        box = LocationBox()
        if loc is not None:
            box.set_location(loc)
        for field in box.fields.values():
            box_field = field
            if isinstance(field.widget, QLineEdit):
                field.widget.editingFinished.connect(lambda f=box_field: self._validate(f))
        box.removal_requested.connect(self.remove_location)
        self._locations_layout.addWidget(box)
        self.location_boxes.append(box)
        self._renumber_locations()
        return box

    def remove_location(self, box: LocationBox) -> None:
        """Remove a place; the last one cannot be removed, only emptied."""
        if box not in self.location_boxes or len(self.location_boxes) == 1:
            return
        index = self.location_boxes.index(box)
        self.location_boxes.remove(box)
        self._locations_layout.removeWidget(box)
        box.hide()
        box.deleteLater()
        self._renumber_locations()
        self._fix_tab_order()
        self.location_boxes[min(index, len(self.location_boxes) - 1)].name_edit.setFocus()
        self._refresh_marks()

    def _renumber_locations(self) -> None:
        for n, box in enumerate(self.location_boxes, start=1):
            box.set_number(n)
            box.remove_button.setVisible(len(self.location_boxes) > 1)

    def _on_add_location(self) -> None:
        box = self.add_location()
        self._fix_tab_order()
        box.name_edit.setFocus()

    def add_opening_time(self, slot: OpeningTime | None = None) -> OpeningTimeRow:
        """Add a row to the opening times table (filled from ``slot`` if given)."""
        day = self._combo("", [("—", -1)] + [(self.tr(d.label), int(d)) for d in Day])
        starts, ends = QLineEdit(), QLineEdit()
        for edit, text in ((starts, self.tr("from")), (ends, self.tr("to"))):
            edit.setPlaceholderText(text)
            edit.setMaximumWidth(80)
        note = QLineEdit()
        note.setPlaceholderText(self.tr("Note, e.g. first Tuesday of the month"))
        remove = QPushButton(self.tr("Remove"))
        error = ErrorLabel(self.tr("opening time"))
        row: OpeningTimeRow
        field = Field(starts, error, lambda: self._check_time_row(row))
        row = OpeningTimeRow(day, starts, ends, note, remove, field)
        if slot is not None:
            day.setCurrentIndex(0 if slot.day is None else int(slot.day) + 1)
            starts.setText("" if slot.starts is None else f"{slot.starts:%H:%M}")
            ends.setText("" if slot.ends is None else f"{slot.ends:%H:%M}")
            note.setText(slot.note)
        for edit in (starts, ends):
            edit.editingFinished.connect(lambda: self._validate(row.field))
        remove.clicked.connect(lambda: self.remove_opening_time(row))
        self.time_rows.append(row)
        self._layout_times()
        return row

    def remove_opening_time(self, row: OpeningTimeRow) -> None:
        if row not in self.time_rows:
            return
        index = self.time_rows.index(row)
        self.time_rows.remove(row)
        for widget in row.widgets():
            widget.hide()
            widget.deleteLater()
        self._layout_times()
        self._fix_tab_order()
        if self.time_rows:
            self.time_rows[min(index, len(self.time_rows) - 1)].day_combo.setFocus()
        else:
            self.add_time_button.setFocus()
        self._refresh_marks()

    def _on_add_time(self) -> None:
        row = self.add_opening_time()
        self._fix_tab_order()
        row.day_combo.setFocus()

    def _layout_times(self) -> None:
        """Lay the rows out again under their column headings, each error under its row."""
        grid = self._times_grid
        while grid.count():
            grid.takeAt(0)
        for col, header in enumerate(self._time_headers):
            header.setVisible(bool(self.time_rows))  # no headings over an empty table
            grid.addWidget(header, 0, col)
        for n, row in enumerate(self.time_rows, start=1):
            r = 2 * n - 1
            for col, widget in enumerate(row.widgets()[:5]):
                grid.addWidget(widget, r, col)
            grid.addWidget(row.field.error, r + 1, 0, 1, 5)
            names = [self.tr("day"), self.tr("from"), self.tr("to"), self.tr("note")]
            for widget, what in zip(row.widgets()[:4], names, strict=True):
                widget.setAccessibleName(self.tr("Opening time {0} {1}").format(n, what))
            row.remove_button.setAccessibleName(self.tr("Remove opening time {0}").format(n))

    # Filling and reading -------------------------------------------------

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

    def _check_time_row(self, row: OpeningTimeRow) -> str:
        values: list[dt.time | None] = []
        try:
            for edit in (row.starts_edit, row.ends_edit):
                text = edit.text().strip()
                value = parse_time(text) if text else None
                edit.setText("" if value is None else f"{value:%H:%M}")
                values.append(value)
            check_time_range(values[0], values[1])
        except InvalidValue as exc:
            return str(exc)
        return ""

    def _on_checked_today(self) -> None:
        self.verified_check.setChecked(True)
        self.verified_date.setDate(QDate.currentDate())
        self.verified_by_edit.setFocus()

    def field_error(self, name: str) -> str:
        """The message shown beside a field ('' if none), by draft field name.

        Names are as in :class:`~linkworker.domain.validation.FieldError`, with
        row numbers as the form shows them now: ``"name"``,
        ``"locations[0].postcode"``, ``"opening_times[1]"``, ``"contacts[0].email"``.
        """
        field = self._lookup(name, self.location_boxes, self.time_rows, True)
        return "" if field is None or field.error.isHidden() else field.error.text()

    def _lookup(
        self,
        name: str,
        boxes: Sequence[LocationBox],
        rows: Sequence[OpeningTimeRow],
        has_main_contact: bool,
    ) -> Field | None:
        match = _INDEXED.fullmatch(name)
        if match is None:
            return self._fields.get(name)
        group, index, attr = match["group"], int(match["index"]), match["attr"]
        if group == "locations" and index < len(boxes):
            return boxes[index].fields.get(attr or "")
        if group == "opening_times" and index < len(rows):
            return rows[index].field
        if group == "contacts" and index == 0 and has_main_contact:
            return self._fields.get(f"contacts[0].{attr}")
        return None

    def _all_fields(self) -> list[Field]:
        fields = list(self._fields.values())
        for box in self.location_boxes:
            fields.extend(box.fields.values())
        fields.extend(row.field for row in self.time_rows)
        return fields
