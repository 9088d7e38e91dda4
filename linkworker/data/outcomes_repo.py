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


def _fill(row: OutcomeMeasureRow, record: OutcomeRecord) -> None:
    """Copy what a measure says onto its row (the id and the person stay as they are)."""
    row.episode_id = record.episode_id
    row.measure = record.measure.value
    row.timepoint = record.timepoint.value
    row.taken_on = record.taken_on
    row.answers = json.dumps(list(record.answers), ensure_ascii=False)
    row.name = record.name
    row.score = record.score
    row.notes = record.notes
    row.recorded_by = record.recorded_by


class OutcomesRepository(Repository):
    """Outcome measures by person and by referral."""

    def add(self, record: OutcomeRecord) -> uuid.UUID:
        """Keep a new measure; its id."""
        row = OutcomeMeasureRow(id=record.id or uuid.uuid4(), person_id=record.person_id)
        _fill(row, record)
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

    def get(self, measure_id: uuid.UUID) -> OutcomeRecord | None:
        """One measure by its id; None when there is no such measure."""
        row = self._session.get(OutcomeMeasureRow, measure_id)
        return None if row is None else to_record(row)

    def update(self, record: OutcomeRecord) -> bool:
        """Write ``record`` over the measure with its id; False when there is none."""
        row = self._session.get(OutcomeMeasureRow, record.id) if record.id else None
        if row is None:
            return False
        _fill(row, record)
        self._session.flush()
        return True

    def remove(self, measure_id: uuid.UUID) -> bool:
        """Delete one measure; False when there was none."""
        row = self._session.get(OutcomeMeasureRow, measure_id)
        if row is None:
            return False
        self._session.delete(row)
        self._session.flush()
        return True
