"""Writing the directory as Open Referral UK 3.0 JSON.

:func:`service_from_asset` turns one stored asset into a fully nested ORUK 3.0
service (organization, service_at_locations -> location -> addresses and
accessibility, schedules, cost_options, contacts, languages, attributes ->
taxonomy_term). :func:`write_oruk3_json` streams many of them into one page
object, the shape an ORUK API returns for ``/services``.

Every nested ``id`` is a UUID derived from the asset's id and the item's place
(``uuid5(asset_id, "location/0")``), so exporting the same directory twice
gives identical files. An organisation's id comes from its name and a
taxonomy term's from its taxonomy and name, so the same organisation or
category has the same id in every service that mentions it.

What the ORUK 3.0 profile has no field for: it removes ``phones`` from the
service and from contacts, ``email`` from contacts and ``name`` from
languages. The schema does not forbid extra properties, so those are written
under their HSDS 3.0 names (``phones: [{id, number}]`` on the service and on
each contact, ``email`` on a contact, ``name`` on a language): the file still
validates, and readers that know HSDS 3.0 keep the numbers and languages.

Never written: ``notes`` and ``verified_by`` (the team's private working notes
and names). Optional text that is empty is left out rather than sent as "".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import math
import os
import re
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from linkworker.domain.directory import (
    ACCESSIBILITY_FEATURES,
    AssetDetail,
    AssetStatus,
    Contact,
    Cost,
    Day,
    Location,
    OpeningTime,
)
from linkworker.interchange.records import Progress
from linkworker.interchange.saving import replaced_when_written

#: The root of every id this module derives; fixed forever, so ids stay stable.
NAMESPACE = uuid.UUID("c708ce61-432f-4daf-a009-f295cbf6b942")
_ORGANISATIONS = uuid.uuid5(NAMESPACE, "organization")

CATEGORY_TAXONOMY = "Link Worker categories"
TAG_TAXONOMY = "Link Worker tags"

_STATUS = {
    AssetStatus.ACTIVE: "active",
    AssetStatus.PAUSED: "temporarily closed",
    AssetStatus.CLOSED: "inactive",
}

_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORDINALS |= {"fourth": 4, "4th": 4, "last": -1}
_MONTHLY = re.compile(
    r"^(first|1st|second|2nd|third|3rd|fourth|4th|last)\s+([a-z]+?)s?\s+"
    r"(?:of|in)\s+(?:the|each|every)\s+month$",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


# Ids -------------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _uuid5(namespace: bytes, name: str) -> str:
    """``str(uuid.uuid5(UUID(bytes=namespace), name))``, without building UUID objects.

    An export derives some thirty ids a service, so this is most of its time.
    """
    digest = bytearray(hashlib.sha1(namespace + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


@functools.lru_cache(maxsize=4096)
def organisation_id(name: str) -> str:
    """The same organisation name (any case or spacing) always gives the same id."""
    return _uuid5(_ORGANISATIONS.bytes, _key(name))


@functools.lru_cache(maxsize=16)
def taxonomy_id(taxonomy: str) -> str:
    return _uuid5(NAMESPACE.bytes, "taxonomy/" + taxonomy)


@functools.lru_cache(maxsize=4096)
def term_id(taxonomy: str, name: str) -> str:
    return _uuid5(NAMESPACE.bytes, f"taxonomy/{taxonomy}/{_key(name)}")


class _Ids:
    """Ids under one asset: ``ids("location/0") == str(uuid.uuid5(asset_id, "location/0"))``."""

    def __init__(self, asset_id: uuid.UUID) -> None:
        self._root = asset_id.bytes

    def __call__(self, path: str) -> str:
        return _uuid5(self._root, path)


# Values ----------------------------------------------------------------------


def _put(target: dict[str, Any], key: str, value: object) -> None:
    """Set ``key`` unless the value is empty ("" or an empty list)."""
    if value is None or value == "" or value == []:
        return
    target[key] = value


def _uri(text: str) -> str:
    """An absolute URI, percent-encoding what RFC 3986 does not allow; "" if it is not one."""
    parts = urlsplit(text.strip())
    if not parts.scheme or not parts.netloc:
        return ""
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            netloc = netloc.encode("idna").decode("ascii")
        except UnicodeError:
            return ""
    safe = "/:@!$&'()*+,;=-._~%"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe + "?"),
            quote(parts.fragment, safe=safe + "?"),
        )
    )


def _email(text: str) -> str:
    cleaned = text.strip()
    return cleaned if _EMAIL.match(cleaned) else ""


def _coordinate(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _timestamp(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with ``Z``; the database keeps naive UTC times."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0).isoformat() + "Z"


def _clock(moment: dt.time) -> str:
    """Local wall-clock time as HH:MM (no offset: UK opening times move with BST)."""
    return moment.strftime("%H:%M")


# Parts of a service ----------------------------------------------------------


def _organisation(name: str) -> dict[str, Any]:
    # ``description`` is required by the schema; the directory holds none.
    return {"id": organisation_id(name), "name": name.strip(), "description": ""}


def _location(loc: Location, n: int, features: Iterable[str], ids: _Ids) -> dict[str, Any]:
    location_id = ids(f"location/{n}")
    location: dict[str, Any] = {"id": location_id, "location_type": "physical"}
    _put(location, "name", loc.name)
    latitude, longitude = _coordinate(loc.latitude), _coordinate(loc.longitude)
    if latitude is not None and longitude is not None:
        location["latitude"] = latitude
        location["longitude"] = longitude
    if loc.address or loc.town or loc.postcode:
        location["addresses"] = [
            {
                "id": ids(f"location/{n}/address"),
                "location_id": location_id,
                "address_1": loc.address,
                "city": loc.town,
                "state_province": "",  # required by the schema; UK addresses have none
                "postal_code": loc.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ]
    _put(
        location,
        "accessibility",
        [
            {
                "id": ids(f"location/{n}/accessibility/{key}"),
                "location_id": location_id,
                "description": ACCESSIBILITY_FEATURES.get(key, key),
            }
            for key in features
        ],
    )
    return location


def _monthly_byday(slot: OpeningTime) -> str:
    """'first Tuesday of the month' on a Tuesday slot -> '1TU'; '' when the note says otherwise."""
    match = _MONTHLY.match(slot.note.strip())
    if match is None or slot.day is None:
        return ""
    try:
        day = Day.parse(match.group(2))
    except ValueError:
        return ""
    if day != slot.day:
        return ""
    return f"{_ORDINALS[match.group(1).lower()]}{day.name[:2]}"


def _schedule(slot: OpeningTime, n: int, service_id: str, ids: _Ids) -> dict[str, Any]:
    """A weekly slot in RFC 5545 terms; a note-only slot as its description alone."""
    schedule: dict[str, Any] = {"id": ids(f"schedule/{n}"), "service_id": service_id}
    if slot.day is not None:
        monthly = _monthly_byday(slot)
        schedule["freq"] = "MONTHLY" if monthly else "WEEKLY"
        schedule["byday"] = monthly or slot.day.name[:2]
    if slot.starts is not None:
        schedule["opens_at"] = _clock(slot.starts)
    if slot.ends is not None:
        schedule["closes_at"] = _clock(slot.ends)
    _put(schedule, "description", slot.describe())
    return schedule


def _cost_options(detail: AssetDetail, service_id: str, ids: _Ids) -> list[dict[str, Any]]:
    draft = detail.draft
    option: dict[str, Any] = {
        "id": ids("cost_option/0"),
        "service_id": service_id,
        "option": draft.cost.label,
    }
    if draft.cost is Cost.FREE:
        option["amount"] = 0
    _put(option, "amount_description", draft.cost_note.strip())
    return [option]


def _phone(number: str, path: str, ids: _Ids, **links: str) -> dict[str, Any]:
    return {"id": ids(path), **links, "number": number}


def _contact(contact: Contact, n: int, service_id: str, ids: _Ids) -> dict[str, Any]:
    contact_id = ids(f"contact/{n}")
    entry: dict[str, Any] = {"id": contact_id, "service_id": service_id}
    _put(entry, "name", contact.name)
    _put(entry, "title", contact.role)
    _put(entry, "email", _email(contact.email))
    if contact.phone:
        entry["phones"] = [
            _phone(contact.phone, f"contact/{n}/phone/0", ids, contact_id=contact_id)
        ]
    return entry


def _attributes(
    names: Iterable[str], taxonomy: str, kind: str, service_id: str, ids: _Ids, source: str
) -> list[dict[str, Any]]:
    where = f"the {source} Link Worker directory" if source else "the Link Worker directory"
    attributes: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name in names:
        key = _key(name)
        if not key or key in seen:
            continue
        seen.add(key)
        tid = term_id(taxonomy, name)
        attributes.append(
            {
                "id": ids(f"attribute/{kind}/{key}"),
                "link_id": service_id,
                "taxonomy_term_id": tid,
                "taxonomy_term": {
                    "id": tid,
                    "name": name.strip(),
                    "description": f"A {kind} of community asset in {where}.",
                    "taxonomy": taxonomy,
                    "taxonomy_id": taxonomy_id(taxonomy),
                    "term": name.strip(),
                },
            }
        )
    return attributes


def _alert(detail: AssetDetail) -> str:
    bits = [detail.draft.capacity_note.strip()]
    if detail.draft.waiting_list:
        bits.append("There is a waiting list.")
    return " ".join(b for b in bits if b)


# A service -------------------------------------------------------------------


def service_from_asset(detail: AssetDetail, source_name: str = "") -> dict[str, Any]:
    """One asset as a fully nested ORUK 3.0 service (see the module notes).

    ``source_name`` names the directory the export comes from (a team or
    area); it only appears in the taxonomy terms' descriptions.
    """
    draft = detail.draft
    ids = _Ids(detail.id)
    service_id = str(detail.id)
    service: dict[str, Any] = {"id": service_id}
    if draft.organisation.strip():
        service["organization_id"] = organisation_id(draft.organisation)
    service["name"] = draft.name.strip()
    _put(service, "description", draft.description)
    _put(service, "url", _uri(draft.website))
    _put(service, "email", _email(draft.email))
    service["status"] = "defunct" if detail.archived else _STATUS[draft.status]
    fees = draft.cost.label + (f": {draft.cost_note.strip()}" if draft.cost_note.strip() else "")
    service["fees"] = fees
    _put(service, "minimum_age", draft.age_min)
    _put(service, "maximum_age", draft.age_max)
    if draft.last_verified_on is not None:
        service["assured_date"] = draft.last_verified_on.isoformat()
    _put(service, "alert", _alert(detail))
    service["last_modified"] = _timestamp(detail.updated_at)
    _put(
        service,
        "schedules",
        [_schedule(s, n, service_id, ids) for n, s in enumerate(draft.opening_times)],
    )
    _put(
        service,
        "service_at_locations",
        [
            {
                "id": ids(f"service_at_location/{n}"),
                "service_id": service_id,
                "location_id": ids(f"location/{n}"),
                "location": _location(loc, n, draft.accessibility, ids),
            }
            for n, loc in enumerate(draft.locations)
        ],
    )
    _put(
        service,
        "languages",
        [
            {"id": ids(f"language/{n}"), "service_id": service_id, "name": name}
            for n, name in enumerate(draft.languages)
            if name.strip()
        ],
    )
    if draft.organisation.strip():
        service["organization"] = _organisation(draft.organisation)
    service["cost_options"] = _cost_options(detail, service_id, ids)
    _put(
        service,
        "contacts",
        [_contact(c, n, service_id, ids) for n, c in enumerate(draft.contacts)],
    )
    if draft.phone:
        service["phones"] = [_phone(draft.phone, "phone/0", ids, service_id=service_id)]
    _put(
        service,
        "attributes",
        _attributes(draft.categories, CATEGORY_TAXONOMY, "category", service_id, ids, source_name)
        + _attributes(draft.tags, TAG_TAXONOMY, "tag", service_id, ids, source_name),
    )
    return service


# A page of services, streamed ------------------------------------------------


def _page_header(total: int) -> str:
    """Everything before the first service; one key a line (the counts are ASCII)."""
    fields = {
        "total_items": total,
        "total_pages": 1,
        "page_number": 1,
        "size": total,
        "first_page": True,
        "last_page": True,
        "empty": total == 0,
    }
    lines = [f"{json.dumps(k)}: {json.dumps(v)}," for k, v in fields.items()]
    return "{\n" + "\n".join(lines) + '\n"contents": ['


def write_oruk3_json(
    details: Iterable[AssetDetail],
    path: Path,
    total: int,
    progress: Progress | None = None,
    *,
    source_name: str = "",
) -> int:
    """Write every detail as one ORUK 3.0 page of services; returns how many.

    Streams: each service is written as soon as it is read, one service a
    line (compact inside, so 5,000 services stay small, and a line-by-line
    diff of two exports shows which services changed). UTF-8, not escaped.
    ``total`` goes in the page counts; if the details turn out to be a
    different number, the counts are corrected before the file is moved
    into place. The file is written next to ``path`` under a temporary name
    and replaces it only when complete; an OSError becomes
    :class:`~linkworker.errors.ExportFailed` and any file already there is
    left as it was.
    """
    count = 0

    def correct_counts(temp: Path) -> None:
        if count != total:
            _correct_counts(temp, total, count)

    with replaced_when_written(path, finish=correct_counts) as stream:
        stream.write(_page_header(total))
        for detail in details:
            text = json.dumps(
                service_from_asset(detail, source_name),
                ensure_ascii=False,
                separators=(",", ":"),
            )
            stream.write(("\n" if count == 0 else ",\n") + text)
            count += 1
            if progress is not None and count % 50 == 0:
                progress(count, max(total, count))
        stream.write("\n]\n}\n")
    if progress is not None:
        progress(count, count)
    return count


def _correct_counts(temp: Path, written: int, actual: int) -> None:
    """Rewrite the page counts of a finished temporary file (the directory changed meanwhile)."""
    old_header = len(_page_header(written).encode("ascii"))
    fixed = temp.with_name(temp.name + ".fix")
    try:
        with temp.open("rb") as source, fixed.open("wb") as target:
            source.seek(old_header)
            target.write(_page_header(actual).encode("ascii"))
            while chunk := source.read(1 << 20):
                target.write(chunk)
            target.flush()
            os.fsync(target.fileno())
        os.replace(fixed, temp)
    finally:
        with contextlib.suppress(OSError):
            fixed.unlink()
