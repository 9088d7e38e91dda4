"""DirectoryService over a real SQLite file: saving, versions, archive, verify, search, facets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from pathlib import Path

import pytest
from directory_helpers import (
    FULL,
    TODAY,
    _add,
    _names,
)

from linkworker import errors
from linkworker.data.database import Database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    Day,
    DirectoryFilter,
    JoinMode,
    Location,
    OpeningTime,
    SortKey,
)
from linkworker.paths import AppPaths
from linkworker.services.directory import DirectoryService, InvalidAsset


@pytest.fixture
def directory(db: Database) -> DirectoryService:
    """A service whose 'today' is fixed, over a real file (shadows the conftest fixture)."""
    return DirectoryService(UnitsOfWork(db), today=lambda: TODAY)


# Round trip ---------------------------------------------------------------


def test_every_field_round_trips(directory: DirectoryService) -> None:
    saved = directory.save(FULL)
    expected = dataclasses.replace(FULL, id=saved.id, version=1)
    assert saved.draft == expected
    assert saved.version == 1
    assert saved.archived is False

    loaded = directory.get(saved.id)
    assert loaded.draft == expected
    assert loaded.id == saved.id and loaded.version == 1
    assert loaded.name == "Gardening club"
    assert loaded.created_at <= loaded.updated_at


def test_empty_optional_fields_round_trip(directory: DirectoryService) -> None:
    saved = directory.save(AssetDraft(name="Bare"))
    assert directory.get(saved.id).draft == AssetDraft(name="Bare", id=saved.id, version=1)


def test_saving_normalises_what_was_typed(directory: DirectoryService) -> None:
    directory.save(AssetDraft(name="First", categories=("Walking",), organisation="Ramblers"))
    saved = directory.save(
        AssetDraft(
            name="  Spaced name  ",
            organisation="  ramblers ",
            categories=("walking", "  Art   classes ", "WALKING", ""),
            tags=("b", "a", "b"),
            languages=(" Welsh ", "Welsh", ""),
            accessibility=("step_free", "step_free"),
            locations=(Location(postcode="ch65   4ab"),),
        )
    )
    draft = directory.get(saved.id).draft
    assert draft.name == "Spaced name"
    assert draft.organisation == "Ramblers"  # matched, not duplicated
    assert draft.categories == ("Walking", "Art classes")
    assert draft.tags == ("a", "b")
    assert draft.languages == ("Welsh",)
    assert draft.accessibility == ("step_free",)
    assert draft.locations[0].postcode == "CH65 4AB"
    assert directory.facets().categories == ("Art classes", "Walking")


def test_names_with_non_ascii_capitals_are_matched_not_duplicated(
    directory: DirectoryService, db: Database
) -> None:
    """SQLite's lower() folds only ASCII: a second 'CAFÉ' used to hit the unique key."""
    first = directory.save(AssetDraft(name="A", categories=("CAFÉ",), organisation="ÉCOLE Ltd"))
    second = directory.save(AssetDraft(name="B", categories=("CAFÉ",), organisation="ÉCOLE Ltd"))
    third = directory.save(AssetDraft(name="C", categories=("café",), organisation="école ltd"))
    directory.add_many([AssetDraft(name="D", categories=("Café", "ÜBER"), tags=("ÄRZTE", "ärzte"))])
    for detail in (first, second, third):
        assert directory.get(detail.id).draft.categories == ("CAFÉ",)
        assert directory.get(detail.id).draft.organisation == "ÉCOLE Ltd"
    assert directory.facets().categories == ("CAFÉ", "ÜBER")
    assert _names(directory, DirectoryFilter(category="CAFÉ")) == ["A", "B", "C", "D"]
    assert _names(directory, DirectoryFilter(category="ÜBER")) == ["D"]
    (d,) = directory.search(DirectoryFilter(text="uber")).rows
    assert directory.get(d.id).draft.tags == ("ÄRZTE",)


def test_category_order_is_kept_between_save_get_and_the_list(
    directory: DirectoryService,
) -> None:
    saved = directory.save(AssetDraft(name="A", categories=("Zeta", "Alpha", "Mid")))
    assert saved.draft.categories == ("Zeta", "Alpha", "Mid")
    assert directory.get(saved.id).draft.categories == ("Zeta", "Alpha", "Mid")
    (row,) = directory.search().rows
    assert row.categories == ("Zeta", "Alpha", "Mid")


def test_summary_row_fields(directory: DirectoryService) -> None:
    saved = directory.save(FULL)
    (row,) = directory.search().rows
    assert row.id == saved.id
    assert row.name == FULL.name
    assert row.organisation == "Green Spaces Trust"
    assert row.categories == FULL.categories
    assert (row.cost, row.join_mode, row.status) == (
        Cost.LOW_COST,
        JoinMode.SELF_REFERRAL,
        AssetStatus.PAUSED,
    )
    assert row.district == "CH65"
    assert row.when == "Tue 10:00, Sat 09:15, first Sunday of the month, afternoons"
    assert row.last_verified_on == dt.date(2026, 3, 1)
    assert row.archived is False


def test_an_invalid_draft_is_not_saved(directory: DirectoryService) -> None:
    with pytest.raises(InvalidAsset) as caught:
        directory.save(AssetDraft(name="", email="nope"))
    assert {p.field for p in caught.value.problems} == {"name", "email"}
    assert caught.value.advice
    assert directory.is_empty()


# Versions -----------------------------------------------------------------


def test_version_goes_up_by_exactly_one_per_save(directory: DirectoryService) -> None:
    detail = directory.save(FULL)
    assert detail.version == 1
    for expected in range(2, 6):
        detail = directory.save(dataclasses.replace(detail.draft, notes=f"edit {expected}"))
        assert detail.version == expected
        assert directory.get(detail.id).version == expected


def test_a_save_that_changes_only_related_rows_still_counts(directory: DirectoryService) -> None:
    """Locations, times, contacts, tags and categories live in other tables; changing
    only them must still bump the version, or a concurrent edit of them is lost."""
    first = directory.save(FULL)
    changes = [
        {"contacts": (Contact(name="Someone new"),)},
        {"locations": ()},
        {"opening_times": (OpeningTime(Day.MONDAY),)},
        {"tags": ("new tag",)},
        {"categories": ("New category",)},
        {"languages": ("Urdu",)},
        {"accessibility": ("hearing_loop",)},
        {},  # saved unchanged: still a save
    ]
    detail = first
    for n, change in enumerate(changes, start=2):
        detail = directory.save(dataclasses.replace(detail.draft, **change))  # type: ignore[arg-type]
        assert detail.version == n, change
        assert detail.updated_at >= first.updated_at


def test_saving_a_stale_version_is_refused(directory: DirectoryService) -> None:
    opened_here = directory.save(FULL)
    opened_elsewhere = directory.get(opened_here.id)
    directory.save(dataclasses.replace(opened_elsewhere.draft, contacts=()))

    mine = dataclasses.replace(opened_here.draft, notes="my edit")
    with pytest.raises(errors.ConcurrentEdit) as caught:
        directory.save(mine)
    assert "Gardening club" in caught.value.message
    assert caught.value.advice

    now = directory.get(opened_here.id)
    assert now.version == 2
    assert now.draft.contacts == ()
    assert now.draft.notes == FULL.notes


def test_saving_with_no_version_overwrites(directory: DirectoryService) -> None:
    first = directory.save(FULL)
    directory.save(dataclasses.replace(first.draft, notes="theirs"))
    forced = directory.save(dataclasses.replace(first.draft, version=None, notes="mine"))
    assert forced.version == 3
    assert directory.get(first.id).draft.notes == "mine"


def test_not_found(directory: DirectoryService) -> None:
    missing = uuid.uuid4()
    with pytest.raises(errors.NotFound):
        directory.get(missing)
    with pytest.raises(errors.NotFound):
        directory.archive(missing)
    with pytest.raises(errors.NotFound):
        directory.mark_verified(missing, "Sam")
    with pytest.raises(errors.NotFound):
        directory.save(AssetDraft(name="Gone", id=missing, version=1))
    assert directory.is_empty()


# Archive and verify -------------------------------------------------------


def test_archive_hides_and_unarchive_brings_back(directory: DirectoryService) -> None:
    kept = directory.save(
        AssetDraft(
            name="Walking group", categories=("Walking",), locations=(Location(postcode="M1 1AE"),)
        )
    )
    gone = directory.save(
        AssetDraft(
            name="Garden walk",
            categories=("Gardening",),
            locations=(Location(postcode="CH65 4AB"),),
        )
    )

    archived = directory.archive(gone.id)
    assert archived.archived is True
    assert archived.version == gone.version + 1
    assert _names(directory) == ["Walking group"]
    assert _names(directory, DirectoryFilter(text="walk")) == ["Walking group"]
    facets = directory.facets()
    assert facets.categories == ("Walking",)
    assert facets.districts == ("M1",)
    assert facets.total_assets == 1
    assert directory.get(gone.id).archived is True

    everything = directory.search(DirectoryFilter(text="walk", include_archived=True))
    assert {(r.name, r.archived) for r in everything.rows} == {
        ("Walking group", False),
        ("Garden walk", True),
    }
    assert everything.total == 2

    back = directory.archive(gone.id, archived=False)
    assert back.archived is False
    assert sorted(_names(directory, DirectoryFilter(text="walk"))) == [
        "Garden walk",
        "Walking group",
    ]
    assert directory.facets().categories == ("Gardening", "Walking")
    assert directory.facets().districts == ("CH65", "M1")
    assert kept.archived is False


def test_mark_verified_records_today_and_who(directory: DirectoryService) -> None:
    saved = directory.save(AssetDraft(name="Walk"))
    assert saved.draft.last_verified_on is None

    verified = directory.mark_verified(saved.id, "  Sam Jones ")
    assert verified.draft.last_verified_on == TODAY
    assert verified.draft.verified_by == "Sam Jones"
    assert verified.version == saved.version + 1
    assert directory.get(saved.id).draft.last_verified_on == TODAY

    earlier = directory.mark_verified(saved.id, "Ali", on=dt.date(2026, 1, 2))
    assert (earlier.draft.last_verified_on, earlier.draft.verified_by) == (
        dt.date(2026, 1, 2),
        "Ali",
    )


def test_a_real_today_is_used_when_none_is_given(db: Database) -> None:
    directory = DirectoryService(UnitsOfWork(db))
    saved = directory.save(AssetDraft(name="Walk"))
    before = dt.date.today()
    on = directory.mark_verified(saved.id, "Sam").draft.last_verified_on
    assert on is not None and before <= on <= dt.date.today()


# Sorting ------------------------------------------------------------------


@pytest.fixture
def sortable(directory: DirectoryService) -> DirectoryService:
    directory.save(
        AssetDraft(
            name="Alpha",
            organisation="Zed Org",
            categories=("Yoga",),
            cost=Cost.PAID,
            join_mode=JoinMode.REFERRAL,
            status=AssetStatus.PAUSED,
            locations=(Location(postcode="SW1A 1AA"),),
            opening_times=(OpeningTime(Day.FRIDAY, dt.time(9)),),
            last_verified_on=dt.date(2026, 1, 1),
        )
    )
    directory.save(
        AssetDraft(
            name="bravo",
            organisation="mid org",
            categories=("art",),
            cost=Cost.FREE,
            join_mode=JoinMode.SELF_REFERRAL,
            status=AssetStatus.CLOSED,
            locations=(Location(postcode="M1 1AE"),),
            opening_times=(OpeningTime(Day.MONDAY, dt.time(10)),),
        )
    )
    directory.save(
        AssetDraft(
            name="Charlie",
            categories=("Music",),
            cost=Cost.LOW_COST,
            join_mode=JoinMode.DROP_IN,
            status=AssetStatus.ACTIVE,
            locations=(Location(postcode="CH65 4AB"),),
            opening_times=(OpeningTime(Day.WEDNESDAY, dt.time(8)),),
            last_verified_on=dt.date(2025, 1, 1),
        )
    )
    return directory


@pytest.mark.parametrize(
    ("key", "ascending"),
    [
        (SortKey.NAME, ["Alpha", "bravo", "Charlie"]),  # ignoring case
        (SortKey.ORGANISATION, ["Charlie", "bravo", "Alpha"]),  # none, mid, Zed
        (SortKey.CATEGORY, ["bravo", "Charlie", "Alpha"]),  # art, Music, Yoga
        (SortKey.COST, ["bravo", "Charlie", "Alpha"]),  # free, low cost, paid
        (SortKey.JOIN_MODE, ["Charlie", "Alpha", "bravo"]),  # by label: Just turn up, Referral...
        (SortKey.STATUS, ["Charlie", "bravo", "Alpha"]),  # Active, Closed, Paused
        (SortKey.DISTRICT, ["Charlie", "bravo", "Alpha"]),  # CH65, M1, SW1A
        (SortKey.WHEN, ["bravo", "Charlie", "Alpha"]),  # Monday, Wednesday, Friday
        (SortKey.LAST_VERIFIED, ["bravo", "Charlie", "Alpha"]),  # never, 2025, 2026
    ],
)
def test_each_sort_key_both_ways(
    sortable: DirectoryService, key: SortKey, ascending: list[str]
) -> None:
    assert _names(sortable, sort=key) == ascending
    assert _names(sortable, sort=key, descending=True) == ascending[::-1]


def test_relevance_without_text_is_by_name(sortable: DirectoryService) -> None:
    assert _names(sortable, sort=SortKey.RELEVANCE) == ["Alpha", "bravo", "Charlie"]


def test_when_sorts_by_weekday_then_time_then_patterns_last(directory: DirectoryService) -> None:
    _add(directory, "Tue late", opening_times=(OpeningTime(Day.TUESDAY, dt.time(14)),))
    _add(directory, "Monthly", opening_times=(OpeningTime(note="First Monday"),))
    _add(directory, "Tue early", opening_times=(OpeningTime(Day.TUESDAY, dt.time(9)),))
    _add(
        directory,
        "Sun and Mon",
        opening_times=(OpeningTime(Day.SUNDAY, dt.time(9)), OpeningTime(Day.MONDAY, dt.time(9))),
    )
    _add(directory, "Saturday", opening_times=(OpeningTime(Day.SATURDAY),))
    assert _names(directory, sort=SortKey.WHEN) == [
        "Sun and Mon",  # runs on Monday
        "Tue early",
        "Tue late",
        "Saturday",
        "Monthly",
    ]


def test_ties_are_broken_by_name(directory: DirectoryService) -> None:
    for name in ("Cherry", "apple", "Banana"):
        _add(directory, name, cost=Cost.FREE)
    assert _names(directory, sort=SortKey.COST) == ["apple", "Banana", "Cherry"]
    assert _names(directory, sort=SortKey.COST, descending=True) == ["apple", "Banana", "Cherry"]


# Paging -------------------------------------------------------------------


def test_paging_with_limit_offset_and_total(directory: DirectoryService) -> None:
    directory.add_many(AssetDraft(name=f"Asset {i:02}") for i in range(25))
    directory.save(AssetDraft(name="Other thing"))
    flt = DirectoryFilter(text="asset")
    expected = [f"Asset {i:02}" for i in range(25)]

    pages = [directory.search(flt, SortKey.NAME, limit=10, offset=o) for o in (0, 10, 20, 30)]
    assert [len(p.rows) for p in pages] == [10, 10, 5, 0]
    assert all(p.total == 25 for p in pages)
    assert [r.name for p in pages for r in p.rows] == expected

    exact = directory.search(flt, SortKey.NAME, limit=25)
    assert exact.total == 25 and len(exact.rows) == 25
    roomy = directory.search(flt, SortKey.NAME, limit=100)
    assert roomy.total == 25 and len(roomy.rows) == 25
    assert directory.search(limit=5).total == 26

    back = directory.search(flt, SortKey.NAME, descending=True, limit=3, offset=1)
    assert [r.name for r in back.rows] == ["Asset 23", "Asset 22", "Asset 21"]
    assert back.total == 25


def test_details_reads_every_match_in_full(directory: DirectoryService) -> None:
    directory.add_many(AssetDraft(name=f"Walk {i:03}", tags=("walk",)) for i in range(210))
    directory.save(AssetDraft(name="Art"))
    details = list(directory.details(DirectoryFilter(text="walk")))
    assert [d.name for d in details] == [f"Walk {i:03}" for i in range(210)]
    assert all(d.draft.tags == ("walk",) for d in details)


# Facets and the index -----------------------------------------------------


def test_facets_list_categories_and_districts_in_use(directory: DirectoryService) -> None:
    assert directory.facets().categories == ()
    assert directory.facets().total_assets == 0
    _add(directory, "A", categories=("walking", "Art"), locations=(Location(postcode="M1 1AE"),))
    _add(directory, "B", categories=("Walking",), locations=(Location(postcode="CH65 4AB"),))
    (c,) = _add(directory, "C", categories=("Music",), locations=(Location(postcode="M1 2AB"),))
    facets = directory.facets()
    assert facets.categories == ("Art", "Music", "walking")
    assert facets.districts == ("CH65", "M1")
    assert facets.total_assets == 3

    # A category nobody uses any more drops out.
    directory.save(dataclasses.replace(c.draft, categories=("Art",)))
    assert directory.facets().categories == ("Art", "walking")


def test_is_empty_and_replace_all(directory: DirectoryService) -> None:
    assert directory.is_empty()
    _add(directory, "Old one", "Old two")
    assert not directory.is_empty()
    assert directory.replace_all([AssetDraft(name="New one", categories=("Fresh",))]) == 1
    assert _names(directory) == ["New one"]
    assert _names(directory, DirectoryFilter(text="old")) == []
    assert directory.facets().categories == ("Fresh",)


def test_add_many_keeps_given_ids_and_reports_progress(directory: DirectoryService) -> None:
    ids = [uuid.uuid4() for _ in range(120)]
    seen: list[tuple[int, int]] = []
    count = directory.add_many(
        (AssetDraft(name=f"Item {i:03}", id=asset_id) for i, asset_id in enumerate(ids)),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert count == 120
    assert directory.get(ids[7]).name == "Item 007"
    assert seen and seen[-1] == (240, 240)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_the_shared_fixtures_give_a_working_directory(
    services: object, app_paths: AppPaths
) -> None:
    service = services.directory  # type: ignore[attr-defined]
    assert isinstance(service, DirectoryService)
    assert service.is_empty()
    service.save(AssetDraft(name="Walk"))
    assert Path(app_paths.database).exists() == services._db.is_sqlite  # type: ignore[attr-defined]
    assert service.search(DirectoryFilter(text="walk")).total == 1


# Ranking inside the full-text table -------------------------------------------


def test_a_single_letter_is_not_a_search(directory: DirectoryService) -> None:
    directory.add_many([AssetDraft(name="Canal walk"), AssetDraft(name="Book club")])
    assert directory.search(DirectoryFilter(text="c")).total == 2
    assert directory.search(DirectoryFilter(text="c wa")).total == 1
    assert directory.search(DirectoryFilter(text="!!")).total == 0


def test_filters_that_drop_the_best_matches_still_fill_the_page(
    directory: DirectoryService,
) -> None:
    # 260 strong matches that are paid, then 40 weaker ones that are free: the
    # best-ranked slice holds no free asset, so the search must rank them all.
    strong = [AssetDraft(name=f"Walk walk walk {i}", cost=Cost.PAID) for i in range(260)]
    weak = [AssetDraft(name=f"Group {i}", description="a walk", cost=Cost.FREE) for i in range(40)]
    directory.add_many(strong + weak)
    page = directory.search(DirectoryFilter(text="walk", cost=Cost.FREE), limit=20)
    assert len(page.rows) == 20
    assert page.total == 40
    assert all(r.cost is Cost.FREE for r in page.rows)
    everything = directory.search(DirectoryFilter(text="walk"), limit=20)
    assert everything.total == 300
    assert everything.rows[0].name.startswith("Walk walk walk")
    second = directory.search(DirectoryFilter(text="walk"), limit=20, offset=280)
    assert len(second.rows) == 20
    assert all(r.name.startswith("Group") for r in second.rows)
