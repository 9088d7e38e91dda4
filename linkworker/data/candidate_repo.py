"""Picking candidate assets for a person from a big directory, and reading their facts.

Candidates come from full-text matches for the person's words and from the
kinds of asset their referral reasons call for, nearest first. Asset facts are
read with plain Core selects, one query per child table with ``IN``, so
ranking a few hundred candidates never loads an ORM object per asset.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    String,
    Table,
    exists,
    func,
    literal_column,
    or_,
    select,
    true,
    type_coerce,
)

from linkworker.data import asset_search
from linkworker.data.asset_rows import CATEGORY_SEPARATOR
from linkworker.data.models import (
    Asset,
    AssetAccessibility,
    AssetLanguage,
    AssetLocation,
    AssetOpeningTime,
    Category,
    Organisation,
    Tag,
    asset_category,
    asset_tag,
)
from linkworker.data.sql_hints import Unindexed
from linkworker.data.unit_of_work import Repository
from linkworker.domain.directory import AssetStatus, Cost, Day, JoinMode, OpeningTime
from linkworker.domain.matching import (
    AssetFacts,
    AssetPlace,
    GeoPoint,
)

# Candidates ------------------------------------------------------------------
#
# Core selects over the tables (not the mapped classes): no ORM machinery per row.
# On SQLite a UUID is stored as 32 hex digits; reading the keys as plain text and
# turning only the few hundred asset ids into UUIDs saves converting every child row.

ASSET = cast(Table, Asset.__table__)
LOCATION = cast(Table, AssetLocation.__table__)
TIMES = cast(Table, AssetOpeningTime.__table__)
ACCESS = cast(Table, AssetAccessibility.__table__)
LANGUAGE = cast(Table, AssetLanguage.__table__)
ORGANISATION = cast(Table, Organisation.__table__)
TAG = cast(Table, Tag.__table__)
CATEGORY = cast(Table, Category.__table__)


def _not_archived() -> ColumnElement[bool]:
    return Unindexed(ASSET.c.archived_at).is_(None)


def _running() -> ColumnElement[bool]:
    return Unindexed(ASSET.c.status) == AssetStatus.ACTIVE.value


def _prefix(term: str) -> str:
    return f'"{term}"*'


def fts_or_query(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression: any of the terms, each as a quoted prefix."""
    return " OR ".join(_prefix(w) for w in match_words(terms))


def match_words(terms: Sequence[str]) -> list[str]:
    """The terms as FTS5 prefix words: letters and digits, two or more, once each."""
    found = (w for t in terms for w in re.findall(r"\w+", t.lower()) if len(w) >= 2)
    return list(dict.fromkeys(found))


def _phrases(kinds: Iterable[str]) -> list[tuple[str, ...]]:
    """Each kind as its lower-case words, once each: "Arts and crafts" -> (arts, and, crafts)."""
    found = (tuple(re.findall(r"\w+", k.lower())) for k in kinds)
    return list(dict.fromkeys(p for p in found if p))


def _has_phrase(name: str, phrases: Sequence[tuple[str, ...]]) -> bool:
    words = tuple(re.findall(r"\w+", name.lower()))
    return any(words[i : i + len(p)] == p for p in phrases for i in range(len(words) - len(p) + 1))


_FRESHEST = (ASSET.c.last_verified_on.is_(None), ASSET.c.last_verified_on.desc(), ASSET.c.id)


# Facts -----------------------------------------------------------------------


# Enum members by stored value: a dict lookup is several times quicker than Enum(value).
_DAYS = {int(d): d for d in Day}
_COSTS = {c.value: c for c in Cost}
_JOIN_MODES = {j.value: j for j in JoinMode}
_STATUSES = {s.value: s for s in AssetStatus}


def _in_order(items: list[tuple[int, Any]]) -> tuple[Any, ...]:
    """The items of (position, item) pairs by position (they are nearly always one or two)."""
    if len(items) > 1:
        items.sort(key=lambda pair: pair[0])
    return tuple(item for _, item in items)


def _time(value: Any) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


class CandidateRepository(Repository):
    """Candidate assets for matching, and the facts the ranking reads."""

    def count_assets(self) -> int:
        """Assets in the directory (not archived), whatever their status."""
        return int(
            self._session.execute(
                select(func.count()).select_from(ASSET).where(ASSET.c.archived_at.is_(None))
            ).scalar_one()
        )

    def _driver_rows(self, sql: str, params: Sequence[Any]) -> list[Any]:
        """Rows of plain SQL sent straight to the driver (the full-text queries: no ORM to pass)."""
        return list(self._session.connection().exec_driver_sql(sql, tuple(params)).all())

    def _fts_rowids(self, match: str, cap: int, ranked: bool = True) -> list[int]:
        dialect = self.dialect
        sql = asset_search.match_sql(dialect, ranked=ranked)
        if ranked:
            sql += " ORDER BY rank"
        sql += asset_search.for_driver(" LIMIT ?", dialect)
        params = (*asset_search.match_params(match, dialect, ranked=ranked), cap)
        return [int(r[0]) for r in self._driver_rows(sql, params)]

    def _counts_capped(self, matches: Sequence[str], cap: int) -> list[int]:
        """How many assets each MATCH expression finds (no further than ``cap``), in one query."""
        dialect = self.dialect
        capped = asset_search.match_sql(dialect, ranked=False) + " LIMIT ?"
        one = f"(SELECT count(*) FROM ({asset_search.for_driver(capped, dialect)}) AS capped)"
        sql = "SELECT " + ", ".join([one] * len(matches))
        params = [
            value
            for match in matches
            for value in (*asset_search.match_params(match, dialect, ranked=False), cap)
        ]
        return [int(n) for n in self._driver_rows(sql, params)[0]]

    def _ids_of_rowids(self, rowids: Sequence[int]) -> list[uuid.UUID]:
        """The assets (not archived) with these full-text rowids, in the same order."""
        if not rowids:
            return []
        query = select(ASSET.c.search_rowid, ASSET.c.id).where(
            ASSET.c.search_rowid.in_(rowids), ASSET.c.archived_at.is_(None)
        )
        found: dict[int, uuid.UUID] = {
            rowid: asset_id for rowid, asset_id in self._session.execute(query)
        }
        return [found[r] for r in rowids if r in found]

    def text_hits(
        self,
        terms: Sequence[str],
        district: str,
        cap: int,
        common: int,
        budget: int,
    ) -> list[uuid.UUID]:
        """Assets (not archived) matching any of the terms, most relevant first.

        The full-text index's ranking (bm25 on SQLite, ts_rank on PostgreSQL) costs time for every
        match. So the least common terms are ranked wherever they are (up to
        ``cap``) while they match no more than ``budget`` assets between them; a
        term beyond that, or found in ``common`` assets or more (a word the whole
        directory uses, like "community"), only brings assets with it in their
        name, categories or tags and a place in ``district``, ranked (or, without a
        district, the first such found), up to half of ``cap``.
        """
        words = match_words(terms)
        if not words:
            return []
        counts = self._counts_capped([_prefix(w) for w in words], common)
        rare: list[str] = []
        often: list[str] = []
        spent = 0
        for seen, word in sorted((n, w) for n, w in zip(counts, words, strict=True) if n):
            if seen < common and spent + seen <= budget:
                rare.append(word)
                spent += seen
            else:
                often.append(word)
        rowids: list[int] = []
        if rare:
            rowids += self._fts_rowids(" OR ".join(_prefix(w) for w in rare), cap)
        if often:
            about = "{name categories tags} : (" + " OR ".join(_prefix(w) for w in often) + ")"
            nearby = max(1, cap // 2)
            if district:
                where = f'places : "{district.lower()}"'  # the district as a whole word
                rowids += self._fts_rowids(f"{about} AND {where}", nearby)
            else:
                rowids += self._fts_rowids(about, nearby, ranked=False)
        return self._ids_of_rowids(list(dict.fromkeys(rowids)))

    def _name_ids(self, table: Table, phrases: Sequence[tuple[str, ...]]) -> list[Any]:
        """Ids of the categories or tags whose names hold any of the phrases as whole words.

        Compared in Python: SQLite's lower() folds only ASCII. Both tables are small.
        """
        return [
            row_id
            for row_id, name in self._session.execute(select(table.c.id, table.c.name)).all()
            if _has_phrase(name, phrases)
        ]

    def kind_hits(
        self,
        kinds: Iterable[str],
        near: tuple[str, str, str],
        cap: int,
    ) -> list[uuid.UUID]:
        """Up to ``cap`` running assets of these kinds, nearest first.

        An asset is of a kind when one of its categories or tags holds the kind's
        words together ("Gardening" finds "Gardening and nature"; case ignored).
        ``near`` is the person's (area, district, sector), "" where unknown. Nearness
        is by postcode, which nests: the same sector, then the same district (with
        the assets that have no place: phone and home-visit services), then the
        same area, then anywhere. Within the sector the most recently checked come
        first; further out, the first found (the ranking orders the candidates; this
        only decides which of many make the cut). Each step is its own query, and
        the next runs only while ``cap`` is not reached.

        The full-text index answers each step (its categories, tags and places
        columns), on SQLite and on PostgreSQL alike.
        """
        phrases = _phrases(kinds)
        if not phrases or cap <= 0:
            return []
        return self._kind_hits_fts(phrases, near, cap)

    def _in_kind(self, phrases: Sequence[tuple[str, ...]]) -> ColumnElement[bool] | None:
        """True of an asset in a category or with a tag holding one of the phrases."""
        category_ids = self._name_ids(CATEGORY, phrases)
        tag_ids = self._name_ids(TAG, phrases)
        tests: list[ColumnElement[bool]] = []
        if category_ids:
            tests.append(
                exists().where(
                    asset_category.c.asset_id == ASSET.c.id,
                    asset_category.c.category_id.in_(category_ids),
                )
            )
        if tag_ids:
            tests.append(
                exists().where(asset_tag.c.asset_id == ASSET.c.id, asset_tag.c.tag_id.in_(tag_ids))
            )
        return or_(*tests) if tests else None

    def _kind_hits_fts(
        self,
        phrases: Sequence[tuple[str, ...]],
        near: tuple[str, str, str],
        cap: int,
    ) -> list[uuid.UUID]:
        area, district, sector = near
        about = "{categories tags} : (" + " OR ".join(f'"{" ".join(p)}"' for p in phrases) + ")"
        found: dict[uuid.UUID, None] = {}

        def take(rowids: Sequence[int], freshest_first: bool = False) -> None:
            """Add the running assets among ``rowids`` (in their order, or freshest first)."""
            if not rowids:
                return
            query = select(ASSET.c.id).where(
                ASSET.c.search_rowid.in_(rowids), _not_archived(), _running()
            )
            if freshest_first:
                ids = list(self._session.scalars(query.order_by(*_FRESHEST)).all())
            else:
                by_rowid: dict[int, uuid.UUID] = {
                    rowid: asset_id
                    for asset_id, rowid in self._session.execute(
                        query.add_columns(ASSET.c.search_rowid)
                    ).all()
                }
                ids = [by_rowid[r] for r in rowids if r in by_rowid]
            for asset_id in ids:
                if len(found) >= cap:
                    return
                found.setdefault(asset_id, None)

        def wanted() -> int:
            # A few more than needed: some may be paused, closed or archived.
            return (cap - len(found)) * 5 // 4 + 5

        # A place's postcode is indexed as its words: "CH65 4AB" is "ch65" then "4ab".
        if sector:
            outward, digit = sector.lower().split()
            take(self._fts_rowids(f'{about} AND places : "{outward} {digit}"*', cap, False), True)
        if district and len(found) < cap:
            take(self._fts_rowids(f'{about} AND places : "{district.lower()}"', wanted(), False))
            if len(found) < cap:
                in_kind = self._in_kind(phrases)
                if in_kind is not None:
                    take(
                        list(
                            self._session.scalars(
                                select(ASSET.c.search_rowid)
                                .where(ASSET.c.district == "", in_kind)
                                .limit(wanted())
                            ).all()
                        )
                    )
        if area and len(found) < cap:
            districts = " OR ".join(f'"{area.lower()}{digit}"*' for digit in "0123456789")
            take(self._fts_rowids(f"{about} AND places : ({districts})", wanted(), False))
        if len(found) < cap:
            take(self._fts_rowids(about, wanted(), False))
        return list(found)

    def asset_facts(self, ids: Sequence[uuid.UUID] | None) -> list[AssetFacts]:
        """The facts of the assets ``ids`` (or, with None, of every asset not archived).

        One query for the assets, then one per child table (tags, accessibility,
        languages, locations, opening times), each with ``IN`` over the ids. The
        categories come from ``category_text``, which keeps the order they were given.
        """
        if ids is not None and not ids:
            return []
        sqlite = self.sqlite

        def raw(column: Any) -> Any:
            """The column as stored, without SQLAlchemy's conversion of each value."""
            return type_coerce(column, String) if sqlite else column

        keys: dict[Any, uuid.UUID] = {}
        if ids is not None:
            keys = {(i.hex if sqlite else i): i for i in ids}

        # The ids go to SQLite once per query as one JSON text, not as hundreds of parameters.
        wanted: Any = (
            select(literal_column("value")).select_from(func.json_each(json.dumps(list(keys))))
            if sqlite
            else list(keys)
        )

        def only(column: Any) -> ColumnElement[bool]:
            return true() if ids is None else raw(column).in_(wanted)

        rows = self._session.execute(
            select(
                raw(ASSET.c.id),
                ASSET.c.name,
                ORGANISATION.c.name,
                ASSET.c.description,
                ASSET.c.category_text,
                ASSET.c.cost,
                ASSET.c.cost_note,
                ASSET.c.join_mode,
                ASSET.c.age_min,
                ASSET.c.age_max,
                ASSET.c.eligibility,
                ASSET.c.status,
                ASSET.c.waiting_list,
                ASSET.c.capacity_note,
                raw(ASSET.c.last_verified_on),
                ASSET.c.archived_at.is_not(None),
            )
            .select_from(ASSET)
            .outerjoin(ORGANISATION, ORGANISATION.c.id == ASSET.c.organisation_id)
            .where(only(ASSET.c.id))
        ).all()
        rows = [r for r in rows if not r[15]]  # archived: tested here, see _not_archived
        if not rows:
            return []
        if ids is None:
            keys = {r[0]: (r[0] if isinstance(r[0], uuid.UUID) else uuid.UUID(r[0])) for r in rows}

        tag_names: dict[Any, str] = dict(
            self._session.execute(select(raw(TAG.c.id), TAG.c.name)).all()
        )
        tags: dict[Any, list[str]] = defaultdict(list)
        for key, tag_id in self._session.execute(
            select(raw(asset_tag.c.asset_id), raw(asset_tag.c.tag_id)).where(
                only(asset_tag.c.asset_id)
            )
        ).all():
            tags[key].append(tag_names[tag_id])
        features: dict[Any, list[str]] = defaultdict(list)
        for key, feature in self._session.execute(
            select(raw(ACCESS.c.asset_id), ACCESS.c.feature).where(only(ACCESS.c.asset_id))
        ).all():
            features[key].append(feature)
        languages: dict[Any, list[str]] = defaultdict(list)
        for key, language in self._session.execute(
            select(raw(LANGUAGE.c.asset_id), LANGUAGE.c.language).where(only(LANGUAGE.c.asset_id))
        ).all():
            languages[key].append(language)
        places: dict[Any, list[tuple[int, AssetPlace]]] = defaultdict(list)
        for key, position, postcode, lat, lon in self._session.execute(
            select(
                raw(LOCATION.c.asset_id),
                LOCATION.c.position,
                LOCATION.c.postcode,
                LOCATION.c.latitude,
                LOCATION.c.longitude,
            ).where(only(LOCATION.c.asset_id))
        ).all():
            point = GeoPoint(lat, lon) if lat is not None and lon is not None else None
            places[key].append((position, AssetPlace(postcode=postcode or "", point=point)))
        times: dict[Any, list[tuple[int, OpeningTime]]] = defaultdict(list)
        for key, position, day, starts, ends, note in self._session.execute(
            select(
                raw(TIMES.c.asset_id),
                TIMES.c.position,
                TIMES.c.day,
                raw(TIMES.c.starts),
                raw(TIMES.c.ends),
                TIMES.c.note,
            ).where(only(TIMES.c.asset_id))
        ).all():
            slot = OpeningTime(
                day=None if day is None else _DAYS[day],
                starts=_time(starts),
                ends=_time(ends),
                note=note or "",
            )
            times[key].append((position, slot))

        facts: list[AssetFacts] = []
        for r in rows:
            key = r[0]
            asset_id = keys.get(key)
            if asset_id is None:
                continue
            facts.append(
                AssetFacts(
                    id=asset_id,
                    name=r[1],
                    organisation=r[2] or "",
                    description=r[3] or "",
                    categories=tuple(c for c in (r[4] or "").split(CATEGORY_SEPARATOR) if c),
                    tags=tuple(sorted(tags[key], key=str.lower)) if key in tags else (),
                    cost=_COSTS[r[5]],
                    cost_note=r[6] or "",
                    join_mode=_JOIN_MODES[r[7]],
                    age_min=r[8],
                    age_max=r[9],
                    eligibility=r[10] or "",
                    accessibility=tuple(sorted(features[key])) if key in features else (),
                    languages=tuple(sorted(languages[key])) if key in languages else (),
                    status=_STATUSES[r[11]],
                    waiting_list=bool(r[12]),
                    capacity_note=r[13] or "",
                    last_verified_on=_day(r[14]),
                    places=_in_order(places.get(key, [])),
                    opening_times=_in_order(times.get(key, [])),
                )
            )
        return facts
