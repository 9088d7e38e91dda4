"""What every record form shares: the problem banner, Save and Cancel with their keys,
the question when someone else saved first, asking before typed work is thrown away,
and Return that finishes a field instead of saving a half-typed form.

The asset form, the person form and the referral and conversation forms build on
:class:`FormDialog`; each adds its own fields, checks and saving.
"""

from __future__ import annotations

import itertools
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from linkworker import errors
from linkworker.ui.error_dialogs import show_user_error
from linkworker.ui.form_fields import Field, items
from linkworker.ui.keyboard import scroll_area

BANNER_STYLE = (
    "QLabel { color: #7a1c14; background: #fdecea; border: 1px solid #e6a39c;"
    " border-radius: 4px; padding: 6px 8px; }"
)


class FormDialog(QDialog):
    """A modal form over one record. Subclasses set :attr:`discard_question`,
    implement :meth:`_on_save` and :meth:`_state`, and keep ``saved`` and
    ``_initial_state`` up to date."""

    #: Asked before closing a changed form without saving.
    discard_question = "You have made changes. Close without saving?"

    saved: Any
    _initial_state: Any

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

    def _on_save(self) -> None:
        raise NotImplementedError

    def _state(self) -> Any:
        """Everything typed, comparable, to tell whether the form was changed."""
        raise NotImplementedError

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

    def is_dirty(self) -> bool:
        """True when anything differs from what the form opened with."""
        return bool(self._state() != self._initial_state)

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


def focus_chain(layouts: list[QLayout | None]) -> list[QWidget]:
    """Every widget that takes Tab focus in ``layouts``, in the order they are laid out."""
    chain: list[QWidget] = []

    def walk(layout: QLayout | None) -> None:
        found = [layout.itemAt(i) for i in range(layout.count())] if layout else []
        for item in filter(None, found):
            widget = item.widget()
            if item.layout() is not None:
                walk(item.layout())
            elif widget is not None and widget.layout() is not None:
                walk(widget.layout())
            elif widget is not None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                chain.append(widget)

    for layout in layouts:
        walk(layout)
    return chain


class TabbedFormDialog(FormDialog):
    """A long form split into tabs: Alt+1, Alt+2... switch tabs, a tab holding a problem
    is marked, the banner names those tabs, and focus goes to the first problem.

    Subclasses fill :attr:`tabs` with :meth:`_add_page`, register fields in
    ``_fields`` and implement :meth:`_all_fields` (including fields of rows).
    """

    tabs: QTabWidget
    banner: QLabel
    _button_box: QDialogButtonBox
    _pages: list[QWidget]
    _tab_titles: list[str]
    _fields: dict[str, Field]

    def _all_fields(self) -> list[Field]:
        raise NotImplementedError

    def _lay_out(self, save_name: str) -> None:
        """The banner on top, the tabs, then Save and Cancel."""
        buttons = self._buttons(save_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _add_page(self, title: str, content: QWidget) -> None:
        scroll = scroll_area(content)
        self._pages.append(content)
        self._tab_titles.append(title)
        index = self.tabs.addTab(scroll, title)
        shortcut = QShortcut(QKeySequence(f"Alt+{index + 1}"), self)
        shortcut.activated.connect(lambda: self.tabs.setCurrentIndex(index))
        self.tabs.setTabToolTip(index, self.tr("Alt+{0}").format(index + 1))

    @staticmethod
    def _page_layout(content: QWidget) -> QVBoxLayout:
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        return layout

    @staticmethod
    def _form() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        return form

    def _tab_chain(self) -> list[QWidget]:
        """The tab bar, every input tab by tab as laid out, then the buttons."""
        layouts = [page.layout() for page in self._pages] + [self._button_box.layout()]
        return [self.tabs.tabBar(), *focus_chain(layouts)]

    def _fix_tab_order(self) -> None:
        for first, second in itertools.pairwise(self._tab_chain()):
            QWidget.setTabOrder(first, second)

    def _validate(self, field: Field) -> None:
        if shiboken6.isValid(self):  # focus can leave a field while the dialog is destroyed
            if field.widget.isEnabled():
                field.validate()
            else:
                field.show("")
            self._refresh_marks()

    def _tidy_list(self, edit: QLineEdit) -> None:
        """Rewrite a comma list tidily ("a,b ,  c" -> "a, b, c") when the field is left."""
        if not shiboken6.isValid(edit):
            return
        tidy = ", ".join(items(edit.text()))
        if tidy != edit.text():
            edit.setText(tidy)

    def _refresh_marks(self) -> list[int]:
        """Mark the tabs holding a problem; returns their indexes."""
        flagged = []
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        bar = self.tabs.tabBar()
        shown = [f.widget for f in self._all_fields() if not f.error.isHidden()]
        for i, page in enumerate(self._pages):
            bad = any(page.isAncestorOf(w) for w in shown)
            if bad:
                flagged.append(i)
            self.tabs.setTabIcon(i, warning if bad else QIcon())
            tip = self.tr("Something here needs correcting") if bad else ""
            self.tabs.setTabToolTip(i, tip or self.tr("Alt+{0}").format(i + 1))
            bar.setTabTextColor(i, QColor("#b3261e") if bad else QColor())
        if not flagged and self.banner.isVisibleTo(self):
            self.banner.hide()
        return flagged

    def _report_problems(self, unplaced: list[str]) -> None:
        """After problems are shown beside their fields: the banner, then the first problem."""
        flagged = self._refresh_marks()
        if not flagged and not unplaced:
            return
        lines = [self.tr("Some details need correcting before this can be saved.")]
        if flagged:
            tabs = ", ".join(self._tab_titles[i] for i in flagged)
            lines.append(self.tr("Look for the messages in red on: {0}.").format(tabs))
        lines.extend(unplaced)
        self.banner.setText("\n".join(lines))
        self.banner.show()
        self._focus_first_problem()

    def _focus_first_problem(self) -> None:
        chain = self._tab_chain()
        bad = [f.widget for f in self._all_fields() if not f.error.isHidden()]
        if not bad:
            return
        first = min(bad, key=lambda w: chain.index(w) if w in chain else len(chain))
        for i, page in enumerate(self._pages):
            if page.isAncestorOf(first):
                self.tabs.setCurrentIndex(i)
                scroll = self.tabs.widget(i)
                if isinstance(scroll, QScrollArea):
                    scroll.ensureWidgetVisible(first)
        first.setFocus(Qt.FocusReason.OtherFocusReason)
