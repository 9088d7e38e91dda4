"""Risk flags on a person: raised, and removed (never deleted)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection

from sqlalchemy import select

from linkworker.data.models import PersonFlag
from linkworker.data.unit_of_work import Repository
from linkworker.domain.journey import RiskFlag, RiskFlagKind


def to_risk_flag(row: PersonFlag) -> RiskFlag:
    return RiskFlag(
        id=row.id,
        person_id=row.person_id,
        kind=RiskFlagKind(row.kind),
        note=row.note,
        raised_by=row.raised_by,
        raised_on=row.raised_on,
        removed_on=row.removed_on,
        removed_by=row.removed_by,
    )


class FlagRepository(Repository):
    """Risk flags on a person: raised, and removed (never deleted)."""

    def raise_flag(
        self, person_id: uuid.UUID, kind: RiskFlagKind, note: str, raised_by: str, on: dt.date
    ) -> RiskFlag:
        row = PersonFlag(
            id=uuid.uuid4(),
            person_id=person_id,
            kind=kind.value,
            note=note.strip(),
            raised_by=" ".join(raised_by.split()),
            raised_on=on,
            removed_on=None,
            removed_by="",
        )
        self._session.add(row)
        self.unit.flush("This flag")
        return to_risk_flag(row)

    def get(self, flag_id: uuid.UUID) -> PersonFlag | None:
        return self._session.get(PersonFlag, flag_id)

    def remove(self, row: PersonFlag, removed_by: str, on: dt.date) -> RiskFlag:
        """Mark a flag removed on ``on`` by ``removed_by``; it stays in the history."""
        row.removed_on = on
        row.removed_by = " ".join(removed_by.split())
        self.unit.flush("This flag")
        return to_risk_flag(row)

    def current(self, person_id: uuid.UUID) -> tuple[RiskFlag, ...]:
        """The person's risk flags still in force, oldest first."""
        rows = self._session.scalars(
            select(PersonFlag)
            .where(PersonFlag.person_id == person_id, PersonFlag.removed_on.is_(None))
            .order_by(PersonFlag.raised_on, PersonFlag.created_at)
        ).all()
        return tuple(to_risk_flag(row) for row in rows)

    def current_kinds(
        self, person_ids: Collection[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[RiskFlagKind, ...]]:
        """The kinds of flag in force for each of these people (those with any), in one read."""
        found: dict[uuid.UUID, list[RiskFlagKind]] = {}
        ids = list(set(person_ids))
        for start in range(0, len(ids), 500):
            rows = self._session.execute(
                select(PersonFlag.person_id, PersonFlag.kind)
                .where(
                    PersonFlag.person_id.in_(ids[start : start + 500]),
                    PersonFlag.removed_on.is_(None),
                )
                .order_by(PersonFlag.raised_on, PersonFlag.created_at)
            ).all()
            for person_id, kind in rows:
                kinds = found.setdefault(person_id, [])
                if RiskFlagKind(kind) not in kinds:
                    kinds.append(RiskFlagKind(kind))
        return {person_id: tuple(kinds) for person_id, kinds in found.items()}

    def history(self, person_id: uuid.UUID) -> tuple[RiskFlag, ...]:
        """Every flag the person has carried, current and removed, oldest first."""
        rows = self._session.scalars(
            select(PersonFlag)
            .where(PersonFlag.person_id == person_id)
            .order_by(PersonFlag.raised_on, PersonFlag.created_at)
        ).all()
        return tuple(to_risk_flag(row) for row in rows)
