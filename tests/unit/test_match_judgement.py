"""Matching's judgement: hard limits, facts to check, needs said in words, words said against.

Each test uses small invented people and listings; see "What a good suggestion is" in
the domain notes for the rules they stand for.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker.domain.directory import Cost, Day, OpeningTime
from linkworker.domain.match_fits import (
    COSTS,
    NOT_STEP_FREE,
    NOT_THEIR_TIMES,
    PHONE_ONLY,
)
from linkworker.domain.match_scoring import rank
from linkworker.domain.match_words import against, as_told, situations, stem, theirs_only
from linkworker.domain.matching import (
    AssetFacts,
    AssetPlace,
    FreeTime,
    MatchPreferences,
    MatchProfile,
    MatchResult,
    PartOfDay,
    PersonWords,
    RankOptions,
    Suggestion,
    WordSource,
)
from linkworker.domain.people import AccessNeed

TODAY = dt.date(2026, 6, 1)
PERSON = uuid.UUID(int=7)
HERE = (AssetPlace("CH65 2AB"),)


def asset(name: str, **fields: object) -> AssetFacts:
    """A listing checked recently, in one place, with whatever else is given."""
    fields.setdefault("last_verified_on", TODAY - dt.timedelta(days=10))
    fields.setdefault("places", HERE)
    return AssetFacts(id=uuid.uuid5(uuid.NAMESPACE_URL, name), name=name, **fields)  # type: ignore[arg-type]


def person(*words: tuple[WordSource, str], **fields: object) -> MatchProfile:
    said = tuple(PersonWords(source, text) for source, text in words)
    return MatchProfile(person_id=PERSON, words=said, **fields)  # type: ignore[arg-type]


def ranked(profile: MatchProfile, *assets: AssetFacts) -> MatchResult:
    return rank(profile, assets, RankOptions(today=TODAY))


def names(result: MatchResult) -> list[str]:
    return [s.name for s in result.suggestions]


def by_name(result: MatchResult) -> dict[str, Suggestion]:
    return {s.name: s for s in result.suggestions}


def left_out(result: MatchResult) -> dict[str, str]:
    return {o.name: o.reason for o in result.left_out_assets}


# Reading the person's words ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stems"),
    [
        ("I've got all my marbles, thank you", {"dementia"}),
        ("Can't read the paper any more since my eyes went", {"read"}),
        ("Not keen on talking groups", {"talk"}),
        ("I don't want to sit and talk", {"talk"}),
        ("I no longer drive", {"driv"}),
        ("Never liked singing", {"sing"}),
    ],
)
def test_words_that_say_the_opposite_are_read_as_against(text: str, stems: set[str]) -> None:
    found = {s for a in against(text) for s in a.stems}
    assert stems <= found


@pytest.mark.parametrize(
    "text",
    [
        "I've no one to talk to",
        "I haven't got any friends round here",
        "I don't see anyone all week",
        "I love reading",
    ],
)
def test_what_someone_lacks_is_not_read_as_against(text: str) -> None:
    assert against(text) == []


def test_not_a_group_person_is_read_as_against_groups() -> None:
    (said,) = against("I'm not a big group thing")
    assert said.groups


@pytest.mark.parametrize(
    ("text", "situation"),
    [
        ("Looking after my mum takes all day", "carer"),
        ("I'm a full-time carer", "carer"),
        ("Since my wife died I can't settle", "bereaved"),
        ("BSL is his first language", "deaf"),
        ("We are new to the country", "new to the country"),
        ("I can only go to free things", "free only"),
        ("I can't afford the bus as it is", "free only"),
        ("Worn out, no break for months", "strain"),
    ],
)
def test_needs_said_in_words_are_recognised(text: str, situation: str) -> None:
    assert situation in situations(text)


@pytest.mark.parametrize(
    "text",
    ["I'm not a carer", "My carer comes in the mornings", "He has a carer twice a day"],
)
def test_a_carer_not_said_is_not_read(text: str) -> None:
    assert "carer" not in situations(text)


def test_their_words_are_turned_to_speak_to_them() -> None:
    assert as_told("I look after my mum") == "you look after your mum"


# Needs said in words count as referral reasons do --------------------------------------


CEILIDH = asset("Ceilidh", categories=("Music",), tags=("dancing", "music"), opening_times=())
CARERS = asset("Carers' coffee", categories=("Carers",), tags=("carers",))
GARDEN = asset("Garden", categories=("Gardening",), tags=("gardening",))


def test_a_carer_under_strain_gets_carers_support_first() -> None:
    strained = person(
        (WordSource.NOTES, "Looking after my mum since her stroke; I'm worn out"),
        (WordSource.ENJOY, "dancing and gardening"),
    )
    result = ranked(strained, CEILIDH, GARDEN, CARERS)
    assert names(result)[0] == "Carers' coffee"
    reasons = by_name(result)["Carers' coffee"].reasons
    assert any("you said" not in r and "your mum" in r for r in reasons), reasons


def test_a_carer_in_words_alone_is_a_carer() -> None:
    said = person((WordSource.WHAT_MATTERS, "Looking after my husband"))
    unsaid = person((WordSource.WHAT_MATTERS, "Getting out more"))
    assert (
        by_name(ranked(said, CARERS))["Carers' coffee"].score
        > by_name(ranked(unsaid, CARERS))["Carers' coffee"].score
    )


def test_bereaved_in_words_brings_in_bereavement_support() -> None:
    cafe = asset("Bereavement cafe", categories=("Peer support",), tags=("bereavement",))
    quiz = asset("Quiz night", categories=("Social",), tags=("quiz",))
    widower = person((WordSource.WHAT_MATTERS, "Since my wife died I don't go out"))
    result = ranked(widower, quiz, cafe)
    assert names(result)[0] == "Bereavement cafe"
    assert any("since your wife died" in r for r in by_name(result)["Bereavement cafe"].reasons)


def test_new_to_the_country_brings_in_english_classes() -> None:
    esol = asset("ESOL", categories=("Learning",), tags=("ESOL",))
    bowls = asset("Bowls", categories=("Sport",), tags=("bowls",))
    newcomer = person((WordSource.NOTES, "New to the country last spring"))
    assert names(ranked(newcomer, bowls, esol))[0] == "ESOL"


def test_deaf_in_words_meets_a_group_for_deaf_people() -> None:
    deaf_club = asset("Deaf club", eligibility="For Deaf people only")
    signer = person((WordSource.NOTES, "BSL is her first language"), reasons=("Loneliness",))
    hearing = person((WordSource.NOTES, "Loves a quiz"), reasons=("Loneliness",))
    assert names(ranked(signer, deaf_club)) == ["Deaf club"]
    assert names(ranked(hearing, deaf_club)) == []


# Hard limits: left out, counted and named ----------------------------------------------


def test_cost_for_someone_who_can_only_go_to_free_things() -> None:
    said = person((WordSource.NOTES, "Can only go to free things"))
    free = asset("Free")
    paid = asset("Yoga", cost=Cost.PAID, cost_note="£6 a class")
    low = asset("Club", cost=Cost.LOW_COST, cost_note="£3 a session")
    free_option = asset("Swim", cost=Cost.LOW_COST, cost_note="Free for carers, £2 otherwise")
    result = ranked(said, free, paid, low, free_option)
    assert names(result) == ["Free", "Swim"]
    assert left_out(result) == {"Yoga": COSTS, "Club": COSTS}
    assert (COSTS, 2) in result.left_out
    assert "free, you said you can only go to free things" in by_name(result)["Free"].reasons
    assert any("check the free option" in c for c in by_name(result)["Swim"].concerns)
    # The same preference recorded as a field does the same.
    recorded = person(preferences=MatchPreferences(cost_limit=Cost.FREE))
    assert names(ranked(recorded, free, paid)) == ["Free"]


@pytest.mark.parametrize("need", [AccessNeed.STEP_FREE, AccessNeed.WHEELCHAIR])
def test_step_free_for_someone_who_needs_it(need: AccessNeed) -> None:
    chair = person(access_needs=(need,))
    level = asset("Level", accessibility=("step_free", "accessible_toilet"))
    upstairs = asset("Upstairs", description="Upstairs room; no lift.")
    garden = asset("Garden", eligibility="Access: steep paths and uneven ground")
    gravel = asset("Plot", eligibility="Access: Grass and gravel paths; beds at ground level.")
    unknown = asset("Unknown")
    result = ranked(chair, unknown, upstairs, garden, gravel, level)
    assert names(result) == ["Level", "Unknown"]
    assert left_out(result) == {
        "Upstairs": NOT_STEP_FREE,
        "Garden": NOT_STEP_FREE,
        "Plot": NOT_STEP_FREE,
    }
    assert (
        "step-free access not stated: check before they go" in by_name(result)["Unknown"].concerns
    )
    wheelchair = need is AccessNeed.WHEELCHAIR
    assert by_name(result)["Level"].reasons[0] == (
        "step-free, with an accessible toilet" if wheelchair else "step-free"
    )


def test_no_steps_or_a_lift_is_not_a_clash() -> None:
    chair = person(access_needs=(AccessNeed.STEP_FREE,))
    flat = asset("Flat", description="No steps anywhere")
    lift = asset("Lift", description="Upstairs room, with a lift")
    broken = asset("Broken lift", description="Upstairs; the lift is out of order")
    result = ranked(chair, flat, lift, broken)
    assert sorted(names(result)) == ["Flat", "Lift"]
    assert left_out(result) == {"Broken lift": NOT_STEP_FREE}


def test_every_session_outside_when_they_can_come() -> None:
    mornings = person(
        preferences=MatchPreferences(free_times=(FreeTime(Day.TUESDAY, PartOfDay.MORNING),))
    )
    evening = asset("Evening", opening_times=(OpeningTime(Day.TUESDAY, dt.time(19)),))
    monday = asset("Monday", opening_times=(OpeningTime(Day.MONDAY, dt.time(10)),))
    one_fits = asset(
        "One fits",
        opening_times=(OpeningTime(Day.MONDAY, dt.time(10)), OpeningTime(Day.TUESDAY, dt.time(10))),
    )
    appointment = asset("Appointment", opening_times=(OpeningTime(note="By appointment"),))
    untimed = asset("Untimed")
    result = ranked(mornings, evening, monday, one_fits, appointment, untimed)
    assert sorted(names(result)) == ["Appointment", "One fits", "Untimed"]
    assert left_out(result) == {"Evening": NOT_THEIR_TIMES, "Monday": NOT_THEIR_TIMES}
    assert "no times listed: check with them" in by_name(result)["Untimed"].concerns


def test_phone_only_for_someone_who_cannot_use_voice_calls() -> None:
    no_calls = person(access_needs=(AccessNeed.NO_VOICE_CALLS,))
    calls = asset("Phone friend", places=(), tags=("phone calls",), description="A weekly call.")
    texts = asset("Text friend", places=(), description="A weekly phone call or texts.")
    result = ranked(no_calls, calls, texts)
    assert names(result) == ["Text friend"]
    assert left_out(result) == {"Phone friend": PHONE_ONLY}
    # Someone who can use the phone gets both.
    assert len(ranked(person(), calls, texts).suggestions) == 2


def test_single_gender_for_someone_of_another_gender_and_unknown_gender() -> None:
    walk = asset("Men's walk", eligibility="Men only", tags=("walking",))
    open_walk = asset("Open walk", tags=("walking",))
    woman = person(gender="Female")
    unknown = person()
    assert names(ranked(woman, walk, open_walk)) == ["Open walk"]
    assert left_out(ranked(woman, walk, open_walk)) == {"Men's walk": "for men only"}
    result = ranked(unknown, walk, open_walk)
    assert names(result) == ["Open walk", "Men's walk"]
    assert (
        "for men only: check, as their gender is not recorded"
        in by_name(result)["Men's walk"].concerns
    )
    # For a man it fits, with nothing to check about who it is for.
    man = ranked(person(gender="Man"), walk)
    assert by_name(man)["Men's walk"].concerns == ()
    # Another limit beside the gender is still shown.
    older = asset("Older men", eligibility="Men only, over 60s", tags=("walking",))
    assert by_name(ranked(person(gender="Man"), older))["Older men"].concerns != ()


def test_an_eligibility_they_do_not_meet_and_one_they_may_meet() -> None:
    carers_only = asset("Carers only", eligibility="For carers only", tags=("gardening",))
    dementia = asset("Memory cafe", eligibility="For people living with dementia")
    garden = asset("Garden", tags=("gardening",))
    known = person((WordSource.ENJOY, "gardening"), reasons=("Low mood",))
    result = ranked(known, carers_only, dementia, garden)
    assert names(result) == ["Garden"]
    assert left_out(result) == {
        "Carers only": "for carers only",
        "Memory cafe": "for people living with dementia only",
    }
    # Living alone is seldom recorded: not knowing is not knowing they do not.
    alone = asset("Lunch club", eligibility="For people living alone")
    assert names(ranked(known, alone)) == ["Lunch club"]
    # Nothing recorded about their life: it may fit, so it stays, to check, below.
    thin = ranked(person(), carers_only, garden)
    assert names(thin) == ["Garden", "Carers only"]
    assert "check they can go: for carers only" in by_name(thin)["Carers only"].concerns


def test_words_that_say_they_are_not_in_a_group_leave_it_out_even_on_a_thin_record() -> None:
    memory = asset("Memory cafe", eligibility="For people living with dementia")
    sharp = person((WordSource.NOTES, "I've got all my marbles, thank you very much"))
    assert names(ranked(sharp, memory)) == []


@pytest.mark.parametrize(
    ("said", "theirs"),
    [
        ([("I haven't had a minute to myself since his stroke.", True)], {"stroke"}),
        ([("Husband had a stroke in March.", False)], {"stroke"}),
        ([("Mum has dementia and I do her shopping.", False)], {"dementia"}),
        # Their own too: not only someone else's.
        ([("Since his stroke", True), ("I had a stroke myself in 2019", True)], set()),
        # A link worker's note says "her" of the person themselves.
        ([("Her COPD is worse in the cold.", False)], set()),
    ],
)
def test_a_condition_said_only_of_someone_else_is_theirs(
    said: list[tuple[str, bool]], theirs: set[str]
) -> None:
    assert theirs_only(said) == {stem(w) for w in theirs}


def test_a_group_for_someone_elses_condition_is_not_offered_as_theirs() -> None:
    stroke_group = asset("Stroke club", tags=("stroke", "peer support"))
    carers = asset("Carers' cafe", categories=("Carers",), tags=("peer support",))
    wife = person(
        (WordSource.CHANGE, "I'm on my knees since his stroke."),
        reasons=("Carer support",),
        is_carer=True,
    )
    result = ranked(wife, stroke_group, carers)
    assert names(result)[0] == "Carers' cafe"
    assert "aimed at stroke survivors" in by_name(result)["Stroke club"].concerns
    survivor = person((WordSource.CHANGE, "Since my stroke I can't get out."))
    assert "aimed at stroke survivors" not in only(survivor, stroke_group).concerns


# A language ------------------------------------------------------------------------------


def test_a_language_is_never_a_reason_to_empty_the_list_with_an_interpreter() -> None:
    sylheti = person(first_language="Sylheti", interpreter_needed=True)
    english = [asset(f"Club {i}", languages=("English",)) for i in range(5)]
    result = ranked(sylheti, *english)
    assert len(result.suggestions) == 5
    assert all(
        "not in Sylheti: check an interpreter can come" in s.concerns for s in result.suggestions
    )


def test_a_volunteer_role_not_in_their_language_is_out_for_someone_needing_an_interpreter() -> None:
    polish = person(first_language="Polish", interpreter_needed=True)
    role = asset("Cafe volunteer", categories=("Volunteering",), languages=("English",))
    result = ranked(polish, role)
    assert left_out(result) == {"Cafe volunteer": "volunteering not in Polish"}


def test_a_language_needed_is_preferred_not_required_with_an_interpreter() -> None:
    polish = person(first_language="Polish", interpreter_needed=True)
    english_only = asset("English only", languages=("English",))
    offered = asset("Offered", languages=("English", "polish"))
    not_recorded = asset("Not recorded")
    result = ranked(polish, english_only, offered, not_recorded)
    assert names(result)[0] == "Offered"
    assert sorted(names(result)) == ["English only", "Not recorded", "Offered"]
    assert result.left_out == ()
    by_name = {s.name: s for s in result.suggestions}
    assert "offered in Polish" in by_name["Offered"].reasons
    assert "languages not recorded: check about an interpreter" in by_name["Not recorded"].concerns
    assert "not in Polish: check an interpreter can come" in by_name["English only"].concerns


def test_a_language_they_cannot_take_part_in_without_an_interpreter_is_a_hard_limit() -> None:
    no_english = person(first_language="Sylheti", speaks_english=False)
    english_only = asset("English only", languages=("English",))
    offered = asset("Offered", languages=("Sylheti",))
    not_recorded = asset("Not recorded")
    result = ranked(no_english, english_only, offered, not_recorded)
    assert names(result) == ["Offered", "Not recorded"]
    assert result.left_out == (("not offered in Sylheti", 1),)
    assert [(o.name, o.reason) for o in result.left_out_assets] == [
        ("English only", "not offered in Sylheti")
    ]
    assert "check it can be in Sylheti" in result.suggestions[1].concerns
    # With some English, the same listing stays.
    some_english = person(first_language="Sylheti", speaks_english=True)
    assert len(ranked(some_english, english_only, offered).suggestions) == 2


def test_a_group_run_only_in_languages_they_do_not_speak_is_left_out() -> None:
    cantonese = asset("Tea club", languages=("Cantonese", "Mandarin"), tags=("tai chi",))
    with_english = asset("Tai chi", languages=("English", "Cantonese"), tags=("tai chi",))
    english = person((WordSource.ENJOY, "tai chi"), first_language="English")
    result = ranked(english, cantonese, with_english)
    assert names(result) == ["Tai chi"]
    assert left_out(result) == {"Tea club": "not offered in a language they speak"}
    # Their own language is one they speak; a first language alone says nothing of English.
    assert names(ranked(person(first_language="Cantonese"), cantonese)) == ["Tea club"]
    urdu = person(first_language="Urdu")
    assert names(ranked(urdu, asset("Knit", languages=("English",)))) == ["Knit"]


@pytest.mark.parametrize(
    "eligibility",
    ["People in or seeking recovery", "For anyone who has lost someone", "Widowed men and women"],
)
def test_a_group_named_in_other_words_is_still_a_limit(eligibility: str) -> None:
    cafe = asset("Cafe", eligibility=eligibility, tags=("cafe",))
    known = person((WordSource.ENJOY, "a cafe"), reasons=("Loneliness",))
    assert names(ranked(known, cafe)) == []
    assert len(ranked(known, cafe).left_out_assets) == 1


def test_anyone_welcome_is_not_a_limit_but_anyone_who_is() -> None:
    known = person((WordSource.ENJOY, "a cafe"), reasons=("Loneliness",))
    open_to_all = asset("Open", eligibility="Carers especially, but anyone welcome")
    assert names(ranked(known, open_to_all)) == ["Open"]
    grieving = person((WordSource.NOTES, "since my wife died"), reasons=("Bereavement",))
    lost = asset("Lost", eligibility="For anyone who has lost someone")
    assert names(ranked(grieving, lost)) == ["Lost"]


TUESDAY_MORNINGS = MatchPreferences(free_times=(FreeTime(Day.TUESDAY, PartOfDay.MORNING),))


def only(profile: MatchProfile, item: AssetFacts) -> Suggestion:
    (suggestion,) = ranked(profile, item).suggestions
    return suggestion


def test_times_that_never_fit_are_a_hard_limit() -> None:
    free = person(preferences=TUESDAY_MORNINGS)
    evening = asset("Evening group", opening_times=(OpeningTime(Day.THURSDAY, dt.time(19)),))
    tuesday_evening = asset(
        "Tuesday evening", opening_times=(OpeningTime(Day.TUESDAY, dt.time(19)),)
    )
    result = ranked(free, evening, tuesday_evening, asset("Untimed"))
    assert names(result) == ["Untimed"]
    assert result.left_out == (("only at times they cannot come", 2),)


def test_a_time_near_when_they_are_free_is_a_concern_not_a_limit() -> None:
    free = person(preferences=TUESDAY_MORNINGS)
    lunchtime = only(free, asset("Lunch", opening_times=(OpeningTime(Day.TUESDAY, dt.time(13)),)))
    assert "runs Tue 13:00; you said mornings suit you" in lunchtime.concerns
    untimed = only(free, asset("Untimed"))
    assert untimed.score > lunchtime.score
    assert not any("runs" in c for c in untimed.concerns)
    # Two hours out is not near: a 10:00 start for someone free in the afternoons.
    afternoons = person(
        preferences=MatchPreferences(free_times=(FreeTime(Day.TUESDAY, PartOfDay.AFTERNOON),))
    )
    morning = asset("Morning", opening_times=(OpeningTime(Day.TUESDAY, dt.time(10)),))
    assert left_out(ranked(afternoons, morning)) == {"Morning": NOT_THEIR_TIMES}


def test_a_time_in_words_is_unknown_not_a_clash() -> None:
    free = person(preferences=TUESDAY_MORNINGS)
    both = asset(
        "Both",
        opening_times=(
            OpeningTime(Day.THURSDAY, dt.time(19)),
            OpeningTime(note="Other days by appointment"),
        ),
    )
    assert names(ranked(free, both)) == ["Both"]


# Words said against count against ------------------------------------------------------


READING = asset("Reading group", categories=("Learning",), tags=("reading", "books"))
CHAT = asset("Chatter table", categories=("Community cafe",), tags=("chatting", "talking"))
WALK = asset("Walk", categories=("Walking",), tags=("walking",))


def test_cannot_read_any_more_puts_a_reading_group_below() -> None:
    him = person((WordSource.WHAT_MATTERS, "Can't read the paper any more, used to love walking"))
    result = ranked(him, READING, WALK)
    assert names(result) == ["Walk", "Reading group"]
    assert 'you said "Can\'t read the paper any more"' in by_name(result)["Reading group"].concerns
    assert not any("read" in r for r in by_name(result)["Reading group"].reasons)


def test_not_keen_on_talking_groups_puts_them_below() -> None:
    her = person((WordSource.ENJOY, "Not keen on talking groups"))
    result = ranked(her, CHAT, WALK)
    assert names(result) == ["Walk", "Chatter table"]


def test_no_one_to_talk_to_still_counts_for_talking() -> None:
    her = person((WordSource.CHANGE, "I've no one to talk to"))
    assert names(ranked(her, WALK, CHAT))[0] == "Chatter table"


def test_not_a_group_person_gets_one_to_one_first() -> None:
    group = asset("Craft group", categories=("Arts and crafts",), tags=("crafts",))
    visits = asset("Befriending visits", categories=("Befriending",), tags=("crafts",))
    him = person((WordSource.NOTES, "Not a big group thing, likes crafts"))
    result = ranked(him, group, visits)
    assert names(result) == ["Befriending visits", "Craft group"]
    assert any("a group" in c for c in by_name(result)["Craft group"].concerns)


def test_marbles_puts_a_dementia_group_below_by_its_tags() -> None:
    memory = asset("Memory singing", tags=("dementia", "singing"))
    choir = asset("Choir", tags=("singing",))
    him = person((WordSource.ENJOY, "Singing. I've got all my marbles mind"))
    assert names(ranked(him, memory, choir)) == ["Choir", "Memory singing"]


# What a listing does not say ---------------------------------------------------------


def test_a_listing_missing_facts_is_ranked_on_what_it_has_and_says_so() -> None:
    bare = AssetFacts(id=uuid.uuid4(), name="Garden club", tags=("gardening",))
    her = person(
        (WordSource.ENJOY, "gardening"),
        reasons=("Low mood",),
        postcode="CH65 2AB",
        preferences=MatchPreferences(free_times=(FreeTime(Day.MONDAY, PartOfDay.MORNING),)),
    )
    (found,) = ranked(her, bare).suggestions
    assert found.reasons[0] == "gardening, which you enjoy"
    assert (
        "no times listed; no place given; no kind of help given: check with them" in found.concerns
    )


def test_reasons_never_say_mentions_or_quote_in_brackets() -> None:
    her = person((WordSource.CHANGE, "I want to natter with someone"), reasons=("Loneliness",))
    for suggestion in ranked(her, CHAT, WALK).suggestions:
        for reason in suggestion.reasons:
            assert not reason.startswith("mentions"), reason
            assert "(you said" not in reason, reason


def test_a_listing_not_checked_for_over_eighteen_months_says_check_it_is_still_running() -> None:
    old = asset("Old", last_verified_on=dt.date(2024, 10, 1))
    recent = asset("Less old", last_verified_on=dt.date(2025, 4, 1))
    result = by_name(ranked(person(), old, recent))
    assert "not verified for 20 months: check it is still running" in result["Old"].concerns
    assert "not verified for 14 months" in result["Less old"].concerns
