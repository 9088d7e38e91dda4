"""The GP practice a person is registered with: its rows in the person form, and the small
dialog the letter to the GP opens when no practice is recorded.

:class:`GpPracticeRows` builds the four fields (name, address, postcode, practice code)
into a form, each registered with the dialog under ``gp_practice.<field>`` so a problem
the service finds shows beside its field. :class:`GpPracticeDialog` asks for the practice
and saves it on the person; "Print without address" goes on without one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QPushButton, QWidget

from linkworker.domain.people import GpPractice, PersonDetail
from linkworker.domain.person_validation import practice_problems
from linkworker.domain.validation import FieldError
from linkworker.ui.form_fields import ErrorLabel, hint, line_edit, plain_text, stacked
from linkworker.ui.record_dialog import RecordDialog

Register = Callable[[str, QWidget, str], ErrorLabel]
AddRow = Callable[[QFormLayout, str, QWidget, QWidget | None], None]


class GpPracticeRows:
    """The practice's fields as rows of ``form``; ``register`` and ``add_row`` are the
    dialog's own (:meth:`RecordDialog._field`, :meth:`RecordDialog._row`)."""

    def __init__(
        self, parent: QWidget, form: QFormLayout, register: Register, add_row: AddRow
    ) -> None:
        tr = parent.tr
        self.name_edit = line_edit(tr("GP practice"), tr("e.g. Canal Side Medical Practice"))
        self.address_edit = plain_text(tr("GP practice address"), 2)
        self.postcode_edit = line_edit(tr("GP practice postcode"), tr("e.g. CH65 0BS"))
        self.postcode_edit.setMaximumWidth(140)
        self.ods_edit = line_edit(tr("Practice code"), tr("e.g. A81001, if known"))
        self.ods_edit.setMaximumWidth(140)
        for key, label, widget, what in (
            ("name", tr("&GP practice"), self.name_edit, tr("GP practice")),
            ("address", tr("Practice a&ddress"), self.address_edit, tr("practice address")),
            ("postcode", tr("Practice pos&tcode"), self.postcode_edit, tr("practice postcode")),
            ("ods_code", tr("Practice c&ode"), self.ods_edit, tr("practice code")),
        ):
            error = register(f"gp_practice.{key}", widget, what)
            add_row(form, label, widget, stacked(widget, error))

    def fill(self, practice: GpPractice) -> None:
        self.name_edit.setText(practice.name)
        self.address_edit.setPlainText(practice.address)
        self.postcode_edit.setText(practice.postcode)
        self.ods_edit.setText(practice.ods_code)

    def practice(self) -> GpPractice:
        """The practice as typed, trimmed (the service checks and normalises it)."""
        return GpPractice(
            name=self.name_edit.text().strip(),
            address=self.address_edit.toPlainText().strip(),
            postcode=self.postcode_edit.text().strip(),
            ods_code=self.ods_edit.text().strip(),
        )


class GpPracticeDialog(RecordDialog):
    """Asks for the person's GP practice before a letter to their GP.

    ``save(practice)`` keeps it on the person (raising InvalidPerson for problems shown
    beside their fields). "Print without address" closes it with :attr:`without_address`
    set and nothing saved.
    """

    def __init__(
        self,
        person: PersonDetail,
        save: Callable[[GpPractice], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.without_address = False
        self.setWindowTitle(self.tr("GP practice for {0}").format(person.draft.display_name))
        self.setAccessibleName(self.tr("GP practice"))
        form = self._form()
        self.rows = GpPracticeRows(self, form, self._field, self._row)
        self.rows.fill(person.draft.gp_practice)
        self.without_button = QPushButton(self.tr("Print &without address"))
        self.without_button.setAccessibleName(self.tr("Print without address: no address block"))
        self.without_button.clicked.connect(self._go_without)
        body = hint(
            self.tr(
                "No GP practice is recorded for them. Add it to address the letter; it is "
                "kept on their record for next time."
            )
        )
        self._lay_out(
            self.tr("Save the practice and go on to the letter"),
            body,
            form,
            beside_buttons=self.without_button,
        )
        self._ready(self.rows.name_edit)

    def current_draft(self) -> GpPractice:
        return self.rows.practice()

    def _problems(self, draft: GpPractice) -> list[FieldError]:
        if not draft.recorded:
            return [FieldError("gp_practice.name", self.tr("Give the GP practice's name."))]
        return practice_problems(draft)

    def _go_without(self) -> None:
        self.without_address = True
        self.accept()
