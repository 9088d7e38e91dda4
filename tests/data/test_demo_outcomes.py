"""The demo's outcome measures: baselines and later reviews with declined items, and
closing measures on a closed referral."""

from __future__ import annotations

from pathlib import Path

from linkworker.domain.outcomes import DECLINED, NOT_ASKED, EpisodeOutcomes, Measure, Timepoint
from linkworker.paths import AppPaths
from linkworker.services.context import Services, open_services


def _outcomes(services: Services, nhs: str) -> list[EpisodeOutcomes]:
    person = services.people.find_by_nhs_number(nhs)
    assert person is not None
    return services.outcomes.for_person(person.id)


def test_the_demo_has_measures_over_time_with_declined_items_and_a_closing(
    demo_data: Path,
) -> None:
    paths = AppPaths.under(demo_data)
    services = open_services(paths)
    try:
        margaret = _outcomes(services, "999 464 6214")[0]
        assert not margaret.closed
        timepoints = {(m.measure, m.timepoint) for m in margaret.measures}
        assert (Measure.ONS4, Timepoint.BASELINE) in timepoints
        assert (Measure.ONS4, Timepoint.REVIEW) in timepoints
        assert "Life satisfaction: 3 (low) → 6 (medium)" in margaret.changes[0].lines
        assert all(m.taken_on >= margaret.referral_date for m in margaret.measures)

        answers = [
            a
            for nhs in ("999 269 3215", "999 670 5595")
            for m in _outcomes(services, nhs)[0].measures
            for a in m.answers
        ]
        assert DECLINED in answers and NOT_ASKED in answers

        brian = _outcomes(services, "999 166 9124")[0]
        assert brian.closed
        closing = [m for m in brian.measures if m.timepoint is Timepoint.CLOSING]
        assert {m.measure for m in closing} == {Measure.ONS4, Measure.CONNECTION}
        assert "Anxiety: 7 (high) → 3 (low), better" in brian.changes[0].lines
    finally:
        services.close()
