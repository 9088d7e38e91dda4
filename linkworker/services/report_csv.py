"""Any report as CSV: what it is at the top, headline figures, then a section per table.

One writer for every report, so a spreadsheet made from one month's Activity lines
up with the next month's. Sections are separated by a blank line and start with
their title; a chart's values follow the tables (small counts as 'fewer than 5'),
then the anonymised passages, then what could not be counted and why. Text cells a
spreadsheet would run as a formula get an apostrophe in front.
"""

from __future__ import annotations

import csv
import io

from linkworker.domain.reports import FEWER_THAN, Cell, Report
from linkworker.services.directory_csv import guard_cell


def _cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, str):
        return guard_cell(value)
    return value


def _value(value: float | None) -> str | int | float:
    """A chart value: a hidden small count as 'fewer than 5', a whole number without '.0'."""
    if value is None:
        return FEWER_THAN
    return int(value) if float(value).is_integer() else value


def report_rows(report: Report) -> list[list[str | int | float]]:
    """The report's lines, as the CSV holds them."""
    period = report.period
    rows: list[list[str | int | float]] = [
        ["Report", _cell(report.kind.label)],
        ["Team", _cell(report.team or "Not set in Settings")],
        ["Period", _cell(period.label), period.start.isoformat(), period.end.isoformat()],
        ["Made on", report.made_on.isoformat()],
    ]
    if report.made_by:
        rows.append(["Made by", _cell(report.made_by)])
    if report.headline:
        rows += [[], ["Headline figures"], ["Figure", "Value", "Note"]]
        rows += [[_cell(f.label), _cell(f.value), _cell(f.note)] for f in report.headline]
    for table in report.tables:
        rows += [[], [_cell(table.title)], [_cell(h) for h in table.headers]]
        rows += [[_cell(c) for c in row] for row in table.rows]
        if table.note:
            rows.append([_cell(f"Note: {table.note}")])
    for chart in report.charts:
        rows += [[], [_cell(f"Chart: {chart.title}")]]
        rows.append(["", *(_cell(name) for name, _ in chart.series)])
        for i, category in enumerate(chart.categories):
            values = [values[i] for _, values in chart.series]
            rows.append([_cell(category), *(_value(v) for v in values)])
    if report.passages:
        rows += [[], ["Passages"]]
        rows += [[_cell(p)] for p in report.passages]
    if report.could_not_count:
        rows += [[], ["What could not be counted"]]
        rows += [[_cell(note)] for note in report.could_not_count]
    return rows


def report_csv(report: Report) -> bytes:
    """The report as CSV bytes (UTF-8 with a byte-order mark, so spreadsheets read accents)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(report_rows(report))
    return buffer.getvalue().encode("utf-8-sig")
