"""The ranking's rules, one at a time, with the words each reason and concern is given in."""

from __future__ import annotations

import datetime as dt
import math
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkworker.domain.directory import AssetStatus, Cost, Day, JoinMode, OpeningTime
from linkworker.domain.geo import EARTH_RADIUS_MILES
from linkworker.domain.match_assets import digest
from linkworker.domain.match_reasons import PreparedProfile
from linkworker.domain.match_scoring import (
    HINT_NOTHING,
    HINT_POSTCODE,
    HINT_REASONS,
    HINT_STRENGTHS,
    HINT_TIMES,
    HINT_WORDS,
    query_terms,
    rank,
)
from linkworker.domain.match_words import stem
from linkworker.domain.matching import (
    DEFAULT_REASON_KINDS,
    AssetFacts,
    AssetPlace,
    FreeTime,
    GeoPoint,
    JoinPreference,
    MatchPreferences,
    MatchProfile,
    MatchResult,
    PartOfDay,
    PersonWords,
    RankOptions,
    Suggestion,
    TravelRange,
    WordSource,
)
from linkworker.domain.people import AccessNeed

TODAY = dt.date(2026, 6, 1)
RECENTLY = TODAY - dt.timedelta(days=10)
HOME = GeoPoint(53.28, -2.89)
MILES_PER_DEGREE = EARTH_RADIUS_MILES * math.pi / 180
PERSON = uuid.UUID(int=1)


def asset(name: str, **fields: object) -> AssetFacts:
    """An asset checked recently, with no times or places unless given."""
    fields.setdefault("last_verified_on", RECENTLY)
    return AssetFacts(id=uuid.uuid5(uuid.NAMESPACE_DNS, name), name=name, **fields)  # type: ignore[arg-type]


def person(*words: tuple[WordSource, str], **fields: object) -> MatchProfile:
    said = tuple(PersonWords(source, text) for source, text in words)
    return MatchProfile(person_id=PERSON, words=said, **fields)  # type: ignore[arg-type]


def ranked(
    profile: MatchProfile, *assets: AssetFacts, limit: int = 20, **options: object
) -> MatchResult:
    return rank(profile, assets, RankOptions(limit=limit, today=TODAY, **options))  # type: ignore[arg-type]


def only(profile: MatchProfile, item: AssetFacts) -> Suggestion:
    (suggestion,) = ranked(profile, item).suggestions
    return suggestion


def north(miles: float) -> GeoPoint:
    return GeoPoint(HOME.latitude + miles / MILES_PER_DEGREE, HOME.longitude)


def at(postcode: str, point: GeoPoint | None = None) -> tuple[AssetPlace, ...]:
    return (AssetPlace(postcode, point),)


def weekly(day: Day, hour: int, note: str = "") -> OpeningTime:
    return OpeningTime(day=day, starts=dt.time(hour), note=note)


def names(result: MatchResult) -> list[str]:
    return [s.name for s in result.suggestions]


NOBODY = person()
GARDEN = asset("Community Garden", categories=("Gardening",), tags=("gardening",))


# Hard limits ----------------------------------------------------------------------


def test_closed_and_paused_assets_are_left_out_and_counted() -> None:
    result = ranked(
        NOBODY,
        asset("Open"),
        asset("Closed", status=AssetStatus.CLOSED),
        asset("Paused", status=AssetStatus.PAUSED),
    )
    assert names(result) == ["Open"]
    assert result.left_out == (("closed or paused", 2),)
    assert result.considered == 3


def test_age_outside_the_limits_is_left_out_only_when_both_are_known() -> None:
    over_60 = asset("Lunch club", age_min=60)
    young = asset("Youth group", age_min=16, age_max=25)
    result = ranked(person(age=40), over_60, young, asset("Anyone"))
    assert names(result) == ["Anyone"]
    assert result.left_out == (("outside the ages it is for", 2),)

    unknown_age = ranked(NOBODY, over_60, young)
    assert sorted(names(unknown_age)) == ["Lunch club", "Youth group"]
    concerns = {s.name: s.concerns for s in unknown_age.suggestions}
    assert "for ages 60 and over" in concerns["Lunch club"]
    assert "for ages 16 to 25" in concerns["Youth group"]


def test_an_age_band_the_person_is_in_is_a_reason() -> None:
    assert (
        "for your age group (60 and over)"
        in only(person(age=70), asset("Lunch", age_min=60)).reasons
    )
    assert (
        "for your age group (16 to 25)"
        in only(person(age=18), asset("Youth", age_min=16, age_max=25)).reasons
    )
    # An adults-only lower limit is no age band.
    assert not any("age" in r for r in only(person(age=40), asset("Adults", age_min=18)).reasons)


def test_language_without_an_interpreter_is_a_reason_not_a_limit() -> None:
    urdu = person(first_language="Urdu")
    result = ranked(
        urdu,
        asset("English only", languages=("English",)),
        asset("Urdu too", languages=("English", "Urdu")),
    )
    assert names(result) == ["Urdu too", "English only"]
    assert "offered in Urdu" in result.suggestions[0].reasons
    # English speakers are not asked about languages at all.
    assert (
        ranked(
            person(first_language="English", interpreter_needed=True),
            asset("X", languages=("Polish",)),
        ).left_out
        == ()
    )


def test_kinds_they_would_rather_avoid_are_left_out() -> None:
    avoid = person(preferences=MatchPreferences(avoid_categories=("peer SUPPORT",)))
    result = ranked(
        avoid,
        asset("Group", categories=("Peer support",)),
        asset("Walk", categories=("Walking and exercise",)),
    )
    assert names(result) == ["Walk"]
    assert result.left_out == (("a kind of thing they would rather avoid", 1),)


# Pinned and set aside --------------------------------------------------------------


def test_dismissed_assets_are_left_out_and_counted() -> None:
    gone = asset("Set aside")
    result = ranked(person(dismissed=frozenset({gone.id})), gone, asset("Kept"))
    assert names(result) == ["Kept"]
    assert result.left_out == (("set aside for this person", 1),)


def test_pinned_assets_come_first_even_with_a_low_score() -> None:
    weak = asset("Pinned", cost=Cost.PAID, last_verified_on=None)
    strong = asset("Strong", tags=("gardening",), categories=("Gardening",))
    profile = person((WordSource.WHAT_MATTERS, "gardening"), pinned=frozenset({weak.id}))
    result = ranked(profile, strong, weak)
    assert names(result) == ["Pinned", "Strong"]
    assert result.suggestions[0].pinned and not result.suggestions[1].pinned
    assert result.suggestions[0].score < result.suggestions[1].score


def test_a_pinned_asset_still_goes_when_closed_but_stays_past_other_limits() -> None:
    closed = asset("Closed", status=AssetStatus.CLOSED)
    over_60 = asset("Over 60s", age_min=60)
    result = ranked(person(age=30, pinned=frozenset({closed.id, over_60.id})), closed, over_60)
    assert names(result) == ["Over 60s"]
    assert result.suggestions[0].concerns[0] == "outside the ages it is for"
    assert result.left_out == (("closed or paused", 1),)


def test_each_asset_is_considered_once() -> None:
    one = asset("One")
    result = ranked(NOBODY, one, one, asset("Two"))
    assert result.considered == 2
    assert sorted(names(result)) == ["One", "Two"]


# Their words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (WordSource.WHAT_MATTERS, "gardening, which you said matters to you"),
        (WordSource.ENJOY, "gardening, which you enjoy"),
        (WordSource.INTEREST, "gardening, one of your interests"),
        (WordSource.CHANGE, "gardening, for what you'd like to be different"),
        (WordSource.STRENGTH, "uses what you're good at: gardening"),
        (WordSource.NOTES, "gardening, as you've said"),
    ],
)
def test_a_word_reason_quotes_the_person_and_says_where_it_came_from(
    source: WordSource, reason: str
) -> None:
    assert only(person((source, "gardening")), GARDEN).reasons[0] == reason


def test_word_forms_meet_in_their_stems() -> None:
    walks = asset("Health walk", tags=("walking",), description="A gentle walk for walkers.")
    said = person((WordSource.ENJOY, "I used to love my walks"))
    assert only(said, walks).reasons[0] == "walks, which you enjoy"
    for word in ("gardening", "gardens", "gardener", "garden"):
        assert stem(word) == "garden"


def test_a_word_through_the_synonym_table_says_the_assets_word() -> None:
    allotment = person((WordSource.WHAT_MATTERS, "I miss my allotment"))
    assert only(allotment, asset("Growers", tags=("vegetables",))).reasons[0] == (
        "vegetables, which you said matters to you"
    )
    direct = only(
        person((WordSource.WHAT_MATTERS, "vegetables")), asset("Growers", tags=("vegetables",))
    )
    through = only(allotment, asset("Growers", tags=("vegetables",)))
    assert direct.score > through.score


def test_a_tag_phrase_is_found_whole() -> None:
    cafe = asset("Cafe", tags=("tea and cake", "chatting"))
    assert only(person((WordSource.ENJOY, "A cup of tea and cake with friends")), cafe).reasons[
        0
    ] == ("tea and cake, and chatting, which you enjoy")


def test_stop_words_match_nothing() -> None:
    generic = asset(
        "Friendly group", description="A friendly community group where people feel welcome."
    )
    said = person(
        (WordSource.WHAT_MATTERS, "I want to feel like people get me and get back out more")
    )
    suggestion = only(said, generic)
    assert not any("which you said matters" in r for r in suggestion.reasons)


def test_at_most_three_word_reasons_the_strongest_first() -> None:
    many = asset(
        "Everything club",
        tags=("gardening", "walking", "singing", "knitting"),
        description="Chess too.",
    )
    said = person(
        (WordSource.ENJOY, "gardening walking singing knitting"), (WordSource.CHANGE, "chess")
    )
    reasons = [r for r in only(said, many).reasons if "you enjoy" in r or "different" in r]
    # Three of the things they enjoy, said together; chess (a fourth thing) is not said.
    (enjoyed,) = reasons
    assert enjoyed.endswith(", which you enjoy")
    assert len(enjoyed.removesuffix(", which you enjoy").replace(" and ", ", ").split(", ")) == 3


def test_more_words_found_score_more_but_with_diminishing_returns() -> None:
    said = person((WordSource.ENJOY, "gardening, walking, singing"))
    one = only(said, asset("One", tags=("gardening",))).score
    two = only(said, asset("Two", tags=("gardening", "walking"))).score
    three = only(said, asset("Three", tags=("gardening", "walking", "singing"))).score
    assert one < two < three
    assert three - two < two - one


def test_strengths_count_more_for_ways_to_give() -> None:
    baking = person((WordSource.STRENGTH, "baking"))
    giving = asset("Cafe volunteer", categories=("Volunteering",), tags=("baking",))
    receiving = asset("Baking class", categories=("Learning",), tags=("baking",))
    give, receive = only(baking, giving), only(baking, receiving)
    assert give.giving and not receive.giving
    assert give.reasons[0] == "a way to use what you're good at: baking"
    assert receive.reasons[0] == "uses what you're good at: baking"
    assert give.score > receive.score


# Referral reasons ------------------------------------------------------------------


def test_referral_reasons_bring_in_their_kinds_of_asset() -> None:
    lonely = person(reasons=("loneliness",))
    befriending = only(lonely, asset("Friends", categories=("BEFRIENDING",)))
    assert befriending.reasons[0] == "befriending, for loneliness"
    plain = only(lonely, asset("Chess", categories=("Library",)))
    assert befriending.score > plain.score


def test_earlier_kinds_in_a_reasons_list_count_more() -> None:
    lonely = person(reasons=("Loneliness",))  # Befriending first, Sheds last
    assert (
        only(lonely, asset("A", categories=("Befriending",))).score
        > only(lonely, asset("B", categories=("Sheds",))).score
    )


def test_one_kind_for_two_reasons_is_said_once() -> None:
    both = person(reasons=("Anxiety", "Low mood"))
    suggestion = only(both, asset("Peer group", categories=("Peer support",)))
    assert suggestion.reasons[0] == "peer support, for anxiety and low mood"


def test_the_teams_own_table_is_used_and_a_reason_not_in_it_matches_its_own_name() -> None:
    table = {"Dementia": ("memory cafe",)}
    dementia = person(reasons=("dementia", "Hearing loss"))
    result = ranked(
        dementia,
        asset("Memory", tags=("Memory cafe",)),
        asset("Hearing", tags=("hearing loss",)),
        reason_kinds=table,
    )
    reasons = {s.name: s.reasons[0] for s in result.suggestions}
    assert reasons == {
        "Memory": "memory cafe, for dementia",
        "Hearing": "hearing loss, for hearing loss",
    }


def test_carers_get_carers_groups() -> None:
    group = asset("Carers' coffee", categories=("Carers",))
    carer = only(person(is_carer=True), group)
    assert "for carers" in carer.reasons
    assert carer.score > only(NOBODY, group).score
    # Said once when the referral reason already brought it in.
    referred = only(person(is_carer=True, reasons=("Carer support",)), group)
    assert [r for r in referred.reasons if "carer" in r] == ["carers, for carer support"]


def test_an_asset_aimed_at_a_group_the_person_is_not_in_is_marked_down() -> None:
    aimed = asset("Memory cafe", eligibility="For people living with dementia and their carers")
    tagged = asset("Parkinson's exercise", tags=("parkinsons",))
    stranger = ranked(NOBODY, aimed, tagged)
    concerns = {s.name: s.concerns for s in stranger.suggestions}
    assert (
        "check they can go: for people living with dementia and their carers"
        in (concerns["Memory cafe"])
    )
    assert "aimed at people with Parkinson's" in concerns["Parkinson's exercise"]
    # A carer of someone with dementia (in their words) is who it is for.
    carer = person((WordSource.WHAT_MATTERS, "His dementia is getting worse"), is_carer=True)
    fits = only(carer, aimed)
    assert fits.concerns == ()
    assert fits.score > only(NOBODY, aimed).score


# Times ---------------------------------------------------------------------------------


TUESDAY_MORNINGS = MatchPreferences(free_times=(FreeTime(Day.TUESDAY, PartOfDay.MORNING),))


def test_a_time_they_are_free_is_a_reason() -> None:
    free = person(preferences=TUESDAY_MORNINGS)
    group = asset("Tuesday group", opening_times=(weekly(Day.MONDAY, 19), weekly(Day.TUESDAY, 10)))
    suggestion = only(free, group)
    assert "Tuesdays 10:00, when you are free" in suggestion.reasons
    assert suggestion.when == "Mon 19:00, Tue 10:00"


def test_times_by_arrangement_fit_anyone() -> None:
    calls = asset("Calls", opening_times=(OpeningTime(note="Weekly, by arrangement"),))
    assert (
        "at a time arranged with you" in only(person(preferences=TUESDAY_MORNINGS), calls).reasons
    )


def test_without_free_times_times_do_not_count() -> None:
    evening = asset("Evening group", opening_times=(weekly(Day.THURSDAY, 19),))
    assert only(NOBODY, evening).score == only(NOBODY, asset("Untimed")).score


# Where -----------------------------------------------------------------------------------


def test_distance_in_miles_with_coordinates() -> None:
    near = asset("Near", places=at("CH65 2AB", north(1.2)))
    suggestion = only(person(postcode="CH65 4QJ", point=HOME), near)
    assert "about 1.2 miles" in suggestion.reasons
    assert suggestion.distance_miles == pytest.approx(1.2, abs=0.01)


def test_nearer_scores_higher_and_beyond_their_range_is_a_concern() -> None:
    profile = person(
        postcode="CH65 4QJ",
        point=HOME,
        preferences=MatchPreferences(travel=TravelRange.SHORT_TRIP),
    )
    near = only(profile, asset("Near", places=at("CH65 2AB", north(0.5))))
    far = only(profile, asset("Far", places=at("CH2 4LN", north(6.5))))
    assert near.score > far.score
    assert "about 6.5 miles: further than a short bus ride" in far.concerns
    assert only(profile, asset("Very far", places=at("M1 1AE", north(25)))).reasons[0] == (
        "about 25 miles"
    )


@pytest.mark.parametrize(
    ("postcode", "reason"),
    [
        ("CH65 2ER", "same postcode sector"),
        ("CH65 4LD", "same postcode district"),
        ("CH66 4QD", "same postcode area"),
    ],
)
def test_without_coordinates_postcodes_say_how_near(postcode: str, reason: str) -> None:
    suggestion = only(person(postcode="CH65 2AB"), asset("Place", places=at(postcode)))
    assert reason in suggestion.reasons


def test_postcode_nearness_orders_sector_district_area() -> None:
    profile = person(postcode="CH65 2AB")
    scores = [
        only(profile, asset(p, places=at(p))).score
        for p in ("CH65 2ER", "CH65 4LD", "CH66 4QD", "M1 1AE")
    ]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == 4


def test_walking_distance_and_a_different_sector() -> None:
    walker = person(postcode="CH65 2AB", preferences=MatchPreferences(travel=TravelRange.WALKING))
    suggestion = only(walker, asset("Across town", places=at("CH65 4LD")))
    assert "outside your postcode sector: may be beyond walking distance" in suggestion.concerns


def test_no_postcode_no_distance_and_a_hint() -> None:
    result = ranked(NOBODY, asset("Somewhere", places=at("CH65 2AB", north(1))))
    assert not any("mile" in r or "postcode" in r for r in result.suggestions[0].reasons)
    assert result.suggestions[0].distance_miles is None
    assert HINT_POSTCODE in result.hints


def test_unknown_postcodes_have_no_effect() -> None:
    odd = person(postcode="ZZ")
    assert only(odd, asset("A", places=at("CH65 2AB"))).score == only(odd, asset("B")).score


def test_what_comes_to_the_person_needs_no_travel() -> None:
    visits = asset("Home visits", tags=("home visits",), places=(AssetPlace(),))
    housebound = person((WordSource.CHANGE, "I'm housebound"), access_needs=(AccessNeed.MOBILITY,))
    suggestion = only(housebound, visits)
    assert "comes to you" in suggestion.reasons
    assert suggestion.concerns == ()
    assert "no travel needed" in only(NOBODY, visits).reasons
    going_out = only(housebound, asset("Hall", places=at("CH65 2AB"), accessibility=("step_free",)))
    assert "means going out" in going_out.concerns
    assert going_out.score < suggestion.score


# Access --------------------------------------------------------------------------------


def test_access_needs_met_are_a_reason_and_unmet_a_concern() -> None:
    mobility = person(access_needs=(AccessNeed.MOBILITY,))
    step_free = only(
        mobility,
        asset(
            "Step-free",
            accessibility=("step_free", "accessible_toilet", "seating"),
            places=at("CH65 2AB"),
        ),
    )
    steps = only(mobility, asset("Steps", accessibility=("hearing_loop",), places=at("CH65 2AB")))
    assert "step-free, with an accessible toilet" in step_free.reasons
    assert "no step-free access recorded" in steps.concerns  # a mobility need: a concern
    assert step_free.score > steps.score


def test_several_needs() -> None:
    needs = person(access_needs=(AccessNeed.HEARING, AccessNeed.LARGE_PRINT))
    suggestion = only(
        needs, asset("Library", accessibility=("hearing_loop",), places=at("CH65 0BG"))
    )
    assert "hearing loop" in suggestion.reasons
    assert "no large print materials recorded" in suggestion.concerns


# How they would like to join, and cost -----------------------------------------


@pytest.mark.parametrize(
    ("join", "item", "reason"),
    [
        (JoinPreference.DROP_IN, asset("Cafe", join_mode=JoinMode.DROP_IN), "just turn up"),
        (
            JoinPreference.WITH_SOMEONE,
            asset("Buddies", categories=("Befriending",), join_mode=JoinMode.REFERRAL),
            "befriending: you need not go alone",
        ),
        (
            JoinPreference.WITH_SOMEONE,
            asset("Cafe", join_mode=JoinMode.DROP_IN),
            "just turn up, with someone if you like",
        ),
        (
            JoinPreference.INTRODUCED,
            asset("Course", join_mode=JoinMode.REFERRAL),
            "by referral: you will be introduced",
        ),
    ],
)
def test_how_they_would_like_to_join(join: JoinPreference, item: AssetFacts, reason: str) -> None:
    profile = person(preferences=MatchPreferences(join=join))
    suggestion = only(profile, item)
    assert reason in suggestion.reasons
    assert suggestion.score > only(NOBODY, item).score - 2  # a preference met only adds


def test_a_referral_for_someone_who_would_rather_just_turn_up_is_a_concern() -> None:
    profile = person(preferences=MatchPreferences(join=JoinPreference.DROP_IN))
    assert (
        "needs a referral" in only(profile, asset("Clinic", join_mode=JoinMode.REFERRAL)).concerns
    )


def test_cost_they_can_manage() -> None:
    low_cost = person(preferences=MatchPreferences(cost_limit=Cost.LOW_COST))
    free = only(low_cost, asset("Free"))
    low = only(low_cost, asset("Cuppa", cost=Cost.LOW_COST, cost_note="80p a cuppa"))
    paid = only(low_cost, asset("Yoga", cost=Cost.PAID, cost_note="£6 a class"))
    assert "free" in free.reasons
    assert "costs money: £6 a class" in paid.concerns
    assert free.score > low.score > paid.score
    # Cost is no bar: no concern.
    anything = person(preferences=MatchPreferences(cost_limit=Cost.PAID))
    assert only(anything, asset("Yoga", cost=Cost.PAID)).concerns == ()


# Checks ----------------------------------------------------------------------------------


def test_stale_and_never_verified_listings_carry_a_concern() -> None:
    stale = only(NOBODY, asset("Stale", last_verified_on=dt.date(2025, 4, 1)))
    never = only(NOBODY, asset("Never", last_verified_on=None))
    fresh = only(NOBODY, asset("Fresh"))
    assert "not verified for 14 months" in stale.concerns
    assert "never verified" in never.concerns
    assert "checked recently" in fresh.reasons
    assert fresh.score > stale.score
    a_year = only(NOBODY, asset("A year", last_verified_on=dt.date(2025, 6, 1)))
    assert not any("verified" in c for c in a_year.concerns)


def test_waiting_lists_and_capacity_are_concerns() -> None:
    waiting = only(
        NOBODY, asset("Befriending", waiting_list=True, capacity_note="About eight weeks' wait")
    )
    assert "waiting list: about eight weeks' wait" in waiting.concerns
    note = only(NOBODY, asset("Advice", capacity_note="Appointments within ten days."))
    assert note.concerns == ("appointments within ten days",)


def test_a_way_to_give_is_flagged() -> None:
    assert only(NOBODY, asset("Volunteer", tags=("volunteering",))).giving
    assert not only(NOBODY, GARDEN).giving


# A thin profile, empty and odd inputs --------------------------------------------


def test_a_thin_profile_gets_suggestions_and_hints() -> None:
    result = ranked(NOBODY, asset("Cafe", join_mode=JoinMode.DROP_IN), GARDEN)
    assert len(result.suggestions) == 2
    assert result.hints == (HINT_WORDS, HINT_REASONS, HINT_TIMES, HINT_POSTCODE)
    assert all(s.reasons for s in result.suggestions)


def test_hints_go_as_the_profile_fills() -> None:
    full = person(
        (WordSource.ENJOY, "gardening"),
        (WordSource.STRENGTH, "baking"),
        reasons=("Loneliness",),
        postcode="CH65 2AB",
        preferences=TUESDAY_MORNINGS,
    )
    assert ranked(full, GARDEN).hints == ()
    no_strengths = person((WordSource.ENJOY, "gardening"))
    assert HINT_STRENGTHS in ranked(no_strengths, GARDEN).hints
    assert HINT_NOTHING in ranked(NOBODY, asset("Closed", status=AssetStatus.CLOSED)).hints
    assert ranked(NOBODY).hints == (HINT_WORDS, HINT_REASONS, HINT_TIMES, HINT_POSTCODE)


def test_an_asset_with_nothing_but_a_name_is_ranked_on_what_it_has() -> None:
    bare = AssetFacts(id=uuid.uuid4(), name="")
    suggestion = only(person((WordSource.ENJOY, "gardening"), postcode="CH65 2AB"), bare)
    assert suggestion.reasons == ("just turn up", "free")
    assert suggestion.concerns == ("never verified", "no place given: check with them")
    assert suggestion.when == ""


def test_scores_stay_between_0_and_100() -> None:
    everything = asset(
        "Everything",
        tags=("gardening", "walking", "singing", "befriending", "carers"),
        categories=("Befriending", "Carers", "Peer support"),
        languages=("Polish",),
        age_min=60,
        places=at("CH65 2AB", HOME),
        opening_times=(weekly(Day.TUESDAY, 10), weekly(Day.FRIDAY, 10)),
    )
    keen = person(
        (WordSource.WHAT_MATTERS, "gardening walking singing"),
        reasons=("Loneliness", "Carer support", "Bereavement"),
        is_carer=True,
        age=70,
        first_language="Polish",
        interpreter_needed=True,
        postcode="CH65 2AB",
        point=HOME,
        preferences=TUESDAY_MORNINGS,
    )
    assert only(keen, everything).score == 100.0
    nothing = asset(
        "Nothing",
        cost=Cost.PAID,
        join_mode=JoinMode.REFERRAL,
        waiting_list=True,
        last_verified_on=None,
        eligibility="People with Parkinson's especially welcome",
        tags=("dementia",),
        opening_times=(weekly(Day.MONDAY, 13),),
        places=at("M1 1AE", north(40)),
    )
    picky = person(
        (WordSource.CHANGE, "I'm housebound"),
        postcode="CH65 2AB",
        point=HOME,
        access_needs=(AccessNeed.MOBILITY,),
        preferences=MatchPreferences(
            free_times=(FreeTime(Day.MONDAY, PartOfDay.MORNING),),
            cost_limit=Cost.LOW_COST,
            join=JoinPreference.DROP_IN,
            travel=TravelRange.WALKING,
        ),
    )
    assert only(picky, nothing).score == 0.0


def test_the_words_are_the_same_when_scored_alone() -> None:
    """Ranking scores without words, then words the listed ones: the points agree."""
    profile = person(
        (WordSource.WHAT_MATTERS, "allotment and tea and cake"),
        (WordSource.STRENGTH, "baking"),
        reasons=("Loneliness", "Low mood"),
        postcode="CH65 2AB",
        point=HOME,
        is_carer=True,
        preferences=TUESDAY_MORNINGS,
    )
    items = [
        GARDEN,
        asset("Cafe", tags=("tea and cake",), places=at("CH65 4LD", north(1))),
        asset("Volunteer", categories=("Volunteering",), tags=("baking",)),
        asset("Carers", categories=("Carers", "Peer support"), waiting_list=True),
    ]
    prepared = PreparedProfile(profile, RankOptions(today=TODAY))
    for item in items:
        quiet = prepared.fit(item, digest(item), explain=False)
        said = prepared.fit(item, digest(item), explain=True)
        assert quiet.points == said.points
        assert (quiet.matched, quiet.lead) == (said.matched, said.lead)
        assert quiet.reasons == [] and said.reasons


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(st.tuples(st.sampled_from(WordSource), TEXT), max_size=6),
    reasons=st.lists(TEXT, max_size=3),
    postcode=st.one_of(TEXT, st.sampled_from(["CH65 2AB", "ch66", "GIR 0AA", "CH65 2"])),
    age=st.one_of(st.none(), st.integers(-5, 130)),
    language=TEXT,
    interpreter=st.booleans(),
    asset_texts=st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT), min_size=1, max_size=5),
    asset_postcode=TEXT,
    point=st.one_of(
        st.none(),
        st.builds(GeoPoint, st.floats(-90, 90), st.floats(-180, 180)),
    ),
)
def test_rank_never_crashes_on_odd_text_or_postcodes(
    words: list[tuple[WordSource, str]],
    reasons: list[str],
    postcode: str,
    age: int | None,
    language: str,
    interpreter: bool,
    asset_texts: list[tuple[str, str, str, str]],
    asset_postcode: str,
    point: GeoPoint | None,
) -> None:
    profile = MatchProfile(
        person_id=PERSON,
        words=tuple(PersonWords(source, text) for source, text in words),
        reasons=tuple(reasons),
        age=age,
        postcode=postcode,
        point=point,
        first_language=language,
        interpreter_needed=interpreter,
        preferences=MatchPreferences(avoid_categories=tuple(reasons[:1])),
    )
    items = [
        AssetFacts(
            id=uuid.UUID(int=i + 10),
            name=name,
            description=description,
            categories=(category,),
            tags=(tag,),
            eligibility=description,
            cost_note=tag,
            capacity_note=name,
            languages=(language,) if i % 2 else (),
            places=(AssetPlace(asset_postcode, point),),
            opening_times=(OpeningTime(day=Day.MONDAY, note=tag),),
        )
        for i, (name, description, category, tag) in enumerate(asset_texts)
    ]
    result = rank(profile, items, RankOptions(limit=3, today=TODAY))
    assert len(result.suggestions) <= 3
    assert result.considered == len(items)
    assert len(result.suggestions) + sum(n for _, n in result.left_out) >= min(3, len(items))
    assert all(0.0 <= s.score <= 100.0 for s in result.suggestions)
    assert len({s.asset_id for s in result.suggestions}) == len(result.suggestions)
    for term in query_terms(profile, DEFAULT_REASON_KINDS):
        # Folded as every other word is (casefold: Cherokee folds to capitals, not small).
        assert len(term) >= 3 and term == term.casefold()


# Groups for women only or men only ------------------------------------------


def test_a_group_for_women_only_is_left_out_for_a_man_and_kept_for_others() -> None:
    workshop = asset(
        "Women's Workshop", eligibility="For women aged 18 and over", tags=("woodwork",)
    )
    shed = asset("Port Community Shed", eligibility="Men and women welcome", tags=("woodwork",))
    words = (WordSource.ENJOY, "woodwork")

    for_him = ranked(person(words, gender="Male"), workshop, shed)
    assert [s.name for s in for_him.suggestions] == ["Port Community Shed"]
    assert dict(for_him.left_out) == {"for women only": 1}

    for_her = ranked(person(words, gender="Female"), workshop, shed)
    assert {s.name for s in for_her.suggestions} == {"Women's Workshop", "Port Community Shed"}

    # Not recorded, or neither: kept, with who it is for as a concern to talk through.
    unknown = ranked(person(words, gender="Non-binary"), workshop, shed)
    kept = next(s for s in unknown.suggestions if s.name == "Women's Workshop")
    assert any("women" in c for c in kept.concerns)
    assert unknown.left_out == ()
