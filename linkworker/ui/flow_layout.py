"""A row of controls that wraps onto a second line when the window is narrow.

The directory's filters sit on one line on a wide screen; on a small one, or with a
big system font, they wrap instead of making the window wider than the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new line when the next one does not fit.

    :meth:`add_stretch_before` marks an item that goes to the right-hand end of the
    last line (the way ``addStretch`` then ``addWidget`` does in a row).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right: set[int] = set()
        self.setContentsMargins(QMargins(0, 0, 0, 0))
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add_stretch_before(self, widget: QWidget) -> None:
        """Add ``widget`` pushed to the right of the line it ends up on."""
        self.addWidget(widget)
        self._right.add(len(self._items) - 1)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if 0 <= index < len(self._items):
            self._right.discard(index)
            return self._items.pop(index)
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        width = sum(i.sizeHint().width() for i in self._items)
        width += self.spacing() * max(len(self._items) - 1, 0)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items (when ``move``); returns the height they take."""
        x, y, line_height = rect.x(), rect.y(), 0
        lines: list[list[tuple[QLayoutItem, QSize, int]]] = [[]]
        for index, item in enumerate(self._items):
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            size = item.sizeHint().boundedTo(QSize(rect.width(), 10_000))
            if lines[-1] and x + size.width() > rect.right() + 1:
                x, y = rect.x(), y + line_height + self.spacing()
                line_height = 0
                lines.append([])
            lines[-1].append((item, size, index))
            x += size.width() + self.spacing()
            line_height = max(line_height, size.height())
        if move:
            self._place(lines, rect)
        return y + line_height - rect.y()

    def _place(self, lines: list[list[tuple[QLayoutItem, QSize, int]]], rect: QRect) -> None:
        y = rect.y()
        for line in lines:
            height = max((size.height() for _, size, _ in line), default=0)
            x = rect.x()
            right = rect.right() + 1
            # Items marked for the right-hand end are laid from the right.
            for item, size, index in reversed(line):
                if index not in self._right:
                    break
                right -= size.width()
                item.setGeometry(QRect(QPoint(right, y), size))
                right -= self.spacing()
            for item, size, index in line:
                if index in self._right:
                    continue
                top = y + (height - size.height()) // 2
                item.setGeometry(QRect(QPoint(x, top), size))
                x += size.width() + self.spacing()
            y += height + self.spacing()


def wrapping_row(
    widgets: list[QWidget], right: list[QWidget] | None = None, margins: QMargins | None = None
) -> QWidget:
    """A widget holding ``widgets`` in a :class:`FlowLayout`, ``right`` at the far end."""
    holder = QWidget()
    flow = FlowLayout(holder)
    if margins is not None:
        flow.setContentsMargins(margins)
    for widget in widgets:
        flow.addWidget(widget)
    for widget in right or []:
        flow.add_stretch_before(widget)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    return holder
