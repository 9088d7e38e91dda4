"""A team database on PostgreSQL that cannot be used: clear messages, nothing changed or lost.

The tests that need a server run in the PostgreSQL run (``.ci/postgres``); the one
about a server that does not answer needs none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from linkworker import errors
from linkworker.data.database import Database, open_url
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.people import PersonDraft
from linkworker.services.drafts import DraftService
from linkworker.services.people import PeopleService
from linkworker.services.settings import SettingsStore
from linkworker.services.team_database import (
    KEYRING_SERVICE,
    URL_VARIABLE,
    TeamDatabase,
    check_connection,
    describe,
    save_team_database,
    saved_team_database,
    team_url,
)
from tests import postgres_seam
from tests.memory_keyring import MemoryKeyring
from tests.postgres_seam import closed_port, outside_engine, with_database

NEEDS_SERVER = postgres_seam.needs_server()


def test_a_server_that_does_not_answer_is_named_with_what_to_check() -> None:
    port = closed_port()
    with pytest.raises(errors.TeamDatabaseUnreachable) as caught:
        open_url(f"postgresql+psycopg://linkworker:s3cret-Pass@127.0.0.1:{port}/team")
    told = str(caught.value)
    assert f"127.0.0.1:{port}" in told
    assert "Settings, Team database" in told and "local data file" in told
    assert "s3cret-Pass" not in told


def _engine(db_or_url: Database | str) -> Any:
    """An engine of its own onto the test's database: another program's view."""
    from sqlalchemy import create_engine

    return (
        outside_engine(db_or_url.engine)
        if isinstance(db_or_url, Database)
        else (create_engine(db_or_url))
    )


def _sql(db_or_url: Database | str, *statements: str) -> None:
    other = _engine(db_or_url)
    try:
        with other.begin() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    finally:
        other.dispose()


@NEEDS_SERVER
def test_a_wrong_password_names_the_user_and_where_to_fix_it(database_url: str) -> None:
    from sqlalchemy import create_engine

    admin = create_engine(postgres_seam.TEST_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP ROLE IF EXISTS lw_password_check")
        conn.exec_driver_sql("CREATE ROLE lw_password_check LOGIN PASSWORD 'the-right-one'")
    admin.dispose()
    wrong = with_database(database_url, database_url.rsplit("/", 1)[1]).replace(
        "postgres@", "lw_password_check:not-the-one@"
    )
    with pytest.raises(errors.TeamDatabaseRefused) as caught:
        open_url(wrong)
    assert caught.value.message == "The team database refused the password for lw_password_check."
    assert "Settings, Team database" in caught.value.advice
    assert "not-the-one" not in str(caught.value)


@NEEDS_SERVER
def test_a_team_database_of_a_newer_schema_is_refused_unchanged(database_url: str) -> None:
    open_url(database_url).dispose()
    _sql(database_url, "UPDATE alembic_version SET version_num = '0999_future'")
    with pytest.raises(errors.DatabaseTooNew, match="team database was written by a newer"):
        open_url(database_url)
    assert _scalar(database_url, "SELECT version_num FROM alembic_version") == "0999_future"


@NEEDS_SERVER
def test_another_programs_database_is_refused_unchanged(database_url: str) -> None:
    _sql(database_url, "DROP TABLE alembic_version")
    with pytest.raises(errors.DatabaseCorrupt, match="belongs to another program"):
        open_url(database_url)
    assert _scalar(database_url, "SELECT to_regclass('alembic_version')") is None
    assert _scalar(database_url, "SELECT count(*) FROM person") == 0


@NEEDS_SERVER
def test_a_connection_lost_mid_save_keeps_nothing_half_done_and_says_so(
    db: Database,
) -> None:
    units = UnitsOfWork(db)
    people = PeopleService(units)
    with pytest.raises(errors.TeamDatabaseLost) as caught, units.write() as uow:
        uow.drafts.keep(
            {"key": "person:new", "title": "New person", "payload": "{}", "saved_at": _now()}
        )
        uow.flush()
        _sql(
            db,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
    assert "still on screen" in caught.value.advice
    # Back once the connection is: the next save works, and the lost one left nothing.
    assert DraftService(units).pending() == []
    person = people.save_person(PersonDraft(given_name="Ada", family_name="Pennant"))
    assert people.get_person(person.id) is not None


def _now() -> Any:
    import datetime as dt

    return dt.datetime(2026, 12, 7, 10, 30)


def _scalar(url: str, sql: str) -> Any:
    other = _engine(url)
    try:
        with other.connect() as conn:
            return conn.exec_driver_sql(sql).scalar()
    finally:
        other.dispose()


# Where the team database is, and its password ------------------------------------


def test_the_url_given_wins_then_the_environment_then_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    settings = SettingsStore(tmp_path / "settings.json")
    monkeypatch.delenv(URL_VARIABLE, raising=False)
    assert team_url(None, settings) is None  # the local data file

    team = TeamDatabase(host="db.pcn.example", database="linkworker", user="priya")
    save_team_database(settings, team, "Kettle-Biscuit-42")
    assert team_url(None, settings) == (
        "postgresql+psycopg://priya:Kettle-Biscuit-42@db.pcn.example:5432/linkworker"
    )
    assert memory_keyring.passwords == {
        (KEYRING_SERVICE, "priya@db.pcn.example:5432/linkworker"): "Kettle-Biscuit-42"
    }
    assert "Kettle-Biscuit-42" not in (tmp_path / "settings.json").read_text(encoding="utf-8")

    monkeypatch.setenv(URL_VARIABLE, "postgresql+psycopg://sam@other.example/team")
    assert team_url(None, settings) == "postgresql+psycopg://sam@other.example/team"
    given = "postgresql+psycopg://ola:Given-Pass-7@third.example/team"
    assert team_url(given, settings) == given
    # A password given in a URL is used, and kept nowhere.
    assert len(memory_keyring.passwords) == 1
    assert "Given-Pass-7" not in (tmp_path / "settings.json").read_text(encoding="utf-8")
    assert describe(given) == "ola@third.example:5432/team"


def test_a_managed_server_asks_for_an_encrypted_connection(memory_keyring: MemoryKeyring) -> None:
    team = TeamDatabase(host="x.postgres.example", database="lw", user="lw", sslmode="require")
    assert team.url() == "postgresql+psycopg://lw@x.postgres.example:5432/lw?sslmode=require"


def test_details_left_out_are_named_and_nothing_is_saved(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = SettingsStore(tmp_path / "settings.json")
    with pytest.raises(errors.UserFacingError) as caught:
        save_team_database(settings, TeamDatabase(host="", database="lw", user=""), "pw")
    assert "server's name or address is missing" in caught.value.message
    assert "user name is missing" in caught.value.message
    assert saved_team_database(settings) is None and memory_keyring.passwords == {}


@NEEDS_SERVER
def test_trying_the_connection_changes_nothing_and_says_what_it_found(
    database_url: str, memory_keyring: MemoryKeyring
) -> None:
    from sqlalchemy.engine import make_url

    where = make_url(database_url)
    team = TeamDatabase(
        host=where.host or "",
        port=where.port or 5432,
        database=where.database or "",
        user="postgres",
    )
    assert check_connection(team, None).endswith("the team's Link Worker database, up to date.")
    _sql(database_url, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public")
    assert check_connection(team, None).endswith("Link Worker will set it up when it opens.")
    assert _scalar(database_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 0


@NEEDS_SERVER
def test_the_team_database_is_backed_up_on_its_server_not_by_the_app(services: Any) -> None:
    assert services.backups.routine_backup("start") is None  # nothing to copy, no error
    with pytest.raises(errors.UserFacingError, match="backed up on its server"):
        services.backups.backup_now()
    assert services.backups.backups() == []
