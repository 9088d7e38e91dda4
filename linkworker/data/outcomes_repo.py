"""Reading and writing outcome measures (``outcome_measure``, see models_outcomes.py).

Rows never leave the data layer: callers get :class:`OutcomeRecord` values.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select

from linkworker.data.models_outcomes import OutcomeMeasureRow
from linkworker.data.unit_of_work import Repository
from linkworker.domain.outcomes import Answer, Measure, OutcomeRecord, Timepoint


def to_record(row: OutcomeMeasureRow) -> OutcomeRecord:
    """The value type of one row."""
    return OutcomeRecord(
        person_id=row.person_id,
        episode_id=row.episode_id,
        measure=Measure(row.measure),
        timepoint=Timepoint(row.timepoint),
        taken_on=row.taken_on,
        answers=_answers(row.answers),
        name=row.name,
        score=row.score,
        notes=row.notes,
        recorded_by=row.recorded_by,
        id=row.id,
    )


def _answers(text: str) -> tuple[Answer, ...]:
    try:
        found: Any = json.loads(text or "[]")
    except ValueError:
        return ()
    if not isinstance(found, list):
        return ()
    return tuple(a for a in found if isinstance(a, int | str) and not isinstance(a, bool))


class OutcomesRepository(Repository):
    """Outcome measures by person and by referral."""

    def add(self, record: OutcomeRecord) -> uuid.UUID:
        """Keep a new measure; its id."""
        row = OutcomeMeasureRow(
            id=record.id or uuid.uuid4(),
            person_id=record.person_id,
            episode_id=record.episode_id,
            measure=record.measure.value,
            timepoint=record.timepoint.value,
            taken_on=record.taken_on,
            answers=json.dumps(list(record.answers), ensure_ascii=False),
            name=record.name,
            score=record.score,
            notes=record.notes,
            recorded_by=record.recorded_by,
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def of_person(self, person_id: uuid.UUID) -> list[OutcomeRecord]:
        """The person's measures in the order taken."""
        rows = self._session.scalars(
            select(OutcomeMeasureRow)
            .where(OutcomeMeasureRow.person_id == person_id)
            .order_by(OutcomeMeasureRow.taken_on, OutcomeMeasureRow.created_at)
        )
        return [to_record(r) for r in rows]

    def of_episode(self, episode_id: uuid.UUID) -> list[OutcomeRecord]:
        """The measures taken within one referral, in the order taken."""
        rows = self._session.scalars(
            select(OutcomeMeasureRow)
            .where(OutcomeMeasureRow.episode_id == episode_id)
            .order_by(OutcomeMeasureRow.taken_on, OutcomeMeasureRow.created_at)
        )
        return [to_record(r) for r in rows]
