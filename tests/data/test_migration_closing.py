"""Migration 0013 adds the closing story and helper roles and keeps what was recorded:
a referral closed before it keeps its reason and note, with no story and no answer."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from linkworker.data.database import open_database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.closing import Story
from linkworker.domain.people import ClosingReason, EpisodeDraft, EpisodeStatus, PersonDraft
from linkworker.services.people import PeopleService
from tests.data.people_helpers import AGREED
from tests.data.test_migrations import _downgrade, _tables

TODAY = dt.date(2026, 6, 15)
NOW = dt.datetime(2026, 6, 15, 16, 30)


def _people(path: Path, backups: Path) -> PeopleService:
    return PeopleService(UnitsOfWork(open_database(path, backups)), lambda: TODAY, lambda: NOW)


def test_upgrading_from_0012_keeps_every_closed_referral_as_it_was(tmp_path: Path) -> None:
    path, backups = tmp_path / "db.sqlite3", tmp_path / "backups"
    people = _people(path, backups)
    person = people.save_person(PersonDraft(given_name="Arthur", family_name="Jenkins")).id
    closed = people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person,
            referral_date=TODAY - dt.timedelta(days=90),
            status=EpisodeStatus.CLOSED,
            closed_on=TODAY - dt.timedelta(days=5),
            closing_reason=ClosingReason.DISENGAGED,
            closing_note="No answer to three calls",
        )
    ).id
    people._units.database.dispose()
    _downgrade(path, "0012_coded_events")
    with closing(sqlite3.connect(path)) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info('episode')")}
    assert "story" not in columns and "giving_back" not in _tables(path)

    people = _people(path, backups)  # opened as the app opens it: migrated to the head
    try:
        assert "giving_back" in _tables(path)
        detail = people.get_person(person)
        (episode,) = detail.episodes
        assert episode.id == closed
        assert episode.draft.closing_reason is ClosingReason.DISENGAGED
        assert episode.draft.closing_note == "No answer to three calls"
        assert episode.draft.story == Story()
        assert detail.giving_back == ()
    finally:
        people._units.database.dispose()
