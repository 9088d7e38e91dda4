"""The rows of the asset form: a box for each place it meets, a row for each opening time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from linkworker.domain.directory import Day, Location, OpeningTime
from linkworker.domain.validation import (
    InvalidValue,
    check_time_range,
    parse_postcode,
    parse_time,
)
from linkworker.ui.editable_rows import WholeRow
from linkworker.ui.form_fields import (
    ErrorLabel,
    Field,
    combo,
    hint,
    optional_text,
    stacked,
)


class LocationBox(QGroupBox, WholeRow):
    """One place where the asset meets: name, address, town, postcode and map position."""

    def __init__(self, loc: Location | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. St Mary's Church Hall"))
        self.address_edit = QLineEdit()
        self.town_edit = QLineEdit()
        self.postcode_edit = QLineEdit()
        self.postcode_edit.setPlaceholderText(self.tr("e.g. CH65 4AB"))
        self.latitude_edit = QLineEdit()
        self.latitude_edit.setPlaceholderText(self.tr("e.g. 53.2790"))
        self.longitude_edit = QLineEdit()
        self.longitude_edit.setPlaceholderText(self.tr("e.g. -2.9030"))
        self.remove_button = QPushButton(self.tr("Remove place"))
        self.fields = {
            "postcode": Field(
                self.postcode_edit,
                ErrorLabel(self.tr("postcode")),
                optional_text(self.postcode_edit, parse_postcode),
            ),
            "latitude": Field(
                self.latitude_edit,
                ErrorLabel(self.tr("latitude")),
                self._coordinate(self.latitude_edit, self.tr("Latitude"), 90, "53.2790"),
            ),
            "longitude": Field(
                self.longitude_edit,
                ErrorLabel(self.tr("longitude")),
                self._coordinate(self.longitude_edit, self.tr("Longitude"), 180, "-2.9030"),
            ),
        }
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        cells: list[tuple[str, QWidget, int, int, int]] = [
            (self.tr("Na&me of place"), self.name_edit, 0, 0, 3),
            (self.tr("Add&ress"), self.address_edit, 1, 0, 3),
            (self.tr("To&wn"), self.town_edit, 2, 0, 1),
            (self.tr("Post&code"), self.postcode_edit, 2, 2, 1),
            (self.tr("Latitude"), self.latitude_edit, 3, 0, 1),
            (self.tr("Longitude"), self.longitude_edit, 3, 2, 1),
        ]
        errors_by_widget = {f.widget: f.error for f in self.fields.values()}
        for text, edit, row, col, span in cells:
            label = QLabel(text)
            label.setBuddy(edit)
            label.setMinimumHeight(edit.sizeHint().height())
            error = errors_by_widget.get(edit)
            cell = stacked(edit, error) if error is not None else edit
            grid.addWidget(label, row, col, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(cell, row, col + 1, 1, span, Qt.AlignmentFlag.AlignTop)
        footer = QHBoxLayout()
        footer.addWidget(hint(self.tr("Latitude and longitude are optional.")), 1)
        footer.addWidget(self.remove_button)
        grid.addLayout(footer, 4, 0, 1, 4)
        if loc is not None:
            self.set_location(loc)

    def _coordinate(
        self, edit: QLineEdit, what: str, limit: int, example: str
    ) -> Callable[[], str]:
        def check() -> str:
            text = edit.text().strip()
            if not text:
                return ""
            try:
                value = float(text)
            except ValueError:
                return self.tr("{0} must be a number, like {1}.").format(what, example)
            if not -limit <= value <= limit:
                return self.tr("{0} must be from -{1} to {1}.").format(what, limit)
            return ""

        return check

    def inputs(self) -> list[QWidget]:
        return [
            self.name_edit,
            self.address_edit,
            self.town_edit,
            self.postcode_edit,
            self.latitude_edit,
            self.longitude_edit,
            self.remove_button,
        ]

    def first_input(self) -> QWidget:
        return self.name_edit

    def is_blank(self) -> bool:
        return not any(e.text().strip() for e in self.inputs() if isinstance(e, QLineEdit))

    def set_number(self, number: int) -> None:
        """Title and accessible names say which place this is ("Place 2")."""
        self.setTitle(self.tr("Place {0}").format(number))
        names = {
            self.name_edit: self.tr("name of place"),
            self.address_edit: self.tr("address"),
            self.town_edit: self.tr("town"),
            self.postcode_edit: self.tr("postcode"),
            self.latitude_edit: self.tr("latitude"),
            self.longitude_edit: self.tr("longitude"),
        }
        for widget, what in names.items():
            widget.setAccessibleName(self.tr("Place {0}: {1}").format(number, what))
        self.remove_button.setAccessibleName(self.tr("Remove place {0}").format(number))

    def set_location(self, loc: Location) -> None:
        self.name_edit.setText(loc.name)
        self.address_edit.setText(loc.address)
        self.town_edit.setText(loc.town)
        self.postcode_edit.setText(loc.postcode)
        self.latitude_edit.setText("" if loc.latitude is None else str(loc.latitude))
        self.longitude_edit.setText("" if loc.longitude is None else str(loc.longitude))

    def location(self) -> Location | None:
        """The place as typed; None when every box is empty. Raises ValueError for a
        latitude or longitude that is not a number."""
        lat, lon = self.latitude_edit.text().strip(), self.longitude_edit.text().strip()
        loc = Location(
            name=self.name_edit.text().strip(),
            address=self.address_edit.text().strip(),
            town=self.town_edit.text().strip(),
            postcode=self.postcode_edit.text().strip(),
            latitude=float(lat) if lat else None,
            longitude=float(lon) if lon else None,
        )
        return None if loc == Location() else loc


class OpeningTimeRow(QObject):
    """One row of the opening times: day, from, to, a note, and its message underneath."""

    def __init__(self, slot: OpeningTime | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.day_combo = combo("", [("—", -1)] + [(self.tr(d.label), int(d)) for d in Day])
        self.starts_edit, self.ends_edit = QLineEdit(), QLineEdit()
        for edit, text in ((self.starts_edit, self.tr("from")), (self.ends_edit, self.tr("to"))):
            edit.setPlaceholderText(text)
            edit.setMaximumWidth(80)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Note, e.g. first Tuesday of the month"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.field = Field(self.starts_edit, ErrorLabel(self.tr("opening time")), self._check)
        if slot is not None:
            self.day_combo.setCurrentIndex(0 if slot.day is None else int(slot.day) + 1)
            self.starts_edit.setText("" if slot.starts is None else f"{slot.starts:%H:%M}")
            self.ends_edit.setText("" if slot.ends is None else f"{slot.ends:%H:%M}")
            self.note_edit.setText(slot.note)

    def cells(self) -> list[QWidget]:
        return self.inputs()

    def below(self) -> QWidget:
        return self.field.error

    def inputs(self) -> list[QWidget]:
        return [
            self.day_combo,
            self.starts_edit,
            self.ends_edit,
            self.note_edit,
            self.remove_button,
        ]

    def first_input(self) -> QWidget:
        return self.day_combo

    def set_number(self, number: int) -> None:
        names = [self.tr("day"), self.tr("from"), self.tr("to"), self.tr("note")]
        for widget, what in zip(self.inputs(), names, strict=False):
            widget.setAccessibleName(self.tr("Opening time {0} {1}").format(number, what))
        self.remove_button.setAccessibleName(self.tr("Remove opening time {0}").format(number))

    def is_blank(self) -> bool:
        return self.day_combo.currentIndex() == 0 and not any(
            e.text().strip() for e in (self.starts_edit, self.ends_edit, self.note_edit)
        )

    def _check(self) -> str:
        values: list[dt.time | None] = []
        try:
            for edit in (self.starts_edit, self.ends_edit):
                text = edit.text().strip()
                value = parse_time(text) if text else None
                edit.setText("" if value is None else f"{value:%H:%M}")
                values.append(value)
            check_time_range(values[0], values[1])
        except InvalidValue as exc:
            return str(exc)
        return ""

    def slot(self) -> OpeningTime:
        """The opening time as typed (raises InvalidValue for a time that is not one)."""
        day = self.day_combo.currentData()
        starts, ends = self.starts_edit.text().strip(), self.ends_edit.text().strip()
        return OpeningTime(
            day=None if day is None or day < 0 else Day(day),
            starts=parse_time(starts) if starts else None,
            ends=parse_time(ends) if ends else None,
            note=self.note_edit.text().strip(),
        )
