"""What every form over one record shares.

The problem banner; Save and Cancel with their keys; messages beside fields; saving
through the service with its answers (problems beside their fields, the question when
someone else saved first, any other error explained); asking before typed work is
thrown away; and Return that finishes a field instead of saving a half-typed form.

Whether a form has changed is worked out from its draft: :meth:`RecordDialog.current_draft`
builds the value the form would save (a frozen dataclass), once when the form is ready
and again when asked; the form has changed when the two differ. Nothing is tracked by hand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from linkworker import errors
from linkworker.domain.conflicts import Choice, Conflict, EditConflict, resolved, with_base
from linkworker.domain.validation import FieldError
from linkworker.services.conflicts import merging
from linkworker.services.directory import InvalidAsset
from linkworker.services.people import InvalidPerson
from linkworker.services.plan import InvalidPlan
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.form_fields import ErrorLabel, Field
from linkworker.ui.keyboard import scroll_area

BANNER_STYLE = (
    "QLabel { color: #7a1c14; background: #fdecea; border: 1px solid #e6a39c;"
    " border-radius: 4px; padding: 6px 8px; }"
)

#: What a form holds when something typed cannot be read into a draft (never equal to one).
UNREADABLE = object()
#: What :meth:`RecordDialog._checked_draft` returns when the draft cannot be saved yet.
NOT_READY = object()


class RecordDialog(QDialog):
    """A modal form over one record.

    A subclass builds its fields (registering each with :meth:`_field` under the
    name the checks use), lays them out with :meth:`_lay_out`, fills them, and
    calls :meth:`_ready`. It implements :meth:`current_draft`; it may add
    :meth:`_problems` (checks before saving) and :meth:`_store` (when saving is
    more than ``self._save(draft)``). After a successful save the stored record
    is in :attr:`saved`, :attr:`record_saved` is emitted (subclasses give it the
    name their callers know) and the dialog is accepted.

    When someone else saved the record meanwhile and the service says how (both versions),
    the two are shown side by side to choose from (:meth:`_choose_merge`); the result is
    saved against the stored version and noted as a merge.

    Tests replace :meth:`_choose_merge`, :meth:`_ask_overwrite`, :meth:`_show_error` and
    :meth:`_confirm_discard`.
    """

    #: Asked before closing a changed form without saving.
    discard_question = "You have made changes. Close without saving?"
    #: Problem fields that start with one of these are shown beside that field.
    field_prefixes: ClassVar[tuple[str, ...]] = ()
    #: Problem fields shown beside another field.
    field_aliases: ClassVar[dict[str, str]] = {}

    record_saved = Signal(object)

    _save: Callable[[Any], Any]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved: Any = None
        self._fields: dict[str, Field] = {}
        self._opened_with: object = UNREADABLE
        self.banner = self._make_banner()

    # What a subclass says ------------------------------------------------

    def current_draft(self) -> Any:
        """The value this form would save, built from what it shows now.

        Raises :class:`ValueError` (such as ``InvalidValue``) when something typed
        cannot be read into a draft.
        """
        raise NotImplementedError

    def _problems(self, draft: Any) -> Sequence[FieldError]:
        """What the form itself finds wrong with ``draft`` before it is saved."""
        return ()

    def _store(self, draft: Any) -> Any:
        """Save ``draft``; returns what was stored (None: nothing was)."""
        return self._save(draft)

    # Changed or not ------------------------------------------------------

    def _read_draft(self) -> object:
        try:
            return self.current_draft()
        except ValueError:
            return UNREADABLE

    def _remember_opened(self) -> None:
        """Take what the form shows now as what it opened with."""
        self._opened_with = self._read_draft()

    def is_dirty(self) -> bool:
        """True when the draft built now differs from the one the form opened with."""
        now = self._read_draft()
        return now is UNREADABLE or bool(now != self._opened_with)

    def _ready(self, first: QWidget) -> None:
        """The form is built and filled: put the cursor in ``first`` and remember the draft."""
        first.setFocus()
        self._remember_opened()

    # Building ------------------------------------------------------------

    def show_risk_flags(self, flags: Sequence[Any]) -> None:
        """Show the risk flags of the person this form is about, above everything else."""
        from linkworker.ui.people.risk_banner import RiskBanner

        layout = self.layout()
        if not flags or not isinstance(layout, QVBoxLayout):
            return
        self.risk_banner = RiskBanner(flags, parent=self)
        layout.insertWidget(0, self.risk_banner)

    def _make_banner(self) -> QLabel:
        """The red box at the top that says what needs correcting."""
        banner = QLabel()
        banner.setWordWrap(True)
        banner.setTextFormat(Qt.TextFormat.PlainText)
        banner.setStyleSheet(BANNER_STYLE)
        banner.setAccessibleName(self.tr("Problems to correct"))
        banner.hide()
        return banner

    def _buttons(self, save_name: str) -> QDialogButtonBox:
        """Save and Cancel; Ctrl+S, Ctrl+Return and Ctrl+Enter save too."""
        buttons = self._button_box = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setAccessibleName(save_name)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.cancel_button.setAccessibleName(self.tr("Cancel without saving"))
        self.cancel_button.setToolTip(self.tr("Cancel (Esc)"))
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._on_save)
        return buttons

    def _lay_out(
        self,
        save_name: str,
        *body: QWidget | QLayout,
        spacing: int | None = None,
        beside_buttons: QWidget | None = None,
    ) -> None:
        """The banner on top, then ``body``, then Save and Cancel (``beside_buttons`` to
        their left). A scroll area or a set of tabs in the body takes the room to spare."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        if spacing is not None:
            layout.setSpacing(spacing)
        layout.addWidget(self.banner)
        for part in body:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part, 1 if isinstance(part, QScrollArea | QTabWidget) else 0)
        buttons = self._buttons(save_name)
        if beside_buttons is None:
            layout.addWidget(buttons)
            return
        footer = QHBoxLayout()
        footer.addWidget(beside_buttons, 1)
        footer.addWidget(buttons)
        layout.addLayout(footer)

    @staticmethod
    def _scrolling(*parts: QWidget, grow_last: bool = False) -> QScrollArea:
        """``parts`` in a column with the usual margins, in a scroll area that is no Tab stop;
        the room to spare goes below them, or with ``grow_last`` to the last part."""
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(12)
        for part in parts:
            column.addWidget(part, 1 if grow_last and part is parts[-1] else 0)
        if not grow_last:
            column.addStretch(1)
        return scroll_area(content)

    @staticmethod
    def _form(labels_on_top: bool = True) -> QFormLayout:
        """A form whose fields take the width; with ``labels_on_top``, labels sit level with
        the top of a tall field (or of a field with a message under it)."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if labels_on_top:
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        return form

    @staticmethod
    def _row(form: QFormLayout, text: str, buddy: QWidget, cell: QWidget | None = None) -> None:
        """A labelled row: the label's key (Alt+letter) goes to ``buddy``; ``cell`` is shown."""
        label = QLabel(text)
        label.setBuddy(buddy)
        form.addRow(label, cell or buddy)

    # Fields and their problems ------------------------------------------

    def _field(self, name: str, widget: QWidget, what: str) -> ErrorLabel:
        """Register ``widget`` as the field that shows problems named ``name``."""
        field = Field(widget, ErrorLabel(what), lambda: "")
        self._fields[name] = field
        return field.error

    def _field_for(self, name: str, as_sent: bool = False) -> Field | None:
        """The field showing problems named ``name``; ``as_sent`` counts rows as they were
        sent to be saved (blank ones left out) rather than as the form shows them."""
        return self._fields.get(name)

    def _all_fields(self) -> list[Field]:
        return list(self._fields.values())

    def field_error(self, name: str) -> str:
        """The message shown beside a field ('' if none), by draft field name."""
        field = self._field_for(name)
        return "" if field is None or field.error.isHidden() else field.error.text()

    def _clear_problems(self) -> None:
        for field in self._all_fields():
            field.show("")
        self.banner.hide()

    def _placed(self, problems: Sequence[FieldError]) -> list[FieldError]:
        """Problems by the field that shows them; several for one field are shown together."""
        placed: dict[str, list[str]] = {}
        for problem in problems:
            name = self.field_aliases.get(problem.field) or next(
                (p for p in self.field_prefixes if problem.field.startswith(p)), problem.field
            )
            placed.setdefault(name, []).append(problem.message)
        return [FieldError(name, "\n".join(messages)) for name, messages in placed.items()]

    def _place(self, problems: Sequence[FieldError]) -> tuple[list[str], QWidget | None]:
        """Show each problem beside its field; returns those with no field, and the first
        field with one."""
        unplaced: list[str] = []
        first: QWidget | None = None
        for problem in self._placed(problems):
            field = self._field_for(problem.field, as_sent=True)
            if field is None:
                unplaced.append(problem.message)
                continue
            field.show(problem.message)
            first = first or field.widget
        return unplaced, first

    def _show_problems(self, problems: Sequence[FieldError]) -> None:
        """Each problem beside its field; any without a field, in the banner."""
        self._clear_problems()
        unplaced, first = self._place(problems)
        if not problems:
            return
        lines = [self.tr("Some details need correcting before this can be saved.")]
        if first is not None:
            lines.append(self.tr("Look for the messages in red."))
        self.banner.setText("\n".join(lines + unplaced))
        self.banner.show()
        if first is not None:
            for scroll in self.findChildren(QScrollArea):
                if scroll.isAncestorOf(first):
                    scroll.ensureWidgetVisible(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # Saving --------------------------------------------------------------

    def _on_save(self) -> None:
        draft = self._checked_draft()
        if draft is NOT_READY:
            return
        saved = self._submit(draft)
        if saved is not None:
            self._finish(saved)

    def _draft_and_problems(self) -> tuple[Any, list[FieldError]]:
        draft = self.current_draft()
        return draft, list(self._problems(draft))

    def _checked_draft(self) -> Any:
        """The draft to save, or :data:`NOT_READY` after showing why it cannot be saved yet."""
        draft, problems = self._draft_and_problems()
        if problems:
            self._show_problems(problems)
            return NOT_READY
        self._clear_problems()
        return draft

    def _submit(self, draft: Any) -> Any:
        """Save ``draft``; on a known failure explain it and return None."""
        try:
            return self._store(draft)
        except (InvalidAsset, InvalidPerson, InvalidPlan) as exc:
            self._show_problems(exc.problems)
        except EditConflict as exc:
            found = with_base(exc.conflict, self._opened_with)
            choices = self._choose_merge(found)
            if choices is not None:
                with merging(found, choices):
                    return self._submit(resolved(found, choices))
        except errors.ConcurrentEdit as exc:
            if getattr(draft, "version", None) is None:
                self._show_error(exc)
            elif self._ask_overwrite(exc):
                return self._submit(dataclasses.replace(draft, version=None))
        except errors.UserFacingError as exc:
            self._show_error(exc)
        return None

    def _finish(self, saved: Any) -> None:
        """Saved: keep what was stored, say so and close."""
        self.saved = saved
        self._remember_opened()
        self.record_saved.emit(saved)
        self.accept()

    # Questions -------------------------------------------------------------

    def _choose_merge(self, found: Conflict) -> dict[str, Choice] | None:
        """Show both versions side by side; the choices, or None to keep editing.
        Tests replace this."""
        from linkworker.ui.merge_dialog import MergeDialog

        dialog = MergeDialog(found, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choices()

    def _ask_overwrite(self, exc: errors.ConcurrentEdit) -> bool:
        """Ask whether to save over someone else's change. Tests replace this."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr(exc.title))
        box.setText(exc.message)
        box.setInformativeText(exc.advice)
        overwrite = box.addButton(
            self.tr("Save mine over theirs"), QMessageBox.ButtonRole.AcceptRole
        )
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is overwrite

    def _show_error(self, exc: errors.UserFacingError) -> None:
        """Explain an error that is not about one field. Tests replace this."""
        show_user_error(self, exc)

    def _confirm_discard(self) -> bool:
        """Ask whether to throw away what was typed. Tests replace this."""
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes?"),
            self.tr(self.discard_question),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        if self.saved is None and self.is_dirty() and not self._confirm_discard():
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Return in a field only finishes that field; a long form must not save half-typed.
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and plain and not isinstance(self.focusWidget(), QPushButton):
            event.accept()
            return
        super().keyPressEvent(event)
