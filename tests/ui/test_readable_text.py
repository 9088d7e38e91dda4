"""Text that can be read: hint text with enough contrast, sizes that follow the system font.

Contrast is worked out here with the WCAG 2 formula (relative luminance of sRGB
colours), for every colour a style sheet gives hint text, against the backgrounds it
is shown on: the window and the white of a field, in light and dark palettes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from window_audit import every_page

import linkworker.ui
from linkworker.ui import style
from linkworker.ui.form_fields import hint
from linkworker.ui.main_window import MainWindow
from linkworker.ui.setting_fields import SavedNote

LEAST = 4.5  # WCAG 2 level AA, normal-size text
UI_SOURCE = Path(linkworker.ui.__file__).parent


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in (colour.red(), colour.green(), colour.blue()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(text: QColor, background: QColor) -> float:
    light, dark = sorted((luminance(text), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _palette(window: str, base: str, text: str) -> QPalette:
    palette = QPalette(QGuiApplication.palette())
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Text, text),
    ):
        palette.setColor(role, QColor(colour))
    return palette


PALETTES = {
    "light, as the window looks here": _palette("#efefef", "#ffffff", "#000000"),
    "dark": _palette("#353535", "#2a2a2a", "#ffffff"),
}


@pytest.fixture(params=list(PALETTES))
def palette(request: Any) -> Iterator[QPalette]:
    before = QGuiApplication.palette()
    QGuiApplication.setPalette(PALETTES[request.param])
    yield PALETTES[request.param]
    QGuiApplication.setPalette(before)


def _stylesheet_colour(label: QLabel, palette: QPalette) -> QColor:
    """The text colour a label's style sheet asks for, as it shows on the window."""
    found = re.search(r"color:\s*(#[0-9a-fA-F]{3,6}|palette\(([\w-]+)\))", label.styleSheet())
    assert found, label.styleSheet()
    if found.group(2):
        role = {"placeholder-text": QPalette.ColorRole.PlaceholderText}[found.group(2)]
        colour = palette.color(role)
        window = palette.color(QPalette.ColorRole.Window)
        alpha = colour.alphaF()  # a see-through grey is what shows through it
        return QColor(
            *(
                round(getattr(colour, c)() * alpha + getattr(window, c)() * (1 - alpha))
                for c in ("red", "green", "blue")
            )
        )
    return QColor(found.group(1))


def _hint_labels(qtbot: Any, services: Any) -> list[QLabel]:
    """Every label the window shows in the quieter colour of hint text."""
    labels: list[QLabel] = [hint("Write it as they say it."), SavedNote()]
    window = every_page(MainWindow.with_services(services))
    qtbot.addWidget(window)
    quiet = style.hint_css()
    labels.extend(label for label in window.findChildren(QLabel) if quiet in label.styleSheet())
    return labels


def test_hint_text_has_at_least_4_5_to_1_contrast(
    qtbot: Any, services: Any, palette: QPalette
) -> None:
    labels = _hint_labels(qtbot, services)
    assert len(labels) >= 6
    for label in labels:
        colour = _stylesheet_colour(label, palette)
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            background = palette.color(role)
            assert ratio(colour, background) >= LEAST, (
                label.text()[:40],
                colour.name(),
                background.name(),
                round(ratio(colour, background), 2),
            )


def test_muted_text_on_the_light_window_has_at_least_4_5_to_1(qtbot: Any, services: Any) -> None:
    light = PALETTES["light, as the window looks here"]
    window = every_page(MainWindow.with_services(services))
    qtbot.addWidget(window)
    coloured = [
        label
        for label in window.findChildren(QLabel)
        if re.search(r"color:\s*#", label.styleSheet()) and "background" not in label.styleSheet()
    ]
    assert len(coloured) >= 3
    for label in coloured:
        colour = _stylesheet_colour(label, light)
        assert ratio(colour, light.color(QPalette.ColorRole.Window)) >= LEAST, label.styleSheet()


def test_the_formula_here_and_the_apps_agree() -> None:
    grey, paper = QColor("#777777"), QColor("#efefef")
    assert round(ratio(grey, paper), 2) == 3.89  # the hint text of before
    assert abs(style.contrast(grey, paper) - ratio(grey, paper)) < 0.01
    assert round(ratio(QColor("#000000"), QColor("#ffffff")), 1) == 21.0


def test_example_text_in_empty_fields_can_be_read(qtbot: Any, services: Any) -> None:
    before = QGuiApplication.palette()
    try:
        QGuiApplication.setPalette(PALETTES["light, as the window looks here"])
        window = MainWindow.with_services(services)
        qtbot.addWidget(window)
        shown = QGuiApplication.palette()
        placeholder = shown.color(QPalette.ColorRole.PlaceholderText)
        assert ratio(placeholder, shown.color(QPalette.ColorRole.Base)) >= LEAST
    finally:
        QGuiApplication.setPalette(before)


def test_no_font_size_is_fixed_in_pixels() -> None:
    fixed = [
        f"{path.relative_to(UI_SOURCE)}:{number}"
        for path in UI_SOURCE.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"font-size:\s*\d+(\.\d+)?px", line)
    ]
    assert fixed == []


def _point_size(widget: QWidget) -> float:
    found = re.search(r"font-size:\s*([\d.]+)pt", widget.styleSheet())
    assert found, widget.styleSheet()
    return float(found.group(1))


def test_headings_grow_with_the_system_font(qtbot: Any, services: Any) -> None:
    before = QApplication.font()
    try:
        for size in (9.0, 14.0):
            font = QFont(before)
            font.setPointSizeF(size)
            QApplication.setFont(font)
            window = MainWindow.with_services(services)
            qtbot.addWidget(window)
            titles = [
                label
                for label in window.directory_page.findChildren(QLabel)
                if label.text() == "Community directory"
            ]
            assert [_point_size(t) for t in titles] == [size * style.PAGE_TITLE]
            (welcome,) = [
                label
                for label in window.welcome_page.findChildren(QLabel)
                if label.text() == "Welcome to Link Worker"
            ]
            assert _point_size(welcome) == size * style.WELCOME_TITLE
    finally:
        QApplication.setFont(before)
