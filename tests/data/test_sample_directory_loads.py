"""The shipped sample directory loads through the real service into a real database."""

from __future__ import annotations

from linkworker.domain.directory import (
    AssetStatus,
    Cost,
    Day,
    DirectoryFilter,
    JoinMode,
    SortKey,
)
from linkworker.services.directory import DirectoryService
from linkworker.services.sample_data import load_sample_drafts


def _names(directory: DirectoryService, flt: DirectoryFilter) -> set[str]:
    page = directory.search(flt, limit=1000)
    assert page.total == len(page.rows)
    return {row.name for row in page.rows}


def test_sample_directory_loads_into_an_empty_database(directory: DirectoryService) -> None:
    drafts = load_sample_drafts()
    assert directory.is_empty()

    assert directory.add_many(drafts) == len(drafts)

    facets = directory.facets()
    assert facets.total_assets == len(drafts)
    assert set(facets.categories) == {c for d in drafts for c in d.categories}
    assert {"CH65", "CH66"} <= set(facets.districts)
    everything = directory.search(DirectoryFilter(), SortKey.NAME, limit=1000)
    assert everything.total == len(drafts)
    assert [r.name for r in everything.rows] == sorted((d.name for d in drafts), key=str.lower)


def test_sample_assets_round_trip(directory: DirectoryService) -> None:
    drafts = {d.name: d for d in load_sample_drafts()}
    directory.add_many(drafts.values())
    for detail in directory.details():
        original = drafts[detail.name]
        stored = detail.draft
        # Categories and tags are sets in the database: their order is not kept.
        assert set(stored.categories) == set(original.categories)
        assert set(stored.tags) == set(original.tags)
        assert stored.opening_times == original.opening_times
        assert stored.locations == original.locations
        assert stored.contacts == original.contacts
        assert stored.last_verified_on == original.last_verified_on
        assert set(stored.accessibility) == set(original.accessibility)
        assert set(stored.languages) == set(original.languages)
        assert (stored.cost, stored.join_mode, stored.status) == (
            original.cost,
            original.join_mode,
            original.status,
        )
        assert (stored.age_min, stored.age_max, stored.waiting_list) == (
            original.age_min,
            original.age_max,
            original.waiting_list,
        )


def test_sample_directory_answers_everyday_searches(directory: DirectoryService) -> None:
    directory.add_many(load_sample_drafts())

    assert "Knit and Natter" in _names(directory, DirectoryFilter(text="knitting"))
    assert _names(directory, DirectoryFilter(text="bereavement"))
    assert _names(directory, DirectoryFilter(text="debt"))
    volunteering = _names(directory, DirectoryFilter(category="Volunteering"))
    assert len(volunteering) >= 5
    assert _names(directory, DirectoryFilter(district="CH66"))
    assert _names(directory, DirectoryFilter(day=Day.SATURDAY))
    for cost in Cost:
        assert _names(directory, DirectoryFilter(cost=cost)), cost
    for mode in JoinMode:
        assert _names(directory, DirectoryFilter(join_mode=mode)), mode
    for status in AssetStatus:
        assert _names(directory, DirectoryFilter(status=status)), status
    stale = _names(directory, DirectoryFilter(stale_months=12))
    assert 10 <= len(stale) < directory.facets().total_assets
