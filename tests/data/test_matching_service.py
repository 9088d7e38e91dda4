"""MatchingService over a real SQLite file holding the sample directory.

Every person here is invented; every NHS number is from the 999 test range.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

import pytest

from linkworker import errors
from linkworker.data import candidate_repo
from linkworker.data.database import Database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.directory import Cost, Day
from linkworker.domain.geo import postcode_key
from linkworker.domain.matching import (
    DEFAULT_REASON_KINDS,
    AssetFacts,
    FreeTime,
    GeoPoint,
    JoinPreference,
    MatchPreferences,
    MatchProfile,
    MatchResult,
    PartOfDay,
    PersonWords,
    RankOptions,
    TravelRange,
    WordSource,
)
from linkworker.domain.people import (
    AccessNeed,
    ClosingReason,
    ConversationDraft,
    ConversationType,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.services import matching as matching_module
from linkworker.services.directory import DirectoryService
from linkworker.services.matching import NOT_RANKED, MatchingService, MissingReason
from linkworker.services.people import PeopleService
from linkworker.services.sample_data import load_sample_drafts
from linkworker.services.sample_postcodes import add_sample_postcodes, load_sample_postcodes
from tests.data.people_helpers import AGREED

TODAY = dt.date(2026, 6, 15)
NOW = dt.datetime(2026, 6, 15, 16, 30)


@pytest.fixture
def directory(db: Database) -> DirectoryService:
    service = DirectoryService(UnitsOfWork(db), today=lambda: TODAY)
    service.add_many(load_sample_drafts(TODAY))
    return service


@pytest.fixture
def people(db: Database) -> PeopleService:
    return PeopleService(UnitsOfWork(db), today=lambda: TODAY, now=lambda: NOW)


def service(db: Database, **kwargs: Any) -> MatchingService:
    return MatchingService(
        UnitsOfWork(db), lambda: DEFAULT_REASON_KINDS, today=lambda: TODAY, **kwargs
    )


@pytest.fixture
def matching(db: Database, directory: DirectoryService) -> MatchingService:
    return service(db)


def asset_id(directory: DirectoryService, name: str) -> uuid.UUID:
    from linkworker.domain.directory import DirectoryFilter, SortKey

    page = directory.search(DirectoryFilter(text=name), SortKey.RELEVANCE, limit=50)
    found = [row.id for row in page.rows if row.name == name]
    assert len(found) == 1, name
    return found[0]


def add_person(
    people: PeopleService,
    *,
    reasons: tuple[str, ...] = (),
    **fields: Any,
) -> uuid.UUID:
    person = people.save_person(PersonDraft(given_name="Elsie", family_name="Tranter", **fields))
    if reasons:
        people.save_episode(
            EpisodeDraft(
                consent_to_hold=AGREED,
                person_id=person.id,
                referral_date=TODAY - dt.timedelta(days=10),
                reasons=reasons,
                status=EpisodeStatus.ACTIVE,
            )
        )
    return person.id


def names(result: MatchResult) -> list[str]:
    return [s.name for s in result.suggestions]


# The profile -----------------------------------------------------------------


def test_profile_gathers_the_record_the_referral_and_the_conversations(
    db: Database, directory: DirectoryService, people: PeopleService
) -> None:
    matching = service(db)
    person = people.save_person(
        PersonDraft(
            given_name="Elsie",
            family_name="Tranter",
            date_of_birth=dt.date(1950, 6, 16),  # 75 until tomorrow
            postcode="ch65 2dw",
            first_language="Welsh",
            interpreter_needed=True,
            access_needs=(AccessNeed.MOBILITY, AccessNeed.HEARING),
            is_carer=True,
            gender="Female",
            what_matters="Getting out into the garden again",
            interests=("gardening", "birdwatching"),
            strengths=("patient", "good with plants"),
            notes="Looks after her husband since his stroke.",
        )
    )
    # An open referral from last year and a newer closed one: the open one counts.
    open_episode = people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person.id,
            referral_date=dt.date(2025, 9, 1),
            reasons=("Loneliness", "Low mood"),
            status=EpisodeStatus.ACTIVE,
        )
    )
    people.save_conversation(
        ConversationDraft(
            episode_id=open_episode.id,
            at=dt.datetime(2025, 9, 10, 10, 0),
            kind=ConversationType.FIRST,
            answers=(
                ("what_matters", "Getting out into the garden again"),
                ("enjoy", "Feeding the birds"),
                ("change", "Not seeing anyone all week"),
                ("in_the_way", "My hip"),
            ),
        )
    )
    people.save_conversation(
        ConversationDraft(
            episode_id=open_episode.id,
            at=dt.datetime(2025, 10, 1, 10, 0),
            answers=(
                ("enjoy", "  "),
                ("something_to_do", "Something with my hands"),
                ("someone_to_be_with", "People my own age"),
            ),
        )
    )
    matching.save_preferences(person.id, MatchPreferences(travel=TravelRange.WALKING))
    choir = asset_id(directory, "Port Community Choir")
    cafe = asset_id(directory, "Bereavement Cafe")
    matching.pin(person.id, choir)
    matching.dismiss(person.id, cafe, "Not ready for that yet")
    assert matching.add_postcode_points([("CH65 2DW", 53.2824, -2.8888)]) == 1

    profile = matching.profile(person.id)

    assert profile == MatchProfile(
        person_id=person.id,
        words=(
            PersonWords(WordSource.WHAT_MATTERS, "Getting out into the garden again"),
            PersonWords(WordSource.ENJOY, "Feeding the birds"),
            PersonWords(WordSource.CHANGE, "Not seeing anyone all week"),
            PersonWords(WordSource.WHAT_MATTERS, "Something with my hands"),
            PersonWords(WordSource.WHAT_MATTERS, "People my own age"),
            # What gets in the way, and the record's notes, are read too.
            PersonWords(WordSource.NOTES, "My hip"),
            PersonWords(WordSource.NOTES, "Looks after her husband since his stroke."),
            PersonWords(WordSource.INTEREST, "gardening"),
            PersonWords(WordSource.INTEREST, "birdwatching"),
            PersonWords(WordSource.STRENGTH, "patient"),
            PersonWords(WordSource.STRENGTH, "good with plants"),
        ),
        reasons=("Loneliness", "Low mood"),
        age=75,
        postcode="CH65 2DW",
        point=GeoPoint(53.2824, -2.8888),
        access_needs=(AccessNeed.MOBILITY, AccessNeed.HEARING),
        first_language="Welsh",
        interpreter_needed=True,
        is_carer=True,
        gender="Female",
        preferences=MatchPreferences(travel=TravelRange.WALKING),
        dismissed=frozenset({cafe}),
        pinned=frozenset({choir}),
    )


def test_the_language_an_interpreter_is_asked_in_is_the_one_matched(
    db: Database, people: PeopleService
) -> None:
    matching = service(db)
    asked = people.save_person(
        PersonDraft(
            given_name="Rima",
            family_name="Ashfield",
            first_language="Bengali",
            interpreter_needed=True,
            interpreter_language="Sylheti",
        )
    )
    assert matching.profile(asked.id).first_language == "Sylheti"
    # Without an interpreter the language named for one does not stand in.
    plain = people.save_person(
        PersonDraft(given_name="Tam", first_language="Bengali", interpreter_language="Sylheti")
    )
    assert matching.profile(plain.id).first_language == "Bengali"


def test_the_current_referral_is_the_newest_open_one_else_the_newest(
    db: Database, directory: DirectoryService, people: PeopleService
) -> None:
    matching = service(db)
    person_id = add_person(people)
    assert matching.profile(person_id).reasons == ()

    def episode(day: dt.date, reasons: tuple[str, ...], status: EpisodeStatus) -> None:
        closed = status is EpisodeStatus.CLOSED
        people.save_episode(
            EpisodeDraft(
                consent_to_hold=AGREED,
                person_id=person_id,
                referral_date=day,
                reasons=reasons,
                status=status,
                closed_on=day + dt.timedelta(days=30) if closed else None,
                closing_reason=ClosingReason.GOALS_MET if closed else None,
            )
        )

    episode(dt.date(2025, 1, 1), ("Housing",), EpisodeStatus.CLOSED)
    episode(dt.date(2025, 6, 1), ("Money or debt",), EpisodeStatus.CLOSED)
    assert matching.profile(person_id).reasons == ("Money or debt",)
    episode(dt.date(2025, 3, 1), ("Anxiety", "Loneliness"), EpisodeStatus.WAITING)
    assert matching.profile(person_id).reasons == ("Anxiety", "Loneliness")


def test_no_fixed_address_or_an_unknown_postcode_gives_no_point(
    db: Database, directory: DirectoryService, people: PeopleService
) -> None:
    matching = service(db)
    matching.add_postcode_points([("CH65 2DW", 53.2824, -2.8888)])
    homeless = add_person(people, no_fixed_address=True)
    unknown = add_person(people, postcode="CH65 9ZZ")

    assert matching.profile(homeless).postcode == ""
    assert matching.profile(homeless).point is None
    assert matching.profile(unknown).postcode == "CH65 9ZZ"
    assert matching.profile(unknown).point is None
    assert matching.profile(unknown).age is None


# Preferences, pins and dismissals ------------------------------------------------


def test_preferences_round_trip(matching: MatchingService, people: PeopleService) -> None:
    person_id = add_person(people)
    assert matching.preferences(person_id) == MatchPreferences()
    assert matching.preferences(person_id).is_empty

    wanted = MatchPreferences(
        free_times=(
            FreeTime(Day.THURSDAY, PartOfDay.AFTERNOON),
            FreeTime(Day.TUESDAY, PartOfDay.MORNING),
        ),
        cost_limit=Cost.LOW_COST,
        join=JoinPreference.WITH_SOMEONE,
        travel=TravelRange.SHORT_TRIP,
        avoid_categories=("Peer support", "Café groups"),
    )
    matching.save_preferences(person_id, wanted)
    got = matching.preferences(person_id)
    assert got.free_times == (
        FreeTime(Day.TUESDAY, PartOfDay.MORNING),
        FreeTime(Day.THURSDAY, PartOfDay.AFTERNOON),
    )
    assert (got.cost_limit, got.join, got.travel) == (
        Cost.LOW_COST,
        JoinPreference.WITH_SOMEONE,
        TravelRange.SHORT_TRIP,
    )
    assert got.avoid_categories == ("Peer support", "Café groups")

    matching.save_preferences(person_id, MatchPreferences(cost_limit=Cost.FREE))
    assert matching.preferences(person_id) == MatchPreferences(cost_limit=Cost.FREE)


def test_dismiss_keeps_an_asset_out_until_it_is_restored(
    matching: MatchingService, directory: DirectoryService, people: PeopleService
) -> None:
    person_id = add_person(people, interests=("gardening",), reasons=("Low mood",))
    before = names(matching.suggest(person_id, limit=120))
    assert "Overpool Community Garden" in before
    garden = asset_id(directory, "Overpool Community Garden")

    matching.dismiss(person_id, garden, "  Too far   for her\n")

    for _ in range(2):  # and on every later call
        result = matching.suggest(person_id, limit=120)
        assert "Overpool Community Garden" not in names(result)
    (dismissal,) = matching.dismissed(person_id)
    assert (dismissal.asset_id, dismissal.asset_name, dismissal.reason, dismissal.on) == (
        garden,
        "Overpool Community Garden",
        "Too far for her",
        TODAY,
    )
    assert garden in matching.profile(person_id).dismissed

    matching.restore(person_id, garden)
    assert matching.dismissed(person_id) == ()
    assert "Overpool Community Garden" in names(matching.suggest(person_id, limit=120))
    matching.restore(person_id, garden)  # restoring again changes nothing
    assert matching.dismissed(person_id) == ()


def test_a_dismissal_needs_a_reason(
    matching: MatchingService, directory: DirectoryService, people: PeopleService
) -> None:
    person_id = add_person(people)
    garden = asset_id(directory, "Overpool Community Garden")
    with pytest.raises(MissingReason, match="Say why"):
        matching.dismiss(person_id, garden, "  \n ")
    assert matching.dismissed(person_id) == ()


def test_a_pinned_asset_comes_first_and_unpinning_lets_it_go(
    matching: MatchingService, directory: DirectoryService, people: PeopleService
) -> None:
    person_id = add_person(people, interests=("gardening",), reasons=("Low mood",))
    chess = asset_id(directory, "Port Chess Club")

    matching.pin(person_id, chess)

    first = matching.suggest(person_id).suggestions[0]
    assert (first.name, first.pinned) == ("Port Chess Club", True)
    matching.pin(person_id, chess, pinned=False)
    assert matching.profile(person_id).pinned == frozenset()
    top = matching.suggest(person_id, limit=3).suggestions
    assert all(not s.pinned for s in top)


def test_pinning_a_dismissed_asset_brings_it_back(
    matching: MatchingService, directory: DirectoryService, people: PeopleService
) -> None:
    person_id = add_person(people)
    chess = asset_id(directory, "Port Chess Club")
    matching.dismiss(person_id, chess, "Said no")
    matching.pin(person_id, chess)
    assert matching.dismissed(person_id) == ()
    assert matching.profile(person_id).pinned == frozenset({chess})


def test_unknown_people_and_assets_are_not_found(
    matching: MatchingService, directory: DirectoryService, people: PeopleService
) -> None:
    nobody = uuid.uuid4()
    chess = asset_id(directory, "Port Chess Club")
    for call in (
        lambda: matching.suggest(nobody),
        lambda: matching.profile(nobody),
        lambda: matching.preferences(nobody),
        lambda: matching.save_preferences(nobody, MatchPreferences()),
        lambda: matching.dismissed(nobody),
        lambda: matching.dismiss(nobody, chess, "no"),
        lambda: matching.pin(nobody, chess),
    ):
        with pytest.raises(errors.NotFound, match="no longer on the caseload"):
            call()
    person_id = add_person(people)
    with pytest.raises(errors.NotFound, match="no longer in the directory"):
        matching.pin(person_id, uuid.uuid4())
    with pytest.raises(errors.NotFound, match="no longer in the directory"):
        matching.dismiss(person_id, uuid.uuid4(), "gone")


# Suggestions -----------------------------------------------------------------


def test_gardening_words_bring_gardening_assets_to_the_top_with_reasons(
    matching: MatchingService, people: PeopleService
) -> None:
    person_id = add_person(
        people,
        postcode="CH65 2DW",
        what_matters="Being out in the garden, growing vegetables",
        interests=("gardening", "allotments"),
    )

    result = matching.suggest(person_id, limit=10)

    assert len(result.suggestions) == 10
    top = result.suggestions[:5]
    gardening = [s for s in top if "Gardening" in s.categories]
    assert len(gardening) >= 3, names(result)
    assert all(s.reasons for s in gardening)
    assert any("garden" in reason.lower() for s in gardening for reason in s.reasons)
    # Everything running in the sample directory was looked at; none of it left unranked.
    assert result.considered == 117
    assert all(why != NOT_RANKED for why, _ in result.left_out)


def test_closed_archived_and_paused_assets_are_not_suggested(
    matching: MatchingService, directory: DirectoryService, people: PeopleService
) -> None:
    person_id = add_person(people, interests=("gardening",))
    garden = asset_id(directory, "Overpool Community Garden")
    directory.archive(garden)

    result = matching.suggest(person_id, limit=200)

    shown = names(result)
    assert "Overpool Community Garden" not in shown
    assert "Couch to 5K Running Group" not in shown  # closed
    assert "St Hilda's Warm Welcome" not in shown  # paused
    assert result.considered == 116


def test_postcode_points_give_distances_in_miles(
    matching: MatchingService, people: PeopleService
) -> None:
    person_id = add_person(people, postcode="CH65 2DW", interests=("gardening",))
    without = matching.suggest(person_id, limit=10)
    assert all(s.distance_miles is None for s in without.suggestions)

    assert add_sample_postcodes(matching) == len(load_sample_postcodes())
    result = matching.suggest(person_id, limit=10)

    by_name = {s.name: s for s in result.suggestions}
    with_miles = [s for s in result.suggestions if s.distance_miles is not None]
    assert with_miles, names(result)
    assert any("mile" in reason for s in with_miles for reason in s.reasons)
    grow = by_name.get("Grow and Cook Club")  # CH65 2AB, beside CH65 2DW
    if grow is not None:
        assert grow.distance_miles is not None and grow.distance_miles < 0.3


def test_postcode_points_are_normalised_upserted_and_bad_rows_skipped(
    matching: MatchingService,
) -> None:
    added = matching.add_postcode_points(
        [
            ("ch65 2ab", 53.28, -2.88),
            ("not a postcode", 53.0, -2.0),
            ("CH65 4LD", 200.0, 0.0),
            ("CH66 1AA", float("nan"), -2.9),
            ("CH652AB", 53.29, -2.89),
        ]
    )
    assert added == 2
    assert matching.postcode_point("CH65 2AB") == GeoPoint(53.29, -2.89)
    assert matching.postcode_point(" ch652ab ") == GeoPoint(53.29, -2.89)
    assert matching.postcode_point("CH65 4LD") is None
    assert matching.postcode_point("nonsense") is None
    assert matching.add_postcode_points([("CH65 2AB", 53.3, -2.9)]) == 1
    assert matching.postcode_point("CH65 2AB") == GeoPoint(53.3, -2.9)


def test_the_sample_postcodes_cover_the_demo_people_and_assets() -> None:
    from linkworker.services.sample_people import load_sample_people

    known = {postcode_key(p) for p, _, _ in load_sample_postcodes()}
    used = {s.person.postcode for s in load_sample_people(TODAY) if s.person.postcode}
    used |= {loc.postcode for d in load_sample_drafts(TODAY) for loc in d.locations}
    used.discard("")
    assert {postcode_key(p) for p in used} <= known
    for _, lat, lon in load_sample_postcodes():  # around Ellesmere Port and Chester
        assert 53.2 < lat < 53.35 and -3.0 < lon < -2.75


# A big directory ---------------------------------------------------------------


class RankSpy:
    """Records the assets the service hands to the ranking."""

    def __init__(self) -> None:
        from linkworker.domain.match_scoring import rank

        self._rank = rank
        self.seen: list[AssetFacts] = []

    def __call__(
        self,
        profile: MatchProfile,
        assets: Iterable[AssetFacts],
        options: RankOptions,
        digests: Any = None,
    ) -> MatchResult:
        self.seen = list(assets)
        return self._rank(profile, self.seen, options, digests)

    @property
    def names(self) -> set[str]:
        return {a.name for a in self.seen}


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> RankSpy:
    recorder = RankSpy()
    monkeypatch.setattr(matching_module, "rank", recorder)
    return recorder


def test_a_big_directory_ranks_text_and_kind_candidates_only(
    db: Database,
    directory: DirectoryService,
    people: PeopleService,
    spy: RankSpy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(matching_module, "TEXT_CANDIDATES", 3)
    monkeypatch.setattr(matching_module, "KIND_CANDIDATES", 8)
    matching = service(db, small_directory=50)
    person_id = add_person(
        people, postcode="CH65 2DW", interests=("chess",), reasons=("Money or debt",)
    )
    ukulele = asset_id(directory, "Ukulele Strummers")
    matching.pin(person_id, ukulele)

    result = matching.suggest(person_id, limit=5)

    assert "Port Chess Club" in spy.names  # a full-text match for "chess"
    # "Money or debt" calls for advice, budgeting, benefits and practical help: the eight
    # running ones in the person's own postcode sector (CH65 2) come before any further away.
    assert {
        "Port Food Bank",
        "Food Bank Volunteer",
        "Cooking on a Budget",
        "Port Volunteer Centre",
        "Benefits Drop-in",
        "Housing Advice Surgery",
        "Port Repair Cafe",
        "Energy Bill Help",
    } <= spy.names
    assert "Ukulele Strummers" in spy.names  # pinned
    assert len(spy.seen) <= 3 + 8 + 1
    assert result.considered == len(spy.seen)
    assert (NOT_RANKED, 117 - len(spy.seen)) in result.left_out
    assert result.suggestions[0].name == "Ukulele Strummers"
    assert "Port Chess Club" in names(result)


def test_a_big_directory_adds_ways_to_give_for_someone_with_strengths(
    db: Database,
    directory: DirectoryService,
    people: PeopleService,
    spy: RankSpy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(matching_module, "TEXT_CANDIDATES", 1)
    monkeypatch.setattr(matching_module, "GIVING_CANDIDATES", 5)
    matching = service(db, small_directory=50)
    plain = add_person(people, postcode="CH66 3LU")
    giver = people.save_person(
        PersonDraft(given_name="Ray", postcode="CH66 3LU", strengths=("patient",))
    ).id

    matching.suggest(plain)
    assert not [a for a in spy.seen if "Volunteering" in a.categories]

    matching.suggest(giver)
    volunteering = [a for a in spy.seen if "Volunteering" in a.categories]
    assert len(volunteering) >= 5
    # The nearest first: the garden volunteers meet in the person's own sector.
    assert "Community Garden Volunteer" in {a.name for a in volunteering}


def test_kind_hits_are_nearest_first_and_running_only(
    db: Database, directory: DirectoryService
) -> None:
    with UnitsOfWork(db).read() as uow:
        near = uow.candidates.kind_hits(["advice"], ("CH", "CH65", "CH65 2"), cap=4)
        walking = uow.candidates.kind_hits(
            ["Walking and exercise"], ("CH", "CH66", "CH66 3"), cap=100
        )
        none = uow.candidates.kind_hits(["no such kind"], ("", "", ""), cap=10)
    ids = {
        name: asset_id(directory, name)
        for name in (
            "Benefits Drop-in",
            "Housing Advice Surgery",
            "Energy Bill Help",
            "Port Volunteer Centre",
        )
    }
    assert set(near) == set(ids.values())
    assert asset_id(directory, "Couch to 5K Running Group") not in walking  # closed
    first_two = set(walking[:2])
    assert first_two == {
        asset_id(directory, "Steady Steps Strength and Balance"),
        asset_id(directory, "Better Breathing Club"),
    }
    assert none == []


def test_text_hits_rank_rare_words_anywhere_and_common_ones_only_nearby(
    db: Database, directory: DirectoryService
) -> None:
    with UnitsOfWork(db).read() as uow:
        hits = uow.candidates.text_hits(
            ["ukulel", "chess", "garden"], "CH66", 10, common=5, budget=100
        )
        without_place = uow.candidates.text_hits(["garden"], "", 3, common=5, budget=100)
        nothing = uow.candidates.text_hits([], "CH66", 10, common=5, budget=100)
        # Each word is in one asset; with room to rank one match, "ukulel" (last in
        # order) is handled as a common word: only nearby, and the ukulele group is in CH65.
        budgeted = uow.candidates.text_hits(["ukulel", "chess"], "CH66", 10, common=5, budget=1)
        budgeted_near = uow.candidates.text_hits(
            ["ukulel", "chess"], "CH65", 10, common=5, budget=1
        )
    named = {name: asset_id(directory, name) for name in GARDENING_NAMES}
    rare = [asset_id(directory, "Ukulele Strummers"), asset_id(directory, "Port Chess Club")]
    assert set(hits[:2]) == set(rare)
    # "garden" is common here (in five or more assets): only those about gardening, in CH66.
    assert set(hits[2:]) == {
        named["Overpool Community Garden"],
        named["Community Garden Volunteer"],
        named["Hooton Community Orchard"],
    }
    assert len(without_place) == 1  # half of the cap, not ranked
    assert budgeted == [rare[1]]
    assert budgeted_near == [rare[1], rare[0]]
    assert nothing == []
    assert candidate_repo.fts_or_query(["garden", "sing", "garden", "'x"]) == (
        '"garden"* OR "sing"*'
    )


GARDENING_NAMES = (
    "Overpool Community Garden",
    "Community Garden Volunteer",
    "Hooton Community Orchard",
)


def test_a_carer_said_only_in_the_notes_is_offered_carers_support_first(
    db: Database, directory: DirectoryService, people: PeopleService
) -> None:
    matching = service(db)
    person = add_person(
        people,
        reasons=("Low mood",),
        notes="Looking after my mum since her stroke; worn out.",
        interests=("dancing", "gardening"),
    )

    top = matching.suggest(person, limit=5).suggestions

    assert "Carers" in top[0].categories, [s.name for s in top]
    assert any("looking after your mum" in r for r in top[0].reasons), top[0].reasons


def test_a_big_directory_brings_in_carers_groups_for_a_carer_said_in_words(
    db: Database,
    directory: DirectoryService,
    people: PeopleService,
    spy: RankSpy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(matching_module, "TEXT_CANDIDATES", 1)
    monkeypatch.setattr(matching_module, "KIND_CANDIDATES", 6)
    matching = service(db, small_directory=50)
    said = add_person(people, postcode="CH66 3LU", notes="Looks after her dad full time.")
    unsaid = add_person(people, postcode="CH66 3LU", notes="Lives with her dad.")

    matching.suggest(unsaid)
    assert not [a for a in spy.seen if "Carers" in a.categories]
    matching.suggest(said)
    assert [a for a in spy.seen if "Carers" in a.categories]
