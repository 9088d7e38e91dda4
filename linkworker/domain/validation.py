"""Validators for what people type: postcodes, times, ages, web and email addresses, phones.

Each ``parse_*`` function returns the normalised value or raises
:class:`InvalidValue` with a message written for the person at the keyboard:
what is wrong and what to type instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from linkworker.domain.directory import ACCESSIBILITY_FEATURES, AssetDraft


class InvalidValue(ValueError):
    """A value a person typed that cannot be accepted, with a message for them."""


# Outward code: area (1-2 letters) + district (digit, then digit or letter).
# Inward code: sector digit + unit (two letters, excluding C I K M O V).
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][ABD-HJLNP-UW-Z]{2})$")
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
#: A postcode already written as it is stored: the usual case, taken as it is.
_STORED_POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}")
_SPACES_AND_DASHES = re.compile(r"[\s-]+")


def parse_postcode(text: str) -> str:
    """Normalise a UK postcode to upper case with one space: ``ch65 4ab`` -> ``CH65 4AB``."""
    if _STORED_POSTCODE.fullmatch(text):
        return text
    compact = _SPACES_AND_DASHES.sub("", text).upper()
    if compact == "GIR0AA":
        return "GIR 0AA"
    match = _POSTCODE.match(compact)
    if not match:
        raise InvalidValue(
            f"“{text.strip()}” is not a UK postcode. Type it like CH65 4AB or SW1A 1AA."
        )
    return f"{match.group(1)} {match.group(2)}"


def normal_postcode(text: str) -> str:
    """A postcode as storage keeps it ("CH65 4AB"); other text comes back trimmed, in capitals."""
    try:
        return parse_postcode(text) if text.strip() else ""
    except ValueError:
        return text.strip().upper()


def is_outward_code(text: str) -> bool:
    """True for a postcode district such as ``CH65`` or ``SW1A``."""
    return bool(_OUTWARD.match(text.strip().upper()))


@dataclass(frozen=True, slots=True)
class PostcodeParts:
    """The nested parts of a postcode: area ``CH``, district ``CH65``, sector ``CH65 4``."""

    area: str
    district: str
    sector: str


def postcode_parts(postcode: str) -> PostcodeParts:
    """Split a valid postcode into area, district and sector."""
    normal = parse_postcode(postcode)
    outward, inward = normal.split(" ")
    area = re.match(r"[A-Z]+", outward)
    return PostcodeParts(
        area=area.group(0) if area else outward, district=outward, sector=f"{outward} {inward[0]}"
    )


def district_of(postcode: str) -> str:
    """The district (outward code) of a postcode, or '' when it is not valid."""
    try:
        return parse_postcode(postcode).split(" ", 1)[0]
    except InvalidValue:
        return ""


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)


def parse_time(text: str) -> dt.time:
    """Accept ``10:00``, ``9.30``, ``8:00am``, ``2pm``, ``14:30``."""
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned in {"noon", "midday"}:
        return dt.time(12, 0)
    match = _TIME.match(cleaned)
    if not match:
        raise InvalidValue(f"“{text.strip()}” is not a time. Type it like 10:00 or 2:30pm.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            raise InvalidValue(f"“{text.strip()}”: with am or pm the hour must be 1 to 12.")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InvalidValue(f"“{text.strip()}” is not a time of day. Use 00:00 to 23:59.")
    return dt.time(hour, minute)


def check_time_range(starts: dt.time | None, ends: dt.time | None) -> None:
    """An end time needs a start time, and must come after it."""
    if ends is not None and starts is None:
        raise InvalidValue("An end time needs a start time too.")
    if starts is not None and ends is not None and ends <= starts:
        raise InvalidValue(f"The end time {ends:%H:%M} is not after the start time {starts:%H:%M}.")


def parse_age(text: str, what: str = "Age") -> int | None:
    """An age in whole years from 0 to 120; empty means no limit."""
    cleaned = text.strip()
    if not cleaned:
        return None
    # isdecimal, not isdigit: '²' is a digit that int() refuses.
    if not cleaned.isdecimal():
        raise InvalidValue(f"{what} must be a whole number of years, like 18.")
    # Past 3 significant digits it is too high anyway; int() refuses over 4300 digits.
    if len(cleaned.lstrip("0")) > 3:
        raise InvalidValue(f"{what} {cleaned[:12]} is too high. Use 0 to 120, or leave it empty.")
    age = int(cleaned)
    if age > 120:
        raise InvalidValue(f"{what} {age} is too high. Use 0 to 120, or leave it empty.")
    return age


def check_age_range(age_min: int | None, age_max: int | None) -> None:
    if age_min is not None and age_max is not None and age_min > age_max:
        raise InvalidValue(f"The youngest age ({age_min}) is above the oldest ({age_max}).")


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def parse_url(text: str) -> str:
    """A web address; ``www.example.org`` gains ``https://``."""
    cleaned = text.strip()
    if not cleaned:
        return ""
    if not _SCHEME.match(cleaned):
        cleaned = "https://" + cleaned
    if not _URL.match(cleaned):
        raise InvalidValue(f"“{text.strip()}” is not a web address. Type it like www.example.org.")
    return cleaned


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def parse_email(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        return ""
    if not _EMAIL.match(cleaned):
        raise InvalidValue(f"“{cleaned}” is not an email address. Type it like name@example.org.")
    return cleaned


_NOT_PHONE = re.compile(r"[^\d\s()+-]")
_NOT_DIGIT = re.compile(r"\D")


def parse_phone(text: str) -> str:
    """A UK phone number: 10 or 11 digits (or +44 then 9 or 10), spaces kept as typed."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return ""
    if _NOT_PHONE.search(cleaned):
        raise InvalidValue(f"“{cleaned}” has characters a phone number cannot have.")
    digits = _NOT_DIGIT.sub("", cleaned)
    if cleaned.startswith("+"):
        ok = digits.startswith("44") and 11 <= len(digits) <= 12
    else:
        ok = digits.startswith("0") and len(digits) in (10, 11)
    if not ok:
        raise InvalidValue(
            f"“{cleaned}” is not a UK phone number. Type 10 or 11 digits, like 01632 960123."
        )
    return cleaned


@dataclass(frozen=True, slots=True)
class FieldError:
    """A problem with one field of a form; ``field`` names the draft attribute."""

    field: str
    message: str


def validate_asset(draft: AssetDraft, today: dt.date | None = None) -> list[FieldError]:
    """Every problem in a draft, so a form can show each beside its field."""
    errors: list[FieldError] = []
    today = today or dt.date.today()

    def check(field_name: str, func: object, *args: object) -> None:
        try:
            func(*args)  # type: ignore[operator]
        except InvalidValue as exc:
            errors.append(FieldError(field_name, str(exc)))

    if not draft.name.strip():
        errors.append(FieldError("name", "Give the asset a name."))
    elif len(draft.name) > 200:
        errors.append(FieldError("name", "The name is longer than 200 characters."))
    check("website", parse_url, draft.website)
    check("email", parse_email, draft.email)
    check("phone", parse_phone, draft.phone)
    check("age_max", check_age_range, draft.age_min, draft.age_max)
    for age_field in ("age_min", "age_max"):
        age = getattr(draft, age_field)
        if age is not None and not 0 <= age <= 120:
            errors.append(FieldError(age_field, "Use an age from 0 to 120."))
    for i, loc in enumerate(draft.locations):
        if loc.postcode:
            check(f"locations[{i}].postcode", parse_postcode, loc.postcode)
        if loc.latitude is not None and not -90 <= loc.latitude <= 90:
            errors.append(FieldError(f"locations[{i}].latitude", "Latitude must be -90 to 90."))
        if loc.longitude is not None and not -180 <= loc.longitude <= 180:
            errors.append(FieldError(f"locations[{i}].longitude", "Longitude must be -180 to 180."))
        if (loc.latitude is None) != (loc.longitude is None):
            missing = "longitude" if loc.longitude is None else "latitude"
            errors.append(
                FieldError(
                    f"locations[{i}].{missing}", "Give both latitude and longitude, or neither."
                )
            )
    unknown = [a for a in draft.accessibility if a not in ACCESSIBILITY_FEATURES]
    if unknown:
        errors.append(FieldError("accessibility", f"Unknown accessibility feature: {unknown[0]}."))
    for i, slot in enumerate(draft.opening_times):
        check(f"opening_times[{i}]", check_time_range, slot.starts, slot.ends)
        if slot.day is None and slot.starts is None and not slot.note.strip():
            errors.append(FieldError(f"opening_times[{i}]", "Give a day, a time or a note."))
    for i, contact in enumerate(draft.contacts):
        check(f"contacts[{i}].email", parse_email, contact.email)
        check(f"contacts[{i}].phone", parse_phone, contact.phone)
    if draft.last_verified_on is not None and draft.last_verified_on > today:
        errors.append(FieldError("last_verified_on", "The date last checked is in the future."))
    return errors
