"""The team's taxonomy mapping, applied to an invented ORUK 3.0 feed on a real database file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from linkworker.domain.audit import AuditFilter
from linkworker.domain.directory import DirectoryFilter
from linkworker.interchange import reading
from linkworker.services.taxonomy import MappingRefused
from tests.data.taxonomy_feed import UNMAPPED, write_feed


def imported(services: Any, path: Path) -> Any:
    source = services.directory_import.open(path, name="harbourside-feed")
    try:
        return services.directory_import.run(source)
    finally:
        source.close()


def listing(services: Any, name: str) -> Any:
    page = services.directory.search(DirectoryFilter(text=name), limit=50)
    found = [row for row in page.rows if row.name == name]
    assert len(found) == 1, name
    return services.directory.get(found[0].id).draft


@pytest.fixture
def feed(services: Any, tmp_path: Path) -> Any:
    return imported(services, write_feed(tmp_path / "feed.json"))


def test_terms_feeds_use_become_categories_and_stay_tags(services: Any, feed: Any) -> None:
    women = listing(services, "Tuesday Women's Circle")
    assert women.categories == ("Befriending", "Peer support")
    assert "Women's group" in women.tags
    assert women.eligibility.startswith("Women only")
    youth = listing(services, "Eastside Youth Club")
    assert youth.categories == ("Befriending",)
    assert "For young people" in youth.eligibility and youth.age_max == 25
    assert listing(services, "Shape Up Sessions").categories == ("Walking and exercise",)
    assert listing(services, "Friday Social at the Hub").categories == ("Befriending",)


def test_terms_nobody_mapped_are_listed_with_the_listings_that_use_them(
    services: Any, feed: Any
) -> None:
    assert {t.term: t.listings for t in feed.unmapped_terms} == UNMAPPED
    board = next(t for t in feed.unmapped_terms if t.term == "Board games")
    assert set(board.names) == {"Chess Corner", "Harbour Games Night"}
    # They are kept in the table, unmapped, for the team to see.
    assert {t.term: t.listings for t in services.taxonomy.unmapped()} == UNMAPPED
    assert listing(services, "Chess Corner").categories == ()
    assert "Chess club" in listing(services, "Chess Corner").tags


def test_mapping_a_term_recategorises_the_listings_that_carry_it(services: Any, feed: Any) -> None:
    change = services.taxonomy.map_term("board games", ["befriending"])
    # The games night was already Befriending (from "Social activity"): only one changed.
    assert (change.listings, change.names) == (1, ("Chess Corner",))
    assert change.mapping.term == "Board games" and change.mapping.categories == ("Befriending",)
    assert listing(services, "Chess Corner").categories == ("Befriending",)
    assert "Board games" in listing(services, "Chess Corner").tags
    assert {t.term for t in services.taxonomy.unmapped()} == {"Chess club"}
    # Search by category finds them now.
    found = services.directory.search(DirectoryFilter(category="Befriending"), limit=50)
    assert "Chess Corner" in {row.name for row in found.rows}
    # The change and the listings it touched are in the audit trail.
    trail = services.audit.page(AuditFilter(), limit=1000)
    (noted,) = [e for e in trail if e.subject == "taxonomy"]
    assert (noted.action, noted.details["listings"]) == ("change", 1)
    assert any(e.subject == "asset" and e.action == "change" for e in trail)


def test_changing_a_mapping_takes_away_what_it_gave_before(services: Any, feed: Any) -> None:
    services.taxonomy.map_term("Board games", ["Befriending"])
    services.taxonomy.map_term("Social activity", ["Community cafe"])
    assert listing(services, "Friday Social at the Hub").categories == ("Community cafe",)
    # Board games still gives Befriending to the games night.
    assert listing(services, "Harbour Games Night").categories == ("Befriending", "Community cafe")
    services.taxonomy.map_term("Chess club", not_help=True)
    assert services.taxonomy.unmapped() == ()


def test_a_refresh_reads_terms_through_the_mapping_as_it_is_now(
    services: Any, feed: Any, tmp_path: Path
) -> None:
    services.taxonomy.map_term("Chess club", ["Learning"])
    report = imported(services, write_feed(tmp_path / "again.json"))
    assert {t.term for t in report.unmapped_terms} == {"Board games"}
    assert listing(services, "Chess Corner").categories == ("Learning",)


def test_a_mapping_that_cannot_be_saved_says_why(services: Any, feed: Any) -> None:
    with pytest.raises(MappingRefused, match="not one of the directory's categories"):
        services.taxonomy.map_term("Board games", ["Board gaming"])
    with pytest.raises(MappingRefused, match="Nothing was chosen"):
        services.taxonomy.map_term("Board games", [])
    assert {t.term for t in services.taxonomy.unmapped()} == set(UNMAPPED)


def test_the_table_holds_the_defaults_and_says_who_changed_a_row(services: Any) -> None:
    entries = {(e.mapping.term, e.mapping.keyword): e.mapping for e in services.taxonomy.entries()}
    for term in (
        "Women's group", "Men's group", "Youth group", "Weight management", "Social activity",
        "Lunch club", "Coffee morning", "Men's shed", "Mental health support", "Carers support",
        "Bereavement support", "Dementia support", "ESOL", "Digital skills", "Debt advice",
        "Benefits advice", "Housing advice", "Foodbank", "Befriending", "Volunteering",
        "Exercise class", "Walking group", "Gardening", "Arts and crafts", "Music",
        "Faith group", "Cultural group", "Parent and toddler",
    ):  # fmt: skip
        assert entries[(term, False)].mapped, term
    assert entries[("walk*", True)].categories == ("Walking and exercise",)
    assert entries[("Adults", False)].not_help
    change = services.taxonomy.map_term(
        "walk*", ["Walking and exercise", "Befriending"], keyword=True
    )
    assert change.mapping.changed_by and change.mapping.changed_by != "Link Worker defaults"


def test_a_big_source_read_in_a_helper_process_uses_the_teams_mapping(
    services: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "HELPER_FROM_BYTES", 0)
    monkeypatch.setattr(reading, "cores", lambda: 2)
    services.taxonomy.map_term("Weight management", ["Walking and exercise", "Learning"])
    report = imported(services, write_feed(tmp_path / "feed.json"))
    assert {t.term: t.listings for t in report.unmapped_terms} == UNMAPPED
    assert listing(services, "Shape Up Sessions").categories == ("Walking and exercise", "Learning")


def test_an_oruk_v1_list_reads_its_terms_through_the_same_table(
    services: Any, tmp_path: Path
) -> None:
    path = tmp_path / "v1.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": "v1-men-01",
                    "name": "Thursday Men's Natter",
                    "status": "active",
                    "service_taxonomys": [
                        {"id": "st-1", "taxonomy": {"id": "t-1", "name": "Men's group"}},
                        {"id": "st-2", "taxonomy": {"id": "t-2", "name": "Dominoes"}},
                    ],
                }
            ]
        ),
        encoding="utf-8",
    )
    report = imported(services, path)
    assert [(t.term, t.names) for t in report.unmapped_terms] == [
        ("Dominoes", ("Thursday Men's Natter",))
    ]
    natter = listing(services, "Thursday Men's Natter")
    assert natter.categories == ("Befriending", "Peer support")
    assert natter.eligibility == "Men only"
    services.taxonomy.map_term("Dominoes", ["Befriending"])
    assert services.taxonomy.unmapped() == ()
