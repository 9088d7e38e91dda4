"""Copying every row of one Link Worker database into another, and proving the copy whole.

Used to move a link worker's laptop file into the team's database: people, the
directory, the audit trail, everything the schema holds. The copy is made in one
transaction on the target, so a copy that fails part-way leaves the target as it
was; the source is only read.

The proof is made by reading both databases back after the copy: for each table
the number of rows and a checksum of its rows' values. The checksum is the sum
(modulo 2**256) of a SHA-256 digest of each row's values in a canonical form, so it
does not depend on the order either database returns rows in, and the same values
stored by SQLite and by PostgreSQL give the same digest.

The full-text search index is not a table of the schema's: each database builds
its own (see :meth:`linkworker.services.directory.DirectoryService.rebuild_search_index`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from linkworker import errors
from linkworker.data.database import Database, current_revision
from linkworker.data.models import Base
from linkworker.domain.day_away import canonical

#: Tables the migrations fill in a new database; a new target's rows there are replaced.
SEEDED = frozenset({"taxonomy_mapping"})

#: Rows sent to the target in one statement.
BATCH = 500

_MODULUS = 2**256

#: Told (table name, tables done, tables in all) as the copy goes.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class TableCheck:
    """One table on both sides: its rows counted and summed."""

    table: str
    source_rows: int
    target_rows: int
    source_sum: str
    target_sum: str

    @property
    def same(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sum == self.target_sum


@dataclass(frozen=True)
class CopyCheck:
    """Every table's check, after a copy."""

    tables: tuple[TableCheck, ...]

    @property
    def whole(self) -> bool:
        return all(t.same for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(t.target_rows for t in self.tables)

    def differing(self) -> tuple[str, ...]:
        return tuple(t.table for t in self.tables if not t.same)


def tables() -> tuple[Table, ...]:
    """The schema's tables, each after the tables it refers to."""
    return tuple(Base.metadata.sorted_tables)


def row_digest(table: Table, row: Mapping[Any, Any]) -> int:
    """A row's values, by column name, as one number."""
    text = "\x1f".join(f"{c.name}={canonical(row[c.name])}" for c in table.columns)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")


def summed(conn: Connection, table: Table) -> tuple[int, str]:
    """How many rows ``table`` holds and the checksum of their values."""
    count = 0
    total = 0
    for row in conn.execute(select(table)).mappings():
        count += 1
        total = (total + row_digest(table, row)) % _MODULUS
    return count, f"{total:064x}"


def _rows(conn: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in conn.execute(select(table)).mappings():
        batch.append(dict(row))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def refuse_unless_new(conn: Connection, where: str) -> None:
    """Refuse a target that holds anything but what its migrations put there."""
    used = [t.name for t in tables() if t.name not in SEEDED and _count(conn, t)]
    if used:
        raise errors.UserFacingError(
            f"The team database {where} already holds records "
            f"({', '.join(sorted(used)[:5])}{'…' if len(used) > 5 else ''}), "
            "so nothing was copied into it.",
            "Copy into a new, empty team database; ask whoever looks after the server "
            "to make one. Your own data file has not been changed.",
        )


def copy_rows(source: Database, target: Database, progress: Progress | None = None) -> CopyCheck:
    """Copy every row of ``source`` into ``target`` (new and at the same schema), checked.

    Refused, with nothing written, when the two are at different schemas or the
    target already holds records. The copy is one transaction on the target, and
    it is checked (every table counted and summed on both sides) before that
    transaction commits: a copy that is not whole is not kept.
    """
    where = describe(target)
    source_at, target_at = current_revision(source.engine), current_revision(target.engine)
    if source_at != target_at:
        raise errors.UserFacingError(
            f"The data file is at schema {source_at} and the team database {where} at "
            f"{target_at}, so nothing was copied.",
            "Open both with the same version of Link Worker, which brings both up to date, "
            "then copy again.",
        )
    every = tables()
    steps = 2 * len(every)
    with source.engine.connect() as src, target.engine.begin() as dst:
        refuse_unless_new(dst, where)
        for table in reversed(every):
            if table.name in SEEDED:
                dst.execute(table.delete())
        for done, table in enumerate(every):
            if progress:
                progress(f"Copying {table.name}", done, steps)
            for batch in _rows(src, table):
                dst.execute(insert(table), batch)
        found: list[TableCheck] = []
        for done, table in enumerate(every, start=len(every)):
            if progress:
                progress(f"Checking {table.name}", done, steps)
            found.append(_table_check(table, src, dst))
        result = CopyCheck(tuple(found))
        if not result.whole:
            raise errors.UserFacingError(
                f"The copy into {where} did not match the data file "
                f"({', '.join(result.differing())}), so it was not kept.",
                "Nothing was changed in the team database or in your data file. "
                "Try again; if it happens again, keep working on the data file and ask "
                "whoever looks after the team database.",
            )
        if progress:
            progress("Copied and checked", steps, steps)
    return result


def _table_check(table: Table, src: Connection, dst: Connection) -> TableCheck:
    source_rows, source_sum = summed(src, table)
    target_rows, target_sum = summed(dst, table)
    return TableCheck(table.name, source_rows, target_rows, source_sum, target_sum)


def check(source: Database, target: Database) -> CopyCheck:
    """Count and sum every table on both sides, as they are now."""
    with source.engine.connect() as src, target.engine.connect() as dst:
        return CopyCheck(tuple(_table_check(table, src, dst) for table in tables()))


def describe(db: Database) -> str:
    """The database named for a message: its file, or its server and name (never a password)."""
    if db.path is not None:
        return str(db.path)
    url = db.engine.url
    where = f"{url.host or 'localhost'}{f':{url.port}' if url.port else ''}"
    return f"{url.database} on {where}"
