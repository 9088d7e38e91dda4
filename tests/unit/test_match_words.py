"""The person's words and referral reasons against an asset's: stems, synonyms, phrases, kinds.

Points are measured against the plain asset of test_match_points (nothing but a name):
a word found adds WORD_POINTS x where the person said it x where the asset says it.
"""

from __future__ import annotations

import uuid

import pytest

from linkworker.domain.match_assets import (
    CATEGORY_WEIGHT,
    NAME_WEIGHT,
    TAG_WEIGHT,
    TEXT_WEIGHT,
)
from linkworker.domain.match_weights import (
    BASE_POINTS,
    KIND_MORE,
    KIND_STEP,
    PHRASE_FACTOR,
    REASON_DECAY,
    REASON_KIND_POINTS,
    SOURCE_WEIGHTS,
    STRENGTH_GIVING_WEIGHT,
    SYNONYM_FACTOR,
    WORD_DECAY,
    WORD_MAX,
    WORD_POINTS,
)
from linkworker.domain.matching import MatchProfile, PersonWords, WordSource
from tests.unit.test_match_points import fit, gain, plain

ENJOY, MATTERS, INTEREST, CHANGE, STRENGTH = (
    WordSource.ENJOY,
    WordSource.WHAT_MATTERS,
    WordSource.INTEREST,
    WordSource.CHANGE,
    WordSource.STRENGTH,
)


def saying(*words: tuple[WordSource, str], **fields: object) -> MatchProfile:
    said = tuple(PersonWords(source, text) for source, text in words)
    return MatchProfile(person_id=uuid.UUID(int=1), words=said, **fields)  # type: ignore[arg-type]


# Where a word is said, and where the asset says it ----------------------------------------


@pytest.mark.parametrize(
    ("field", "weight"),
    [
        ({"tags": ("gardening",)}, TAG_WEIGHT),
        ({"categories": ("Gardening",)}, CATEGORY_WEIGHT),
        ({"name": "Gardening Club"}, NAME_WEIGHT),
        ({"description": "We do gardening."}, TEXT_WEIGHT),
        ({"eligibility": "Anyone who likes gardening"}, TEXT_WEIGHT),
        ({"tags": ("gardening",), "name": "Gardening", "description": "gardening"}, TAG_WEIGHT),
    ],
)
def test_a_word_counts_by_where_the_asset_says_it(field: dict[str, object], weight: float) -> None:
    found = fit(saying((ENJOY, "gardening")), plain(**field))
    assert found.points - BASE_POINTS == pytest.approx(WORD_POINTS * weight)
    assert (found.matched, found.lead) == (True, "gardening")


@pytest.mark.parametrize("source", list(WordSource))
def test_a_word_counts_by_where_the_person_said_it(source: WordSource) -> None:
    assert gain(saying((source, "gardening")), plain(tags=("gardening",))) == pytest.approx(
        WORD_POINTS * SOURCE_WEIGHTS[source]
    )


def test_a_strength_counts_for_more_in_a_way_to_give() -> None:
    volunteer = plain(categories=("Volunteering",), tags=("baking",))
    found = fit(saying((STRENGTH, "baking")), volunteer)
    assert found.points - BASE_POINTS == pytest.approx(WORD_POINTS * STRENGTH_GIVING_WEIGHT)
    assert found.reasons == ["a way to use what you're good at: baking"]


def test_the_same_word_as_a_strength_and_a_liking_counts_the_way_that_fits() -> None:
    profile = saying((ENJOY, "baking"), (STRENGTH, "baking"))
    cafe = fit(profile, plain(tags=("baking",)))
    assert cafe.reasons == ["baking, which you enjoy"]
    assert cafe.points - BASE_POINTS == pytest.approx(WORD_POINTS)
    volunteer = fit(profile, plain(categories=("Volunteering",), tags=("baking",)))
    assert volunteer.reasons == ["a way to use what you're good at: baking"]


def test_a_strength_through_a_synonym_in_a_way_to_give() -> None:
    woodwork = plain(categories=("Volunteering",), tags=("woodwork",))
    expected = WORD_POINTS * STRENGTH_GIVING_WEIGHT * SYNONYM_FACTOR
    assert gain(saying((STRENGTH, "joinery")), woodwork) == pytest.approx(expected)


def test_the_first_place_a_word_was_said_speaks_for_it_when_they_count_the_same() -> None:
    profile = saying((MATTERS, "gardening"), (ENJOY, "my garden"))
    reasons = fit(profile, plain(tags=("gardening",))).reasons
    assert reasons == ["gardening, which you said matters to you"]
    stronger_later = saying((CHANGE, "gardening"), (ENJOY, "my garden"))
    assert fit(stronger_later, plain(tags=("gardening",))).reasons == ["garden, which you enjoy"]


def test_further_words_count_less_each_up_to_a_limit() -> None:
    profile = saying((ENJOY, "walking, gardening, singing, knitting, cooking"))
    two = fit(profile, plain(tags=("walking",), name="Gardening"))
    assert two.points - BASE_POINTS == pytest.approx(
        WORD_POINTS * TAG_WEIGHT + WORD_POINTS * NAME_WEIGHT * WORD_DECAY
    )
    assert two.lead == "walking"
    # Things said in the same place are said together, the strongest first.
    assert two.reasons == ["walking and gardening, which you enjoy"]
    every = plain(tags=("walking", "gardening", "singing", "knitting", "cooking"))
    found = fit(profile, every)
    assert found.points - BASE_POINTS == WORD_MAX
    (enjoyed,) = found.reasons  # three of the five, said together
    assert enjoyed.endswith(", which you enjoy")
    assert len(enjoyed.removesuffix(", which you enjoy").replace(" and ", ", ").split(", ")) == 3


def test_one_thing_said_counts_once_however_many_of_its_words_are_found() -> None:
    # "garden walks", an interest, is quoted whole: both its words are the one thing said.
    found = fit(saying((INTEREST, "garden walks")), plain(tags=("gardening", "walking")))
    assert found.points - BASE_POINTS == pytest.approx(WORD_POINTS * SOURCE_WEIGHTS[INTEREST])
    assert found.reasons == ["garden walks, one of your interests"]


@pytest.mark.parametrize(
    ("interest", "quoted"),
    [
        ("old  films", "old films"),
        ("films " + "x" * 34, "films " + "x" * 34),
        ("films " + "x" * 35, "films"),
    ],
)
def test_an_interest_is_quoted_whole_when_short(interest: str, quoted: str) -> None:
    reasons = fit(saying((INTEREST, interest)), plain(tags=("films",))).reasons
    assert reasons == [f"{quoted}, one of your interests"]


# Synonyms and phrases -----------------------------------------------------------------------


def test_a_word_through_the_synonym_table_counts_less_and_says_both_words() -> None:
    found = fit(saying((ENJOY, "a brew")), plain(description="Tea, then a chat."))
    assert found.points - BASE_POINTS == pytest.approx(WORD_POINTS * SYNONYM_FACTOR * TEXT_WEIGHT)
    assert found.reasons == ["tea, which you enjoy"]


def test_a_synonym_shows_the_tag_as_the_asset_writes_it() -> None:
    reasons = fit(saying((ENJOY, "hiking")), plain(tags=("Walking", "walks"))).reasons
    assert reasons == ["walking, which you enjoy"]


@pytest.mark.parametrize("field", ["tags", "categories"])
@pytest.mark.parametrize(
    ("label", "shown"),
    [("knitting and sewing for adults", None), ("knitting and sewing, for adults", "knitting")],
)
def test_a_long_tag_or_category_is_not_quoted_whole(
    field: str, label: str, shown: str | None
) -> None:
    assert len(label) in (30, 31)
    reasons = fit(saying((ENJOY, "crochet")), plain(**{field: (label,)})).reasons
    assert reasons[0].startswith(f"{shown or label}")


@pytest.mark.parametrize(
    ("source", "text", "reason"),
    [
        (MATTERS, "I want to give back", "volunteering, "
         "which you said matters to you"),
        (INTEREST, "helping others", "volunteering, "
         "one of your interests"),
    ],
)  # fmt: skip
def test_a_phrase_brings_in_the_words_an_asset_would_use(
    source: WordSource, text: str, reason: str
) -> None:
    found = fit(saying((source, text)), plain(tags=("volunteering",)))
    assert found.reasons == [reason]
    assert found.points - BASE_POINTS == pytest.approx(
        WORD_POINTS * SOURCE_WEIGHTS[source] * SYNONYM_FACTOR
    )


def test_a_tag_phrase_said_whole_counts_as_one_stronger_word() -> None:
    found = fit(saying((ENJOY, "tea and cake")), plain(tags=("tea and cake",)))
    assert found.points - BASE_POINTS == pytest.approx(WORD_POINTS * PHRASE_FACTOR)
    assert found.reasons == ["tea and cake, which you enjoy"]
    # The first thing they said that holds the phrase speaks for it.
    both = saying((MATTERS, "tea and cake"), (ENJOY, "tea and cake with friends"))
    assert fit(both, plain(tags=("tea and cake",))).reasons == [
        "tea and cake, which you said matters to you"
    ]


def test_a_tag_phrase_quotes_an_interest_as_they_put_it() -> None:
    found = fit(saying((INTEREST, "Tea and cake!")), plain(tags=("tea and cake",)))
    assert found.reasons == ["Tea and cake!, one of your interests"]
    assert found.lead == "tea and cake!"


def test_a_two_word_tag_is_a_phrase_too() -> None:
    found = fit(saying((MATTERS, "my mental health")), plain(tags=("mental health",)))
    assert found.points - BASE_POINTS == pytest.approx(WORD_POINTS * PHRASE_FACTOR)


def test_nothing_they_said_nothing_matched() -> None:
    found = fit(saying((ENJOY, "gardening")), plain(tags=("chess",)))
    assert (found.points, found.matched, found.lead, found.reasons) == (BASE_POINTS, False, "", [])


# Referral reasons and the kinds they call for ------------------------------------------------


def kinds(*reasons: str) -> MatchProfile:
    return saying(reasons=reasons)


def test_the_first_kind_of_a_reason_counts_most() -> None:
    assert gain(kinds("Loneliness"), plain(categories=("Befriending",))) == pytest.approx(
        REASON_KIND_POINTS
    )
    assert gain(kinds("Loneliness"), plain(categories=("Peer support",))) == pytest.approx(
        REASON_KIND_POINTS * (1 - 2 * KIND_STEP)
    )
    found = fit(kinds("Loneliness"), plain(categories=("Sheds",)))
    assert found.reasons == ["sheds, for loneliness"]
    assert found.matched


def test_more_kinds_of_one_reason_count_more() -> None:
    both = plain(categories=("Community cafe", "Befriending"))
    assert gain(kinds("Loneliness"), both) == pytest.approx(REASON_KIND_POINTS * (1 + KIND_MORE))
    assert fit(kinds("Loneliness"), both).reasons == ["befriending, for loneliness"]


def test_a_kind_for_two_reasons_counts_once_at_its_best_and_says_both() -> None:
    peer = plain(categories=("Peer support",))
    found = fit(kinds("Low mood", "Anxiety"), peer)
    assert found.points - BASE_POINTS == pytest.approx(REASON_KIND_POINTS)
    assert found.reasons == ["peer support, for low mood and anxiety"]


def test_kinds_for_several_reasons_count_less_each_and_two_are_said() -> None:
    item = plain(categories=("Gardening", "Befriending", "Advice"))
    found = fit(kinds("Loneliness", "Low mood", "Money or debt"), item)
    low_mood = REASON_KIND_POINTS * (1 - 3 * KIND_STEP)
    assert found.points - BASE_POINTS == pytest.approx(
        REASON_KIND_POINTS + REASON_KIND_POINTS * REASON_DECAY + low_mood * REASON_DECAY**2
    )
    assert found.reasons == ["advice, for money or debt", "befriending, for loneliness"]


def test_a_teams_table_is_read_loosely_and_a_kind_named_twice_counts_once() -> None:
    table = {"  lonely  PEOPLE ": ("Peer support", "peer  Support", "", "Befriending")}
    profile = kinds("Lonely people", "", "  ")
    assert gain(profile, plain(categories=("Peer support",)), reason_kinds=table) == pytest.approx(
        REASON_KIND_POINTS
    )
    assert gain(profile, plain(categories=("Befriending",)), reason_kinds=table) == pytest.approx(
        REASON_KIND_POINTS * (1 - KIND_STEP)
    )


def test_an_asset_of_no_kind_they_need_is_not_a_match() -> None:
    found = fit(kinds("Loneliness"), plain(categories=("Chess",)))
    assert (found.points, found.matched, found.reasons) == (BASE_POINTS, False, [])
