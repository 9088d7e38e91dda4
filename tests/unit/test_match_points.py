"""Each scoring rule alone: the points it adds or takes (match_weights) and what it says.

Every test starts from a plain asset that no rule speaks about (self-referral, low cost,
checked half a year ago, nowhere in particular) and a person with nothing recorded, so
the asset scores exactly BASE_POINTS; then one thing changes and one rule answers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import uuid

import pytest

from linkworker.domain.directory import Cost, Day, JoinMode, OpeningTime
from linkworker.domain.geo import EARTH_RADIUS_MILES, Nearness
from linkworker.domain.match_assets import digest
from linkworker.domain.match_fits import Fit
from linkworker.domain.match_reasons import PreparedProfile
from linkworker.domain.match_weights import (
    ACCESS_MISSING_PENALTY,
    ACCESS_PARTIAL_POINTS,
    ACCESS_POINTS,
    AGE_GROUP_POINTS,
    AT_HOME_POINTS,
    BASE_POINTS,
    CARER_POINTS,
    DROP_IN_POINTS,
    FREE_FOR_LIMIT_POINTS,
    FREE_POINTS,
    HOUSEBOUND_PENALTY,
    INTERPRETER_LANGUAGE_POINTS,
    JOIN_POINTS,
    LANGUAGE_POINTS,
    LOW_COST_PENALTY,
    NEAR_MILES,
    NEAR_POINTS,
    NEARNESS_POINTS,
    NEVER_VERIFIED_PENALTY,
    NO_TRAVEL_POINTS,
    OFTEN_MAX,
    OFTEN_POINTS,
    PAID_OVER_LOW_PENALTY,
    PAID_PENALTY,
    RANGE_NEARNESS_PENALTY,
    RANGE_PENALTY_MAX,
    RANGE_PENALTY_PER_MILE,
    RECENT_DAYS,
    RECENT_POINTS,
    STALE_PENALTY,
    TAG_TARGETED_PENALTY,
    TIME_MISS_PENALTY,
    TIME_POINTS,
    UNKNOWN_PENALTY,
    WAITING_PENALTY,
)
from linkworker.domain.matching import (
    AssetFacts,
    AssetPlace,
    FreeTime,
    GeoPoint,
    JoinPreference,
    MatchPreferences,
    MatchProfile,
    PartOfDay,
    PersonWords,
    RankOptions,
    TravelRange,
    WordSource,
)
from linkworker.domain.people import AccessNeed

TODAY = dt.date(2026, 6, 1)
HOME = GeoPoint(53.28, -2.89)
MILES_PER_DEGREE = EARTH_RADIUS_MILES * math.pi / 180

PLAIN = AssetFacts(
    id=uuid.UUID(int=7),
    name="Hub",
    join_mode=JoinMode.SELF_REFERRAL,
    cost=Cost.LOW_COST,
    last_verified_on=TODAY - dt.timedelta(days=180),
)
NOBODY = MatchProfile(person_id=uuid.UUID(int=1))


def plain(**changed: object) -> AssetFacts:
    return dataclasses.replace(PLAIN, **changed)  # type: ignore[arg-type]


def someone(**fields: object) -> MatchProfile:
    return dataclasses.replace(NOBODY, **fields)  # type: ignore[arg-type]


def prefs(**fields: object) -> MatchProfile:
    return someone(preferences=MatchPreferences(**fields))  # type: ignore[arg-type]


def fit(profile: MatchProfile, item: AssetFacts, **options: object) -> Fit:
    prepared = PreparedProfile(profile, RankOptions(today=TODAY, **options))  # type: ignore[arg-type]
    found = prepared.fit(item, digest(item))
    quiet = prepared.fit(item, digest(item), explain=False)
    assert quiet.points == found.points  # the words never change the points
    return found


def gain(profile: MatchProfile, item: AssetFacts, **options: object) -> float:
    return fit(profile, item, **options).points - BASE_POINTS


def besides(profile: MatchProfile, item: AssetFacts) -> float:
    """What ``item`` gains over the plain asset for this person (other rules cancel out)."""
    return fit(profile, item).points - fit(profile, PLAIN).points


def said(profile: MatchProfile, item: AssetFacts) -> tuple[list[str], list[str]]:
    found = fit(profile, item)
    return found.reasons, found.concerns


def north(miles: float) -> GeoPoint:
    return GeoPoint(HOME.latitude + miles / MILES_PER_DEGREE, HOME.longitude)


def test_the_plain_asset_is_worth_the_base_points_and_says_nothing() -> None:
    found = fit(NOBODY, PLAIN)
    assert (found.points, found.reasons, found.concerns) == (BASE_POINTS, [], [])
    assert (found.matched, found.lead, found.distance_miles) == (False, "", None)


# How to start, what it costs --------------------------------------------------------------


@pytest.mark.parametrize(
    ("join", "mode", "points", "reasons", "concerns"),
    [
        (None, JoinMode.DROP_IN, DROP_IN_POINTS, ["just turn up"], []),
        (None, JoinMode.SELF_REFERRAL, 0.0, [], []),
        (None, JoinMode.REFERRAL, 0.0, [], []),
        (JoinPreference.DROP_IN, JoinMode.DROP_IN, JOIN_POINTS, ["just turn up"], []),
        (JoinPreference.DROP_IN, JoinMode.SELF_REFERRAL, 0.0, [], []),
        (JoinPreference.DROP_IN, JoinMode.REFERRAL, 0.0, [], ["needs a referral"]),
        (
            JoinPreference.WITH_SOMEONE,
            JoinMode.DROP_IN,
            JOIN_POINTS / 2,
            ["just turn up, with someone if you like"],
            [],
        ),
        (JoinPreference.WITH_SOMEONE, JoinMode.SELF_REFERRAL, 0.0, [], []),
        (JoinPreference.WITH_SOMEONE, JoinMode.REFERRAL, 0.0, [], []),
        (
            JoinPreference.INTRODUCED,
            JoinMode.REFERRAL,
            JOIN_POINTS,
            ["by referral: you will be introduced"],
            [],
        ),
        (
            JoinPreference.INTRODUCED,
            JoinMode.SELF_REFERRAL,
            JOIN_POINTS / 2,
            ["you can get in touch first"],
            [],
        ),
        (JoinPreference.INTRODUCED, JoinMode.DROP_IN, 0.0, [], []),
    ],
)
def test_how_they_would_like_to_start(
    join: JoinPreference | None,
    mode: JoinMode,
    points: float,
    reasons: list[str],
    concerns: list[str],
) -> None:
    profile, item = prefs(join=join), plain(join_mode=mode)
    assert gain(profile, item) == points
    assert said(profile, item) == (reasons, concerns)


def test_befriending_answers_someone_who_would_like_company_the_first_time() -> None:
    friend = plain(categories=("Befriending",), join_mode=JoinMode.REFERRAL)
    profile = prefs(join=JoinPreference.WITH_SOMEONE)
    assert gain(profile, friend) == JOIN_POINTS
    assert said(profile, friend) == (["befriending: you need not go alone"], [])


@pytest.mark.parametrize(
    ("limit", "cost", "points", "reasons", "concerns"),
    [
        (None, Cost.FREE, FREE_POINTS, ["free"], []),
        (
            Cost.FREE,
            Cost.FREE,
            FREE_POINTS + FREE_FOR_LIMIT_POINTS,
            ["free, which you said matters"],
            [],
        ),
        (Cost.LOW_COST, Cost.FREE, FREE_POINTS + FREE_FOR_LIMIT_POINTS, ["free"], []),
        (Cost.PAID, Cost.FREE, FREE_POINTS, ["free"], []),
        (Cost.FREE, Cost.LOW_COST, -LOW_COST_PENALTY, [], ["low cost"]),
        (Cost.LOW_COST, Cost.LOW_COST, 0.0, [], []),
        (None, Cost.LOW_COST, 0.0, [], []),
        (Cost.FREE, Cost.PAID, -PAID_PENALTY, [], ["costs money"]),
        (Cost.LOW_COST, Cost.PAID, -PAID_OVER_LOW_PENALTY, [], ["costs money"]),
        (Cost.PAID, Cost.PAID, 0.0, [], []),
        (None, Cost.PAID, 0.0, [], []),
    ],
)
def test_what_it_costs_against_what_they_can_manage(
    limit: Cost | None, cost: Cost, points: float, reasons: list[str], concerns: list[str]
) -> None:
    profile, item = prefs(cost_limit=limit), plain(cost=cost)
    assert gain(profile, item) == points
    assert said(profile, item) == (reasons, concerns)


def test_a_cost_concern_says_what_it_costs_when_known() -> None:
    item = plain(cost=Cost.PAID, cost_note="£3 a session.")
    assert said(prefs(cost_limit=Cost.FREE), item) == ([], ["costs money: £3 a session"])


# Where it is -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("postcode", "travel", "points", "reasons", "concerns"),
    [
        ("CH65 2ZZ", None, NEARNESS_POINTS[Nearness.SAME_SECTOR], ["same postcode sector"], []),
        (
            "CH65 2ZZ",
            TravelRange.WALKING,
            NEARNESS_POINTS[Nearness.SAME_SECTOR],
            ["same postcode sector"],
            [],
        ),
        ("CH65 9ZZ", None, NEARNESS_POINTS[Nearness.SAME_DISTRICT], ["same postcode district"], []),
        (
            "CH65 9ZZ",
            TravelRange.WALKING,
            NEARNESS_POINTS[Nearness.SAME_DISTRICT] - RANGE_NEARNESS_PENALTY,
            ["same postcode district"],
            ["outside your postcode sector: may be beyond walking distance"],
        ),
        (
            "CH65 9ZZ",
            TravelRange.SHORT_TRIP,
            NEARNESS_POINTS[Nearness.SAME_DISTRICT],
            ["same postcode district"],
            [],
        ),
        ("CH64 1AA", None, NEARNESS_POINTS[Nearness.SAME_AREA], ["same postcode area"], []),
        (
            "CH64 1AA",
            TravelRange.SHORT_TRIP,
            NEARNESS_POINTS[Nearness.SAME_AREA] - RANGE_NEARNESS_PENALTY,
            ["same postcode area"],
            ["outside your postcode district: may be more than a short bus ride"],
        ),
        ("L1 1AA", None, 0.0, [], []),
        (
            "L1 1AA",
            TravelRange.WALKING,
            -RANGE_NEARNESS_PENALTY,
            [],
            ["outside your postcode sector: may be beyond walking distance"],
        ),
        ("L1 1AA", TravelRange.ANYWHERE, 0.0, [], []),
    ],
)
def test_how_much_of_their_postcode_it_shares(
    postcode: str,
    travel: TravelRange | None,
    points: float,
    reasons: list[str],
    concerns: list[str],
) -> None:
    profile = someone(postcode="CH65 2AB", preferences=MatchPreferences(travel=travel))
    item = plain(places=(AssetPlace(postcode),))
    assert gain(profile, item) == pytest.approx(points)
    assert said(profile, item) == (reasons, concerns)


def test_the_nearest_shared_part_counts_over_all_its_places() -> None:
    item = plain(places=(AssetPlace("L1 1AA"), AssetPlace("CH65 9ZZ"), AssetPlace("CH64 1AA")))
    assert said(someone(postcode="CH65 2AB"), item) == (["same postcode district"], [])


def test_without_their_postcode_or_the_assets_nothing_is_said_about_where() -> None:
    assert gain(someone(postcode="CH65 2AB"), plain(places=(AssetPlace(""),))) == 0.0
    assert gain(NOBODY, plain(places=(AssetPlace("CH65 2AB"),))) == 0.0
    walking = MatchPreferences(travel=TravelRange.WALKING)
    mapped_only = plain(places=(AssetPlace("", north(1)),))
    assert said(someone(postcode="CH65 2AB", preferences=walking), mapped_only) == ([], [])


def test_a_district_alone_is_enough_to_say_how_near() -> None:
    item = plain(places=(AssetPlace("CH65 9ZZ"),))
    assert said(someone(postcode="CH65"), item) == (["same postcode district"], [])


def test_a_point_alone_is_enough_for_miles() -> None:
    assert fit(someone(point=HOME), plain(places=(AssetPlace("", north(2)),))).distance_miles == 2.0


@pytest.mark.parametrize(
    ("miles", "shown"),
    [(0.01, "0.1"), (1.234, "1.2"), (4.0, "4.0"), (9.94, "9.9"), (10.5, "10"), (12.4, "12")],
)
def test_miles_when_both_places_are_known(miles: float, shown: str) -> None:
    """Miles, when known, stand for the postcodes: the same sector is not counted again."""
    profile = someone(postcode="CH65 2AB", point=HOME)
    item = plain(places=(AssetPlace("CH65 2ZZ", north(miles)),))
    found = fit(profile, item)
    assert found.points - BASE_POINTS == pytest.approx(NEAR_POINTS * max(0, 1 - miles / NEAR_MILES))
    assert found.reasons == [f"about {shown} miles"]
    assert found.distance_miles == round(miles, 2)


@pytest.mark.parametrize(
    ("travel", "miles", "penalty", "words"),
    [
        (TravelRange.WALKING, 3.0, RANGE_PENALTY_PER_MILE * 2, "walking distance"),
        (TravelRange.SHORT_TRIP, 4.5, RANGE_PENALTY_PER_MILE * 1.5, "a short bus ride"),
        (TravelRange.WALKING, 12.0, RANGE_PENALTY_MAX, "walking distance"),
    ],
)
def test_further_than_they_can_go_is_marked_down_by_the_mile(
    travel: TravelRange, miles: float, penalty: float, words: str
) -> None:
    profile = someone(point=HOME, preferences=MatchPreferences(travel=travel))
    item = plain(places=(AssetPlace("", north(miles)),))
    found = fit(profile, item)
    near = NEAR_POINTS * max(0, 1 - miles / NEAR_MILES)
    assert found.points - BASE_POINTS == pytest.approx(near - penalty)
    shown = f"{miles:.1f}" if miles < 10 else f"{miles:.0f}"
    assert found.concerns == [f"about {shown} miles: further than {words}"]


def test_within_range_or_with_no_range_nothing_is_taken() -> None:
    item = plain(places=(AssetPlace("", north(0.5)),))
    walking = someone(point=HOME, preferences=MatchPreferences(travel=TravelRange.WALKING))
    assert fit(walking, item).concerns == []
    anywhere = someone(point=HOME, preferences=MatchPreferences(travel=TravelRange.ANYWHERE))
    assert fit(anywhere, plain(places=(AssetPlace("", north(30)),))).concerns == []


def test_the_nearest_of_its_places_counts() -> None:
    item = plain(places=(AssetPlace("", north(4)), AssetPlace("", north(1)), AssetPlace("")))
    assert fit(someone(point=HOME), item).distance_miles == 1.0


@pytest.mark.parametrize(
    ("profile", "points", "reasons"),
    [
        (NOBODY, NO_TRAVEL_POINTS, ["no travel needed"]),
        (someone(access_needs=(AccessNeed.MOBILITY,)), AT_HOME_POINTS, ["comes to you"]),
        (
            someone(words=(PersonWords(WordSource.WHAT_MATTERS, "I am housebound"),)),
            AT_HOME_POINTS,
            ["comes to you"],
        ),
    ],
)
def test_what_comes_to_them_needs_no_travel(
    profile: MatchProfile, points: float, reasons: list[str]
) -> None:
    calls = plain(tags=("phone calls",))
    found = fit(profile, calls)
    assert found.points - BASE_POINTS >= points
    assert set(reasons) <= set(found.reasons)
    assert found.concerns == []


def test_for_someone_housebound_going_out_is_marked_down() -> None:
    housebound = someone(words=(PersonWords(WordSource.WHAT_MATTERS, "housebound"),))
    item = plain(places=(AssetPlace("CH65 2AB"),))
    assert gain(housebound, item) == -HOUSEBOUND_PENALTY
    assert said(housebound, item) == ([], ["means going out"])
    # Needing step-free access is not being housebound.
    assert gain(someone(access_needs=(AccessNeed.MOBILITY,)), plain(accessibility=("step_free",),
                places=(AssetPlace("CH65 2AB"),))) == ACCESS_POINTS  # fmt: skip


# When it runs ----------------------------------------------------------------------------

TUESDAY_MORNINGS = MatchPreferences(free_times=(FreeTime(Day.TUESDAY, PartOfDay.MORNING),))


@pytest.mark.parametrize(
    ("times", "points", "reasons", "concerns"),
    [
        ((OpeningTime(Day.TUESDAY, dt.time(10)),), TIME_POINTS,
         ["Tuesdays 10:00, when you are free"], []),
        ((OpeningTime(Day.TUESDAY),), TIME_POINTS, ["Tuesdays, when you are free"], []),
        ((OpeningTime(Day.THURSDAY, dt.time(10)), OpeningTime(Day.TUESDAY, dt.time(9))),
         TIME_POINTS + OFTEN_POINTS, ["Tuesdays 09:00, when you are free", "runs 2 times a week"],
         []),
        ((OpeningTime(Day.TUESDAY, dt.time(14)),), -TIME_MISS_PENALTY, [],
         ["runs Tue 14:00; you said mornings suit you"]),
        ((OpeningTime(Day.THURSDAY),), -TIME_MISS_PENALTY, [],
         ["runs Thu; you said mornings suit you"]),
        ((OpeningTime(note="by arrangement"),), TIME_POINTS, ["at a time arranged with you"], []),
        ((OpeningTime(Day.MONDAY, dt.time(19)), OpeningTime(note="or by appointment")),
         TIME_POINTS, ["at a time arranged with you"], []),
        ((OpeningTime(note="first Friday of the month"),), 0.0, [], []),
        ((), 0.0, [], ["no times listed: check with them"]),
    ],
)  # fmt: skip
def test_a_time_they_are_free(
    times: tuple[OpeningTime, ...], points: float, reasons: list[str], concerns: list[str]
) -> None:
    profile, item = someone(preferences=TUESDAY_MORNINGS), plain(opening_times=times)
    assert gain(profile, item) == points
    assert said(profile, item) == (reasons, concerns)


def test_times_are_not_weighed_for_someone_not_asked() -> None:
    assert gain(NOBODY, plain(opening_times=(OpeningTime(Day.THURSDAY, dt.time(10)),))) == 0.0


def test_a_concern_about_times_says_when_it_runs_in_order_and_when_they_are_free() -> None:
    free = MatchPreferences(
        free_times=(
            FreeTime(Day.MONDAY, PartOfDay.MORNING),
            FreeTime(Day.FRIDAY, PartOfDay.EVENING),
        )
    )
    times = (
        OpeningTime(Day.THURSDAY, dt.time(10)),
        OpeningTime(Day.TUESDAY, dt.time(14)),
        OpeningTime(Day.MONDAY, dt.time(14)),
        OpeningTime(Day.MONDAY, dt.time(13)),
    )
    assert said(someone(preferences=free), plain(opening_times=times))[1] == [
        "runs Mon 13:00, Mon 14:00, ...; not when you said you are free"
    ]


# Access ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("need", "features", "points", "reasons", "concerns"),
    [
        (AccessNeed.MOBILITY, ("step_free",), ACCESS_POINTS, ["step-free"], []),
        (AccessNeed.MOBILITY, ("step_free", "seating", "parking"), ACCESS_POINTS,
         ["step-free, with seating"], []),
        (AccessNeed.MOBILITY, ("seating",), ACCESS_PARTIAL_POINTS, ["seating"],
         ["no step-free access recorded"]),
        (AccessNeed.MOBILITY, (), -ACCESS_MISSING_PENALTY, [], ["no step-free access recorded"]),
        (AccessNeed.HEARING, ("hearing_loop",), ACCESS_POINTS, ["hearing loop"], []),
        (AccessNeed.HEARING, ("bsl",), ACCESS_PARTIAL_POINTS, ["British Sign Language"],
         ["no hearing loop recorded"]),
        (AccessNeed.LARGE_PRINT, (), -ACCESS_MISSING_PENALTY, [],
         ["no large print materials recorded"]),
        (AccessNeed.SIGHT, ("assistance_dogs",), ACCESS_PARTIAL_POINTS,
         ["assistance dogs welcome"], ["no large print materials recorded"]),
    ],
)  # fmt: skip
def test_access_needs_met_in_part_or_not_at_all(
    need: AccessNeed,
    features: tuple[str, ...],
    points: float,
    reasons: list[str],
    concerns: list[str],
) -> None:
    profile, item = someone(access_needs=(need,)), plain(accessibility=features)
    assert gain(profile, item) == points
    assert said(profile, item) == (reasons, concerns)


def test_features_met_for_two_needs_are_said_once() -> None:
    profile = someone(access_needs=(AccessNeed.SIGHT, AccessNeed.LARGE_PRINT, AccessNeed.SIGHT))
    item = plain(accessibility=("large_print",))
    assert gain(profile, item) == 2 * ACCESS_POINTS
    assert said(profile, item) == (["large print"], [])


def test_what_comes_to_them_is_not_marked_down_for_access() -> None:
    calls = plain(tags=("phone calls",))
    profile = someone(access_needs=(AccessNeed.HEARING,))
    assert gain(profile, calls) == NO_TRAVEL_POINTS
    assert said(profile, calls)[1] == []


# Checks on the listing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changed", "points", "reasons", "concerns"),
    [
        ({"waiting_list": True}, -WAITING_PENALTY, [], ["waiting list"]),
        ({"waiting_list": True, "capacity_note": "About six weeks."}, -WAITING_PENALTY, [],
         ["waiting list: about six weeks"]),
        ({"capacity_note": "Twelve places."}, 0.0, [], ["twelve places"]),
        ({"last_verified_on": None}, -NEVER_VERIFIED_PENALTY, [], ["never verified"]),
        ({"last_verified_on": TODAY}, RECENT_POINTS, ["checked recently"], []),
        ({"last_verified_on": TODAY - dt.timedelta(days=RECENT_DAYS)}, RECENT_POINTS,
         ["checked recently"], []),
        ({"last_verified_on": TODAY - dt.timedelta(days=RECENT_DAYS + 1)}, 0.0, [], []),
        ({"last_verified_on": dt.date(2025, 5, 2)}, 0.0, [], []),
        ({"last_verified_on": dt.date(2025, 5, 1)}, -STALE_PENALTY, [],
         ["not verified for 13 months"]),
        ({"last_verified_on": dt.date(2023, 1, 15)}, -STALE_PENALTY, [],
         ["not verified for 40 months: check it is still running"]),
    ],
)  # fmt: skip
def test_waiting_lists_and_when_it_was_last_checked(
    changed: dict[str, object], points: float, reasons: list[str], concerns: list[str]
) -> None:
    item = plain(**changed)
    assert gain(NOBODY, item) == points
    assert said(NOBODY, item) == (reasons, concerns)


@pytest.mark.parametrize(("weekly", "points"), [(1, 0.0), (2, OFTEN_POINTS), (3, 2 * OFTEN_POINTS),
                                                 (6, OFTEN_MAX)])  # fmt: skip
def test_more_chances_a_week_to_start(weekly: int, points: float) -> None:
    times = tuple(OpeningTime(Day(d), dt.time(10)) for d in range(weekly))
    times += (OpeningTime(Day.SATURDAY, note="last Saturday of the month"),)
    times += (OpeningTime(note="Weekly, by arrangement"),)
    found = fit(NOBODY, plain(opening_times=times))
    assert found.points - BASE_POINTS == points
    assert found.reasons == ([f"runs {weekly} times a week"] if weekly > 1 else [])


# Who it is for -----------------------------------------------------------------------------


@pytest.mark.parametrize(("age", "ages"), [(60, {"age_min": 60}), (25, {"age_max": 25}),
                                           (40, {"age_min": 40, "age_max": 40})])  # fmt: skip
def test_the_ends_of_an_age_range_are_in_it(age: int, ages: dict[str, int]) -> None:
    item = plain(**ages)
    assert (
        PreparedProfile(someone(age=age), RankOptions(today=TODAY)).limit(item, digest(item))
        is None
    )


def test_for_carers_is_said_unless_a_reason_already_says_carers() -> None:
    carer = someone(is_carer=True, words=(PersonWords(WordSource.ENJOY, "gardening"),))
    garden = plain(categories=("Carers",), tags=("gardening",))
    assert said(carer, garden)[0] == ["gardening, which you enjoy", "for carers"]
    support = someone(is_carer=True, reasons=("Carer support",))
    assert said(support, plain(categories=("Carers",)))[0] == ["carers, for carer support"]


def test_carers_groups_for_a_carer() -> None:
    group = plain(categories=("Carers",))
    assert gain(someone(is_carer=True), group) == CARER_POINTS
    assert said(someone(is_carer=True), group) == (["for carers"], [])
    assert gain(NOBODY, group) == 0.0
    assert gain(someone(is_carer=True), plain(tags=("carer",))) == CARER_POINTS


@pytest.mark.parametrize(
    ("interpreter", "points"), [(False, LANGUAGE_POINTS), (True, INTERPRETER_LANGUAGE_POINTS)]
)
def test_their_language_offered(interpreter: bool, points: float) -> None:
    polish = someone(first_language=" Polish ", interpreter_needed=interpreter)
    item = plain(languages=("English", "polish"))
    assert gain(polish, item) == points
    assert said(polish, item) == (["offered in Polish"], [])


def test_a_language_of_several_words_is_said_as_recorded() -> None:
    bsl = someone(first_language="British  Sign Language")
    assert said(bsl, plain(languages=("BSL",))) == (["offered in British Sign Language"], [])


def test_an_interpreter_without_a_language_recorded_limits_nothing() -> None:
    prepared = PreparedProfile(someone(interpreter_needed=True), RankOptions(today=TODAY))
    english = plain(languages=("English",))
    assert prepared.limit(english, digest(english)) is None


def test_an_interpreter_is_asked_about_only_when_languages_are_not_recorded() -> None:
    needs = someone(first_language="Polish", interpreter_needed=True)
    assert said(needs, PLAIN) == ([], ["languages not recorded: check about an interpreter"])
    assert said(someone(first_language="Polish"), PLAIN) == ([], [])
    assert said(needs, plain(languages=("English", "Polish"))) == (["offered in Polish"], [])


@pytest.mark.parametrize(
    ("age", "band", "points", "reasons", "concerns"),
    [
        (60, {"age_min": 60}, AGE_GROUP_POINTS, ["for your age group (60 and over)"], []),
        (16, {"age_min": 16, "age_max": 25}, AGE_GROUP_POINTS, ["for your age group (16 to 25)"],
         []),
        (25, {"age_max": 25}, AGE_GROUP_POINTS, ["for your age group (up to 25)"], []),
        (0, {"age_max": 4}, AGE_GROUP_POINTS, ["for your age group (up to 4)"], []),
        (None, {"age_min": 50}, 0.0, [], ["for ages 50 and over"]),
        (None, {"age_max": 25}, 0.0, [], ["for ages up to 25"]),
        (40, {"age_min": 18}, 0.0, [], []),
        (40, {"age_min": 49}, 0.0, [], []),
    ],
)  # fmt: skip
def test_an_age_band(
    age: int | None,
    band: dict[str, int],
    points: float,
    reasons: list[str],
    concerns: list[str],
) -> None:
    profile, item = someone(age=age), plain(**band)
    assert gain(profile, item) == points
    assert said(profile, item) == (reasons, concerns)


@pytest.mark.parametrize(
    ("profile", "eligibility"),
    [
        (someone(is_carer=True), "For carers"),
        (someone(age=60), "For older people"),
        (someone(age=25), "For young people aged 16 to 25"),
        (someone(access_needs=(AccessNeed.MOBILITY,)), "Wheelchair users and disabled people"),
        (someone(access_needs=(AccessNeed.SIGHT,)), "For blind and partially sighted people"),
        (someone(access_needs=(AccessNeed.HEARING,)), "For Deaf people"),
        (someone(access_needs=(AccessNeed.MOBILITY,)), "For people who are housebound"),
        (someone(reasons=("Bereavement",)), "For bereaved people"),
        (someone(reasons=("Anxiety",)), "Mental health"),
    ],
)
def test_a_group_they_are_in_is_no_concern(profile: MatchProfile, eligibility: str) -> None:
    assert besides(profile, plain(eligibility=eligibility)) == 0.0


@pytest.mark.parametrize(
    ("profile", "eligibility"),
    [
        (NOBODY, "For carers"),
        (someone(age=59), "For older people"),
        (someone(age=26), "For young people aged 16 to 25"),
        (someone(access_needs=(AccessNeed.HEARING,)), "Wheelchair users and disabled people"),
        (someone(access_needs=(AccessNeed.MOBILITY,)), "For blind and partially sighted people"),
        (someone(access_needs=(AccessNeed.SIGHT,)), "For Deaf people"),
    ],
)
def test_a_group_they_are_not_known_to_be_in_is_marked_down(
    profile: MatchProfile, eligibility: str
) -> None:
    item = plain(eligibility=eligibility)
    assert besides(profile, item) == -UNKNOWN_PENALTY
    assert (
        "check they can go: " + eligibility[:1].lower() + eligibility[1:] in said(profile, item)[1]
    )


def test_limits_that_name_no_group_are_said_but_cost_nothing() -> None:
    for eligibility in ("For people who live in Ellesmere Port", "Patients of the practice only"):
        assert gain(NOBODY, plain(eligibility=eligibility)) == 0.0
        assert said(NOBODY, plain(eligibility=eligibility))[1] == [
            eligibility[:1].lower() + eligibility[1:]
        ]
    assert said(NOBODY, plain(eligibility="Everyone welcome")) == ([], [])


def test_carers_named_beside_another_group_are_welcome_not_required() -> None:
    item = plain(eligibility="For people with dementia and their carers")
    assert gain(someone(is_carer=True), item) == -UNKNOWN_PENALTY
    with_dementia = someone(words=(PersonWords(WordSource.WHAT_MATTERS, "my dementia"),))
    assert said(with_dementia, item)[1] == []
    assert gain(with_dementia, item) > 0  # and the word is found


def test_groups_named_only_in_its_tags_cost_less_and_are_named() -> None:
    item = plain(tags=("dementia", "stroke"))
    assert gain(NOBODY, item) == -TAG_TARGETED_PENALTY
    assert said(NOBODY, item) == (
        [],
        ["aimed at people living with dementia and stroke survivors"],
    )
