"""Correcting and removing a measure entered wrongly, through the real services on a real
SQLite file: checked as when it was kept, refused when wrong with nothing changed, and
noted in the audit trail without its answers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from linkworker import errors
from linkworker.domain.actor import Actor
from linkworker.domain.audit import AuditFilter
from linkworker.domain.outcomes import DECLINED, Measure, OutcomeRecord, Timepoint
from linkworker.domain.people import EpisodeStatus
from linkworker.services.context import Services
from linkworker.services.people import InvalidPerson
from tests.data.people_helpers import TODAY, add_episode, add_person

BASE = TODAY - dt.timedelta(days=20)
REVIEW = BASE + dt.timedelta(days=14)


@pytest.fixture
def taken(services: Services) -> tuple[OutcomeRecord, OutcomeRecord]:
    """A baseline and a review ONS4 for one person's open referral."""
    services.units.actor = Actor(worker_id=uuid.UUID(int=5), worker_name="Sam Link")
    person = add_person(services.people, "Nia", "Quarry")
    episode = add_episode(services.people, person, status=EpisodeStatus.ACTIVE)
    ons4 = Measure.ONS4
    baseline = services.outcomes.record(
        OutcomeRecord(person, episode, ons4, Timepoint.BASELINE, BASE, (3, 4, 5, 7))
    )
    review = services.outcomes.record(
        OutcomeRecord(person, episode, ons4, Timepoint.REVIEW, REVIEW, (6, 6, 6, 4))
    )
    return baseline, review


def _measures(services: Services, person_id: uuid.UUID) -> tuple[OutcomeRecord, ...]:
    (episode,) = services.outcomes.for_person(person_id)
    return episode.measures


def test_a_corrected_measure_replaces_the_one_entered_wrongly(
    services: Services, taken: tuple[OutcomeRecord, OutcomeRecord]
) -> None:
    baseline, review = taken
    fixed = dataclasses.replace(
        review, answers=(6, DECLINED, 7, 3), notes="Walking group helps", recorded_by=""
    )
    kept = services.outcomes.update(fixed)
    assert kept.recorded_by == "Sam Link"  # who took it stays when not given
    measures = _measures(services, baseline.person_id)
    assert [m.id for m in measures] == [baseline.id, review.id]
    assert measures[1].answers == (6, DECLINED, 7, 3)
    assert measures[1].notes == "Walking group helps"
    (change,) = services.outcomes.for_person(baseline.person_id)[0].changes
    assert change.lines[1] == "Worthwhile: 4 (low) → declined"


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"answers": (11, 5, 5, 5)}, "must be 0 to 10"),
        ({"taken_on": BASE - dt.timedelta(days=1)}, "dated before the baseline"),
        ({"timepoint": Timepoint.CLOSING}, "still open"),
    ],
)
def test_a_wrong_correction_is_refused_and_the_measure_stays_as_it_was(
    services: Services,
    taken: tuple[OutcomeRecord, OutcomeRecord],
    change: dict[str, object],
    said: str,
) -> None:
    _baseline, review = taken
    with pytest.raises(InvalidPerson) as refused:
        services.outcomes.update(dataclasses.replace(review, **change))  # type: ignore[arg-type]
    assert said in refused.value.message
    assert _measures(services, review.person_id)[1] == review


def test_a_baseline_corrected_to_after_the_review_is_refused(
    services: Services, taken: tuple[OutcomeRecord, OutcomeRecord]
) -> None:
    baseline, _review = taken
    late = dataclasses.replace(baseline, taken_on=REVIEW + dt.timedelta(days=1))
    with pytest.raises(InvalidPerson) as refused:
        services.outcomes.update(late)
    assert "baseline is dated after a review" in refused.value.message


def test_a_removed_measure_is_gone_and_cannot_be_removed_or_corrected_again(
    services: Services, taken: tuple[OutcomeRecord, OutcomeRecord]
) -> None:
    baseline, review = taken
    removed = services.outcomes.remove(review.id)  # type: ignore[arg-type]
    assert removed == review
    assert [m.id for m in _measures(services, baseline.person_id)] == [baseline.id]
    with pytest.raises(errors.NotFound):
        services.outcomes.remove(review.id)  # type: ignore[arg-type]
    with pytest.raises(errors.NotFound):
        services.outcomes.update(review)


def test_a_measure_cannot_be_corrected_onto_someone_else(
    services: Services, taken: tuple[OutcomeRecord, OutcomeRecord]
) -> None:
    _baseline, review = taken
    other = add_person(services.people, "Idris", "Vane")
    with pytest.raises(errors.NotFound):
        services.outcomes.update(dataclasses.replace(review, person_id=other))
    assert _measures(services, review.person_id)[1] == review


def test_corrections_and_removals_are_audited_without_the_answers(
    services: Services, taken: tuple[OutcomeRecord, OutcomeRecord]
) -> None:
    baseline, review = taken
    services.outcomes.update(
        dataclasses.replace(baseline, answers=(2, 9, 1, 8), notes="Felt brighter")
    )
    services.outcomes.remove(review.id)  # type: ignore[arg-type]
    entries = services.audit.page(AuditFilter(person_id=str(baseline.person_id)), limit=100)
    about = [e for e in entries if e.subject == "outcome_measure"]
    assert {(e.action, e.record_key) for e in about} >= {
        ("change", str(baseline.id)),
        ("delete", str(review.id)),
    }
    whole = " ".join(e.detail for e in about)
    for secret in ("[2,9,1,8]", "[2, 9, 1, 8]", "brighter", "[6,6,6,4]", "[6, 6, 6, 4]"):
        assert secret not in whole
