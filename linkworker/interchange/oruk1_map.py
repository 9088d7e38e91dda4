"""One Open Referral UK v1 service (the LGA JSON shape), as the directory's draft.

Accepts both spellings real feeds use (``service_taxonomys`` and
``service_taxonomies``, ``eligibilitys`` and ``eligibilities``), ``regular_schedules``
with a ``weekday`` or RFC 5545 ``byday``/``freq``, ``service_at_locations`` with
``physical_addresses`` and ``accessibility_for_disabilities``, ``contacts`` with
``phones``, ``cost_options``, ``languages`` and ``organization``. Holiday
schedules are not read (the directory has no closures). The shared rules are in
:func:`~linkworker.interchange.map_parts.build_record`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from linkworker.interchange.map_parts import (
    LocationParts,
    Row,
    ServiceParts,
    build_record,
    first,
    obj,
    rows,
)
from linkworker.interchange.records import SourceRecord
from linkworker.interchange.taxonomy import TaxonomyTerm
from linkworker.interchange.text_clean import clean_text

#: ORUK v1 ``attending_type`` values that say how the service is reached, as tags.
ATTENDING_TAGS = {"online": "Online", "phone": "By phone", "home visit": "Home visits"}


def _all(service: Mapping[str, Any], *keys: str) -> list[Row]:
    found: list[Row] = []
    for key in keys:
        found.extend(rows(service.get(key)))
    return found


def taxonomy_terms(links: list[Row]) -> list[TaxonomyTerm]:
    """The terms of ``service_taxonomys`` rows (each with a nested ``taxonomy``)."""
    terms: list[TaxonomyTerm] = []
    for link in links:
        term = obj(link.get("taxonomy")) or link
        name = first(term, "name", "term")
        if name is None:
            continue
        parent = term.get("parent")
        parent_name = obj(parent).get("name") if isinstance(parent, Mapping) else None
        terms.append(
            TaxonomyTerm(
                str(name),
                str(first(term, "vocabulary", "taxonomy") or ""),
                str(parent_name or term.get("parent_name") or ""),
            )
        )
    return terms


def _accessibility_texts(location: Row) -> list[object]:
    texts: list[object] = []
    for row in _all(location, "accessibility_for_disabilities", "accessibility"):
        for key in ("accessibility", "description", "details"):
            value = row.get(key)
            if value and value not in texts:
                texts.append(value)
    return texts


def _languages(value: object) -> list[object]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str | Mapping)]
    return []


def _location(link: Row) -> LocationParts:
    place = obj(link.get("location"))
    addresses = _all(place, "physical_addresses", "addresses", "postal_addresses")
    return LocationParts(
        name=place.get("name"),
        location_type=place.get("location_type"),
        addresses=addresses,
        latitude=place.get("latitude"),
        longitude=place.get("longitude"),
        accessibility=_accessibility_texts(place),
        languages=_languages(place.get("languages")),
        phones=[*rows(link.get("phones")), *rows(place.get("phones"))],
    )


def record_from_oruk1(
    service: Mapping[str, Any], label: str, today: dt.date | None = None
) -> SourceRecord:
    """The source record for one ORUK v1 service."""
    eligibilities = _all(service, "eligibilitys", "eligibilities", "eligibility")
    terms = taxonomy_terms(_all(service, "service_taxonomys", "service_taxonomies", "taxonomies"))
    deliverable = clean_text(service.get("deliverable_type")).text
    if deliverable:
        terms.append(TaxonomyTerm(deliverable, "deliverable_type"))
    tags = [
        ATTENDING_TAGS[kind]
        for kind in re.split(r"\s*[,;]\s*", clean_text(service.get("attending_type")).text.lower())
        if kind in ATTENDING_TAGS
    ]
    parts = ServiceParts(
        id=service.get("id"),
        name=service.get("name"),
        description=service.get("description"),
        alert=service.get("alert"),
        organisation=obj(service.get("organization")),
        url=service.get("url"),
        email=service.get("email"),
        status=service.get("status"),
        fees=[service.get("fees")],
        cost_options=_all(service, "cost_options", "cost_option"),
        min_ages=[e.get("minimum_age") for e in eligibilities] + [service.get("minimum_age")],
        max_ages=[e.get("maximum_age") for e in eligibilities] + [service.get("maximum_age")],
        eligibility=[e.get("eligibility") for e in eligibilities],
        join_texts=[service.get("application_process")],
        attending_access=service.get("attending_access"),
        wait_time=service.get("wait_time"),
        phones=rows(service.get("phones")),
        contacts=rows(service.get("contacts")),
        schedules=_all(service, "regular_schedules", "regular_schedule"),
        languages=_languages(service.get("languages")),
        terms=terms,
        tags=tags,
        assured_date=service.get("assured_date"),
        assurer_email=service.get("assurer_email"),
        last_modified=first(service, "last_modified", "last_updated"),
    )
    for link in rows(service.get("service_at_locations")):
        place = obj(link.get("location"))
        if place:
            parts.locations.append(_location(link))
        parts.contacts.extend(rows(link.get("contacts")))
        parts.schedules.extend(
            [*_all(link, "regular_schedules"), *_all(place, "regular_schedules")]
        )
    return build_record(parts, label, today)
