"""Writing many imported assets at once, and what a refresh needs to know first.

An import of a whole feed writes thousands of assets with their locations,
times, contacts, categories and tags. Going through the ORM one asset at a
time costs a few milliseconds each; here every table gets one multi-row
statement per batch (SQLAlchemy Core), with the derived columns
(:func:`directory_repo.derived_values`) and the full-text row
(:func:`asset_search.search_row`) built by the same functions as a single save.

Nothing here commits: the caller's unit of work holds the whole import, so a
cancel or a crash leaves the directory as it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import os
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from linkworker.data import asset_search
from linkworker.data.asset_search import search_row
from linkworker.data.cipher import driver
from linkworker.data.directory_repo import derived_values
from linkworker.data.models import (
    Asset,
    AssetAccessibility,
    AssetContact,
    AssetDuplicate,
    AssetLanguage,
    AssetLocation,
    AssetOpeningTime,
    Category,
    DirectorySource,
    Organisation,
    Tag,
    asset_category,
    asset_tag,
    utcnow,
)
from linkworker.data.unit_of_work import Repository, Write, text_write
from linkworker.domain.directory import AssetDraft, AssetStatus, Cost, JoinMode
from linkworker.domain.directory_exchange import (
    DuplicatePair,
    LookalikeKeys,
    name_key,
    phone_key,
)
from linkworker.domain.validation import normal_postcode

ASSET = cast(Table, Asset.__table__)
LOCATION = cast(Table, AssetLocation.__table__)
TIMES = cast(Table, AssetOpeningTime.__table__)
CONTACT = cast(Table, AssetContact.__table__)
ACCESS = cast(Table, AssetAccessibility.__table__)
LANGUAGE = cast(Table, AssetLanguage.__table__)
ORGANISATION = cast(Table, Organisation.__table__)
CATEGORY = cast(Table, Category.__table__)
TAG = cast(Table, Tag.__table__)
DUPLICATE = cast(Table, AssetDuplicate.__table__)
SOURCE = cast(Table, DirectorySource.__table__)

_CHILD_TABLES = (LOCATION, TIMES, CONTACT, ACCESS, LANGUAGE, asset_category, asset_tag)


@dataclass(frozen=True, slots=True)
class Existing:
    """What a refresh needs to know about an asset it imported before."""

    asset_id: uuid.UUID
    source_hash: str
    search_rowid: int | None
    verified_locally: bool
    last_verified_on: dt.date | None
    verified_by: str
    archived_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    merged_into_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class ImportedAsset:
    """One asset to write: its draft and where it came from."""

    asset_id: uuid.UUID
    draft: AssetDraft
    source: str
    source_id: str
    source_hash: str
    source_modified_at: dt.datetime | None
    #: For an update: what is stored now (its verification is kept when checked locally).
    existing: Existing | None = None
    #: For a new asset: its date last checked was entered by the team, not a source.
    verified_locally: bool = False


def _hex(value: uuid.UUID) -> str:
    return value.hex


def _same(value: uuid.UUID) -> uuid.UUID:
    return value


def _register_sqlite_adapters() -> None:
    """Teach the SQLite driver to store values as SQLAlchemy's SQLite dialect does.

    UUIDs as 32 hex digits, dates as ISO text, times and date-times as text
    with microseconds. SQLAlchemy converts every value itself before the
    driver sees it, so these only serve :func:`_insert`'s direct path.
    """
    driver.register_adapter(uuid.UUID, lambda v: v.hex)
    driver.register_adapter(dt.date, lambda v: v.isoformat())
    driver.register_adapter(dt.time, _stored_time)
    driver.register_adapter(dt.datetime, _stored_moment)


_adapters = functools.cache(_register_sqlite_adapters)


def _stored_moment(value: dt.datetime) -> str:
    """A date-time as SQLAlchemy's SQLite dialect stores it."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


@functools.lru_cache(maxsize=2048)
def _stored_time(value: dt.time | None) -> str | None:
    """A time of day as SQLAlchemy's SQLite dialect stores it; an import has few distinct ones."""
    return None if value is None else value.strftime("%H:%M:%S.%f")


def _same_time(value: dt.time | None) -> dt.time | None:
    return value


@dataclass(frozen=True, slots=True)
class _Step:
    """One statement of a batch: SQL and rows for the SQLite driver, or a Core call."""

    sql: str = ""
    params: Sequence[Sequence[Any]] = ()
    core: Callable[[Session], Any] | None = None


def _insert(sqlite: bool, table: Table, rows: list[dict[str, Any]]) -> list[_Step]:
    """One multi-row INSERT of ``rows`` (dicts with the same keys).

    On SQLite the rows go straight to the driver's ``executemany``, with values
    stored exactly as SQLAlchemy's dialect stores them (see
    :func:`_register_sqlite_adapters`): SQLAlchemy's per-value type processing
    costs more than the insert itself for an import of thousands of rows.
    Other databases go through SQLAlchemy Core as usual.
    """
    if not rows:
        return []
    if not sqlite:
        return [_Step(core=lambda session: session.execute(insert(table), rows))]
    columns = list(rows[0])
    pick = operator.itemgetter(*columns)
    data = [pick(row) for row in rows] if len(columns) > 1 else [(pick(r),) for r in rows]
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    return [_Step(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', data)]


#: The bits a random (version 4, RFC 4122 variant) UUID has fixed: cleared, then set.
_V4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_V4_SET = (0x4000 << 64) | (0x8000 << 48)


def _new_ids(count: int, as_key: Callable[[uuid.UUID], Any]) -> Iterator[Any]:
    """``count`` random (version 4) UUIDs, in driver form, from one read of the random source."""
    pool = os.urandom(16 * count)
    if as_key is _hex:  # the hex digits straight from the bytes, without a UUID object each
        for start in range(0, 16 * count, 16):
            value = int.from_bytes(pool[start : start + 16]) & _V4_CLEAR | _V4_SET
            yield f"{value:032x}"
        return
    for start in range(0, 16 * count, 16):
        yield as_key(uuid.UUID(bytes=pool[start : start + 16], version=4))


def _delete_children(table: Table, keys: list[Any]) -> Callable[[Session], Any]:
    return lambda session: session.execute(delete(table).where(table.c.asset_id.in_(keys)))


def _update_assets(sqlite: bool, rows: list[dict[str, Any]]) -> list[_Step]:
    """Rewrite the asset rows of updated listings (``b_id`` names each), bumping ``version``."""
    if not rows:
        return []
    columns = [c for c in rows[0] if c != "b_id"]
    if sqlite:
        sets = ", ".join(f'"{c}" = ?' for c in columns)
        return [
            _Step(
                f"UPDATE asset SET {sets}, version = version + 1 WHERE id = ?",
                [(*(r[c] for c in columns), r["b_id"]) for r in rows],
            )
        ]
    # Bound names must differ from the column names an UPDATE sets.
    statement = (
        update(ASSET)
        .where(ASSET.c.id == bindparam("b_id"))
        .values({**{c: bindparam("v_" + c) for c in columns}, "version": ASSET.c.version + 1})
    )
    params = [{"b_id": r["b_id"], **{"v_" + c: r[c] for c in columns}} for r in rows]
    return [_Step(core=lambda session: session.execute(statement, params))]


def _asset_values(
    item: ImportedAsset,
    asset_key: Any,
    organisation_id: Any,
    categories: list[tuple[Any, str]],
    rowid: int | None,
    now: Any,
) -> dict[str, Any]:
    draft = item.draft
    existing = item.existing
    values: dict[str, Any] = {
        "organisation_id": organisation_id,
        "name": draft.name.strip(),
        "description": draft.description,
        "cost": Cost(draft.cost).value,
        "cost_note": draft.cost_note,
        "join_mode": JoinMode(draft.join_mode).value,
        "age_min": draft.age_min,
        "age_max": draft.age_max,
        "eligibility": draft.eligibility,
        "status": AssetStatus(draft.status).value,
        "capacity_note": draft.capacity_note,
        "waiting_list": draft.waiting_list,
        "website": draft.website,
        "email": draft.email,
        "phone": draft.phone,
        "search_rowid": rowid,
        **derived_values(draft, [name for _, name in categories]),
        "source": item.source,
        "source_id": item.source_id,
        "source_hash": item.source_hash,
        "source_modified_at": item.source_modified_at,
        "withdrawn_at": None,
        "updated_at": now,
    }
    if existing is not None and existing.verified_locally:
        values["last_verified_on"] = existing.last_verified_on
        values["verified_by"] = existing.verified_by
    else:
        values["last_verified_on"] = draft.last_verified_on
        values["verified_by"] = draft.verified_by
    if existing is None:
        values.update(
            id=asset_key,
            version=1,
            notes=draft.notes,
            merged_into_id=None,
            verified_locally=item.verified_locally,
            archived_at=None,
            created_at=now,
        )
    else:
        # Back in the source after being withdrawn: it is listed again. Archived by
        # someone here: it stays archived.
        values["archived_at"] = None if existing.withdrawn_at else existing.archived_at
        values["b_id"] = asset_key
    return values


def _child_rows(
    item: ImportedAsset,
    asset_key: Any,
    as_key: Callable[[uuid.UUID], Any],
    clock: Callable[[dt.time | None], Any],
    categories: list[tuple[Any, str]],
    tags: list[tuple[Any, str]],
    out: dict[str, list[dict[str, Any]]],
) -> None:
    draft, asset_id = item.draft, asset_key
    ids = _new_ids(len(draft.locations) + len(draft.opening_times) + len(draft.contacts), as_key)
    for i, loc in enumerate(draft.locations):
        out[LOCATION.name].append(
            {
                "id": next(ids),
                "asset_id": asset_id,
                "position": i,
                "name": loc.name,
                "address": loc.address,
                "town": loc.town,
                "postcode": normal_postcode(loc.postcode),
                "latitude": loc.latitude,
                "longitude": loc.longitude,
            }
        )
    for i, slot in enumerate(draft.opening_times):
        out[TIMES.name].append(
            {
                "id": next(ids),
                "asset_id": asset_id,
                "position": i,
                "day": None if slot.day is None else int(slot.day),
                "starts": clock(slot.starts),
                "ends": clock(slot.ends),
                "note": slot.note,
            }
        )
    for i, c in enumerate(draft.contacts):
        out[CONTACT.name].append(
            {
                "id": next(ids),
                "asset_id": asset_id,
                "position": i,
                "name": c.name,
                "role": c.role,
                "phone": c.phone,
                "email": c.email,
            }
        )
    for feature in dict.fromkeys(draft.accessibility):
        out[ACCESS.name].append({"asset_id": asset_id, "feature": feature})
    for lang in dict.fromkeys(x.strip() for x in draft.languages):
        if lang:
            out[LANGUAGE.name].append({"asset_id": asset_id, "language": lang})
    for category_id, _ in categories:
        out[asset_category.name].append({"asset_id": asset_id, "category_id": category_id})
    for tag_id, _ in tags:
        out[asset_tag.name].append({"asset_id": asset_id, "tag_id": tag_id})


# Likely duplicates across sources -----------------------------------------------------


@dataclass(slots=True)
class DuplicateIndex:
    """Listings from other sources, by loose name and postcode and by phone."""

    by_name_postcode: dict[tuple[str, str], list[tuple[uuid.UUID, str]]]
    by_phone: dict[str, list[tuple[uuid.UUID, str]]]

    def matches(self, keys: LookalikeKeys) -> list[tuple[uuid.UUID, str, str]]:
        """(asset id, its name, the reason) for every listing that shares ``keys``."""
        found: dict[uuid.UUID, tuple[str, str]] = {}
        for postcode in keys.postcodes:
            for asset_id, name in self.by_name_postcode.get((keys.name, postcode), ()):
                found.setdefault(asset_id, (name, f"same name and postcode ({postcode})"))
        for key, phone in keys.phones:
            for asset_id, name in self.by_phone.get(key, ()):
                found.setdefault(asset_id, (name, f"same phone number ({phone})"))
        return [(asset_id, name, reason) for asset_id, (name, reason) in found.items()]


class ImportRepository(Repository):
    """Listings from Open Referral sources and spreadsheets, written in bulk."""

    def source_index(self, source: str) -> dict[str, Existing]:
        """Every asset this source gave before, by the source's id for it."""
        rows = self._session.execute(
            select(
                ASSET.c.source_id,
                ASSET.c.id,
                ASSET.c.source_hash,
                ASSET.c.search_rowid,
                ASSET.c.verified_locally,
                ASSET.c.last_verified_on,
                ASSET.c.verified_by,
                ASSET.c.archived_at,
                ASSET.c.withdrawn_at,
                ASSET.c.merged_into_id,
            ).where(ASSET.c.source == source, ASSET.c.source_id != "")
        )
        return {
            r.source_id: Existing(
                asset_id=r.id,
                source_hash=r.source_hash or "",
                search_rowid=r.search_rowid,
                verified_locally=bool(r.verified_locally),
                last_verified_on=r.last_verified_on,
                verified_by=r.verified_by or "",
                archived_at=r.archived_at,
                withdrawn_at=r.withdrawn_at,
                merged_into_id=r.merged_into_id,
            )
            for r in rows
        }

    # Names (organisations, categories, tags) -------------------------------------------

    def _key_form(self) -> Callable[[uuid.UUID], Any]:
        """How a UUID is handed to the driver: 32 hex digits on SQLite (as SQLAlchemy stores it)."""
        return _hex if self.sqlite else _same

    def _name_ids(self, table: Table) -> dict[str, tuple[Any, str]]:
        """name.lower() -> (id in driver form, stored name) of a name table, once per unit."""
        key = ("import_name_ids", table.name)
        cache: dict[str, tuple[Any, str]] | None = self._session.info.get(key)
        if cache is None:
            as_key = self._key_form()
            cache = {
                name.lower(): (as_key(row_id), name)
                for row_id, name in self._session.execute(select(table.c.id, table.c.name))
            }
            self._session.info[key] = cache
        return cache

    def _resolve(
        self, table: Table, names: Sequence[str], new_rows: list[dict[str, Any]]
    ) -> list[tuple[Any, str]]:
        """The (id, stored name) of each name, in order, once each; new ones join ``new_rows``.

        Imports name the same few organisations, categories and tags again and
        again, so each list of names is worked out once per unit of work.
        """
        lists: dict[tuple[str, tuple[str, ...]], list[tuple[Any, str]]] = (
            self._session.info.setdefault("import_name_lists", {})
        )
        key = (table.name, tuple(names))
        found = lists.get(key)
        if found is None:
            found = lists[key] = self._resolve_each(table, names, new_rows)
        return found

    def _resolve_each(
        self, table: Table, names: Sequence[str], new_rows: list[dict[str, Any]]
    ) -> list[tuple[Any, str]]:
        known = self._name_ids(table)
        result: list[tuple[Any, str]] = []
        seen: set[str] = set()
        for name in names:
            clean = " ".join(name.split())
            low = clean.lower()
            if not clean or low in seen:
                continue
            seen.add(low)
            found = known.get(low)
            if found is None:
                found = (self._key_form()(uuid.uuid4()), clean)
                known[low] = found
                new_rows.append({"id": found[0], "name": clean})
            result.append(found)
        return result

    # Writing ------------------------------------------------------------------------

    def _new_rowids(self, how_many: int) -> Iterator[int]:
        """Free full-text rowids for ``how_many`` new assets, in one query.

        On SQLite, after the highest in use (this unit is the only writer); on PostgreSQL
        from its sequence, as several link workers may add assets at once.
        """
        if how_many <= 0:
            return iter(())
        if not self.sqlite:
            taken = text("SELECT nextval('asset_search_rowid_seq') FROM generate_series(1, :n)")
            return iter([int(r) for r in self._session.scalars(taken, {"n": how_many})])
        key = "import_next_search_rowid"
        first: int | None = self._session.info.get(key)
        if first is None:
            top = self._session.execute(select(func.max(ASSET.c.search_rowid))).scalar_one_or_none()
            first = int(top or 0) + 1
        self._session.info[key] = first + how_many
        return iter(range(first, first + how_many))

    def write_batch(self, items: Sequence[ImportedAsset]) -> None:
        """Create or replace every asset in ``items`` with a few multi-row statements."""
        steps = self._plan(items)
        raw = self._driver_connection() if self.sqlite else None
        self._run(raw, steps)

    def _driver_connection(self) -> Any:
        return self._session.connection().connection.driver_connection

    def _run(self, raw: Any, steps: Sequence[_Step]) -> None:
        for step in steps:
            if step.core is not None:
                step.core(self._session)  # through the session: its write path records it
            elif step.params and raw is None:
                # Not SQLite: through the session's connection, whose write path records it.
                sql = asset_search.for_driver(step.sql, self.dialect)
                self._session.connection().exec_driver_sql(sql, list(step.params))
            elif step.params:
                found = text_write(step.sql)
                if found is not None:
                    self.unit.wrote(Write(found[0], found[1], rows=len(step.params)))
                raw.executemany(step.sql, step.params)

    def _plan(self, items: Sequence[ImportedAsset]) -> list[_Step]:
        """The statements that write ``items``: deletes for updated listings, then inserts."""
        if not items:
            return []
        sqlite = self.sqlite
        if sqlite:
            _adapters()
        as_key = self._key_form()
        # One moment for every row; on SQLite in its stored text once, not once a value.
        now: Any = _stored_moment(utcnow()) if sqlite else utcnow()
        clock = _stored_time if sqlite else _same_time
        steps: list[_Step] = []
        updates = [i for i in items if i.existing is not None]
        if updates:
            keys = [as_key(i.asset_id) for i in updates]
            for table in _CHILD_TABLES:
                if sqlite:
                    steps.append(
                        _Step(
                            f'DELETE FROM "{table.name}" WHERE asset_id = ?', [(k,) for k in keys]
                        )
                    )
                else:
                    steps.append(_Step(core=_delete_children(table, keys)))
            rowids = [(i.existing.search_rowid,) for i in updates if i.existing]
            steps.append(_Step(asset_search.DELETE_SQL, [r for r in rowids if r[0]]))
        new_orgs: list[dict[str, Any]] = []
        new_categories: list[dict[str, Any]] = []
        new_tags: list[dict[str, Any]] = []
        asset_rows: list[dict[str, Any]] = []
        update_rows: list[dict[str, Any]] = []
        children: dict[str, list[dict[str, Any]]] = defaultdict(list)
        search_rows: list[tuple[Any, ...]] = []
        unindexed = sum(1 for i in items if i.existing is None or i.existing.search_rowid is None)
        new_rowids = self._new_rowids(unindexed)
        for item in items:
            draft = item.draft
            org = self._resolve(ORGANISATION, [draft.organisation], new_orgs)
            categories = self._resolve(CATEGORY, draft.categories, new_categories)
            tags = self._resolve(TAG, draft.tags, new_tags)
            kept = item.existing.search_rowid if item.existing else None
            rowid = kept if kept is not None else next(new_rowids)
            asset_key = as_key(item.asset_id)
            row = _asset_values(item, asset_key, org[0][0] if org else None, categories, rowid, now)
            (update_rows if item.existing else asset_rows).append(row)
            _child_rows(item, asset_key, as_key, clock, categories, tags, children)
            words = search_row(
                rowid,
                name=draft.name,
                organisation=org[0][1] if org else "",
                description=draft.description,
                categories=(name for _, name in categories),
                tags=(name for _, name in tags),
                locations=draft.locations,
            )
            search_rows.append(asset_search.for_dialect(words, self.dialect))
        org_rows = [
            {
                **r,
                "description": "",
                "website": "",
                "email": "",
                "phone": "",
                "created_at": now,
                "updated_at": now,
            }
            for r in new_orgs
        ]
        steps += _insert(sqlite, ORGANISATION, org_rows)
        steps += _insert(sqlite, CATEGORY, new_categories)
        steps += _insert(sqlite, TAG, new_tags)
        steps += _insert(sqlite, ASSET, asset_rows)
        steps += _update_assets(sqlite, update_rows)
        for table in _CHILD_TABLES:
            steps += _insert(sqlite, table, children.get(table.name, []))
        if search_rows:
            steps.append(_Step(asset_search.INSERT_SQL, search_rows))
        return steps

    def withdraw(self, asset_ids: Sequence[uuid.UUID]) -> None:
        """Mark assets the source no longer lists: withdrawn and archived (kept for history)."""
        now = utcnow()
        for start in range(0, len(asset_ids), 500):
            chunk = asset_ids[start : start + 500]
            self._session.execute(
                update(ASSET)
                .where(ASSET.c.id.in_(chunk))
                .values(
                    withdrawn_at=now,
                    archived_at=func.coalesce(ASSET.c.archived_at, now),
                    version=ASSET.c.version + 1,
                    updated_at=now,
                )
            )

    def duplicate_index(self, source: str) -> DuplicateIndex:
        """Every listed (not archived, not merged) asset that did not come from ``source``."""
        names: dict[uuid.UUID, str] = {}
        by_name: dict[tuple[str, str], list[tuple[uuid.UUID, str]]] = defaultdict(list)
        by_phone: dict[str, list[tuple[uuid.UUID, str]]] = defaultdict(list)
        others = (
            ASSET.c.source != source,
            ASSET.c.archived_at.is_(None),
            ASSET.c.merged_into_id.is_(None),
        )
        for asset_id, name, phone in self._session.execute(
            select(ASSET.c.id, ASSET.c.name, ASSET.c.phone).where(*others)
        ):
            names[asset_id] = name
            if pk := phone_key(phone or ""):
                by_phone[pk].append((asset_id, name))
        for asset_id, postcode in self._session.execute(
            select(LOCATION.c.asset_id, LOCATION.c.postcode)
            .join(ASSET, ASSET.c.id == LOCATION.c.asset_id)
            .where(*others, LOCATION.c.postcode != "")
        ):
            by_name[(name_key(names[asset_id]), postcode)].append((asset_id, names[asset_id]))
        for asset_id, phone in self._session.execute(
            select(CONTACT.c.asset_id, CONTACT.c.phone)
            .join(ASSET, ASSET.c.id == CONTACT.c.asset_id)
            .where(*others, CONTACT.c.phone != "")
        ):
            if (pk := phone_key(phone)) and (asset_id, names[asset_id]) not in by_phone[pk]:
                by_phone[pk].append((asset_id, names[asset_id]))
        return DuplicateIndex(dict(by_name), dict(by_phone))

    def flag_duplicates(self, pairs: Iterable[tuple[uuid.UUID, uuid.UUID, str]]) -> int:
        """Record pairs for review; a pair already flagged (either way round) is not added again."""
        wanted = list(pairs)
        if not wanted:
            return 0
        ids = {a for a, _, _ in wanted} | {b for _, b, _ in wanted}
        known = {
            frozenset((a, b))
            for a, b in self._session.execute(
                select(DUPLICATE.c.asset_id, DUPLICATE.c.other_id).where(
                    DUPLICATE.c.asset_id.in_(ids) | DUPLICATE.c.other_id.in_(ids)
                )
            )
        }
        rows = []
        for a, b, reason in wanted:
            if frozenset((a, b)) in known or a == b:
                continue
            known.add(frozenset((a, b)))
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "asset_id": a,
                    "other_id": b,
                    "reason": reason[:200],
                    "found_at": utcnow(),
                    "resolved_at": None,
                    "resolution": "",
                }
            )
        if rows:
            self._session.execute(insert(DUPLICATE), rows)
        return len(rows)

    # Sources imported before ---------------------------------------------------------------

    def new_source(self, key: str) -> DirectorySource:
        """A new record of an import source, added to this unit."""
        row = DirectorySource(id=uuid.uuid4(), key=key)
        self._session.add(row)
        return row

    def duplicate_pair(self, pair_id: uuid.UUID) -> AssetDuplicate | None:
        return self._session.get(AssetDuplicate, pair_id)

    def open_pairs_with(self, asset_id: uuid.UUID) -> list[AssetDuplicate]:
        """Pairs not yet decided on that include ``asset_id``."""
        return list(
            self._session.scalars(
                select(AssetDuplicate).where(
                    AssetDuplicate.resolved_at.is_(None),
                    (AssetDuplicate.asset_id == asset_id) | (AssetDuplicate.other_id == asset_id),
                )
            )
        )

    def source_row(self, key: str) -> DirectorySource | None:
        return self._session.scalars(
            select(DirectorySource).where(DirectorySource.key == key)
        ).first()

    def all_sources(self) -> list[DirectorySource]:
        return list(self._session.scalars(select(DirectorySource).order_by(DirectorySource.name)))

    def listings_by_source(self) -> dict[str, int]:
        """How many listings (not archived) each source gives now."""
        return {
            source: count
            for source, count in self._session.execute(
                select(ASSET.c.source, func.count())
                .where(ASSET.c.source != "", ASSET.c.archived_at.is_(None))
                .group_by(ASSET.c.source)
            )
        }

    def open_duplicates(self) -> list[DuplicatePair]:
        """Flagged pairs nobody has decided on, both still listed, newest first."""
        first = ASSET.alias("first")
        second = ASSET.alias("second")
        rows = self._session.execute(
            select(
                DUPLICATE.c.id,
                DUPLICATE.c.reason,
                DUPLICATE.c.found_at,
                first.c.id.label("a_id"),
                first.c.name.label("a_name"),
                first.c.source.label("a_source"),
                second.c.id.label("b_id"),
                second.c.name.label("b_name"),
                second.c.source.label("b_source"),
            )
            .join(first, first.c.id == DUPLICATE.c.asset_id)
            .join(second, second.c.id == DUPLICATE.c.other_id)
            .where(
                DUPLICATE.c.resolved_at.is_(None),
                first.c.archived_at.is_(None),
                second.c.archived_at.is_(None),
            )
            .order_by(DUPLICATE.c.found_at.desc(), first.c.name)
        )
        return [
            DuplicatePair(
                id=r.id,
                asset_id=r.a_id,
                asset_name=r.a_name,
                asset_source=r.a_source or "",
                other_id=r.b_id,
                other_name=r.b_name,
                other_source=r.b_source or "",
                reason=r.reason,
                found_at=r.found_at,
            )
            for r in rows
        ]
