"""What matching works out about an asset is kept by its caller, not by the module."""

from __future__ import annotations

import datetime as dt
import uuid

from linkworker.domain.directory import Day, OpeningTime
from linkworker.domain.match_assets import DigestCache, digest
from linkworker.domain.matching import AssetFacts


def _asset(name: str, description: str = "") -> AssetFacts:
    return AssetFacts(id=uuid.uuid5(uuid.NAMESPACE_DNS, name), name=name, description=description)


def test_an_unchanged_asset_is_worked_out_once() -> None:
    cache = DigestCache()
    walk = _asset("Canal walk", "A gentle walk")
    first = cache.get(walk)
    assert first == digest(walk)
    assert cache.get(_asset("Canal walk", "A gentle walk")) is first
    assert len(cache) == 1


def test_an_asset_whose_facts_changed_is_worked_out_again() -> None:
    cache = DigestCache()
    before = cache.get(_asset("Canal walk", "A gentle walk"))
    after = cache.get(_asset("Canal walk", "A gentle garden walk"))
    assert after is not before
    assert "garden" in after.text.terms and "garden" not in before.text.terms
    assert len(cache) == 1


def test_a_full_cache_starts_again_and_keeps_the_newest() -> None:
    cache = DigestCache(kept=2)
    a, b, c = _asset("A walk"), _asset("B club"), _asset("C cafe")
    cache.get(a)
    cache.get(b)
    assert len(cache) == 2
    made = cache.get(c)
    assert len(cache) == 1
    assert cache.get(c) is made


def test_two_holders_never_share() -> None:
    walk = _asset("Canal walk")
    assert DigestCache().get(walk) is not DigestCache().get(walk)


def test_times_on_a_day_come_in_order_with_an_untimed_one_first() -> None:
    times = (
        OpeningTime(Day.TUESDAY, dt.time(10)),
        OpeningTime(Day.MONDAY, dt.time(0, 30)),
        OpeningTime(Day.MONDAY, None, None, "drop in any time"),
    )
    made = digest(AssetFacts(id=uuid.UUID(int=5), name="Hub", opening_times=times))
    assert [s.words for s in made.slots] == [
        "Mondays (drop in any time)",
        "Mondays 00:30",
        "Tuesdays 10:00",
    ]
