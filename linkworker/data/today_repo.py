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
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    exists,
    func,
    literal,
    null,
    select,
    text,
    type_coerce,
    union_all,
)
from sqlalchemy.types import Date, DateTime, String, Uuid
from sqlalchemy.orm import aliased

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

_NAME = (Person.given_name, Person.family_name, Person.preferred_name)
_OPEN = Episode.status.in_(OPEN_STATUSES)
# Typed, so that a union of sections reads them back as what they are.
_NO_TIME = type_coerce(null(), DateTime)
_NO_RECORD = type_coerce(null(), Uuid)


def _ordering(column: Any) -> Any:
    """A section's sort key: days and times sort alike as ISO text."""
    return type_coerce(column, String).label("ordering")


_COLUMNS = (
    "person_id",
    "given_name",
    "family_name",
    "preferred_name",
    "link_worker",
    "code",
    "detail",
    "label",
    "since",
    "at",
    "record_id",
)


def _place(value: str) -> ContactPlace:
    try:
        return ContactPlace(value)
    except ValueError:
        return ContactPlace.PRACTICE


class TodayRepository(Repository):
    """The sections of the Today page, each one query over the caseload."""

    def worker_spellings(self, user: str) -> tuple[str, ...]:
        """The ways the user's name is written on the caseload, and the name itself."""
        names = self._session.execute(_SPELLINGS).scalars().all()
        found = {name for name in names if same_worker(name, user)}
        found.add(" ".join(user.split()))
        return tuple(sorted(found))

    # The sections ---------------------------------------------------------------

    def _section(
        self, kind: SectionKind, query: Select[Any], limits: TodayLimits, limit: int
    ) -> TodaySection:
        """Run a section's query (its columns: person id, the three names, sort name, link
        worker, code, detail and label for :func:`what_words`, since, at, record id and
        ordering), sorted by ``ordering``, keeping ``limit`` rows and counting them all."""
        inner = query.subquery("section")
        counted = (
            select(
                *(inner.c[name] for name in _COLUMNS), func.count().over().label("total")
            )
            .order_by(inner.c.ordering, inner.c.sort_name, inner.c.person_id)
            .limit(limit)
        )
        rows = self._session.execute(counted).all()
        total = int(rows[0].total) if rows else 0
        return TodaySection(
            kind=kind,
            rows=tuple(self._row(kind, row, limits.day) for row in rows),
            total=total,
        )

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

    def booked_today(
        self, limits: TodayLimits, workers: Sequence[str] | None, limit: int = ROWS_PER_SECTION
    ) -> TodaySection:
        """Contacts still booked that start on the day, by time."""
        query = self._contacts(
            and_(
                Contact.outcome == "booked",
                Contact.starts_at >= limits.day_start,
                Contact.starts_at < limits.day_end,
            ),
            workers,
            "booked_today",
        )
        return self._section(SectionKind.BOOKED_TODAY, query, limits, limit)

    def _contacts(
        self, when: ColumnElement[bool], workers: Sequence[str] | None, code: str
    ) -> Select[Any]:
        worker = func.coalesce(func.nullif(Contact.link_worker, ""), Episode.link_worker)
        where = [when, _OPEN]
        if workers is not None:
            where.append(worker.in_(workers))
        return (
            select(
                Person.id.label("person_id"),
                *_NAME,
                Person.sort_name,
                worker.label("link_worker"),
                literal(code).label("code"),
                Contact.place.label("detail"),
                Contact.place_name.label("label"),
                type_coerce(func.date(Contact.starts_at), Date).label("since"),
                Contact.starts_at.label("at"),
                Contact.id.label("record_id"),
                _ordering(Contact.starts_at),
            )
            .join(Episode, Episode.id == Contact.episode_id)
            .join(Person, Person.id == Contact.person_id)
            .where(*where)
        )

    def overdue(
        self, limits: TodayLimits, workers: Sequence[str] | None, limit: int = ROWS_PER_SECTION
    ) -> TodaySection:
        """Open episodes whose next contact day has passed, and contacts booked before
        the day with nothing recorded; the longest overdue first."""
        due = select(
            Person.id.label("person_id"),
            *_NAME,
            Person.sort_name,
            Episode.link_worker.label("link_worker"),
            literal("next").label("code"),
                literal("").label("detail"),
                literal("").label("label"),
            Episode.next_contact_on.label("since"),
            _NO_TIME.label("at"),
            _NO_RECORD.label("record_id"),
            _ordering(Episode.next_contact_on),
        ).join(Person, Person.id == Episode.person_id)
        due = due.where(_OPEN, Episode.next_contact_on < limits.day)
        if workers is not None:
            due = due.where(Episode.link_worker.in_(workers))
        missed = self._contacts(
            and_(Contact.outcome == "booked", Contact.starts_at < limits.day_start),
            workers,
            "booked",
        )
        query = union_all(due, missed)
        return self._section(SectionKind.OVERDUE, select(query.subquery()), limits, limit)

    def waiting(
        self, limits: TodayLimits, workers: Sequence[str] | None, limit: int = ROWS_PER_SECTION
    ) -> TodaySection:
        """Open episodes waiting for a first contact, the longest wait first."""
        query = (
            select(
                Person.id.label("person_id"),
                *_NAME,
                Person.sort_name,
                Episode.link_worker.label("link_worker"),
                literal("waiting").label("code"),
                literal("").label("detail"),
                literal("").label("label"),
                Episode.referral_date.label("since"),
                _NO_TIME.label("at"),
                Episode.id.label("record_id"),
                _ordering(Episode.referral_date),
            )
            .join(Person, Person.id == Episode.person_id)
            .where(Episode.status == "waiting")
        )
        if workers is not None:
            query = query.where(Episode.link_worker.in_(workers))
        return self._section(SectionKind.WAITING, query, limits, limit)

    def quiet(
        self, limits: TodayLimits, workers: Sequence[str] | None, limit: int = ROWS_PER_SECTION
    ) -> TodaySection:
        """People in an open episode with no contact since before the quiet limit, or none
        at all since an open referral older than it; the longest quiet first."""
        before = limits.quiet_before

        def people(*where: ColumnElement[bool], since: Any, what: str) -> Select[Any]:
            query = select(
                Person.id.label("person_id"),
                *_NAME,
                Person.sort_name,
                Person.link_worker.label("link_worker"),
                literal(what).label("code"),
                literal("").label("detail"),
                literal("").label("label"),
                since.label("since"),
                _NO_TIME.label("at"),
                _NO_RECORD.label("record_id"),
                _ordering(since),
            ).where(Person.status.in_(OPEN_STATUSES), *where)
            if workers is not None:
                query = query.where(Person.link_worker.in_(workers))
            return query

        referred = (
            select(func.min(Episode.referral_date))
            .where(Episode.person_id == Person.id, _OPEN)
            .scalar_subquery()
        )
        query = union_all(
            people(Person.last_contact_on < before, since=Person.last_contact_on, what="last"),
            people(
                Person.last_contact_on.is_(None),
                referred < before,
                since=referred,
                what="never",
            ),
        )
        return self._section(SectionKind.QUIET, select(query.subquery()), limits, limit)

    def check_backs(
        self, limits: TodayLimits, workers: Sequence[str] | None, limit: int = ROWS_PER_SECTION
    ) -> TodaySection:
        """Crisis conversations whose check-back day has come, with nothing recorded after
        them in their (open) episode; the oldest first."""
        later = aliased(Conversation)
        query = (
            select(
                Person.id.label("person_id"),
                *_NAME,
                Person.sort_name,
                Episode.link_worker.label("link_worker"),
                literal("check_back").label("code"),
                literal("").label("detail"),
                literal("").label("label"),
                Conversation.check_back_on.label("since"),
                _NO_TIME.label("at"),
                Conversation.id.label("record_id"),
                _ordering(Conversation.check_back_on),
            )
            .join(Episode, Episode.id == Conversation.episode_id)
            .join(Person, Person.id == Episode.person_id)
            .where(
                Conversation.check_back_on <= limits.day,
                Conversation.kind == "crisis",
                _OPEN,
                ~exists().where(
                    later.episode_id == Conversation.episode_id, later.at > Conversation.at
                ),
            )
        )
        if workers is not None:
            query = query.where(Episode.link_worker.in_(workers))
        return self._section(SectionKind.CHECK_BACK, query, limits, limit)

    def no_news(
        self, limits: TodayLimits, workers: Sequence[str] | None, limit: int = ROWS_PER_SECTION
    ) -> TodaySection:
        """Places referred to or agreed, in an open episode, unchanged since before the
        no-news limit; the longest silent first."""
        query = (
            select(
                Person.id.label("person_id"),
                *_NAME,
                Person.sort_name,
                Episode.link_worker.label("link_worker"),
                literal("no_news").label("code"),
                AssetReferral.status.label("detail"),
                AssetReferral.asset_name.label("label"),
                AssetReferral.status_on.label("since"),
                _NO_TIME.label("at"),
                AssetReferral.id.label("record_id"),
                _ordering(AssetReferral.status_on),
            )
            .join(Episode, Episode.id == AssetReferral.episode_id)
            .join(Person, Person.id == Episode.person_id)
            .where(
                AssetReferral.status.in_(AWAITING_NEWS_STATUSES),
                AssetReferral.status_on < limits.no_news_before,
                _OPEN,
            )
        )
        if workers is not None:
            query = query.where(Episode.link_worker.in_(workers))
        return self._section(SectionKind.NO_NEWS, query, limits, limit)

    # The calendar ---------------------------------------------------------------

    def booked_between(
        self, start: dt.datetime, end: dt.datetime, workers: Sequence[str] | None
    ) -> tuple[BookedContact, ...]:
        """Contacts still booked from ``start`` to before ``end``, by time."""
        worker = func.coalesce(func.nullif(Contact.link_worker, ""), Episode.link_worker)
        query = (
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
