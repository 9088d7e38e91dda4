"""F1: the keys that work where you are, and where to read more. Nothing comes from the web."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import linkworker

#: Keys that work everywhere in the window: (keys, what they do).
EVERYWHERE = (
    ("Ctrl+F", "Go to the search box"),
    ("Esc", "Clear the search"),
    ("Ctrl+N", "Add a person or a community asset"),
    ("Ctrl+P", "Print: the person's plan, or a sheet for the chosen asset"),
    ("Tab, Shift+Tab", "Move to the next or previous control"),
    ("Arrow keys", "Move inside a list or table"),
    ("Alt + underlined letter", "Press that button, or go to that field"),
    ("F1", "This help"),
    ("Ctrl+Q", "Quit"),
)
#: Keys for one area, by its name in the navigation.
IN_AREA = {
    "People": (("Alt+1, Alt+2, Alt+3", "Show the person's story, plan or suggestions"),),
}
IN_FORMS = (
    ("Ctrl+S or Ctrl+Enter", "Save"),
    ("Esc", "Close without saving (you are asked first if you typed anything)"),
    ("Alt+1, Alt+2…", "Show the first, second… tab of a long form"),
)


def guide_path() -> Path | None:
    """The README that comes with a copy of the source, if this copy has one."""
    readme = Path(linkworker.__file__).resolve().parent.parent / "README.md"
    return readme if readme.is_file() else None


class HelpDialog(QDialog):
    """The keys for the area on show and for forms, and where the guide and data are."""

    def __init__(
        self,
        data_dir: Path,
        area: str = "",
        go_keys: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._go_keys = tuple(go_keys)
        self.setWindowTitle(self.tr("Help and keys"))
        self.setMinimumSize(560, 520)
        self.guide = guide_path()
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("Help"))
        self.text.setOpenLinks(False)
        self.text.setHtml(self._html(data_dir, area))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        self.guide_button: QPushButton | None = None
        if self.guide is not None:
            self.guide_button = buttons.addButton(
                self.tr("Open the &guide"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.guide_button.setAccessibleName(self.tr("Open the guide (README)"))
            self.guide_button.clicked.connect(self.open_guide)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        close.setFocus()

    def _table(self, title: str, rows: tuple[tuple[str, str], ...]) -> str:
        cells = "".join(
            f"<tr><td style='padding:2px 16px 2px 0'><b>{escape(keys)}</b></td>"
            f"<td>{escape(self.tr(what))}</td></tr>"
            for keys, what in rows
        )
        return f"<h3>{escape(title)}</h3><table cellspacing='0'>{cells}</table>"

    def _html(self, data_dir: Path, area: str) -> str:
        go = tuple((keys, self.tr("Go to {0}").format(name)) for keys, name in self._go_keys)
        parts = [self._table(self.tr("Keys everywhere"), go + EVERYWHERE)]
        if area in IN_AREA:
            parts.append(self._table(self.tr("Keys in {0}").format(self.tr(area)), IN_AREA[area]))
        parts.append(self._table(self.tr("Keys in forms"), IN_FORMS))
        parts.append(f"<h3>{escape(self.tr('More help'))}</h3>")
        if self.guide is not None:
            parts.append(
                "<p>"
                + escape(
                    self.tr("The guide to each area is in {0} (Open the guide, below).").format(
                        self.guide
                    )
                )
                + "</p>"
            )
        else:
            parts.append(
                "<p>"
                + escape(
                    self.tr(
                        "The guide to each area (README) comes with Link Worker where you "
                        "downloaded it; the person who set it up for your team can help too."
                    )
                )
                + "</p>"
            )
        parts.append(
            "<p>"
            + escape(self.tr("Your data is kept on this computer in {0}.").format(data_dir))
            + "</p>"
        )
        return "".join(parts)

    def open_guide(self) -> None:
        """Open the README in the program this computer uses for text files."""
        if self.guide is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.guide)))
