"""The audit trail on the database: entries added on the one write path, read back by filter.

:func:`install_audit_trail` hooks a :class:`~linkworker.data.database.Database`
so that every unit of work's writes and noted events become entries in the same
transaction (a read unit's events in one short write of their own). The chain is
extended under the database's write lock: the last hash is read only once this
transaction holds it, so two processes writing at once cannot fork the chain.
One SELECT of the last entry and one many-row INSERT per commit.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, event, func, insert, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from linkworker import errors
from linkworker.data.models_access import AuditEntryRow
from linkworker.data.storage_errors import translate_error
from linkworker.data.unit_of_work import Event, Repository, UnitOfWork, Write
from linkworker.domain.actor import Actor
from linkworker.domain.audit import (
    FIELDS,
    GENESIS,
    NOT_AUDITED,
    WRITE_ACTIONS,
    AuditEntry,
    AuditFilter,
    EntryDraft,
    detail_text,
    plain_value,
    seal,
    value_kept,
)

if TYPE_CHECKING:
    from linkworker.data.database import Database

log = logging.getLogger(__name__)

_TABLE: Any = AuditEntryRow.__table__
_COLUMNS = tuple(_TABLE.c)
#: Held for the rest of a PostgreSQL transaction while it extends the chain.
_PG_LOCK_KEY = 0x4C57_4155  # "LWAU"
_STASH = "audit_events"
_READ_BATCH = 2000


# Writing ------------------------------------------------------------------------------


def now_text() -> str:
    """The time now in UTC, as entries hold it (ISO text to the millisecond)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return now.isoformat(timespec="milliseconds") + "Z"


def _hold_write_lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
        return
    raw: Any = conn.connection.driver_connection
    # A transaction the driver has begun has written already, and so holds the lock.
    if conn.dialect.name == "sqlite" and not raw.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass(frozen=True, slots=True)
class _Held:
    """Entries that could not be written when they happened (a full disk), with when and who."""

    at: str
    actor: Actor
    drafts: tuple[EntryDraft, ...]


def append_entries(
    conn: Connection,
    actor: Actor,
    drafts: Sequence[EntryDraft],
    *,
    held: Sequence[_Held] = (),
) -> None:
    """Seal ``drafts`` onto the end of the chain, inside ``conn``'s transaction.

    ``held``: entries from earlier that could not be written then; they go first,
    each with the time and the worker of when it happened.
    """
    groups = [*held, _Held(now_text(), actor, tuple(drafts))]
    if not any(group.drafts for group in groups):
        return
    _hold_write_lock(conn)
    last = conn.execute(
        select(_TABLE.c.id, _TABLE.c.hash).order_by(_TABLE.c.id.desc()).limit(1)
    ).first()
    after_id, after_hash = (int(last[0]), str(last[1])) if last is not None else (0, GENESIS)
    rows: list[dict[str, Any]] = []
    for group in groups:
        entries = seal(
            group.drafts, after_id=after_id, after_hash=after_hash, at=group.at, by=group.actor
        )
        if entries:
            after_id, after_hash = entries[-1].id, entries[-1].hash
        rows += ({name: getattr(e, name) for name in FIELDS} for e in entries)
    conn.execute(insert(_TABLE), rows)


def _text_key(key: Any) -> str:
    if key is None:
        return ""
    if isinstance(key, tuple):
        return "/".join(str(part) for part in key)
    return str(key)


def write_drafts(writes: Iterable[Write]) -> list[EntryDraft]:
    """The entries for a unit's writes: one per row written through the ORM, one per table
    and kind for statements over many rows (an import), with the rows counted."""
    drafts: list[EntryDraft] = []
    statements: dict[tuple[str, str], int | None] = {}
    for write in writes:
        if write.table in NOT_AUDITED:
            continue
        action = WRITE_ACTIONS[write.action]
        if write.key is None:
            where = (write.table, action)
            before = statements.get(where, 0)
            statements[where] = (
                None if before is None or write.rows is None else before + write.rows
            )
            continue
        detail: dict[str, Any] = {}
        if write.fields:
            detail["fields"] = sorted(write.fields)
        kept = {
            column: [plain_value(before), plain_value(after)]
            for column, before, after in write.changes
            if value_kept(write.table, column)
        }
        if kept:
            detail["changes"] = kept
        drafts.append(
            EntryDraft(
                action=action,
                subject=write.table,
                record_key=_text_key(write.key),
                person_id=_text_key(write.person_id),
                detail=detail_text(detail),
            )
        )
    for (table, action), rows in statements.items():
        drafts.append(EntryDraft(action=action, subject=table, detail=detail_text({"rows": rows})))
    return drafts


def event_draft(event: Event) -> EntryDraft:
    """The entry for an event a service noted (a view, a print, an export)."""
    return EntryDraft(
        action=event.action,
        subject=event.subject,
        person_id=_text_key(event.person_id),
        detail=detail_text({key: plain_value(value) for key, value in event.detail}),
    )


class AuditTrail:
    """The write listener and event sink that keep a database's trail."""

    def __init__(self, database: Database) -> None:
        self._database = database
        #: A read's entries that a full disk kept out, written with the next write that works.
        self._held: list[_Held] = []

    def writes_done(self, unit: UnitOfWork, writes: tuple[Write, ...]) -> None:
        """Add the entries for a unit's writes, and any events it noted, before it commits."""
        events: list[Event] = unit.session.info.pop(_STASH, [])
        drafts = [*(event_draft(e) for e in events), *write_drafts(writes)]
        self._append(unit.session, unit.actor, drafts)

    def events_noted(self, unit: UnitOfWork, events: tuple[Event, ...]) -> None:
        """Keep a unit's events: with its writes, in its transaction, or in a short write."""
        if not unit.read_only:
            if unit.writes:  # the write listener adds them with the writes, in one go
                unit.session.info.setdefault(_STASH, []).extend(events)
            else:
                self._append(unit.session, unit.actor, [event_draft(e) for e in events])
            return
        drafts = [event_draft(e) for e in events]
        try:
            with self._database.sessions() as session:
                self._append(session, unit.actor, drafts)
                session.commit()
        except sa_exc.DBAPIError as exc:
            # The reading went well; only its entry could not be written. A full disk must
            # not stop a worker seeing a record (to ring someone back, say): the entry is
            # held, with its time and worker, and written first by the next write that works.
            if not isinstance(translate_error(exc, self._database.path), errors.DiskFull):
                raise
            self._held.append(_Held(now_text(), unit.actor, tuple(drafts)))
            log.warning("An access was not recorded yet (the disk is full); it is held")

    def _append(self, session: Session, actor: Actor, drafts: Sequence[EntryDraft]) -> None:
        held = list(self._held)
        append_entries(session.connection(), actor, drafts, held=held)
        if held:
            # Let go of the held entries only once they are committed: a commit that
            # fails (the disk still full) leaves them held for the next try.
            def written(_session: Session) -> None:
                self._held = [h for h in self._held if all(h is not w for w in held)]

            event.listen(session, "after_commit", written, once=True)


def install_audit_trail(database: Database) -> Database:
    """Keep an audit trail of every unit of work on ``database`` (once; returns it)."""
    if not any(
        isinstance(getattr(f, "__self__", None), AuditTrail) for f in database.write_listeners
    ):
        trail = AuditTrail(database)
        database.write_listeners.append(trail.writes_done)
        database.event_sink = trail.events_noted
    return database


# Reading ------------------------------------------------------------------------------


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(**{column.name: row[i] for i, column in enumerate(_COLUMNS)})


def _filtered(query: Select[Any], flt: AuditFilter) -> Select[Any]:
    c = _TABLE.c
    if flt.person_id:
        query = query.where(c.person_id == flt.person_id)
    if flt.worker:
        query = query.where(func.lower(c.worker_name) == flt.worker.strip().lower())
    if flt.action:
        query = query.where(c.action == flt.action)
    if flt.since is not None:
        query = query.where(c.at >= flt.since.isoformat())
    if flt.until is not None:
        query = query.where(c.at < (flt.until + dt.timedelta(days=1)).isoformat())
    return query


class AuditRepository(Repository):
    """Reads the trail: pages by filter, every entry in order, the workers named in it."""

    def page(
        self, flt: AuditFilter, offset: int, limit: int, *, oldest_first: bool = False
    ) -> list[AuditEntry]:
        """Entries matching ``flt``, newest first (or oldest), ``limit`` from ``offset``."""
        order = _TABLE.c.id if oldest_first else _TABLE.c.id.desc()
        query = _filtered(select(*_COLUMNS), flt).order_by(order)
        rows = self._session.execute(query.offset(offset).limit(limit))
        return [_entry(row) for row in rows]

    def count(self, flt: AuditFilter) -> int:
        """How many entries match ``flt``."""
        query = _filtered(select(func.count()).select_from(_TABLE), flt)
        return int(self._session.execute(query).scalar_one())

    def in_order(self, flt: AuditFilter | None = None) -> Iterator[AuditEntry]:
        """Entries (matching ``flt``, if given) oldest first, read in batches by id."""
        after = 0
        while True:
            query = select(*_COLUMNS).where(_TABLE.c.id > after)
            if flt is not None:
                query = _filtered(query, flt)
            rows = self._session.execute(query.order_by(_TABLE.c.id).limit(_READ_BATCH)).all()
            for row in rows:
                yield _entry(row)
            if len(rows) < _READ_BATCH:
                return
            after = int(rows[-1][0])

    def workers(self) -> list[str]:
        """The names of the workers the trail records, in order."""
        query = select(_TABLE.c.worker_name).distinct().where(_TABLE.c.worker_name != "")
        return sorted(str(name) for name in self._session.execute(query).scalars())
