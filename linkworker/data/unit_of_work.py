"""The unit of work: one session, the repositories over it, and the one path every write takes.

A service opens a unit with :meth:`UnitsOfWork.write` or :meth:`UnitsOfWork.read`
and reaches the records through its repositories::

    with self._units.write() as uow:
        person = uow.people.load_person(person_id)
        ...                      # commits when the block ends without an error

A write unit commits when its block ends normally and rolls back on any error;
a read unit never writes, and refuses to. Every change a unit makes, through
the ORM or a statement, is gathered as :class:`Write` records and handed to
the database's write listeners just before the commit, inside the same
transaction: that is where an audit trail or a team database hooks in, once.
Known failures of the file become :mod:`linkworker.errors` with a message and
a way forward, told apart by the database's error codes.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self

from sqlalchemy import Column, Delete, Insert, TextClause, Update, event, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, BindParameter

from linkworker import errors
from linkworker.data.storage_errors import translate_error
from linkworker.domain.actor import Actor
from linkworker.domain.permissions import Standing

if TYPE_CHECKING:
    from linkworker.data.audit_repo import AuditRepository
    from linkworker.data.candidate_repo import CandidateRepository
    from linkworker.data.caseload_repo import CaseloadRepository
    from linkworker.data.codes_repo import CodesRepository
    from linkworker.data.contact_repo import ContactRepository
    from linkworker.data.database import Database
    from linkworker.data.directory_repo import AssetRepository
    from linkworker.data.document_repo import DocumentRepository
    from linkworker.data.draft_repo import DraftRepository
    from linkworker.data.flag_repo import FlagRepository
    from linkworker.data.geo_repo import GeoRepository
    from linkworker.data.giving_back_repo import GivingBackRepository
    from linkworker.data.handover_repo import HandoverRepository
    from linkworker.data.import_repo import ImportRepository
    from linkworker.data.match_repo import MatchRepository
    from linkworker.data.outcomes_repo import OutcomesRepository
    from linkworker.data.people_repo import PeopleRepository
    from linkworker.data.plan_repo import PlanRepository
    from linkworker.data.report_outcomes_repo import ReportOutcomesRepository
    from linkworker.data.reports_repo import ReportsRepository
    from linkworker.data.rights_repo import RightsRepository
    from linkworker.data.taxonomy_repo import TaxonomyRepository
    from linkworker.data.today_repo import TodayRepository
    from linkworker.data.undated_repo import UndatedReferralRepository
    from linkworker.data.worker_repo import WorkerRepository

Action = Literal["insert", "update", "delete"]

_DML = re.compile(
    r"^\s*(?:(INSERT|REPLACE)(?:\s+OR\s+\w+)?\s+INTO|(DELETE)\s+FROM|(UPDATE))\s+(?:temp\.)?\"?(\w+)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Write:
    """One change a unit of work made: to which table, what kind, how many rows.

    ``key`` is the changed row's primary key and ``fields`` the columns that
    changed, when the change was made to one row through the ORM; a statement
    over many rows gives ``rows`` (None when the database does not say).
    An ORM write's key and person are read once it has been flushed, so an
    inserted row's new id is known.
    """

    table: str
    action: Action
    rows: int | None = 1
    key: Any = None
    fields: tuple[str, ...] = ()
    #: (column, before, after) for each column an ORM update changed.
    changes: tuple[tuple[str, Any, Any], ...] = ()
    #: The id of the person the row is about (see :mod:`linkworker.data.record_owner`).
    person_id: Any = None


#: Called with the unit and every write it made, just before it commits.
WriteListener = Callable[["UnitOfWork", tuple[Write, ...]], None]


@dataclass(frozen=True, slots=True)
class Event:
    """Something done with records that is not itself a write: a view, a print, an export.

    Services note events on their unit (:meth:`UnitOfWork.note`); the audit trail
    keeps them with who did it (the unit's :attr:`UnitOfWork.actor`). ``detail``
    holds no personal data: ids, counts, kinds of document, never names or notes.
    """

    action: str
    person_id: uuid.UUID | int | None = None
    subject: str = ""
    detail: tuple[tuple[str, Any], ...] = ()


#: Called with the unit and the events noted on it, when the unit ends without an error.
EventSink = Callable[["UnitOfWork", tuple[Event, ...]], None]


@dataclass(frozen=True, slots=True)
class Merge:
    """A record being saved as two people's versions merged: noted with the write that saves it.

    ``detail`` says which fields were kept from whom (names only), for the audit trail.
    """

    table: str
    key: Any
    person_id: uuid.UUID | None
    detail: tuple[tuple[str, str], ...]


_merging: ContextVar[Merge | None] = ContextVar("merging", default=None)
#: The audit trail's word for a record saved as two versions merged.
MERGED_EDITS = "merge-edits"


@contextmanager
def merging(merge: Merge) -> Iterator[None]:
    """While the block runs, a unit that writes ``merge``'s record notes it as a merge,
    in the same transaction as the write."""
    token = _merging.set(merge)
    try:
        yield
    finally:
        _merging.reset(token)


class ReadOnlyUnit(RuntimeError):
    """Something tried to write through a unit of work opened for reading (a bug)."""


class UnitOfWork:
    """One transaction's worth of work on the database, with its repositories."""

    def __init__(self, database: Database, *, read_only: bool) -> None:
        self.database = database
        self.read_only = read_only
        self._session: Session | None = None
        self._writes: list[Write] = []
        #: ORM objects written, by their place in _writes: keys and people are read after flushing.
        self._objects: dict[int, object] = {}
        #: Statements that changed one row given by its key: their person is read later too.
        self._keyed: list[int] = []
        self._events: list[Event] = []
        self._committed = False

    # Opening and closing -------------------------------------------------------

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("a unit of work is used for one block only")
        self._session = self.database.sessions()
        self._session.info["unit_of_work"] = self
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            if exc is None and not self.read_only:
                self.commit()
        except BaseException as failure:
            exc = failure
        finally:
            try:
                session.rollback()
            finally:
                session.close()
        if exc is None and self.read_only and self._events:
            # A read unit's events (a view, say) are kept once the reading has gone well.
            try:
                self._hand_events()
            except BaseException as failure:
                exc = failure
        if isinstance(exc, errors.NotPermitted):
            self._record_refusal(exc)
        if exc is not None:
            known = self._translated(exc)
            if known is not None:
                raise known from exc
            if exc_type is None:  # the commit itself failed
                raise exc

    @property
    def session(self) -> Session:
        """The unit's session: for repositories only, never for services."""
        if self._session is None:
            raise RuntimeError("open the unit of work with `with` first")
        return self._session

    def commit(self) -> None:
        """Hand the writes to the listeners, then commit (a write unit does this on leaving)."""
        if self.read_only:
            raise ReadOnlyUnit("a unit of work opened for reading cannot commit")
        session = self.session
        session.flush()
        self._note_merge()
        self._hand_events()  # in the same transaction as the writes they go with
        session.flush()
        if self._writes:
            writes = self.writes
            for listener in self.database.write_listeners:
                listener(self, writes)
            session.flush()
        session.commit()
        self._writes.clear()
        self._objects.clear()
        self._keyed.clear()
        self._committed = True

    def _note_merge(self) -> None:
        merge = _merging.get()
        if merge is None:
            return
        if any(w.table == merge.table and w.key == merge.key for w in self.writes):
            detail = dict(merge.detail)
            self.note(MERGED_EDITS, person_id=merge.person_id, subject=merge.table, **detail)

    def flush(self, what: str = "This record") -> None:
        """Send pending changes to the database now; ``what`` names the record if it was
        changed elsewhere since it was read (a stale version)."""
        try:
            self.session.flush()
        except StaleDataError as exc:
            raise changed_elsewhere(what) from exc

    def _record_refusal(self, refused: errors.NotPermitted) -> None:
        """Keep a refusal in the audit trail, in a unit of its own (this one rolled back)."""
        from linkworker.data.access_guard import REFUSED

        with UnitOfWork(self.database, read_only=True) as unit:
            unit.note(REFUSED, subject=refused.permission)

    def _translated(self, exc: BaseException) -> errors.StorageError | None:
        if isinstance(exc, sa_exc.DBAPIError | OSError) or hasattr(exc, "sqlite_errorcode"):
            return translate_error(exc, self.database.path)
        return None

    # Who acts, and what they did that is not a write ----------------------------------

    @property
    def actor(self) -> Actor:
        """Who is acting in this process (the worker signed in), on which machine."""
        return self.database.actor

    def note(
        self,
        action: str,
        *,
        person_id: uuid.UUID | int | None = None,
        subject: str = "",
        **detail: Any,
    ) -> None:
        """Note an event for the audit trail (allowed in read units: a view is not a write).

        An event about a person (a view, a print, an export) is refused unless the actor
        may see them (data/access_guard.py): every look at a record passes here.
        """
        if isinstance(person_id, uuid.UUID):
            from linkworker.data.access_guard import REFUSED, require_person

            if action != REFUSED:
                require_person(self, person_id)
        self._events.append(Event(action, person_id, subject, tuple(sorted(detail.items()))))

    def _hand_events(self) -> None:
        sink = self.database.event_sink
        events, self._events = tuple(self._events), []
        if sink is not None and events:
            sink(self, events)

    @cached_property
    def standing(self) -> Standing:
        """Who acts in this unit as far as permissions go (read once, from the worker table)."""
        from linkworker.data.access_guard import standing_of

        return standing_of(self)

    @property
    def events(self) -> tuple[Event, ...]:
        """The events noted on this unit so far."""
        return tuple(self._events)

    # The one path every write takes ------------------------------------------------

    @property
    def writes(self) -> tuple[Write, ...]:
        """What this unit has written so far (before it commits), keys and people filled in."""
        if self._objects or self._keyed:
            from linkworker.data.record_owner import person_of, person_of_row

            with self.session.no_autoflush:
                for index, obj in self._objects.items():
                    write = self._writes[index]
                    self._writes[index] = replace(
                        write,
                        key=_key_of(obj) if write.key is None else write.key,
                        person_id=person_of(self.session, obj),
                    )
                for index in self._keyed:
                    write = self._writes[index]
                    who = person_of_row(self.session, write.table, write.key)
                    self._writes[index] = replace(write, person_id=who)
            self._objects.clear()
            self._keyed.clear()
        return tuple(self._writes)

    def wrote(self, write: Write) -> None:
        """Record a write; repositories call this for what they send past the session."""
        if self.read_only:
            raise ReadOnlyUnit(f"a unit of work opened for reading tried to write {write.table}")
        self._writes.append(write)

    def _wrote_row(self, obj: object, write: Write) -> None:
        self.wrote(write)
        self._objects[len(self._writes) - 1] = obj

    def _flushing(self, session: Session) -> None:
        for obj in session.new:
            self._wrote_row(obj, Write(_table_of(obj), "insert", key=_key_of(obj)))
        for obj in session.dirty:
            if session.is_modified(obj, include_collections=False):
                state = inspect(obj)
                changed = tuple(attr.key for attr in state.attrs if attr.history.has_changes())
                columns = state.mapper.column_attrs
                changes = tuple(
                    (key, *_before_after(state.attrs[key].history))
                    for key in changed
                    if key in columns
                )
                self._wrote_row(
                    obj,
                    Write(
                        _table_of(obj), "update", key=_key_of(obj), fields=changed, changes=changes
                    ),
                )
        for obj in session.deleted:
            self._wrote_row(obj, Write(_table_of(obj), "delete", key=_key_of(obj)))

    def _executing(self, state: ORMExecuteState) -> None:
        statement = state.statement
        if isinstance(statement, Insert | Update | Delete):
            action: Action = (
                "insert"
                if isinstance(statement, Insert)
                else "update"
                if isinstance(statement, Update)
                else "delete"
            )
            table = getattr(statement.table, "name", str(statement.table))
            many = state.parameters if isinstance(state.parameters, list) else None
            key = None if many or isinstance(statement, Insert) else _one_row(statement)
            fields = _set_columns(statement) if isinstance(statement, Update) else ()
            rows = 1 if key is not None else len(many) if many else None
            self.wrote(Write(table, action, rows=rows, key=key, fields=fields))
            if key is not None:  # whose row it was is read when the writes are handed on
                self._keyed.append(len(self._writes) - 1)
        elif isinstance(statement, TextClause):
            found = text_write(statement.text)
            if found is not None:
                self.wrote(Write(found[0], found[1], rows=None))

    # Repositories --------------------------------------------------------------------

    @cached_property
    def assets(self) -> AssetRepository:
        from linkworker.data.directory_repo import AssetRepository

        return AssetRepository(self)

    @cached_property
    def imports(self) -> ImportRepository:
        from linkworker.data.import_repo import ImportRepository

        return ImportRepository(self)

    @cached_property
    def people(self) -> PeopleRepository:
        from linkworker.data.people_repo import PeopleRepository

        return PeopleRepository(self)

    @cached_property
    def plans(self) -> PlanRepository:
        from linkworker.data.plan_repo import PlanRepository

        return PlanRepository(self)

    @cached_property
    def matching(self) -> MatchRepository:
        from linkworker.data.match_repo import MatchRepository

        return MatchRepository(self)

    @cached_property
    def caseload(self) -> CaseloadRepository:
        from linkworker.data.caseload_repo import CaseloadRepository

        return CaseloadRepository(self)

    @cached_property
    def candidates(self) -> CandidateRepository:
        from linkworker.data.candidate_repo import CandidateRepository

        return CandidateRepository(self)

    @cached_property
    def documents(self) -> DocumentRepository:
        from linkworker.data.document_repo import DocumentRepository

        return DocumentRepository(self)

    @cached_property
    def drafts(self) -> DraftRepository:
        from linkworker.data.draft_repo import DraftRepository

        return DraftRepository(self)

    @cached_property
    def geo(self) -> GeoRepository:
        from linkworker.data.geo_repo import GeoRepository

        return GeoRepository(self)

    @cached_property
    def contacts(self) -> ContactRepository:
        from linkworker.data.contact_repo import ContactRepository

        return ContactRepository(self)

    @cached_property
    def codes(self) -> CodesRepository:
        from linkworker.data.codes_repo import CodesRepository

        return CodesRepository(self)

    @cached_property
    def flags(self) -> FlagRepository:
        from linkworker.data.flag_repo import FlagRepository

        return FlagRepository(self)

    @cached_property
    def outcomes(self) -> OutcomesRepository:
        from linkworker.data.outcomes_repo import OutcomesRepository

        return OutcomesRepository(self)

    @cached_property
    def giving_back(self) -> GivingBackRepository:
        from linkworker.data.giving_back_repo import GivingBackRepository

        return GivingBackRepository(self)

    @cached_property
    def undated(self) -> UndatedReferralRepository:
        from linkworker.data.undated_repo import UndatedReferralRepository

        return UndatedReferralRepository(self)

    @cached_property
    def audit(self) -> AuditRepository:
        from linkworker.data.audit_repo import AuditRepository

        return AuditRepository(self)

    @cached_property
    def reports(self) -> ReportsRepository:
        from linkworker.data.reports_repo import ReportsRepository

        return ReportsRepository(self)

    @cached_property
    def rights(self) -> RightsRepository:
        from linkworker.data.rights_repo import RightsRepository

        return RightsRepository(self)

    @cached_property
    def today(self) -> TodayRepository:
        from linkworker.data.today_repo import TodayRepository

        return TodayRepository(self)

    @cached_property
    def taxonomy(self) -> TaxonomyRepository:
        from linkworker.data.taxonomy_repo import TaxonomyRepository

        return TaxonomyRepository(self)

    @cached_property
    def report_outcomes(self) -> ReportOutcomesRepository:
        from linkworker.data.report_outcomes_repo import ReportOutcomesRepository

        return ReportOutcomesRepository(self)

    @cached_property
    def handovers(self) -> HandoverRepository:
        from linkworker.data.handover_repo import HandoverRepository

        return HandoverRepository(self)

    @cached_property
    def workers(self) -> WorkerRepository:
        from linkworker.data.worker_repo import WorkerRepository

        return WorkerRepository(self)


class UnitsOfWork:
    """Opens units of work on one database: what every service is given."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def write(self) -> UnitOfWork:
        """A unit that commits when its block ends without an error."""
        return UnitOfWork(self.database, read_only=False)

    def read(self) -> UnitOfWork:
        """A unit that only reads; a write through it is a bug and raises ReadOnlyUnit."""
        return UnitOfWork(self.database, read_only=True)

    def note(self, action: str, **about: Any) -> None:
        """Note an event done outside any unit (an export written from values already read),
        as :meth:`UnitOfWork.note` takes it; the audit trail keeps it in one short write."""
        with self.read() as uow:
            uow.note(action, **about)

    @property
    def actor(self) -> Actor:
        """Who is acting in this process; set when a worker signs in."""
        return self.database.actor

    @actor.setter
    def actor(self, actor: Actor) -> None:
        self.database.actor = actor

    @property
    def dialect(self) -> str:
        """The database's kind: "sqlite" or "postgresql"."""
        return self.database.engine.dialect.name


class Repository:
    """What every repository shares: its unit of work and the unit's session."""

    def __init__(self, unit: UnitOfWork) -> None:
        self.unit = unit
        self.session = unit.session
        self._session = unit.session

    @property
    def dialect(self) -> str:
        """The database's kind: "sqlite" or "postgresql"."""
        return self._session.get_bind().dialect.name

    @property
    def sqlite(self) -> bool:
        """True on SQLite (full-text search and bulk writes take its own paths there)."""
        return self.dialect == "sqlite"


def changed_elsewhere(what: str) -> errors.ConcurrentEdit:
    """The message for a record saved by someone else after it was opened here."""
    return errors.ConcurrentEdit(
        f"{what} was changed by someone else after you opened it.",
        "Your changes have not been saved yet. Reload to see theirs, or save yours over them.",
    )


def text_write(sql: str) -> tuple[str, Action] | None:
    """(table, action) of an INSERT, REPLACE, UPDATE or DELETE written as SQL text, else None."""
    found = _DML.match(sql)
    if found is None:
        return None
    action: Action = "insert" if found[1] else "delete" if found[2] else "update"
    return found[4], action


def _table_of(obj: object) -> str:
    return str(getattr(obj, "__tablename__", type(obj).__name__))


def _one_row(statement: Update | Delete) -> Any:
    """The key of the one row a statement's ``WHERE id = :value`` picks, else None."""
    clause = statement.whereclause
    if (
        isinstance(clause, BinaryExpression)
        and clause.operator is operators.eq
        and isinstance(clause.left, Column)
        and clause.left.primary_key
        and len(clause.left.table.primary_key.columns) == 1
        and isinstance(clause.right, BindParameter)
    ):
        return clause.right.value
    return None


#: Columns kept by the app on every write, not worth naming as changed.
_HOUSEKEEPING = frozenset({"updated_at", "version"})


def _set_columns(statement: Update) -> tuple[str, ...]:
    """The columns an UPDATE sets (those given to ``.values()``)."""
    values = getattr(statement, "_values", None) or {}
    names = (str(getattr(column, "key", column)) for column in values)
    return tuple(name for name in names if name not in _HOUSEKEEPING)


def _before_after(history: Any) -> tuple[Any, Any]:
    before = history.deleted[0] if history.deleted else None
    after = history.added[0] if history.added else None
    return before, after


def _key_of(obj: object) -> Any:
    identity = inspect(obj).identity
    if identity is None:
        return getattr(obj, "id", None)
    return identity[0] if len(identity) == 1 else identity


def install_write_path(sessions: sessionmaker[Session]) -> None:
    """Route every session of ``sessions`` through its unit of work's write path."""

    @event.listens_for(sessions, "before_flush")
    def _before_flush(session: Session, _tx: UOWTransaction, _instances: Any) -> None:
        unit = session.info.get("unit_of_work")
        if unit is not None:
            unit._flushing(session)

    @event.listens_for(sessions, "do_orm_execute")
    def _on_execute(state: ORMExecuteState) -> None:
        unit = state.session.info.get("unit_of_work")
        if unit is not None:
            unit._executing(state)


def units_for(database: Database) -> UnitsOfWork:
    """Units of work over ``database`` (what the composition root gives each service)."""
    return UnitsOfWork(database)
