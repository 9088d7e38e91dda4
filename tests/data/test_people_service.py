"""PeopleService over a real SQLite file: people, referrals, conversations, the caseload, import.

Every NHS number here is from the 999 test range (never issued) with a valid Modulus 11
check digit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import uuid
from contextlib import closing

import pytest
from people_helpers import (
    FULL_PERSON,
    NHS,
    NO_ONE,
    NOW,
    TODAY,
    add_episode,
    add_person,
    add_talk,
    caseload_names,
    caseload_row,
    found_names,
    spaced,
)

from linkworker import errors
from linkworker.data.database import Database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.people import (
    AccessNeed,
    CaseloadFilter,
    ClosingReason,
    Consent,
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
from linkworker.services.people import (
    SAME_BIRTHDAY_SIMILAR_NAME,
    SAME_NHS_NUMBER,
    InvalidPerson,
    PeopleService,
)
from tests.data.people_helpers import AGREED


@pytest.fixture
def people(db: Database) -> PeopleService:
    """A people service over a real file, with a fixed today and now."""
    return PeopleService(UnitsOfWork(db), today=lambda: TODAY, now=lambda: NOW)


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


@pytest.mark.sqlite_only(reason="reads the SQLite file with the sqlite3 module")
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
    assert caught.value.message.startswith("This person's record was changed by someone else")
    assert "Maureen" not in str(caught.value)  # no name in an error's text
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


@pytest.mark.sqlite_only(reason="reads the SQLite file with the sqlite3 module")
def test_nhs_number_is_stored_as_ten_digits_and_found_however_typed(
    people: PeopleService,
) -> None:
    person_id = add_person(people, "Tomasz", "Nowak", nhs_number=f"{NHS[1][:3]}-{NHS[1][3:]}")
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
    first = add_person(people, "Maureen", "Oakes", nhs_number=NHS[0], preferred_name="Mo")
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
    person_id = add_person(people, given, family, preferred_name=preferred, date_of_birth=BORN)
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
    add_person(people, "John", "Smith", date_of_birth=BORN)
    draft = PersonDraft(given_name=typed[0], family_name=typed[1], date_of_birth=born)
    assert people.possible_matches(draft) == []


def test_the_same_nhs_number_comes_first_and_the_draft_itself_is_left_out(
    people: PeopleService,
) -> None:
    by_number = add_person(people, "Maureen", "Oakes", nhs_number=NHS[0], postcode="CH65 2AB")
    by_name = add_person(people, "Mo", "Oakes", date_of_birth=BORN)
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
    person_id = add_person(people, "Maureen", "Oakes")
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
    person_id = add_person(people, "Maureen", "Oakes")
    episode_id = add_episode(people, person_id)
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
    person_id = add_person(people, "Maureen", "Oakes")
    old = add_episode(people, person_id, referral_date=dt.date(2025, 1, 10))
    new = add_episode(people, person_id, referral_date=dt.date(2026, 2, 1))
    middle = add_episode(people, person_id, referral_date=dt.date(2025, 9, 1))
    times = [dt.datetime(2025, 1, 20, 9), dt.datetime(2026, 3, 1, 14), dt.datetime(2025, 9, 5, 11)]
    for episode_id, at in zip((old, new, middle), times, strict=True):
        add_talk(people, episode_id, at, notes=at.isoformat())
    add_talk(people, new, dt.datetime(2026, 2, 10, 9), notes="second")

    detail = people.get_person(person_id)
    assert [e.id for e in detail.episodes] == [new, middle, old]
    assert [c.draft.at for c in detail.conversations] == sorted(
        [*times, dt.datetime(2026, 2, 10, 9)], reverse=True
    )


def test_episode_versions_are_checked(people: PeopleService) -> None:
    person_id = add_person(people, "Maureen", "Oakes")
    saved = people.save_episode(
        EpisodeDraft(consent_to_hold=AGREED, person_id=person_id, referral_date=TODAY)
    )
    assert (
        people.save_episode(dataclasses.replace(saved.draft, urgency=Urgency.URGENT)).version == 2
    )
    with pytest.raises(errors.ConcurrentEdit):
        people.save_episode(dataclasses.replace(saved.draft, reason_notes="stale"))
    latest = people.get_person(person_id).episodes[0]
    assert latest.draft.urgency is Urgency.URGENT and latest.draft.reason_notes == ""
    assert people.save_episode(dataclasses.replace(saved.draft, version=None)).version == 3


def test_conversation_versions_are_checked(people: PeopleService) -> None:
    episode_id = add_episode(people, add_person(people, "Maureen", "Oakes"))
    saved = add_talk(people, episode_id, NOW - dt.timedelta(hours=2), notes="first")
    assert people.save_conversation(dataclasses.replace(saved.draft, notes="v2")).version == 2
    with pytest.raises(errors.ConcurrentEdit):
        people.save_conversation(dataclasses.replace(saved.draft, notes="stale"))
    assert people.save_conversation(dataclasses.replace(saved.draft, version=None)).version == 3


def test_referrals_and_conversations_are_checked(people: PeopleService) -> None:
    person_id = add_person(people, "Maureen", "Oakes")
    with pytest.raises(InvalidPerson) as caught:
        people.save_episode(
            EpisodeDraft(
                consent_to_hold=AGREED,
                person_id=person_id,
                referral_date=TODAY,
                status=EpisodeStatus.CLOSED,
            )
        )
    assert {p.field for p in caught.value.problems} == {"closing_reason", "closed_on"}
    assert "referral" in caught.value.message
    with pytest.raises(errors.NotFound):
        people.save_episode(
            EpisodeDraft(consent_to_hold=AGREED, person_id=uuid.uuid4(), referral_date=TODAY)
        )

    episode_id = add_episode(people, person_id)
    with pytest.raises(InvalidPerson) as caught:
        add_talk(people, episode_id, NOW + dt.timedelta(days=1), minutes=0)
    assert {p.field for p in caught.value.problems} == {"at", "minutes"}
    with pytest.raises(errors.NotFound):
        add_talk(people, uuid.uuid4(), NOW)
    assert people.get_person(person_id).conversations == ()


# The caseload summary ----------------------------------------------------------


def test_status_and_caseload_columns_follow_referrals_and_conversations(
    people: PeopleService,
) -> None:
    person_id = add_person(people, "Maureen", "Oakes")
    row = caseload_row(people, person_id)
    assert (row.status, row.link_worker, row.last_contact, row.next_contact) == (
        None,
        "",
        None,
        None,
    )

    first = people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person_id,
            referral_date=dt.date(2026, 5, 1),
            link_worker="Sam",
            next_contact_on=dt.date(2026, 6, 20),
        )
    )
    row = caseload_row(people, person_id)
    assert row.status is EpisodeStatus.WAITING and row.link_worker == "Sam"
    assert row.next_contact == dt.date(2026, 6, 20) and row.last_contact is None

    add_talk(people, first.id, dt.datetime(2026, 6, 10, 9, 30))
    episode = people.get_person(person_id).episodes[0]
    assert episode.draft.status is EpisodeStatus.ACTIVE and episode.version == 2
    row = caseload_row(people, person_id)
    assert row.status is EpisodeStatus.ACTIVE and row.last_contact == dt.date(2026, 6, 10)
    assert episode.draft.first_contact_on == dt.date(2026, 6, 10) and episode.waiting_days == 40

    # An older conversation recorded later does not move the last contact back; it
    # does move the first contact back, without counting as an edit of the referral.
    add_talk(people, first.id, dt.datetime(2026, 5, 20, 9, 30))
    assert caseload_row(people, person_id).last_contact == dt.date(2026, 6, 10)
    again = people.get_person(person_id).episodes[0]
    assert again.draft.first_contact_on == dt.date(2026, 5, 20) and again.version == 2
    add_talk(people, first.id, dt.datetime(2026, 6, 1, 9, 30))
    assert people.get_person(person_id).episodes[0].draft.first_contact_on == dt.date(2026, 5, 20)

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
    row = caseload_row(people, person_id)
    assert row.status is EpisodeStatus.CLOSED and row.next_contact is None
    # A conversation on a closed referral leaves it closed.
    add_talk(people, first.id, NOW - dt.timedelta(hours=1), kind=ConversationType.CLOSING)
    assert caseload_row(people, person_id).status is EpisodeStatus.CLOSED
    assert caseload_row(people, person_id).last_contact == TODAY

    # A new referral, newer than the closed one, is what the caseload shows.
    people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=person_id, referral_date=TODAY, link_worker="Ali"
        )
    )
    row = caseload_row(people, person_id)
    assert row.status is EpisodeStatus.WAITING and row.link_worker == "Ali"
    assert row.last_contact == TODAY  # conversations in any referral count

    # An open referral outranks a newer closed one: the caseload shows where they are now.
    older_open = people.get_person(person_id).episodes[0]
    people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=person_id,
            referral_date=TODAY,
            link_worker="Jo",
            status=EpisodeStatus.CLOSED,
            closed_on=TODAY,
            closing_reason=ClosingReason.REFERRED_ON,
        )
    )
    row = caseload_row(people, person_id)
    assert older_open.draft.link_worker == "Ali"
    assert row.status is EpisodeStatus.WAITING and row.link_worker == "Ali"

    # None of this changed the person's own version: an open edit of them still saves.
    assert people.get_person(person_id).version == 1


def test_very_long_names_are_kept_whole_and_found(people: PeopleService) -> None:
    given = "-".join(f"Anna{i}" for i in range(16))[:100]
    family = "Ffoulkes-" + "x" * 91
    saved = people.save_person(PersonDraft(given_name=given, family_name=family))
    assert saved.draft.given_name == given and saved.draft.family_name == family
    assert found_names(people, "anna14") == [saved.draft.display_name]
    assert found_names(people, "ffoul") == [saved.draft.display_name]


def test_renaming_someone_changes_how_they_are_found(people: PeopleService) -> None:
    saved = people.save_person(PersonDraft(given_name="Maureen", family_name="Oakes"))
    people.save_person(dataclasses.replace(saved.draft, family_name="Pemberton"))
    assert found_names(people, "oakes") == []
    assert found_names(people, "pemb") == ["Maureen Pemberton"]
    assert caseload_names(people) == ["Maureen Pemberton"]


# Import --------------------------------------------------------------------------


def test_import_adds_people_with_their_referrals(people: PeopleService) -> None:
    seen: list[tuple[int, int]] = []
    rows: list[tuple[PersonDraft, EpisodeDraft | None]] = [
        (
            FULL_PERSON,
            EpisodeDraft(
                consent_to_hold=AGREED, person_id=NO_ONE, referral_date=TODAY, link_worker="Sam"
            ),
        ),
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
    add_talk(people, episode.id, NOW)
    assert caseload_row(people, peggy.id).status is EpisodeStatus.ACTIVE


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
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=NO_ONE, referral_date=TODAY + dt.timedelta(days=3)
        ),
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

    add_person(people, "Already", "Here", nhs_number=NHS[1])
    with pytest.raises(InvalidPerson) as caught:
        people.import_people(rows[:2])
    assert caught.value.row_index == 1 and "Already Here" in caught.value.problems[0].message
    assert people.count() == 1


def test_an_empty_import_is_nothing(people: PeopleService) -> None:
    assert people.import_people([]) == 0
    assert people.count() == 0


def test_people_are_found_by_the_start_of_their_id(people: PeopleService) -> None:
    ada = add_person(people, "Ada", "Quill")
    bo = add_person(people, "Bo", "Quill")
    assert people.ids_starting(ada.hex[:8]) == [ada]
    assert people.ids_starting(bo.hex[:12].upper()) == [bo]
    assert people.ids_starting(ada.hex) == [ada]
    assert people.ids_starting("") == []
    assert people.ids_starting("not-hex") == []
    # One hex digit begins one id in sixteen: both, one or neither of the two.
    first = ada.hex[0]
    expected = sorted(p for p in (ada, bo) if p.hex.startswith(first))
    assert sorted(people.ids_starting(first)) == expected
