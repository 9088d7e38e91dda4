"""The full-text row of one asset: one builder for a single save and for a bulk import.

The ``asset_search`` FTS5 table holds, per asset, its name, organisation,
description, categories, tags and places. Places are each location's name,
address, town, postcode (in its stored form, ``CH65 2AB``) and postcode
district, so ``CH65`` and ``ch65 2ab`` both find it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from linkworker.domain.validation import district_of, normal_postcode

COLUMNS = ("name", "organisation", "description", "categories", "tags", "places")

#: The insert, with the rowid first and the columns in :data:`COLUMNS` order (qmark style).
INSERT_SQL = (
    f"INSERT INTO asset_search (rowid, {', '.join(COLUMNS)}) "
    f"VALUES (?, {', '.join('?' for _ in COLUMNS)})"
)
DELETE_SQL = "DELETE FROM asset_search WHERE rowid = ?"


class Place(Protocol):
    """What the index reads of a location (a stored row or a draft's Location)."""

    @property
    def name(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def town(self) -> str: ...
    @property
    def postcode(self) -> str: ...


def places_text(locations: Iterable[Place]) -> str:
    """Every location's words, its postcode in stored form and its district."""
    words: list[str] = []
    for loc in locations:
        postcode = normal_postcode(loc.postcode)
        parts = (loc.name, loc.address, loc.town, postcode, district_of(postcode))
        words.append(" ".join(part for part in parts if part))
    return " ".join(words)


def search_row(
    rowid: int | None,
    *,
    name: str,
    organisation: str,
    description: str,
    categories: Iterable[str],
    tags: Iterable[str],
    locations: Iterable[Place],
) -> tuple[Any, ...]:
    """The values of one ``asset_search`` row, rowid first, as :data:`INSERT_SQL` takes them."""
    return (
        rowid,
        name.strip(),
        " ".join(organisation.split()),
        description,
        " ".join(categories),
        " ".join(tags),
        places_text(locations),
    )
