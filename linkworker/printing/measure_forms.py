"""Blank paper forms of the outcome measures, for a hub or a kitchen without the laptop.

One page per measure, in the published wording word for word (from domain/outcomes.py):
lines for the person's name, the date and the timepoint; ONS4's introduction and its four
questions, each with the numbers 0 to 10 to circle; the UCLA three items and the direct
loneliness question with their answers to tick; the Connection Test's three questions
answered Yes / Partly / No / Not sure; a "Declined" box beside every question; and room
for what the person said. The other measure's page has lines for its name, score and
notes. Large print sets everything at 16 pt or more.

    pdf = render_measure_forms([Measure.ONS4, Measure.UCLA3], PrintOptions(large_print=True))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Table

from linkworker.domain.outcomes import (
    INTRODUCTIONS,
    ITEMS,
    ONS4_INTRODUCTION,
    Item,
    Measure,
    Timepoint,
)
from linkworker.printing.document import PrintedDocument, right_aligned
from linkworker.printing.fonts import BOLD, safe_text
from linkworker.printing.snapshots import PrintOptions

#: The measures printed when none are chosen: every published one (the other measure's
#: page is only for teams that use one).
PUBLISHED = (Measure.ONS4, Measure.UCLA3, Measure.LONELY, Measure.CONNECTION)
#: A box to tick.
BOX = "\u2610"

_HOW_TO_ANSWER = {
    Measure.ONS4: "Circle one number for each question.",
    Measure.UCLA3: "Tick one answer for each question.",
    Measure.LONELY: "Tick one answer.",
    Measure.CONNECTION: "Tick one answer for each question.",
}


class MeasureFormsDocument(PrintedDocument):
    """Lays out blank forms, one measure to a page."""

    TITLE = "Outcome measure forms"
    FOOTER_LABEL = "Outcome measures"
    #: Lines left for what the person said about it.
    SAID_LINES = 3

    def _make_styles(self) -> dict[str, ParagraphStyle]:
        styles = super()._make_styles()
        styles["number"] = self._style("number", self.body_pt * 1.1, bold=True)
        styles["number"].alignment = TA_CENTER
        styles["end"] = self._style("end", self.small_pt, textColor=self.palette.muted)
        styles["form_title"] = self._style(
            "form_title", self.body_pt * 1.7, bold=True, textColor=self.palette.accent
        )
        return styles

    def render(self, measures: Sequence[Measure], printed_on: dt.date) -> bytes:
        story: list[Flowable] = []
        for measure in dict.fromkeys(measures or PUBLISHED):
            if story:
                story.append(PageBreak())
            story += self._page(measure)
        return self.build(story, printed_on)

    # --- one page --------------------------------------------------------------------

    def _page(self, measure: Measure) -> list[Flowable]:
        title = "Other measure" if measure is Measure.OTHER else measure.label
        story: list[Flowable] = [self.text(safe_text(title), "form_title"), self._about_lines()]
        story.append(self.spacer(0.4))
        if measure is Measure.OTHER:
            return story + self._other()
        if measure is Measure.ONS4:
            story.append(self.text(safe_text(ONS4_INTRODUCTION), "body"))
        elif measure in INTRODUCTIONS and not self.options.large_print:
            # For the worker, not read out: large print (for the person) leaves it out.
            story.append(
                self.text(f"For the link worker: {safe_text(INTRODUCTIONS[measure])}", "note")
            )
        story.append(
            self.text(
                _HOW_TO_ANSWER[measure] + " Tick Declined if they would rather not say.", "note"
            )
        )
        numbered = len(ITEMS[measure]) > 1
        for number, item in enumerate(ITEMS[measure], start=1):
            story.append(KeepTogether(self._question(item, number if numbered else 0)))
        story.append(KeepTogether(self._said()))
        return story

    def _about_lines(self) -> Table:
        """Name and date to write on, and the timepoint to tick."""
        b = self.body_pt
        timepoints = "&nbsp;&nbsp;&nbsp;&nbsp;".join(f"{BOX} {t.label}" for t in Timepoint)
        label = self._styles["label"]
        rows = [
            [Paragraph("Name", label), "", Paragraph("Date", label), ""],
            [Paragraph("Timepoint", label), Paragraph(timepoints, self._styles["tight"]), "", ""],
        ]
        label_width = self._label_width("Timepoint")
        date_label = self._label_width("Date")
        date_width = b * 8
        name_width = self.width - label_width - date_label - date_width
        table = Table(
            rows,
            colWidths=[label_width, name_width, date_label, date_width],
            hAlign="LEFT",
        )
        table.setStyle(
            self.table_style(
                [
                    ("SPAN", (1, 1), (3, 1)),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), b * 0.4),
                    ("TOPPADDING", (0, 0), (-1, -1), b * 0.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), b * 0.2),
                    ("LINEBELOW", (1, 0), (1, 0), self.palette.rule_width, self.palette.ink),
                    ("LINEBELOW", (3, 0), (3, 0), self.palette.rule_width, self.palette.ink),
                ]
            )
        )
        return table

    def _label_width(self, words: str) -> float:
        return float(stringWidth(words, BOLD, self.body_pt)) + self.body_pt

    def _question(self, item: Item, number: int) -> list[Flowable]:
        words = f"{number}. {item.question}" if number else item.question
        out: list[Flowable] = [self.spacer(0.5), self.text(safe_text(words), "lead")]
        if item.scores is not None and not item.choices:
            out.append(self._scale(item.scores))
        else:
            out.append(self._choices(item.choices))
        return out

    def _scale(self, scores: range) -> Table:
        """The numbers to circle, the words at each end, and the Declined box: beside the
        numbers, or in large print under them, so the numbers keep room to be circled."""
        b = self.body_pt
        n = len(scores)
        declined = Paragraph(f"{BOX} Declined", self._styles["tight"])
        beside = not self.options.large_print
        extra = [b, self._label_width(f"{BOX} Declined") + b] if beside else []
        cell = (self.width - sum(extra)) / n
        number, end = self._styles["number"], self._styles["end"]
        half = n // 2
        top: list[Any] = [Paragraph(str(s), number) for s in scores]
        ends: list[Any] = [Paragraph(f"{scores[0]} = not at all", end)] + [""] * (n - 1)
        ends[n - half] = Paragraph(f"{scores[-1]} = completely", right_aligned(end))
        rows = [top + (["", declined] if beside else []), ends + ([""] * len(extra))]
        if not beside:
            rows.append([declined] + [""] * (n - 1))
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (n - 1, 0), self.palette.rule_width, self.palette.ink),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("SPAN", (0, 1), (n - half - 1, 1)),
            ("SPAN", (n - half, 1), (n - 1, 1)),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 1), (-1, -1), b * 0.2),
        ]
        if not beside:
            commands.append(("SPAN", (0, 2), (n - 1, 2)))
        table = Table(
            rows,
            colWidths=[cell] * n + extra,
            rowHeights=[b * 2.1] + [None] * (len(rows) - 1),
            hAlign="LEFT",
        )
        table.setStyle(self.table_style(commands))
        return table

    def _choices(self, choices: Sequence[str]) -> Table:
        """The answers to tick, Declined last: one a line, or in large print two a line
        (in reading order, across then down) so a measure still fits its page."""
        b = self.body_pt
        boxes: list[Any] = [
            Paragraph(f"{BOX} {safe_text(c)}", self._styles["tight"])
            for c in (*choices, "Declined")
        ]
        across = 2 if self.options.large_print else 1
        boxes += [""] * (-len(boxes) % across)
        rows = [boxes[i : i + across] for i in range(0, len(boxes), across)]
        width = (self.width - b * 1.5) / across
        table = Table(rows, colWidths=[width] * across, hAlign="RIGHT")
        commands: list[tuple[Any, ...]] = [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), b * 0.15),
            ("BOTTOMPADDING", (0, 0), (-1, -1), b * 0.15),
        ]
        if across == 1:
            commands.append(("TOPPADDING", (0, -1), (-1, -1), b * 0.5))
        table.setStyle(self.table_style(commands))
        return table

    def _said(self) -> list[Flowable]:
        return [
            self.spacer(0.6),
            self.text("What they said about it", "label"),
            self._write_on(self.SAID_LINES - (1 if self.options.large_print else 0)),
        ]

    def _write_on(self, lines: int, label: str = "") -> Table:
        """Ruled lines to write on, with ``label`` before the first."""
        b = self.body_pt
        rows = [[label, ""]] + [["", ""] for _ in range(lines - 1)]
        label_width = self._label_width(label) if label else 0.1
        table = Table(
            rows,
            colWidths=[label_width, self.width - label_width],
            rowHeights=[b * 2.2] * lines,
            hAlign="LEFT",
        )
        table.setStyle(
            self.table_style(
                [
                    ("FONTNAME", (0, 0), (0, -1), BOLD),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("LINEBELOW", (1, 0), (1, -1), self.palette.rule_width, self.palette.rule),
                ]
            )
        )
        return table

    def _other(self) -> list[Flowable]:
        return [
            self.text(
                "For a measure the team holds a licence for: write its name, the score as "
                "the measure gives it, and any notes.",
                "note",
            ),
            self._write_on(1, "Measure"),
            self._write_on(1, "Score"),
            self.spacer(0.4),
            self.text("Notes", "label"),
            self._write_on(5),
            *self._said(),
        ]


def render_measure_forms(
    measures: Sequence[Measure], options: PrintOptions | None = None, today: dt.date | None = None
) -> bytes:
    """Blank forms for ``measures`` (every published measure when empty) as PDF bytes."""
    document = MeasureFormsDocument(options or PrintOptions())
    return document.render(measures, today or dt.date.today())
