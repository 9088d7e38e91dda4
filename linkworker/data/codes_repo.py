"""Coded events for the GP record: kept in step with their episode, listed, ticked off."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection

from sqlalchemy import select

from linkworker.data.models import Episode, Person
from linkworker.data.models_codes import CodedEventRow
from linkworker.data.unit_of_work import Repository
from linkworker.domain.codes import CodedEvent, EpisodeFacts, SnomedCode, coded_events
from linkworker.domain.journey import ReferralResponse


def to_coded_event(row: CodedEventRow) -> CodedEvent:
    return CodedEvent(
        id=row.id,
        episode_id=row.episode_id,
        person_id=row.person_id,
        code=SnomedCode(row.code),
        on=row.on,
        recorded_by=row.recorded_by,
        entered_on=row.entered_on,
    )


def facts_of(episode: Episode) -> EpisodeFacts:
    """What the rules need of a stored episode."""
    return EpisodeFacts(
        response=ReferralResponse(episode.response) if episode.response else None,
        responded_on=episode.responded_on,
        first_contact_on=episode.first_contact_on,
    )


class CodesRepository(Repository):
    """The coded events of each episode, one per code."""

    def sync(self, episode: Episode, recorded_by: str) -> None:
        """Make the episode's coded events what the rules say now; safe to call again.

        A missing one is added, one whose day changed moves (and, if it had been
        entered into the GP system, is marked to enter again), one no longer
        true is removed. Nothing is written when nothing changed.
        """
        wanted = coded_events(facts_of(episode))
        stored = {
            SnomedCode(row.code): row
            for row in self._session.scalars(
                select(CodedEventRow).where(CodedEventRow.episode_id == episode.id)
            )
        }
        for code, row in stored.items():
            if code not in wanted:
                self._session.delete(row)
            elif row.on != wanted[code]:
                row.on = wanted[code]
                row.entered_on = None
        by = " ".join(recorded_by.split())
        for code, on in wanted.items():
            if code not in stored:
                self._session.add(
                    CodedEventRow(
                        id=uuid.uuid4(),
                        episode_id=episode.id,
                        person_id=episode.person_id,
                        code=code.value,
                        term=code.term,
                        on=on,
                        recorded_by=by,
                        entered_on=None,
                    )
                )
        self.unit.flush("This referral")

    def of_person(self, person_id: uuid.UUID) -> tuple[CodedEvent, ...]:
        """The person's coded events, newest first."""
        rows = self._session.scalars(
            select(CodedEventRow)
            .where(CodedEventRow.person_id == person_id)
            .order_by(CodedEventRow.on.desc(), CodedEventRow.created_at.desc(), CodedEventRow.code)
        )
        return tuple(to_coded_event(r) for r in rows)

    def between(self, start: dt.date, end: dt.date) -> tuple[tuple[CodedEvent, str], ...]:
        """Every coded event from ``start`` to ``end`` (both included), oldest first,
        each with its person's NHS number ("" when not known)."""
        rows = self._session.execute(
            select(CodedEventRow, Person.nhs_number)
            .join(Person, Person.id == CodedEventRow.person_id)
            .where(CodedEventRow.on >= start, CodedEventRow.on <= end)
            .order_by(CodedEventRow.on, Person.nhs_number, CodedEventRow.code)
        ).all()
        return tuple((to_coded_event(row), nhs or "") for row, nhs in rows)

    def mark_entered(self, ids: Collection[uuid.UUID], on: dt.date | None) -> int:
        """Mark coded events as entered into the GP system on ``on`` (None: not entered
        after all); returns how many."""
        if not ids:
            return 0
        # Row by row through the session, so each change reaches the audit trail.
        rows = self._session.scalars(
            select(CodedEventRow).where(CodedEventRow.id.in_(list(ids)))
        ).all()
        for row in rows:
            row.entered_on = on
        return len(rows)
