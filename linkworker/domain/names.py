"""People's names as the record compares, sorts and shows them: one rule each.

A name is compared folded: no case, no accents, apostrophes dropped, split at
anything that is not a letter or digit ("O'Brien" is obrien; "Mary-Jane" is
mary and jane). The caseload's search, the spreadsheet import, likely
duplicates and the command line all use these.
"""

from __future__ import annotations

import re

from linkworker.domain.match_words import fold

#: Longest word kept for searching (a longer one is cut).
WORD_LENGTH = 100
#: Longest run of search words kept for one person.
SEARCH_NAME_LENGTH = 400

_APOSTROPHES = re.compile(r"['’ʼ`]")
_NON_WORD = re.compile(r"[\W_]+")

__all__ = [
    "WORD_LENGTH",
    "display_name",
    "fold",
    "name_words",
    "query_words",
    "search_name",
    "sort_name",
]


def query_words(text: str) -> list[str]:
    """The words of typed text as they are indexed: folded, apostrophes dropped."""
    return [w[:WORD_LENGTH] for w in _NON_WORD.split(_APOSTROPHES.sub("", fold(text))) if w]


def name_words(*names: str) -> list[str]:
    """Every word of the names, once each; "Mary-Jane" gives mary, jane and maryjane."""
    words: list[str] = []
    for name in names:
        parts = query_words(name)
        if len(parts) > 1:
            parts.append("".join(parts)[:WORD_LENGTH])
        words.extend(w for w in parts if w not in words)
    return words


def search_name(*names: str) -> str:
    """Every word of the names, space separated, whole words only up to the column's length."""
    kept: list[str] = []
    length = -1
    for word in name_words(*names):
        length += len(word) + 1
        if length > SEARCH_NAME_LENGTH:
            break
        kept.append(word)
    return " ".join(kept)


def sort_name(given: str, family: str, preferred: str = "") -> str:
    """``smith, john``: family then given name, folded, for sorting."""
    first = " ".join(query_words(given or preferred))
    last = " ".join(query_words(family))
    return f"{last}, {first}" if last and first else last or first


def display_name(given: str, family: str, preferred: str) -> str:
    """The name they like to be called, then their family name (names already trimmed)."""
    first = preferred or given
    return f"{first} {family}" if first and family else first or family
