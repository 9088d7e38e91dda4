"""People's names as the record compares, sorts and shows them."""

from __future__ import annotations

from linkworker.domain.names import (
    SEARCH_NAME_LENGTH,
    WORD_LENGTH,
    display_name,
    name_words,
    query_words,
    search_name,
    sort_name,
)


def test_words_are_folded_and_apostrophes_dropped() -> None:
    assert query_words("  Zoë O'Brien-Smith ") == ["zoe", "obrien", "smith"]
    assert query_words("D’Arcy") == ["darcy"]
    assert query_words("---") == []
    assert query_words("x" * (WORD_LENGTH + 5)) == ["x" * WORD_LENGTH]


def test_a_name_of_several_words_is_also_found_run_together() -> None:
    assert name_words("Mary-Jane", "Smith") == ["mary", "jane", "maryjane", "smith"]
    assert name_words("Ann", "Ann") == ["ann"]
    assert name_words("Bo") == ["bo"]
    long_parts = name_words("a" * 60 + " " + "b" * 60)
    assert long_parts[-1] == ("a" * 60 + "b" * 60)[:WORD_LENGTH]


def test_search_names_keep_whole_words_up_to_the_column() -> None:
    assert search_name("Mary-Jane", "Smith") == "mary jane maryjane smith"
    words = [f"w{n:03d}{'x' * 46}" for n in range(20)]  # 50 characters each
    kept = search_name(" ".join(words))
    assert len(kept) <= SEARCH_NAME_LENGTH
    assert kept.split() == words[: len(kept.split())]
    assert len(kept) > SEARCH_NAME_LENGTH - 51  # as many whole words as fit
    exact = " ".join(("a" * 99, "b" * 99, "c" * 99, "d" * 100))  # 400 characters
    assert len(exact) == SEARCH_NAME_LENGTH
    assert search_name(exact) == exact  # the words run together no longer fit
    over = " ".join(("a" * 100, "b" * 100, "c" * 100, "d" * 98))  # 401 characters
    assert search_name(over) == " ".join(("a" * 100, "b" * 100, "c" * 100))


def test_sort_names_put_the_family_name_first() -> None:
    assert sort_name("Tomasz", "Nowak") == "nowak, tomasz"
    assert sort_name("", "Nowak", "Tom") == "nowak, tom"
    assert sort_name("Tomasz", "Nowak", "Tom") == "nowak, tomasz"
    assert sort_name("Tomasz", "") == "tomasz"
    assert sort_name("", "Nowak") == "nowak"
    assert sort_name("", "") == ""
    assert sort_name("Mary Jane", "Van der Berg") == "van der berg, mary jane"


def test_the_name_shown_is_the_one_they_like_with_their_family_name() -> None:
    assert display_name("Margaret", "Owens", "Peggy") == "Peggy Owens"
    assert display_name("Margaret", "Owens", "") == "Margaret Owens"
    assert display_name("", "Owens", "") == "Owens"
    assert display_name("Margaret", "", "") == "Margaret"
    assert display_name("", "", "") == ""
