"""Reading the values people type in spreadsheet cells: costs, yes/no, dates, lists.

Each ``parse_*`` returns the value or raises
:class:`~linkworker.domain.validation.InvalidValue` with a message for the person.
Used by the CSV exchange and by other importers.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import TypeVar

from linkworker.domain.directory import (
    ACCESSIBILITY_FEATURES,
    AssetStatus,
    Cost,
    JoinMode,
)
from linkworker.domain.validation import InvalidValue

T = TypeVar("T")

#: Separates the items of a list cell (categories, tags, accessibility, languages, times).
LIST_SEPARATOR = ";"


def words(text: str) -> str:
    """Lower case, with spaces, hyphens and underscores made one underscore."""
    return re.sub(r"[\s_\-]+", "_", text.strip().lower()).strip("_")


def _aliases(groups: dict[T, str]) -> dict[str, T]:
    """Each space-separated word of a group's text, pointing at the group's value."""
    return {word: value for value, words in groups.items() for word in words.split()}


_COSTS = _aliases(
    {
        Cost.FREE: "free no_cost nothing 0 £0 £0.00",
        Cost.LOW_COST: "low_cost low cheap £",
        Cost.PAID: "paid fee charge ££ £££",
    }
)


def parse_cost(text: str) -> Cost:
    """``free``, ``low cost``, ``paid`` (any case), or ``£`` (low cost) and ``££`` (paid)."""
    key = words(text)
    if key in _COSTS:
        return _COSTS[key]
    if re.fullmatch(r"£?\s*\d+(\.\d{1,2})?p?", text.strip()):
        raise InvalidValue(
            f"“{text.strip()}” is an amount. Put free, low cost or paid here, "
            "and the amount in cost_note."
        )
    raise InvalidValue(f"“{text.strip()}” is not a cost. Use free, low cost or paid.")


_JOIN_MODES = _aliases(
    {
        JoinMode.DROP_IN: "drop_in dropin just_turn_up turn_up",
        JoinMode.SELF_REFERRAL: "self_referral selfreferral self_refer",
        JoinMode.REFERRAL: "referral referral_needed by_referral referral_only",
    }
)


def parse_join_mode(text: str) -> JoinMode:
    """``drop in`` / ``just turn up``, ``self referral``, or ``referral`` / ``referral needed``."""
    key = words(text)
    if key in _JOIN_MODES:
        return _JOIN_MODES[key]
    raise InvalidValue(
        f"“{text.strip()}” is not a way to join. Use drop in, self referral or referral."
    )


_STATUSES = _aliases(
    {
        AssetStatus.ACTIVE: "active running open",
        AssetStatus.PAUSED: "paused on_hold suspended",
        AssetStatus.CLOSED: "closed stopped ended",
    }
)


def parse_status(text: str) -> AssetStatus:
    key = words(text)
    if key in _STATUSES:
        return _STATUSES[key]
    raise InvalidValue(f"“{text.strip()}” is not a status. Use active, paused or closed.")


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def parse_yes_no(text: str) -> bool:
    key = text.strip().lower()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise InvalidValue(f"“{text.strip()}” is not yes or no.")


def parse_date(text: str) -> dt.date:
    """``2024-03-31`` or ``31/03/2024`` (day first, as in the UK)."""
    cleaned = re.sub(r"[ T]00:00(:00)?$", "", text.strip())
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", cleaned):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        raise InvalidValue(f"“{text.strip()}” is not a real date.") from None
    raise InvalidValue(f"“{text.strip()}” is not a date. Type it like 2024-03-31 or 31/03/2024.")


def parse_coordinate(text: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise InvalidValue(f"“{text.strip()}” is not a number, like 53.2814.") from None


def parse_uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise InvalidValue(
            f"“{text.strip()}” is not an id from Link Worker. Leave id empty for new assets."
        ) from None


def parse_list(text: str) -> tuple[str, ...]:
    """Items separated by ``;``, trimmed, without blanks or repeats (ignoring case)."""
    items: dict[str, str] = {}
    for raw in text.split(LIST_SEPARATOR):
        item = " ".join(raw.split())
        if item:
            items.setdefault(item.casefold(), item)
    return tuple(items.values())


_FEATURES: dict[str, str] = {
    **{words(key): key for key in ACCESSIBILITY_FEATURES},
    **{words(label): key for key, label in ACCESSIBILITY_FEATURES.items()},
}


def parse_accessibility(text: str) -> tuple[str, ...]:
    """Feature keys (``step_free``) or labels (``Step-free access``), any case."""
    found: list[str] = []
    unknown: list[str] = []
    for item in parse_list(text):
        key = _FEATURES.get(words(item))
        if key is None:
            unknown.append(item)
        elif key not in found:
            found.append(key)
    if unknown:
        names = ", ".join(f"“{u}”" for u in unknown)
        raise InvalidValue(f"{names} not known. Use any of: {', '.join(ACCESSIBILITY_FEATURES)}.")
    return tuple(found)


def list_item(text: str) -> str:
    """A list item as written: the separator cannot appear inside one."""
    return text.replace(LIST_SEPARATOR, ",").strip()
