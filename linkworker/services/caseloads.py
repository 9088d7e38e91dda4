"""Caseloads across a team: who holds whom, and a manager handing people over.

Only a manager may hand over (:mod:`linkworker.domain.permissions`). Each person
handed over has their open referrals (and the one they are in now) given to the new
link worker, so their record and the People table say who holds them now; the
hand-over and its note are kept on their record, and the audit trail notes it
(without the note) with the manager's name.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from linkworker import errors
from linkworker.data.access_guard import require, require_person
from linkworker.data.models import utcnow
from linkworker.data.models_access import WorkerRow
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain.handover import NOTE_LIMIT, Handover, HandoverResult
from linkworker.domain.permissions import Permission
from linkworker.domain.workers import name_key
from linkworker.services.workers import WorkerProblem

#: The event a hand-over is noted as in the audit trail.
HANDED_OVER = "hand-over"


class CaseloadService:
    """Hand-overs between link workers, and how many people each one holds."""

    def __init__(self, units: UnitsOfWork) -> None:
        self._units = units

    def holding(self, worker_name: str) -> int:
        """How many people are on ``worker_name``'s caseload now."""
        with self._units.read() as uow:
            require(uow, Permission.EVERY_CASELOAD)
            return len(uow.handovers.held_by(uow.today.worker_spellings(worker_name)))

    def held_by(self, worker_name: str) -> tuple[uuid.UUID, ...]:
        """The people on ``worker_name``'s caseload, by name."""
        with self._units.read() as uow:
            require(uow, Permission.EVERY_CASELOAD)
            return tuple(uow.handovers.held_by(uow.today.worker_spellings(worker_name)))

    def people_of(self, worker_name: str) -> tuple[tuple[uuid.UUID, str], ...]:
        """The people on ``worker_name``'s caseload, (id, name) by name: for choosing whom
        to hand over."""
        with self._units.read() as uow:
            require(uow, Permission.EVERY_CASELOAD)
            spellings = uow.today.worker_spellings(worker_name)
            return uow.handovers.named(uow.handovers.held_by(spellings))

    def history(self, person_id: uuid.UUID) -> tuple[Handover, ...]:
        """The person's hand-overs, newest first (shown with their record, whose opening is
        what the audit trail notes)."""
        with self._units.read() as uow:
            require_person(uow, person_id)
            return uow.handovers.history(person_id)

    def hand_over(
        self,
        from_worker: str,
        to_worker: str,
        people: Sequence[uuid.UUID] | None = None,
        note: str = "",
    ) -> HandoverResult:
        """Hand ``from_worker``'s people (all, or those of ``people`` on their caseload) to
        ``to_worker``, a link worker or manager who can sign in. Only a manager may."""
        note = note.strip()
        if len(note) > NOTE_LIMIT:
            raise WorkerProblem(
                f"A hand-over note can be at most {NOTE_LIMIT} characters.",
                "Shorten it; nothing has been handed over yet.",
            )
        with self._units.write() as uow:
            require(uow, Permission.HAND_OVER)
            giver = _worker_called(uow, from_worker, archived_too=True)
            taker = _worker_called(uow, to_worker, archived_too=False)
            if taker.id == giver.id:
                raise WorkerProblem(
                    "Choose two different people to hand over from and to.",
                    "Nothing has been handed over.",
                )
            spellings = uow.today.worker_spellings(giver.display_name)
            held = uow.handovers.held_by(spellings)
            chosen = held if people is None else [p for p in held if p in set(people)]
            not_theirs = () if people is None else tuple(p for p in people if p not in set(held))
            by = uow.standing.name or uow.actor.worker_name
            for person_id in chosen:
                record = Handover(
                    person_id, giver.display_name, taker.display_name, by, utcnow(), note
                )
                uow.handovers.hand_over(person_id, spellings, record)
                uow.note(
                    HANDED_OVER,
                    person_id=person_id,
                    subject="caseload",
                    from_worker=str(giver.id),
                    to_worker=str(taker.id),
                    with_note=bool(note),
                )
            return HandoverResult(tuple(chosen), not_theirs)


def _worker_called(uow: UnitOfWork, name: str, *, archived_too: bool) -> WorkerRow:
    row = uow.workers.by_key(name_key(name))
    if row is None or (row.archived_at is not None and not archived_too):
        raise errors.NotFound(
            "Nobody of that name can sign in here.",
            "Check the name as it is in Settings, Signing in, Workers.",
        )
    return row
