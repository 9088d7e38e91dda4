"""Small helpers the flow tests share."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog


def click_save(qtbot: Any, dialog: QDialog) -> bool:
    """Press the dialog's Save button; True when that accepted it."""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    return dialog.result() == QDialog.DialogCode.Accepted
