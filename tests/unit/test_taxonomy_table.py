"""The rules of the team's taxonomy mapping: which row a term meets, and what the terms mean."""

from __future__ import annotations

import pickle

from linkworker.domain.taxonomy_map import (
    DEFAULT_TABLE,
    TaxonomyTable,
    TaxonomyTerm,
    TermMapping,
    keyword_pattern,
)


def test_a_keyword_with_a_star_matches_word_starts_and_one_without_whole_words() -> None:
    assert keyword_pattern("walk*").search("nordic walking")
    assert not keyword_pattern("art").search("heart health")
    assert keyword_pattern("art").search("community art")
    assert keyword_pattern("men's shed*").search("men's sheds")


def test_a_term_row_wins_over_keywords_and_can_be_for_one_vocabulary() -> None:
    table = TaxonomyTable(
        [
            TermMapping("walk*", categories=("Walking and exercise",), keyword=True),
            TermMapping("Walking football", categories=("Befriending",)),
            TermMapping("Drop in", "Council list", ("Community cafe",)),
        ]
    )
    assert table.meaning([TaxonomyTerm("walking  FOOTBALL")]).categories == ("Befriending",)
    assert table.meaning([TaxonomyTerm("Walks")]).categories == ("Walking and exercise",)
    assert table.meaning([TaxonomyTerm("Drop in", "council list")]).categories == (
        "Community cafe",
    )
    assert table.meaning([TaxonomyTerm("Drop in", "Another list")]).unmapped == ("Drop in",)


def test_terms_together_give_categories_in_the_directorys_order_and_who_it_is_for() -> None:
    meaning = DEFAULT_TABLE.meaning(
        [TaxonomyTerm("Youth group"), TaxonomyTerm("Gardening"), TaxonomyTerm("Adults")]
    )
    assert meaning.categories == ("Befriending", "Gardening")
    assert meaning.who == ("For young people",) and meaning.age_max == 25
    assert meaning.unmapped == ()  # "Adults" is not a kind of help, and not asked about


def test_an_unmapped_term_falls_back_on_its_parent_and_is_named_when_that_fails() -> None:
    assert DEFAULT_TABLE.meaning([TaxonomyTerm("Tuesday Club", "LGA", "Befriending")]).categories
    meaning = DEFAULT_TABLE.meaning([TaxonomyTerm("Tuesday Club", "LGA", "Tuesdays")])
    assert meaning.unmapped == ("Tuesday Club",)


def test_women_and_curly_apostrophes_read_the_same() -> None:
    meaning = DEFAULT_TABLE.meaning([TaxonomyTerm("Women\u2019s Group")])
    assert meaning.who == ("Women only",)


def test_a_table_survives_being_sent_to_a_helper_process() -> None:
    copy = pickle.loads(pickle.dumps(DEFAULT_TABLE))
    assert copy.meaning([TaxonomyTerm("Lunch club")]) == DEFAULT_TABLE.meaning(
        [TaxonomyTerm("Lunch club")]
    )
