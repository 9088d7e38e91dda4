"""The unit of work: one transaction, its repositories, and the one path every write takes."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

# The SQLite library the app uses: within one process, locks only hold between
# connections of the same library.
from sqlcipher3 import dbapi2 as sqlite3

from linkworker import errors
from linkworker.data.database import Database, open_database
from linkworker.data.unit_of_work import ReadOnlyUnit, UnitOfWork, UnitsOfWork, Write, text_write
from linkworker.domain.actor import Actor
from linkworker.domain.directory import AssetDraft, Location
from linkworker.domain.people import ConversationDraft, EpisodeDraft, PersonDraft
from linkworker.domain.plan import AssetReferralDraft, GoalDraft
from linkworker.paths import AppPaths
from linkworker.services.directory import DirectoryService
from linkworker.services.documents import DocumentService
from linkworker.services.drafts import DraftService
from linkworker.services.people import PeopleService
from linkworker.services.plan import PlanService
from linkworker.services.settings import SettingsStore
from tests.data.people_helpers import AGREED
from tests.postgres_seam import outside_engine

TODAY = dt.date(2026, 11, 20)


class Recorder:
    """A write listener that keeps what each committing unit wrote."""

    def __init__(self) -> None:
        self.commits: list[tuple[Write, ...]] = []

    def __call__(self, unit: UnitOfWork, writes: tuple[Write, ...]) -> None:
        assert not unit.read_only
        self.commits.append(writes)

    def tables(self) -> set[str]:
        return {w.table for writes in self.commits for w in writes}

    def last(self) -> tuple[Write, ...]:
        return self.commits[-1]


@pytest.fixture
def recorder(db: Database) -> Recorder:
    listener = Recorder()
    db.write_listeners.append(listener)
    return listener


def _count(db: Database, table: str) -> int:
    """The rows in ``table``, as another program sees them."""
    other: Any = outside_engine(db.engine)
    try:
        with other.connect() as conn:
            return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())
    finally:
        other.dispose()


def test_every_kind_of_write_passes_the_one_path(db: Database, recorder: Recorder) -> None:
    units = UnitsOfWork(db)
    directory = DirectoryService(units, today=lambda: TODAY)
    people = PeopleService(units, today=lambda: TODAY, now=lambda: dt.datetime(2026, 11, 20, 9))
    plans = PlanService(units, today=lambda: TODAY)

    # One asset through the ORM: an insert with its key.
    walk = directory.save(AssetDraft(name="Canal walk", locations=(Location(postcode="CH65 2AB"),)))
    assert Write("asset", "insert", key=walk.id) in recorder.last()

    # An edit: an update naming the fields that changed.
    directory.save(AssetDraft(**{**_fields(walk.draft), "description": "Flat towpath"}))
    (update,) = [w for w in recorder.last() if w.table == "asset" and w.action == "update"]
    assert update.key == walk.id and "description" in update.fields

    # Many assets in bulk (driver-level statements): counted rows.
    directory.add_many([AssetDraft(name=f"Group {n}") for n in range(3)])
    bulk = [w for w in recorder.last() if w.table == "asset" and w.action == "insert"]
    assert sum(w.rows or 0 for w in bulk) == 3

    # A person, a referral, a conversation, a goal and a place in the plan.
    person = people.save_person(PersonDraft(given_name="Ada", family_name="Quill"))
    episode = people.save_episode(
        EpisodeDraft(consent_to_hold=AGREED, person_id=person.id, referral_date=TODAY)
    )
    people.save_conversation(
        ConversationDraft(episode_id=episode.id, at=dt.datetime(2026, 11, 20, 9))
    )
    plans.save_goal(GoalDraft(episode_id=episode.id, words="Walk by the canal"))
    plans.save_referral(AssetReferralDraft(episode_id=episode.id, asset_id=walk.id))
    for table in ("person", "episode", "conversation", "goal", "asset_referral"):
        assert table in recorder.tables(), table

    # A statement-level write (the draft upsert) is recorded too.
    DraftService(units).save("note:1", "A note", {"text": "typed"})
    assert recorder.last() == (Write("draft", "insert", rows=None),)


def test_listeners_run_inside_the_transaction_and_can_stop_it(db: Database) -> None:
    """A listener that fails (an audit trail that cannot write, say) keeps the change out."""

    def refuse(unit: UnitOfWork, writes: tuple[Write, ...]) -> None:
        raise RuntimeError("the audit trail is unavailable")

    db.write_listeners.append(refuse)
    with pytest.raises(RuntimeError, match="audit trail"):
        DirectoryService(UnitsOfWork(db)).save(AssetDraft(name="Never kept"))
    db.write_listeners.clear()
    assert DirectoryService(UnitsOfWork(db)).search().total == 0


def test_reading_never_reaches_a_listener(db: Database, recorder: Recorder) -> None:
    units = UnitsOfWork(db)
    DirectoryService(units).save(AssetDraft(name="Canal walk"))
    before = len(recorder.commits)
    DirectoryService(units).search()
    PeopleService(units).caseload()
    DraftService(units).pending()
    assert len(recorder.commits) == before


def test_a_read_unit_refuses_every_kind_of_write(db: Database) -> None:
    units = UnitsOfWork(db)
    detail = DirectoryService(units).save(AssetDraft(name="Canal walk"))
    with pytest.raises(ReadOnlyUnit), units.read() as uow:
        asset = uow.assets.load(detail.id)
        assert asset is not None
        asset.name = "Renamed by mistake"
        uow.session.flush()
    with pytest.raises(ReadOnlyUnit), units.read() as uow:
        uow.drafts.discard("anything")
    with pytest.raises(ReadOnlyUnit), units.read() as uow:
        uow.commit()
    assert DirectoryService(units).get(detail.id).draft.name == "Canal walk"


def test_an_error_in_the_block_rolls_everything_back(db: Database, app_paths: AppPaths) -> None:
    units = UnitsOfWork(db)
    with pytest.raises(ValueError, match="part way"), units.write() as uow:
        uow.drafts.keep(
            {"key": "k", "title": "t", "payload": json.dumps({}), "saved_at": dt.datetime.now()}
        )
        raise ValueError("something went wrong part way")
    assert _count(db, "draft") == 0


def test_a_stale_version_names_the_record(db: Database) -> None:
    units = UnitsOfWork(db)
    saved = DirectoryService(units).save(AssetDraft(name="Canal walk"))
    with pytest.raises(errors.ConcurrentEdit) as caught, units.write() as uow:
        asset = uow.assets.load(saved.id)
        assert asset is not None
        # Someone else saves the asset between this unit's read and its write.
        other = outside_engine(db.engine)
        with other.begin() as conn:  # type: ignore[attr-defined]
            conn.exec_driver_sql("UPDATE asset SET version = version + 1")
        other.dispose()  # type: ignore[attr-defined]
        asset.description = "mine"
        uow.flush("“Canal walk”")
    assert caught.value.message.startswith("“Canal walk” was changed by someone else")


def test_a_unit_is_for_one_block(db: Database) -> None:
    unit = UnitsOfWork(db).read()
    with unit:
        pass
    with pytest.raises(RuntimeError, match="one block"), unit:
        pass
    with pytest.raises(RuntimeError, match="with"):
        UnitsOfWork(db).read().session  # noqa: B018


@pytest.mark.sqlite_only(reason="about SQLite's file lock")
def test_a_locked_file_becomes_a_clear_message_at_commit(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commit's own failure is translated by its code, and nothing is half kept."""
    from linkworker.data import database as database_module

    locked = Database(database_module.make_engine(f"sqlite:///{db.path}"), db.path)
    event.listen(
        locked.engine, "connect", lambda conn, _rec: conn.execute("PRAGMA busy_timeout=50")
    )
    with closing(sqlite3.connect(db.path, timeout=0.05)) as other:
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(errors.DatabaseLocked):
                DirectoryService(UnitsOfWork(locked)).save(AssetDraft(name="Blocked"))
        finally:
            other.rollback()
            locked.dispose()


def test_a_printed_plan_is_one_read(db: Database, tmp_path: Path) -> None:
    """The person, their plan and every place in it come from one unit of work, in as many
    statements for six places as for one."""
    units = CountingUnits(db)
    directory = DirectoryService(units, today=lambda: TODAY)
    people = PeopleService(units, today=lambda: TODAY, now=lambda: dt.datetime(2026, 11, 20, 9))
    plans = PlanService(units, today=lambda: TODAY)
    settings = SettingsStore(tmp_path / "settings.json")
    documents = DocumentService(units, settings, today=lambda: TODAY)
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", _keep(statements))

    def print_plan_with(places: int) -> int:
        person = people.save_person(PersonDraft(given_name="Ada", family_name=f"Quill {places}"))
        episode = people.save_episode(
            EpisodeDraft(consent_to_hold=AGREED, person_id=person.id, referral_date=TODAY)
        )
        for n in range(places):
            place = directory.save(AssetDraft(name=f"Group {places}.{n}"))
            plans.save_referral(AssetReferralDraft(episode_id=episode.id, asset_id=place.id))
        units.opened.clear()
        statements.clear()
        assert documents.plan_pdf(person.id).startswith(b"%PDF")
        assert units.opened == ["read"]
        return len(statements)

    assert print_plan_with(1) == print_plan_with(6)


def test_text_writes_are_read_from_their_sql() -> None:
    assert text_write("INSERT INTO asset_search (rowid) VALUES (?)") == ("asset_search", "insert")
    assert text_write("insert or replace into temp.staging values (?)") == ("staging", "insert")
    assert text_write("DELETE FROM asset_search WHERE rowid = ?") == ("asset_search", "delete")
    assert text_write('UPDATE "asset" SET version = version + 1') == ("asset", "update")
    assert text_write("SELECT * FROM asset") is None
    assert text_write("PRAGMA foreign_keys") is None


def test_a_session_without_a_unit_is_not_watched(db: Database) -> None:
    """Migrations and maintenance use plain connections; only units record writes."""
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO category (id, name) VALUES (:id, 'Plain')"),
            {"id": uuid.UUID(int=7).hex if db.is_sqlite else uuid.UUID(int=7)},
        )
    assert _count(db, "category") == 1


class CountingUnits(UnitsOfWork):
    """Units of work that note each one opened, read or write."""

    def __init__(self, database: Database) -> None:
        super().__init__(database)
        self.opened: list[str] = []

    def read(self) -> UnitOfWork:
        self.opened.append("read")
        return super().read()

    def write(self) -> UnitOfWork:
        self.opened.append("write")
        return super().write()


def _keep(into: list[str]) -> Any:
    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        into.append(statement)

    return before


def _fields(draft: AssetDraft) -> dict[str, Any]:
    return {f: getattr(draft, f) for f in draft.__dataclass_fields__}


def test_events_reach_the_sink_in_write_and_read_units(tmp_path: Path) -> None:
    db = open_database(tmp_path / "lw.db", tmp_path / "backups")
    seen: list[tuple[bool, tuple[str, ...]]] = []
    db.event_sink = lambda unit, events: seen.append(
        (unit.read_only, tuple(e.action for e in events))
    )
    units = UnitsOfWork(db)
    with units.read() as uow:
        uow.note("view", person_id=7, part="story")
    with units.write() as uow:
        uow.note("print", person_id=7, document="plan")
    with pytest.raises(ValueError), units.read() as uow:
        uow.note("view", person_id=8)
        raise ValueError("the reading failed")
    assert seen == [(True, ("view",)), (False, ("print",))]
    db.dispose()


def test_the_actor_is_the_databases(tmp_path: Path) -> None:
    db = open_database(tmp_path / "lw.db", tmp_path / "backups")
    units = UnitsOfWork(db)
    assert not units.actor.signed_in and units.actor.machine
    units.actor = Actor(worker_id=3, worker_name="Sam Example", machine="laptop-1")
    with units.read() as uow:
        assert uow.actor.worker_name == "Sam Example"
    db.dispose()
