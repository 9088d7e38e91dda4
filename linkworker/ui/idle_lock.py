"""Noticing that nobody is at the keyboard, and keeping input away from a locked window.

:class:`IdleWatch` watches the whole application's keyboard and mouse input (an
event filter on the application) and says :attr:`IdleWatch.idle` once none has
come for the time set in Settings. One timer runs, and input only notes the
time: the timer, when it fires, works out whether the time has really passed
and, if not, waits for what is left. While the window is locked the watch lets
keys, clicks and shortcuts reach the lock panels alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from linkworker.ui.lock_screen import LockPanel
from linkworker.ui.sign_in_dialog import SignInDialog

#: What counts as someone at the keyboard.
INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
#: What is held back from everything but the lock panels while locked.
HELD_WHILE_LOCKED = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.Wheel,
    }
)

#: The longest the timer sleeps: a shorter idle time chosen in Settings applies within it.
CHECK_EVERY_MS = 15_000
DEFAULT_MINUTES = 5
MINUTES_RANGE = (1, 60)


def idle_minutes(value: object) -> int:
    """The idle minutes from a setting: the default when unset, kept within 1 to 60."""
    if not isinstance(value, int | float | str):
        return DEFAULT_MINUTES
    try:
        minutes = int(value)
    except ValueError:
        return DEFAULT_MINUTES
    return max(MINUTES_RANGE[0], min(MINUTES_RANGE[1], minutes))


def _widget_of(watched: QObject) -> QWidget | None:
    """The widget an event's receiver belongs to (an action's or shortcut's parent widget)."""
    found: QObject | None = watched
    while found is not None and not isinstance(found, QWidget):
        found = found.parent()
    return found


def _in_panel(widget: QWidget) -> bool:
    found: QWidget | None = widget
    while found is not None:
        if isinstance(found, LockPanel | SignInDialog):
            return True
        found = found.parentWidget()
    return False


class IdleWatch(QObject):
    """Says :attr:`idle` after ``idle_ms()`` milliseconds with no keyboard or mouse input."""

    idle = Signal()

    def __init__(
        self,
        idle_ms: Callable[[], int],
        covers: Callable[[QWidget], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._idle_ms = idle_ms
        #: Whether a top-level window is one this watch's lock covers (input to it is held).
        self._covers = covers
        self._since = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        #: True while the window is locked: input goes to the lock panels only.
        self.holding = False
        self._installed = False

    def start(self) -> None:
        """Watch the application's input and start counting."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self.restart()

    def stop(self) -> None:
        """Stop watching (the window is closing)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def restart(self) -> None:
        """Count afresh from now (after unlocking, or when the idle time is changed)."""
        self._since.start()
        self._timer.start(max(1, min(self._idle_ms(), CHECK_EVERY_MS)))

    def pause(self) -> None:
        """Stop counting (while locked: there is nothing more to lock)."""
        self._timer.stop()

    def _check(self) -> None:
        left = self._idle_ms() - self._since.elapsed()
        if left > 0:
            self._timer.start(int(min(left, CHECK_EVERY_MS)))
        else:
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.holding:
            if kind not in HELD_WHILE_LOCKED:
                return False
            widget = _widget_of(watched)
            return widget is not None and self._covers(widget.window()) and not _in_panel(widget)
        if kind in INPUT:
            self._since.restart()
        return False
