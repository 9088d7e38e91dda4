"""Alembic, driven from code: the migrations ship inside the package.

Alembic (with Mako and friends) is imported only when a migration may be due:
a database already at :data:`SCHEMA_HEAD` opens without it, which keeps
start-up quick. A test checks that :data:`SCHEMA_HEAD` is Alembic's head.
Reading :data:`SCHEMA_HEAD` loads no SQLAlchemy either (see ``first_look.py``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

#: The newest migration. Update it with every new file in migrations/versions/.
SCHEMA_HEAD = "0020_team_roles"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@cache
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in _script().walk_revisions()}


@contextlib.contextmanager
def sqlite_migration_mode(conn: Connection) -> Iterator[None]:
    """Make migrations on an SQLite connection safe, then put the connection back as it was.

    Python's sqlite3 driver neither starts a transaction before DDL nor lets
    SQLAlchemy do so, so a migration that failed halfway used to leave its new
    tables behind (and the next start-up failed on them). Here the driver is put
    in autocommit mode and every SQLAlchemy transaction emits its own ``BEGIN``
    (SQLAlchemy's documented recipe), so each step commits or rolls back whole.
    Foreign keys are off meanwhile, as SQLite asks for table rebuilds: with them
    on, dropping a table during a batch migration would cascade-delete rows in
    the tables that refer to it.
    """
    from sqlalchemy import event

    if conn.dialect.name != "sqlite":
        yield
        return
    raw: Any = conn.connection.driver_connection
    if conn.in_transaction():
        conn.commit()
    old_isolation = raw.isolation_level
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.isolation_level = None

    def emit_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    event.listen(conn, "begin", emit_begin)
    try:
        yield
    finally:
        event.remove(conn, "begin", emit_begin)
        if conn.in_transaction():
            conn.rollback()
        raw.isolation_level = old_isolation
        raw.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run every migration up to ``target``, each in its own transaction."""
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn, sqlite_migration_mode(conn):
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        conn.commit()
