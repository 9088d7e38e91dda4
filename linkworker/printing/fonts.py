"""The font every printed document uses, and the one way user text reaches a Paragraph.

The PDF standard fonts cover Latin-1 only, and the people link workers support
write their names in Polish, Turkish, Greek, Russian, Arabic, Hebrew... So the
app ships DejaVu Sans (``resources/fonts/``, licence alongside) and registers
its four faces once per process as one family, so ``<b>`` and ``<i>`` work.

:func:`safe_text` is the gate for user text: it escapes it for ReportLab's
paragraph markup (a name like ``<b>Bob</b> & Co`` prints literally) and
replaces any character the font cannot draw, so nothing prints as a box and
nothing crashes the layout. ReportLab does no bidirectional reordering or
shaping: right-to-left text (Arabic, Hebrew) prints its characters in the
order they were typed, left to right, Arabic letters in their unjoined forms.
That is readable to a link worker checking a name, though not typographically right.
"""

from __future__ import annotations

import importlib.resources
import re
import threading
import unicodedata

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

#: Registered name -> file in ``resources/fonts/``.
FONT_FILES: dict[str, str] = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

#: Printed for a letter or digit the font cannot draw (a Chinese name, say), so the
#: reader can see something is missing; other missing characters (emoji) are left out.
MISSING_LETTER = "?"

_lock = threading.Lock()
_coverage: frozenset[int] | None = None

_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
#: Spaces not to break a line at: inside a phone number ("0151 496 0123") and
#: between the halves of a postcode ("CH65 4AB").
_DIGIT_SPACE = re.compile(r"(?<=\d) (?=\d)")
_POSTCODE_SPACE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) (\d[A-Z]{2})\b")


def register_fonts() -> None:
    """Register the shipped faces with ReportLab; safe to call often and from any thread."""
    global _coverage
    if _coverage is not None:
        return
    with _lock:
        if _coverage is not None:
            return
        folder = importlib.resources.files("linkworker.resources").joinpath("fonts")
        cmaps: list[set[int]] = []
        for name, filename in FONT_FILES.items():
            with folder.joinpath(filename).open("rb") as stream:
                font = TTFont(name, stream)
            pdfmetrics.registerFont(font)
            if name in (REGULAR, BOLD):
                cmaps.append({code for code, glyph in font.face.charToGlyph.items() if glyph})
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        # What both upright faces can draw: a name in a bold heading must not lose
        # letters. User text is never set in the oblique faces, which lack Arabic.
        _coverage = frozenset(set.intersection(*cmaps))


def coverage() -> frozenset[int]:
    """The code points the regular and bold faces both have a glyph for."""
    register_fonts()
    assert _coverage is not None
    return _coverage


def printable(text: str) -> str:
    """``text`` with only characters the font can draw, line breaks kept as ``\\n``.

    Composed to NFC first (so "e" + combining acute prints as one glyph); a
    character the font lacks is replaced by its compatibility form when the
    font has that (full-width letters, ligatures), else by :data:`MISSING_LETTER`
    if it is a letter or digit, else left out. Control characters and lone
    surrogates are dropped, tabs become spaces.
    """
    text = text.replace("\r\n", "\n")
    if text.isascii() and text.isprintable():
        return text
    covered = coverage()
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _LINE_BREAKS:
            out.append("\n")
            continue
        if ch == "\t":
            out.append(" ")
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs"):
            continue
        if ord(ch) in covered:
            out.append(ch)
            continue
        compatible = unicodedata.normalize("NFKC", ch)
        if compatible != ch and all(ord(c) in covered for c in compatible):
            out.append(compatible)
        elif category[0] in "LN":
            out.append(MISSING_LETTER)
    return "".join(out)


def safe_text(text: str, *, line_breaks: bool = False) -> str:
    """User text ready for a ReportLab ``Paragraph``: printable and markup-escaped.

    Phone numbers and postcodes are kept on one line. With ``line_breaks`` each
    line of the text becomes a line on the page (``<br/>``); otherwise line
    breaks are spaces, as in any paragraph.
    """
    clean = printable(text)
    if " " in clean and any(c.isdigit() for c in clean):
        clean = _POSTCODE_SPACE.sub("\\1\u00a0\\2", _DIGIT_SPACE.sub("\u00a0", clean))
    clean = clean.translate(_ESCAPES)
    if "\n" not in clean:
        return clean
    if line_breaks:
        return "<br/>".join(line.strip() for line in clean.split("\n"))
    return " ".join(clean.split("\n"))
