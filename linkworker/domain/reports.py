"""The reports a team makes each month, as values every way of showing them reads.

A report is built by the reports service from the data already recorded, for one
:class:`Period`, and is then shown on screen (tables and QtCharts), printed (ReportLab)
and written as CSV from the same :class:`Report`. Nothing here names a person: a report
holds counts, rates and anonymised words only, and a count under
:data:`SMALL_NUMBER` is shown as "fewer than 5" (:func:`shown_count`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass, field

#: Counts below this (but above nought) are shown as "fewer than 5", so that a small
#: number cannot point at a person.
SMALL_NUMBER = 5
FEWER_THAN = f"fewer than {SMALL_NUMBER}"


class ReportKind(enum.StrEnum):
    """The reports, by the name the command line takes."""

    ACTIVITY = "activity"
    REACH = "reach"
    CONNECTIONS = "connections"
    OUTCOMES = "outcomes"
    STORIES = "stories"

    @property
    def label(self) -> str:
        return {
            "activity": "Activity",
            "reach": "Who we reach",
            "connections": "Community connections",
            "outcomes": "Outcomes",
            "stories": "Stories",
        }[self.value]


class PeriodKind(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Period:
    """The days a report covers, ``start`` to ``end`` with both included."""

    start: dt.date
    end: dt.date
    kind: PeriodKind = PeriodKind.CUSTOM

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period cannot end before it starts")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, 1), dt.date(year, month, last), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarters of the calendar year, 1 to 4 (January to March is 1)."""
        if not 1 <= quarter <= 4:
            raise ValueError("a quarter is 1 to 4")
        first = 3 * (quarter - 1) + 1
        last = calendar.monthrange(year, first + 2)[1]
        return cls(dt.date(year, first, 1), dt.date(year, first + 2, last), PeriodKind.QUARTER)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), PeriodKind.YEAR)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        """'November 2026', 'October to December 2026', '2026', '3 to 19 November 2026'."""
        start, end = self.start, self.end
        if self.kind is PeriodKind.MONTH:
            return start.strftime("%B %Y")
        if self.kind is PeriodKind.QUARTER:
            return f"{start.strftime('%B')} to {end.strftime('%B %Y')}"
        if self.kind is PeriodKind.YEAR:
            return str(start.year)
        if start == end:
            return f"{start.day} {start.strftime('%B %Y')}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day} to {end.day} {end.strftime('%B %Y')}"
        if start.year == end.year:
            return f"{start.day} {start.strftime('%B')} to {end.day} {end.strftime('%B %Y')}"
        return f"{start.day} {start.strftime('%B %Y')} to {end.day} {end.strftime('%B %Y')}"


def during(period: Period) -> str:
    """The period after a verb: 'in November 2026', 'on 3 November 2026' (one day)."""
    return f"{'on' if period.days == 1 else 'in'} {period.label}"


def shown_count(n: int) -> str:
    """A count as a report shows it: '0', 'fewer than 5' for 1 to 4, else the number."""
    return FEWER_THAN if 0 < n < SMALL_NUMBER else str(n)


#: What a table cell may hold: words, a whole number, a number with a decimal, or nothing.
Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Figure:
    """One headline number: 'People referred', '42'."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A table of a report: its title, column headings and rows (small counts already
    shown as 'fewer than 5'), and a note under it."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""


class ChartKind(enum.StrEnum):
    BAR = "bar"  # one bar per category, a set per series
    STACKED_BAR = "stacked_bar"
    LINE = "line"  # categories are points in time, in order
    PIE = "pie"  # one series; its values are shares of the whole


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart a manager would put on a slide: categories along one axis and one or more
    named series of values, one per category. Values hidden as small are None."""

    title: str
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    #: What the values are: 'people', 'contacts', 'mean change'.
    unit: str = ""
    #: Why a category's value is hidden, where it is ('fewer than 5', 'not shown'), else
    #: ''; when not given, a category with no value at all is 'fewer than 5'.
    hidden: tuple[str, ...] = ()

    @property
    def category_labels(self) -> tuple[str, ...]:
        """Each category's name, with why its value is hidden where it is, so that a bar
        with no height does not read as nought: 'Gardening (fewer than 5)'. A line's
        points are months or days, and a hidden one is a break in the line: its names
        stay as they are."""
        if self.kind is ChartKind.LINE:
            return self.categories
        labels = []
        for index, category in enumerate(self.categories):
            values = [vs[index] if index < len(vs) else None for _n, vs in self.series]
            note = self.hidden[index] if index < len(self.hidden) else ""
            if not note and values and all(v is None for v in values):
                note = FEWER_THAN
            elif not note and any(v is None for v in values):
                note = "part not shown"
            labels.append(f"{category} ({note})" if note else category)
        return tuple(labels)


@dataclass(frozen=True, slots=True)
class Report:
    """One report for one period, ready to show, print or write as CSV."""

    kind: ReportKind
    period: Period
    team: str
    made_on: dt.date
    made_by: str = ""
    headline: tuple[Figure, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    #: Anonymised passages (the Stories report): ready to paste into a document.
    passages: tuple[str, ...] = ()
    #: What could not be counted and why: 'Three contacts have no date and are not counted.'
    could_not_count: tuple[str, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        return f"{self.kind.label}: {self.period.label}"


#: What each report counts, step by step, as it is being made: "Counting contacts".
STEPS: dict[ReportKind, tuple[str, ...]] = {
    ReportKind.ACTIVITY: (
        "referrals",
        "first contacts and their codes",
        "contacts",
        "waits",
        "the caseload",
        "closings and answers",
    ),
    ReportKind.REACH: ("referrals by who referred and why", "ages", "gender, ethnicity, places"),
    ReportKind.CONNECTIONS: (
        "places in plans",
        "places with no news",
        "people giving back",
        "directory checks",
    ),
    ReportKind.OUTCOMES: ("paired measures", "Connection Test answers", "goal confidence"),
    ReportKind.STORIES: ("stories",),
}

#: ``progress(steps done, steps in all)``, as the services take it.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What one report is asked for: which, for when, and what it carries on its face.

    Each report's builder is a function ``(uow, request) -> Report`` over one read unit
    of work, so that every figure of a report comes from the same moment's data.
    """

    kind: ReportKind
    period: Period
    team: str
    made_on: dt.date
    made_by: str = ""
    #: The team's setting: a place agreed or referred to with no news for this many
    #: days is chased (Today and Community connections count it alike).
    no_news_days: int = 21
    #: Told as each step begins; see :data:`STEPS` and :meth:`counting`.
    progress: Progress | None = field(default=None, compare=False, repr=False)

    def counting(self, what: str) -> None:
        """Say that the step counting ``what`` (one of this report's :data:`STEPS`) begins."""
        if self.progress is not None:
            steps = STEPS[self.kind]
            self.progress(steps.index(what), len(steps))

    def empty(self) -> Report:
        """The report with nothing in it yet, carrying the team, period and date."""
        return Report(self.kind, self.period, self.team, self.made_on, self.made_by)
