"""The shared base of every printed document: page, type, colours, footer and building blocks.

A4 with margins wide enough for any home printer (most cannot print the outer
5 mm or so). Sizes and colours are class attributes, so a renderer tunes them by
subclassing; :class:`PrintOptions` scales them: large print sets body text to
16 pt or more with 1.5 line spacing (every piece of text, the footer too, is at
least that size), high contrast prints pure black on white with heavier rules
and no tints, and easy read uses larger type and a picture beside each item.

Every page carries a footer with the date printed and "Page x of y", drawn once
the page count is known by :class:`_NumberedCanvas` (one layout pass, not two).
The PDF's metadata holds the document kind, never the person's name: anyone
who is sent the file can read it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from linkworker.domain.dates import long_date
from linkworker.printing.fonts import BOLD, REGULAR, register_fonts, safe_text
from linkworker.printing.snapshots import PrintOptions

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def sentences(text: str) -> list[str]:
    """``text`` cut into lines and sentences: one idea per line, for easy read."""
    out: list[str] = []
    for line in text.splitlines():
        out.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return out


@dataclass(frozen=True, slots=True)
class Palette:
    ink: colors.Color
    accent: colors.Color
    muted: colors.Color
    rule: colors.Color
    tint: colors.Color | None
    rule_width: float


class PrintedDocument:
    """Page set-up, styles and building blocks shared by the renderers."""

    PAGE_SIZE = A4
    MARGIN_SIDE = 20 * mm
    MARGIN_TOP = 18 * mm
    MARGIN_BOTTOM = 25 * mm
    #: Baseline of the footer, above the bottom edge (inside the bottom margin).
    FOOTER_BASELINE = 13 * mm

    BODY_PT = 12.0
    LARGE_PRINT_PT = 16.0
    EASY_READ_PT = 16.0
    EASY_READ_LARGE_PT = 18.0
    LEADING = 1.4
    LARGE_LEADING = 1.5
    #: Footer and other small print, as a share of the body size (never in large print).
    SMALL = 0.8

    #: NHS identity colours: blue, near-black text, dark grey, pale grey.
    ACCENT = colors.HexColor("#005EB8")
    INK = colors.HexColor("#212B32")
    MUTED = colors.HexColor("#4C6272")
    RULE = colors.HexColor("#AEB7BD")
    TINT = colors.HexColor("#F0F4F5")

    #: The PDF title (visible in any viewer): the kind of document, no personal data.
    TITLE = "Link Worker document"
    AUTHOR = "Link Worker"
    #: Names the document in the footer of every page.
    FOOTER_LABEL = ""

    #: Width of the picture box beside each easy read item.
    SYMBOL_SIZE = 20 * mm

    def __init__(self, options: PrintOptions) -> None:
        register_fonts()
        self.options = options
        large = options.large_print
        if options.easy_read:
            size = self.EASY_READ_LARGE_PT if large else self.EASY_READ_PT
        else:
            size = self.LARGE_PRINT_PT if large else self.BODY_PT
        self.body_pt = max(size, self.BODY_PT)
        self.leading = self.LARGE_LEADING if (large or options.easy_read) else self.LEADING
        self.small_pt = self.body_pt if large else round(self.body_pt * self.SMALL, 1)
        if options.high_contrast:
            black = colors.black
            self.palette = Palette(black, black, black, black, None, 1.5)
        else:
            self.palette = Palette(self.INK, self.ACCENT, self.MUTED, self.RULE, self.TINT, 0.75)
        self.width = self.PAGE_SIZE[0] - 2 * self.MARGIN_SIDE
        self._styles = self._make_styles()

    # --- styles -------------------------------------------------------------------------

    def _style(self, name: str, size: float, *, bold: bool = False, **kw: Any) -> ParagraphStyle:
        font = BOLD if bold else REGULAR
        kw.setdefault("textColor", self.palette.ink)
        kw.setdefault("leading", size * self.leading)
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            bulletFontName=font,
            bulletFontSize=size,
            alignment=TA_LEFT,
            allowOrphans=0,
            allowWidows=0,
            **kw,
        )

    def _make_styles(self) -> dict[str, ParagraphStyle]:
        b = self.body_pt
        p = self.palette
        easy = self.options.easy_read
        gap = b * 0.6
        return {
            "title": self._style("title", b * 2.2, bold=True, textColor=p.accent, leading=b * 2.6),
            "subtitle": self._style("subtitle", b * 1.5, bold=True, spaceBefore=b * 0.2),
            "h2": self._style(
                "h2", b * 1.45, bold=True, textColor=p.accent, spaceBefore=b * 1.4, spaceAfter=gap
            ),
            "h3": self._style("h3", b * 1.15, bold=True, spaceBefore=b * 0.9, spaceAfter=b * 0.2),
            "body": self._style("body", b, spaceAfter=gap),
            "tight": self._style("tight", b, spaceAfter=b * 0.3 if easy else 0),
            "bold": self._style("bold", b, bold=True),
            "note": self._style("note", self.small_pt, textColor=p.muted, spaceAfter=b * 0.3),
            "label": self._style("label", b, bold=True),
            "bullet": self._style(
                "bullet", b, leftIndent=b * 1.5, bulletIndent=b * 0.1, spaceAfter=b * 0.25
            ),
            "big": self._style("big", b * 1.3, bold=True),
            "lead": self._style("lead", b * 1.1, bold=True),
        }

    def style(self, name: str) -> ParagraphStyle:
        return self._styles[name]

    # --- building blocks ----------------------------------------------------------------

    def text(self, markup: str, style: str | ParagraphStyle = "body", **kw: Any) -> Paragraph:
        """A paragraph of the document's own words (markup allowed, no user text)."""
        chosen = self._styles[style] if isinstance(style, str) else style
        return Paragraph(markup, chosen, **kw)

    def user(self, text: str, style: str = "body", *, line_breaks: bool = True) -> Paragraph:
        """A paragraph of user text, escaped: whatever it contains prints literally."""
        return Paragraph(safe_text(text, line_breaks=line_breaks), self._styles[style])

    def labelled(self, label: str, text: str, style: str = "tight") -> Paragraph:
        """A bold label followed by user text, as in "Phone: 0151 496 0999"."""
        return Paragraph(f"<b>{label}</b> {safe_text(text)}", self._styles[style])

    def bullets(self, items: Iterable[str], *, style: str = "bullet") -> list[Flowable]:
        return [
            Paragraph(safe_text(item), self._styles[style], bulletText="\u2022")
            for item in items
            if item.strip()
        ]

    def section(
        self,
        heading: str,
        items: Sequence[Flowable | Sequence[Flowable]],
        *,
        keep_whole: bool = True,
    ) -> list[Flowable]:
        """A heading and the items under it; nothing at all when there are no items.

        An item is a flowable, or a list of flowables. With ``keep_whole`` each
        list is kept on one page where it fits (a goal with its steps). Without
        it (a place with many details), an item starts on a new page only when
        too little room is left for its first lines, and then flows on: keeping
        long items whole leaves pages half empty. Either way the heading stays
        with the first item, so no page ends on a heading.
        """
        out: list[Flowable] = []
        for item in items:
            group = [item] if isinstance(item, Flowable) else list(item)
            if not group:
                continue
            if not out:
                group.insert(0, self.text(heading, "h2"))
            if keep_whole:
                out.append(KeepTogether(group) if len(group) > 1 else group[0])
            else:
                out += [CondPageBreak(self.body_pt * self.leading * 9), *group]
        return out

    def table_style(self, commands: Sequence[tuple[Any, ...]]) -> TableStyle:
        """``commands`` with the document's font as the cells' own, so a table never
        sets ReportLab's default Helvetica 10 pt (it does, even with only paragraphs in it)."""
        base: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTSIZE", (0, 0), (-1, -1), self.body_pt),
            ("LEADING", (0, 0), (-1, -1), self.body_pt * self.leading),
        ]
        return TableStyle([*base, *commands])

    def facts(self, rows: Iterable[tuple[str, str | Sequence[str]]]) -> Table | None:
        """Label and value rows ("When", "Tuesday, 10am to 12 noon"); empty rows left out.

        The labels sit in a column as wide as the widest of them; values wrap,
        one line each, and a row too tall for a page splits across pages.
        """
        b = self.body_pt
        kept: list[tuple[str, list[str]]] = []
        for label, value in rows:
            values = [value] if isinstance(value, str) else list(value)
            values = [v for v in values if v.strip()]
            if values:
                kept.append((label, values))
        if not kept:
            return None
        # Labels are the document's own short words, drawn as plain strings in a column
        # wide enough for the widest: no wrapping needed, and quicker than a Paragraph.
        data: list[list[str | Flowable]] = [
            [label, Paragraph("<br/>".join(safe_text(v) for v in values), self._styles["tight"])]
            for label, values in kept
        ]
        p = self.palette
        widest = max(stringWidth(label, BOLD, b) for label, _ in kept)
        label_width = min(max(widest + b * 2, b * 6), self.width * 0.4)
        table = Table(
            data,
            colWidths=[label_width, self.width - label_width - 4 * mm],
            hAlign="LEFT",
            splitInRow=1,
        )
        table.setStyle(
            self.table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("LEFTPADDING", (0, 0), (0, -1), b * 0.6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), b * 0.5),
                    ("TOPPADDING", (0, 0), (-1, -1), b * 0.2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), b * 0.3),
                    ("LINEBEFORE", (0, 0), (0, -1), p.rule_width * 2.5, p.accent),
                    ("FONTNAME", (0, 0), (0, -1), BOLD),
                    ("TEXTCOLOR", (0, 0), (0, -1), p.ink),
                ]
            )
        )
        return table

    def easy_lines(self, rows: Iterable[tuple[str, str | Sequence[str]]]) -> list[Flowable]:
        """Easy read facts, one idea per line: "Cost: Free" on one line, or the label
        on a line of its own with each value (and each sentence of it) below."""
        out: list[Flowable] = []
        for label, value in rows:
            values = [value] if isinstance(value, str) else list(value)
            lines = [s for v in values for s in sentences(v)]
            if not lines:
                continue
            if len(lines) == 1:
                out.append(self.text(f"<b>{label}:</b> {safe_text(lines[0])}", "tight"))
            else:
                out.append(self.text(f"{label}:", "label"))
                out += [self.user(line, "tight") for line in lines]
        return out

    def panel(self, body: list[Flowable], *, width: float | None = None) -> Table:
        """A framed box (tinted, or black-ruled in high contrast) that may split across pages."""
        b = self.body_pt
        p = self.palette
        table = Table([[body]], colWidths=[width or self.width], hAlign="LEFT", splitInRow=1)
        commands: list[tuple[Any, ...]] = [
            ("LEFTPADDING", (0, 0), (-1, -1), b * 0.9),
            ("RIGHTPADDING", (0, 0), (-1, -1), b * 0.9),
            ("TOPPADDING", (0, 0), (-1, -1), b * 0.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), b * 0.8),
        ]
        if p.tint is not None:
            commands.append(("BACKGROUND", (0, 0), (-1, -1), p.tint))
        commands.append(("BOX", (0, 0), (-1, -1), p.rule_width, p.rule))
        table.setStyle(self.table_style(commands))
        return table

    def with_symbol(self, kind: str, body: list[Flowable]) -> Table:
        """An easy read item: a picture in the left column, the words beside it."""
        gap = 5 * mm
        table = Table(
            [[Symbol(kind, self.SYMBOL_SIZE, self.palette), body]],
            colWidths=[self.SYMBOL_SIZE + gap, self.width - self.SYMBOL_SIZE - gap],
            hAlign="LEFT",
            splitInRow=1,
        )
        table.setStyle(
            self.table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), self.body_pt * 0.9),
                ]
            )
        )
        return table

    def rule(self, *, heavy: bool = False) -> Flowable:
        width = self.palette.rule_width * (3 if heavy else 1)
        return Rule(self.width, width, self.palette.accent if heavy else self.palette.rule)

    def spacer(self, lines: float = 1.0) -> Spacer:
        return Spacer(1, self.body_pt * self.leading * lines)

    # --- output -------------------------------------------------------------------------

    def build(self, story: list[Flowable], printed_on: dt.date, *, title: str = "") -> bytes:
        """Lay ``story`` out on A4 and return the PDF."""
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=self.PAGE_SIZE,
            leftMargin=self.MARGIN_SIDE,
            rightMargin=self.MARGIN_SIDE,
            topMargin=self.MARGIN_TOP,
            bottomMargin=self.MARGIN_BOTTOM,
            title=title or self.TITLE,
            author=self.AUTHOR,
            creator=self.AUTHOR,
            subject="",
            lang="en-GB",
            displayDocTitle=1,
            initialFontName=REGULAR,
            initialFontSize=self.body_pt,
        )
        # No padding inside the frame: the margins above are the whole margin, and
        # a table as wide as self.width fits exactly.
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        footer = _Footer(
            label=self.FOOTER_LABEL,
            printed=f"Printed {long_date(printed_on)}",
            size=self.small_pt,
            color=self.palette.ink if self.options.high_contrast else self.palette.muted,
            rule=self.palette.rule,
            rule_width=self.palette.rule_width,
            left=self.MARGIN_SIDE,
            right=self.PAGE_SIZE[0] - self.MARGIN_SIDE,
            baseline=self.FOOTER_BASELINE,
        )
        doc.build(story or [Spacer(1, 1)], canvasmaker=_canvas_maker(footer))
        return buffer.getvalue()


# --- footer: "Page x of y" once the page count is known ------------------------------------


@dataclass(frozen=True, slots=True)
class _Footer:
    label: str
    printed: str
    size: float
    color: colors.Color
    rule: colors.Color
    rule_width: float
    left: float
    right: float
    baseline: float

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(self.rule)
        canvas.setLineWidth(self.rule_width)
        top = self.baseline + self.size * 1.3
        canvas.line(self.left, top, self.right, top)
        canvas.setFillColor(self.color)
        canvas.setFont(REGULAR, self.size)
        left = f"{self.label}  \u00b7  {self.printed}" if self.label else self.printed
        widest = f"Page {pages} of {pages}  "
        room = self.right - self.left - stringWidth(widest, REGULAR, self.size)
        if stringWidth(left, REGULAR, self.size) > room:
            left = self.printed  # large print: the document's name gives way
        canvas.drawString(self.left, self.baseline, left)
        canvas.drawRightString(self.right, self.baseline, f"Page {page} of {pages}")
        canvas.restoreState()


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds each finished page until the end, then stamps "Page x of y" on every one."""

    def __init__(self, *args: Any, footer: _Footer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer.draw(self, number, total)
            super().showPage()
        super().save()


def _canvas_maker(footer: _Footer) -> Callable[..., Canvas]:
    def make(*args: Any, **kwargs: Any) -> Canvas:
        return _NumberedCanvas(*args, footer=footer, **kwargs)

    return make


# --- small flowables -------------------------------------------------------------------------


class Rule(Flowable):  # type: ignore[misc]
    """A horizontal line across the text column."""

    def __init__(self, width: float, thickness: float, color: colors.Color) -> None:
        super().__init__()
        self.width = width
        self.thickness = thickness
        self.color = color

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.width, avail_width)
        return self.width, self.thickness + 4

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        y = self.thickness / 2 + 2
        self.canv.line(0, y, self.width, y)


class Symbol(Flowable):  # type: ignore[misc]
    """A simple drawn picture in a framed square, for easy read items.

    ``kind`` is one of :data:`SYMBOLS`; anything else leaves the square empty,
    room for a picture stuck on by hand.
    """

    def __init__(self, kind: str, size: float, palette: Palette) -> None:
        super().__init__()
        self.kind = kind
        self.size = size
        self.palette = palette

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c = self.canv
        s = self.size
        p = self.palette
        c.saveState()
        c.setLineWidth(p.rule_width * 1.5)
        c.setStrokeColor(p.accent)
        if p.tint is not None:
            c.setFillColor(p.tint)
            c.roundRect(0, 0, s, s, s * 0.12, stroke=1, fill=1)
        else:
            c.roundRect(0, 0, s, s, s * 0.12, stroke=1, fill=0)
        draw = SYMBOLS.get(self.kind)
        if draw is not None:
            c.translate(s * 0.2, s * 0.2)
            c.scale(s * 0.6, s * 0.6)
            c.setLineWidth(0.07)
            c.setLineJoin(1)
            c.setLineCap(1)
            c.setStrokeColor(p.accent)
            c.setFillColor(p.accent)
            draw(c)
        c.restoreState()


# Each symbol draws in a unit square (0..1 both ways), filled or stroked in the accent colour.


def _heart(c: Canvas) -> None:
    path = c.beginPath()
    path.moveTo(0.5, 0.08)
    path.curveTo(0.2, 0.32, 0.0, 0.5, 0.0, 0.7)
    path.curveTo(0.0, 0.92, 0.28, 1.02, 0.5, 0.78)
    path.curveTo(0.72, 1.02, 1.0, 0.92, 1.0, 0.7)
    path.curveTo(1.0, 0.5, 0.8, 0.32, 0.5, 0.08)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _star(c: Canvas) -> None:
    path = c.beginPath()
    for i in range(10):
        radius = 0.52 if i % 2 == 0 else 0.21
        angle = math.pi / 2 + i * math.pi / 5
        x, y = 0.5 + radius * math.cos(angle), 0.47 + radius * math.sin(angle)
        if i == 0:
            path.moveTo(x, y)
        else:
            path.lineTo(x, y)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _pin(c: Canvas) -> None:
    path = c.beginPath()
    path.moveTo(0.5, 0.0)
    path.curveTo(0.38, 0.3, 0.18, 0.45, 0.18, 0.68)
    path.curveTo(0.18, 0.88, 0.33, 1.0, 0.5, 1.0)
    path.curveTo(0.67, 1.0, 0.82, 0.88, 0.82, 0.68)
    path.curveTo(0.82, 0.45, 0.62, 0.3, 0.5, 0.0)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.circle(0.5, 0.68, 0.13, stroke=0, fill=1)


def _person(c: Canvas, x: float, scale: float) -> None:
    c.circle(x, 0.5 + 0.32 * scale, 0.15 * scale, stroke=0, fill=1)
    path = c.beginPath()
    path.moveTo(x - 0.3 * scale, 0.0)
    path.curveTo(x - 0.3 * scale, 0.42 * scale, x + 0.3 * scale, 0.42 * scale, x + 0.3 * scale, 0)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _people(c: Canvas) -> None:
    _person(c, 0.3, 1.0)
    _person(c, 0.74, 0.85)


def _calendar(c: Canvas) -> None:
    c.rect(0.02, 0.0, 0.96, 0.86, stroke=1, fill=0)
    c.rect(0.02, 0.66, 0.96, 0.2, stroke=0, fill=1)
    c.line(0.28, 0.78, 0.28, 1.0)
    c.line(0.72, 0.78, 0.72, 1.0)
    for row in range(3):
        for col in range(4):
            c.rect(0.13 + col * 0.21, 0.1 + row * 0.18, 0.1, 0.1, stroke=0, fill=1)


def _phone(c: Canvas) -> None:
    c.roundRect(0.25, 0.0, 0.5, 1.0, 0.08, stroke=1, fill=0)
    c.rect(0.33, 0.2, 0.34, 0.64, stroke=0, fill=1)
    c.circle(0.5, 0.1, 0.045, stroke=0, fill=1)


def _smile(c: Canvas) -> None:
    c.circle(0.5, 0.5, 0.48, stroke=1, fill=0)
    c.circle(0.34, 0.62, 0.07, stroke=0, fill=1)
    c.circle(0.66, 0.62, 0.07, stroke=0, fill=1)
    c.arc(0.24, 0.16, 0.76, 0.62, startAng=200, extent=140)


def _sun(c: Canvas) -> None:
    c.circle(0.5, 0.5, 0.22, stroke=0, fill=1)
    for i in range(8):
        angle = i * math.pi / 4
        cos, sin = math.cos(angle), math.sin(angle)
        c.line(0.5 + 0.33 * cos, 0.5 + 0.33 * sin, 0.5 + 0.5 * cos, 0.5 + 0.5 * sin)


def _tick(c: Canvas) -> None:
    path = c.beginPath()
    path.moveTo(0.05, 0.5)
    path.lineTo(0.38, 0.15)
    path.lineTo(0.95, 0.85)
    c.setLineWidth(0.14)
    c.drawPath(path, stroke=1, fill=0)


SYMBOLS: dict[str, Callable[[Canvas], None]] = {
    "heart": _heart,
    "star": _star,
    "pin": _pin,
    "people": _people,
    "calendar": _calendar,
    "phone": _phone,
    "smile": _smile,
    "sun": _sun,
    "tick": _tick,
}


def right_aligned(style: ParagraphStyle) -> ParagraphStyle:
    """A copy of ``style`` aligned right."""
    return ParagraphStyle(f"{style.name}-right", parent=style, alignment=TA_RIGHT)
