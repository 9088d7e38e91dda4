"""Hand-overs: whose people a link worker holds, and moving them to another link worker."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import or_, select

from linkworker.data.episode_standing import episode_standings
from linkworker.data.models import Episode, Person, utcnow
from linkworker.data.models_access import HandoverRow
from linkworker.data.unit_of_work import Repository
from linkworker.domain.episodes import current_episode
from linkworker.domain.handover import Handover
from linkworker.domain.names import display_name
from linkworker.domain.today import OPEN_STATUSES


class HandoverRepository(Repository):
    """Who holds whom (the person's link worker), and the record of hand-overs."""

    def held_by(self, spellings: Sequence[str]) -> list[uuid.UUID]:
        """The people whose link worker is written as one of ``spellings``, by name."""
        query = (
            select(Person.id)
            .where(Person.link_worker.in_(list(spellings)))
            .order_by(Person.sort_name, Person.id)
        )
        return list(self._session.scalars(query))

    def named(self, person_ids: Sequence[uuid.UUID]) -> tuple[tuple[uuid.UUID, str], ...]:
        """(id, name as shown) for each of ``person_ids``, in the order given."""
        names: dict[uuid.UUID, str] = {}
        for start in range(0, len(person_ids), 500):
            rows = self._session.execute(
                select(
                    Person.id, Person.given_name, Person.family_name, Person.preferred_name
                ).where(Person.id.in_(person_ids[start : start + 500]))
            )
            names.update({r.id: display_name(r[1], r[2], r[3]) for r in rows})
        return tuple((p, names[p]) for p in person_ids if p in names)

    def hand_over(self, person_id: uuid.UUID, spellings: Sequence[str], record: Handover) -> None:
        """Give the person's open referrals (and the one they are in now) held under
        ``spellings`` to ``record.to_worker``, keep the hand-over, and refresh the summary."""
        current = current_episode(episode_standings(self._session, person_id))
        episodes = self._session.scalars(
            select(Episode).where(
                Episode.person_id == person_id,
                Episode.link_worker.in_(list(spellings)),
                or_(Episode.status.in_(OPEN_STATUSES), Episode.id == current),
            )
        )
        for episode in episodes:
            episode.link_worker = record.to_worker
        self._session.add(
            HandoverRow(
                id=uuid.uuid4(),
                person_id=person_id,
                from_worker=record.from_worker,
                to_worker=record.to_worker,
                handed_by=record.handed_by,
                handed_at=record.handed_at or utcnow(),
                note=record.note,
            )
        )
        self.unit.flush("This referral")
        self.unit.people.refresh_summary(person_id)

    def history(self, person_id: uuid.UUID) -> tuple[Handover, ...]:
        """The person's hand-overs, newest first."""
        rows = self._session.scalars(
            select(HandoverRow)
            .where(HandoverRow.person_id == person_id)
            .order_by(HandoverRow.handed_at.desc(), HandoverRow.id)
        )
        return tuple(
            Handover(r.person_id, r.from_worker, r.to_worker, r.handed_by, r.handed_at, r.note)
            for r in rows
        )
