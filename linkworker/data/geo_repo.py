"""Writing the postcode lookup in bulk, and placing assets and people by their postcodes.

The lookup is the ``postcode_point`` table (postcode key ``CH652AB`` -> latitude,
longitude). :class:`PointWriter` writes millions of rows inside the caller's
transaction. On SQLite it first collects them in a TEMP table, which lives in
the connection's own temporary database: filling it takes no lock on the data
file, so the link worker can go on saving while a big file is read, and only
the last step, one ``INSERT ... SELECT`` into ``postcode_point``, holds the
write lock (a few seconds for the whole country). Elsewhere (PostgreSQL) rows
are upserted in batches straight away: row locks do not stop other writers.

People have no coordinate columns. Matching looks a person's postcode up in
``postcode_point`` each time it ranks (``MatchingService._profile``), so a
person "gets coordinates from their postcode" as soon as the table holds it;
:meth:`GeoRepository.count_people_located` counts them. Places of assets have latitude
and longitude columns, which :meth:`GeoRepository.locate_places` fills from their postcodes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import cast

from sqlalchemy import ColumnElement, Table, and_, exists, false, func, or_, select, update

from linkworker.data.dialect import insert_for
from linkworker.data.models import Asset, AssetLocation, Person, PostcodePoint
from linkworker.data.unit_of_work import Repository, Write
from linkworker.domain.geo import postcode_key
from linkworker.domain.postcode_lookup import GeoCoverage

POINT = cast(Table, PostcodePoint.__table__)
LOCATION = cast(Table, AssetLocation.__table__)
ASSET = cast(Table, Asset.__table__)
PERSON = cast(Table, Person.__table__)

_STAGING = "postcode_point_staging"
#: Points written per statement by :meth:`GeoRepository.add_points`.
POINT_BATCH = 2000


def good_point(postcode: str, latitude: float, longitude: float) -> tuple[str, float, float] | None:
    """The row in key form, or None when the postcode or coordinates cannot be right."""
    key = postcode_key(postcode)
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not key or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return key, lat, lon


class PointWriter:
    """Adds or replaces postcode points in the session's transaction.

    Call :meth:`add` with batches of ``(key, latitude, longitude)`` rows already
    checked (the key in capitals without spaces), then :meth:`finish` once.
    Nothing reaches ``postcode_point`` before :meth:`finish` on SQLite; on any
    database, a rollback of the transaction leaves the table as it was.
    """

    def __init__(self, repository: GeoRepository) -> None:
        self._repository = repository
        self._session = repository.session
        self._staged = repository.sqlite
        if self._staged:
            connection = self._session.connection()
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{_STAGING}")
            connection.exec_driver_sql(
                f"CREATE TEMP TABLE {_STAGING} "
                "(postcode_key TEXT PRIMARY KEY, latitude REAL NOT NULL, longitude REAL NOT NULL)"
            )

    def add(self, rows: list[tuple[str, float, float]]) -> None:
        """Write a batch; a key given twice keeps its last point."""
        if not rows:
            return
        if self._staged:
            self._session.connection().exec_driver_sql(
                f"INSERT OR REPLACE INTO temp.{_STAGING} VALUES (?, ?, ?)", rows
            )
        else:
            self._repository.upsert({key: (lat, lon) for key, lat, lon in rows})

    def finish(self) -> None:
        """Move what was staged into ``postcode_point`` (still inside the transaction)."""
        if not self._staged:
            return
        connection = self._session.connection()
        # "WHERE true" tells SQLite's parser the ON CONFLICT belongs to the INSERT.
        connection.exec_driver_sql(
            "INSERT INTO postcode_point (postcode_key, latitude, longitude) "
            f"SELECT postcode_key, latitude, longitude FROM temp.{_STAGING} WHERE true "
            "ON CONFLICT (postcode_key) DO UPDATE SET "
            "latitude = excluded.latitude, longitude = excluded.longitude"
        )
        self._repository.unit.wrote(Write("postcode_point", "insert", rows=None))
        connection.exec_driver_sql(f"DROP TABLE temp.{_STAGING}")
        self._staged = False


def _location_key() -> ColumnElement[str]:
    """A place's postcode ("CH65 2AB") in key form ("CH652AB"), in SQL."""
    return func.replace(func.upper(LOCATION.c.postcode), " ", "")


def _people_with_postcode() -> list[ColumnElement[bool]]:
    return [PERSON.c.postcode_key.is_not(None), PERSON.c.no_fixed_address == false()]


class GeoRepository(Repository):
    """The postcode lookup and how much of the record it places."""

    def point_writer(self) -> PointWriter:
        """A writer of postcode points inside this unit of work (see :class:`PointWriter`)."""
        return PointWriter(self)

    def upsert(self, batch: Mapping[str, tuple[float, float]]) -> None:
        """Insert or replace postcode points (key in capitals without spaces -> lat, lon)."""
        values = [
            {"postcode_key": key, "latitude": lat, "longitude": lon}
            for key, (lat, lon) in batch.items()
        ]
        statement = insert_for(self._session)(POINT)
        self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[POINT.c.postcode_key],
                set_={
                    "latitude": statement.excluded.latitude,
                    "longitude": statement.excluded.longitude,
                },
            ),
            values,
        )

    def add_points(self, rows: Iterable[tuple[str, float, float]]) -> int:
        """Insert or replace every row that can be right; returns how many could."""
        good = 0
        batch: dict[str, tuple[float, float]] = {}
        for postcode, lat, lon in rows:
            checked = good_point(postcode, lat, lon)
            if checked is None:
                continue
            good += 1
            batch[checked[0]] = (checked[1], checked[2])
            if len(batch) >= POINT_BATCH:
                self.upsert(batch)
                batch = {}
        if batch:
            self.upsert(batch)
        return good

    def locate_places(self) -> int:
        """Give every place without coordinates the point of its postcode; returns how many.

        One UPDATE with correlated subqueries, the same SQL on SQLite and PostgreSQL.
        Places that already have coordinates (from a feed or typed in) are left alone.
        """
        key = _location_key()
        same_postcode = POINT.c.postcode_key == key
        result = self._session.execute(
            update(LOCATION)
            .where(
                or_(LOCATION.c.latitude.is_(None), LOCATION.c.longitude.is_(None)),
                LOCATION.c.postcode != "",
                exists().where(same_postcode),
            )
            .values(
                latitude=select(POINT.c.latitude).where(same_postcode).scalar_subquery(),
                longitude=select(POINT.c.longitude).where(same_postcode).scalar_subquery(),
            )
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def count_people_located(self) -> int:
        """People (with a fixed address) whose postcode has a point in the lookup."""
        return int(
            self._session.execute(
                select(func.count())
                .select_from(PERSON)
                .where(
                    *_people_with_postcode(),
                    exists().where(POINT.c.postcode_key == PERSON.c.postcode_key),
                )
            ).scalar_one()
        )

    def coverage(self) -> GeoCoverage:
        """How many postcodes the lookup holds, and how many places and people it places."""
        postcodes = self._session.execute(select(func.count()).select_from(POINT)).scalar_one()
        located = and_(LOCATION.c.latitude.is_not(None), LOCATION.c.longitude.is_not(None))
        places, places_located = self._session.execute(
            select(func.count(), func.count().filter(located))
            .select_from(LOCATION)
            .join(ASSET, ASSET.c.id == LOCATION.c.asset_id)
            .where(ASSET.c.archived_at.is_(None))
        ).one()
        people = self._session.execute(
            select(func.count()).select_from(PERSON).where(*_people_with_postcode())
        ).scalar_one()
        return GeoCoverage(
            postcodes=int(postcodes),
            places=int(places),
            places_located=int(places_located),
            people_with_postcode=int(people),
            people_located=self.count_people_located(),
        )
