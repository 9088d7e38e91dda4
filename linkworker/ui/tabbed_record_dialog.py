"""A long record form in tabs, each field checked as it is left.

Alt+1, Alt+2... switch tabs; a tab holding a problem is marked, the banner names
those tabs, and focus goes to the first problem. The asset form and the person form
build on :class:`TabbedRecordDialog`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.validation import FieldError
from linkworker.ui.form_fields import ErrorLabel, Field, items
from linkworker.ui.keyboard import scroll_area
from linkworker.ui.record_dialog import NOT_READY, RecordDialog


def focus_chain(layouts: Sequence[QLayout | None]) -> list[QWidget]:
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


class TabbedRecordDialog(RecordDialog):
    """A record form in tabs. Subclasses add pages with :meth:`_add_page`, register
    checked fields with :meth:`_checked` (and fields of rows with :meth:`_watch`), and
    list every field, rows' too, in :meth:`_all_fields`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Sections of the form"))
        self._pages: list[QWidget] = []
        self._tab_titles: list[str] = []

    # Building ------------------------------------------------------------

    def _lay_out_tabs(self, save_name: str) -> None:
        """The banner on top, the tabs, then Save and Cancel."""
        self._lay_out(save_name, self.tabs, spacing=8)

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
    def _form(labels_on_top: bool = True) -> QFormLayout:
        form = RecordDialog._form(labels_on_top)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return form

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

    def _watch(self, field: Field, *edits: QLineEdit) -> None:
        """Check ``field`` (of a row) each time one of ``edits`` is left."""
        for edit in edits:
            edit.editingFinished.connect(lambda: self._validate(field))

    def _tidy_list(self, edit: QLineEdit) -> None:
        """Rewrite a comma list tidily ("a,b ,  c" -> "a, b, c") when the field is left."""
        if not shiboken6.isValid(edit):
            return
        tidy = ", ".join(items(edit.text()))
        if tidy != edit.text():
            edit.setText(tidy)

    # Tab order -------------------------------------------------------------

    def _tab_chain(self) -> list[QWidget]:
        """The tab bar, every input tab by tab as laid out, then the buttons."""
        layouts = [page.layout() for page in self._pages] + [self._button_box.layout()]
        return [self.tabs.tabBar(), *focus_chain(layouts)]

    def _fix_tab_order(self) -> None:
        for first, second in itertools.pairwise(self._tab_chain()):
            QWidget.setTabOrder(first, second)

    def _ready(self, first: QWidget) -> None:
        self._fix_tab_order()
        super()._ready(first)

    # Checks and problems -------------------------------------------------

    def validate(self) -> bool:
        """Check every field, show each problem beside it; True when there are none."""
        problems = [f for f in self._all_fields() if f.validate()]
        self._refresh_marks()
        return not problems

    def _validate(self, field: Field) -> None:
        if shiboken6.isValid(self):  # focus can leave a field while the dialog is destroyed
            if field.widget.isEnabled():
                field.validate()
            else:
                field.show("")
            self._refresh_marks()

    def _checked_draft(self) -> Any:
        if not self.validate():
            self._show_problems([])
            return NOT_READY
        return super()._checked_draft()

    def _clear_problems(self) -> None:
        super()._clear_problems()
        self._refresh_marks()

    def _show_problems(self, problems: Sequence[FieldError]) -> None:
        """Put each problem beside its field; the rest, and which tabs, in the banner.

        Messages the fields' own checks put up stay where they are.
        """
        unplaced, _first = self._place(problems)
        self._report_problems(unplaced)

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

    @staticmethod
    def _line_up_labels(*boxes: QWidget) -> None:
        """Give the field labels of ``boxes`` one width, so the boxes' fields line up."""
        labels = [label for box in boxes for label in box.findChildren(QLabel) if label.buddy()]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
