"""Where the main window opens: on the screen, whole, at a size that fits it.

The first time, the window takes its usual size or, on a laptop's screen, all of the
screen's free area (less room for the frame and title bar). A size and position remembered
from last time are used again, but if they no longer fit (a second monitor unplugged,
a smaller laptop screen) the window is brought back onto the nearest screen and
shrunk to fit it. Rectangles here are the window's contents, without its frame.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMargins, QPoint, QRect, QSize

#: The window's usual size where the screen has room for it; a laptop screen (1366 x 768,
#: 1280 x 800) is filled, so the caseload and a person's story fit side by side.
PREFERRED_SIZE = QSize(1400, 860)
#: Room for the frame and title bar until the real frame is known (the window is shown).
FRAME_ALLOWANCE = QMargins(8, 32, 8, 8)


def _area(rect: QRect) -> int:
    return max(rect.width(), 0) * max(rect.height(), 0)


def first_placement(
    available: QRect, frame: QMargins = FRAME_ALLOWANCE, preferred: QSize = PREFERRED_SIZE
) -> QRect:
    """The usual size, or as much of ``available`` as there is, centred on it."""
    room = available.marginsRemoved(frame)
    rect = QRect(QPoint(0, 0), preferred.boundedTo(room.size()))
    rect.moveCenter(room.center())
    return rect


def back_on_screen(
    geometry: QRect,
    screens: Sequence[QRect],
    fallback: QRect,
    frame: QMargins = FRAME_ALLOWANCE,
) -> QRect:
    """``geometry`` moved and shrunk to fit the screen holding most of it.

    ``screens`` are the screens' free areas; ``fallback`` is used when none of the
    window is on any of them. A window that already fits is left where it is.
    """
    outer = geometry.marginsAdded(frame)
    best = max(screens, key=lambda screen: _area(screen.intersected(outer)), default=fallback)
    if _area(best.intersected(outer)) == 0:
        best = fallback
    room = best.marginsRemoved(frame)
    size = geometry.size().boundedTo(room.size())
    x = min(max(geometry.x(), room.left()), room.left() + room.width() - size.width())
    y = min(max(geometry.y(), room.top()), room.top() + room.height() - size.height())
    return QRect(QPoint(x, y), size)
