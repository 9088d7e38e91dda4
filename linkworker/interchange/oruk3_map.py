"""One Open Referral UK 3.0 (or HSDS 3.0) service, as the directory's draft.

Accepts the nested shape of ``/services/{id}``: the service with its
``organization``, ``service_at_locations`` (each with its ``location``:
``addresses``, ``accessibility``, ``languages``, ``phones``, ``schedules``),
``phones``, ``contacts`` (with ``phones``), ``schedules``, ``cost_options``,
``languages`` and ``attributes`` (with ``taxonomy_term``). Values may be
strings or numbers, null or missing. See :func:`~linkworker.interchange.map_parts.build_record`
for what is dropped, fixed or refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from linkworker.interchange.map_parts import (
    LocationParts,
    Row,
    ServiceParts,
    add_rows,
    build_record,
    first,
    obj,
    rows,
)
from linkworker.interchange.records import SourceRecord
from linkworker.interchange.taxonomy import TaxonomyTerm


def taxonomy_terms(attributes: object) -> list[TaxonomyTerm]:
    """The taxonomy terms an ``attributes`` array links to."""
    terms: list[TaxonomyTerm] = []
    for attribute in rows(attributes):
        term = attribute.get("taxonomy_term")
        if type(term) is not dict:
            term = obj(term)
        name = term.get("name")
        if name is None or name == "" or name == []:  # as first(term, "name", ...) reads it
            name = first(term, "term", "code")
            if name is None:
                continue
        # Our own export names the taxonomy in "taxonomy"; HSDS 3.0 may nest it instead.
        vocabulary = term.get("taxonomy") or obj(term.get("taxonomy_detail")).get("name")
        parent = term.get("parent")
        if parent is not None:
            parent = obj(parent).get("name")
        parent = parent or term.get("parent_name")
        terms.append(TaxonomyTerm(str(name), str(vocabulary or ""), str(parent or "")))
    return terms


def _accessibility_texts(location: Row) -> list[object]:
    texts: list[object] = []
    found = location.get("accessibility")
    if found is None:
        return texts
    for row in rows(found):
        for key in ("description", "accessibility", "details"):
            value = row.get(key)
            if value and value not in texts:
                texts.append(value)
    return texts


def _location(link: Row) -> tuple[LocationParts, Row]:
    place = obj(link.get("location"))
    parts = LocationParts(
        name=place.get("name"),
        location_type=place.get("location_type"),
        addresses=rows(first(place, "addresses", "physical_addresses", "address")),
        latitude=place.get("latitude"),
        longitude=place.get("longitude"),
        accessibility=_accessibility_texts(place),
        languages=rows(place.get("languages")),
        phones=add_rows([], link.get("phones"), place.get("phones")),
    )
    return parts, place


def record_from_oruk3(
    service: Mapping[str, Any], label: str, today: dt.date | None = None
) -> SourceRecord:
    """The source record for one ORUK 3.0 / HSDS 3.0 service."""
    parts = ServiceParts(
        id=service.get("id"),
        name=service.get("name"),
        description=service.get("description"),
        alert=service.get("alert"),
        organisation=obj(service.get("organization")),
        url=service.get("url"),
        email=service.get("email"),
        status=service.get("status"),
        fees=[service.get("fees"), service.get("fees_description")],
        cost_options=rows(service.get("cost_options")),
        min_ages=[service.get("minimum_age")],
        max_ages=[service.get("maximum_age")],
        eligibility=[service.get("eligibility_description")],
        join_texts=[service.get("application_process")],
        wait_time=service.get("wait_time"),
        phones=rows(service.get("phones")),
        contacts=rows(service.get("contacts")),
        schedules=rows(service.get("schedules")),
        languages=rows(service.get("languages")),
        terms=taxonomy_terms(service.get("attributes")),
        assured_date=service.get("assured_date"),
        assurer_email=service.get("assurer_email"),
        last_modified=service.get("last_modified"),
    )
    for link in rows(service.get("service_at_locations")):
        place, location = _location(link)
        if location:
            parts.locations.append(place)
        add_rows(parts.contacts, link.get("contacts"), location.get("contacts"))
        add_rows(parts.schedules, link.get("schedules"), location.get("schedules"))
    return build_record(parts, label, today)
