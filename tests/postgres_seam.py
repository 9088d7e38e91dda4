"""The test suite's database seam: an SQLite file each, or a PostgreSQL database each.

With ``LINKWORKER_TEST_DATABASE_URL`` set (``.ci/postgres`` sets it), the fixtures that
give a test its database (``db``, ``services``) give it a fresh PostgreSQL database of
its own instead of an SQLite file: a copy of a template migrated once per session (and
per xdist worker), made with ``CREATE DATABASE ... TEMPLATE`` and dropped afterwards.

On that run only the tests that take their database from these fixtures run; the
others (the SQLite file itself: encryption, backups, WAL, damaged files; and tests that
need no database) have nothing to prove twice and are deselected. A test that takes
its database from the fixtures but is about the file says so with ``sqlite_only``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

import pytest

#: The server the PostgreSQL run uses (its maintenance database); empty: SQLite only.
TEST_URL = os.environ.get("LINKWORKER_TEST_DATABASE_URL", "")
#: The fixtures through which a test's database comes from this seam.
SEAM_FIXTURES = frozenset({"database_url"})


def with_database(url: str, name: str) -> str:
    """``url`` naming the database ``name`` on the same server."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@contextmanager
def _admin() -> Iterator[object]:
    from sqlalchemy import create_engine

    engine = create_engine(TEST_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def make_template(worker: str) -> str:
    """A database migrated to the newest schema, for each test's database to copy."""
    from linkworker.data.database import open_url

    name = f"lw_template_{worker}"
    with _admin() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[attr-defined]
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')  # type: ignore[attr-defined]
    open_url(with_database(TEST_URL, name)).dispose()
    return name


def drop(name: str) -> None:
    with _admin() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[attr-defined]


def _copy(template: str) -> str:
    name = f"t_{uuid.uuid4().hex[:16]}"
    with _admin() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')  # type: ignore[attr-defined]
    return name


#: The next test's database, being copied while this test runs (a copy takes about
#: half a second, most of it the server's writing).
_spares: dict[str, Future[str]] = {}
_copier = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lw-test-db")


@contextmanager
def fresh_database(template: str) -> Iterator[str]:
    """The URL of a new database copied from ``template``; dropped afterwards."""
    spare = _spares.pop(template, None)
    name = spare.result() if spare is not None else _copy(template)
    _spares[template] = _copier.submit(_copy, template)
    try:
        yield with_database(TEST_URL, name)
    finally:
        drop(name)


def drop_spare(template: str) -> None:
    """Drop the copy of ``template`` made for a test that never came."""
    spare = _spares.pop(template, None)
    if spare is not None:
        drop(spare.result())


def outside_engine(engine: object) -> object:
    """An engine of its own onto the same database as ``engine``: another program's view."""
    from sqlalchemy import Engine, create_engine

    assert isinstance(engine, Engine)
    return create_engine(engine.url.render_as_string(hide_password=False))


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: a team database that does not answer."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def needs_server() -> object:
    """The mark of a test that needs the PostgreSQL test server (skipped without one)."""

    return pytest.mark.skipif(
        not TEST_URL, reason="needs the PostgreSQL test server (.ci/postgres)"
    )
