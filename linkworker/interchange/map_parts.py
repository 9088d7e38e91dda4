"""What the ORUK 3.0 and v1 mappings share: a service's pieces, read into one draft.

Each version's module (:mod:`~linkworker.interchange.oruk3_map`,
:mod:`~linkworker.interchange.oruk1_map`) only finds the pieces in its own shapes
and fills a :class:`ServiceParts`; :func:`build_record` does the rest: cleaning,
checking, dropping bad values with a warning, and refusing only a record that
cannot be used (no name, no id).

Speed matters here (an import maps thousands of services), so the common cases
take short paths: plain text skips cleaning, numbers skip their text, and what
feeds repeat (schedules, terms, postcodes, dates) is read once and remembered.
Each short path gives exactly what the long one would.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.validation import (
    InvalidValue,
    parse_email,
    parse_phone,
    parse_postcode,
    parse_url,
)
from linkworker.interchange.clock import slots_from_schedule
from linkworker.interchange.records import SourceRecord
from linkworker.interchange.taxonomy import (
    TaxonomyTerm,
    accessibility_features,
    classify_terms,
    language_name,
)
from linkworker.interchange.text_clean import (
    MARKERS,
    clean_text,
    one_line,
    quick_line,
    quick_text,
)

Row = Mapping[str, Any]

#: The cost note when a source says nothing about cost (the draft's cost stays Free).
COST_NOT_GIVEN = "Cost not given by the source"
#: Highest amount, in pounds, that still counts as low cost.
LOW_COST_MOST = Decimal(5)
NAME_LONGEST = 200


def rows(value: object) -> list[Row]:
    """The objects of a JSON array (one object counts as a list of one; anything else, none)."""
    if type(value) is list:  # the usual case, checked first and cheaply
        return [v for v in value if type(v) is dict or isinstance(v, Mapping)]
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, Mapping)]
    return []


def add_rows(target: list[Row], *values: object) -> list[Row]:
    """``target`` with the objects of each of ``values`` (as :func:`rows` reads them) added."""
    for value in values:
        if value is not None:
            target.extend(rows(value))
    return target


def obj(value: object) -> Row:
    if type(value) is dict:
        return value
    return value if isinstance(value, Mapping) else {}


def first(row: Row, *keys: str) -> Any:
    """The first of ``keys`` that ``row`` has a non-empty value for."""
    for key in keys:
        value = row.get(key)
        if value is not None and value != "" and value != []:
            return value
    return None


@dataclass(slots=True)
class LocationParts:
    name: object = None
    location_type: object = None
    addresses: list[Row] = field(default_factory=list)
    latitude: object = None
    longitude: object = None
    accessibility: Sequence[object] = field(default_factory=list)
    languages: Sequence[object] = field(default_factory=list)
    phones: Sequence[object] = field(default_factory=list)


@dataclass(slots=True)
class ServiceParts:
    """The raw values of one service, found in whichever shape the source uses."""

    id: object = None
    name: object = None
    description: object = None
    alert: object = None
    organisation: Row = field(default_factory=dict)
    url: object = None
    email: object = None
    status: object = None
    fees: Sequence[object] = field(default_factory=list)
    cost_options: list[Row] = field(default_factory=list)
    min_ages: Sequence[object] = field(default_factory=list)
    max_ages: Sequence[object] = field(default_factory=list)
    eligibility: Sequence[object] = field(default_factory=list)
    #: Texts that may say how to join ("drop in", "referral required", "waiting list").
    join_texts: Sequence[object] = field(default_factory=list)
    #: A structured way of joining (ORUK v1 ``attending_access``), stronger than text.
    attending_access: object = None
    wait_time: object = None
    locations: list[LocationParts] = field(default_factory=list)
    phones: Sequence[object] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    schedules: list[Row] = field(default_factory=list)
    languages: Sequence[object] = field(default_factory=list)
    terms: list[TaxonomyTerm] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    assured_date: object = None
    assurer_email: object = None
    last_modified: object = None


class _Mapper:
    """Turns :class:`ServiceParts` into a draft, noting every fix as a warning."""

    __slots__ = ("today", "warnings")

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def text(self, raw: object, what: str) -> str:
        if raw is None:
            return ""
        quick = quick_text(raw)  # most values need no cleaning, and nothing to say
        if quick is not None:
            return quick
        cleaned = clean_text(raw)
        for change in cleaned.changes:
            joiner = "from" if change.startswith(("removed", "ignored")) else "in"
            self.warn(f"{change} {joiner} the {what}")
        return cleaned.text

    def line(self, raw: object, what: str) -> str:
        if raw is None:
            return ""
        if type(raw) is str:  # quick_line, without the call
            if raw.isascii():  # then no mis-encoding marker can be in it
                if not ("<" in raw or "&" in raw or "\\" in raw or "\r" in raw):
                    return " ".join(raw.split())
            elif _marked(raw) is None:
                return " ".join(raw.split())
        quick = quick_line(raw)
        if quick is not None:
            return quick
        return one_line(self.text(raw, what))

    # Single values -------------------------------------------------------------

    def checked(self, raw: object, what: str, parse: Any) -> str:
        text = self.line(raw, what)
        if not text:
            return ""
        try:
            return str(parse(text))
        except InvalidValue:
            self.warn(f"{what} '{text}' is not valid; left out")
            return ""

    def phone(self, raw: object, what: str) -> str:
        number = raw.get("number") if type(raw) is dict or isinstance(raw, Mapping) else raw
        text = self.line(number, what).strip("\"' ")
        if not text:
            return ""
        try:
            return parse_phone(text)
        except InvalidValue:
            self.warn(f"{what} '{text}' is not a UK phone number; left out")
            return ""

    def first_phone(self, raws: Iterable[object], what: str) -> str:
        """The first valid number; every one is read, so each bad one is reported."""
        chosen = ""
        for raw in raws:
            number = self.phone(raw, what)
            if number and not chosen:
                chosen = number
        return chosen

    def age(self, raw: object, what: str) -> int | None:
        if type(raw) is int and 0 <= raw <= 120:
            return raw
        text = self.line(raw, what)
        if not text:
            return None
        match = _AGE.fullmatch(text)
        if not match or len(match.group(1)) > 4:
            self.warn(f"{what} '{text}' is not a number of years; left out")
            return None
        age = int(match.group(1))
        if not 0 <= age <= 120:
            self.warn(f"{what} {age} is outside 0 to 120; left out")
            return None
        return age

    def ages(self, parts: ServiceParts) -> tuple[int | None, int | None]:
        low: int | None = None
        high: int | None = None
        for raw in parts.min_ages:
            age = self.age(raw, "minimum age")
            if age is not None and (low is None or age < low):
                low = age
        for raw in parts.max_ages:
            age = self.age(raw, "maximum age")
            if age is not None and (high is None or age > high):
                high = age
        if high == 0:
            self.warn("maximum age 0 read as no upper age limit")
            high = None
        if low is not None and high is not None and low > high:
            self.warn(f"minimum age {low} is above maximum age {high}; both left out")
            return None, None
        return low, high

    def status(self, raw: object) -> AssetStatus:
        text = self.line(raw, "status").lower().replace("_", " ")
        if text in ("", "active"):
            return AssetStatus.ACTIVE
        if text in ("temporarily closed", "paused", "suspended"):
            return AssetStatus.PAUSED
        if text in ("inactive", "defunct", "closed"):
            return AssetStatus.CLOSED
        self.warn(f"status '{text}' is not one the standard knows; read as active")
        return AssetStatus.ACTIVE

    def date(self, raw: object, what: str) -> dt.date | None:
        text = self.line(raw, what)
        if not text:
            return None
        found = _read_date(text)
        if found is None:
            self.warn(f"{what} '{text}' is not a date; left out")
        elif found > self.today:
            self.warn(f"{what} {found:%d/%m/%Y} is in the future; left out")
            return None
        return found

    def moment(self, raw: object) -> dt.datetime | None:
        text = self.line(raw, "last modified time")
        if not text:
            return None
        when = _read_moment(text)
        if when is None:
            self.warn(f"last modified time '{text}' is not a date and time; left out")
        return when

    # Cost and joining ------------------------------------------------------------

    def cost(self, parts: ServiceParts, description: str) -> tuple[Cost, str]:
        amounts: list[Decimal] = []
        notes: list[str] = []
        fee_texts: list[str] = []
        #: Levels options name outright ("Low cost"), and the fees texts that only repeat them.
        stated: list[Cost] = []
        repeats: set[str] = set()
        for raw in parts.fees:
            text = self.text(raw, "fees")
            if text and _PLACEHOLDER.fullmatch(text):
                self.warn(f"fees text '{text}' looks like a placeholder; left out")
            elif text and text not in fee_texts:
                fee_texts.append(text)
        for option in parts.cost_options:
            amount = _amount(option.get("amount"))
            if option.get("amount") not in (None, "") and amount is None:
                self.warn(
                    f"cost amount '{self.line(option.get('amount'), 'cost')}' is not a number"
                )
            currency = self.line(option.get("currency"), "cost").upper()
            money = ""
            if amount is not None:
                amounts.append(amount)
                money = _money(amount, currency)  # never empty
            said = self.line(option.get("amount_description"), "cost")
            choice = self.line(option.get("option"), "cost")
            level = _LEVELS.get(choice.casefold()) if choice else None
            if level is not None:
                # The option only names the cost level, as a Link Worker export writes it
                # (with the same again in "fees"): that is the cost itself, not a note.
                stated.append(level)
                repeats.update((_key(choice), _key(f"{choice}: {said}")))
                choice = ""
                if level is Cost.FREE and money == "Free":
                    money = ""
            head = f"{money} {said}" if money and said else money or said
            note = f"{head}; {choice}" if head and choice else head or choice
            if note and note not in notes:
                notes.append(note)
        fee_words = " ".join(fee_texts)
        if repeats:
            fee_texts = [f for f in fee_texts if _key(f) not in repeats]
        cost_note = _join_sentences([*fee_texts, *notes])
        if not amounts and not stated and "£" in fee_words:
            amounts = [_amount(m) or Decimal(0) for m in _POUNDS.findall(fee_words)]
        if amounts:
            top = max(amounts)
            cost = Cost.FREE if top == 0 else Cost.LOW_COST if top <= LOW_COST_MOST else Cost.PAID
        elif stated:
            cost = max(stated, key=_COST_ORDER.index)
        elif _FREE.search(fee_words):
            cost = Cost.FREE
        elif _LOW.search(fee_words):
            cost = Cost.LOW_COST
        elif _PAID.search(fee_words):
            cost = Cost.PAID
        elif fee_words:
            cost = Cost.FREE
            self.warn(f"could not tell the cost from '{fee_words[:60]}'; read as free")
        else:
            cost = Cost.FREE
            if not (_mentions(description.lower(), _FREE_WORDS) and _FREE.search(description)):
                cost_note = COST_NOT_GIVEN
        return cost, cost_note[:500]

    def join_mode(self, parts: ServiceParts, texts: list[str]) -> JoinMode:
        access = self.line(parts.attending_access, "attending access").lower()
        if access == "referral":
            return JoinMode.REFERRAL
        if access in ("drop-in", "drop in", "dropin"):
            return JoinMode.DROP_IN
        if access in ("appointment", "membership"):
            return JoinMode.SELF_REFERRAL
        if access:
            self.warn(f"attending access '{access}' is not one the standard knows")
        words = " ".join(texts)
        low = words.lower()
        # Every referral phrase holds "refer", and the usual text none: skip the slow search.
        if "refer" in low:
            words = _NOT_REFERRAL.sub(" ", words)
            if _REFERRAL.search(words):
                return JoinMode.REFERRAL
        if _mentions(low, _DROP_IN_WORDS) and _DROP_IN.search(words):
            return JoinMode.DROP_IN
        return JoinMode.SELF_REFERRAL

    # Places ------------------------------------------------------------------------

    def coordinates(self, lat_raw: object, lon_raw: object) -> tuple[float | None, float | None]:
        if type(lat_raw) is float and type(lon_raw) is float:
            # What reading their text gives (+ 0.0 turns -0.0 into 0.0, as the text "0" does).
            north, east = lat_raw + 0.0, lon_raw + 0.0
            if -90 <= north <= 90 and -180 <= east <= 180 and (north != 0 or east != 0):
                return north, east
        lat_text = self.line(lat_raw, "latitude")
        lon_text = self.line(lon_raw, "longitude")
        if not lat_text and not lon_text:
            return None, None
        kept = "location kept without coordinates"
        if not lat_text or not lon_text:
            given = "latitude" if lat_text else "longitude"
            self.warn(f"only a {given} was given; {kept}")
            return None, None
        lat, lon = _number(lat_text), _number(lon_text)
        for value, text, what, limit in (
            (lat, lat_text, "latitude", 90),
            (lon, lon_text, "longitude", 180),
        ):
            if value is None:
                self.warn(f"{what} '{text}' is not a number; {kept}")
                return None, None
            if not -limit <= value <= limit:
                self.warn(f"{what} {text} is out of range; {kept}")
                return None, None
        if lat == 0 and lon == 0:
            self.warn(f"latitude 0, longitude 0 is a placeholder; {kept}")
            return None, None
        return lat, lon

    def location(self, parts: LocationParts) -> Location | None:
        name = self.line(parts.name, "location name")
        addresses = parts.addresses
        if len(addresses) > 1:
            physical = [
                a for a in addresses if str(a.get("address_type") or "").lower() == "physical"
            ]
            address = (physical or addresses)[0]
        else:
            address = addresses[0] if addresses else {}
        lines: list[str] = []
        for key in ("address_1", "address_2", "address_3", "address_4"):
            raw = address.get(key)
            if raw is not None:
                line = self.line(raw, "address")
                if line and line not in lines:
                    lines.append(line)
        street = ", ".join(lines)
        town = self.line(first(address, "city", "locality", "town"), "town")
        postcode = ""
        raw_postcode = self.line(first(address, "postal_code", "postcode"), "postcode")
        if raw_postcode:
            try:
                postcode = _postcode(raw_postcode)
            except InvalidValue:
                self.warn(
                    f"postcode '{raw_postcode}' is not a UK postcode; kept in the address instead"
                )
                street = ", ".join(x for x in (street, raw_postcode) if x)
        lat, lon = self.coordinates(parts.latitude, parts.longitude)
        if not (name or street or town or postcode or lat is not None):
            return None
        return Location(name, street, town, postcode, lat, lon)

    def contact(self, row: Row) -> Contact | None:
        phones: Sequence[object] = rows(row.get("phones"))
        if not phones and row.get("phone"):
            phones = (row.get("phone"),)
        name = self.line(row.get("name"), "contact name")
        role = self.line(first(row, "title", "department"), "contact title")
        phone = self.first_phone(phones, "contact phone")
        email = self.checked(row.get("email"), "contact email", _email)
        if not (name or role or phone or email):
            return None
        return Contact(name=name, role=role, phone=phone, email=email)

    def opening_times(self, schedules: list[Row]) -> tuple[OpeningTime, ...]:
        # Feeds repeat one schedule at service, service-at-location and location level;
        # a repeat adds no slot and no warning (and reading one again is cheap: cached).
        slots: list[OpeningTime] = []
        for row in schedules:
            found, warnings = slots_from_schedule(row)
            for message in warnings:
                self.warn(message)
            for slot in found:
                if slot not in slots:
                    slots.append(slot)
        return tuple(slots)

    def languages(self, raws: Iterable[object]) -> tuple[str, ...]:
        names: list[str] = []
        seen: set[str] = set()
        for raw in raws:
            if type(raw) is dict or isinstance(raw, Mapping):
                raw = first(raw, "name", "language", "code")
            text = self.line(raw, "language")
            for piece in _LANGUAGE_SEPARATORS.split(text) if _has_separator(text) else (text,):
                name = language_name(piece)
                if name and name.casefold() not in seen:
                    seen.add(name.casefold())
                    names.append(name)
        return tuple(names)


_AGE = re.compile(r"(-?\d+)(?:\.0*)?(?:\s*(?:years?|yrs?)(?:\s*old)?)?\+?", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
#: A field name left in as a placeholder ("fees_description").
_PLACEHOLDER = re.compile(r"[a-z]+(?:_[a-z]+)+")
_POUNDS = re.compile(r"£\s*(\d+(?:\.\d{1,2})?)")
_LANGUAGE_SEPARATORS = re.compile(r"[,;/]")
_has_separator = _LANGUAGE_SEPARATORS.search
_marked = MARKERS.search
_MAILTO = re.compile(r"(?i)^mailto:")
#: Postcodes repeat (many services meet in one hall); a bad one is checked each time.
_postcode = functools.lru_cache(maxsize=2048)(parse_postcode)


@functools.lru_cache(maxsize=1024)
def _read_date(text: str) -> dt.date | None:
    """A date written 2024-11-20 (maybe with a time after it) or 20/11/2024; None if not."""
    try:
        iso = _ISO_DATE.match(text)
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        uk = _UK_DATE.match(text)
        if uk:
            return dt.date(int(uk.group(3)), int(uk.group(2)), int(uk.group(1)))
    except ValueError:
        pass
    return None


@functools.lru_cache(maxsize=1024)
def _read_moment(text: str) -> dt.datetime | None:
    """An ISO 8601 date and time, as naive UTC when it gives an offset; None if not one."""
    try:
        when = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when


_FREE = re.compile(
    r"(?<![-‑])(?<!gluten )(?<!smoke )(?<!alcohol )(?<!sugar )(?<!dairy )(?<!step )(?<!feel )"
    r"\bfree\b(?! (?:parking|wifi|wi-fi|car park|from|to (?!attend|join|use))\b)|"
    r"no charge|no cost|£0(?:\.00)?\b|"
    r"\bnothing to pay\b|\bno fees?\b",
    re.IGNORECASE,
)
_LOW = re.compile(
    r"low cost|small (?:charge|fee|cost)|nominal|subsidi[sz]ed|donation|"
    r"concession|\bsmall contribution",
    re.IGNORECASE,
)
_PAID = re.compile(r"\b(?:charge|fee|fees|cost|costs|pay|paid|price|per session|per hour)\b", re.I)
_NOT_REFERRAL = re.compile(
    r"\b(?:no (?:need for (?:a )?)?referrals?(?: (?:is |are )?(?:needed|required|necessary))?|"
    r"without (?:a )?referral|self[- ]referrals?|refer (?:yourself|themselves))\b",
    re.IGNORECASE,
)
_REFERRAL = re.compile(
    r"\b(?:referrals? (?:is |are )?(?:required|needed|necessary|only)|must be referred|"
    r"by referral|needs? (?:a )?referral|referred by|on referral|professional referral)\b",
    re.IGNORECASE,
)
_DROP_IN = re.compile(
    r"\b(?:drop[- ]?ins?|just turn up|just come along|turn up on the day|no need to book|"
    r"no booking)\b",
    re.IGNORECASE,
)
_WAITING = re.compile(r"\b(?:waiting[- ]list|wait[- ]?list)\b", re.IGNORECASE)
_NO_WAITING = re.compile(r"\bno (?:current )?(?:waiting[- ]list|wait[- ]?list)\b", re.IGNORECASE)

# The searches above are slow on long descriptions, so a text is searched only when its
# lower case holds a piece of every phrase they can match. With re.IGNORECASE only "ı",
# "İ" (for i) and "ſ" (for s) match a letter they do not lower-case to; the pieces hold
# no i or s, or the text is searched anyway when it has one of those characters.
_DROP_IN_WORDS = ("drop", "turn up", "t come along", "book")
_FREE_WORDS = ("free", "no charge", "no co", "£0", "ng to pay", "no fee")


def _mentions(low: str, pieces: tuple[str, ...]) -> bool:
    return any(map(low.__contains__, pieces))


def _may_say_wait(text: str) -> bool:
    return "wait" in text.lower() or "\u0131" in text or "\u0130" in text


#: The directory's cost levels by their labels ("free", "low cost", "paid").
_LEVELS = {cost.label.casefold(): cost for cost in Cost}
_COST_ORDER = [Cost.FREE, Cost.LOW_COST, Cost.PAID]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _email(text: str) -> str:
    """An email address; a ``mailto:`` in front (from a web page) is not part of it."""
    text = text.strip()
    return parse_email(_MAILTO.sub("", text) if ":" in text else text)


def _join_sentences(parts: list[str]) -> str:
    """Join with "; ", or a space after a part that ends its own sentence."""
    out = ""
    for part in parts:
        if out:
            out += " " if out[-1] in ".!?" else "; "
        out += part
    return out


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _amount(raw: object) -> Decimal | None:
    if type(raw) is int and raw >= 0:
        return Decimal(raw)
    quick = quick_text(raw)
    text = (clean_text(raw).text if quick is None else quick).replace("£", "").replace(",", "")
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


def _money(amount: Decimal, currency: str) -> str:
    if amount == 0:
        return "Free"
    shown = f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"
    if currency in ("", "GBP"):
        return f"£{shown}"
    return f"{shown} {currency}"


def build_record(parts: ServiceParts, label: str, today: dt.date | None = None) -> SourceRecord:
    """The source record for one service's parts: a checked draft, warnings and problems."""
    today = today or dt.date.today()
    m = _Mapper(today)
    problems: list[str] = []
    source_id = m.line(parts.id, "id")
    name = m.line(parts.name, "name")
    if len(name) > NAME_LONGEST:
        m.warn(f"the name is longer than {NAME_LONGEST} characters; cut short")
        name = name[:NAME_LONGEST].rstrip()
    if not name:
        problems.append("has no name")
    if not source_id:
        problems.append("has no id, so a later refresh could not find it again")

    description = m.text(parts.description, "description")
    alert = m.text(parts.alert, "alert")
    if alert:
        description = f"Please note: {alert}\n\n{description}".strip()
    org = parts.organisation
    organisation = m.line(org.get("name"), "organisation name")
    website = m.checked(parts.url, "web address", parse_url) or m.checked(
        first(org, "website", "url"), "organisation web address", parse_url
    )
    email = m.checked(parts.email, "email", _email) or m.checked(
        org.get("email"), "organisation email", _email
    )

    locations: list[Location] = []
    tags: list[str] = list(parts.tags)
    access_texts: list[object] = []
    language_raws: list[object] = list(parts.languages)
    for place in parts.locations:
        kind = m.line(place.location_type, "location type").lower()
        found = m.location(place)
        if kind == "virtual" and (found is None or not (found.address or found.postcode)):
            tags.append("Online")
        elif found is not None and found not in locations:
            locations.append(found)
        access_texts.extend(place.accessibility)
        language_raws.extend(place.languages)
    features: tuple[str, ...] = ()
    leftover: tuple[str, ...] = ()
    if access_texts:
        features, leftover = accessibility_features(
            [m.text(t, "accessibility") for t in access_texts]
        )

    contacts: list[Contact] = []
    for row in parts.contacts:
        person = m.contact(row)
        if person is not None and person not in contacts:
            contacts.append(person)
    phone = m.first_phone(parts.phones, "phone") if parts.phones else ""
    if not phone:
        # A contact's phone is already checked (valid or ""), so it needs no second look.
        phone = next((c.phone for c in contacts if c.phone), "")
    # The rest are read even when a phone is found, to report any that are not valid.
    for place in parts.locations:
        if place.phones:
            other = m.first_phone(place.phones, "location phone")
            phone = phone or other
    org_phones = org.get("phones")
    if org_phones is not None:
        other = m.first_phone(rows(org_phones), "organisation phone")
        phone = phone or other

    conditions: list[str] = []
    for raw in parts.eligibility:
        condition = m.text(raw, "eligibility")
        if condition and condition not in conditions:
            conditions.append(condition)
    eligibility = "; ".join(conditions)
    if leftover:
        eligibility = "\n".join(x for x in (eligibility, "Access: " + " ".join(leftover)) if x)
    join_texts = [description, *(m.text(t, "how to join") for t in parts.join_texts)]
    wait_time = m.text(parts.wait_time, "wait time")
    if wait_time and _PLACEHOLDER.fullmatch(wait_time):
        wait_time = ""  # a field name left in as a placeholder
    said = " ".join([*join_texts, wait_time])
    waiting_list = (
        _may_say_wait(said) and bool(_WAITING.search(said)) and not _NO_WAITING.search(said)
    )
    cost, cost_note = m.cost(parts, description)
    age_min, age_max = m.ages(parts)
    categories, term_tags, term_warnings = classify_terms(parts.terms)
    for message in term_warnings:
        m.warn(message)
    all_tags: list[str] = []
    seen_tags: set[str] = set()
    for tag in (*term_tags, *tags):
        if tag and tag.casefold() not in seen_tags:
            seen_tags.add(tag.casefold())
            all_tags.append(tag)

    # In this order, so the warnings come in the order they always have.
    join_mode = m.join_mode(parts, join_texts)
    languages = m.languages(language_raws)
    status = m.status(parts.status)
    opening_times = m.opening_times(parts.schedules)
    verified = m.date(parts.assured_date, "assured date")
    draft = AssetDraft(
        name=name,
        organisation=organisation,
        description=description,
        categories=categories,
        tags=tuple(all_tags),
        cost=cost,
        cost_note=cost_note,
        join_mode=join_mode,
        age_min=age_min,
        age_max=age_max,
        eligibility=eligibility,
        accessibility=features,
        languages=languages,
        status=status,
        capacity_note=wait_time,
        waiting_list=waiting_list,
        website=website,
        email=email,
        phone=phone,
        locations=tuple(locations),
        opening_times=opening_times,
        contacts=tuple(contacts),
        last_verified_on=verified,
    )
    # No validate_asset here: every value above was read through the check the database
    # makes (parse_url, parse_email, parse_phone, parse_postcode, the age, coordinate,
    # time and date ranges) and left out with a warning when it failed, so the draft
    # passes it by construction (tests hold every mapping to that). The import checks
    # each draft again before writing it.
    return SourceRecord(
        source_id=source_id,
        draft=draft,
        label=label,
        problems=tuple(problems),
        warnings=tuple(m.warnings),
        modified_at=m.moment(parts.last_modified),
        assured_by=m.line(parts.assurer_email, "assurer email"),
        terms=tuple(parts.terms),
    )
