"""A shared story made safe for a report: names, dates of birth and exact places taken out,
the rest left as the person said it."""

from __future__ import annotations

import datetime as dt

import pytest

from linkworker.domain.story_anonymise import StoryFacts, anonymise, name_parts

PEGGY = StoryFacts(
    names=("Margaret", "Ó Súilleabháin", "Peggy", "Siobhán", "Dr Amaka Obi", "Sam Link"),
    date_of_birth=dt.date(1948, 3, 2),
    address="Flat 2, 14 Station Road\nEllesmere Port",
    postcode="CH65 4AB",
    places=("Riverside Community Garden", "Tuesday Chat Group"),
)


def test_a_whole_story_reads_on_with_nothing_that_points_at_her() -> None:
    words = (
        "My name is Peggy Ó Súilleabháin and I was born on 2 March 1948. Since my daughter "
        "Siobhán moved away I hardly left Flat 2, 14 Station Road. Sam Link walked me to "
        "Riverside Community Garden and now I help at the Tuesday Chat Group."
    )
    assert anonymise(words, PEGGY) == (
        "My name is [name] and I was born on [date of birth]. Since my daughter [name] "
        "moved away I hardly left [address]. [name] walked me to a local group and now I "
        "help at a local group."
    )


@pytest.mark.parametrize(
    "written",
    [
        "2 March 1948",
        "2nd March 1948",
        "02 March 1948",
        "2nd of March, 1948",
        "2 Mar 1948",
        "March 2, 1948",
        "March 2nd 1948",
        "02/03/1948",
        "2/3/48",
        "2.3.1948",
        "02-03-1948",
        "1948-03-02",
    ],
)
def test_the_date_of_birth_goes_however_it_is_written(written: str) -> None:
    assert anonymise(f"I was born {written}, in winter.", PEGGY) == (
        "I was born [date of birth], in winter."
    )


def test_other_dates_stay() -> None:
    words = "I started on 3 March 2026 and my wedding was 2 March 1970."
    assert anonymise(words, PEGGY) == words


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("CH65 4AB", "[postcode]"),
        ("ch654ab", "[postcode]"),
        ("SW1A 1AA", "[postcode]"),
        ("M1 1AE", "[postcode]"),
        ("GIR 0AA", "[postcode]"),
    ],
)
def test_any_postcode_goes(written: str, shown: str) -> None:
    assert anonymise(f"I live at {written} now.", StoryFacts()) == f"I live at {shown} now."


@pytest.mark.parametrize(
    "street",
    ["7 Mill Lane", "22a Church Street", "Flat 3, 9 Park Avenue", "101 Old Chester Road"],
)
def test_a_house_number_and_street_go_even_when_not_hers(street: str) -> None:
    assert anonymise(f"I moved to {street} in May.", StoryFacts()) == (
        "I moved to [address] in May."
    )


def test_numbers_and_streets_in_ordinary_words_stay() -> None:
    words = "I walk 3 miles up the hill, 2 days a week, with 12 others on the green."
    assert anonymise(words, StoryFacts()) == words


def test_her_address_lines_go_wherever_they_appear() -> None:
    assert anonymise("Ellesmere Port felt far from everyone.", PEGGY) == (
        "[address] felt far from everyone."
    )


def test_phone_nhs_numbers_and_emails_go() -> None:
    words = "Ring me on 07700 900123 or 01632-960-123, NHS 999 000 0018, peggy@example.org."
    assert anonymise(words, StoryFacts()) == (
        "Ring me on [number] or [number], NHS [number], [email]."
    )


def test_names_go_in_any_case_but_not_inside_other_words() -> None:
    facts = StoryFacts(names=("Ann Dale",))
    assert anonymise("ANN said Dale's garden was lovely; Annie came too.", facts) == (
        "[name] said [name]'s garden was lovely; Annie came too."
    )


def test_a_title_is_kept_and_the_name_after_it_goes() -> None:
    assert anonymise("Dr Obi listened. Amaka is kind.", PEGGY) == (
        "Dr [name] listened. [name] is kind."
    )


def test_a_given_and_family_name_together_read_as_one() -> None:
    facts = StoryFacts(names=("John", "Smith"))
    assert anonymise("John Smith here.", facts) == "[name] here."


def test_name_parts_are_longest_first_without_titles_or_initials() -> None:
    assert name_parts(["Dr Amaka Obi", " ", "J Smith", "Mrs  Jones"]) == [
        "Dr Amaka Obi",
        "Amaka Obi",
        "Mrs Jones",
        "Dr Amaka",
        "J Smith",
        "Amaka",
        "Jones",
        "Smith",
        "Obi",
    ]


def test_a_family_name_of_two_words_goes_whole() -> None:
    facts = StoryFacts(names=("Reg Ó Súilleabháin",))
    assert anonymise("Peggy Ó Súilleabháin and Reg.", facts) == "Peggy [name] and [name]."


def test_an_empty_story_and_empty_facts_are_fine() -> None:
    assert anonymise("   ", StoryFacts()) == ""
    assert anonymise("Nothing to hide here.", StoryFacts(names=("", " "))) == (
        "Nothing to hide here."
    )
