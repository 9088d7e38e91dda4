"""The sections of the Today page, each one query over the caseload.

Every section is one statement that finds its rows by an index (see migration
0008 and the notes in ``bench/today.py``), sorts them and counts them all with
``count(*) OVER ()``, so a section of 3,000 people costs one query, not 3,000.
"Only mine" is a list of the spellings of the worker's name found on the
caseload (read by skipping along the link worker index, one step per worker),
matched with ``IN``; names are compared folded, as :func:`same_worker` says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    bindparam,
    exists,
    func,
    literal,
    null,
    select,
    text,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlalchemy.types import Date, DateTime, String, Uuid

from linkworker.data.dialect import day_of, greatest
from linkworker.data.models import AssetReferral, Contact, Conversation, Episode, Person
from linkworker.data.unit_of_work import Repository
from linkworker.domain.journey import ContactPlace, where_words
from linkworker.domain.names import display_name
from linkworker.domain.today import (
    AWAITING_NEWS_STATUSES,
    OPEN_STATUSES,
    ROWS_PER_SECTION,
    BookedContact,
    SectionKind,
    TodayLimits,
    TodayRow,
    TodaySection,
    same_worker,
    what_words,
)

#: Every spelling of link_worker on the caseload, one index step per spelling.
_SPELLINGS = text(
    "WITH RECURSIVE w(name) AS ("
    " SELECT min(link_worker) FROM person"
    " UNION ALL"
    " SELECT (SELECT min(link_worker) FROM person WHERE link_worker > w.name)"
    " FROM w WHERE w.name IS NOT NULL"
    ") SELECT name FROM w WHERE name IS NOT NULL"
)

#: A statement over any columns (SQLAlchemy types a select by its columns).
_Query = Select[*tuple[Any, ...]]
_Compound = CompoundSelect[*tuple[Any, ...]]

_NAME = (Person.given_name, Person.family_name, Person.preferred_name)
_OPEN = Episode.status.in_(OPEN_STATUSES)
# The values a section's statement is run with (see :func:`_values`).
_DAY = bindparam("day", type_=Date)
_DAY_START = bindparam("day_start", type_=DateTime)
_DAY_END = bindparam("day_end", type_=DateTime)
_QUIET_BEFORE = bindparam("quiet_before", type_=Date)
_NO_NEWS_BEFORE = bindparam("no_news_before", type_=Date)
_WORKERS = bindparam("workers", type_=String, expanding=True)

#: Each section's statement, built the first time it is wanted: (kind, mine, limit) -> it.
_STATEMENTS: dict[tuple[SectionKind, bool, int], _Query] = {}


def _values(limits: TodayLimits, workers: Sequence[str] | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "day": limits.day,
        "day_start": limits.day_start,
        "day_end": limits.day_end,
        "quiet_before": limits.quiet_before,
        "no_news_before": limits.no_news_before,
    }
    if workers is not None:
        values["workers"] = list(workers)
    return values


# Typed, so that a union of sections reads them back as what they are.
_NO_TIME = type_coerce(null(), DateTime)
_NO_RECORD = type_coerce(null(), Uuid)


def _ordering(column: Any) -> Any:
    """A section's sort key: days and times sort alike as ISO text."""
    return type_coerce(column, String).label("ordering")


def _columns(
    person_id: Any,
    link_worker: Any,
    code: Any,
    since: Any,
    *,
    detail: Any = None,
    label: Any = None,
    at: Any = _NO_TIME,
    record_id: Any = _NO_RECORD,
    order: Any = None,
) -> tuple[Any, ...]:
    """Every section's columns, in the one order the page query reads them; rows sort by
    ``order`` (by ``since`` when not given)."""
    return (
        person_id.label("person_id"),
        link_worker.label("link_worker"),
        (literal(code) if isinstance(code, str) else code).label("code"),
        (literal("") if detail is None else detail).label("detail"),
        (literal("") if label is None else label).label("label"),
        since.label("since"),
        at.label("at"),
        record_id.label("record_id"),
        _ordering(since if order is None else order),
    )


#: What a section's statement gives for a row, after the person's id and names.
_ROW = (
    "person_id",
    "link_worker",
    "code",
    "detail",
    "label",
    "since",
    "at",
    "record_id",
    "ordering",
)


def _place(value: str) -> ContactPlace:
    try:
        return ContactPlace(value)
    except ValueError:
        return ContactPlace.PRACTICE


class TodayRepository(Repository):
    """The sections of the Today page, each one query over the caseload."""

    def worker_spellings(self, user: str, also: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The ways the user's name is written on the caseload, the name itself, and ``also``."""
        names = self._session.execute(_SPELLINGS).scalars().all()
        found = {name for name in names if same_worker(name, user)}
        found.add(" ".join(user.split()))
        found.update(also)
        return tuple(sorted(found))

    # The sections ---------------------------------------------------------------

    def section(
        self,
        kind: SectionKind,
        limits: TodayLimits,
        workers: Sequence[str] | None,
        limit: int = ROWS_PER_SECTION,
    ) -> TodaySection:
        """One section for the day: its first ``limit`` rows in order, and how many in all.

        ``workers`` are the spellings "only mine" matches (None: everyone). The
        statement is built once per kind and reused with the day's values.
        """
        query = self._statement(kind, workers is not None, limit)
        values = _values(limits, workers)
        rows = self._session.connection().execute(query, values).all()
        total = int(rows[0].total) if rows else 0
        return TodaySection(
            kind=kind,
            rows=tuple(self._row(kind, row, limits.day) for row in rows),
            total=total,
        )

    def statement(
        self,
        kind: SectionKind,
        limits: TodayLimits,
        workers: Sequence[str] | None,
        limit: int = ROWS_PER_SECTION,
    ) -> _Query:
        """The one statement a section runs, with the day's values bound (for the bench)."""
        return self._statement(kind, workers is not None, limit).params(_values(limits, workers))

    def _statement(self, kind: SectionKind, mine: bool, limit: int) -> _Query:
        """A section's rows sorted, the first ``limit``, each carrying the count of them all
        (columns: the person's id and names, :data:`_ROW`, ``total``); built once, then kept."""
        key = (kind, mine, limit)
        cached = _STATEMENTS.get(key)
        if cached is not None:
            return cached
        build: dict[SectionKind, Callable[[bool], _Query | _Compound]] = {
            SectionKind.BOOKED_TODAY: self._booked_today,
            SectionKind.OVERDUE: self._overdue,
            SectionKind.WAITING: self._waiting,
            SectionKind.QUIET: self._quiet,
            SectionKind.CHECK_BACK: self._check_backs,
            SectionKind.NO_NEWS: self._no_news,
        }
        # The page is cut first and only its people are read: a person's name is looked up
        # for the rows shown, not for every row counted.
        inner = build[kind](mine).subquery("section")
        page = (
            select(*(inner.c[name] for name in _ROW), func.count().over().label("total"))
            .order_by(inner.c.ordering, inner.c.person_id)
            .limit(limit)
            .subquery("page")
        )
        query: _Query = (
            select(
                page.c.person_id,
                *_NAME,
                *(page.c[name] for name in _ROW[1:]),
                page.c.total,
            )
            .join(Person, Person.id == page.c.person_id)
            .order_by(page.c.ordering, Person.sort_name, page.c.person_id)
        )
        _STATEMENTS[key] = query
        return query

    @staticmethod
    def _row(kind: SectionKind, row: Any, day: dt.date) -> TodayRow:
        since = row.since
        if isinstance(since, dt.datetime):
            since = since.date()
        return TodayRow(
            person_id=row.person_id,
            name=display_name(row.given_name, row.family_name, row.preferred_name),
            what=what_words(row.code, row.detail, row.label),
            since=since,
            days=(day - since).days,
            tab=kind.tab,
            link_worker=row.link_worker,
            at=row.at,
            record_id=row.record_id,
        )

    def _booked_today(self, mine: bool) -> _Query:
        """Contacts still booked that start on the day, by time."""
        query = self._contacts(
            and_(
                Contact.outcome == "booked",
                Contact.starts_at >= _DAY_START,
                Contact.starts_at < _DAY_END,
            ),
            mine,
            "booked_today",
        )
        return query

    def _contacts(self, when: ColumnElement[bool], mine: bool, code: str) -> _Query:
        worker = func.coalesce(func.nullif(Contact.link_worker, ""), Episode.link_worker)
        where = [when, _OPEN]
        if mine:
            where.append(worker.in_(_WORKERS))
        return (
            select(
                *_columns(
                    Contact.person_id,
                    worker,
                    code,
                    day_of(Contact.starts_at),
                    detail=Contact.place,
                    label=Contact.place_name,
                    at=Contact.starts_at,
                    record_id=Contact.id,
                    order=Contact.starts_at,
                )
            )
            .join(Episode, Episode.id == Contact.episode_id)
            .where(*where)
        )

    def _overdue(self, mine: bool) -> _Compound:
        """Open episodes whose next contact day has passed, and contacts booked before
        the day with nothing recorded; the longest overdue first."""
        due: _Query = select(
            *_columns(Episode.person_id, Episode.link_worker, "next", Episode.next_contact_on)
        )
        due = due.where(_OPEN, Episode.next_contact_on < _DAY)
        if mine:
            due = due.where(Episode.link_worker.in_(_WORKERS))
        missed = self._contacts(
            and_(Contact.outcome == "booked", Contact.starts_at < _DAY_START),
            mine,
            "booked",
        )
        query = union_all(due, missed)
        return query

    def _waiting(self, mine: bool) -> _Query:
        """Open episodes waiting for a first contact, the longest wait first."""
        query: _Query = select(
            *_columns(
                Episode.person_id,
                Episode.link_worker,
                "waiting",
                Episode.referral_date,
                record_id=Episode.id,
            )
        ).where(Episode.status == "waiting")
        if mine:
            query = query.where(Episode.link_worker.in_(_WORKERS))
        return query

    def _quiet(self, mine: bool) -> _Compound:
        """People in an open episode with no contact since before the quiet limit, or none
        at all since an open referral older than it; the longest quiet first."""
        before = _QUIET_BEFORE

        def people(*where: ColumnElement[bool], since: Any, what: str) -> _Query:
            query: _Query = select(*_columns(Person.id, Person.link_worker, what, since)).where(
                Person.status.in_(OPEN_STATUSES), *where
            )
            if mine:
                query = query.where(Person.link_worker.in_(_WORKERS))
            return query

        referred = (
            select(func.min(Episode.referral_date))
            .where(Episode.person_id == Person.id, _OPEN)
            .scalar_subquery()
        )
        # Quiet since the later of their last contact and the open referral: someone back
        # for a new episode last week is not quiet because of an old one.
        query = union_all(
            people(
                Person.last_contact_on < before,
                referred < before,
                since=greatest(Person.last_contact_on, referred),
                what="last",
            ),
            people(
                Person.last_contact_on.is_(None),
                referred < before,
                since=referred,
                what="never",
            ),
        )
        return query

    def _check_backs(self, mine: bool) -> _Query:
        """Crisis conversations whose check-back day has come, with nothing recorded after
        them in their (open) episode; the oldest first."""
        later = aliased(Conversation)
        query: _Query = (
            select(
                *_columns(
                    Episode.person_id,
                    Episode.link_worker,
                    "check_back",
                    Conversation.check_back_on,
                    record_id=Conversation.id,
                )
            )
            .select_from(Episode)
            .join(Conversation, Conversation.episode_id == Episode.id)
            .where(
                _OPEN,
                Conversation.check_back_on <= _DAY,
                Conversation.kind == "crisis",
                ~exists().where(
                    later.episode_id == Conversation.episode_id, later.at > Conversation.at
                ),
            )
        )
        if mine:
            query = query.where(Episode.link_worker.in_(_WORKERS))
        return query

    def _no_news(self, mine: bool) -> _Query:
        """Places referred to or agreed, in an open episode, unchanged since before the
        no-news limit; the longest silent first."""
        query: _Query = (
            select(
                *_columns(
                    Episode.person_id,
                    Episode.link_worker,
                    "no_news",
                    AssetReferral.status_on,
                    detail=AssetReferral.status,
                    label=AssetReferral.asset_name,
                    record_id=AssetReferral.id,
                )
            )
            .select_from(Episode)
            .join(AssetReferral, AssetReferral.episode_id == Episode.id)
            .where(
                _OPEN,
                AssetReferral.status.in_(AWAITING_NEWS_STATUSES),
                AssetReferral.status_on < _NO_NEWS_BEFORE,
            )
        )
        if mine:
            query = query.where(Episode.link_worker.in_(_WORKERS))
        return query

    # The calendar ---------------------------------------------------------------

    def booked_between(
        self, start: dt.datetime, end: dt.datetime, workers: Sequence[str] | None
    ) -> tuple[BookedContact, ...]:
        """Contacts still booked from ``start`` to before ``end``, by time."""
        worker = func.coalesce(func.nullif(Contact.link_worker, ""), Episode.link_worker)
        query: _Query = (
            select(
                Contact.id,
                Contact.version,
                Contact.starts_at,
                Contact.minutes,
                Contact.place,
                Contact.place_name,
                Contact.updated_at,
                Contact.person_id,
                *_NAME,
            )
            .join(Episode, Episode.id == Contact.episode_id)
            .join(Person, Person.id == Contact.person_id)
            .where(
                Contact.outcome == "booked",
                Contact.starts_at >= start,
                Contact.starts_at < end,
                _OPEN,
            )
            .order_by(Contact.starts_at, Contact.id)
        )
        if workers is not None:
            query = query.where(worker.in_(workers))
        return tuple(
            BookedContact(
                id=r.id,
                version=r.version,
                person_id=r.person_id,
                given_name=r.given_name,
                family_name=r.family_name,
                preferred_name=r.preferred_name,
                starts_at=r.starts_at,
                minutes=r.minutes,
                where=where_words(_place(r.place), r.place_name),
                updated_at=r.updated_at,
            )
            for r in self._session.execute(query).all()
        )
