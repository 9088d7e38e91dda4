"""Migration 0007 reads what was already recorded and invents nothing: an episode's first
contact is the day of its earliest conversation; a crisis plan's check-back day is copied
out of its JSON; an episode with no conversations is left without a first contact."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

from linkworker.data.database import open_database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.people import (
    ConversationDraft,
    ConversationType,
    CrisisPlan,
    EpisodeDraft,
    PersonDraft,
)
from linkworker.services.people import PeopleService
from tests.data.people_helpers import AGREED
from tests.data.test_migrations import _downgrade

TODAY = dt.date(2026, 6, 15)
NOW = dt.datetime(2026, 6, 15, 16, 30)


def _people(path: Path, backups: Path) -> PeopleService:
    """People over the file, migrated to the head as the app opens it."""
    return PeopleService(UnitsOfWork(open_database(path, backups)), lambda: TODAY, lambda: NOW)


def _close(people: PeopleService) -> None:
    people._units.database.dispose()


def test_first_contacts_and_check_backs_are_read_from_what_was_recorded(tmp_path: Path) -> None:
    path, backups = tmp_path / "db.sqlite3", tmp_path / "backups"
    people = _people(path, backups)
    person = people.save_person(PersonDraft(given_name="Arthur", family_name="Jenkins")).id
    seen, crisis, untouched = (
        people.save_episode(
            EpisodeDraft(
                consent_to_hold=AGREED,
                person_id=person,
                referral_date=TODAY - dt.timedelta(days=days),
            )
        ).id
        for days in (90, 40, 10)
    )
    people.save_conversation(ConversationDraft(episode_id=seen, at=NOW - dt.timedelta(days=60)))
    people.save_conversation(
        ConversationDraft(
            episode_id=crisis,
            at=NOW - dt.timedelta(days=3),
            kind=ConversationType.CRISIS,
            crisis=CrisisPlan(must_change="Heating", check_back_on=TODAY - dt.timedelta(days=1)),
        )
    )
    _close(people)
    _downgrade(path, "0006_when_words")  # as the older version left it: no such columns

    with closing(sqlite3.connect(path)) as conn:
        (columns,) = conn.execute("SELECT group_concat(name) FROM pragma_table_info('episode')")
        assert "first_contact_on" not in columns[0]
        # An earlier conversation typed in later, straight into the older file.
        row = conn.execute(
            "SELECT * FROM conversation WHERE episode_id = ?", (seen.hex,)
        ).fetchone()
        names = [d[1] for d in conn.execute("PRAGMA table_info('conversation')")]
        values = dict(zip(names, row, strict=True))
        values.update(id=uuid.uuid4().hex, at="2026-03-20 10:00:00.000000")
        conn.execute(
            f"INSERT INTO conversation ({', '.join(values)}) "
            f"VALUES ({', '.join('?' for _ in values)})",
            list(values.values()),
        )
        plan = {"must_change": "Heating", "steps": [], "check_back_on": "2026-06-17"}
        conn.execute(
            "UPDATE conversation SET crisis = ? WHERE episode_id = ?",
            (json.dumps(plan), crisis.hex),
        )
        conn.commit()

    people = _people(path, backups)  # opening migrates to the head again
    episodes = {e.id: e.draft for e in people.get_person(person).episodes}
    assert episodes[seen].first_contact_on == dt.date(2026, 3, 20)  # the earliest
    assert episodes[crisis].first_contact_on == TODAY - dt.timedelta(days=3)
    assert episodes[untouched].first_contact_on is None
    assert all(e.response is None for e in episodes.values())  # no answer made up
    talks = people.get_person(person).conversations
    (crisis_talk,) = [c for c in talks if c.draft.episode_id == crisis]
    assert crisis_talk.draft.crisis is not None
    assert crisis_talk.draft.crisis.check_back_on == dt.date(2026, 6, 17)
    _close(people)
    with closing(sqlite3.connect(path)) as conn:
        stored = dict(conn.execute("SELECT episode_id, check_back_on FROM conversation"))
    assert stored[crisis.hex] == "2026-06-17"
    assert stored[seen.hex] is None
