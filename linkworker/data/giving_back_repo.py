"""Reading and writing helper roles (``giving_back``, see models_giving_back.py).

Rows never leave the data layer: callers get :class:`GivingBack` values.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from linkworker.data.models_giving_back import GivingBackRow
from linkworker.data.unit_of_work import Repository
from linkworker.domain.closing import GivingBack, GivingBackDraft, HelperRole


def to_giving_back(row: GivingBackRow) -> GivingBack:
    """The value type of one row."""
    return GivingBack(
        id=row.id,
        person_id=row.person_id,
        episode_id=row.episode_id,
        draft=GivingBackDraft(
            role=HelperRole(row.role),
            on=row.started_on,
            asset_id=row.asset_id,
            place_name=row.place_name,
        ),
        recorded_by=row.recorded_by,
    )


class GivingBackRepository(Repository):
    """A person's helper roles."""

    def add(
        self,
        person_id: uuid.UUID,
        episode_id: uuid.UUID | None,
        draft: GivingBackDraft,
        recorded_by: str,
    ) -> GivingBack:
        """Keep a new role (its place name as given, trimmed)."""
        row = GivingBackRow(
            id=uuid.uuid4(),
            person_id=person_id,
            episode_id=episode_id,
            role=draft.role.value,
            asset_id=draft.asset_id,
            place_name=draft.place_name.strip(),
            started_on=draft.on,
            recorded_by=recorded_by,
        )
        self._session.add(row)
        self._session.flush()
        return to_giving_back(row)

    def of_person(self, person_id: uuid.UUID) -> list[GivingBack]:
        """The person's roles in the order they began."""
        rows = self._session.scalars(
            select(GivingBackRow)
            .where(GivingBackRow.person_id == person_id)
            .order_by(GivingBackRow.started_on, GivingBackRow.created_at)
        )
        return [to_giving_back(r) for r in rows]
