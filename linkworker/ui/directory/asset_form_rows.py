"""Pieces of the asset form: error labels, place boxes, opening-time rows, small helpers."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from linkworker.domain.directory import (
    Location,
)
from linkworker.domain.validation import (
    parse_postcode,
)
from linkworker.ui.form_fields import (
    ErrorLabel,
    Field,
    hint,
    optional_text,
    stacked,
)


class LocationBox(QGroupBox):
    """One place where the asset meets: name, address, town, postcode and map position."""

    removal_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
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
        self.remove_button.clicked.connect(lambda: self.removal_requested.emit(self))
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
        """The place as typed (call after the checks pass); None when every box is empty."""
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


@dataclasses.dataclass(eq=False)
class OpeningTimeRow:
    """The widgets of one row of the opening times table."""

    day_combo: QComboBox
    starts_edit: QLineEdit
    ends_edit: QLineEdit
    note_edit: QLineEdit
    remove_button: QPushButton
    field: Field

    def widgets(self) -> list[QWidget]:
        return [
            self.day_combo,
            self.starts_edit,
            self.ends_edit,
            self.note_edit,
            self.remove_button,
            self.field.error,
        ]

    def is_blank(self) -> bool:
        return self.day_combo.currentIndex() == 0 and not any(
            e.text().strip() for e in (self.starts_edit, self.ends_edit, self.note_edit)
        )
