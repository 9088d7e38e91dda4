"""The retention rule: who is listed for review, as a table of cases."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker.domain.rights import (
    RetentionFacts,
    audit_counts,
    erased_lines,
    retention_due,
    whole_years,
    years_before,
)

TODAY = dt.date(2026, 6, 15)
D = dt.date


@pytest.mark.parametrize(
    ("open_episodes", "last_closed", "last_activity", "due"),
    [
        (0, D(2017, 6, 14), D(2017, 6, 14), True),  # closed nine years ago
        (0, D(2018, 6, 14), D(2018, 6, 14), True),  # eight years and a day
        (0, D(2018, 6, 15), D(2018, 6, 15), False),  # exactly eight years: not more than
        (0, D(2020, 1, 1), D(2020, 1, 1), False),  # six years
        (1, D(2010, 1, 1), D(2025, 3, 1), False),  # an old closed episode, a newer open one
        (0, D(2010, 1, 1), D(2019, 5, 1), False),  # a later conversation or contact
        (0, None, D(2010, 1, 1), False),  # never closed
        (0, D(2010, 1, 1), None, True),
    ],
)
def test_who_is_due_for_review(
    open_episodes: int, last_closed: dt.date | None, last_activity: dt.date | None, due: bool
) -> None:
    facts = RetentionFacts(uuid.uuid4(), "A Person", open_episodes, last_closed, last_activity)
    found = retention_due([facts], TODAY, 8)
    assert [c.person_id for c in found] == ([facts.person_id] if due else [])


def test_the_longest_past_come_first_with_whole_years() -> None:
    people = [
        RetentionFacts(uuid.uuid4(), "Newer", 0, D(2017, 1, 1), D(2017, 1, 1)),
        RetentionFacts(uuid.uuid4(), "Older", 0, D(2012, 9, 1), D(2012, 9, 1)),
    ]
    found = retention_due(people, TODAY, 8)
    assert [(c.name, c.years_since) for c in found] == [("Older", 13), ("Newer", 9)]


def test_a_leap_day_and_whole_years() -> None:
    assert years_before(D(2028, 2, 29), 1) == D(2027, 2, 28)
    assert years_before(D(2028, 2, 29), 8) == D(2020, 2, 29)
    assert whole_years(D(2018, 6, 16), TODAY) == 7
    assert whole_years(D(2018, 6, 15), TODAY) == 8


def test_counts_in_plain_words_and_for_the_audit_trail() -> None:
    removed = {"conversation": 3, "episode": 1, "person": 1, "person_search_word": 4, "goal": 0}
    assert erased_lines(removed) == ["1 personal record", "1 referral", "3 conversations"]
    assert audit_counts(removed) == {
        "conversations": 3,
        "person": 1,
        "referrals": 1,
        "search_words": 4,
    }
