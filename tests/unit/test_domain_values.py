"""The small value types of the domain: every choice's label, and what the plain types work out."""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import pkgutil
import uuid

import pytest

import linkworker.domain
from linkworker.domain.directory import AssetDraft, Cost, Day, Location
from linkworker.domain.matching import (
    AssetFacts,
    FreeTime,
    GeoPoint,
    JoinPreference,
    MatchPreferences,
    PartOfDay,
    TravelRange,
)
from linkworker.domain.people import PersonDraft
from linkworker.domain.plan import ConfidenceRating, GoalDetail, GoalDraft


def _labelled_choices() -> list[type[enum.Enum]]:
    found = []
    for info in pkgutil.iter_modules(linkworker.domain.__path__):
        module = importlib.import_module(f"linkworker.domain.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, enum.Enum)
                and value.__module__ == module.__name__
                and hasattr(value, "label")
            ):
                found.append(value)
    return found


CHOICES = _labelled_choices()


def test_the_choices_are_found() -> None:
    names = {c.__name__ for c in CHOICES}
    assert {"Cost", "ReferralStatus", "ClosingReason", "LookupFormat", "TravelRange"} <= names


@pytest.mark.parametrize("choice", CHOICES, ids=lambda c: c.__name__)
def test_every_choice_has_its_own_label_in_plain_words(choice: type[enum.Enum]) -> None:
    labels = [member.label for member in choice]  # type: ignore[attr-defined]
    assert all(isinstance(label, str) and label.strip() for label in labels)
    assert len(set(labels)) == len(labels)
    assert not any("_" in label for label in labels)
    assert all(label != str(member.value) for label, member in zip(labels, choice, strict=True))


# Matching preferences --------------------------------------------------------------------


def test_parts_of_the_day_cover_the_clock_without_overlapping() -> None:
    assert [p.hours for p in PartOfDay] == [(0, 12), (12, 17), (17, 24)]
    assert FreeTime(Day.TUESDAY, PartOfDay.MORNING).label == "Tuesday morning"


def test_travel_ranges_in_miles() -> None:
    assert [r.miles for r in TravelRange] == [1.0, 3.0, None]


@pytest.mark.parametrize(
    "filled",
    [
        {"free_times": (FreeTime(Day.MONDAY, PartOfDay.EVENING),)},
        {"cost_limit": Cost.FREE},
        {"join": JoinPreference.DROP_IN},
        {"travel": TravelRange.ANYWHERE},
        {"avoid_categories": ("Peer support",)},
    ],
)
def test_preferences_are_empty_until_any_one_is_asked(filled: dict[str, object]) -> None:
    assert MatchPreferences().is_empty is True
    assert MatchPreferences(**filled).is_empty is False  # type: ignore[arg-type]


def test_an_asset_place_has_a_point_only_with_both_coordinates() -> None:
    draft = AssetDraft(
        name="Walk",
        locations=(
            Location(postcode="CH65 2AB", latitude=53.28, longitude=-2.9),
            Location(postcode="CH66 1AA", latitude=53.28),
            Location(postcode="CH64 1AA", longitude=-2.9),
            Location(postcode="CH63 1AA"),
        ),
    )
    facts = AssetFacts.from_draft(uuid.UUID(int=5), draft)
    assert [p.point for p in facts.places] == [GeoPoint(53.28, -2.9), None, None, None]
    assert [p.postcode for p in facts.places] == ["CH65 2AB", "CH66 1AA", "CH64 1AA", "CH63 1AA"]


# People and plans ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "preferred", "family", "shown"),
    [
        ("Margaret", "Peggy", "Owen", "Peggy Owen"),
        ("Margaret", "", "Owen", "Margaret Owen"),
        (" Margaret ", "  ", "", "Margaret"),
        ("", "", " Owen ", "Owen"),
    ],
)
def test_a_person_is_shown_by_the_name_they_use(
    given: str, preferred: str, family: str, shown: str
) -> None:
    draft = PersonDraft(given_name=given, preferred_name=preferred, family_name=family)
    assert draft.display_name == shown


def test_a_goals_confidence_is_the_latest_rating() -> None:
    ratings = (ConfidenceRating(3, dt.date(2024, 1, 5)), ConfidenceRating(7, dt.date(2024, 3, 1)))
    goal = GoalDetail(uuid.UUID(int=1), 1, GoalDraft(uuid.UUID(int=2), "Walk to the shops"),
                      ratings, dt.datetime(2024, 1, 5, 10))  # fmt: skip
    assert goal.latest_confidence == 7
    assert GoalDetail(goal.id, 1, goal.draft, (), goal.created_at).latest_confidence is None
