"""DirectoryService search and filters over a real SQLite file."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from directory_helpers import (
    TODAY,
    _add,
    _names,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkworker.data.database import Database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Cost,
    Day,
    DirectoryFilter,
    JoinMode,
    Location,
    OpeningTime,
    SortKey,
)
from linkworker.paths import AppPaths
from linkworker.services.directory import DirectoryService
from tests.postgres_seam import outside_engine


@pytest.fixture
def directory(db: Database) -> DirectoryService:
    """A service whose 'today' is fixed, over a real file (shadows the conftest fixture)."""
    return DirectoryService(UnitsOfWork(db), today=lambda: TODAY)


# Search -------------------------------------------------------------------


@pytest.fixture
def searchable(directory: DirectoryService) -> DirectoryService:
    directory.save(AssetDraft(name="Gardening club", description="Grow your own vegetables."))
    directory.save(AssetDraft(name="Garden walk", description="A gentle stroll."))
    directory.save(AssetDraft(name="Book club", description="Monthly reading group."))
    directory.save(AssetDraft(name="Café Connect", description="Coffee and a chat."))
    directory.save(AssetDraft(name="Board games", description="Chess, draughts and cards."))
    directory.save(AssetDraft(name="Chess club", description="All levels."))
    directory.save(
        AssetDraft(
            name="Men's shed",
            organisation="Wirral Sheds",
            categories=("Woodwork",),
            tags=("tools",),
            locations=(Location(name="Unit 4", town="Neston", postcode="CH64 9AA"),),
        )
    )
    return directory


def test_prefix_matching(searchable: DirectoryService) -> None:
    assert "Gardening club" in _names(searchable, DirectoryFilter(text="gard"))
    assert _names(searchable, DirectoryFilter(text="gardening")) == ["Gardening club"]
    assert _names(searchable, DirectoryFilter(text="Veg")) == ["Gardening club"]


def test_every_word_must_match(searchable: DirectoryService) -> None:
    assert sorted(_names(searchable, DirectoryFilter(text="gard"))) == [
        "Garden walk",
        "Gardening club",
    ]
    assert _names(searchable, DirectoryFilter(text="gard club")) == ["Gardening club"]
    assert _names(searchable, DirectoryFilter(text="club gard")) == ["Gardening club"]
    assert _names(searchable, DirectoryFilter(text="garden knitting")) == []


def test_accents_do_not_matter(searchable: DirectoryService) -> None:
    assert _names(searchable, DirectoryFilter(text="cafe")) == ["Café Connect"]
    assert _names(searchable, DirectoryFilter(text="CAFÉ")) == ["Café Connect"]
    searchable.save(AssetDraft(name="Creperie", description="Pancakes"))
    assert _names(searchable, DirectoryFilter(text="crêperie")) == ["Creperie"]


def test_a_name_match_ranks_above_a_description_match(searchable: DirectoryService) -> None:
    # By name alone "Board games" would come first; relevance puts "Chess club" first.
    page = searchable.search(DirectoryFilter(text="chess"), SortKey.RELEVANCE)
    assert [r.name for r in page.rows] == ["Chess club", "Board games"]
    assert page.total == 2


def test_search_reaches_organisation_category_tag_and_place(searchable: DirectoryService) -> None:
    for text_ in ("wirral", "woodwork", "tools", "neston", "CH64", "ch64 9aa", "unit"):
        assert _names(searchable, DirectoryFilter(text=text_)) == ["Men's shed"], text_


def test_an_edit_is_found_by_its_new_words_only(searchable: DirectoryService) -> None:
    (row,) = searchable.search(DirectoryFilter(text="book")).rows
    detail = searchable.get(row.id)
    searchable.save(dataclasses.replace(detail.draft, name="Reading circle"))
    assert _names(searchable, DirectoryFilter(text="book")) == []
    assert _names(searchable, DirectoryFilter(text="circle")) == ["Reading circle"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"gard',
        "'",
        "*",
        "gard*",
        "AND",
        "OR",
        "NOT",
        "gard AND",
        "NEAR(gard club)",
        "NEAR",
        "(",
        ")",
        "()",
        "(gard",
        "name:gard",
        "^gard",
        "-gard",
        "+",
        "{name}: gard",
        "😀",
        "🌱 gard",
        "",
        "   ",
        "\x00",
        "\u0301",
        "a\u200bb",
        "漢字",
        "gard_club",
        "'; DROP TABLE asset; --",
    ],
)
def test_odd_queries_never_raise(searchable: DirectoryService, query: str) -> None:
    page = searchable.search(DirectoryFilter(text=query))
    assert page.total == len(page.rows)
    assert searchable.search().total == 7  # and nothing was harmed


def test_empty_text_lists_everything(searchable: DirectoryService) -> None:
    assert searchable.search(DirectoryFilter(text="")).total == 7
    assert searchable.search(DirectoryFilter(text="   ")).total == 7


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.text(max_size=30))
def test_any_text_searches_without_error(searchable: DirectoryService, query: str) -> None:
    page = searchable.search(DirectoryFilter(text=query), limit=50)
    assert page.total == len(page.rows) <= 7


# Filters ------------------------------------------------------------------


def test_category_filter(directory: DirectoryService) -> None:
    _add(directory, "Walk", categories=("Walking", "Health"))
    _add(directory, "Paint", categories=("Art",))
    _add(directory, "Nothing")
    assert _names(directory, DirectoryFilter(category="walking")) == ["Walk"]
    assert _names(directory, DirectoryFilter(category="Health")) == ["Walk"]
    assert _names(directory, DirectoryFilter(category="Art")) == ["Paint"]
    assert _names(directory, DirectoryFilter(category="Music")) == []
    assert _names(directory, DirectoryFilter(category=None)) == ["Nothing", "Paint", "Walk"]


def test_cost_filter(directory: DirectoryService) -> None:
    for cost in Cost:
        _add(directory, f"Costs {cost.value}", cost=cost)
    for cost in Cost:
        assert _names(directory, DirectoryFilter(cost=cost)) == [f"Costs {cost.value}"]


def test_join_mode_filter(directory: DirectoryService) -> None:
    for mode in JoinMode:
        _add(directory, f"Join {mode.value}", join_mode=mode)
    for mode in JoinMode:
        assert _names(directory, DirectoryFilter(join_mode=mode)) == [f"Join {mode.value}"]


def test_status_filter(directory: DirectoryService) -> None:
    for status in AssetStatus:
        _add(directory, f"Is {status.value}", status=status)
    for status in AssetStatus:
        assert _names(directory, DirectoryFilter(status=status)) == [f"Is {status.value}"]
    assert directory.search().total == 3  # no filter: every status


def test_day_filter(directory: DirectoryService) -> None:
    _add(
        directory,
        "Tue and Thu",
        opening_times=(OpeningTime(Day.TUESDAY, dt.time(10)), OpeningTime(Day.THURSDAY)),
    )
    _add(directory, "Sunday", opening_times=(OpeningTime(Day.SUNDAY, dt.time(14)),))
    _add(directory, "Monthly", opening_times=(OpeningTime(note="first Tuesday of the month"),))
    _add(directory, "No times")
    assert _names(directory, DirectoryFilter(day=Day.TUESDAY)) == ["Tue and Thu"]
    assert _names(directory, DirectoryFilter(day=Day.THURSDAY)) == ["Tue and Thu"]
    assert _names(directory, DirectoryFilter(day=Day.SUNDAY)) == ["Sunday"]
    assert _names(directory, DirectoryFilter(day=Day.MONDAY)) == []


def test_day_filter_follows_an_edit(directory: DirectoryService) -> None:
    (saved,) = _add(directory, "Moves", opening_times=(OpeningTime(Day.MONDAY),))
    directory.save(dataclasses.replace(saved.draft, opening_times=(OpeningTime(Day.FRIDAY),)))
    assert _names(directory, DirectoryFilter(day=Day.MONDAY)) == []
    assert _names(directory, DirectoryFilter(day=Day.FRIDAY)) == ["Moves"]


def test_district_filter(directory: DirectoryService) -> None:
    _add(directory, "Port", locations=(Location(postcode="CH65 4AB"),))
    _add(directory, "Neston", locations=(Location(postcode="CH64 9AA"),))
    # The district is the first valid postcode among the locations.
    _add(
        directory,
        "Two places",
        locations=(
            Location(name="Online"),
            Location(postcode="ch65 0aa"),
            Location(postcode="M1 1AE"),
        ),
    )
    _add(directory, "Nowhere", locations=(Location(name="Online"),))
    assert _names(directory, DirectoryFilter(district="CH65")) == ["Port", "Two places"]
    assert _names(directory, DirectoryFilter(district=" ch64 ")) == ["Neston"]
    assert _names(directory, DirectoryFilter(district="M1")) == []
    assert _names(directory, DirectoryFilter(district="CH6")) == []
    assert _names(directory, DirectoryFilter(district="")) == [
        "Neston",
        "Nowhere",
        "Port",
        "Two places",
    ]


def test_stale_filter_with_a_fixed_today(directory: DirectoryService) -> None:
    # TODAY is 2026-06-15, so 12 months back is 2025-06-15: older than that is stale.
    _add(directory, "Never checked")
    _add(directory, "Checked long ago", last_verified_on=dt.date(2024, 1, 1))
    _add(directory, "Day before cutoff", last_verified_on=dt.date(2025, 6, 14))
    _add(directory, "On the cutoff", last_verified_on=dt.date(2025, 6, 15))
    _add(directory, "Recent", last_verified_on=dt.date(2026, 6, 1))
    stale = DirectoryFilter(stale_months=12)
    assert _names(directory, stale) == ["Checked long ago", "Day before cutoff", "Never checked"]
    # The service fills in its own today; one given in the filter wins.
    later = DirectoryFilter(stale_months=12, today=dt.date(2027, 6, 2))
    assert _names(directory, later) == [
        "Checked long ago",
        "Day before cutoff",
        "Never checked",
        "On the cutoff",
        "Recent",
    ]
    assert _names(directory, DirectoryFilter(stale_months=0)) == [
        "Checked long ago",
        "Day before cutoff",
        "Never checked",
        "On the cutoff",
        "Recent",
    ]


def test_marking_verified_takes_an_asset_off_the_stale_list(directory: DirectoryService) -> None:
    (saved,) = _add(directory, "Never checked")
    assert _names(directory, DirectoryFilter(stale_months=6)) == ["Never checked"]
    directory.mark_verified(saved.id, "Sam")
    assert _names(directory, DirectoryFilter(stale_months=6)) == []


def test_filters_combine(directory: DirectoryService) -> None:
    _add(directory, "Free walk", cost=Cost.FREE, categories=("Walking",))
    _add(directory, "Paid walk", cost=Cost.PAID, categories=("Walking",))
    _add(directory, "Free art", cost=Cost.FREE, categories=("Art",))
    flt = DirectoryFilter(text="walk", cost=Cost.FREE, category="Walking")
    assert _names(directory, flt) == ["Free walk"]
    assert _names(directory, dataclasses.replace(flt, cost=Cost.LOW_COST)) == []


def test_rebuild_search_index_gives_the_same_results(
    searchable: DirectoryService, db: Database, app_paths: AppPaths
) -> None:
    queries = ["gard", "club", "cafe", "chess", "neston", "tools", "x"]
    archived = searchable.search(DirectoryFilter(text="book")).rows[0].id
    searchable.archive(archived)
    before = {
        q: _names(searchable, DirectoryFilter(text=q, include_archived=True)) for q in queries
    }

    # Lose the index entirely, as a damaged or older file might.
    other: Any = outside_engine(db.engine)
    with other.begin() as conn:
        conn.exec_driver_sql("DELETE FROM asset_search")
    other.dispose()
    assert _names(searchable, DirectoryFilter(text="gard")) == []

    assert searchable.rebuild_search_index() == 7
    after = {q: _names(searchable, DirectoryFilter(text=q, include_archived=True)) for q in queries}
    assert after == before
    assert before["gard"] and before["chess"] == ["Chess club", "Board games"]
