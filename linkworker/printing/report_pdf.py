"""A report on paper: the team, the period and the date made on its face, then the
headline figures, the charts, the tables, the stories and what could not be counted.

Laid out with the house page, type and footer ("Printed …", "Page x of y"). A long
table splits across pages with its headings repeated; a chart keeps its title with it.
Nothing here names a person: a report holds counts and anonymised words only.

    pdf = render_report(report)
    write_report_pdf(report, Path("activity-november-2026.pdf"))
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from linkworker.domain.dates import long_date
from linkworker.domain.reports import Chart, Figure, Report, ReportKind
from linkworker.domain.reports import Table as ReportTable
from linkworker.paths import save_export
from linkworker.printing.document import PrintedDocument, right_aligned
from linkworker.printing.fonts import BOLD, safe_text
from linkworker.printing.report_charts import draw_chart, has_hidden
from linkworker.printing.report_look import cell_text, number_columns
from linkworker.printing.snapshots import PrintOptions

#: Headline figures side by side on the face.
FIGURES_ACROSS = 3
COULD_NOT_COUNT = "What could not be counted"
NOTHING = (
    "There is nothing to report for this period: nothing was recorded that this report counts."
)
HIDDEN = (
    "A value under 5 is shown as \u201cfewer than 5\u201d and drawn as no bar or point, as is "
    "one \u201cnot shown\u201d so that a value under 5 cannot be worked out from a total."
)
STORIES_NOTE = (
    "Told with each person\u2019s consent and anonymised: no names, dates of birth or exact "
    "places. Ready to copy into a report."
)


class ReportDocument(PrintedDocument):
    """Lays out a :class:`Report`, a little smaller than letters: it is read at a desk."""

    TITLE = "Link Worker report"
    BODY_PT = 10.5
    MARGIN_SIDE = 18 * mm

    def __init__(self, options: PrintOptions | None = None) -> None:
        super().__init__(options or PrintOptions())

    def render(self, report: Report) -> bytes:
        self.FOOTER_LABEL = f"{report.kind.label} report, {report.period.label}"
        story: list[Flowable] = self._face(report)
        if report.headline:
            story.append(self._figures(report.headline))
        empty = not (report.headline or report.tables or report.charts or report.passages)
        if empty:
            story.append(self.spacer(0.5))
            story.append(self.text(NOTHING, "lead"))
        for chart in report.charts:
            story += self._chart(chart)
        for table in report.tables:
            story += self._table(table)
        if report.passages or report.kind is ReportKind.STORIES:
            story += self._passages(report.passages)
        if report.could_not_count:
            story += self.section(
                COULD_NOT_COUNT,
                [self.bullets(report.could_not_count)],
                keep_whole=False,
            )
        return self.build(story, report.made_on, title=f"{report.title} ({report.team})")

    # --- the face -----------------------------------------------------------------------

    def _face(self, report: Report) -> list[Flowable]:
        period = report.period
        span = (
            long_date(period.start)
            if period.start == period.end
            else f"{long_date(period.start)} to {long_date(period.end)}"
        )
        made = long_date(report.made_on)
        if report.made_by:
            made += f" by {report.made_by}"
        parts: list[Flowable] = [
            self.text(safe_text(report.kind.label), "title"),
            self.text(safe_text(period.label), "subtitle"),
            self.spacer(0.3),
            self.rule(heavy=True),
            self.spacer(0.2),
        ]
        facts = self.facts([("Team", report.team), ("Period", span), ("Made", made)])
        if facts is not None:
            parts.append(facts)
        if report.could_not_count:
            parts.append(self.spacer(0.3))
            parts.append(
                self.text(
                    f"Some things could not be counted: see \u201c{COULD_NOT_COUNT}\u201d "
                    "at the end.",
                    "note",
                )
            )
        parts.append(self.spacer(0.6))
        return parts

    def _figures(self, figures: Sequence[Figure]) -> Table:
        """The headline numbers as tiles, three to a row: the number big, its label below."""
        b = self.body_pt
        big = self._style("figure", b * 2.1, bold=True, textColor=self.palette.accent)
        small_value = self._style(
            "figure-words",
            b * 1.45,
            bold=True,
            textColor=self.palette.accent,
            leading=b * 2.1 * self.leading,
        )
        label = self._style("figure-label", b, bold=True, leading=b * 1.25)
        note = self._style("figure-note", self.small_pt, textColor=self.palette.muted)
        tiles: list[list[Flowable]] = []
        for figure in figures:
            value_style = big if len(figure.value) <= 7 else small_value
            tile: list[Flowable] = [
                Paragraph(safe_text(figure.value), value_style),
                Paragraph(safe_text(figure.label), label),
            ]
            if figure.note:
                tile.append(Paragraph(safe_text(figure.note), note))
            tiles.append(tile)
        rows: list[list[Any]] = [
            tiles[i : i + FIGURES_ACROSS] for i in range(0, len(tiles), FIGURES_ACROSS)
        ]
        rows[-1] += [""] * (FIGURES_ACROSS - len(rows[-1]))
        gap = 3 * mm
        column = (self.width + gap) / FIGURES_ACROSS
        table = Table(rows, colWidths=[column] * FIGURES_ACROSS, hAlign="LEFT")
        p = self.palette
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), b * 0.8),
            ("RIGHTPADDING", (0, 0), (-1, -1), b * 0.8),
            ("TOPPADDING", (0, 0), (-1, -1), b * 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), b * 0.8),
        ]
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell == "":
                    continue
                if p.tint is not None:
                    commands.append(("BACKGROUND", (c, r), (c, r), p.tint))
                commands.append(("LINEBEFORE", (c, r), (c, r), p.rule_width * 4, p.accent))
                commands.append(("LINEAFTER", (c, r), (c, r), gap, colors.white))
                commands.append(("LINEBELOW", (c, r), (c, r), gap, colors.white))
        table.setStyle(self.table_style(commands))
        return table

    # --- charts and tables ----------------------------------------------------------------

    def _chart(self, chart: Chart) -> list[Flowable]:
        parts: list[Flowable] = [
            self.user(chart.title, "h3", line_breaks=False),
            draw_chart(chart, self.width, self.body_pt * 0.85),
        ]
        if has_hidden(chart):
            parts.append(self.text(HIDDEN, "note"))
        return [KeepTogether([*parts, self.spacer(0.4)])]

    def _table(self, table: ReportTable) -> list[Flowable]:
        b = self.body_pt
        p = self.palette
        cell_style = self._style("cell", b * 0.95, leading=b * 1.25)
        head_style = self._style("head", b * 0.95, bold=True, leading=b * 1.25)
        numbers = number_columns(table)

        def cell(text: str, style: Any, right: bool) -> Paragraph:
            return Paragraph(safe_text(text), right_aligned(style) if right else style)

        data: list[list[Any]] = [
            [cell(h, head_style, numbers[i]) for i, h in enumerate(table.headers)]
        ]
        for row in table.rows:
            data.append(
                [
                    cell(cell_text(value), cell_style, i < len(numbers) and numbers[i])
                    for i, value in enumerate(row)
                ]
            )
        widths = self._widths(table, numbers, cell_style.fontSize)
        grid = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), b * 0.25),
            ("BOTTOMPADDING", (0, 0), (-1, -1), b * 0.35),
            ("LEFTPADDING", (0, 0), (-1, -1), b * 0.4),
            ("RIGHTPADDING", (0, 0), (-1, -1), b * 0.4),
            ("LINEBELOW", (0, 0), (-1, 0), p.rule_width * 1.6, p.accent),
            ("LINEBELOW", (0, 1), (-1, -1), p.rule_width * 0.5, p.rule),
        ]
        if p.tint is not None:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, p.tint]))
        grid.setStyle(self.table_style(commands))
        heading = self.user(table.title, "h3", line_breaks=False)
        parts: list[Flowable] = [KeepTogether([heading, grid]) if len(data) < 12 else heading]
        if len(data) >= 12:
            parts.append(grid)
        if not table.rows:
            parts.append(self.text("Nothing to count here in this period.", "note"))
        if table.note:
            parts.append(self.user(table.note, "note"))
        parts.append(self.spacer(0.4))
        return parts

    def _widths(self, table: ReportTable, numbers: Sequence[bool], size: float) -> list[float]:
        """Number columns as wide as their widest entry; words share what is left, up to
        a readable measure, so a two-column table does not stretch across the page."""
        pad = self.body_pt * 1.2  # the cell padding both sides, and a little to spare
        fixed: dict[int, float] = {}
        for i, number in enumerate(numbers):
            if number:
                texts = [table.headers[i], *(cell_text(row[i]) for row in table.rows)]
                widest = max(stringWidth(t, BOLD, size) for t in texts)
                fixed[i] = min(max(widest + pad, 18 * mm), 40 * mm)
        words = [i for i in range(len(table.headers)) if i not in fixed] or [0]
        room = max(self.width - sum(fixed.values()), 40 * mm)
        each = min(room / len(words), 85 * mm)
        return [fixed.get(i, each) for i in range(len(table.headers))]

    def _passages(self, passages: Sequence[str]) -> list[Flowable]:
        out: list[Flowable] = [
            self.text("In their own words", "h2"),
            self.text(STORIES_NOTE, "note"),
            self.spacer(0.3),
        ]
        if not passages:
            out.append(self.text("Nobody agreed to share their story in this period."))
        for passage in passages:
            out.append(self.panel([self.user(passage)]))
            out.append(self.spacer(0.4))
        return out


def render_report(report: Report, options: PrintOptions | None = None) -> bytes:
    """``report`` as PDF bytes."""
    return ReportDocument(options).render(report)


def write_report_pdf(report: Report, path: Path) -> None:
    """Save ``report`` as a PDF at ``path``, whole or not at all, for the user alone (0600).

    Raises OSError (disk full, no permission...) with nothing left behind.
    """
    save_export(path, render_report(report))
