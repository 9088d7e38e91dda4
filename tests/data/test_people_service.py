"""PeopleService over a real SQLite file: people, referrals, conversations, the caseload, import.

Every NHS number here is from the 999 test range (never issued) with a valid Modulus 11
check digit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkworker import errors
from linkworker.data.database import Database, open_database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.people import (
    AccessNeed,
    CaseloadFilter,
    CaseloadSort,
    ClosingReason,
    Consent,
    ContactMethod,
    ConversationDraft,
    ConversationMode,
    ConversationType,
    CrisisPlan,
    CrisisStep,
    EpisodeDraft,
    EpisodeStatus,
    ImportantPerson,
    PersonDraft,
    ReferrerKind,
    Urgency,
)
from linkworker.paths import AppPaths
from linkworker.services.people import (
    SAME_BIRTHDAY_SIMILAR_NAME,
    SAME_NHS_NUMBER,
    InvalidPerson,
    PeopleService,
)

TODAY = dt.date(2026, 6, 15)
NOW = dt.datetime(2026, 6, 15, 16, 30)
NO_ONE = uuid.UUID(int=0)  # an episode's person before import gives it a real one


def _test_nhs_numbers() -> Iterator[str]:
    """Valid NHS numbers from the 999 test range, in order."""
    for serial in itertools.count(1):
        nine = f"999{serial:06d}"
        check = 11 - sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            yield f"{nine}{check}"


NHS = list(itertools.islice(_test_nhs_numbers(), 60))


def spaced(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


@pytest.fixture
def db(app_paths: AppPaths) -> Iterator[Database]:
    opened = open_database(app_paths.database, app_paths.backups_dir)
    yield opened
    opened.dispose()


@pytest.fixture
def people(db: Database) -> PeopleService:
    """A people service over a real file, with a fixed today and now."""
    return PeopleService(UnitsOfWork(db), today=lambda: TODAY, now=lambda: NOW)


def _person(people: PeopleService, given: str, family: str = "", **fields: Any) -> uuid.UUID:
    return people.save_person(PersonDraft(given_name=given, family_name=family, **fields)).id


def _episode(people: PeopleService, person_id: uuid.UUID, **fields: Any) -> uuid.UUID:
    fields.setdefault("referral_date", TODAY - dt.timedelta(days=30))
    return people.save_episode(EpisodeDraft(person_id=person_id, **fields)).id


def _talk(people: PeopleService, episode_id: uuid.UUID, at: dt.datetime, **fields: Any) -> Any:
    return people.save_conversation(ConversationDraft(episode_id=episode_id, at=at, **fields))


def _names(people: PeopleService, flt: CaseloadFilter = CaseloadFilter(), **kw: Any) -> list[str]:
    return [r.name for r in people.caseload(flt, **kw).rows]


def _found(people: PeopleService, text: str) -> list[str]:
    return sorted(_names(people, CaseloadFilter(text=text)))


def _row(people: PeopleService, person_id: uuid.UUID) -> Any:
    (row,) = [r for r in people.caseload(limit=1000).rows if r.id == person_id]
    return row


FULL_PERSON = PersonDraft(
    given_name="Margaret",
    family_name="Ó Súilleabháin",
    preferred_name="Peggy",
    date_of_birth=dt.date(1948, 3, 2),
    nhs_number=spaced(NHS[0]),
    address="Flat 2, 14 Station Road\nEllesmere Port",
    postcode="ch65  4ab",
    no_fixed_address=False,
    phone="01632 960123",
    email="peggy@example.org",
    preferred_contact=ContactMethod.LETTER,
    contact_times="Mornings, not Tuesdays",
    gender="Woman",
    ethnicity="White Irish",
    first_language="Irish",
    interpreter_needed=True,
    access_needs=(AccessNeed.LARGE_PRINT, AccessNeed.HEARING, AccessNeed.EASY_READ),
    is_carer=True,
    is_cared_for=False,
    important_people=(
        ImportantPerson("Siobhán", "Daughter", "07700 900123", may_contact=True),
        ImportantPerson("Reg", "Neighbour"),
        ImportantPerson("Dr Amaka Obi", "GP", "Station Road Surgery", may_contact=False),
    ),
    what_matters="Getting back to the allotment, and seeing my grandchildren.",
    interests=("Gardening", "Baking", "Céilí dancing"),
    strengths=("Patient teacher", "Good with plants"),
    notes="Prefers a home visit.",
)


# People ----------------------------------------------------------------------


def test_every_person_field_round_trips(people: PeopleService) -> None:
    saved = people.save_person(FULL_PERSON)

    expected = dataclasses.replace(
        FULL_PERSON, id=saved.id, version=1, nhs_number=NHS[0], postcode="CH65 4AB"
    )
    assert saved.draft == expected
    assert saved.version == 1
    assert saved.episodes == () and saved.conversations == ()
    assert saved.created_at <= saved.updated_at
    again = people.get_person(saved.id)
    assert again.draft == expected
    assert again.created_at == saved.created_at
    assert people.count() == 1


def test_a_person_with_almost_nothing_round_trips(people: PeopleService) -> None:
    """No NHS number, no fixed address, no date of birth: still a person we support."""
    draft = PersonDraft(given_name="Dee", no_fixed_address=True)
    saved = people.save_person(draft)
    assert saved.draft == dataclasses.replace(draft, id=saved.id, version=1)
    # Several people without an NHS number do not collide on the unique index.
    people.save_person(PersonDraft(given_name="Ash"))
    assert people.count() == 2


def test_a_postcode_given_with_no_fixed_address_is_still_a_postcode(people: PeopleService) -> None:
    saved = people.save_person(
        PersonDraft(given_name="Kit", no_fixed_address=True, postcode="ch65 4ab")
    )
    assert saved.draft.postcode == "CH65 4AB" and saved.draft.no_fixed_address
    with pytest.raises(InvalidPerson) as caught:
        people.save_person(PersonDraft(given_name="Kit", no_fixed_address=True, postcode="hostel"))
    assert [p.field for p in caught.value.problems] == ["postcode"]


def test_an_edit_replaces_lists_in_their_new_order(people: PeopleService) -> None:
    saved = people.save_person(FULL_PERSON)
    edited = dataclasses.replace(
        saved.draft,
        important_people=(ImportantPerson("Reg", "Neighbour", may_contact=True),),
        interests=("Walking", "Gardening"),
        access_needs=(AccessNeed.SIGHT,),
        strengths=(),
    )
    updated = people.save_person(edited)
    assert updated.version == 2
    assert updated.draft == dataclasses.replace(edited, version=2)
    with closing(sqlite3.connect(people._units.database.path)) as conn:  # type: ignore[arg-type]
        assert conn.execute("SELECT count(*) FROM important_person").fetchone() == (1,)


def test_a_stale_version_is_refused_and_nothing_changes(people: PeopleService) -> None:
    first = people.save_person(PersonDraft(given_name="Maureen", family_name="Oakes"))
    mine = dataclasses.replace(first.draft, notes="Mine")
    theirs = dataclasses.replace(first.draft, notes="Theirs")
    assert people.save_person(theirs).version == 2

    with pytest.raises(errors.ConcurrentEdit) as caught:
        people.save_person(mine)
    assert "Maureen Oakes" in caught.value.message
    assert people.get_person(first.id).draft.notes == "Theirs"

    # Choosing to save over their change: no version.
    overwritten = people.save_person(dataclasses.replace(mine, version=None))
    assert overwritten.version == 3 and overwritten.draft.notes == "Mine"


def test_saving_without_a_change_does_not_make_a_new_version(people: PeopleService) -> None:
    saved = people.save_person(FULL_PERSON)
    assert people.save_person(saved.draft).version == 1


def test_saving_a_person_who_was_removed_says_so(people: PeopleService) -> None:
    with pytest.raises(errors.NotFound):
        people.save_person(PersonDraft(given_name="Ghost", id=uuid.uuid4(), version=1))
    with pytest.raises(errors.NotFound):
        people.get_person(uuid.uuid4())


def test_invalid_details_list_every_problem_and_save_nothing(people: PeopleService) -> None:
    with pytest.raises(InvalidPerson) as caught:
        people.save_person(
            PersonDraft(
                given_name="",
                nhs_number="999 000 0000",
                date_of_birth=TODAY + dt.timedelta(days=1),
                postcode="not a postcode",
                email="nope",
            )
        )
    fields = {p.field for p in caught.value.problems}
    assert {"given_name", "nhs_number", "date_of_birth", "postcode", "email"} <= fields
    assert caught.value.advice
    assert people.count() == 0


def test_nhs_number_is_stored_as_ten_digits_and_found_however_typed(
    people: PeopleService,
) -> None:
    person_id = _person(people, "Tomasz", "Nowak", nhs_number=f"{NHS[1][:3]}-{NHS[1][3:]}")
    assert people.get_person(person_id).draft.nhs_number == NHS[1]
    with closing(sqlite3.connect(people._units.database.path)) as conn:  # type: ignore[arg-type]
        assert conn.execute("SELECT nhs_number FROM person").fetchone() == (NHS[1],)

    for typed in (NHS[1], spaced(NHS[1]), f" {spaced(NHS[1]).replace(' ', '-')} "):
        found = people.find_by_nhs_number(typed)
        assert found is not None and found.id == person_id
    assert people.find_by_nhs_number(NHS[2]) is None
    assert people.find_by_nhs_number("12345") is None
    assert people.find_by_nhs_number("") is None


def test_an_nhs_number_on_someone_elses_record_is_refused(people: PeopleService) -> None:
    first = _person(people, "Maureen", "Oakes", nhs_number=NHS[0], preferred_name="Mo")
    with pytest.raises(InvalidPerson) as caught:
        people.save_person(PersonDraft(given_name="Other", nhs_number=spaced(NHS[0])))
    (problem,) = caught.value.problems
    assert problem.field == "nhs_number"
    assert "Mo Oakes" in problem.message and spaced(NHS[0]) in problem.message
    assert people.count() == 1

    # Giving another person's number on an edit is refused too ...
    second = people.save_person(PersonDraft(given_name="Sid", nhs_number=NHS[1]))
    with pytest.raises(InvalidPerson):
        people.save_person(dataclasses.replace(second.draft, nhs_number=NHS[0]))
    # ... while keeping one's own is fine.
    assert people.save_person(dataclasses.replace(second.draft, notes="x")).version == 2
    assert people.get_person(first).draft.nhs_number == NHS[0]


# Possible matches ------------------------------------------------------------

BORN = dt.date(1950, 1, 2)


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        (("Zoë", "Brontë", ""), ("zoe", "BRONTE", "")),  # accents and case
        (("Robert", "Smith", "Bob"), ("Bob", "Smith", "")),  # their preferred name
        (("Bob", "Smith", ""), ("Robert", "Smith", "Bob")),  # ours is their given name
        (("Christopher", "Jones", ""), ("Chris", "Jones", "")),  # three letters alike
        (("Jo", "Jones", ""), ("Joanne", "Jones", "")),  # a short form
        (("Jon", "Smith", ""), ("John", "Smith", "")),  # one letter apart
        (("Anne", "Smith", ""), ("Anne", "Smyth", "")),  # a slip in the family name
    ],
)
def test_same_birthday_and_a_similar_name_is_a_possible_match(
    people: PeopleService, existing: tuple[str, str, str], typed: tuple[str, str, str]
) -> None:
    given, family, preferred = existing
    person_id = _person(people, given, family, preferred_name=preferred, date_of_birth=BORN)
    given, family, preferred = typed
    draft = PersonDraft(
        given_name=given, family_name=family, preferred_name=preferred, date_of_birth=BORN
    )
    (match,) = people.possible_matches(draft)
    assert match.id == person_id and match.reason == SAME_BIRTHDAY_SIMILAR_NAME
    assert match.date_of_birth == BORN


@pytest.mark.parametrize(
    ("typed", "born"),
    [
        (("Jane", "Smith"), BORN),  # twins: same birthday and family, other given names
        (("John", "Smith"), BORN + dt.timedelta(days=1)),  # same name, another birthday
        (("John", "Williams"), BORN),  # same birthday, another family
        (("John", ""), BORN),  # no family name to compare
    ],
)
def test_different_people_are_not_matched(
    people: PeopleService, typed: tuple[str, str], born: dt.date
) -> None:
    _person(people, "John", "Smith", date_of_birth=BORN)
    draft = PersonDraft(given_name=typed[0], family_name=typed[1], date_of_birth=born)
    assert people.possible_matches(draft) == []


def test_the_same_nhs_number_comes_first_and_the_draft_itself_is_left_out(
    people: PeopleService,
) -> None:
    by_number = _person(people, "Maureen", "Oakes", nhs_number=NHS[0], postcode="CH65 2AB")
    by_name = _person(people, "Mo", "Oakes", date_of_birth=BORN)
    draft = PersonDraft(
        given_name="Maureen",
        preferred_name="Mo",
        family_name="Oakes",
        date_of_birth=BORN,
        nhs_number=spaced(NHS[0]),
    )
    matches = people.possible_matches(draft)
    assert [(m.id, m.reason) for m in matches] == [
        (by_number, SAME_NHS_NUMBER),
        (by_name, SAME_BIRTHDAY_SIMILAR_NAME),
    ]
    assert matches[0].nhs_number == NHS[0] and matches[0].postcode == "CH65 2AB"
    assert matches[0].name == "Maureen Oakes"

    # Editing Mo: she is not her own duplicate.
    mine = people.get_person(by_name).draft
    assert people.possible_matches(mine) == []
    # A half-typed NHS number matches nothing and raises nothing.
    assert people.possible_matches(PersonDraft(given_name="X", nhs_number="999")) == []


# Referrals and conversations ---------------------------------------------------


def test_every_episode_field_round_trips(people: PeopleService) -> None:
    person_id = _person(people, "Maureen", "Oakes")
    draft = EpisodeDraft(
        person_id=person_id,
        referral_date=dt.date(2026, 1, 5),
        referred_by=ReferrerKind.OTHER_SERVICE,
        referrer_name="Age UK Cheshire",
        reasons=("Loneliness", "Bereavement", "Gardening club closed"),
        reason_notes="Husband died in the autumn.",
        urgency=Urgency.SOON,
        consent_to_hold=Consent(True, dt.date(2026, 1, 5), "Sam"),
        consent_share_gp=Consent(True, dt.date(2026, 1, 6), "Ali"),
        consent_share_providers=Consent(False, None, ""),
        status=EpisodeStatus.CLOSED,
        link_worker="Sam",
        next_contact_on=None,
        closed_on=dt.date(2026, 5, 1),
        closing_reason=ClosingReason.GOALS_MET,
        closing_note="Back at the allotment twice a week.",
    )
    saved = people.save_episode(draft)
    expected = dataclasses.replace(draft, id=saved.id, version=1)
    assert saved.draft == expected and saved.version == 1
    (stored,) = people.get_person(person_id).episodes
    assert stored.draft == expected


def test_every_conversation_field_round_trips(people: PeopleService) -> None:
    person_id = _person(people, "Maureen", "Oakes")
    episode_id = _episode(people, person_id)
    draft = ConversationDraft(
        episode_id=episode_id,
        at=dt.datetime(2026, 6, 1, 10, 15),
        kind=ConversationType.CRISIS,
        mode=ConversationMode.HOME_VISIT,
        place="Her kitchen",
        minutes=75,
        notes="Electricity cut off; frightened.",
        answers=(
            ("what_matters", "Keeping warm, and my cat"),
            ("in_the_way", "Letters I can't read"),
            ("going_well", "My neighbour Reg"),
        ),
        crisis=CrisisPlan(
            must_change="Power back on today",
            steps=(
                CrisisStep("Ring the energy company together", "Sam", dt.date(2026, 6, 1)),
                CrisisStep("Warm space at the library", "Maureen"),
            ),
            check_back_on=dt.date(2026, 6, 3),
        ),
        recorded_by="Sam",
    )
    saved = people.save_conversation(draft)
    expected = dataclasses.replace(draft, id=saved.id, version=1)
    assert saved.draft == expected and saved.version == 1
    (stored,) = people.get_person(person_id).conversations
    assert stored.draft == expected


def test_episodes_and_conversations_come_newest_first(people: PeopleService) -> None:
    person_id = _person(people, "Maureen", "Oakes")
    old = _episode(people, person_id, referral_date=dt.date(2025, 1, 10))
    new = _episode(people, person_id, referral_date=dt.date(2026, 2, 1))
    middle = _episode(people, person_id, referral_date=dt.date(2025, 9, 1))
    times = [dt.datetime(2025, 1, 20, 9), dt.datetime(2026, 3, 1, 14), dt.datetime(2025, 9, 5, 11)]
    for episode_id, at in zip((old, new, middle), times, strict=True):
        _talk(people, episode_id, at, notes=at.isoformat())
    _talk(people, new, dt.datetime(2026, 2, 10, 9), notes="second")

    detail = people.get_person(person_id)
    assert [e.id for e in detail.episodes] == [new, middle, old]
    assert [c.draft.at for c in detail.conversations] == sorted(
        [*times, dt.datetime(2026, 2, 10, 9)], reverse=True
    )


def test_episode_versions_are_checked(people: PeopleService) -> None:
    person_id = _person(people, "Maureen", "Oakes")
    saved = people.save_episode(EpisodeDraft(person_id=person_id, referral_date=TODAY))
    assert (
        people.save_episode(dataclasses.replace(saved.draft, urgency=Urgency.URGENT)).version == 2
    )
    with pytest.raises(errors.ConcurrentEdit):
        people.save_episode(dataclasses.replace(saved.draft, reason_notes="stale"))
    latest = people.get_person(person_id).episodes[0]
    assert latest.draft.urgency is Urgency.URGENT and latest.draft.reason_notes == ""
    assert people.save_episode(dataclasses.replace(saved.draft, version=None)).version == 3


def test_conversation_versions_are_checked(people: PeopleService) -> None:
    episode_id = _episode(people, _person(people, "Maureen", "Oakes"))
    saved = _talk(people, episode_id, NOW - dt.timedelta(hours=2), notes="first")
    assert people.save_conversation(dataclasses.replace(saved.draft, notes="v2")).version == 2
    with pytest.raises(errors.ConcurrentEdit):
        people.save_conversation(dataclasses.replace(saved.draft, notes="stale"))
    assert people.save_conversation(dataclasses.replace(saved.draft, version=None)).version == 3


def test_referrals_and_conversations_are_checked(people: PeopleService) -> None:
    person_id = _person(people, "Maureen", "Oakes")
    with pytest.raises(InvalidPerson) as caught:
        people.save_episode(
            EpisodeDraft(person_id=person_id, referral_date=TODAY, status=EpisodeStatus.CLOSED)
        )
    assert {p.field for p in caught.value.problems} == {"closing_reason", "closed_on"}
    assert "referral" in caught.value.message
    with pytest.raises(errors.NotFound):
        people.save_episode(EpisodeDraft(person_id=uuid.uuid4(), referral_date=TODAY))

    episode_id = _episode(people, person_id)
    with pytest.raises(InvalidPerson) as caught:
        _talk(people, episode_id, NOW + dt.timedelta(days=1), minutes=0)
    assert {p.field for p in caught.value.problems} == {"at", "minutes"}
    with pytest.raises(errors.NotFound):
        _talk(people, uuid.uuid4(), NOW)
    assert people.get_person(person_id).conversations == ()


# The caseload summary ----------------------------------------------------------


def test_status_and_caseload_columns_follow_referrals_and_conversations(
    people: PeopleService,
) -> None:
    person_id = _person(people, "Maureen", "Oakes")
    row = _row(people, person_id)
    assert (row.status, row.link_worker, row.last_contact, row.next_contact) == (
        None,
        "",
        None,
        None,
    )

    first = people.save_episode(
        EpisodeDraft(
            person_id=person_id,
            referral_date=dt.date(2026, 5, 1),
            link_worker="Sam",
            next_contact_on=dt.date(2026, 6, 20),
        )
    )
    row = _row(people, person_id)
    assert row.status is EpisodeStatus.WAITING and row.link_worker == "Sam"
    assert row.next_contact == dt.date(2026, 6, 20) and row.last_contact is None

    _talk(people, first.id, dt.datetime(2026, 6, 10, 9, 30))
    episode = people.get_person(person_id).episodes[0]
    assert episode.draft.status is EpisodeStatus.ACTIVE and episode.version == 2
    row = _row(people, person_id)
    assert row.status is EpisodeStatus.ACTIVE and row.last_contact == dt.date(2026, 6, 10)

    # An older conversation recorded later does not move the last contact back.
    _talk(people, first.id, dt.datetime(2026, 5, 20, 9, 30))
    assert _row(people, person_id).last_contact == dt.date(2026, 6, 10)

    # Closing the referral: the newest referral's status and next contact are shown.
    people.save_episode(
        dataclasses.replace(
            episode.draft,
            status=EpisodeStatus.CLOSED,
            closed_on=TODAY,
            closing_reason=ClosingReason.MOVED,
            next_contact_on=None,
        )
    )
    row = _row(people, person_id)
    assert row.status is EpisodeStatus.CLOSED and row.next_contact is None
    # A conversation on a closed referral leaves it closed.
    _talk(people, first.id, NOW - dt.timedelta(hours=1), kind=ConversationType.CLOSING)
    assert _row(people, person_id).status is EpisodeStatus.CLOSED
    assert _row(people, person_id).last_contact == TODAY

    # A new referral, newer than the closed one, is what the caseload shows.
    people.save_episode(EpisodeDraft(person_id=person_id, referral_date=TODAY, link_worker="Ali"))
    row = _row(people, person_id)
    assert row.status is EpisodeStatus.WAITING and row.link_worker == "Ali"
    assert row.last_contact == TODAY  # conversations in any referral count

    # An open referral outranks a newer closed one: the caseload shows where they are now.
    older_open = people.get_person(person_id).episodes[0]
    people.save_episode(
        EpisodeDraft(
            person_id=person_id,
            referral_date=TODAY,
            link_worker="Jo",
            status=EpisodeStatus.CLOSED,
            closed_on=TODAY,
            closing_reason=ClosingReason.REFERRED_ON,
        )
    )
    row = _row(people, person_id)
    assert older_open.draft.link_worker == "Ali"
    assert row.status is EpisodeStatus.WAITING and row.link_worker == "Ali"

    # None of this changed the person's own version: an open edit of them still saves.
    assert people.get_person(person_id).version == 1


def test_very_long_names_are_kept_whole_and_found(people: PeopleService) -> None:
    given = "-".join(f"Anna{i}" for i in range(16))[:100]
    family = "Ffoulkes-" + "x" * 91
    saved = people.save_person(PersonDraft(given_name=given, family_name=family))
    assert saved.draft.given_name == given and saved.draft.family_name == family
    assert _found(people, "anna14") == [saved.draft.display_name]
    assert _found(people, "ffoul") == [saved.draft.display_name]


def test_renaming_someone_changes_how_they_are_found(people: PeopleService) -> None:
    saved = people.save_person(PersonDraft(given_name="Maureen", family_name="Oakes"))
    people.save_person(dataclasses.replace(saved.draft, family_name="Pemberton"))
    assert _found(people, "oakes") == []
    assert _found(people, "pemb") == ["Maureen Pemberton"]
    assert _names(people) == ["Maureen Pemberton"]


# The caseload: search ----------------------------------------------------------


@pytest.fixture
def caseload(people: PeopleService) -> PeopleService:
    _person(people, "Maureen", "Oakes", preferred_name="Mo", nhs_number=NHS[0], postcode="CH65 2AB")
    _person(people, "Tomasz", "Nowak", nhs_number=NHS[1], postcode="CH66 1XY")
    _person(people, "Zoë", "Brontë", nhs_number=NHS[2], postcode="L1 8JQ")
    _person(people, "Siobhán", "O'Brien", postcode="SW1A 1AA")
    _person(people, "Mary-Jane", "Smith-Jones", postcode="CH64 9AA")
    _person(people, "Charlotte", "Chadwick", nhs_number=NHS[3])
    _person(people, "Dee", "Ashworth", no_fixed_address=True)
    return people


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("mau", ["Mo Oakes"]),  # given name
        ("mo", ["Mo Oakes"]),  # preferred name
        ("OAK", ["Mo Oakes"]),  # family name, any case
        ("zoe", ["Zoë Brontë"]),  # accents folded
        ("BRONTË", ["Zoë Brontë"]),
        ("siob", ["Siobhán O'Brien"]),
        ("o'b", ["Siobhán O'Brien"]),  # apostrophes ignored
        ("obr", ["Siobhán O'Brien"]),
        ("jones", ["Mary-Jane Smith-Jones"]),  # any part of a double name
        ("smith-j", ["Mary-Jane Smith-Jones"]),
        ("maryj", ["Mary-Jane Smith-Jones"]),
        ("mo oak", ["Mo Oakes"]),  # every word typed must match a name
        ("oakes mau", ["Mo Oakes"]),
        ("mo nowak", []),
        ("ch", ["Charlotte Chadwick"]),  # letters alone are names, not postcode areas
        ("d", ["Dee Ashworth"]),
        ("xavier", []),
        ("--", []),
    ],
)
def test_search_by_the_start_of_any_name(
    caseload: PeopleService, typed: str, expected: list[str]
) -> None:
    assert _found(caseload, typed) == expected
    assert caseload.caseload(CaseloadFilter(text=typed)).total == len(expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (NHS[1], ["Tomasz Nowak"]),
        (spaced(NHS[1]), ["Tomasz Nowak"]),
        (f"{NHS[1][:3]}-{NHS[1][3:6]}-{NHS[1][6:]}", ["Tomasz Nowak"]),
        (spaced(NHS[1])[:6], ["Charlotte Chadwick", "Mo Oakes", "Tomasz Nowak", "Zoë Brontë"]),
        ("999", ["Charlotte Chadwick", "Mo Oakes", "Tomasz Nowak", "Zoë Brontë"]),
        ("12345", []),
    ],
)
def test_search_by_nhs_number_whole_or_from_the_start(
    caseload: PeopleService, typed: str, expected: list[str]
) -> None:
    assert _found(caseload, typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("CH65 2AB", ["Mo Oakes"]),
        ("ch65 2ab", ["Mo Oakes"]),
        ("ch652ab", ["Mo Oakes"]),
        ("  ch 65 2 a ", ["Mo Oakes"]),
        ("ch65 2", ["Mo Oakes"]),
        ("ch6", ["Mary-Jane Smith-Jones", "Mo Oakes", "Tomasz Nowak"]),
        ("l1", ["Zoë Brontë"]),
        ("l1 8jq", ["Zoë Brontë"]),
        ("sw1a", ["Siobhán O'Brien"]),
        ("ch67", []),
    ],
)
def test_search_by_postcode_ignoring_spaces_and_case(
    caseload: PeopleService, typed: str, expected: list[str]
) -> None:
    assert _found(caseload, typed) == expected


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=30))
def test_any_search_text_gives_a_page(caseload: PeopleService, text: str) -> None:
    page = caseload.caseload(CaseloadFilter(text=text))
    assert page.total == len(page.rows) <= 7


# The caseload: filters, sorts, pages ---------------------------------------------


@pytest.fixture
def varied(people: PeopleService) -> dict[str, uuid.UUID]:
    """Five people with different referrals, contacts, NHS numbers and postcodes."""
    ids = {
        "Ann Adams": _person(people, "Ann", "Adams", nhs_number=NHS[4], postcode="CH66 1AA"),
        "Bob Brown": _person(people, "Bob", "Brown", postcode="CH64 2BB"),
        "Cat Clark": _person(people, "Cat", "Clark", nhs_number=NHS[2], postcode="L1 1AA"),
        "Dan Davies": _person(people, "Dan", "Davies", nhs_number=NHS[3]),
        "Eve Evans": _person(people, "Eve", "Evans", nhs_number=NHS[1], postcode="CH65 3DD"),
    }
    # Ann: waiting, Sam, next contact 20 June.
    _episode(people, ids["Ann Adams"], link_worker="Sam", next_contact_on=dt.date(2026, 6, 20))
    # Bob: active (a conversation on 1 June), Ali, next contact 17 June.
    bob = _episode(
        people, ids["Bob Brown"], link_worker="Ali", next_contact_on=dt.date(2026, 6, 17)
    )
    _talk(people, bob, dt.datetime(2026, 6, 1, 10))
    # Cat: closed, Sam, last contact 12 May.
    cat = _episode(people, ids["Cat Clark"], link_worker="Sam", referral_date=dt.date(2026, 5, 1))
    _talk(people, cat, dt.datetime(2026, 5, 12, 10))
    closing = people.get_person(ids["Cat Clark"]).episodes[0].draft
    people.save_episode(
        dataclasses.replace(
            closing,
            status=EpisodeStatus.CLOSED,
            closed_on=dt.date(2026, 5, 12),
            closing_reason=ClosingReason.GOALS_MET,
        )
    )
    # Dan: active, Sam, last contact 14 June, next 30 June. Eve: no referral at all.
    dan = _episode(
        people, ids["Dan Davies"], link_worker="Sam", next_contact_on=dt.date(2026, 6, 30)
    )
    _talk(people, dan, dt.datetime(2026, 6, 14, 15))
    return ids


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (CaseloadFilter(status=EpisodeStatus.WAITING), ["Ann Adams"]),
        (CaseloadFilter(status=EpisodeStatus.ACTIVE), ["Bob Brown", "Dan Davies"]),
        (CaseloadFilter(status=EpisodeStatus.CLOSED), ["Cat Clark"]),
        (CaseloadFilter(link_worker="Sam"), ["Ann Adams", "Cat Clark", "Dan Davies"]),
        (CaseloadFilter(link_worker="sam"), []),  # exact, as the settings hold the name
        (CaseloadFilter(status=EpisodeStatus.ACTIVE, link_worker="Sam"), ["Dan Davies"]),
        (CaseloadFilter(text="d", link_worker="Sam"), ["Dan Davies"]),
        (CaseloadFilter(text="ch6", status=EpisodeStatus.ACTIVE), ["Bob Brown"]),
        (CaseloadFilter(text="e"), ["Eve Evans"]),
    ],
)
def test_filters(
    people: PeopleService, varied: dict[str, uuid.UUID], flt: CaseloadFilter, expected: list[str]
) -> None:
    assert _names(people, flt) == expected
    assert people.caseload(flt).total == len(expected)


SORTED = {
    # sort: (ascending, descending); people with nothing in the column come last, by name.
    CaseloadSort.NAME: (
        ["Ann Adams", "Bob Brown", "Cat Clark", "Dan Davies", "Eve Evans"],
        ["Eve Evans", "Dan Davies", "Cat Clark", "Bob Brown", "Ann Adams"],
    ),
    CaseloadSort.NHS_NUMBER: (  # Eve NHS[1], Cat [2], Dan [3], Ann [4]; Bob has none
        ["Eve Evans", "Cat Clark", "Dan Davies", "Ann Adams", "Bob Brown"],
        ["Ann Adams", "Dan Davies", "Cat Clark", "Eve Evans", "Bob Brown"],
    ),
    CaseloadSort.POSTCODE: (  # CH64 2BB, CH65 3DD, CH66 1AA, L1 1AA; Dan has none
        ["Bob Brown", "Eve Evans", "Ann Adams", "Cat Clark", "Dan Davies"],
        ["Cat Clark", "Ann Adams", "Eve Evans", "Bob Brown", "Dan Davies"],
    ),
    CaseloadSort.STATUS: (  # active, active, closed, waiting; Eve has no referral
        ["Bob Brown", "Dan Davies", "Cat Clark", "Ann Adams", "Eve Evans"],
        ["Ann Adams", "Cat Clark", "Dan Davies", "Bob Brown", "Eve Evans"],
    ),
    CaseloadSort.LAST_CONTACT: (  # Cat 12 May, Bob 1 June, Dan 14 June
        ["Cat Clark", "Bob Brown", "Dan Davies", "Ann Adams", "Eve Evans"],
        ["Dan Davies", "Bob Brown", "Cat Clark", "Ann Adams", "Eve Evans"],
    ),
    CaseloadSort.NEXT_CONTACT: (  # Bob 17, Ann 20, Dan 30 June
        ["Bob Brown", "Ann Adams", "Dan Davies", "Cat Clark", "Eve Evans"],
        ["Dan Davies", "Ann Adams", "Bob Brown", "Cat Clark", "Eve Evans"],
    ),
}


@pytest.mark.parametrize("sort", list(CaseloadSort))
def test_every_sort_both_ways_with_blanks_last(
    people: PeopleService, varied: dict[str, uuid.UUID], sort: CaseloadSort
) -> None:
    ascending, descending = SORTED[sort]
    assert _names(people, sort=sort) == ascending
    assert _names(people, sort=sort, descending=True) == descending
    # The same orders while searching (postcodes CH64, CH65 and CH66).
    found = {"Ann Adams", "Bob Brown", "Eve Evans"}
    flt = CaseloadFilter(text="ch6")
    assert _names(people, flt, sort=sort) == [n for n in ascending if n in found]
    assert _names(people, flt, sort=sort, descending=True) == [n for n in descending if n in found]


def test_rows_carry_what_the_table_shows(
    people: PeopleService, varied: dict[str, uuid.UUID]
) -> None:
    row = _row(people, varied["Dan Davies"])
    assert row.name == "Dan Davies" and row.nhs_number == NHS[3] and row.postcode == ""
    assert row.status is EpisodeStatus.ACTIVE and row.link_worker == "Sam"
    assert row.last_contact == dt.date(2026, 6, 14) and row.next_contact == dt.date(2026, 6, 30)
    assert _row(people, varied["Ann Adams"]).postcode == "CH66 1AA"


@pytest.fixture
def thirty(people: PeopleService) -> PeopleService:
    """30 people: 'Person 00 Smith' ... with every third one given a next contact."""
    rows = []
    for i in range(30):
        episode = EpisodeDraft(
            person_id=NO_ONE,
            referral_date=TODAY,
            next_contact_on=TODAY + dt.timedelta(days=i) if i % 3 == 0 else None,
        )
        rows.append(
            (
                PersonDraft(given_name=f"Person{i:02}", family_name="Smith", nhs_number=NHS[i]),
                episode,
            )
        )
    people.import_people(rows)
    return people


@pytest.mark.parametrize(
    ("flt", "sort", "descending"),
    [
        (CaseloadFilter(), CaseloadSort.NAME, False),
        (CaseloadFilter(), CaseloadSort.NAME, True),
        (CaseloadFilter(text="smi"), CaseloadSort.NAME, False),
        (CaseloadFilter(text="smi"), CaseloadSort.NAME, True),
        (CaseloadFilter(text="999"), CaseloadSort.NAME, False),
        (CaseloadFilter(), CaseloadSort.NEXT_CONTACT, False),  # pages across the blanks
        (CaseloadFilter(), CaseloadSort.NEXT_CONTACT, True),
        (CaseloadFilter(text="smith"), CaseloadSort.NHS_NUMBER, True),
        (CaseloadFilter(status=EpisodeStatus.WAITING), CaseloadSort.NEXT_CONTACT, False),
    ],
)
def test_pages_join_up_and_carry_the_total(
    thirty: PeopleService, flt: CaseloadFilter, sort: CaseloadSort, descending: bool
) -> None:
    everyone = thirty.caseload(flt, sort, descending, limit=100)
    assert everyone.total == 30 and len(everyone.rows) == 30
    pages = [thirty.caseload(flt, sort, descending, limit=7, offset=o) for o in range(0, 35, 7)]
    assert [p.total for p in pages] == [30] * 5
    assert [len(p.rows) for p in pages] == [7, 7, 7, 7, 2]
    assert [r.id for p in pages for r in p.rows] == [r.id for r in everyone.rows]
    past_the_end = thirty.caseload(flt, sort, descending, limit=7, offset=40)
    assert past_the_end.rows == () and past_the_end.total == 30


def test_next_contact_order_puts_the_blanks_after_the_dates(thirty: PeopleService) -> None:
    rows = thirty.caseload(sort=CaseloadSort.NEXT_CONTACT, limit=100).rows
    dated = [r.next_contact for r in rows[:10]]
    assert dated == sorted(d for d in dated if d) and len(dated) == 10
    assert all(r.next_contact is None for r in rows[10:])
    assert [r.name for r in rows[10:13]] == ["Person01 Smith", "Person02 Smith", "Person04 Smith"]


# Import --------------------------------------------------------------------------


def test_import_adds_people_with_their_referrals(people: PeopleService) -> None:
    seen: list[tuple[int, int]] = []
    rows: list[tuple[PersonDraft, EpisodeDraft | None]] = [
        (FULL_PERSON, EpisodeDraft(person_id=NO_ONE, referral_date=TODAY, link_worker="Sam")),
        (PersonDraft(given_name="Dee", no_fixed_address=True), None),
    ]
    assert people.import_people(rows, progress=lambda done, total: seen.append((done, total))) == 2
    assert seen[-1] == (4, 4) and seen == sorted(seen)

    (peggy,) = people.caseload(CaseloadFilter(text="peggy")).rows
    assert peggy.status is EpisodeStatus.WAITING and peggy.link_worker == "Sam"
    detail = people.get_person(peggy.id)
    assert detail.draft == dataclasses.replace(
        FULL_PERSON, id=peggy.id, version=1, nhs_number=NHS[0], postcode="CH65 4AB"
    )
    (episode,) = detail.episodes
    assert episode.draft.person_id == peggy.id and episode.version == 1
    # An imported person is edited like any other.
    assert people.save_person(dataclasses.replace(detail.draft, notes="x")).version == 2
    _talk(people, episode.id, NOW)
    assert _row(people, peggy.id).status is EpisodeStatus.ACTIVE


def test_a_bad_row_in_the_middle_imports_nobody(people: PeopleService) -> None:
    rows: list[tuple[PersonDraft, EpisodeDraft | None]] = [
        (PersonDraft(given_name=f"Person {i}", nhs_number=NHS[i]), None) for i in range(10)
    ]
    rows[5] = (PersonDraft(given_name="Bad", nhs_number="999 000 0000"), None)
    with pytest.raises(InvalidPerson) as caught:
        people.import_people(rows)
    assert caught.value.row_index == 5
    assert caught.value.problems[0].field == "nhs_number"
    assert "Row 6" in caught.value.message and "Nothing was imported" in caught.value.advice
    assert people.count() == 0

    # A referral with a problem counts against its row too.
    rows[5] = (
        PersonDraft(given_name="Fine"),
        EpisodeDraft(person_id=NO_ONE, referral_date=TODAY + dt.timedelta(days=3)),
    )
    with pytest.raises(InvalidPerson) as caught:
        people.import_people(rows)
    assert caught.value.row_index == 5 and caught.value.problems[0].field == "referral_date"
    assert people.count() == 0


def test_an_import_repeating_or_reusing_an_nhs_number_imports_nobody(
    people: PeopleService,
) -> None:
    rows: list[tuple[PersonDraft, EpisodeDraft | None]] = [
        (PersonDraft(given_name="A", nhs_number=NHS[0]), None),
        (PersonDraft(given_name="B", nhs_number=NHS[1]), None),
        (PersonDraft(given_name="C", nhs_number=spaced(NHS[0])), None),
    ]
    with pytest.raises(InvalidPerson) as caught:
        people.import_people(rows)
    assert caught.value.row_index == 2 and "row 1" in caught.value.problems[0].message
    assert people.count() == 0

    _person(people, "Already", "Here", nhs_number=NHS[1])
    with pytest.raises(InvalidPerson) as caught:
        people.import_people(rows[:2])
    assert caught.value.row_index == 1 and "Already Here" in caught.value.problems[0].message
    assert people.count() == 1


def test_an_empty_import_is_nothing(people: PeopleService) -> None:
    assert people.import_people([]) == 0
    assert people.count() == 0
