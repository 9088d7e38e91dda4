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


def _date_patterns(day: dt.date) -> list[str]:
    month, short = day.strftime("%B"), day.strftime("%b")
    d, m, y = day.day, day.month, day.year
    months = f"(?:{month}|{short}\\.?)"
    return [
        rf"\b0?{d}{_ORDINAL}\s+(?:of\s+)?{months},?\s+{y}\b",
        rf"\b{months}\s+0?{d}{_ORDINAL},?\s+{y}\b",
        rf"\b0?{d}[/.-]0?{m}[/.-](?:{y}|{y % 100:02d})\b",
        rf"\b{y}-0?{m}-0?{d}\b",
    ]


def _replace_words(text: str, words: Iterable[str], by: str, article: bool = False) -> str:
    """``words`` replaced by ``by`` where each stands as a whole word; with ``article``, a
    "the" or "a" before it goes too (``by`` brings its own)."""
    before = r"(?:\b(?:the|a|an)\s+)?" if article else ""
    for word in words:
        pattern = rf"{before}(?<![\w]){re.escape(word)}(?![\w])"
        text = re.sub(pattern, by, text, flags=re.IGNORECASE)
    return text


def anonymise(words: str, facts: StoryFacts) -> str:
    """The story with names, date of birth and exact places taken out, ready to paste."""
    text = words.strip()
    if facts.date_of_birth is not None:
        for pattern in _date_patterns(facts.date_of_birth):
            text = re.sub(pattern, DATE_OF_BIRTH, text, flags=re.IGNORECASE)
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
    text = re.sub(rf"{re.escape(NAME)}(?:\s+{re.escape(NAME)})+", NAME, text)
    text = re.sub(rf"{re.escape(ADDRESS)}(?:,?\s+{re.escape(ADDRESS)})+", ADDRESS, text)
    return text
