"""The order of a suggestion list: variety by kind and by the person's word, a way to give in the
first ten, pinned first, the limit, scores to one decimal place; and the terms a big directory is
searched for first.

Scores here are set by what each asset has (see test_match_points): a tag with one of the
person's words, a free drop-in, checked recently, is 46; checked half a year ago 44; never
checked 40; never checked and paid 38.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid

from linkworker.domain.directory import Cost
from linkworker.domain.geo import EARTH_RADIUS_MILES
from linkworker.domain.match_scoring import QUERY_TERMS_MAX, query_terms, rank
from linkworker.domain.match_words import stem
from linkworker.domain.matching import (
    DEFAULT_REASON_KINDS,
    AssetFacts,
    AssetPlace,
    GeoPoint,
    MatchProfile,
    MatchResult,
    PersonWords,
    RankOptions,
    WordSource,
)
from tests.unit.test_match_scoring import asset as listing
from tests.unit.test_match_scoring import names

TODAY = dt.date(2026, 6, 1)
RECENT, MIDWAY, NEVER = TODAY - dt.timedelta(days=10), TODAY - dt.timedelta(days=180), None
COOK = "cooking, painting, singing"


def person(*words: tuple[WordSource, str], **fields: object) -> MatchProfile:
    said = tuple(PersonWords(source, text) for source, text in words)
    return MatchProfile(person_id=uuid.UUID(int=1), words=said, **fields)  # type: ignore[arg-type]


COOKS = person((WordSource.ENJOY, COOK))
NOBODY = person()


def asset(name: str, kind: str = "", word: str = "", checked: dt.date | None = RECENT,
          **fields: object) -> AssetFacts:  # fmt: skip
    return AssetFacts(
        id=uuid.uuid5(uuid.NAMESPACE_DNS, name),
        name=name,
        categories=(kind,) if kind else (),
        tags=(word,) if word else (),
        last_verified_on=checked,
        **fields,  # type: ignore[arg-type]
    )


def ranked(profile: MatchProfile, *items: AssetFacts, limit: int = 20) -> MatchResult:
    return rank(profile, items, RankOptions(limit=limit, today=TODAY))


def order(profile: MatchProfile, *items: AssetFacts, limit: int = 20) -> list[str]:
    return names(ranked(profile, *items, limit=limit))


def test_the_scores_the_tests_below_rely_on() -> None:
    scores = {
        s.name: s.score
        for s in ranked(
            COOKS,
            asset("recent", "Alpha", "cooking"),
            asset("midway", "Alpha", "cooking", MIDWAY),
            asset("never", "Alpha", "cooking", NEVER),
            asset("paid", "Alpha", "cooking", NEVER, cost=Cost.PAID),
        ).suggestions
    }
    assert scores == {"recent": 46.0, "midway": 44.0, "never": 40.0, "paid": 38.0}


def test_a_second_of_the_same_kind_and_word_is_marked_down_for_its_kind_only() -> None:
    # 46 - 6 for the kind = 40, above the other kind's 38; counted twice it would fall below.
    items = (
        asset("a first", "Alpha", "cooking"),
        asset("b same kind and word", "Alpha", "cooking"),
        asset("c other", "Beta", "painting", NEVER, cost=Cost.PAID),
    )
    assert order(COOKS, *items) == ["a first", "b same kind and word", "c other"]


def test_another_kind_led_by_the_same_word_is_marked_down_for_the_word() -> None:
    first, same_word = asset("a first", "Alpha", "cooking"), asset("b same word", "Beta", "cooking")
    # 46 - 4 = 42: above a 40, below a 44.
    assert order(COOKS, first, same_word, asset("c", "Gamma", "painting", NEVER)) == [
        "a first",
        "b same word",
        "c",
    ]
    assert order(COOKS, first, same_word, asset("c", "Gamma", "painting", MIDWAY)) == [
        "a first",
        "c",
        "b same word",
    ]


def test_assets_of_no_kind_are_like_nothing_else() -> None:
    plain = [asset("a plain"), asset("b plain")]
    assert order(COOKS, *plain, asset("c kind", "Gamma", checked=MIDWAY)) == [
        "a plain",
        "b plain",
        "c kind",
    ]
    # ... but two led by the same word still share that word: 46 - 4 = 42.
    no_kind = [asset("a no kind", word="cooking"), asset("b no kind", word="cooking")]
    assert order(COOKS, *no_kind, asset("c", "Gamma", "painting", MIDWAY)) == [
        "a no kind",
        "c",
        "b no kind",
    ]
    assert order(COOKS, *no_kind, asset("c", "Gamma", "painting", NEVER)) == [
        "a no kind",
        "b no kind",
        "c",
    ]


def test_equal_after_the_penalties_the_higher_score_goes_first() -> None:
    # After the first: 46 - 6 (its kind) = 40 and 44 - 4 (its word) = 40.
    items = (
        asset("a first", "Alpha", "cooking"),
        asset("b same kind", "Alpha", "painting"),
        asset("c same word", "Beta", "cooking", MIDWAY),
    )
    assert order(COOKS, *items) == ["a first", "b same kind", "c same word"]


# A way to give ---------------------------------------------------------------------------------

GIVER = person((WordSource.ENJOY, COOK), (WordSource.STRENGTH, "driving"))
STRONG = [asset(f"Group {i:02}", f"Kind {i}", "cooking, painting, singing") for i in range(15)]
DRIVER = asset("Volunteer driver", "Volunteering", "driving", NEVER, cost=Cost.PAID)


def test_a_way_to_give_goes_last_of_the_first_ten() -> None:
    names = order(GIVER, *STRONG, DRIVER)
    assert names.index(DRIVER.name) == 9
    assert names[:9] + names[10:] == order(GIVER, *STRONG)
    assert len(names) == 16


def test_a_way_to_give_is_in_a_shorter_list_as_its_last() -> None:
    names = order(GIVER, *STRONG, DRIVER, limit=5)
    assert names == [*order(GIVER, *STRONG, limit=4), DRIVER.name]
    full = order(GIVER, *STRONG, DRIVER, limit=15)
    assert len(full) == 15 and full[9] == DRIVER.name


def test_a_way_to_give_that_matches_nothing_they_said_is_not_brought_forward() -> None:
    unrelated = asset("Volunteer at the museum", "Volunteering", "museums", NEVER, cost=Cost.PAID)
    assert unrelated.name not in order(GIVER, *STRONG, unrelated)[:10]


def test_ten_pinned_leave_no_room_for_a_way_to_give() -> None:
    pinned = frozenset(a.id for a in STRONG[:10])
    profile = person((WordSource.ENJOY, COOK), (WordSource.STRENGTH, "driving"), pinned=pinned)
    names = order(profile, *STRONG, DRIVER, limit=10)
    assert len(names) == 10 and DRIVER.name not in names


# Pinned, the limit, and the scores shown ---------------------------------------------------------


def test_pinned_count_towards_the_limit() -> None:
    pinned = person(pinned=frozenset({STRONG[14].id}))
    names = order(pinned, *STRONG, limit=3)
    assert len(names) == 3 and names[0] == STRONG[14].name
    many = person(pinned=frozenset(a.id for a in STRONG[:4]))
    assert sorted(order(many, *STRONG, limit=3)) == sorted(a.name for a in STRONG[:4])


def test_a_score_is_shown_to_one_decimal_place() -> None:
    home = GeoPoint(53.28, -2.89)
    miles = 1.0375  # 8 points at the door, less a fifth for each mile: 6.34
    there = GeoPoint(home.latitude + miles / (EARTH_RADIUS_MILES * math.pi / 180), home.longitude)
    (suggestion,) = ranked(
        person(point=home), asset("Near", places=(AssetPlace("", there),))
    ).suggestions
    assert suggestion.score == 32.3
    assert suggestion.distance_miles == 1.04


# What a big directory is searched for first -------------------------------------------------------


def stems(text: str) -> set[str]:
    return {stem(w) for w in text.split()}


def test_query_terms_bring_in_the_synonyms_of_their_words_and_phrases() -> None:
    terms = query_terms(person((WordSource.WHAT_MATTERS, "I want to give back")), {})
    assert terms == (stem("volunteering"),)
    friends = query_terms(person((WordSource.ENJOY, "a brew with friends")), {})
    assert friends[:2] == ("brew", "friend")
    assert stems("tea coffee companionship chatting loneliness") <= set(friends)


def test_query_terms_read_the_reasons_table_loosely() -> None:
    terms = query_terms(person(reasons=("money  OR Debt",)), DEFAULT_REASON_KINDS)
    assert terms[:4] == tuple(stem(w) for w in ("advice", "budgeting", "benefits", "practical"))
    assert query_terms(person(reasons=("Gardening club",)), {}) == ("garden",)


def test_query_terms_are_folded_as_the_directory_is_even_outside_latin() -> None:
    # Cherokee capitals and small letters fold to the capitals; lower() would go the other way.
    terms = query_terms(person((WordSource.ENJOY, "ᏣᎳᎩ ꮳꮃꭹ")), {})
    assert terms == ("ᏣᎳᎩ",)


def test_query_terms_put_their_words_first() -> None:
    profile = person(
        (WordSource.STRENGTH, "Baking"),
        (WordSource.WHAT_MATTERS, "I want to get back into gardening"),
        (WordSource.ENJOY, "Walks with my dog"),
        reasons=("Loneliness",),
    )
    terms = query_terms(profile, DEFAULT_REASON_KINDS)
    assert terms[:4] == ("garden", "walk", "dog", "bak")
    assert terms[4:9] == ("befriend", "caf", "peer", "volunteer", "shed")
    assert "want" not in terms and "get" not in terms and "back" not in terms
    assert len(terms) == len(set(terms))


def test_query_terms_are_capped_and_empty_for_a_thin_profile() -> None:
    chatty = person(
        (
            WordSource.WHAT_MATTERS,
            " ".join(f"word{chr(97 + i)}xyz" for i in range(26))
            + " gardening walking singing knitting",
        )
    )
    terms = query_terms(chatty, DEFAULT_REASON_KINDS)
    assert len(terms) == QUERY_TERMS_MAX
    assert query_terms(NOBODY, DEFAULT_REASON_KINDS) == ()
    assert query_terms(person(is_carer=True), {}) == ("carer",)


# Variety and order with the whole picture -------------------------------------------------


def test_the_top_ten_is_not_ten_walking_groups() -> None:
    walker = person((WordSource.ENJOY, "walking"), reasons=("Physical activity",))
    walks = [
        listing(f"Walk {i}", categories=("Walking and exercise",), tags=("walking",))
        for i in range(12)
    ]
    others = [
        listing(f"{kind} group", categories=(kind,), tags=("walking",))
        for kind in ("Gardening", "Library", "Community cafe", "Arts and crafts")
    ]
    result = ranked(walker, *walks, *others)
    # Every walk scores more than every other kind ...
    best = {s.name: s.score for s in result.suggestions}
    assert min(best[w.name] for w in walks[:10] if w.name in best) > max(
        best[o.name] for o in others
    )
    # ... but the other kinds come into the first ten.
    top_ten = names(result)[:10]
    assert sum(name.startswith("Walk") for name in top_ten) <= 6
    assert {
        f"{k} group" for k in ("Gardening", "Library", "Community cafe", "Arts and crafts")
    } <= set(top_ten)


def test_ties_are_broken_by_name_and_the_order_does_not_depend_on_the_input() -> None:
    items = [listing(name) for name in ("Cedar", "ash", "Birch", "Alder")]
    first = ranked(NOBODY, *items)
    assert names(first) == ["Alder", "ash", "Birch", "Cedar"]
    shuffled = items[:]
    random.Random(4).shuffle(shuffled)
    assert ranked(NOBODY, *shuffled) == first


def test_a_way_to_use_their_strengths_is_in_the_first_ten() -> None:
    profile = person(
        (WordSource.ENJOY, "gardening, walking and singing"), (WordSource.STRENGTH, "driving")
    )
    strong = [
        listing(
            f"Group {i:02}", categories=(f"Kind {i}",), tags=("gardening", "walking", "singing")
        )
        for i in range(15)
    ]
    driver = listing(
        "Volunteer Driver",
        categories=("Volunteering",),
        tags=("driving",),
        last_verified_on=None,
        cost=Cost.PAID,
    )
    result = ranked(profile, *strong, driver)
    assert driver.name in names(result)[:10]
    suggestion = next(s for s in result.suggestions if s.name == driver.name)
    assert suggestion.giving
    assert "a way to use what you're good at: driving" in suggestion.reasons
    # Without strengths, no such place is kept for it.
    no_strengths = person((WordSource.ENJOY, "gardening, walking and singing"))
    assert driver.name not in names(ranked(no_strengths, *strong, driver))[:10]


def test_the_limit() -> None:
    items = [listing(f"Asset {i:02}") for i in range(30)]
    assert len(ranked(NOBODY, *items, limit=5).suggestions) == 5
    assert ranked(NOBODY, *items, limit=0).suggestions == ()
