"""Outcome measures' rules: ONS bands at every boundary, the UCLA total, declined and not
asked kept as such, change in words, and the refusals."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker.domain.outcomes import (
    DECLINED,
    ITEMS,
    NOT_ASKED,
    Answer,
    Measure,
    OutcomeRecord,
    Timepoint,
    answer_words,
    change_lines,
    ons4_band,
    parse_answer,
    record_problems,
    ucla_total,
)

DAY = dt.date(2026, 3, 2)
PERSON, EPISODE = uuid.UUID(int=1), uuid.UUID(int=2)


def taken(
    measure: Measure,
    answers: tuple[Answer, ...],
    timepoint: Timepoint = Timepoint.BASELINE,
    on: dt.date = DAY,
) -> OutcomeRecord:
    return OutcomeRecord(PERSON, EPISODE, measure, timepoint, on, answers)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        *((s, "low") for s in (0, 4)),
        *((s, "medium") for s in (5, 6)),
        *((s, "high") for s in (7, 8)),
        *((s, "very high") for s in (9, 10)),
    ],
)
@pytest.mark.parametrize("item", [0, 1, 2])
def test_wellbeing_bands_at_every_boundary(item: int, score: int, band: str) -> None:
    assert ons4_band(item, score) == band


@pytest.mark.parametrize(
    ("score", "band"),
    [
        *((s, "very low") for s in (0, 1)),
        *((s, "low") for s in (2, 3)),
        *((s, "medium") for s in (4, 5)),
        *((s, "high") for s in (6, 10)),
    ],
)
def test_anxiety_bands_at_every_boundary(score: int, band: str) -> None:
    assert ons4_band(3, score) == band


@pytest.mark.parametrize("score", [-1, 11])
def test_a_band_outside_the_scale_is_refused(score: int) -> None:
    with pytest.raises(ValueError):
        ons4_band(0, score)


def test_the_ons4_wording_is_the_official_wording() -> None:
    questions = [i.question for i in ITEMS[Measure.ONS4]]
    assert questions[0] == "Overall, how satisfied are you with your life nowadays?"
    assert questions[3] == "Overall, how anxious did you feel yesterday?"


def test_the_ucla_total_is_given_only_when_all_three_are_answered() -> None:
    assert ucla_total(taken(Measure.UCLA3, (3, 2, 3))) == 8
    assert ucla_total(taken(Measure.UCLA3, (1, 1, 1))) == 3
    assert ucla_total(taken(Measure.UCLA3, (3, DECLINED, 3))) is None
    assert ucla_total(taken(Measure.UCLA3, (3, 2))) is None
    assert ucla_total(taken(Measure.ONS4, (3, 2, 3, 4))) is None


def test_declined_and_not_asked_are_kept_as_such_never_as_zero() -> None:
    assert parse_answer(Measure.ONS4, 0, "d") == DECLINED
    assert parse_answer(Measure.ONS4, 1, "-") == NOT_ASKED
    assert answer_words(Measure.ONS4, 0, DECLINED) == "declined"
    before = taken(Measure.ONS4, (DECLINED, NOT_ASKED, 0, 0))
    after = taken(Measure.ONS4, (6, 7, 0, 0), Timepoint.REVIEW, DAY + dt.timedelta(days=60))
    lines = change_lines(before, after)
    assert lines[0] == "Life satisfaction: declined → 6 (medium)"
    assert lines[1] == "Worthwhile: not asked → 7 (high)"
    assert lines[2] == "Happiness: 0 (low) → 0 (low)"


def test_change_is_said_in_words_and_lower_anxiety_is_better() -> None:
    before = taken(Measure.ONS4, (3, 5, 4, 7))
    after = taken(Measure.ONS4, (6, 5, 9, 4), Timepoint.REVIEW, DAY + dt.timedelta(days=60))
    assert change_lines(before, after) == [
        "Life satisfaction: 3 (low) → 6 (medium)",
        "Worthwhile: 5 (medium) → 5 (medium)",
        "Happiness: 4 (low) → 9 (very high)",
        "Anxiety: 7 (high) → 4 (medium), better",
    ]
    worse = change_lines(after, before)[3]
    assert worse == "Anxiety: 4 (medium) → 7 (high), worse"


def test_ucla_change_names_the_answers_and_the_total() -> None:
    before = taken(Measure.UCLA3, (3, 3, 2))
    after = taken(Measure.UCLA3, (2, 1, 2), Timepoint.REVIEW)
    lines = change_lines(before, after)
    assert lines[0] == "Lack companionship: Often (3) → Some of the time (2), better"
    assert lines[-1] == "Loneliness total: 8 → 5, better"


def test_choices_are_read_by_words_or_number() -> None:
    assert parse_answer(Measure.LONELY, 0, "some of the time") == "Some of the time"
    assert parse_answer(Measure.CONNECTION, 1, "2") == "Partly"
    assert record_problems(taken(Measure.CONNECTION, ("Yes", "Maybe")), False, []) == [
        "More confident of their own capacity: the answer must be one of Yes, Partly, No, Not sure."
    ]


@pytest.mark.parametrize(
    ("measure", "answers", "expected"),
    [
        (Measure.ONS4, (11, 5, 5, 5), "Life satisfaction: the answer must be 0 to 10."),
        (Measure.ONS4, (5, 5, 5, -1), "Anxiety: the answer must be 0 to 10."),
        (Measure.UCLA3, (0, 2, 2), "Lack companionship: the answer must be 1 to 3."),
        (Measure.ONS4, (1, 2, 3, 4, 5), "ONS4 personal wellbeing has 4 questions"),
    ],
)
def test_scores_out_of_range_are_refused(
    measure: Measure, answers: tuple[Answer, ...], expected: str
) -> None:
    (problem,) = record_problems(taken(measure, answers), False, [])
    assert problem.startswith(expected)


def test_a_review_before_the_baseline_is_refused() -> None:
    baseline = taken(Measure.ONS4, (5, 5, 5, 5))
    review = taken(Measure.ONS4, (5, 5, 5, 5), Timepoint.REVIEW, DAY - dt.timedelta(days=1))
    (problem,) = record_problems(review, False, [baseline])
    assert "review is dated before the baseline" in problem
    same_day = taken(Measure.ONS4, (5, 5, 5, 5), Timepoint.REVIEW, DAY)
    assert record_problems(same_day, False, [baseline]) == []


def test_a_baseline_after_a_review_is_refused() -> None:
    review = taken(Measure.UCLA3, (2, 2, 2), Timepoint.REVIEW, DAY)
    baseline = taken(Measure.UCLA3, (2, 2, 2), Timepoint.BASELINE, DAY + dt.timedelta(days=3))
    (problem,) = record_problems(baseline, False, [review])
    assert "baseline is dated after a review" in problem
    other_measure = taken(Measure.ONS4, (2, 2, 2, 2), Timepoint.BASELINE, DAY + dt.timedelta(3))
    assert record_problems(other_measure, False, [review]) == []


def test_a_closing_measure_needs_a_closed_referral() -> None:
    closing = taken(Measure.LONELY, ("Never",), Timepoint.CLOSING)
    (problem,) = record_problems(closing, False, [])
    assert "still open" in problem
    assert record_problems(closing, True, []) == []


def test_an_other_measure_needs_its_name() -> None:
    unnamed = OutcomeRecord(PERSON, EPISODE, Measure.OTHER, Timepoint.BASELINE, DAY, score="23")
    assert record_problems(unnamed, False, []) == ["Give the other measure's name."]
    named = OutcomeRecord(
        PERSON, EPISODE, Measure.OTHER, Timepoint.BASELINE, DAY, name="SWEMWBS", score="23"
    )
    later = OutcomeRecord(
        PERSON, EPISODE, Measure.OTHER, Timepoint.REVIEW, DAY, name="SWEMWBS", score="26.5"
    )
    assert record_problems(named, False, []) == []
    assert change_lines(named, later) == ["SWEMWBS: 23 → 26.5"]
