"""A closing story made safe to paste into a report: no names, no dates of birth, no exact places.

A person may agree to their story being shared without their name, or with it; in a
report it is always anonymised, because a report goes further than the person was asked
about. What the record knows is taken out by name (:class:`StoryFacts`): the person's
own names, the names of the people on their side and of the staff who worked with
them, their date of birth written any usual way, their address and postcode, and the
names of the places in their plan (a small group's name can point at a person, so a
listing's name becomes "a local group"). Then what looks like a place or a number on
its own is taken out too: anything shaped like a UK postcode, a house number followed by
a street, long numbers (phone and NHS numbers) and email addresses.

What is taken out is replaced by words in square brackets ("[name]", "[date of
birth]", "[address]", "[postcode]", "[number]", "[email]") or, for a place in
the plan, by "a local group", so the story still reads as a sentence. No I/O.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

NAME = "[name]"
DATE_OF_BIRTH = "[date of birth]"
ADDRESS = "[address]"
POSTCODE = "[postcode]"
NUMBER = "[number]"
EMAIL = "[email]"
PLACE = "a local group"

#: Words of a name that say what someone is rather than who: kept ("Dr [name]").
_TITLES = frozenset(
    (
        *("mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "nurse", "rev", "revd", "sir"),
        *("dame", "lady", "lord", "prof", "professor", "my", "the", "and", "of", "de", "la"),
        *("le", "van", "von", "gp"),
    )
)
_STREETS = (
    "road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|crescent|court|place|terrace|"
    "grove|gardens|walk|row|square|hill|mews|parade|view|rise|green|park"
)
_POSTCODE = re.compile(
    r"\b(?:GIR\s*0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]?\s*[0-9][A-Z]{2})\b",
    re.IGNORECASE,
)
# "14 Station Road", "Flat 2, 14a Mill Lane": a number, then one to three capitalised words
# ending in a street word.
_STREET = re.compile(
    rf"\b(?:(?:[Ff]lat|[Aa]partment|[Uu]nit)\s+\d+[a-z]?,?\s+)?\d+[a-z]?,?\s+"
    rf"(?:[A-Z][\w'’-]*\s+){{0,3}}(?:{_STREETS.title()})\b"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Ten or eleven digits in groups (NHS numbers, phone numbers): at least nine digits in all.
_LONG_NUMBER = re.compile(r"(?<![\w])(?:\+44\s?|0)?\d[\d\s-]{7,}\d(?![\w])")
_ORDINAL = r"(?:st|nd|rd|th)?"
_NAMES_TOGETHER = re.compile(rf"{re.escape(NAME)}(?:\s+{re.escape(NAME)})+")
_ADDRESSES_TOGETHER = re.compile(rf"{re.escape(ADDRESS)}(?:,?\s+{re.escape(ADDRESS)})+")


@dataclass(frozen=True, slots=True)
class StoryFacts:
    """What the record knows that must not be in a shared story."""

    #: Names of the person, the people on their side and the staff (any spelling kept).
    names: tuple[str, ...] = ()
    date_of_birth: dt.date | None = None
    #: The person's address as written (lines or commas) and postcode.
    address: str = ""
    postcode: str = ""
    #: Names of the places in their plan or where they give back.
    places: tuple[str, ...] = ()


def name_parts(names: Iterable[str]) -> list[str]:
    """Every name to take out, longest first: each whole name, each run of its words, and
    each of its words that is a name (not a title such as "Dr", and at least two letters)."""
    found: set[str] = set()
    for name in names:
        whole = " ".join(name.split())
        if not whole:
            continue
        words = [w.strip(".'’()") for w in re.split(r"[\s,]+", whole)]
        # Each run of two or more words ("Ó Súilleabháin" of "Reg Ó Súilleabháin"), then
        # each word that is a name on its own.
        for first in range(len(words)):
            for last in range(first + 2, len(words) + 1):
                found.add(" ".join(words[first:last]))
        found.update(w for w in words if len(w) >= 2 and w.lower() not in _TITLES)
        found.add(whole)
    return sorted(found, key=lambda w: (-len(w), w))


_MONTHS = {
    name.lower(): n
    for n in range(1, 13)
    for name in (calendar.month_name[n], calendar.month_abbr[n])
}
_MONTH = "(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
# Any written date: "2nd March 1948", "March 2, 1948", "02/03/48", "1948-03-02"; each is
# read and compared with the date of birth, so one pattern serves every story.
_DATE = re.compile(
    "|".join(
        (
            rf"\b0?(?P<d1>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH.format('m1')},?\s+(?P<y1>\d{{4}})\b",
            rf"\b{_MONTH.format('m2')}\s+0?(?P<d2>\d{{1,2}}){_ORDINAL},?\s+(?P<y2>\d{{4}})\b",
            r"\b(?P<d3>\d{1,2})[/.-](?P<m3>\d{1,2})[/.-](?P<y3>\d{4}|\d{2})\b",
            r"\b(?P<y4>\d{4})-(?P<m4>\d{1,2})-(?P<d4>\d{1,2})\b",
        )
    ),
    re.IGNORECASE,
)


def _is_day(found: re.Match[str], day: dt.date) -> bool:
    """Whether a written date found by :data:`_DATE` is ``day``."""
    for n in "1234":
        if found.group(f"d{n}") is None:
            continue
        month = found.group(f"m{n}")
        month_number = int(month) if month.isdigit() else _MONTHS[month.lower()]
        year = found.group(f"y{n}")
        same_year = int(year) == (day.year if len(year) == 4 else day.year % 100)
        return same_year and (int(found.group(f"d{n}")), month_number) == (day.day, day.month)
    return False


def _replace_words(text: str, words: Iterable[str], by: str, article: bool = False) -> str:
    """``words`` replaced by ``by`` where each stands as a whole word; with ``article``, a
    "the" or "a" before it goes too (``by`` brings its own). One pass over the text, the
    longest word tried first at each place, so a name inside a longer one is not split."""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not ordered:
        return text
    before = r"(?:\b(?:the|a|an)\s+)?" if article else ""
    alternatives = "|".join(re.escape(word) for word in ordered)
    return re.sub(rf"{before}(?<![\w])(?:{alternatives})(?![\w])", by, text, flags=re.IGNORECASE)


def anonymise(words: str, facts: StoryFacts) -> str:
    """The story with names, date of birth and exact places taken out, ready to paste."""
    text = words.strip()
    born = facts.date_of_birth
    if born is not None:
        text = _DATE.sub(lambda m: DATE_OF_BIRTH if _is_day(m, born) else m.group(0), text)
    text = _EMAIL.sub(EMAIL, text)
    address_lines = [
        " ".join(line.split()) for line in re.split(r"[\n,]+", facts.address) if line.strip()
    ]
    text = _replace_words(
        text, sorted((a for a in address_lines if len(a) > 3), key=len, reverse=True), ADDRESS
    )
    places = sorted((p.strip() for p in facts.places if p.strip()), key=len, reverse=True)
    text = _replace_words(text, places, PLACE, article=True)
    text = _POSTCODE.sub(POSTCODE, text)
    text = _STREET.sub(ADDRESS, text)
    text = _LONG_NUMBER.sub(NUMBER, text)
    text = _replace_words(text, name_parts(facts.names), NAME)
    # "[name] [name]" for a given and family name written apart reads as one name.
    text = _NAMES_TOGETHER.sub(NAME, text)
    return _ADDRESSES_TOGETHER.sub(ADDRESS, text)
