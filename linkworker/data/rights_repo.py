"""Everything held about one person: gathering it, counting it, erasing it.

Which tables hold part of a person's record is read from the schema itself:
a table belongs to a person when one of its foreign keys leads, directly or
through other tables, to ``person`` (an episode, then its conversations, its
goals and their ratings...). A table added later is covered without a change
here. Autosaved drafts carry no foreign key; a draft is the person's when its
key or content names them or one of their referrals.

Erasure deletes each table's rows explicitly, children first, through the
unit's session, so the write path (and the audit trail on it) sees every one;
``secure_delete`` makes SQLite overwrite what it frees with zeros.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

from sqlalchemy import (
    Column,
    ColumnElement,
    Select,
    Table,
    case,
    delete,
    func,
    inspect,
    literal,
    or_,
    select,
    text,
)

from linkworker.data.flag_repo import to_risk_flag
from linkworker.data.models import (
    Base,
    Contact,
    Conversation,
    Draft,
    Episode,
    Person,
    PersonFlag,
)
from linkworker.data.models_access import AuditEntryRow
from linkworker.data.unit_of_work import Repository
from linkworker.domain.audit import AuditFilter
from linkworker.domain.drafts import SavedDraft
from linkworker.domain.names import display_name
from linkworker.domain.people import EpisodeStatus
from linkworker.domain.rights import AccessEntry, PersonHoldings, RetentionFacts

PERSON_TABLE = cast(Table, Person.__table__)
#: The audit trail's table.
_AUDIT_TABLE = AuditEntryRow.__tablename__


def _lineage() -> dict[str, list[tuple[Column[Any], Table]]]:
    """For each person-bearing table (parents first): its (column, parent table) links."""
    found: dict[str, list[tuple[Column[Any], Table]]] = {"person": []}
    for table in Base.metadata.sorted_tables:
        links = [
            (fk.parent, fk.column.table)
            for fk in table.foreign_keys
            if isinstance(fk.column.table, Table) and fk.column.table.name in found
        ]
        if links and table.name != "person":
            found[table.name] = links
    return found


def _owned(person_id: uuid.UUID) -> dict[str, Select[Any]]:
    """For each person-bearing table, a SELECT of its primary keys that are the person's."""
    tables = Base.metadata.tables
    lineage = _lineage()
    keys: dict[str, Select[Any]] = {
        "person": select(PERSON_TABLE.c.id).where(PERSON_TABLE.c.id == person_id)
    }
    for name, links in lineage.items():
        if name == "person":
            continue
        table = tables[name]
        pk = list(table.primary_key.columns)
        condition = or_(
            *(column.in_(_parent_keys(keys, parent, column)) for column, parent in links)
        )
        keys[name] = select(*pk).where(condition)
    return keys


def _parent_keys(keys: dict[str, Select[Any]], parent: Table, column: Column[Any]) -> Select[Any]:
    """The person's keys of ``parent``, as the column ``column`` refers to."""
    (fk,) = [fk for fk in column.foreign_keys if fk.column.table is parent]
    query = keys[parent.name]
    return select(query.subquery().c[fk.column.name])


class RightsRepository(Repository):
    """Reads and erases everything held about one person."""

    # Counting and erasing --------------------------------------------------------

    def counts(self, person_id: uuid.UUID) -> dict[str, int]:
        """How many rows of each table hold part of the person's record (drafts included)."""
        out: dict[str, int] = {}
        for name, query in _owned(person_id).items():
            total = self._session.execute(
                select(func.count()).select_from(query.subquery())
            ).scalar_one()
            out[name] = int(total)
        out["draft"] = len(self._draft_keys(person_id))
        return out

    def erase(self, person_id: uuid.UUID) -> dict[str, int]:
        """Delete the person and every row about them, children first; counts per table.

        Run inside a write unit: all of it is one transaction.
        """
        if self.sqlite:
            self._session.execute(text("PRAGMA secure_delete=ON"))
        removed: dict[str, int] = {}
        drafts = self._draft_keys(person_id)
        if drafts:
            self._session.execute(delete(Draft).where(Draft.key.in_(drafts)))
        removed["draft"] = len(drafts)
        owned = _owned(person_id)
        tables = Base.metadata.tables
        for name in reversed(list(owned)):
            table = tables[name]
            pk = list(table.primary_key.columns)
            query = owned[name]
            if len(pk) == 1:
                where: ColumnElement[bool] = pk[0].in_(query)
            else:
                matched = query.subquery()
                where = select(literal(1)).where(*(matched.c[c.name] == c for c in pk)).exists()
            result = self._session.execute(delete(table).where(where))
            removed[name] = int(getattr(result, "rowcount", 0) or 0)
        return removed

    def scrub_file(self) -> None:
        """Copy what the write-ahead log holds into the file and empty the log.

        After an erasure, so the old pages (with the person in them) leave the log
        as well; run outside the erasure's transaction.
        """
        if self.sqlite:
            self._session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))

    def _draft_keys(self, person_id: uuid.UUID) -> list[str]:
        episodes = self._session.scalars(
            select(Episode.id).where(Episode.person_id == person_id)
        ).all()
        marks = {
            str(person_id),
            person_id.hex,
            *(str(e) for e in episodes),
            *(e.hex for e in episodes),
        }
        keys = []
        for key, payload in self._session.execute(select(Draft.key, Draft.payload)):
            if any(m in key or m in payload for m in marks):
                keys.append(key)
        return keys

    # Gathering -------------------------------------------------------------------

    def holdings(self, person_id: uuid.UUID) -> PersonHoldings | None:
        """Everything held about the person, or None when they are not on the caseload."""
        unit = self.unit
        person = unit.people.detail(person_id)
        if person is None:
            return None
        plans = tuple(
            plan for e in person.episodes if (plan := unit.plans.plan_of_episode(e.id)) is not None
        )
        pinned_ids, _dismissed = unit.matching.marks(person_id)
        pinned = sorted(
            name for a in pinned_ids if (name := unit.matching.asset_name(a)) is not None
        )
        flags = self._session.scalars(
            select(PersonFlag)
            .where(PersonFlag.person_id == person_id)
            .order_by(PersonFlag.raised_on, PersonFlag.created_at)
        )
        keys = set(self._draft_keys(person_id))
        drafts = [d for d in unit.drafts.newest_first() if d.key in keys]
        return PersonHoldings(
            person=person,
            plans=plans,
            contacts=tuple(unit.contacts.of_person(person_id)),
            flags=tuple(to_risk_flag(f) for f in flags),
            documents=tuple(unit.documents.history(person_id)),
            preferences=unit.matching.preferences(person_id),
            pinned=tuple(pinned),
            set_aside=tuple(unit.matching.dismissals(person_id)),
            drafts=tuple(SavedDraft(d.key, d.title, d.payload, d.saved_at) for d in drafts),
            access_log=self._access_log(person_id),
            outcomes=tuple(unit.outcomes.of_person(person_id)),
        )

    def _access_log(self, person_id: uuid.UUID) -> tuple[AccessEntry, ...] | None:
        """The audit trail's entries about the person, oldest first; None without a trail
        (a database whose trail was removed: the report then says it keeps no log)."""
        if not inspect(self._session.connection()).has_table(_AUDIT_TABLE):
            return None
        return tuple(
            AccessEntry(
                at=entry.at,
                worker=entry.worker_name,
                action=entry.action,
                machine=entry.machine,
                detail=entry.detail,
                subject=entry.subject,
            )
            for entry in self.unit.audit.in_order(AuditFilter(person_id=str(person_id)))
        )

    # Retention ---------------------------------------------------------------------

    def retention_facts(self) -> list[RetentionFacts]:
        """For each person who has had a referral: open episodes, last closing, last activity."""
        episodes = (
            select(
                Episode.person_id.label("person_id"),
                func.sum(case((Episode.status != EpisodeStatus.CLOSED.value, 1), else_=0)).label(
                    "open"
                ),
                func.max(Episode.closed_on).label("closed"),
                func.max(Episode.referral_date).label("referred"),
            )
            .group_by(Episode.person_id)
            .subquery()
        )
        talks = (
            select(Episode.person_id.label("person_id"), func.max(Conversation.at).label("at"))
            .join(Conversation, Conversation.episode_id == Episode.id)
            .group_by(Episode.person_id)
            .subquery()
        )
        meets = (
            select(Contact.person_id.label("person_id"), func.max(Contact.starts_at).label("at"))
            .group_by(Contact.person_id)
            .subquery()
        )
        rows = self._session.execute(
            select(
                Person.id,
                Person.given_name,
                Person.family_name,
                Person.preferred_name,
                episodes.c.open,
                episodes.c.closed,
                episodes.c.referred,
                talks.c.at,
                meets.c.at,
            )
            .join(episodes, episodes.c.person_id == Person.id)
            .outerjoin(talks, talks.c.person_id == Person.id)
            .outerjoin(meets, meets.c.person_id == Person.id)
        )
        out = []
        for pid, given, family, preferred, open_, closed, referred, talked, met in rows:
            days = [d for d in (closed, referred, _day(talked), _day(met)) if d is not None]
            out.append(
                RetentionFacts(
                    person_id=pid,
                    name=display_name(given, family, preferred),
                    open_episodes=int(open_ or 0),
                    last_closed_on=_day(closed),
                    last_activity_on=max(days) if days else None,
                )
            )
        return out


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = (
            dt.datetime.fromisoformat(value)
            if "T" in value or " " in value
            else (dt.date.fromisoformat(value))
        )
    return value.date() if isinstance(value, dt.datetime) else value
