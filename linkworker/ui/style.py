"""How text looks: sizes that follow the system's font size, and hint text that can be read.

Sizes are in points, as a multiple of the application font, so someone who has set a
bigger font in their system settings gets bigger headings too. Hint text is mixed from
the palette's text and background colours, dark enough for a contrast of at least 4.5:1
(WCAG AA) on the window and on the white of a field, in light and dark palettes alike.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel

#: Multiples of the application font, by role.
PAGE_TITLE = 1.5
WELCOME_TITLE = 2.0
SECTION_TITLE = 1.17
DOCUMENT_TITLE = 1.33
QUOTE = 1.25

#: How much of the background goes into hint text (the rest is the text colour).
HINT_BACKGROUND_SHARE = 0.35

#: The least contrast for text, as WCAG 2 asks of normal-size text (level AA).
LEAST_CONTRAST = 4.5


def base_point_size() -> float:
    """The application font's size in points (9 if it is set in pixels)."""
    size = QGuiApplication.font().pointSizeF()
    return size if size > 0 else 9.0


def font_css(scale: float, weight: int | None = None, italic: bool = False) -> str:
    """A style sheet font declaration ``scale`` times the application font."""
    parts = [f"font-size: {base_point_size() * scale:.1f}pt;"]
    if weight is not None:
        parts.append(f"font-weight: {weight};")
    if italic:
        parts.append("font-style: italic;")
    return " ".join(parts)


def scaled_font(scale: float, bold: bool = False) -> QFont:
    """The application font at ``scale`` times its size."""
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(base_point_size() * scale)
    font.setBold(bold)
    return font


def title_label(text: str, scale: float = PAGE_TITLE) -> QLabel:
    """A page or section heading."""
    label = QLabel(text)
    label.setStyleSheet(font_css(scale, 600))
    return label


def _mix(ink: QColor, paper: QColor, paper_share: float) -> QColor:
    def blend(a: int, b: int) -> int:
        return round(a * (1 - paper_share) + b * paper_share)

    return QColor(
        blend(ink.red(), paper.red()),
        blend(ink.green(), paper.green()),
        blend(ink.blue(), paper.blue()),
    )


def hint_colour(palette: QPalette | None = None) -> QColor:
    """Quieter than body text but still easy to read, on the window and in fields."""
    palette = palette or QGuiApplication.palette()
    return _mix(
        palette.color(QPalette.ColorRole.WindowText),
        palette.color(QPalette.ColorRole.Window),
        HINT_BACKGROUND_SHARE,
    )


def hint_css(palette: QPalette | None = None) -> str:
    """The style sheet colour for hint text."""
    return f"color: {hint_colour(palette).name()};"


def readable_placeholders(palette: QPalette) -> QPalette:
    """``palette`` with the grey of empty fields' example text dark enough to read."""
    readable = QPalette(palette)
    readable.setColor(QPalette.ColorRole.PlaceholderText, hint_colour(palette))
    return readable


def use_readable_placeholders() -> None:
    """Give the application readable example text in empty fields, if it is too faint."""
    palette = QGuiApplication.palette()
    placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
    field = palette.color(QPalette.ColorRole.Base)
    # The grey is often the text colour at half strength: what shows is it over the field.
    shown = _mix(placeholder, field, 1 - placeholder.alphaF())
    if contrast(shown, field) < LEAST_CONTRAST:
        QGuiApplication.setPalette(readable_placeholders(palette))


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
