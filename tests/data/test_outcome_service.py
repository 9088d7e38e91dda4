"""Outcome measures through the real services on a real SQLite file: kept and read back by
referral and timepoint with change, refused when wrong, never kept as values in the audit
trail, and removed by erasure."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from linkworker import errors
from linkworker.domain.actor import Actor
from linkworker.domain.audit import AuditFilter
from linkworker.domain.outcomes import DECLINED, NOT_ASKED, Measure, OutcomeRecord, Timepoint
from linkworker.domain.people import ClosingReason, EpisodeStatus
from linkworker.services.context import Services
from linkworker.services.people import InvalidPerson
from tests.data.people_helpers import TODAY, add_episode, add_person

BASE = TODAY - dt.timedelta(days=20)


def _taken(
    person: uuid.UUID,
    episode: uuid.UUID,
    measure: Measure,
    timepoint: Timepoint,
    on: dt.date,
    *answers: int | str,
) -> OutcomeRecord:
    return OutcomeRecord(person, episode, measure, timepoint, on, tuple(answers))


@pytest.fixture
def person(services: Services) -> tuple[uuid.UUID, uuid.UUID]:
    services.units.actor = Actor(worker_id=uuid.UUID(int=5), worker_name="Sam Link")
    person_id = add_person(services.people, "Nia", "Quarry")
    return person_id, add_episode(services.people, person_id, status=EpisodeStatus.ACTIVE)


def test_measures_come_back_by_timepoint_with_change_in_words(
    services: Services, person: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person_id, episode_id = person
    review = BASE + dt.timedelta(days=14)
    services.outcomes.record(
        _taken(person_id, episode_id, Measure.ONS4, Timepoint.REVIEW, review, 6, 7, DECLINED, 4)
    )
    kept = services.outcomes.record(
        _taken(person_id, episode_id, Measure.ONS4, Timepoint.BASELINE, BASE, 3, NOT_ASKED, 5, 7)
    )
    assert kept.recorded_by == "Sam Link" and kept.id is not None

    (episode,) = services.outcomes.for_person(person_id)
    assert [m.timepoint for m in episode.measures] == [Timepoint.BASELINE, Timepoint.REVIEW]
    assert episode.measures[0].answers == (3, NOT_ASKED, 5, 7)
    (change,) = episode.changes
    assert change.lines == (
        "Life satisfaction: 3 (low) → 6 (medium)",
        "Worthwhile: not asked → 7 (high)",
        "Happiness: 5 (medium) → declined",
        "Anxiety: 7 (high) → 4 (medium), better",
    )


def test_wrong_measures_are_refused_and_nothing_is_kept(
    services: Services, person: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person_id, episode_id = person
    services.outcomes.record(
        _taken(person_id, episode_id, Measure.UCLA3, Timepoint.BASELINE, BASE, 3, 3, 2)
    )
    wrong = [
        _taken(person_id, episode_id, Measure.ONS4, Timepoint.BASELINE, BASE, 11, 5, 5, 5),
        _taken(person_id, episode_id, Measure.UCLA3, Timepoint.REVIEW, BASE - dt.timedelta(1)),
        _taken(person_id, episode_id, Measure.LONELY, Timepoint.CLOSING, BASE, "Never"),
    ]
    messages = []
    for record in wrong:
        with pytest.raises(InvalidPerson) as refused:
            services.outcomes.record(record)
        messages.append(refused.value.message)
    assert messages[0].startswith("The outcome measure could not be saved: ")
    assert "must be 0 to 10" in messages[0]
    assert "dated before the baseline" in messages[1]
    assert "still open" in messages[2]
    (episode,) = services.outcomes.for_person(person_id)
    assert len(episode.measures) == 1


def test_a_closing_measure_is_kept_once_the_referral_is_closed(
    services: Services, person: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person_id, episode_id = person
    services.outcomes.record(
        _taken(person_id, episode_id, Measure.CONNECTION, Timepoint.REVIEW, BASE, "No", "Partly")
    )
    detail = services.people.get_person(person_id).episodes[0]
    closed = dataclasses.replace(
        detail.draft,
        status=EpisodeStatus.CLOSED,
        closed_on=TODAY,
        closing_reason=ClosingReason.GOALS_MET,
        id=episode_id,
        version=detail.version,
    )
    services.people.save_episode(closed)
    services.outcomes.record(
        _taken(person_id, episode_id, Measure.CONNECTION, Timepoint.CLOSING, TODAY, "Yes", "Yes")
    )
    (episode,) = services.outcomes.for_person(person_id)
    assert episode.closed
    assert episode.changes[0].lines[0] == "Better informed: No → Yes"


def test_a_measure_for_someone_elses_referral_is_refused(
    services: Services, person: tuple[uuid.UUID, uuid.UUID]
) -> None:
    _person_id, episode_id = person
    other = add_person(services.people, "Idris", "Vane")
    with pytest.raises(errors.NotFound):
        services.outcomes.record(
            _taken(other, episode_id, Measure.LONELY, Timepoint.BASELINE, BASE, "Never")
        )


def test_the_audit_trail_says_a_measure_was_taken_but_keeps_no_score(
    services: Services, person: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person_id, episode_id = person
    record = dataclasses.replace(
        _taken(person_id, episode_id, Measure.OTHER, Timepoint.BASELINE, BASE),
        name="SWEMWBS",
        score="23.21",
        notes="Felt brighter after the walk",
    )
    first = services.outcomes.record(record)
    second = services.outcomes.record(
        _taken(person_id, episode_id, Measure.ONS4, Timepoint.BASELINE, BASE, 9, 8, 7, 6)
    )
    entries = services.audit.page(AuditFilter(person_id=str(person_id)), limit=100)
    created = [e for e in entries if e.subject == "outcome_measure"]
    assert len(created) == 2 and {e.action for e in created} == {"create"}
    whole = " ".join(e.detail for e in created)
    for secret in ("23.21", "brighter", "SWEMWBS", "[9,8,7,6]", "[9, 8, 7, 6]", "Sam Link"):
        assert secret not in whole
    assert {e.record_key for e in created} == {str(first.id), str(second.id)}


def test_erasure_removes_the_measures_and_subject_access_shows_them(
    services: Services, person: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person_id, episode_id = person
    services.outcomes.record(
        _taken(person_id, episode_id, Measure.ONS4, Timepoint.BASELINE, BASE, 3, DECLINED, 5, 7)
    )
    report = services.rights.subject_access(person_id)
    (section,) = [s for s in report.sections if s.title == "How you said things were going"]
    facts = dict(section.items[0].facts)
    assert facts["Life satisfaction"] == "3 (low)" and facts["Worthwhile"] == "declined"
    taken = report.data["outcome_measures"]
    assert taken[0]["measure"] == {"code": "ons4", "term": "ONS4 personal wellbeing"}
    assert taken[0]["answers"] == [3, "declined", 5, 7]
    assert "Anxiety: 7 (high)" in taken[0]["in_words"]

    removed = services.rights.erase(person_id, "request")
    assert removed["outcome_measure"] == 1
    with services.units.read() as uow:
        assert uow.outcomes.of_person(person_id) == []


def test_many_measures_are_kept_in_one_go_each_checked_against_the_ones_before(
    services: Services, person: tuple[uuid.UUID, uuid.UUID]
) -> None:
    person_id, episode_id = person
    review = BASE + dt.timedelta(days=30)
    kept = services.outcomes.record_many(
        [
            _taken(person_id, episode_id, Measure.UCLA3, Timepoint.REVIEW, review, 2, 2, 1),
            _taken(person_id, episode_id, Measure.UCLA3, Timepoint.BASELINE, BASE, 3, 3, 2),
        ]
    )
    assert kept == 2
    (episode,) = services.outcomes.for_person(person_id)
    assert [m.timepoint for m in episode.measures] == [Timepoint.BASELINE, Timepoint.REVIEW]
    assert {m.recorded_by for m in episode.measures} == {"Sam Link"}

    later = review + dt.timedelta(days=5)
    with pytest.raises(InvalidPerson):
        services.outcomes.record_many(
            [
                _taken(person_id, episode_id, Measure.ONS4, Timepoint.BASELINE, BASE, 5, 5, 5, 5),
                # A baseline after the review above: refused, and nothing of this go is kept.
                _taken(person_id, episode_id, Measure.UCLA3, Timepoint.BASELINE, later, 3, 3, 3),
            ]
        )
    (episode,) = services.outcomes.for_person(person_id)
    assert len(episode.measures) == 2
