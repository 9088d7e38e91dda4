"""Reading and writing community assets: ORM rows to and from value types, and search.

Only this module knows how an :class:`~linkworker.domain.directory.AssetDraft`
is laid out in tables and in the full-text index.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    and_,
    case,
    delete,
    exists,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.orm import selectinload

from linkworker.data import asset_search
from linkworker.data.asset_rows import CATEGORY_SEPARATOR, asset_summary
from linkworker.data.asset_search import search_row
from linkworker.data.models import (
    Asset,
    AssetAccessibility,
    AssetContact,
    AssetLanguage,
    AssetLocation,
    AssetOpeningTime,
    Category,
    Organisation,
    Tag,
    asset_category,
    utcnow,
)
from linkworker.data.unit_of_work import Repository
from linkworker.domain.dates import months_before
from linkworker.domain.directory import (
    AssetDetail,
    AssetDraft,
    AssetStatus,
    AssetSummary,
    Contact,
    Cost,
    Day,
    DirectoryFilter,
    JoinMode,
    Location,
    OpeningTime,
    SortKey,
)
from linkworker.domain.opening_times import summarise_times
from linkworker.domain.validation import district_of, normal_postcode

BM25 = asset_search.BM25
#: A relevance-ordered search ranks this many more hits than the page needs, so that
#: filters which drop a few still leave a full page without ranking every match.
RANK_MARGIN = 50

_LOADERS = (
    selectinload(Asset.organisation),
    selectinload(Asset.categories),
    selectinload(Asset.tags),
    selectinload(Asset.locations),
    selectinload(Asset.opening_times),
    selectinload(Asset.contacts),
    selectinload(Asset.accessibility),
    selectinload(Asset.languages),
)


#: Words shorter than this are left out of a search: one letter matches nearly
#: every asset, so ranking it costs time and tells the person nothing.
MIN_WORD = 2


def has_words(text_: str) -> bool:
    """True if the text has any letters or digits at all."""
    return bool(re.search(r"\w", text_))


def fts_query(text_: str) -> str:
    """An FTS5 MATCH expression: every word (of two or more characters) as a prefix.

    Words are quoted, so nothing a person types is read as FTS syntax. Text with
    words but none long enough gives "" (no text filter); see :func:`has_words`.
    """
    words = [w for w in re.findall(r"\w+", text_.lower()) if len(w) >= MIN_WORD]
    return " ".join(f'"{w}"*' for w in words)


_Named = TypeVar("_Named", Category, Tag, Organisation)


def _categories_in_order(asset: Asset) -> tuple[str, ...]:
    """Categories in the order they were entered.

    The link table has no order (rows come back by random UUID), but
    ``category_text`` keeps the order the draft gave, as the table shows it.
    """
    listed = {name: i for i, name in enumerate(asset.category_text.split(CATEGORY_SEPARATOR))}
    names = [c.name for c in asset.categories]
    return tuple(sorted(names, key=lambda n: (listed.get(n, len(listed)), n.lower())))


def to_draft(asset: Asset) -> AssetDraft:
    return AssetDraft(
        id=asset.id,
        version=asset.version,
        name=asset.name,
        organisation=asset.organisation.name if asset.organisation else "",
        description=asset.description,
        categories=_categories_in_order(asset),
        tags=tuple(sorted((t.name for t in asset.tags), key=str.lower)),
        cost=Cost(asset.cost),
        cost_note=asset.cost_note,
        join_mode=JoinMode(asset.join_mode),
        age_min=asset.age_min,
        age_max=asset.age_max,
        eligibility=asset.eligibility,
        accessibility=tuple(sorted(a.feature for a in asset.accessibility)),
        languages=tuple(sorted(lang.language for lang in asset.languages)),
        status=AssetStatus(asset.status),
        capacity_note=asset.capacity_note,
        waiting_list=asset.waiting_list,
        website=asset.website,
        email=asset.email,
        phone=asset.phone,
        locations=tuple(
            Location(
                name=loc.name,
                address=loc.address,
                town=loc.town,
                postcode=loc.postcode,
                latitude=loc.latitude,
                longitude=loc.longitude,
            )
            for loc in asset.locations
        ),
        opening_times=tuple(
            OpeningTime(
                day=None if s.day is None else Day(s.day), starts=s.starts, ends=s.ends, note=s.note
            )
            for s in asset.opening_times
        ),
        contacts=tuple(
            Contact(name=c.name, role=c.role, phone=c.phone, email=c.email) for c in asset.contacts
        ),
        last_verified_on=asset.last_verified_on,
        verified_by=asset.verified_by,
        notes=asset.notes,
    )


def to_detail(asset: Asset) -> AssetDetail:
    return AssetDetail(
        id=asset.id,
        version=asset.version,
        draft=to_draft(asset),
        created_at=asset.created_at,
        updated_at=asset.updated_at,
        archived=asset.archived_at is not None,
    )


#: The earliest weekday an asset runs (its lowest day bit), assets without a weekly day
#: last: "When" sorts Monday to Sunday, not alphabetically by day name (Fri, Mon, Sat...).
_FIRST_DAY = case((Asset.day_mask == 0, 1 << 7), else_=Asset.day_mask.op("&")(-Asset.day_mask))

_SORT_COLUMNS: dict[SortKey, Any] = {
    SortKey.NAME: func.lower(Asset.name),
    SortKey.ORGANISATION: func.lower(func.coalesce(Organisation.name, "")),
    SortKey.CATEGORY: func.lower(Asset.category_text),
    SortKey.COST: Asset.cost,
    SortKey.JOIN_MODE: Asset.join_mode,
    SortKey.STATUS: Asset.status,
    SortKey.DISTRICT: Asset.district,
    SortKey.WHEN: (_FIRST_DAY, Asset.when_text),
    SortKey.LAST_VERIFIED: func.coalesce(Asset.last_verified_on, dt.date(1900, 1, 1)),
}


_SUMMARY_COLUMNS = (
    Asset.id,
    Asset.name,
    Organisation.name,
    Asset.category_text,
    Asset.cost,
    Asset.join_mode,
    Asset.status,
    Asset.district,
    Asset.when_text,
    Asset.last_verified_on,
    Asset.archived_at,
)


def _hits(query_text: str, cap: int | None, dialect: str) -> Any:
    """The full-text matches as (rid, rank), best first; at most ``cap`` of them if given."""
    sql = asset_search.match_clause(dialect, ranked=True).replace(
        "SELECT rowid,", "SELECT rowid AS rid,"
    )
    if cap is not None:
        sql += " ORDER BY rank LIMIT :cap"
    clause = text(sql).bindparams(
        q=asset_search.match_value(query_text, dialect), **({"cap": cap} if cap is not None else {})
    )
    return clause.columns(rid=Integer, rank=Float).subquery("hits")


def derived_values(draft: AssetDraft, category_names: Sequence[str]) -> dict[str, Any]:
    """The asset columns worked out from the rest, which lists sort and filter by:
    its first postcode district, its opening times in words, the weekdays it runs
    (one bit a day) and its categories in one string."""
    return {
        "district": next(
            (d for d in (district_of(loc.postcode) for loc in draft.locations) if d), ""
        ),
        "when_text": summarise_times(draft.opening_times),
        "day_mask": sum({1 << int(s.day) for s in draft.opening_times if s.day is not None}),
        "category_text": CATEGORY_SEPARATOR.join(category_names),
    }


class AssetRepository(Repository):
    """Community assets: reading, writing, the full-text index and search."""

    def _by_lower_name(self, model: type[_Named]) -> dict[str, _Named]:
        """Every row of a name table keyed by its name in lower case, loaded once per unit of work.

        Matched in Python, not with SQL ``lower()``: SQLite's folds only ASCII, so a
        second 'CAFÉ' was not found and hit the unique key. These tables are small
        (the directory's categories, tags and organisations).
        """
        key = ("rows_by_lower_name", model.__name__)
        cache: dict[str, _Named] | None = self._session.info.get(key)
        if cache is None:
            cache = {row.name.lower(): row for row in self._session.scalars(select(model))}
            self._session.info[key] = cache
        return cache

    def _names(self, model: type[_Named], names: Iterable[str]) -> list[_Named]:
        wanted: dict[str, str] = {}
        for name in names:
            clean = " ".join(name.split())
            if clean:
                wanted.setdefault(clean.lower(), clean)
        if not wanted:
            return []
        found = self._by_lower_name(model)
        result: list[_Named] = []
        for key, name in wanted.items():
            row = found.get(key)
            if row is None:
                row = model(name=name)
                self._session.add(row)
                found[key] = row
            result.append(row)
        return result

    def _organisation(self, name: str) -> Organisation | None:
        clean = " ".join(name.split())
        if not clean:
            return None
        found = self._by_lower_name(Organisation)
        org = found.get(clean.lower())
        if org is None:
            org = Organisation(name=clean)
            self._session.add(org)
            found[clean.lower()] = org
        return org

    def apply_draft(self, asset: Asset, draft: AssetDraft) -> None:
        """Write every field of ``draft`` onto ``asset`` (new or loaded with its collections)."""
        with self._session.no_autoflush:
            self._apply(asset, draft)

    def _apply(self, asset: Asset, draft: AssetDraft) -> None:
        # Always touched, so every save is an UPDATE of the asset row: that bumps
        # ``version`` even when only its locations, times, contacts, tags or
        # categories changed, and a concurrent edit of those is detected.
        now = utcnow()
        if asset.created_at is None:  # new, not yet flushed
            asset.created_at = now
        asset.updated_at = now
        if asset.search_rowid is None:
            asset.search_rowid = self._next_search_rowid()
        asset.name = draft.name.strip()
        asset.organisation = self._organisation(draft.organisation)
        asset.description = draft.description
        asset.categories = self._names(Category, draft.categories)
        asset.tags = self._names(Tag, draft.tags)
        asset.cost = Cost(draft.cost).value
        asset.cost_note = draft.cost_note
        asset.join_mode = JoinMode(draft.join_mode).value
        asset.age_min = draft.age_min
        asset.age_max = draft.age_max
        asset.eligibility = draft.eligibility
        asset.status = AssetStatus(draft.status).value
        asset.capacity_note = draft.capacity_note
        asset.waiting_list = draft.waiting_list
        asset.website = draft.website
        asset.email = draft.email
        asset.phone = draft.phone
        asset.last_verified_on = draft.last_verified_on
        asset.verified_by = draft.verified_by
        asset.notes = draft.notes
        asset.locations = [
            AssetLocation(
                position=i,
                name=loc.name,
                address=loc.address,
                town=loc.town,
                postcode=normal_postcode(loc.postcode),
                latitude=loc.latitude,
                longitude=loc.longitude,
            )
            for i, loc in enumerate(draft.locations)
        ]
        asset.opening_times = [
            AssetOpeningTime(
                position=i,
                day=None if slot.day is None else int(slot.day),
                starts=slot.starts,
                ends=slot.ends,
                note=slot.note,
            )
            for i, slot in enumerate(draft.opening_times)
        ]
        asset.contacts = [
            AssetContact(position=i, name=c.name, role=c.role, phone=c.phone, email=c.email)
            for i, c in enumerate(draft.contacts)
        ]
        asset.accessibility = [
            AssetAccessibility(feature=f) for f in dict.fromkeys(draft.accessibility)
        ]
        asset.languages = [
            AssetLanguage(language=lang)
            for lang in dict.fromkeys(x.strip() for x in draft.languages)
            if lang
        ]
        for column, value in derived_values(draft, [c.name for c in asset.categories]).items():
            setattr(asset, column, value)

    def create(self, *, verified_locally: bool) -> Asset:
        """A new asset in this unit of work, to be filled with :meth:`apply_draft`."""
        asset = Asset(id=uuid.uuid4(), verified_locally=verified_locally)
        self._session.add(asset)
        return asset

    def load(self, asset_id: uuid.UUID) -> Asset | None:
        return self._session.scalars(
            select(Asset).options(*_LOADERS).where(Asset.id == asset_id)
        ).first()

    def detail(self, asset_id: uuid.UUID) -> AssetDetail | None:
        asset = self.load(asset_id)
        return None if asset is None else to_detail(asset)

    def details(self, ids: Sequence[uuid.UUID]) -> list[AssetDetail]:
        """The assets among ``ids`` that exist, in that order, read in one go."""
        return [to_detail(a) for a in self.load_many(ids)] if ids else []

    def names(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
        """The name of each of these assets that exists."""
        if not ids:
            return {}
        rows = self._session.execute(select(Asset.id, Asset.name).where(Asset.id.in_(ids)))
        return {asset_id: name for asset_id, name in rows}

    def drafts(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, AssetDraft]:
        """These assets as drafts, read without keeping them in the unit (for big imports)."""
        loaded = self.load_many(ids)
        found = {a.id: to_draft(a) for a in loaded}
        self._session.expunge_all()
        return found

    def load_many(self, ids: Sequence[uuid.UUID]) -> list[Asset]:
        rows = self._session.scalars(
            select(Asset).options(*_LOADERS).where(Asset.id.in_(ids))
        ).all()
        order = {asset_id: i for i, asset_id in enumerate(ids)}
        return sorted(rows, key=lambda a: order[a.id])

    def reindex(self, asset: Asset) -> None:
        """Refresh the full-text row of one asset; its rowid is ``search_rowid``."""
        if asset.search_rowid is None and not self.sqlite:
            asset.search_rowid = self._next_search_rowid()  # saved before the index was made
        if asset.search_rowid is None:
            raise AssertionError(
                "apply_draft gives every asset a search_rowid before it is indexed"
            )
        row = search_row(
            asset.search_rowid,
            name=asset.name,
            organisation=asset.organisation.name if asset.organisation else "",
            description=asset.description,
            categories=(c.name for c in asset.categories),
            tags=(t.name for t in asset.tags),
            locations=asset.locations,
        )
        dialect = self.dialect
        connection = self._session.connection()
        connection.exec_driver_sql(
            asset_search.for_driver(asset_search.DELETE_SQL, dialect), (asset.search_rowid,)
        )
        connection.exec_driver_sql(
            asset_search.for_driver(asset_search.INSERT_SQL, dialect),
            asset_search.for_dialect(row, dialect),
        )

    def _next_search_rowid(self) -> int:
        """The next free full-text rowid (SQLite: read through the index on
        asset.search_rowid; PostgreSQL: its sequence, as several may save at once)."""
        if not self.sqlite:
            return int(
                self._session.execute(text("SELECT nextval('asset_search_rowid_seq')")).scalar_one()
            )
        top = self._session.execute(select(func.max(Asset.search_rowid))).scalar_one_or_none()
        return int(top or 0) + 1

    def rebuild_index(self) -> int:
        """Rebuild the whole full-text index; returns how many assets it holds."""
        self._session.execute(text("DELETE FROM asset_search"))
        count = 0
        for asset in self._session.scalars(select(Asset).options(*_LOADERS)):
            self.reindex(asset)
            count += 1
        return count

    def delete_all_assets(self) -> None:
        """Remove every asset (used only when a demo folder is refilled)."""
        self._session.execute(delete(Asset))
        self._session.execute(text("DELETE FROM asset_search"))

    def _conditions(self, flt: DirectoryFilter) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if not flt.include_archived:
            conds.append(Asset.archived_at.is_(None))
        if flt.category:
            conds.append(
                exists().where(
                    and_(
                        asset_category.c.asset_id == Asset.id,
                        asset_category.c.category_id == Category.id,
                        # Exact first: SQLite's lower() leaves non-ASCII capitals ('É') alone.
                        or_(
                            Category.name == flt.category,
                            func.lower(Category.name) == flt.category.lower(),
                        ),
                    )
                )
            )
        if flt.cost is not None:
            conds.append(Asset.cost == flt.cost.value)
        if flt.join_mode is not None:
            conds.append(Asset.join_mode == flt.join_mode.value)
        if flt.status is not None:
            conds.append(Asset.status == flt.status.value)
        if flt.day is not None:
            conds.append(Asset.day_mask.op("&")(1 << int(flt.day)) != 0)
        if flt.district:
            conds.append(Asset.district == flt.district.strip().upper())
        if flt.stale_months is not None:
            cutoff = months_before(flt.today or dt.date.today(), flt.stale_months)
            conds.append(or_(Asset.last_verified_on.is_(None), Asset.last_verified_on < cutoff))
        return conds

    def _match_count(self, query_text: str, cap: int) -> int:
        """How many full-text matches there are, counting no further than ``cap``."""
        dialect = self.dialect
        return int(
            self._session.execute(
                text(
                    f"SELECT count(*) FROM ({asset_search.match_clause(dialect, ranked=False)}"
                    " LIMIT :cap) AS capped"
                ),
                {"q": asset_search.match_value(query_text, dialect), "cap": cap},
            ).scalar_one()
        )

    def search(
        self,
        flt: DirectoryFilter,
        sort: SortKey,
        descending: bool,
        limit: int,
        offset: int,
    ) -> tuple[list[AssetSummary], int]:
        """One page of summaries matching ``flt`` and how many match in all.

        With words to look for (SQLite), the full-text table ranks its matches and
        only the best ``offset + limit + RANK_MARGIN`` are joined to the asset table;
        when filters leave that short of a page, every match is joined instead.
        """
        conds = self._conditions(flt)
        query_text = fts_query(flt.text)
        dialect = self.dialect
        if flt.text.strip() and not query_text and not has_words(flt.text):
            return [], 0
        by_relevance = sort is SortKey.RELEVANCE or sort not in _SORT_COLUMNS
        if by_relevance:
            order_keys: list[Any] = []
        else:
            keys = _SORT_COLUMNS[sort]
            keys = keys if isinstance(keys, tuple) else (keys,)
            order_keys = [k.desc() if descending else k.asc() for k in keys]

        def page(cap: int | None) -> list[Any]:
            query = select(*_SUMMARY_COLUMNS).select_from(Asset).outerjoin(Organisation)
            order = [*order_keys, func.lower(Asset.name)]
            if query_text:
                hits = _hits(query_text, cap, dialect)
                query = query.join(hits, hits.c.rid == Asset.search_rowid)
                if by_relevance:
                    order = [hits.c.rank, func.lower(Asset.name)]
            if conds:
                query = query.where(*conds)
            return list(
                self._session.execute(query.order_by(*order).limit(limit).offset(offset)).all()
            )

        if query_text and by_relevance:
            cap = offset + limit + RANK_MARGIN
            rows = page(cap)
            if len(rows) < limit and self._match_count(query_text, cap) >= cap:
                rows = page(None)  # filters dropped too many of the best matches: rank them all
        else:
            rows = page(None)

        if offset or len(rows) == limit:
            count_q = select(func.count()).select_from(Asset)
            if query_text:
                hits = _hits(query_text, None, dialect)
                count_q = count_q.join(hits, hits.c.rid == Asset.search_rowid)
            if conds:
                count_q = count_q.where(*conds)
            total = int(self._session.execute(count_q).scalar_one())
        else:
            total = offset + len(rows)
        return [asset_summary(r) for r in rows], total

    def matching_ids(self, flt: DirectoryFilter) -> list[uuid.UUID]:
        """Every id matching ``flt``, by name (for export and printing)."""
        ids: list[uuid.UUID] = []
        offset = 0
        while True:
            page, _ = self.search(flt, SortKey.NAME, False, 1000, offset)
            ids.extend(s.id for s in page)
            if len(page) < 1000:
                return ids
            offset += 1000

    def category_names(self) -> list[str]:
        in_use = (
            select(asset_category.c.category_id)
            .join(Asset, Asset.id == asset_category.c.asset_id)
            .where(Asset.archived_at.is_(None))
        )
        return list(
            self._session.scalars(
                select(Category.name)
                .where(Category.id.in_(in_use))
                .order_by(func.lower(Category.name))
            )
        )

    def district_names(self) -> list[str]:
        return list(
            self._session.scalars(
                select(Asset.district)
                .where(Asset.district != "", Asset.archived_at.is_(None))
                .distinct()
                .order_by(Asset.district)
            )
        )

    def count_assets(self) -> int:
        return self._session.execute(
            select(func.count()).select_from(Asset).where(Asset.archived_at.is_(None))
        ).scalar_one()
