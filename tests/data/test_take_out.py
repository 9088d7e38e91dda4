"""A day away from the team database: a caseload and the directory taken into a laptop's
file, worked on there, and brought back, with both sides' changes kept apart.

The team database here is a copy of the demo's data (its invented people and directory);
the laptop's file is new.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, update

from linkworker import errors
from linkworker.data.database import Database, open_database, open_url
from linkworker.data.models import Asset, Episode, MatchMark, Person
from linkworker.data.models_access import AuditEntryRow
from linkworker.data.subset_copy import bring_back, people_side, take_out, taken_from
from linkworker.domain.directory import DirectoryFilter
from linkworker.paths import AppPaths
from linkworker.services.context import Services, open_services
from linkworker.services.demo import sign_in_demo
from linkworker.services.team_copy import copy_into
from tests.conftest import made_key

NOW = dt.datetime(2026, 12, 7, 8, 30)
LATER = dt.datetime(2026, 12, 7, 17, 0)


@pytest.fixture
def team_services(demo_data: Path, database_url: str | None) -> Callable[[], Services]:
    """Opens services on the team database, its manager signed in."""

    def opened() -> Services:
        paths = AppPaths.under(demo_data)
        services = (
            open_services(AppPaths.under(demo_data / "team"), url=database_url)
            if database_url
            else open_services(paths, key=made_key(paths.database))
        )
        assert sign_in_demo(services) is not None
        return services

    return opened


@pytest.fixture
def team(demo_database: Database, database_url: str | None) -> Iterator[Database]:
    """The team database: the demo's data, copied into PostgreSQL on the PostgreSQL run."""
    if not database_url:
        yield demo_database
        return
    on_server = open_url(database_url)
    copy_into(demo_database, on_server)  # the search index is built there too
    yield on_server
    on_server.dispose()


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Database]:
    paths = AppPaths.under(tmp_path / "laptop")
    db = open_database(paths.database, paths.backups_dir)
    yield db
    db.dispose()


def _two_people(team: Database) -> list[uuid.UUID]:
    """Two people with a referral, in a steady order."""
    with team.engine.connect() as conn:
        return list(
            conn.execute(
                select(Episode.person_id).distinct().order_by(Episode.person_id).limit(2)
            ).scalars()
        )


def _count(db: Database, what: object, *where: object) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(what).where(*where)).scalar_one())  # type: ignore[arg-type]


def _name(db: Database, person_id: uuid.UUID) -> str:
    with db.engine.connect() as conn:
        return str(
            conn.execute(select(Person.given_name).where(Person.id == person_id)).scalar_one()
        )


def _trail(db: Database) -> list[dict[str, Any]]:
    table = AuditEntryRow.__table__
    with db.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(table.c.id)).mappings()]


def _rename(db: Database, person_id: uuid.UUID, name: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(update(Person).where(Person.id == person_id).values(given_name=name))


@pytest.fixture
def taken(team: Database, laptop: Database) -> list[uuid.UUID]:
    people = _two_people(team)
    take_out(team, laptop, people, "Sam Link", NOW)
    return people


def test_the_laptop_gets_the_caseload_and_the_whole_directory_and_no_one_else(
    team: Database, laptop: Database
) -> None:
    people = _two_people(team)
    done = take_out(team, laptop, people, "Sam Link", NOW)
    assert done.people == 2
    assert _count(laptop, Person.__table__) == 2
    assert _count(laptop, Asset.__table__) == _count(team, Asset.__table__) > 0
    for table in people_side():
        if table.name != "person" and "person_id" in table.c:
            on_laptop = _count(laptop, table)
            for_them = _count(team, table, table.c.person_id.in_(people))
            assert on_laptop == for_them, table.name
    assert _count(laptop, Episode.__table__) == _count(
        team, Episode.__table__, Episode.person_id.in_(people)
    )
    assert _count(laptop, AuditEntryRow.__table__) == 0  # the trail stays with its database
    record = taken_from(laptop)
    assert record is not None and record["taken_by"] == "Sam Link"


def test_the_laptop_searches_its_directory_as_the_team_does(
    team: Database, tmp_path: Path, team_services: Callable[[], Services]
) -> None:
    from linkworker.services.team_day import take_day_out

    laptop = AppPaths.under(tmp_path / "away")
    take_day_out(team, laptop, None, _two_people(team))
    at_base = team_services()
    away = open_services(laptop)
    try:
        assert sign_in_demo(away)
        for words in ("walking", "cafe", "debt"):
            here = {a.id for a in at_base.directory.search(DirectoryFilter(text=words)).rows}
            there = {a.id for a in away.directory.search(DirectoryFilter(text=words)).rows}
            assert here == there != set(), words
    finally:
        at_base.close()
        away.close()


def test_a_change_made_away_is_brought_back_with_its_trail(
    team: Database,
    laptop: Database,
    taken: list[uuid.UUID],
    tmp_path: Path,
    team_services: Callable[[], Services],
) -> None:
    away = open_services(AppPaths.under(tmp_path / "laptop"))
    try:
        assert sign_in_demo(away) is not None  # their worker row came with the day
        person = away.people.get_person(taken[0])
        assert person is not None
    finally:
        away.close()
    _rename(laptop, taken[0], "Renamed")
    trail_before = _count(team, AuditEntryRow.__table__)
    away_trail = _trail(laptop)

    back = bring_back(laptop, team, LATER)

    assert back.chosen and not back.conflicts
    assert back.changed == {"person": 1}
    assert _name(team, taken[0]) == "Renamed"
    # The view made on the laptop is on the team's trail now, marked as made away.
    assert back.trail_entries >= 1
    rows = _trail(team)
    assert back.trail_entries == len(away_trail)
    assert len(rows) == trail_before + back.trail_entries
    added = rows[-len(away_trail) :]
    assert all(r["via"].endswith(", away") for r in added)
    # Each at the time it was made, by whom, about whom.
    assert [(r["at"], r["action"], r["person_id"]) for r in added] == [
        (r["at"], r["action"], r["person_id"]) for r in away_trail
    ]
    assert "view" in {r["action"] for r in added}
    at_base = team_services()
    try:
        assert sign_in_demo(at_base) is not None
        assert at_base.audit.verify().unbroken
    finally:
        at_base.close()


def test_a_change_made_in_the_team_meanwhile_is_kept(
    team: Database, laptop: Database, taken: list[uuid.UUID]
) -> None:
    _rename(team, taken[1], "Changed at base")
    _rename(laptop, taken[0], "Changed away")
    back = bring_back(laptop, team, LATER)
    assert not back.conflicts
    assert _name(team, taken[1]) == "Changed at base"
    assert _name(team, taken[0]) == "Changed away"


def test_a_record_changed_on_both_sides_is_never_overwritten_without_a_choice(
    team: Database, laptop: Database, taken: list[uuid.UUID]
) -> None:
    _rename(team, taken[0], "Theirs")
    _rename(laptop, taken[0], "Mine")
    _rename(laptop, taken[1], "Also mine")

    back = bring_back(laptop, team, LATER)

    assert not back.chosen
    (conflict,) = back.conflicts
    assert conflict.table == "person"
    assert conflict.mine is not None and conflict.mine["given_name"] == "Mine"
    assert conflict.theirs is not None and conflict.theirs["given_name"] == "Theirs"
    assert "given_name" in conflict.differing()
    # Nothing at all was written, not even the change that had no conflict.
    assert _name(team, taken[0]) == "Theirs"
    assert _name(team, taken[1]) != "Also mine"
    assert taken_from(laptop)["brought_back_at"] is None  # type: ignore[index]

    chosen = bring_back(laptop, team, LATER, choose=lambda c: c.mine)
    assert chosen.chosen
    assert _name(team, taken[0]) == "Mine"
    assert _name(team, taken[1]) == "Also mine"


def _mark(db: Database, person_id: uuid.UUID, asset_id: uuid.UUID) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            insert(MatchMark).values(
                person_id=person_id, asset_id=asset_id, pinned=True, updated_at=NOW
            )
        )


def _marks(db: Database, person_id: uuid.UUID) -> int:
    return _count(db, MatchMark.__table__, MatchMark.person_id == person_id)


def test_added_and_removed_rows_go_back_too(team: Database, laptop: Database) -> None:
    first, second = _two_people(team)
    with team.engine.connect() as conn:
        asset_id = conn.execute(select(Asset.id).order_by(Asset.id).limit(1)).scalar_one()
    with team.engine.begin() as conn:
        conn.execute(delete(MatchMark).where(MatchMark.person_id.in_([first, second])))
    _mark(team, first, asset_id)
    take_out(team, laptop, [first, second], "Sam Link", NOW)
    with laptop.engine.begin() as conn:
        conn.execute(delete(MatchMark).where(MatchMark.person_id == first))
    _mark(laptop, second, asset_id)

    back = bring_back(laptop, team, LATER)

    assert back.added == {"match_mark": 1}
    assert back.removed == {"match_mark": 1}
    assert (_marks(team, first), _marks(team, second)) == (0, 1)


def test_a_day_is_brought_back_once(
    team: Database, laptop: Database, taken: list[uuid.UUID]
) -> None:
    bring_back(laptop, team, LATER)
    with pytest.raises(errors.UserFacingError) as refused:
        bring_back(laptop, team, LATER)
    assert "brought back already, on 07 December 2026 at 17:00" in refused.value.message


def test_a_file_never_taken_out_has_nothing_to_bring_back(team: Database, laptop: Database) -> None:
    with pytest.raises(errors.UserFacingError) as refused:
        bring_back(laptop, team, LATER)
    assert "nothing to bring back" in refused.value.message
