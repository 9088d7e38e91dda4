"""The add/edit form for one community asset.

Five tabs (About; Where and when; Who it is for; Contact; Checked) over one
:class:`~linkworker.domain.directory.AssetDraft`. Each field is checked as the
person leaves it and all together on Save; a problem is shown in red under its
field. Saving goes through the ``save`` callable (normally
``DirectoryService.save``), whose own field errors are shown the same way.
Nothing typed is ever thrown away because of an error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from linkworker import errors
from linkworker.domain.directory import (
    ACCESSIBILITY_FEATURES,
    AssetDetail,
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.validation import (
    FieldError,
    parse_age,
    parse_time,
)
from linkworker.services.directory import InvalidAsset
from linkworker.ui.directory.asset_form_pages import AssetFormPages
from linkworker.ui.directory.asset_form_rows import LocationBox, OpeningTimeRow
from linkworker.ui.form_fields import ErrorLabel, Field, items

__all__ = ["AssetFormDialog", "ErrorLabel", "LocationBox", "OpeningTimeRow"]


class AssetFormDialog(AssetFormPages):
    """Add a community asset (``detail`` is None) or edit one.

    ``save`` is called with the finished draft and returns what was stored; it
    may raise :class:`InvalidAsset` or :class:`~linkworker.errors.ConcurrentEdit`
    (as ``DirectoryService.save`` does). After a successful save the stored
    asset is in :attr:`saved`, :attr:`asset_saved` is emitted and the dialog
    is accepted.
    """

    discard_question = "You have changed this asset. Close without saving?"

    asset_saved = Signal(object)

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
        self.saved: AssetDetail | None = None
        self.location_boxes: list[LocationBox] = []
        self.time_rows: list[OpeningTimeRow] = []
        self._fields: dict[str, Field] = {}
        self._sent: tuple[list[LocationBox], list[OpeningTimeRow], bool] = ([], [], True)
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

        self.banner = self._make_banner()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Sections of the form"))
        self._pages: list[QWidget] = []
        self._tab_titles: list[str] = []
        self._add_page(self.tr("About"), self._build_about())
        self._add_page(self.tr("Where and when"), self._build_where_when())
        self._add_page(self.tr("Who it is for"), self._build_who())
        self._add_page(self.tr("Contact"), self._build_contact())
        self._add_page(self.tr("Checked"), self._build_checked())

        self._lay_out(self.tr("Save the asset"))

        self._fill(draft)
        self._fix_tab_order()
        self.name_edit.setFocus()
        self._initial_state = self._state()

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
        for loc in draft.locations or (Location(),):
            self.add_location(loc)
        for slot in draft.opening_times or (None,):
            self.add_opening_time(slot)
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
        """The draft as typed. Call after :meth:`validate` returns True."""
        locations = [(box, box.location()) for box in self.location_boxes]
        sent_locations = [(box, loc) for box, loc in locations if loc is not None]
        times = [row for row in self.time_rows if not row.is_blank()]
        main = Contact(
            name=self.contact_name_edit.text().strip(),
            role=self.contact_role_edit.text().strip(),
            phone=self.contact_phone_edit.text().strip(),
            email=self.contact_email_edit.text().strip(),
        )
        has_main = main != Contact()
        self._sent = ([box for box, _ in sent_locations], times, has_main)
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
            locations=tuple(loc for _, loc in sent_locations),
            opening_times=tuple(self._slot(row) for row in times),
            contacts=((main,) if has_main else ()) + self._extra_contacts,
            last_verified_on=self.verified_date.date().toPython() if checked else None,  # type: ignore[arg-type]
            verified_by=self.verified_by_edit.text().strip(),
            notes=self.notes_edit.toPlainText().strip(),
        )

    @staticmethod
    def _slot(row: OpeningTimeRow) -> OpeningTime:
        day = row.day_combo.currentData()
        starts, ends = row.starts_edit.text().strip(), row.ends_edit.text().strip()
        return OpeningTime(
            day=None if day is None or day < 0 else Day(day),
            starts=parse_time(starts) if starts else None,
            ends=parse_time(ends) if ends else None,
            note=row.note_edit.text().strip(),
        )

    # Checks ----------------------------------------------------------------

    def validate(self) -> bool:
        """Check every field, show each problem beside it; True when there are none."""
        problems = [f for f in self._all_fields() if f.validate()]
        self._refresh_marks()
        return not problems

    # Saving ----------------------------------------------------------------

    def _on_save(self) -> None:
        if not self.validate():
            self._show_problems([])
            return
        saved = self._submit(self.build_draft())
        if saved is not None:
            self.saved = saved
            self._initial_state = self._state()
            self.asset_saved.emit(saved)
            self.accept()

    def _submit(self, draft: AssetDraft) -> AssetDetail | None:
        try:
            return self._save(draft)
        except InvalidAsset as exc:
            self._show_problems(exc.problems)
        except errors.ConcurrentEdit as exc:
            if draft.version is None:
                self._show_error(exc)
            elif self._ask_overwrite(exc):
                return self._submit(dataclasses.replace(draft, version=None))
        except errors.UserFacingError as exc:
            self._show_error(exc)
        return None

    def _show_problems(self, problems: Sequence[FieldError]) -> None:
        """Put each problem beside its field; the rest, and which tabs, in the banner."""
        boxes, rows, has_main = self._sent
        unplaced: list[str] = []
        for problem in problems:
            field = self._lookup(problem.field, boxes, rows, has_main)
            if field is None:
                unplaced.append(problem.message)
            else:
                field.show(problem.message)
        self._report_problems(unplaced)

    # Closing, keys and focus ---------------------------------------------

    def _state(self) -> tuple[object, ...]:
        values: list[object] = []
        for widget in self._tab_chain():
            if isinstance(widget, QLineEdit):
                values.append(widget.text())
            elif isinstance(widget, QPlainTextEdit):
                values.append(widget.toPlainText())
            elif isinstance(widget, QComboBox):
                values.append(widget.currentIndex())
            elif isinstance(widget, QCheckBox):
                values.append(widget.isChecked())
            elif isinstance(widget, QDateEdit):
                values.append(widget.date().toString(Qt.DateFormat.ISODate))
        return tuple(values)

    # Convenience for tests and callers -----------------------------------

    @property
    def postcode_edits(self) -> list[QLineEdit]:
        return [box.postcode_edit for box in self.location_boxes]

    @property
    def location_name_edits(self) -> list[QLineEdit]:
        return [box.name_edit for box in self.location_boxes]
