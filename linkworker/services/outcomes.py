"""Outcome measures: recording one, and a person's measures by referral and timepoint.

The rules (what may be kept, bands, change in words) are in domain/outcomes.py; this
service checks a measure against the referral it belongs to before keeping it.
"""

from __future__ import annotations

import dataclasses
import uuid

from linkworker import errors
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.keeping import Beyond
from linkworker.domain.outcomes import EpisodeOutcomes, OutcomeRecord, episode_outcomes
from linkworker.domain.outcomes import record_problems as outcome_problems
from linkworker.domain.people import EpisodeStatus
from linkworker.domain.validation import FieldError
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
        recorded_by = measure.recorded_by.strip() or self._units.actor.worker_name
        with self._units.write() as uow:
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
            kept = dataclasses.replace(measure, recorded_by=recorded_by, id=uuid.uuid4())
            uow.outcomes.add(kept)
            return kept

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
