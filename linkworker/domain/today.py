"""Today: who a link worker needs to see or chase, in six sections.

The rules for each section live here as values and small functions; the
queries that find the people are in ``data/today_repo.py``. No I/O.

- **Booked today**: contacts still marked booked that start today, by time.
- **Overdue**: an open episode whose next contact day has passed, or a contact
  booked before today with nothing recorded about what happened.
- **Waiting**: open episodes still waiting for a first contact, longest first.
- **Quiet**: people in an open episode with no contact for ``quiet_weeks``
  weeks, or none at all since a referral older than that.
- **Check back**: a crisis plan's check-back day has come, and nothing has been
  recorded in that episode since the crisis conversation.
- **No news**: places a person was referred to or agreed to try, in an open
  episode, whose status has not changed for ``no_news_days`` days.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass

from linkworker.domain.journey import ContactPlace, RiskFlagKind, where_words
from linkworker.domain.names import display_name, query_words
from linkworker.domain.plan import ReferralStatus

#: Rows kept per section; the count at the top is always the whole number.
ROWS_PER_SECTION = 200

#: Episode statuses that count as open (support still going on).
OPEN_STATUSES: tuple[str, ...] = ("waiting", "active")
#: Asset referral statuses still waiting to hear back from the place.
AWAITING_NEWS_STATUSES: tuple[str, ...] = ("referred", "agreed")


class SectionKind(enum.StrEnum):
    """The sections of Today, in the order they are shown."""

    BOOKED_TODAY = "booked_today"
    OVERDUE = "overdue"
    WAITING = "waiting"
    QUIET = "quiet"
    CHECK_BACK = "check_back"
    NO_NEWS = "no_news"

    @property
    def heading(self) -> str:
        return {
            "booked_today": "Booked today",
            "overdue": "Overdue",
            "waiting": "Waiting for a first contact",
            "quiet": "No contact for a while",
            "check_back": "Crisis check-backs due",
            "no_news": "Places with no news",
        }[self.value]

    @property
    def short(self) -> str:
        """A word or two for the counts at the top."""
        return {
            "booked_today": "Today",
            "overdue": "Overdue",
            "waiting": "Waiting",
            "quiet": "Quiet",
            "check_back": "Check-backs",
            "no_news": "No news",
        }[self.value]

    @property
    def empty_text(self) -> str:
        """A friendly line for a section with nobody in it."""
        return {
            "booked_today": "Nothing booked for today.",
            "overdue": "Nobody is overdue. Well done.",
            "waiting": "Nobody is waiting for a first contact.",
            "quiet": "Everyone has been in touch recently.",
            "check_back": "No crisis check-backs are due.",
            "no_news": "No places are waiting for news.",
        }[self.value]

    @property
    def tab(self) -> str:
        """The tab of the person's page a row opens on."""
        return {
            "booked_today": "contacts",
            "overdue": "contacts",
            "waiting": "story",
            "quiet": "story",
            "check_back": "story",
            "no_news": "plan",
        }[self.value]


@dataclass(frozen=True, slots=True)
class TodayRow:
    """One person in one section: who, what, and since when."""

    person_id: uuid.UUID
    name: str
    #: What needs doing or chasing, in a few words ("Hub: Elton Cafe", "Port Money Advice").
    what: str
    #: The day it dates from: the booking, the day a contact was due, the referral...
    since: dt.date
    #: Days from ``since`` to the day Today is for (0 for today's bookings).
    days: int
    tab: str
    link_worker: str = ""
    #: The start of a booked contact, for the rows that have one.
    at: dt.datetime | None = None
    #: The contact or asset referral the row is about, when it is about one.
    record_id: uuid.UUID | None = None
    #: The person's risk flags in force, so whoever goes to see them knows first.
    flags: tuple[RiskFlagKind, ...] = ()


@dataclass(frozen=True, slots=True)
class TodaySection:
    kind: SectionKind
    rows: tuple[TodayRow, ...]
    #: How many there are in all (``rows`` holds at most :data:`ROWS_PER_SECTION`).
    total: int

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    @property
    def shown_all(self) -> bool:
        return len(self.rows) >= self.total


@dataclass(frozen=True, slots=True)
class TodayLimits:
    """The days each section is measured against, from the day and the team's settings."""

    day: dt.date
    quiet_weeks: int
    no_news_days: int

    @property
    def day_start(self) -> dt.datetime:
        return dt.datetime.combine(self.day, dt.time())

    @property
    def day_end(self) -> dt.datetime:
        return self.day_start + dt.timedelta(days=1)

    @property
    def quiet_before(self) -> dt.date:
        """A last contact before this day is quiet."""
        return self.day - dt.timedelta(weeks=self.quiet_weeks)

    @property
    def no_news_before(self) -> dt.date:
        """A status last changed before this day has had no news."""
        return self.day - dt.timedelta(days=self.no_news_days)


@dataclass(frozen=True, slots=True)
class TodayView:
    """Every section for one day, for one worker or everyone."""

    day: dt.date
    everyone: bool
    #: The worker the sections are for ("" when everyone, or no name is set).
    worker: str
    sections: tuple[TodaySection, ...]

    def section(self, kind: SectionKind) -> TodaySection:
        return next(s for s in self.sections if s.kind is kind)

    @property
    def counts(self) -> dict[SectionKind, int]:
        return {s.kind: s.total for s in self.sections}

    @property
    def is_quiet_day(self) -> bool:
        """Nothing at all in any section."""
        return all(s.is_empty for s in self.sections)


@dataclass(frozen=True, slots=True)
class BookedContact:
    """A contact still booked, as a calendar shows it."""

    id: uuid.UUID
    version: int
    person_id: uuid.UUID
    given_name: str
    family_name: str
    preferred_name: str
    #: Local UK wall-clock time.
    starts_at: dt.datetime
    minutes: int
    #: The place in a few words ("Hub: Elton Community Cafe", "Phone").
    where: str
    updated_at: dt.datetime | None = None

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.minutes)

    @property
    def name(self) -> str:
        return display_name(self.given_name, self.family_name, self.preferred_name)

    @property
    def initials(self) -> str:
        return initials(self.preferred_name or self.given_name, self.family_name)


def initials(first: str, family: str) -> str:
    """ "M.O." for Margaret Owens; one letter for one name; "?" for none."""
    letters = [word[0].upper() for word in (first.split()[:1] + family.split()[-1:]) if word]
    return "".join(f"{letter}." for letter in letters) or "?"


def what_words(code: str, detail: str, label: str) -> str:
    """What a row is about, from the codes a section's query gives.

    ``detail`` and ``label`` are a contact's place and place name, or an asset
    referral's status and the asset's name.
    """
    if code in ("booked_today", "booked"):
        try:
            place = ContactPlace(detail)
        except ValueError:
            place = ContactPlace.PRACTICE
        where = where_words(place, label)
        return where if code == "booked_today" else f"Booked ({where}): nothing recorded"
    if code == "no_news":
        try:
            status = ReferralStatus(detail).label.lower()
        except ValueError:
            status = detail
        return f"{label} ({status})"
    return {
        "next": "Next contact was due",
        "waiting": "Waiting for a first contact",
        "last": "No contact",
        "never": "No contact since the referral",
        "check_back": "Check back after a crisis",
    }.get(code, code)


def flag_words(flags: tuple[RiskFlagKind, ...]) -> str:
    """A person's risk flags in a line: "Do not visit alone; Lone-working risk"."""
    return "; ".join(flag.label for flag in flags)


def limits(day: dt.date, quiet_weeks: object, no_news_days: object) -> TodayLimits:
    """The limits for ``day`` from settings, any odd value replaced by the usual one."""
    return TodayLimits(
        day=day,
        quiet_weeks=_whole(quiet_weeks, default=6, low=1, high=104),
        no_news_days=_whole(no_news_days, default=21, low=1, high=365),
    )


def _whole(value: object, *, default: int, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return default
    try:
        number = int(value)
    except ValueError:
        return default
    return number if low <= number <= high else default


def worker_key(name: str) -> str:
    """A link worker's name as it is compared: folded, apostrophes and punctuation dropped."""
    return " ".join(query_words(name))


def same_worker(recorded: str, user: str) -> bool:
    """Whether a record's link worker is the user (names compared folded; blank is nobody)."""
    key = worker_key(user)
    return bool(key) and worker_key(recorded) == key


def days_between(since: dt.date, day: dt.date) -> int:
    return (day - since).days


def ago_words(days: int) -> str:
    """How long ago in plain words: "today", "yesterday", "3 days ago", "5 weeks ago"."""
    if days <= 0:
        return "today" if days == 0 else "in the future"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 70:
        return f"{days // 7} weeks ago"
    return f"{round(days / 30.44)} months ago"


def for_how_long(days: int) -> str:
    """A wait in plain words: "3 days", "1 day", "2 weeks", "4 months"."""
    if days < 14:
        return f"{days} day" if days == 1 else f"{max(days, 0)} days"
    if days < 70:
        return f"{days // 7} weeks"
    return f"{round(days / 30.44)} months"


def since_words(row: TodayRow, kind: SectionKind) -> str:
    """When a row's matter started, said the way its section means it."""
    if kind is SectionKind.BOOKED_TODAY and row.at is not None:
        return f"{row.at:%H:%M}"
    if kind is SectionKind.OVERDUE:
        return f"due {short_day(row.since)} ({ago_words(row.days)})"
    if kind is SectionKind.WAITING:
        return f"{for_how_long(row.days)}, since {short_day(row.since)}"
    if kind is SectionKind.QUIET:
        return f"{for_how_long(row.days)}, since {short_day(row.since)}"
    if kind is SectionKind.CHECK_BACK:
        return f"due {short_day(row.since)}" + (
            "" if row.days == 0 else f" ({ago_words(row.days)})"
        )
    return f"{ago_words(row.days)} ({short_day(row.since)})"


def day_words(day: dt.date) -> str:
    """A day as people write it: "Monday 7 December 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_day(day: dt.date) -> str:
    """A day in a row: "3 Dec"."""
    return f"{day.day} {day:%b}"
