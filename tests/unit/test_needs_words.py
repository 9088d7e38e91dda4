"""Reading needs as people write them (domain/needs_words.py)."""

from __future__ import annotations

import pytest

from linkworker.domain.directory import Cost, Day
from linkworker.domain.matching import FreeTime, PartOfDay
from linkworker.domain.needs_words import (
    describe_free_times,
    language_name,
    read_cost,
    read_free_times,
    read_needs,
)
from linkworker.domain.people import AccessNeed, ContactMethod

STEP_FREE, WHEELCHAIR, MOBILITY = AccessNeed.STEP_FREE, AccessNeed.WHEELCHAIR, AccessNeed.MOBILITY
HEARING, BSL, NO_CALLS = AccessNeed.HEARING, AccessNeed.BSL, AccessNeed.NO_VOICE_CALLS


@pytest.mark.parametrize(
    ("words", "needs"),
    [
        ("Uses a walking stick", {MOBILITY}),
        ("walks with a stick", {MOBILITY}),
        ("Zimmer frame indoors", {MOBILITY}),
        ("limited mobility", {MOBILITY}),
        ("needs step-free access and an accessible toilet", {STEP_FREE}),
        ("Step free access please", {STEP_FREE}),
        ("can't do stairs", {STEP_FREE}),
        ("Cannot manage steps", {STEP_FREE}),
        ("struggles with stairs since her hip", {STEP_FREE}),
        ("no longer able to manage stairs", {STEP_FREE}),
        ("ground floor only", {STEP_FREE}),
        ("no stairs please", {STEP_FREE}),
        ("Wheelchair user", {WHEELCHAIR}),
        ("uses a wheelchair outdoors", {WHEELCHAIR}),
        ("in a powerchair", {WHEELCHAIR}),
        ("mobility scooter", {STEP_FREE, MOBILITY}),
        ("Hearing loop", {HEARING}),
        ("needs a loop system", {HEARING}),
        ("hard of hearing", {HEARING}),
        ("wears hearing aids", {HEARING}),
        ("BSL is his first language", {BSL}),
        ("British Sign Language user", {BSL}),
        ("Profoundly deaf, texts only", {HEARING, NO_CALLS}),
        ("can't use the phone", {NO_CALLS}),
        ("cannot hear on the phone", {NO_CALLS}),
        ("large print", {AccessNeed.LARGE_PRINT}),
        ("Needs bigger print on letters", {AccessNeed.LARGE_PRINT}),
        ("partially sighted", {AccessNeed.SIGHT}),
        ("macular degeneration", {AccessNeed.SIGHT}),
        ("easy-read letters", {AccessNeed.EASY_READ}),
    ],
)
def test_access_needs_as_people_write_them(words: str, needs: set[AccessNeed]) -> None:
    assert set(read_needs(access=words).access_needs) == needs


@pytest.mark.parametrize(
    "words",
    [
        "no mobility problems",
        "Mobility fine",
        "mobility: none",
        "not a wheelchair user",
        "doesn't use a wheelchair",
        "manages stairs fine",
        "no hearing problems",
        "doesn't need large print",
        "None",
        "n/a",
        "Loves a good sing-song",
        "stairs are fine",
    ],
)
def test_words_that_say_there_is_no_need_are_not_read_as_one(words: str) -> None:
    reading = read_needs(access=words)
    assert reading.access_needs == ()
    assert reading.conflicts == ()


def test_walking_stick_is_mobility_not_step_free() -> None:
    # The words do not say they cannot manage steps: that is for the worker to ask.
    assert read_needs(access="Uses a walking stick").access_needs == (MOBILITY,)


def test_prefers_texts_is_a_preference_not_an_inability() -> None:
    for words in ("prefers texts to phone calls", "texts not calls", "Text only please"):
        reading = read_needs(access=words)
        assert reading.preferred_contact is ContactMethod.TEXT, words
        assert NO_CALLS not in reading.access_needs, words


def test_bsl_as_first_language_is_recorded_as_their_language() -> None:
    reading = read_needs(access="BSL is his first language")
    assert reading.first_language == "British Sign Language"
    assert reading.access_needs == (BSL,)


@pytest.mark.parametrize(
    ("words", "language"),
    [
        ("needs a Sylheti interpreter", "Sylheti"),
        ("needs a sylheti interpreter", "Sylheti"),
        ("Interpreter: Polish", "Polish"),
        ("interpreter (Tigrinya)", "Tigrinya"),
        ("interpreter for Arabic", "Arabic"),
        ("Needs interpreter - Kurdish Sorani", "Kurdish"),
        ("needs an interpreter", ""),
        ("Needs a Xhosa interpreter", "Xhosa"),
    ],
)
def test_an_interpreter_and_its_language(words: str, language: str) -> None:
    reading = read_needs(languages=words)
    assert reading.interpreter is True
    assert reading.interpreter_language == language


@pytest.mark.parametrize(
    "words",
    [
        "doesn't need an interpreter",
        "no interpreter needed",
        "Interpreter not required",
        "does not need an interpreter, good English",
    ],
)
def test_no_interpreter_needed_is_not_read_as_needing_one(words: str) -> None:
    reading = read_needs(languages=words)
    assert reading.interpreter is False
    assert reading.interpreter_language == ""


@pytest.mark.parametrize(
    ("words", "speaks"),
    [
        ("no English", False),
        ("very little English", False),
        ("doesn't speak English", False),
        ("speaks some English", True),
        ("good English", True),
        ("Polish", None),
    ],
)
def test_whether_they_speak_english(words: str, speaks: bool | None) -> None:
    assert read_needs(languages=words).speaks_english is speaks


def test_a_plain_language_is_their_first_language() -> None:
    assert read_needs(languages="polish").first_language == "Polish"
    assert read_needs(languages="English").first_language == ""
    assert language_name("Bengali (Sylheti)") == "Bengali"


def _times(days: tuple[Day, ...], *parts: PartOfDay) -> tuple[FreeTime, ...]:
    return tuple(sorted(FreeTime(d, p) for d in days for p in (parts or tuple(PartOfDay))))


WEEKDAYS = tuple(Day)[:5]
WEEKEND = (Day.SATURDAY, Day.SUNDAY)
MON_THU = tuple(Day)[:4]


@pytest.mark.parametrize(
    ("words", "times"),
    [
        ("weekends only", _times(WEEKEND)),
        ("Weekends", _times(WEEKEND)),
        ("Mon-Thu mornings", _times(MON_THU, PartOfDay.MORNING)),
        ("Monday to Thursday, mornings", _times(MON_THU, PartOfDay.MORNING)),
        ("weekday mornings", _times(WEEKDAYS, PartOfDay.MORNING)),
        ("Tuesdays and Thursdays", _times((Day.TUESDAY, Day.THURSDAY))),
        ("Tues pm", _times((Day.TUESDAY,), PartOfDay.AFTERNOON)),
        ("afternoons", _times(tuple(Day), PartOfDay.AFTERNOON)),
        ("evenings after work", _times(tuple(Day), PartOfDay.EVENING)),
        ("any day except Wednesday", _times((Day.MONDAY, Day.TUESDAY, *tuple(Day)[3:]))),
        ("not Fridays", _times((*tuple(Day)[:4], *WEEKEND))),
    ],
)
def test_free_times_as_people_write_them(words: str, times: tuple[FreeTime, ...]) -> None:
    reading = read_free_times(words)
    assert reading.free_times == times
    assert reading.conflicts == ()


def test_times_that_disagree_are_a_conflict_and_are_not_set() -> None:
    reading = read_free_times("weekends only; weekday mornings")
    assert reading.free_times == ()
    (conflict,) = reading.conflicts
    assert "weekends only" in conflict and "weekday mornings" in conflict


def test_times_not_understood_are_said() -> None:
    reading = read_free_times("after the school run")
    assert reading.free_times == () and reading.not_understood == ("after the school run",)


def test_free_times_are_described_in_a_few_words() -> None:
    said = describe_free_times(_times(MON_THU, PartOfDay.MORNING) + _times(WEEKEND))
    assert said == "Mon, Tue, Wed, Thu morning; Sat, Sun any time"


@pytest.mark.parametrize(
    ("words", "cost"),
    [
        ("free only", Cost.FREE),
        ("Free", Cost.FREE),
        ("only free things", Cost.FREE),
        ("can't afford anything", Cost.FREE),
        ("Cannot pay for groups", Cost.FREE),
        ("no spare money", Cost.FREE),
        ("up to £5", Cost.LOW_COST),
        ("£3 a session max", Cost.LOW_COST),
        ("low cost", Cost.LOW_COST),
        ("happy to pay", Cost.PAID),
        ("money no object", Cost.PAID),
    ],
)
def test_what_they_can_afford(words: str, cost: Cost) -> None:
    assert read_cost(words).cost_limit is cost


def test_free_only_and_a_paid_preference_are_a_conflict() -> None:
    reading = read_cost("free only, happy to pay for swimming")
    assert reading.cost_limit is None
    (conflict,) = reading.conflicts
    assert "free only" in conflict and "happy to pay for swimming" in conflict


def test_a_need_said_and_unsaid_is_a_conflict() -> None:
    reading = read_needs(access="uses a wheelchair; no mobility problems")
    assert reading.conflicts
    assert "uses a wheelchair" in reading.conflicts[0]


def test_an_interpreter_needed_and_not_is_a_conflict() -> None:
    reading = read_needs(access="needs a Sylheti interpreter", languages="no interpreter needed")
    assert reading.conflicts


def test_what_was_recognised_names_the_words_it_came_from() -> None:
    reading = read_needs(
        access="Uses a walking stick; prefers texts to phone calls",
        free_times="Mon-Thu mornings",
        cost="free only",
    )
    said = {r.what: r.words for r in reading.recognised}
    assert said["Mobility"] == "Uses a walking stick"
    assert said["Prefers contact by text message"] == "prefers texts to phone calls"
    assert said["Only free things"] == "free only"
    assert said["Free: Mon, Tue, Wed, Thu morning"] == "Mon-Thu mornings"
    assert reading.cost_limit is Cost.FREE


def test_beside_the_words_each_field_says_what_was_read_or_that_it_disagrees() -> None:
    from linkworker.domain.needs_words import read_as_written
    from linkworker.domain.people import NeedsAsWritten

    fields, conflicts = read_as_written(
        NeedsAsWritten(access="Uses a walking stick", cost="free only, happy to pay for swimming")
    )
    access, cost = fields
    assert (access.label, access.words, access.read_as) == (
        "Access needs",
        "Uses a walking stick",
        ("Mobility",),
    )
    assert cost.read_as == ("The words disagree: see below",)
    assert len(conflicts) == 1
