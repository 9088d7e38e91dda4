"""Workers who sign in: added, found by name, their secret's hash changed, archived."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from linkworker.data.models_access import WorkerRow
from linkworker.data.unit_of_work import Repository
from linkworker.domain.permissions import role_of
from linkworker.domain.workers import Role, Worker


def to_worker(row: WorkerRow) -> Worker:
    return Worker(
        id=row.id,
        display_name=row.display_name,
        role=role_of(row.role),
        created_at=row.created_at,
        last_signed_in_at=row.last_signed_in_at,
        archived_at=row.archived_at,
    )


class WorkerRepository(Repository):
    """The ``worker`` table. Rows are archived, never deleted: the record says who did what."""

    def add(self, display_name: str, name_key: str, secret_hash: str, role: Role) -> Worker:
        row = WorkerRow(
            id=uuid.uuid4(),
            display_name=display_name,
            name_key=name_key,
            secret_hash=secret_hash,
            role=role,
            last_signed_in_at=None,
            archived_at=None,
        )
        self._session.add(row)
        self.unit.flush("This worker")
        return to_worker(row)

    def get(self, worker_id: uuid.UUID) -> WorkerRow | None:
        return self._session.get(WorkerRow, worker_id)

    def by_key(self, name_key: str) -> WorkerRow | None:
        """The worker (archived or not) whose folded name is ``name_key``."""
        return self._session.scalars(
            select(WorkerRow).where(WorkerRow.name_key == name_key)
        ).first()

    def listed(self, *, archived: bool = False) -> tuple[Worker, ...]:
        """Workers by name; those who have left only when ``archived`` is asked for."""
        query = select(WorkerRow).order_by(WorkerRow.name_key)
        if not archived:
            query = query.where(WorkerRow.archived_at.is_(None))
        return tuple(to_worker(row) for row in self._session.scalars(query))

    def any_active(self) -> bool:
        """True when at least one worker can sign in."""
        found = self._session.scalars(
            select(WorkerRow.id).where(WorkerRow.archived_at.is_(None)).limit(1)
        ).first()
        return found is not None

    def a_team(self) -> bool:
        """True when more than one worker can sign in: a team, not one person's laptop."""
        found = self._session.scalars(
            select(WorkerRow.id).where(WorkerRow.archived_at.is_(None)).limit(2)
        ).all()
        return len(found) > 1

    def signed_in(self, row: WorkerRow, at: dt.datetime) -> None:
        row.last_signed_in_at = at
        self.unit.flush("This worker")

    def set_secret(self, row: WorkerRow, secret_hash: str) -> None:
        row.secret_hash = secret_hash
        self.unit.flush("This worker")

    def set_role(self, row: WorkerRow, role: Role) -> Worker:
        row.role = role
        self.unit.flush("This worker")
        return to_worker(row)

    def archive(self, row: WorkerRow, at: dt.datetime) -> Worker:
        row.archived_at = at
        self.unit.flush("This worker")
        return to_worker(row)
