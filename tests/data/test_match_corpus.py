"""The match quality bench's corpus and judges (bench/match_quality.py).

The corpus goes in through the app's own Open Referral import and people services,
on a real SQLite file; the bench's own check and its BM25 baseline are pinned on
cases where the right answer is plain. Nothing here asserts how well the app ranks:
that is the bench's report.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import match_quality as mq  # noqa: E402
from bench.match_corpus import make_feed  # noqa: E402
from linkworker.domain.directory import AssetStatus, Day  # noqa: E402
from linkworker.domain.matching import FreeTime, PartOfDay  # noqa: E402
from linkworker.domain.people import AccessNeed  # noqa: E402

LISTING = {listing.key: listing for listing in mq.LISTINGS}
PERSON = {someone.key: someone for someone in mq.PEOPLE}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[mq.Corpus]:
    built = mq.build(tmp_path_factory.mktemp("match-corpus") / "data")
    yield built
    built.close()


def test_the_committed_feed_is_what_the_table_writes() -> None:
    written = json.loads(make_feed.FEED.read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(make_feed.page()))
    assert len(written["contents"]) == len(mq.LISTINGS) >= 150


def test_every_listing_and_person_goes_in_through_the_app(corpus: mq.Corpus) -> None:
    assert corpus.imported == len(mq.LISTINGS)
    assert set(corpus.assets) == set(LISTING)
    assert len(corpus.people) == len(mq.PEOPLE) >= 40

    closed = corpus.services.directory.get(corpus.assets["carers-old"]).draft
    assert closed.status is AssetStatus.CLOSED
    no_place = corpus.services.directory.get(corpus.assets["phone-friends"]).draft
    assert no_place.locations == ()
    deaf = corpus.matching.profile(corpus.people["deaf"])
    assert AccessNeed.NO_VOICE_CALLS in deaf.access_needs
    assert deaf.words  # what matters and the conversation's answers were read back
    carer = corpus.matching.profile(corpus.people["carer-strain"])
    assert carer.is_carer and "Carer support" in carer.reasons
    assert FreeTime(Day.FRIDAY, PartOfDay.MORNING) in carer.preferences.free_times


@pytest.mark.parametrize(
    ("listing", "person", "why"),
    [
        ("walk-men", "no-gender", "for men only"),
        ("tea-dance", "free-only", "costs £3; free things only"),
        ("garden", "wheelchair", "not step-free"),
        ("phone-friends", "deaf", "phone only"),
        ("memory-cafe", "marbles", "only for dementia or dementia carer"),
        ("carers-old", "carer-strain", "closed or paused"),
        ("shed-paused", "joiner", "closed or paused"),
        ("anxiety-group", "teen", "outside its ages"),
        ("walk-whitby", "weekends", "every session outside their times"),
    ],
)
def test_the_bench_finds_what_the_person_could_not_go_to(
    listing: str, person: str, why: str
) -> None:
    assert why in mq.cannot_go(LISTING[listing], PERSON[person])


def test_a_language_is_a_limit_only_with_no_interpreter_and_no_english() -> None:
    alone = dataclasses.replace(PERSON["sylheti"], interpreter=False)
    assert "not in a language they can take part in" in mq.cannot_go(LISTING["knit-natter"], alone)
    assert mq.cannot_go(LISTING["health-advocates"], alone) == []


@pytest.mark.parametrize(
    ("listing", "person"),
    [
        ("health-advocates", "sylheti"),  # in her language
        ("advice-drop", "sylheti"),  # an interpreter can be booked
        ("knit-natter", "sylheti"),  # in English, and she has an interpreter
        ("carers-sitting", "carer-strain"),  # "by arrangement" is not a clash
        ("bereave-cafe", "bereaved"),  # steps, but he needs none
        ("cafe-sat", "weekends"),  # no cost given is not a cost
        ("community-cafe", "church-no"),  # open 10-3: her afternoons overlap
        ("walk-men", "veteran"),  # a man, over 18, on a free morning
    ],
)
def test_what_is_unknown_or_met_is_no_reason(listing: str, person: str) -> None:
    assert mq.cannot_go(LISTING[listing], PERSON[person]) == []


def test_every_grade_names_a_listing_and_says_why() -> None:
    for someone in mq.PEOPLE:
        for key, grade, why in someone.grades:
            assert key in LISTING and grade in (1, 2) and why.strip()


def test_ndcg_is_one_for_the_ideal_order_and_less_for_any_other() -> None:
    grades = {"a": 2, "b": 1, "c": 1}
    assert mq.ndcg(["a", "b", "c", "x"], grades) == pytest.approx(1.0)
    assert mq.ndcg(["x", "c", "b", "a"], grades) < mq.ndcg(["b", "a", "c", "x"], grades) < 1
    assert mq.ndcg(["x", "y"], grades) == 0.0
    assert mq.ndcg(["a"], {}) == 0.0


def test_bm25_ranks_by_the_rarer_shared_words_and_skips_what_has_none() -> None:
    bm25 = mq.Bm25(
        {
            "carers": "Carers' support group for carers",
            "walk": "A walking group in the park",
            "football": "Walking football, a group for over 50s",
            "choir": "A choir",
        }
    )
    assert bm25.rank("support for carers") == ["carers"]
    assert bm25.rank("I like walking") == ["walk", "football"]
    assert bm25.idf[mq.stem("carers")] > bm25.idf[mq.stem("group")]
    assert "choir" not in bm25.rank("a group")


def test_the_baseline_leaves_closed_and_paused_listings_out(corpus: mq.Corpus) -> None:
    bm25 = mq.baseline(corpus)
    running = {key for key, listing in LISTING.items() if listing.status == "active"}
    assert set(bm25.terms) == running
    assert "carers-old" not in bm25.rank(mq.recorded_text(PERSON["carer-strain"]))


def test_free_times_are_read_as_written() -> None:
    assert mq.free_times("weekends: morning; TU,TH: evening") == tuple(
        sorted(
            {
                FreeTime(Day.SATURDAY, PartOfDay.MORNING),
                FreeTime(Day.SUNDAY, PartOfDay.MORNING),
                FreeTime(Day.TUESDAY, PartOfDay.EVENING),
                FreeTime(Day.THURSDAY, PartOfDay.EVENING),
            }
        )
    )
