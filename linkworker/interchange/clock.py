"""Times and schedules as directory feeds write them, turned into opening times.

:func:`parse_clock` reads one time of day in any of the usual spellings.
:func:`slots_from_rrule` turns an Open Referral schedule (RFC 5545 style
``freq``/``interval``/``byday`` with ``opens_at``/``closes_at``, or only a
description) into :class:`~linkworker.domain.directory.OpeningTime` slots the
directory accepts, with a warning for everything it had to drop.
:func:`slots_from_schedule` does the same for a whole schedule row (ORUK 3.0,
HSDS 3.0, or an ORUK v1 ``regular_schedules`` row with ``weekday``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

from linkworker.domain.directory import Day, OpeningTime
from linkworker.domain.opening_times import parse_opening_times
from linkworker.interchange.text_clean import clean_text, one_line

_CLOCK = re.compile(
    r"^(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?)?|(?P<hhmm>\d{3,4}))"
    r"(?P<ampm>am|pm|a\.m\.?|p\.m\.?)?$"
)
_ZONE = re.compile(r"(?<=\d)(?:z|utc|gmt|bst|[+-]\d{2}(?::?\d{2})?)$")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[t ]")


def parse_clock(text: str) -> dt.time:
    """A time of day from ``08:00``, ``8:00am``, ``8.30pm``, ``12pm``, ``noon``, ``1000``,
    ``10:00:00Z`` or ``10:00:00+01:00`` (the offset is dropped: feeds give local times).

    Raises ValueError with a plain message when the text is not a time of day.
    """
    if type(text) is str:
        return _clock(text)  # feeds repeat the same few times
    return _clock.__wrapped__(str(text))


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1024)
def _clock(text: str) -> dt.time:
    raw = text.strip()
    key = _SPACES.sub("", raw.lower())
    key = _DATE_PREFIX.sub("", key)
    if key in {"noon", "midday", "12noon", "12midday"}:
        return dt.time(12, 0)
    if key in {"midnight", "12midnight"}:
        return dt.time(0, 0)
    key = _ZONE.sub("", key)
    match = _CLOCK.match(key)
    if not match:
        raise ValueError(f"'{raw}' is not a time of day. Write it like 10:00 or 2:30pm.")
    if match.group("hhmm"):
        digits = match.group("hhmm")
        hour, minute = int(digits[:-2]), int(digits[-2:])
    else:
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
    seconds = int(match.group("s") or 0)
    suffix = (match.group("ampm") or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            raise ValueError(
                f"'{raw}' is not a time of day: with am or pm the hour must be 1 to 12."
            )
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59 or seconds > 59:
        raise ValueError(f"'{raw}' is not a time of day. Use 00:00 to 23:59.")
    return dt.time(hour, minute)


def _is_midnight_close(text: str) -> bool:
    key = _SPACES.sub("", text.lower())
    return key in {"24:00", "24:00:00", "2400", "24.00"}


# Schedules -------------------------------------------------------------------

_BYDAY = re.compile(r"^([+-]?\d{1,2})?([A-Z]{2,})$")
_RRULE_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def _ordinal_word(n: int) -> str:
    if n > 0:
        return _ORDINALS.get(n, f"{n}th")
    if n == -1:
        return "last"
    return f"{_ORDINALS.get(-n, f'{-n}th')} to last"


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _and_join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _int_or_none(value: object) -> int | None:
    text = clean_text(value).text
    return int(text) if _UP_TO_3_DIGITS.fullmatch(text) else None


def _numbers(value: object) -> list[int]:
    return [int(n) for n in _NUMBER.findall(clean_text(value).text)]


_UP_TO_3_DIGITS = re.compile(r"\d{1,3}")
_NUMBER = re.compile(r"-?\d+")
_ONE_DIGIT = re.compile(r"\d")
_DAY_OF_CODE = {code: Day(number) for code, number in _RRULE_DAYS.items()}


def parse_day_code(code: str) -> Day:
    """``MO``, ``TU`` ... or a day name such as ``Monday``, ``Tue``."""
    day = _DAY_OF_CODE.get(code.strip().upper())
    if day is not None:
        return day
    return _day_name(code)


@functools.lru_cache(maxsize=256)
def _day_name(code: str) -> Day:
    return Day.parse(code)


def parse_weekday(value: object) -> Day:
    """An ORUK v1 ``weekday``: 1 (Monday) to 7 (Sunday), 0 for Sunday, or a day's name."""
    text = clean_text(value).text
    if _ONE_DIGIT.fullmatch(text):
        number = int(text)
        if number > 7:
            raise ValueError(f"weekday {number} is not a day of the week")
        return Day((number - 1) % 7)
    return parse_day_code(text)


def _read_time(value: object, what: str, warnings: list[str]) -> dt.time | None:
    text = one_line(clean_text(value).text)
    if not text:
        return None
    if what == "closing" and _is_midnight_close(text):
        return dt.time(23, 59)
    try:
        return parse_clock(text)
    except ValueError:
        warnings.append(f"{what} time '{text}' is not a time of day; left out")
        return None


def checked_slot(slot: OpeningTime, warnings: list[str]) -> OpeningTime | None:
    """The slot as the directory accepts it: an end needs a start and must come after it."""
    starts, ends = slot.starts, slot.ends
    if ends is not None and starts is None:
        warnings.append(f"closing time {ends:%H:%M} has no opening time; left out")
        ends = None
    if starts is not None and ends is not None and ends <= starts:
        if ends == dt.time(0, 0):
            ends = dt.time(23, 59)  # "until midnight"
        else:
            warnings.append(
                f"closing time {ends:%H:%M} is not after opening time {starts:%H:%M}; "
                "kept the opening time only"
            )
            ends = None
    if slot.day is None and starts is None and not slot.note.strip():
        return None
    return OpeningTime(day=slot.day, starts=starts, ends=ends, note=slot.note)


def _parses_cleanly(description: str) -> tuple[OpeningTime, ...]:
    """The description's slots when it reads fully as opening times, else ()."""
    try:
        slots = parse_opening_times(description)
    except ValueError:
        return ()
    if slots and all((s.day is not None or s.starts is not None) and not s.note for s in slots):
        return slots
    return ()


Slots = tuple[tuple[OpeningTime, ...], tuple[str, ...]]
#: Value types whose equal values (of one type) always read the same, so results can be reused.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _plain(values: tuple[object, ...]) -> bool:
    return _PLAIN_TYPES.issuperset(map(type, values))


def _beyond(description: str, raw: list[OpeningTime]) -> str | None:
    """What a schedule's description says beyond its slots' own words, or None.

    "" when it only repeats them (a Link Worker export describes each slot so);
    the rest when it starts with the words of its one slot; None otherwise.
    """
    said = " ".join(description.split())
    if said.casefold() in {s.describe().casefold() for s in raw}:
        return ""
    if len(raw) == 1:
        own = raw[0].describe()
        if said[: len(own)].casefold() == own.casefold() and said[len(own) : len(own) + 1] == " ":
            return said[len(own) + 1 :]
    return None


def slots_from_rrule(
    byday: str,
    opens_at: object,
    closes_at: object,
    description: str = "",
    freq: str = "",
    interval: object = None,
    bymonthday: object = None,
    byweekno: object = None,
) -> Slots:
    """The opening times one schedule describes, and what had to be dropped on the way."""
    args = (byday, opens_at, closes_at, description, freq, interval, bymonthday, byweekno)
    if _plain(args):
        return _rrule_cached(*args)  # feeds repeat the same few schedules
    return _rrule(*args)


def _rrule(
    byday: str,
    opens_at: object,
    closes_at: object,
    description: str,
    freq: str,
    interval: object,
    bymonthday: object,
    byweekno: object,
) -> Slots:
    warnings: list[str] = []
    starts = _read_time(opens_at, "opening", warnings)
    ends = _read_time(closes_at, "closing", warnings)
    description = clean_text(description).text
    freq = (freq or "").strip().upper()
    every = _int_or_none(interval) or 1
    monthly = freq == "MONTHLY"
    notes: list[str] = []
    if every > 1 and not monthly:
        notes.append("every other week" if every == 2 else f"every {every} weeks")
    weeks = [n for n in _numbers(byweekno) if 1 <= abs(n) <= 53]
    if weeks:
        plural = "s" if len(weeks) > 1 else ""
        notes.append(f"in week{plural} {_and_join([str(w) for w in weeks])} of the year")
    month_span = "the month"
    if monthly and every > 1:
        month_span = "every other month" if every == 2 else f"every {every} months"

    raw: list[OpeningTime] = []
    for token in _DAY_SEPARATORS.split((byday or "").strip()):
        if not token:
            continue
        match = _BYDAY.match(token.upper())
        try:
            day = parse_day_code(match.group(2) if match else token)
        except ValueError:
            warnings.append(f"'{token}' is not a day of the week; left out of the opening times")
            continue
        ordinal = int(match.group(1)) if match and match.group(1) else 0
        these = list(notes)
        if ordinal and 1 <= abs(ordinal) <= 5:
            these.insert(0, f"{_ordinal_word(ordinal)} {day.label} of {month_span}")
        elif monthly and every > 1:
            these.insert(0, month_span)
        raw.append(OpeningTime(day=day, starts=starts, ends=ends, note="; ".join(these)))

    if not raw:
        days_of_month = [n for n in _numbers(bymonthday) if 1 <= abs(n) <= 31]
        if monthly and days_of_month:
            named = _and_join([_nth(n) if n > 0 else "last day" for n in days_of_month])
            notes.insert(0, f"on the {named} of {month_span}")
        from_text = _parses_cleanly(description) if description else ()
        if from_text:
            extra = "; ".join(notes)
            for slot in from_text:
                raw.append(
                    OpeningTime(
                        day=slot.day,
                        starts=slot.starts if slot.starts is not None else starts,
                        ends=slot.ends if slot.starts is not None else ends,
                        note=extra,
                    )
                )
            description = ""
        elif description or starts is not None or notes:
            if description and starts is not None:
                # "10:00 Every day" beside opens_at 10:00: only "Every day" is news.
                more = _beyond(description, [OpeningTime(starts=starts, ends=ends)])
                description = description if more is None else more
            note = "; ".join([*notes, description] if description else notes)
            raw.append(OpeningTime(starts=starts, ends=ends, note=note))
            description = ""
    elif description and not _parses_cleanly(description):
        more = _beyond(description, raw)
        if more is None:
            # Free text beside the days says something the days do not ("not on bank holidays").
            raw.append(OpeningTime(note=description))
        elif more:
            # "Monday 10:00-12:00 term time only" beside MO: the rest is about that slot.
            only = raw[0]
            note = f"{only.note}; {more}" if only.note else more
            raw[0] = OpeningTime(day=only.day, starts=only.starts, ends=only.ends, note=note)

    slots: list[OpeningTime] = []
    for slot in raw:
        fixed = checked_slot(slot, warnings)
        if fixed is not None and fixed not in slots:
            slots.append(fixed)
    return tuple(slots), tuple(dict.fromkeys(warnings))


_rrule_cached = functools.lru_cache(maxsize=1024, typed=True)(_rrule)
_DAY_SEPARATORS = re.compile(r"[\s,;]+")


def slots_from_schedule(row: Mapping[str, Any]) -> Slots:
    """One schedule row of any Open Referral version (``weekday`` or ``byday``)."""
    values = (
        row.get("byday"),
        row.get("weekday"),
        row.get("opens_at"),
        row.get("closes_at"),
        row.get("description"),
        row.get("freq"),
        row.get("interval"),
        row.get("bymonthday"),
        row.get("byweekno"),
    )
    if _plain(values):
        return _schedule_cached(*values)
    return _schedule(*values)


def _schedule(
    byday_raw: object,
    weekday: object,
    opens_at: object,
    closes_at: object,
    description: object,
    freq: object,
    interval: object,
    bymonthday: object,
    byweekno: object,
) -> Slots:
    byday = clean_text(byday_raw).text
    weekday_warnings: list[str] = []
    if not byday and weekday not in (None, ""):
        try:
            byday = parse_weekday(weekday).name[:2]
        except ValueError:
            weekday_warnings.append(
                f"weekday '{clean_text(weekday).text}' is not a day of the week; "
                "left out of the opening times"
            )
    slots, warnings = slots_from_rrule(
        byday,
        opens_at,
        closes_at,
        description=clean_text(description).text,
        freq=clean_text(freq).text,
        interval=interval,
        bymonthday=bymonthday,
        byweekno=byweekno,
    )
    return slots, (*weekday_warnings, *warnings)


_schedule_cached = functools.lru_cache(maxsize=1024, typed=True)(_schedule)
