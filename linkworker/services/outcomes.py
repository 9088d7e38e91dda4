"""Outcome measures: recording one, correcting or removing one taken wrongly, a person's
measures by referral and timepoint, and the blank paper forms.

The rules (what may be kept, bands, change in words) are in domain/outcomes.py; this
service checks a measure against the referral it belongs to before keeping it. Every
write goes through a unit of work, so the audit trail notes it (never the answers).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Sequence

from linkworker import errors
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain.keeping import Beyond
from linkworker.domain.outcomes import EpisodeOutcomes, Measure, OutcomeRecord, episode_outcomes
from linkworker.domain.outcomes import record_problems as outcome_problems
from linkworker.domain.people import EpisodeStatus
from linkworker.domain.validation import FieldError
from linkworker.printing.snapshots import PrintOptions
from linkworker.services.keeping import require_consent_to_hold
from linkworker.services.people import InvalidPerson

WHAT = "outcome measure"


class OutcomeService:
    """Record outcome measures and read them back with their change."""

    def __init__(self, units: UnitsOfWork) -> None:
        self._units = units

    def record(self, measure: OutcomeRecord) -> OutcomeRecord:
        """Keep ``measure``; InvalidPerson says in plain words what is wrong with it.

        ``recorded_by`` is the signed-in worker when it is not given.
        """
        with self._units.write() as uow:
            return self._keep(uow, measure)

    def record_many(self, measures: Sequence[OutcomeRecord]) -> int:
        """Keep every one of ``measures``, oldest first, in one write: all, or none.

        Each is checked as :meth:`record` checks it, against those kept before it.
        """
        with self._units.write() as uow:
            for measure in sorted(measures, key=lambda m: m.taken_on):
                self._keep(uow, measure)
        return len(measures)

    def _keep(self, uow: UnitOfWork, measure: OutcomeRecord) -> OutcomeRecord:
        recorded_by = measure.recorded_by.strip() or self._units.actor.worker_name
        self._check(uow, measure)
        kept = dataclasses.replace(measure, recorded_by=recorded_by, id=uuid.uuid4())
        uow.outcomes.add(kept)
        return kept

    def update(self, measure: OutcomeRecord) -> OutcomeRecord:
        """Correct a measure entered wrongly (``measure.id`` says which), checked as when kept.

        InvalidPerson says what is wrong; NotFound when it has been removed meanwhile.
        """
        with self._units.write() as uow:
            stored = uow.outcomes.get(measure.id) if measure.id is not None else None
            if stored is None or stored.person_id != measure.person_id:
                raise _measure_gone()
            corrected = dataclasses.replace(
                measure, recorded_by=measure.recorded_by.strip() or stored.recorded_by
            )
            self._check(uow, corrected)
            uow.outcomes.update(corrected)
            return corrected

    def remove(self, measure_id: uuid.UUID) -> OutcomeRecord:
        """Remove a measure taken wrongly (or recorded twice); what was removed."""
        with self._units.write() as uow:
            stored = uow.outcomes.get(measure_id)
            if stored is None or not uow.outcomes.remove(measure_id):
                raise _measure_gone()
            return stored

    @staticmethod
    def _check(uow: UnitOfWork, measure: OutcomeRecord) -> None:
        """Refuse a measure that is not for this person's referral or breaks a rule."""
        episode = uow.people.episode(measure.episode_id)
        if episode is None or episode.person_id != measure.person_id:
            raise errors.NotFound(
                "That referral is not on this person's record.",
                "Reopen the person's record and choose one of their referrals.",
            )
        require_consent_to_hold(episode, Beyond.MEASURE)
        closed = episode.status == EpisodeStatus.CLOSED.value
        problems = outcome_problems(measure, closed, uow.outcomes.of_episode(episode.id))
        if problems:
            raise InvalidPerson([FieldError("answers", p) for p in problems], what=WHAT)

    def for_person(self, person_id: uuid.UUID) -> list[EpisodeOutcomes]:
        """The person's measures by referral (newest referral first), by timepoint, with change."""
        with self._units.read() as uow:
            person = uow.people.detail(person_id)
            if person is None:
                raise errors.person_gone()
            taken = uow.outcomes.of_person(person_id)
        return [
            episode_outcomes(
                e.id,
                e.draft.referral_date,
                not e.is_open,
                [r for r in taken if r.episode_id == e.id],
            )
            for e in person.episodes
        ]

    @staticmethod
    def blank_forms(
        measures: Sequence[Measure], options: PrintOptions, today: dt.date | None = None
    ) -> bytes:
        """Blank paper forms, one page per measure, as PDF bytes (nothing about anyone)."""
        from linkworker.printing.measure_forms import render_measure_forms

        return render_measure_forms(measures, options, today or dt.date.today())


def _measure_gone() -> errors.NotFound:
    return errors.NotFound(
        "That measure is no longer on the record: it may have been removed.",
        "Reopen the person's Outcomes tab to see what is kept.",
    )
