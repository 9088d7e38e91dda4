"""ContactService and FlagService over a real SQLite file: booking, moving, what happened,
the next contact following the bookings, next steps after a missed contact, and risk flags."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from people_helpers import NOW, TODAY, add_episode, add_person, caseload_row

from linkworker import errors
from linkworker.data.database import Database
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.codes import SnomedCode
from linkworker.domain.journey import (
    ContactDraft,
    ContactOutcome,
    ContactPlace,
    NextStep,
    RiskFlagKind,
)
from linkworker.domain.people import ClosingReason, EpisodeStatus
from linkworker.services.codes import CodeService
from linkworker.services.contacts import ContactService
from linkworker.services.flags import FlagService
from linkworker.services.people import InvalidPerson, PeopleService
from linkworker.services.plan import PlanService

TOMORROW_10 = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(10, 0))


@pytest.fixture
def units(db: Database) -> UnitsOfWork:
    return UnitsOfWork(db)


@pytest.fixture
def people(units: UnitsOfWork) -> PeopleService:
    return PeopleService(units, today=lambda: TODAY, now=lambda: NOW)


@pytest.fixture
def contacts(units: UnitsOfWork) -> ContactService:
    return ContactService(units, today=lambda: TODAY, now=lambda: NOW)


@pytest.fixture
def flags(units: UnitsOfWork) -> FlagService:
    return FlagService(units, today=lambda: TODAY)


def _episode(
    people: PeopleService, given: str = "Ada", **person: object
) -> tuple[uuid.UUID, uuid.UUID]:
    person.setdefault("phone", "01632 960123")
    person.setdefault("address", "14 Station Road, Ellesmere Port")
    person_id = add_person(people, given, "Okafor", **person)
    return person_id, add_episode(people, person_id, link_worker="Sam Patel")


def _book(
    contacts: ContactService, episode_id: uuid.UUID, at: dt.datetime, **fields: object
) -> uuid.UUID:
    return contacts.book(ContactDraft(episode_id=episode_id, starts_at=at, **fields)).contact.id  # type: ignore[arg-type]


def _next_contact(people: PeopleService, person_id: uuid.UUID) -> dt.date | None:
    return people.get_person(person_id).episodes[0].draft.next_contact_on


def test_a_booking_round_trips_and_the_next_contact_follows(
    people: PeopleService, contacts: ContactService
) -> None:
    person_id, episode_id = _episode(people)
    hub = uuid.uuid4()
    booked = contacts.book(
        ContactDraft(
            episode_id=episode_id,
            starts_at=TOMORROW_10,
            minutes=45,
            place=ContactPlace.HUB,
            place_name="  Elton   Community Cafe ",
            booked_by="Sam Patel",
        )
    ).contact
    assert booked.person_id == person_id
    assert booked.draft.link_worker == "Sam Patel"  # the referral's worker
    assert booked.draft.place_name == "Elton Community Cafe"
    assert booked.draft.asset_id is None and hub != booked.id
    assert booked.where == "Hub: Elton Community Cafe"
    assert booked.draft.minutes == 45 and booked.outcome is ContactOutcome.BOOKED
    assert _next_contact(people, person_id) == TOMORROW_10.date()
    assert caseload_row(people, person_id).next_contact == TOMORROW_10.date()

    sooner = dt.datetime.combine(TODAY, dt.time(18, 0))
    _book(contacts, episode_id, sooner, place=ContactPlace.PHONE)
    assert _next_contact(people, person_id) == TODAY
    listed = contacts.contacts(person_id)
    assert [c.draft.starts_at for c in listed.upcoming] == [sooner, TOMORROW_10]
    assert listed.past == ()


def test_moving_a_contact_keeps_when_it_was_first_booked_for(
    people: PeopleService, contacts: ContactService
) -> None:
    person_id, episode_id = _episode(people)
    contact_id = _book(contacts, episode_id, TOMORROW_10)
    later = TOMORROW_10 + dt.timedelta(days=6)
    moved = contacts.reschedule(contact_id, later, minutes=30).contact
    assert moved.draft.starts_at == later and moved.draft.minutes == 30
    assert moved.moved_from == TOMORROW_10
    assert _next_contact(people, person_id) == later.date()

    again = contacts.reschedule(contact_id, later + dt.timedelta(days=1), version=moved.version)
    assert again.contact.moved_from == TOMORROW_10  # the first time, not the last
    with pytest.raises(errors.ConcurrentEdit):
        contacts.reschedule(contact_id, later, version=moved.version)


def test_attended_makes_the_referral_active_and_dates_the_first_contact(
    people: PeopleService, contacts: ContactService
) -> None:
    person_id, episode_id = _episode(people)
    assert people.get_person(person_id).episodes[0].draft.status is EpisodeStatus.WAITING
    at = NOW - dt.timedelta(days=3)
    contact_id = _book(contacts, episode_id, at, outcome=ContactOutcome.ATTENDED)
    episode = people.get_person(person_id).episodes[0]
    assert episode.draft.status is EpisodeStatus.ACTIVE
    assert episode.draft.first_contact_on == at.date()
    assert episode.waiting_days == 27  # referred 30 days before today
    assert contacts.get(contact_id).outcome is ContactOutcome.ATTENDED
    assert caseload_row(people, person_id).last_contact == at.date()  # no conversation needed
    assert [c.id for c in contacts.contacts(person_id).past] == [contact_id]


def test_recording_attended_on_a_booking_and_the_next_contact_clearing(
    people: PeopleService, contacts: ContactService
) -> None:
    person_id, episode_id = _episode(people)
    now = [NOW]
    later = ContactService(contacts._units, today=lambda: now[0].date(), now=lambda: now[0])
    contact_id = _book(contacts, episode_id, TOMORROW_10)
    now[0] = TOMORROW_10 + dt.timedelta(hours=2)
    result = later.record_outcome(contact_id, ContactOutcome.ATTENDED, "Met at the cafe")
    assert result.next_steps == () and not result.suggest_not_taken_up
    episode = people.get_person(person_id).episodes[0]
    assert episode.draft.status is EpisodeStatus.ACTIVE
    assert episode.draft.first_contact_on == TOMORROW_10.date()
    assert episode.draft.next_contact_on is None  # it was that contact's day
    assert result.contact.draft.outcome_note == "Met at the cafe"


def test_a_next_contact_set_by_hand_stays_when_no_contact_is_on_it(
    people: PeopleService, contacts: ContactService, units: UnitsOfWork
) -> None:
    person_id, episode_id = _episode(people)
    by_hand = TODAY + dt.timedelta(days=20)
    PlanService(units, today=lambda: TODAY).set_next_contact(episode_id, by_hand)
    contact_id = _book(contacts, episode_id, TOMORROW_10)
    assert _next_contact(people, person_id) == TOMORROW_10.date()
    contacts.record_outcome(contact_id, ContactOutcome.CANCELLED_BY_WORKER)
    assert _next_contact(people, person_id) is None  # it had become the contact's day

    PlanService(units, today=lambda: TODAY).set_next_contact(episode_id, by_hand)
    second = _book(contacts, episode_id, TOMORROW_10 + dt.timedelta(days=2))
    contacts.record_outcome(second, ContactOutcome.CANCELLED_BY_PERSON)
    assert _next_contact(people, person_id) is None

    PlanService(units, today=lambda: TODAY).set_next_contact(episode_id, by_hand)
    _book(contacts, episode_id, NOW - dt.timedelta(days=1), outcome=ContactOutcome.ATTENDED)
    assert _next_contact(people, person_id) == by_hand


def test_three_failed_attempts_suggest_not_taken_up_and_close_nothing(
    people: PeopleService, contacts: ContactService
) -> None:
    person_id, episode_id = _episode(people)
    days = [NOW - dt.timedelta(days=d) for d in (20, 13, 6)]
    ids = [_book(contacts, episode_id, TOMORROW_10 + dt.timedelta(days=i)) for i in range(3)]
    now = [NOW]
    later = ContactService(contacts._units, today=lambda: now[0].date(), now=lambda: now[0])
    results = []
    for contact_id, outcome, step in zip(
        ids,
        (
            ContactOutcome.DID_NOT_ATTEND,
            ContactOutcome.COULD_NOT_REACH,
            ContactOutcome.DID_NOT_ATTEND,
        ),
        range(3),
        strict=True,
    ):
        now[0] = TOMORROW_10 + dt.timedelta(days=step, hours=1)
        results.append(later.record_outcome(contact_id, outcome))
    assert [r.failed_in_a_row for r in results] == [1, 2, 3]
    assert [r.suggest_not_taken_up for r in results] == [False, False, True]
    assert [o.step for o in results[0].next_steps] == list(NextStep)
    assert all(o.available for o in results[0].next_steps)
    episode = people.get_person(person_id).episodes[0]
    assert episode.draft.status is EpisodeStatus.WAITING  # never closed for them
    assert episode.draft.closing_reason is not ClosingReason.NOT_TAKEN_UP
    assert days[0] < NOW


def test_an_attended_contact_breaks_the_run_of_failed_attempts(
    people: PeopleService, contacts: ContactService
) -> None:
    _person_id, episode_id = _episode(people)
    for d, outcome in (
        (10, ContactOutcome.DID_NOT_ATTEND),
        (9, ContactOutcome.DID_NOT_ATTEND),
        (8, ContactOutcome.ATTENDED),
        (7, ContactOutcome.CANCELLED_BY_PERSON),
        (6, ContactOutcome.DID_NOT_ATTEND),
    ):
        _book(contacts, episode_id, NOW - dt.timedelta(days=d), outcome=outcome)
    last = _book(contacts, episode_id, TOMORROW_10)
    after = TOMORROW_10 + dt.timedelta(hours=1)
    later = ContactService(contacts._units, today=after.date, now=lambda: after)
    result = later.record_outcome(last, ContactOutcome.COULD_NOT_REACH)
    assert result.failed_in_a_row == 2 and not result.suggest_not_taken_up


def test_next_steps_leave_out_writing_and_phoning_with_the_reason(
    people: PeopleService, contacts: ContactService, flags: FlagService
) -> None:
    person_id, episode_id = _episode(people, phone="", address="")
    _book(contacts, episode_id, NOW - dt.timedelta(hours=1), outcome=ContactOutcome.DID_NOT_ATTEND)
    offers = {o.step: o for o in contacts.next_steps(person_id)}
    assert offers[NextStep.REBOOK].available
    assert offers[NextStep.PHONE].why_not == "There is no phone number on their record."
    assert offers[NextStep.WRITE].why_not == "There is no address on their record to write to."

    lettered, _ = _episode(people, "Bea")
    flags.raise_flag(lettered, RiskFlagKind.NO_LETTERS, "Post is opened by others", "Sam Patel")
    offers = {o.step: o for o in contacts.next_steps(lettered)}
    assert offers[NextStep.PHONE].available
    assert offers[NextStep.WRITE].why_not == "Their record says no letters to the address."


def test_a_booking_in_the_past_is_only_a_record_of_what_happened(
    people: PeopleService, contacts: ContactService
) -> None:
    person_id, episode_id = _episode(people)
    past = NOW - dt.timedelta(days=2)
    with pytest.raises(InvalidPerson) as raised:
        _book(contacts, episode_id, past)
    assert [p.field for p in raised.value.problems] == ["starts_at"]
    assert "has passed" in raised.value.problems[0].message
    with pytest.raises(InvalidPerson) as raised:
        _book(contacts, episode_id, TOMORROW_10, outcome=ContactOutcome.ATTENDED)
    assert [p.field for p in raised.value.problems] == ["outcome"]
    assert contacts.contacts(person_id).past == ()
    assert contacts.contacts(person_id).upcoming == ()

    contact_id = _book(contacts, episode_id, TOMORROW_10)
    with pytest.raises(InvalidPerson):
        contacts.reschedule(contact_id, past)
    with pytest.raises(InvalidPerson):
        contacts.record_outcome(contact_id, ContactOutcome.DID_NOT_ATTEND)  # not yet


def test_overlapping_bookings_of_one_worker_are_a_warning_not_a_refusal(
    people: PeopleService, contacts: ContactService
) -> None:
    _person_id, episode_id = _episode(people)
    other_person, other_episode = _episode(people, "Cal")
    first = _book(contacts, episode_id, TOMORROW_10, minutes=60)
    draft = ContactDraft(episode_id=other_episode, starts_at=TOMORROW_10 + dt.timedelta(minutes=30))
    check = contacts.check(draft)
    assert [c.id for c in check.overlaps] == [first]
    booked = contacts.book(draft)
    assert [c.id for c in booked.check.overlaps] == [first]
    assert contacts.contacts(other_person).upcoming == (booked.contact,)

    after = dataclasses.replace(draft, starts_at=TOMORROW_10 + dt.timedelta(minutes=90))
    assert contacts.check(after).overlaps == ()
    someone_else = dataclasses.replace(draft, link_worker="Jo Lee")
    assert contacts.check(someone_else).overlaps == ()
    contacts.record_outcome(first, ContactOutcome.CANCELLED_BY_WORKER)
    itself = dataclasses.replace(draft, id=booked.contact.id)
    assert contacts.check(itself).overlaps == ()  # neither the cancelled one nor itself


def test_times_across_the_clock_change(people: PeopleService, contacts: ContactService) -> None:
    _person_id, episode_id = _episode(people)
    skipped = dt.datetime(2027, 3, 28, 1, 30)  # the clocks go forward at 01:00
    with pytest.raises(InvalidPerson) as raised:
        _book(contacts, episode_id, skipped)
    (problem,) = raised.value.problems
    assert problem.field == "starts_at" and "does not exist" in problem.message
    twice = dt.datetime(2026, 10, 25, 1, 30)  # the clocks go back at 02:00
    booked = contacts.book(ContactDraft(episode_id=episode_id, starts_at=twice))
    assert "happens twice" in booked.check.clock_note
    assert (
        contacts.check(ContactDraft(episode_id=episode_id, starts_at=TOMORROW_10)).clock_note == ""
    )


def test_a_closed_referral_takes_no_bookings(
    people: PeopleService, contacts: ContactService
) -> None:
    person_id = add_person(people, "Dee", "Marsh")
    episode_id = add_episode(
        people,
        person_id,
        status=EpisodeStatus.CLOSED,
        closed_on=TODAY,
        closing_reason=ClosingReason.GOALS_MET,
    )
    with pytest.raises(InvalidPerson) as raised:
        _book(contacts, episode_id, TOMORROW_10)
    assert [p.field for p in raised.value.problems] == ["episode"]


def test_flags_are_raised_and_removed_with_who_and_when(
    people: PeopleService, flags: FlagService
) -> None:
    person_id, _ = _episode(people)
    with pytest.raises(InvalidPerson) as raised:
        flags.raise_flag(person_id, None, "", "  ")
    assert {p.field for p in raised.value.problems} == {"kind", "raised_by"}
    flag = flags.raise_flag(person_id, RiskFlagKind.DO_NOT_VISIT_ALONE, " Dog ", "Sam Patel")
    assert (flag.kind, flag.note, flag.raised_by, flag.raised_on) == (
        RiskFlagKind.DO_NOT_VISIT_ALONE,
        "Dog",
        "Sam Patel",
        TODAY,
    )
    assert people.get_person(person_id).flags == (flag,)
    removed = flags.remove_flag(flag.id, "Jo Lee")
    assert (removed.removed_on, removed.removed_by, removed.is_current) == (TODAY, "Jo Lee", False)
    assert flags.current(person_id) == ()
    assert people.get_person(person_id).flags == ()
    assert flags.history(person_id) == (removed,)


def test_contacts_recorded_after_the_event_in_one_go_date_the_first_contact_and_its_code(
    units: UnitsOfWork, people: PeopleService, contacts: ContactService
) -> None:
    person_id, episode_id = _episode(people)
    first = NOW - dt.timedelta(days=20)
    missed = NOW - dt.timedelta(days=25)
    drafts = [
        ContactDraft(episode_id=episode_id, starts_at=first, outcome=ContactOutcome.ATTENDED),
        ContactDraft(
            episode_id=episode_id, starts_at=missed, outcome=ContactOutcome.DID_NOT_ATTEND
        ),
        ContactDraft(
            episode_id=episode_id,
            starts_at=NOW - dt.timedelta(days=6),
            place=ContactPlace.PHONE,
            outcome=ContactOutcome.ATTENDED,
        ),
    ]
    assert contacts.record_past(drafts) == 3
    episode = people.get_person(person_id).episodes[0]
    assert episode.draft.status is EpisodeStatus.ACTIVE
    assert episode.draft.first_contact_on == first.date()
    past = contacts.contacts(person_id).past
    assert len(past) == 3 and {c.draft.link_worker for c in past} == {"Sam Patel"}
    codes = CodeService(units).for_person(person_id)
    assert [(e.code, e.on) for e in codes if e.code is SnomedCode.REFERRAL] == [
        (SnomedCode.REFERRAL, first.date())
    ]
    assert caseload_row(people, person_id).last_contact == (NOW - dt.timedelta(days=6)).date()


def test_contacts_recorded_in_one_go_are_all_kept_or_none(
    people: PeopleService, contacts: ContactService
) -> None:
    person_id, episode_id = _episode(people)
    drafts = [
        ContactDraft(
            episode_id=episode_id,
            starts_at=NOW - dt.timedelta(days=3),
            outcome=ContactOutcome.ATTENDED,
        ),
        # Still "booked" two days ago: what happened must be recorded.
        ContactDraft(episode_id=episode_id, starts_at=NOW - dt.timedelta(days=2)),
    ]
    with pytest.raises(InvalidPerson):
        contacts.record_past(drafts)
    assert contacts.contacts(person_id).past == ()
    assert people.get_person(person_id).episodes[0].draft.first_contact_on is None
