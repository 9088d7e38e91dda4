"""A day away from the team database: part of it taken into a laptop's file, and brought back.

A link worker going to a hub with no connection takes their people (every row that
belongs to them: referrals, conversations, goals, places, contacts, measures…) and
the whole directory into a new, encrypted data file. Each row taken is remembered
as it was (its checksum and values, in ``taken_out_row``), so that bringing the day
back can tell, row by row, who changed what since:

- changed on the laptop only: the laptop's row goes to the team database;
- changed in the team database only: it stays as it is there;
- changed on both sides, differently: a conflict. Nothing of it is written until
  someone has looked at both versions side by side and chosen (``choose``);
- new on the laptop: added; removed on the laptop and unchanged in the team
  database: removed there too (removed on one side and changed on the other is a
  conflict like any other).

Bringing back is one transaction on the team database: all of it, or (when a
conflict has no choice yet) none of it. The laptop's own audit trail of the day
is added to the team's trail, each entry under the name of who did it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, or_, select, update

from linkworker import errors
from linkworker.data.copy_database import (
    describe,
    refuse_unless_new,
    row_digest,
    tables,
)
from linkworker.data.database import Database, current_revision
from linkworker.data.models import Base
from linkworker.data.models_taken_out import TakenOutBase, TakenOutRow
from linkworker.domain.day_away import (
    BroughtBack,
    Choose,
    Conflict,
    TakenOut,
    Values,
    canonical,
)

#: Never taken out: each database keeps its own trail (the laptop's is added to the
#: team's when the day comes back), drafts stay on the machine they were typed on.
NOT_TAKEN = frozenset({"audit_entry", "draft", "taken_out", "taken_out_row"})

#: Rows made from others (a person's name as search words): never compared, made anew
#: for each person whose row is written.
DERIVED = frozenset({"person_search_word"})
#: Taken out, never brought back: the team database is the authority on who signs in
#: and in what role; the laptop holds a copy so its worker can sign in away from it.
TAKEN_ONLY = frozenset({"worker"})

TAKEN: Table = TakenOutRow.__table__  # type: ignore[assignment]
BASE: Table = TakenOutBase.__table__  # type: ignore[assignment]


def people_side() -> tuple[Table, ...]:
    """The tables whose rows belong to a person, each after the tables it refers to."""
    found: list[Table] = []
    names = {"person"}
    for table in tables():
        parents = {fk.column.table.name for fk in table.foreign_keys}
        if table.name == "person" or parents & names:
            names.add(table.name)
            found.append(table)
    return tuple(found)


def directory_side() -> tuple[Table, ...]:
    """Everything else that is taken whole: the directory, postcodes, the team's workers."""
    person = {t.name for t in people_side()}
    return tuple(t for t in tables() if t.name not in person and t.name not in NOT_TAKEN)


def row_key(table: Table, row: Mapping[Any, Any]) -> str:
    return "|".join(canonical(row[c.name]) for c in table.primary_key.columns)


def _where_key(table: Table, row: Mapping[str, Any]) -> list[Any]:
    """The WHERE clause picking ``row`` by its primary key."""
    return [c == row[c.name] for c in table.primary_key.columns]


def _people_rows(
    conn: Connection, person_ids: Sequence[uuid.UUID]
) -> Iterable[tuple[Table, list[Values]]]:
    """Each person-side table's rows belonging to ``person_ids``."""
    chosen: dict[str, set[Any]] = {"person": set(person_ids)}
    for table in people_side():
        if table.name == "person":
            where: Any = table.c.id.in_(list(person_ids))
        else:
            links = [
                fk.parent.in_(list(chosen[fk.column.table.name]))
                for fk in table.foreign_keys
                if fk.column.table.name in chosen
            ]
            where = or_(*links)
        rows = [dict(r) for r in conn.execute(select(table).where(where)).mappings()]
        if "id" in table.c:
            chosen[table.name] = {r["id"] for r in rows}
        yield table, rows


def _directory_rows(conn: Connection) -> Iterable[tuple[Table, list[Values]]]:
    for table in directory_side():
        yield table, [dict(r) for r in conn.execute(select(table)).mappings()]


def _subset(conn: Connection, person_ids: Sequence[uuid.UUID]) -> dict[str, list[Values]]:
    """Every row taken out for ``person_ids``, by table name."""
    both = [*_directory_rows(conn), *_people_rows(conn, person_ids)]
    return {table.name: rows for table, rows in both}


def _values_json(row: Mapping[str, Any]) -> str:
    return json.dumps({k: canonical(v) for k, v in row.items()}, ensure_ascii=False)


def take_out(
    team: Database,
    laptop: Database,
    person_ids: Sequence[uuid.UUID],
    taken_by: str,
    now: dt.datetime,
) -> TakenOut:
    """Copy ``person_ids``' rows and the whole directory from ``team`` into the new ``laptop``."""
    if current_revision(team.engine) != current_revision(laptop.engine):
        raise errors.UserFacingError(
            "The team database and this laptop's data file are at different schemas, "
            "so nothing was taken out.",
            "Update Link Worker on this laptop, then take the day's work out again.",
        )
    counts: dict[str, int] = {}
    with team.engine.connect() as src, laptop.engine.begin() as dst:
        refuse_unless_new(dst, describe(laptop))
        for table in reversed(tables()):
            dst.execute(table.delete())
        taken = _subset(src, person_ids)
        for table in tables():
            rows = taken.get(table.name)
            if not rows:
                continue
            dst.execute(insert(table), rows)
            dst.execute(
                insert(BASE),
                [
                    {
                        "table_name": table.name,
                        "row_key": row_key(table, row),
                        "digest": f"{row_digest(table, row):064x}",
                        "values": _values_json(row),
                    }
                    for row in rows
                ],
            )
            counts[table.name] = len(rows)
        dst.execute(
            insert(TAKEN).values(
                id=1,
                source=describe(team),
                taken_at=now,
                taken_by=taken_by,
                people=json.dumps([p.hex for p in person_ids]),
                brought_back_at=None,
            )
        )
    return TakenOut(describe(team), counts.get("person", 0), counts)


def taken_from(laptop: Database) -> Mapping[str, Any] | None:
    """The laptop file's record of what it took, or None for a file never taken out."""
    with laptop.engine.connect() as conn:
        row = conn.execute(select(TAKEN)).mappings().first()
        return dict(row) if row else None


def bring_back(
    laptop: Database, team: Database, now: dt.datetime, choose: Choose | None = None
) -> BroughtBack:
    """Write the laptop's changes since it was taken out into ``team``, in one transaction.

    A row changed on both sides is a :class:`Conflict`. Without ``choose`` nothing
    at all is written when there is one: the result lists them (``chosen`` false)
    so they can be shown side by side; with ``choose``, its answer is written.
    """
    record = taken_from(laptop)
    if record is None:
        raise errors.UserFacingError(
            "This data file was not taken out of a team database, so there is nothing "
            "to bring back.",
            "Open the file you took out for the day.",
        )
    if record["brought_back_at"] is not None:
        raise errors.UserFacingError(
            "This day's work was brought back already, on "
            f"{record['brought_back_at']:%d %B %Y at %H:%M}.",
            "Take out a new copy for the next day away.",
        )
    done = BroughtBack()
    with laptop.engine.connect() as mine_conn, team.engine.connect() as team_conn:
        person_ids = [uuid.UUID(p) for p in json.loads(record["people"])]
        plan = _compare(mine_conn, team_conn, _bases(mine_conn), person_ids, done)
        if done.conflicts:
            if choose is None:
                done.chosen = False
                return done  # nothing written: the connections' transactions roll back
            for conflict in done.conflicts:
                table = Base.metadata.tables[conflict.table]
                known = conflict.theirs or conflict.mine or {}
                plan.append((table, known, choose(conflict), conflict.theirs is not None))
        _apply(team_conn, plan, done)
        done.trail_entries = _add_trail(mine_conn, team_conn, record)
        team_conn.commit()
        mine_conn.execute(update(TAKEN).values(brought_back_at=now))
        mine_conn.commit()
    return done


def _bases(conn: Connection) -> dict[tuple[str, str], tuple[str, Values]]:
    found: dict[tuple[str, str], tuple[str, Values]] = {}
    for row in conn.execute(select(BASE)).mappings():
        found[(row["table_name"], row["row_key"])] = (row["digest"], json.loads(row["values"]))
    return found


#: (table, a row with its primary key, the row to write (None: remove it), whether the
#: team database has it now)
Step = tuple[Table, Values, Values | None, bool]


def _compare(
    mine_conn: Connection,
    team_conn: Connection,
    bases: Mapping[tuple[str, str], tuple[str, Values]],
    person_ids: Sequence[uuid.UUID],
    done: BroughtBack,
) -> list[Step]:
    """The writes that follow without a question, and the conflicts (into ``done``)."""
    steps: list[Step] = []
    mine_all = _subset(mine_conn, person_ids)
    theirs_all = _subset(team_conn, person_ids)
    for table in [*directory_side(), *people_side()]:
        if table.name in DERIVED or table.name in TAKEN_ONLY:
            continue
        mine = {row_key(table, r): r for r in mine_all.get(table.name, [])}
        theirs = {row_key(table, r): r for r in theirs_all.get(table.name, [])}
        based = {k for (t, k) in bases if t == table.name}
        for key in sorted(set(mine) | based):
            base = bases.get((table.name, key))
            base_digest = base[0] if base else None
            my_row, their_row = mine.get(key), theirs.get(key)
            my_digest = f"{row_digest(table, my_row):064x}" if my_row is not None else None
            their_digest = f"{row_digest(table, their_row):064x}" if their_row is not None else None
            if my_digest in (base_digest, their_digest):
                continue  # not changed here, or changed here just as it was there
            if their_digest != base_digest:
                done.conflicts.append(
                    Conflict(table.name, key, base[1] if base else None, my_row, their_row)
                )
                continue
            known = their_row if their_row is not None else my_row
            assert known is not None  # one side has it, or the digests would be equal
            steps.append((table, known, my_row, their_row is not None))
    return steps


def _apply(conn: Connection, steps: Iterable[Step], done: BroughtBack) -> None:
    """Removals children first, then additions and changes parents first."""
    order = {t.name: i for i, t in enumerate(tables())}
    listed = sorted(steps, key=lambda s: order[s[0].name])

    def counted(tally: dict[str, int], table: Table) -> None:
        tally[table.name] = tally.get(table.name, 0) + 1

    for table, known, row, there in reversed(listed):
        if row is None and there:
            conn.execute(delete(table).where(*_where_key(table, known)))
            counted(done.removed, table)
    for table, known, row, there in listed:
        if row is None:
            continue
        if there:
            values = dict(row)
            if "version" in table.c and known.get("version") is not None:
                # One on from the version the team database holds, so that anyone who
                # opened it there before sees their save refused, not lost.
                values["version"] = int(known["version"]) + 1
            conn.execute(update(table).where(*_where_key(table, known)).values(**values))
            counted(done.changed, table)
        else:
            conn.execute(insert(table).values(**row))
            counted(done.added, table)
        if table.name == "person":
            _search_words_of(conn, row)


def _search_words_of(conn: Connection, person: Mapping[str, Any]) -> None:
    """The person's search words, made from their row as written."""
    from linkworker.data.people_repo import WORD_TABLE, search_word_rows

    conn.execute(delete(WORD_TABLE).where(WORD_TABLE.c.person_id == person["id"]))
    words = search_word_rows(person["id"], dict(person))
    if words:
        conn.execute(insert(WORD_TABLE), words)


def _add_trail(mine_conn: Connection, team_conn: Connection, record: Mapping[str, Any]) -> int:
    """The laptop's trail of the day, added to the end of the team's: each entry at the time
    it was made, under the worker who made it, saying it was made away from the team."""
    from linkworker.data.audit_repo import _Held, append_entries
    from linkworker.data.models_access import AuditEntryRow
    from linkworker.domain.actor import Actor
    from linkworker.domain.audit import EntryDraft

    table = AuditEntryRow.__table__
    groups: list[_Held] = []
    count = 0
    for e in mine_conn.execute(select(table).order_by(table.c.id)).mappings():
        actor = Actor(
            worker_id=uuid.UUID(e["worker_id"]) if e["worker_id"] else None,
            worker_name=e["worker_name"],
            machine=e["machine"],
            # "window, away": made on a laptop away from the team database (the column is short).
            via=f"{e['via']}, away"[:30],
        )
        draft = EntryDraft(e["action"], e["subject"], e["record_key"], e["person_id"], e["detail"])
        groups.append(_Held(e["at"], actor, (draft,)))
        count += 1
    if groups:
        append_entries(team_conn, groups[0].actor, (), held=groups)
    return count
