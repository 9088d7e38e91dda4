"""Opening times written as text: ``Tue 10:00-12:00; Mon-Fri 2-4pm; first Friday of the month``.

The grammar is below; :func:`parse_opening_times` reads it and
:func:`format_opening_times` writes it, so every slot survives a round trip.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable

from linkworker.domain.cell_values import LIST_SEPARATOR, list_item
from linkworker.domain.directory import (
    Day,
    OpeningTime,
)
from linkworker.domain.validation import parse_time

# Opening times ---------------------------------------------------------------
#
#   opening_times = item { ";" item }
#   item     = [ "every" | "each" ] [ days ] [ times ] [ note ]
#   days     = dayspec { ( "," | "&" | "and" | "/" ) dayspec }
#   dayspec  = day [ ( "-" | "to" ) day ]          e.g. Tue, Tuesdays, Mon-Fri
#   times    = time [ ( "-" | "to" ) time ]        e.g. 10:00-12:00, 2pm-4pm, 10-12
#   time     = 10, 10:00, 9.30, 2pm, 2:30pm, noon, midday
#   note     = any other text, optionally in brackets
#
# Without a day a time needs minutes or am/pm (so "1 to 1 support" stays a note).
# "2-4pm" means 14:00-16:00, "2-2:30pm" 14:00-14:30, "10-2" 10:00-14:00 and "8-8" 08:00-20:00.

_DAY_WORD = re.compile(r"\s*([A-Za-z]{3,})\.?(?![A-Za-z])")
_DAY_JOIN = re.compile(r"\s*(?:,|&|/|and\b)\s*", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:-|–|—|to\b)\s*", re.IGNORECASE)
_EVERY = re.compile(r"\s*(?:every|each)\s+", re.IGNORECASE)
_TIME_TEXT = re.compile(
    r"\s*(noon|midday|\d{1,2}(?:[:.]\d{2})?(?:\s*(?:[ap]\.?m\.?))?)(?=$|[\s,(\-–—]|to\b)",
    re.IGNORECASE,
)


def _day_at(text: str, pos: int) -> tuple[Day, int] | None:
    match = _DAY_WORD.match(text, pos)
    if not match:
        return None
    word = match.group(1)
    for candidate in (word, word[:-1] if word.lower().endswith("s") else ""):
        if len(candidate) >= 3:
            with contextlib.suppress(ValueError):
                return Day.parse(candidate), match.end()
    return None


def _days_at(text: str, pos: int) -> tuple[list[Day], int]:
    days: list[Day] = []
    while True:
        first = _day_at(text, pos)
        if first is None:
            return days, pos
        day, pos = first
        span = [day]
        joiner = _RANGE.match(text, pos)
        last = _day_at(text, joiner.end()) if joiner else None
        if last is not None:
            end, pos = last
            span = [Day((int(day) + i) % 7) for i in range((int(end) - int(day)) % 7 + 1)]
        days.extend(d for d in span if d not in days)
        joiner = _DAY_JOIN.match(text, pos)
        if joiner is None or _day_at(text, joiner.end()) is None:
            return days, pos
        pos = joiner.end()


def _has_suffix(text: str) -> bool:
    return bool(re.search(r"[ap]\.?m\.?$", text.strip(), re.IGNORECASE))


def _times_at(text: str, pos: int, after_day: bool) -> tuple[dt.time | None, dt.time | None, int]:
    first = _TIME_TEXT.match(text, pos)
    if first is None:
        return None, None, pos
    start_text = first.group(1)
    end_text = ""
    end_pos = first.end()
    joiner = _RANGE.match(text, end_pos)
    second = _TIME_TEXT.match(text, joiner.end()) if joiner else None
    if second is not None:
        end_text, end_pos = second.group(1), second.end()
    bare = not any(c in start_text + end_text for c in ":.")
    start_suffix, end_suffix = _has_suffix(start_text), _has_suffix(end_text)
    named = start_text.lower() in {"noon", "midday"}
    if not after_day and bare and not (start_suffix or end_suffix or named):
        return None, None, pos
    starts = parse_time(start_text)
    ends = parse_time(end_text) if end_text else None
    if ends is not None and not start_suffix:
        # A bare start takes the end's pm when that still starts before the end:
        # "2-4pm" and "2-2:30pm" are afternoons, "10-2pm" starts in the morning.
        if end_suffix and 1 <= starts.hour <= 11 and starts.replace(hour=starts.hour + 12) < ends:
            starts = starts.replace(hour=starts.hour + 12)
        elif bare and not end_suffix and ends <= starts and starts.hour < ends.hour + 12 < 24:
            ends = ends.replace(hour=ends.hour + 12)  # "10-2", and "8-8" is 8am to 8pm
    return starts, ends, end_pos


def _unbracket(text: str) -> str:
    """Remove one pair of brackets around the whole text (export brackets notes this way)."""
    if len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        return text[1:-1].strip()
    return text


def parse_opening_item(item: str) -> list[OpeningTime]:
    """One item of the opening_times cell: a slot per day it names (or one with no day)."""
    text = item.strip()
    pos = 0
    every = _EVERY.match(text)
    if every and _day_at(text, every.end()) is not None:
        pos = every.end()
    days, pos = _days_at(text, pos)
    if days:
        pos = len(text) - len(text[pos:].lstrip(" ,:"))
    starts, ends, pos = _times_at(text, pos, after_day=bool(days))
    note = _unbracket(text[pos:].strip().lstrip(",").strip()) if (days or starts) else ""
    if not days and starts is None:
        note = _unbracket(text)
    if not days:
        return [OpeningTime(day=None, starts=starts, ends=ends, note=note)]
    return [OpeningTime(day=d, starts=starts, ends=ends, note=note) for d in days]


def parse_opening_times(text: str) -> tuple[OpeningTime, ...]:
    """The whole opening_times cell (see the grammar above)."""
    slots: list[OpeningTime] = []
    for item in text.split(LIST_SEPARATOR):
        if item.strip():
            slots.extend(parse_opening_item(item))
    return tuple(slots)


def format_opening_time(slot: OpeningTime) -> str:
    """One slot as an item that :func:`parse_opening_item` reads back the same."""
    note = list_item(slot.note)
    head: list[str] = []
    if slot.day is not None:
        head.append(slot.day.short)
    if slot.starts is not None:
        span = f"{slot.starts:%H:%M}"
        if slot.ends is not None:
            span += f"-{slot.ends:%H:%M}"
        head.append(span)
    if head:
        return " ".join([*head, f"({note})"] if note else head)
    plain = OpeningTime(note=note)
    return note if parse_opening_item(note) == [plain] else f"({note})"


def format_opening_times(slots: Iterable[OpeningTime]) -> str:
    return f"{LIST_SEPARATOR} ".join(format_opening_time(s) for s in slots)


#: "third Wednesday of the month, by appointment": the week of the month, the day, the rest.
_WEEK_OF_MONTH = re.compile(
    r"(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+([A-Za-z]{3,})\.?"
    r"\s+of\s+(?:the|each|every)\s+month\b[\s,;:.]*(.*)",
    re.IGNORECASE,
)
_WEEK_SHORT = {
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "last": "Last",
}


def _monthly(note: str, day: Day) -> tuple[str, str] | None:
    """(which week, what follows) of a note such as "third Wednesday of the month, bring a
    dish" on that same day: ("third", "bring a dish"); None for any other note."""
    found = _WEEK_OF_MONTH.fullmatch(note) if note else None
    named = _day_at(found.group(2), 0) if found else None
    if found is None or named is None or named[0] is not day:
        return None
    return found.group(1).lower(), found.group(3).strip()


def slot_words(slot: OpeningTime) -> str:
    """A dated slot as a sentence says it: 'Tuesdays 10:00', 'the 3rd Wednesday of the
    month, 19:30', 'Mondays 11:00 (fortnightly)'. A slot with no day gives its note."""
    day = slot.day
    note = " ".join(slot.note.split())
    if day is None:
        return note
    time = f" {slot.starts:%H:%M}" if slot.starts else ""
    monthly = _monthly(note, day)
    if monthly is not None:
        week, rest = monthly
        week = _WEEK_SHORT.get(week, week).lower()
        text = f"the {week} {day.label} of the month" + (f",{time}" if time else "")
        return f"{text} ({rest})" if rest else text
    return f"{day.label}s{time}" + (f" ({note})" if note else "")


def _slot_summary(slot: OpeningTime, day: Day) -> str:
    """'Tue 10:00'; a slot that is not every week says so: '3rd Wed of month 19:30',
    'Wed 14:00 (fortnightly)'."""
    time = f" {slot.starts:%H:%M}" if slot.starts else ""
    note = " ".join(slot.note.split())
    if not note:
        return day.short + time
    monthly = _monthly(note, day)
    if monthly is None:
        return f"{day.short}{time} ({note})"
    week, rest = monthly
    text = f"{_WEEK_SHORT.get(week, week)} {day.short} of month{time}"
    return f"{text} ({rest})" if rest else text


def summarise_times(times: Iterable[OpeningTime], most: int | None = None, width: int = 300) -> str:
    """Short text such as 'Tue 10:00, Thu 14:00' (free-text notes as they are).

    A slot with a note is not shown as if it were weekly: '3rd Wed of month 19:30',
    'Mon 11:00 (monthly)'. ``most`` slots at most (", ..." says there are more); cut
    to ``width`` characters.
    """
    parts: list[str] = []
    for slot in times:
        if slot.day is not None:
            parts.append(_slot_summary(slot, slot.day))
        elif slot.note.strip():
            parts.append(" ".join(slot.note.split()))
    shown = parts if most is None else parts[:most]
    text = ", ".join(shown) + (", ..." if len(shown) < len(parts) else "")
    return text if len(text) <= width else text[: width - 3] + "..."
