"""The add/edit form for one community asset.

Five tabs (About; Where and when; Who it is for; Contact; Checked) over one
:class:`~linkworker.domain.directory.AssetDraft`. Each field is checked as the
person leaves it and all together on Save; a problem is shown in red under its
field. Saving goes through the ``save`` callable (normally
``DirectoryService.save``), whose own field errors are shown the same way.
Nothing typed is ever thrown away because of an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLineEdit, QWidget

from linkworker.domain.directory import (
    ACCESSIBILITY_FEATURES,
    AssetDetail,
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.validation import parse_age
from linkworker.ui.directory.asset_form_pages import AssetFormPages
from linkworker.ui.directory.asset_form_rows import LocationBox, OpeningTimeRow
from linkworker.ui.form_fields import ErrorLabel, Field, items
from linkworker.ui.record_dialog import RecordDialog

__all__ = ["AssetFormDialog", "ErrorLabel", "LocationBox", "OpeningTimeRow"]

_INDEXED = re.compile(r"(?P<group>\w+)\[(?P<index>\d+)\](?:\.(?P<attr>\w+))?")


class AssetFormDialog(AssetFormPages):
    """Add a community asset (``detail`` is None) or edit one.

    ``save`` is called with the finished draft and returns what was stored; it
    may raise :class:`~linkworker.services.directory.InvalidAsset` or
    :class:`~linkworker.errors.ConcurrentEdit` (as ``DirectoryService.save`` does).
    After a successful save the stored asset is in :attr:`saved`, :attr:`asset_saved`
    is emitted and the dialog is accepted.
    """

    discard_question = "You have changed this asset. Close without saving?"

    asset_saved = RecordDialog.record_saved

    def __init__(
        self,
        save: Callable[[AssetDraft], AssetDetail],
        detail: AssetDetail | None = None,
        categories: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._detail = detail
        self._category_names = list(categories)
        draft = detail.draft if detail is not None else AssetDraft(name="")
        self._extra_contacts = draft.contacts[1:]
        self._other_features = tuple(
            f for f in draft.accessibility if f not in ACCESSIBILITY_FEATURES
        )

        self.setWindowTitle(
            self.tr("Add a community asset")
            if detail is None
            else self.tr("Edit {0}").format(detail.name)
        )
        self.setMinimumSize(720, 640)
        self.resize(780, 700)

        self._add_page(self.tr("About"), self._build_about())
        self._add_page(self.tr("Where and when"), self._build_where_when())
        self._add_page(self.tr("Who it is for"), self._build_who())
        self._add_page(self.tr("Contact"), self._build_contact())
        self._add_page(self.tr("Checked"), self._build_checked())
        self._lay_out_tabs(self.tr("Save the asset"))

        self._fill(draft)
        self._ready(self.name_edit)

    def _fill(self, draft: AssetDraft) -> None:
        self.name_edit.setText(draft.name)
        self.organisation_edit.setText(draft.organisation)
        self.description_edit.setPlainText(draft.description)
        self.categories_edit.setText(", ".join(draft.categories))
        self.tags_edit.setText(", ".join(draft.tags))
        self.status_combo.setCurrentIndex(self.status_combo.findData(draft.status.value))
        self.cost_combo.setCurrentIndex(self.cost_combo.findData(draft.cost.value))
        self.cost_note_edit.setText(draft.cost_note)
        self.join_combo.setCurrentIndex(self.join_combo.findData(draft.join_mode.value))
        self.locations.fill(draft.locations)
        self.times.fill(draft.opening_times)
        self.age_min_edit.setText("" if draft.age_min is None else str(draft.age_min))
        self.age_max_edit.setText("" if draft.age_max is None else str(draft.age_max))
        self.eligibility_edit.setPlainText(draft.eligibility)
        for key, check in self.accessibility_checks.items():
            check.setChecked(key in draft.accessibility)
        self.languages_edit.setText(", ".join(draft.languages))
        self.capacity_note_edit.setText(draft.capacity_note)
        self.waiting_list_check.setChecked(draft.waiting_list)
        self.website_edit.setText(draft.website)
        self.email_edit.setText(draft.email)
        self.phone_edit.setText(draft.phone)
        main = draft.contacts[0] if draft.contacts else Contact()
        self.contact_name_edit.setText(main.name)
        self.contact_role_edit.setText(main.role)
        self.contact_phone_edit.setText(main.phone)
        self.contact_email_edit.setText(main.email)
        checked_on = draft.last_verified_on
        self.verified_check.setChecked(checked_on is not None)
        self.verified_date.setEnabled(checked_on is not None)
        if checked_on is not None:
            self.verified_date.setDate(QDate(checked_on.year, checked_on.month, checked_on.day))
        self.verified_by_edit.setText(draft.verified_by)
        self.notes_edit.setPlainText(draft.notes)

    def build_draft(self) -> AssetDraft:
        """The draft as typed (blank places and times left out). Raises ValueError for an
        age, time or map position that cannot be read; :meth:`validate` says which."""
        main = self.main_contact()
        checked = self.verified_check.isChecked()
        return AssetDraft(
            id=None if self._detail is None else self._detail.id,
            version=None if self._detail is None else self._detail.version,
            name=self.name_edit.text().strip(),
            organisation=self.organisation_edit.text().strip(),
            description=self.description_edit.toPlainText().strip(),
            categories=items(self.categories_edit.text()),
            tags=items(self.tags_edit.text()),
            cost=Cost(self.cost_combo.currentData()),
            cost_note=self.cost_note_edit.text().strip(),
            join_mode=JoinMode(self.join_combo.currentData()),
            age_min=parse_age(self.age_min_edit.text()),
            age_max=parse_age(self.age_max_edit.text()),
            eligibility=self.eligibility_edit.toPlainText().strip(),
            accessibility=tuple(k for k, c in self.accessibility_checks.items() if c.isChecked())
            + self._other_features,
            languages=items(self.languages_edit.text()),
            status=AssetStatus(self.status_combo.currentData()),
            capacity_note=self.capacity_note_edit.text().strip(),
            waiting_list=self.waiting_list_check.isChecked(),
            website=self.website_edit.text().strip(),
            email=self.email_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
            locations=tuple(loc for box in self.location_boxes if (loc := box.location())),
            opening_times=tuple(row.slot() for row in self.times.filled()),
            contacts=((main,) if main != Contact() else ()) + self._extra_contacts,
            last_verified_on=self.verified_date.date().toPython() if checked else None,  # type: ignore[arg-type]
            verified_by=self.verified_by_edit.text().strip(),
            notes=self.notes_edit.toPlainText().strip(),
        )

    def current_draft(self) -> AssetDraft:
        return self.build_draft()

    # Rows and fields -------------------------------------------------------

    @property
    def location_boxes(self) -> list[LocationBox]:
        return self.locations.rows

    @property
    def time_rows(self) -> list[OpeningTimeRow]:
        return self.times.rows

    def add_location(self, loc: Location | None = None) -> LocationBox:
        """Add a place box (filled from ``loc`` if given) and return it."""
        return self.locations.add(loc)

    def add_opening_time(self, slot: OpeningTime | None = None) -> OpeningTimeRow:
        """Add a row to the opening times (filled from ``slot`` if given) and return it."""
        return self.times.add(slot)

    def main_contact(self) -> Contact:
        """The main contact as typed."""
        return Contact(
            name=self.contact_name_edit.text().strip(),
            role=self.contact_role_edit.text().strip(),
            phone=self.contact_phone_edit.text().strip(),
            email=self.contact_email_edit.text().strip(),
        )

    def _field_for(self, name: str, as_sent: bool = False) -> Field | None:
        """The field by draft field name, as in :class:`~linkworker.domain.validation.FieldError`:
        ``"name"``, ``"locations[0].postcode"``, ``"opening_times[1]"``, ``"contacts[0].email"``.
        Rows are numbered as the form shows them, or with ``as_sent`` as the draft holds them
        (blank rows, and a main contact with nothing in it, left out)."""
        match = _INDEXED.fullmatch(name)
        if match is None:
            return self._fields.get(name)
        group, index, attr = match["group"], int(match["index"]), match["attr"]
        boxes = self.locations.filled() if as_sent else self.location_boxes
        rows = self.times.filled() if as_sent else self.time_rows
        if group == "locations" and index < len(boxes):
            return boxes[index].fields.get(attr or "")
        if group == "opening_times" and index < len(rows):
            return rows[index].field
        if (
            group == "contacts"
            and index == 0
            and not (as_sent and self.main_contact() == Contact())
        ):
            return self._fields.get(f"contacts[0].{attr}")
        return None

    def _all_fields(self) -> list[Field]:
        fields = list(self._fields.values())
        for box in self.location_boxes:
            fields.extend(box.fields.values())
        fields.extend(row.field for row in self.time_rows)
        return fields

    # Convenience for tests and callers -----------------------------------

    @property
    def postcode_edits(self) -> list[QLineEdit]:
        return [box.postcode_edit for box in self.location_boxes]

    @property
    def location_name_edits(self) -> list[QLineEdit]:
        return [box.name_edit for box in self.location_boxes]
