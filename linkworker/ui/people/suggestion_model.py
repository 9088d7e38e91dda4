"""The suggestion list: community assets ranked for one person, or found in the directory.

Each row is shown as a small card painted from HTML by :class:`HtmlItemDelegate`
(name, organisation, when and how far, then the reasons in plain words and the
concerns in amber). The model also gives the same words as plain text for
screen readers, tooltips and tests.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from linkworker.domain.directory import AssetSummary
from linkworker.domain.matching import Suggestion
from linkworker.ui.paged_table_model import ID_ROLE

Index = QModelIndex | QPersistentModelIndex

#: The row as HTML, for :class:`HtmlItemDelegate`.
HTML_ROLE = Qt.ItemDataRole.UserRole + 2

MUTED = "#555555"
CONCERN = "#8a4b00"  # amber that still reads on white
GIVING_BG, GIVING_FG = "#e3f1e6", "#1d5b2c"
PLAN_BG, PLAN_FG = "#e6eefb", "#1a4480"
PIN = "#7a5a00"


def chip(text: str, background: str, colour: str) -> str:
    """A small coloured label inside item HTML."""
    return (
        f"<span style='background-color:{background};color:{colour}'>"
        f"&nbsp;{escape(text)}&nbsp;</span>"
    )


def _keep_together(text: str, up_to: int = 24) -> str:
    """Escaped text; a short phrase ("just turn up") is kept on one line."""
    html = escape(text)
    return html.replace(" ", "&nbsp;") if len(text) <= up_to else html


class HtmlItemDelegate(QStyledItemDelegate):
    """Paints an item's :data:`HTML_ROLE` as rich text wrapped to the view's width.

    A selected item keeps its own colours on a pale tint with a bar at its left,
    so amber concerns stay readable; a thin line separates the items.
    """

    MARGIN = 8

    def _width(self, option: QStyleOptionViewItem) -> int:
        """The width to wrap to: the view's, so a card never needs a horizontal scroll."""
        view = option.widget
        if isinstance(view, QAbstractItemView):
            return max(view.viewport().width() - 1, 120)
        return max(option.rect.width(), 120)

    def _document(self, option: QStyleOptionViewItem, index: Index, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(self.MARGIN)
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(HTML_ROLE) or ""))
        doc.setTextWidth(width)
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self._width(option)
        doc = self._document(option, index, width)
        return QSize(width, math.ceil(doc.size().height()) + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect: QRect = opt.rect
        widget: QWidget | None = opt.widget
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        opt.state &= ~QStyle.StateFlag.State_Selected
        opt.text = ""
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        if selected:
            tint = QColor(palette.color(QPalette.ColorRole.Highlight))
            tint.setAlpha(40)
            painter.fillRect(rect, tint)
            painter.fillRect(
                QRect(rect.left(), rect.top(), 4, rect.height()),
                palette.color(QPalette.ColorRole.Highlight),
            )
        line = QColor(palette.color(QPalette.ColorRole.Mid))
        line.setAlpha(90)
        painter.setPen(line)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        doc = self._document(opt, index, min(rect.width(), self._width(opt)))
        painter.translate(rect.topLeft())
        painter.setClipRect(QRect(QPoint(0, 0), rect.size()))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.Text))
        doc.documentLayout().draw(painter, context)
        painter.restore()


@dataclass(frozen=True, slots=True)
class SuggestionRow:
    """One asset as the list shows it, from a suggestion or from a directory search."""

    asset_id: uuid.UUID
    name: str
    organisation: str = ""
    kinds: tuple[str, ...] = ()
    when: str = ""
    distance_miles: float | None = None
    area: str = ""
    reasons: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    giving: bool = False
    pinned: bool = False
    in_plan: bool = False
    from_search: bool = False

    @classmethod
    def from_suggestion(cls, suggestion: Suggestion, in_plan: bool = False) -> SuggestionRow:
        return cls(
            asset_id=suggestion.asset_id,
            name=suggestion.name,
            organisation=suggestion.organisation,
            kinds=suggestion.categories,
            when=suggestion.when,
            distance_miles=suggestion.distance_miles,
            reasons=suggestion.reasons,
            concerns=suggestion.concerns,
            giving=suggestion.giving,
            pinned=suggestion.pinned,
            in_plan=in_plan,
        )

    @classmethod
    def from_summary(
        cls, summary: AssetSummary, in_plan: bool = False, concerns: tuple[str, ...] = ()
    ) -> SuggestionRow:
        return cls(
            asset_id=summary.id,
            name=summary.name,
            organisation=summary.organisation,
            kinds=summary.categories,
            when=summary.when,
            area=summary.district,
            concerns=concerns,
            giving=any("volunteer" in k.lower() for k in summary.categories),
            in_plan=in_plan,
            from_search=True,
        )

    @property
    def id(self) -> uuid.UUID:
        return self.asset_id


class SuggestionListModel(QAbstractListModel):
    """Rows of :class:`SuggestionRow`; the delegate paints :data:`HTML_ROLE`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SuggestionRow] = []

    def set_rows(self, rows: Sequence[SuggestionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_data(self, row: int) -> SuggestionRow:
        return self._rows[row]

    def row_of(self, asset_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self._rows) if r.asset_id == asset_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == ID_ROLE:
            return row.asset_id
        if role == HTML_ROLE:
            return self.html(row)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self.plain(row)
        return None

    # Words -----------------------------------------------------------------

    def _facts(self, row: SuggestionRow) -> list[str]:
        facts: list[str] = []
        if row.when:
            facts.append(row.when)
        if row.distance_miles is not None:
            miles = row.distance_miles
            facts.append(
                self.tr("under half a mile")
                if miles < 0.5
                else self.tr("{0:.1f} miles away").format(miles)
            )
        elif row.area:
            facts.append(row.area)
        if row.kinds:
            facts.append(", ".join(row.kinds))
        return facts

    def _marks(self, row: SuggestionRow) -> list[str]:
        marks: list[str] = []
        if row.pinned:
            marks.append(self.tr("Pinned"))
        if row.giving:
            marks.append(self.tr("A way to give"))
        if row.in_plan:
            marks.append(self.tr("In the plan"))
        return marks

    def plain(self, row: SuggestionRow) -> str:
        """The row as plain sentences (screen readers, tooltips, tests)."""
        head = row.name + (f" ({row.organisation})" if row.organisation else "")
        lines = [head]
        marks = self._marks(row)
        if marks:
            lines.append(", ".join(marks))
        facts = self._facts(row)
        if facts:
            lines.append(" · ".join(facts))
        lines.extend(row.reasons)
        lines.extend(self.tr("To check: {0}").format(c) for c in row.concerns)
        return "\n".join(lines)

    def html(self, row: SuggestionRow) -> str:
        """The row as a card of escaped HTML."""
        title = f"<b>{escape(row.name)}</b>"
        if row.pinned:
            title = f"<span style='color:{PIN}'>★</span> " + title
        marks = []
        if row.pinned:
            marks.append(chip(self.tr("Pinned"), "#fff3cc", PIN))
        if row.giving:
            marks.append(chip(self.tr("A way to give"), GIVING_BG, GIVING_FG))
        if row.in_plan:
            marks.append(chip(self.tr("✓ In the plan"), PLAN_BG, PLAN_FG))
        parts = [
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td>{title}</td><td align='right'>{'&nbsp;'.join(marks)}</td></tr></table>"
        ]
        sub = [escape(x) for x in (row.organisation, *self._facts(row)) if x]
        if sub:
            parts.append(f"<div style='color:{MUTED}'>{' · '.join(sub)}</div>")
        if row.reasons:
            # One flowing paragraph keeps a card short; each reason keeps its tick.
            ticks = " &nbsp; ".join(f"✓&nbsp;{_keep_together(reason)}" for reason in row.reasons)
            parts.append(f"<div>{ticks}</div>")
        for concern in row.concerns:
            parts.append(f"<div style='color:{CONCERN}'>⚠&nbsp;{escape(concern)}</div>")
        return "".join(parts)
