"""When the link worker and the person will next be in touch (or not planned)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QFormLayout, QWidget

from linkworker.ui.form_fields import date_edit, py_date, qdate, stacked
from linkworker.ui.record_dialog import RecordDialog


class NextContactDialog(RecordDialog):
    """Set the next contact of a plan; ``save`` is called with the date or None.

    After a successful save :attr:`saved` holds a one-item tuple of what was saved
    (so that "no next contact" is told apart from "not saved").
    """

    discard_question = "You have changed the next contact. Close without saving?"

    def __init__(
        self,
        save: Callable[[dt.date | None], None],
        current: dt.date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("Set next contact"))
        self.date_edit = date_edit(self.tr("Next contact on"))
        self.date_edit.setDate(qdate(current or dt.date.today() + dt.timedelta(days=14)))
        self.none_check = QCheckBox(self.tr("No next contact planned"))
        self.none_check.setAccessibleName(self.tr("No next contact planned"))
        self.none_check.toggled.connect(lambda on: self.date_edit.setEnabled(not on))
        error = self._field("next_contact_on", self.date_edit, self.tr("next contact"))
        form = QFormLayout()
        self._row(form, self.tr("&Next contact on"), self.date_edit, stacked(self.date_edit, error))
        form.addRow("", self.none_check)
        self._lay_out(self.tr("Save the next contact"), form)
        self._remember_opened()

    def current_draft(self) -> dt.date | None:
        """The date chosen, or None for no next contact planned."""
        return None if self.none_check.isChecked() else py_date(self.date_edit.date())

    def _store(self, draft: dt.date | None) -> tuple[dt.date | None]:
        self._save(draft)
        return (draft,)
