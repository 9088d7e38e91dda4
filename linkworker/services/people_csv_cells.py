"""The cells of a caseload spreadsheet that need more than their text: dates written
the British way, who referred, referral reasons in the team's spelling, urgency and
whole names. Used by :mod:`linkworker.services.people_csv`.
"""

from __future__ import annotations

import datetime as dt
import re

from linkworker.domain.cell_values import parse_date, parse_list
from linkworker.domain.people import DEFAULT_REFERRAL_REASONS, ReferrerKind, Urgency
from linkworker.domain.validation import InvalidValue

__all__ = [
    "NO_FIXED_ADDRESS",
    "key",
    "parse_referrer",
    "parse_uk_date",
    "read_reasons",
    "read_urgency",
    "split_full_name",
]


def key(text: str) -> str:
    """A cell value for matching: ``Self-referral`` -> ``self_referral``."""
    return re.sub(r"[^0-9a-z]+", "_", text.strip().casefold()).strip("_")


_MONTHS = {
    name: i
    for i in range(1, 13)
    for name in (
        dt.date(2000, i, 1).strftime("%B").casefold(),
        dt.date(2000, i, 1).strftime("%b").casefold(),
    )
} | {"sept": 9}


def parse_uk_date(text: str) -> dt.date:
    """A date written the British way: ``31/03/1956``, ``31.3.1956``, ``31 March 1956``,
    ``31-Mar-1956``, or ``1956-03-31``. Two-figure years and month-first dates are refused.
    """
    cleaned = re.sub(r"[ T]00:00(:00(\.0+)?)?$", "", text.strip())
    if m := re.fullmatch(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})", cleaned):
        return parse_date(f"{m[1]}-{m[2]}-{m[3]}")
    if m := re.fullmatch(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]+)", cleaned):
        day, month, year = m[1], m[2], m[3]
        if len(year) == 2:
            raise InvalidValue(
                f"“{cleaned}” has a two-figure year. Write the year in full, "
                f"like {day}/{month}/19{year} or {day}/{month}/20{year}."
            )
        if len(year) != 4:
            raise InvalidValue(f"“{cleaned}” is not a date. Type it like 31/03/1956.")
        if int(month) > 12 and 1 <= int(day) <= 12:
            raise InvalidValue(
                f"“{cleaned}” has the month first. Dates here are day first: "
                f"{month}/{day}/{year} means {int(month)} {_month_name(int(day))} {year}."
            )
        return parse_date(f"{day}/{month}/{year}")
    if m := re.fullmatch(
        r"([0-9]{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+)\.?[\s,-]+([0-9]+)", cleaned
    ):
        month_number = _MONTHS.get(m[2].casefold())
        if month_number is None:
            raise InvalidValue(f"“{cleaned}”: “{m[2]}” is not a month.")
        if len(m[3]) != 4:
            raise InvalidValue(f"“{cleaned}” needs the year in full, like 31 March 1956.")
        return parse_date(f"{m[3]}-{month_number}-{m[1]}")
    return parse_date(cleaned)  # its message says how to type a date


def _month_name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B")


_REFERRERS: dict[str, ReferrerKind] = {
    key: kind
    for kind, keys in {
        ReferrerKind.GP: "gp doctor dr gp_practice gp_surgery surgery practice "
        "general_practitioner family_doctor",
        ReferrerKind.NURSE: "nurse practice_nurse district_nurse community_nurse "
        "nurse_practitioner specialist_nurse",
        ReferrerKind.PHARMACIST: "pharmacist pharmacy chemist clinical_pharmacist",
        ReferrerKind.SELF: "self self_referral self_referred selfreferral selfref self_ref "
        "themselves own",
        ReferrerKind.OTHER_SERVICE: "other_service another_service service",
        ReferrerKind.OTHER: "other someone_else",
    }.items()
    for key in keys.split()
} | {key(kind.label): kind for kind in ReferrerKind}


def parse_referrer(text: str) -> tuple[ReferrerKind, str]:
    """Who referred, and their name if the cell gives one.

    ``GP``, ``nurse``, ``pharmacist``, ``self``, ``other service`` (and a few
    other words for them), optionally followed by a name: ``GP (Dr Okafor)``,
    ``Other service: Citizens Advice``. Anything else is ``other``, with the
    text kept as the referrer's name.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return ReferrerKind.GP, ""
    tokens = re.sub(r"([:(),;/–—-])", r" \1 ", cleaned).split()
    for size in range(len(tokens), 0, -1):
        kind = _REFERRERS.get(key(" ".join(tokens[:size])))
        if kind is None:
            continue
        if size == len(tokens):
            return kind, ""
        if key(tokens[0]) in {"dr", "doctor"}:
            return kind, cleaned  # "Dr Okafor" is the name
        rest = " ".join(tokens[size:])
        rest = re.sub(r"\s+([),;])", r"\1", re.sub(r"([(])\s+", r"\1", rest))
        return kind, rest.strip(" :,;/–—-").removeprefix("(").removesuffix(")").strip()
    return ReferrerKind.OTHER, cleaned


_REASONS: dict[str, str] = {key(r): r for r in DEFAULT_REFERRAL_REASONS} | {
    alias: reason
    for reason, aliases in {
        "Money or debt": "money debt money_debt money_and_debt finances financial money_worries "
        "debts",
        "Carer support": "carer carers caring carer_s_support carers_support",
        "Long-term condition": "ltc long_term_conditions long_term_health_condition "
        "longterm_condition",
        "Bereavement": "bereaved grief",
        "Physical activity": "activity exercise inactivity",
        "Low mood": "mood",
        "Employment": "work unemployment job",
    }.items()
    for alias in aliases.split()
}


def read_reasons(text: str) -> tuple[tuple[str, ...], list[str]]:
    """Referral reasons in the team's spelling, and the ones not in the usual list."""
    found: list[str] = []
    other: list[str] = []
    for item in parse_list(text):
        reason = _REASONS.get(key(item))
        if reason is None:
            reason = item
            other.append(item)
        if reason not in found:
            found.append(reason)
    return tuple(found), other


_URGENCIES = {u.value: u for u in Urgency} | {
    "asap": Urgency.URGENT,
    "as_soon_as_possible": Urgency.URGENT,
    "normal": Urgency.ROUTINE,
    "standard": Urgency.ROUTINE,
}


def read_urgency(text: str) -> Urgency | None:
    """The urgency, or None for words that are not one (they are kept as written)."""
    return _URGENCIES.get(key(text))


NO_FIXED_ADDRESS = frozenset({"nfa", "no_fixed_address", "no_fixed_abode", "none_fixed"})
_PARTICLES = frozenset(
    {"de", "da", "di", "do", "du", "del", "della", "der", "den", "des", "dos", "la", "le"}
    | {"van", "von", "ten", "ter", "bin", "ibn", "al", "el", "ap", "mac", "st"}
)


def split_full_name(text: str) -> tuple[str, str]:
    """``Ana de Souza`` -> (``Ana``, ``de Souza``); ``HART, Zoë`` -> (``Zoë``, ``HART``)."""
    cleaned = " ".join(text.split())
    if "," in cleaned:
        family, _, given = cleaned.partition(",")
        return given.strip(), family.strip()
    parts = cleaned.split(" ")
    if len(parts) == 1:
        return cleaned, ""
    start = len(parts) - 1
    while start > 1 and parts[start - 1].casefold() in _PARTICLES:
        start -= 1
    return " ".join(parts[:start]), " ".join(parts[start:])
