"""Contacts with a person: booked, moved, and what happened at each.

Booking keeps the episode's next contact on the earliest contact still to come
(so the caseload and Today follow); a contact the person attended makes their
referral active and dates the first contact. After a missed contact the result
says what can follow for this person, and after three failed attempts in a row
it suggests closing as "not taken up": a suggestion, never done here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from linkworker import errors
from linkworker.data import contact_repo
from linkworker.data.models import Contact, Episode
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork, changed_elsewhere
from linkworker.domain.journey import (
    ContactDetail,
    ContactDraft,
    ContactOutcome,
    StepOffer,
    clock_change_note,
    contact_problems,
    failed_attempts_in_a_row,
    following_next_contact,
    is_still_to_come,
    overlapping,
    step_offers,
    suggest_not_taken_up,
)
from linkworker.domain.people import EpisodeStatus
from linkworker.domain.validation import FieldError
from linkworker.services.codes import record_codes
from linkworker.services.conflicts import check_version
from linkworker.services.people import InvalidPerson

CONTACT = "contact details"


@dataclass(frozen=True, slots=True)
class BookingCheck:
    """What to tell the worker before a booking is saved; nothing here refuses it."""

    #: Other contacts booked for the same worker at an overlapping time.
    overlaps: tuple[ContactDetail, ...] = ()
    #: Set when the time happens twice because the clocks go back that night.
    clock_note: str = ""


@dataclass(frozen=True, slots=True)
class Booked:
    """A contact saved, with what was worth knowing when it was."""

    contact: ContactDetail
    check: BookingCheck


@dataclass(frozen=True, slots=True)
class OutcomeRecorded:
    """What happened at a contact, saved, and what can follow it."""

    contact: ContactDetail
    #: Rebook, phone, write: each with why it is not open to this person, if it is not.
    next_steps: tuple[StepOffer, ...] = ()
    #: Missed or unreachable contacts in a row in this episode, this one included.
    failed_in_a_row: int = 0
    #: Three failed attempts in a row: ask whether to close as "not taken up".
    suggest_not_taken_up: bool = False


@dataclass(frozen=True, slots=True)
class PersonContacts:
    """A person's contacts: those still to come (soonest first) and the rest (latest first)."""

    upcoming: tuple[ContactDetail, ...]
    past: tuple[ContactDetail, ...]


class ContactService:
    """Book contacts with a person, move them, and record what happened."""

    def __init__(
        self,
        units: UnitsOfWork,
        today: Callable[[], dt.date] = dt.date.today,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self._units = units
        self._today = today
        self._now = now

    # Reading -------------------------------------------------------------------

    def contacts(self, person_id: uuid.UUID) -> PersonContacts:
        """The person's contacts, in every episode."""
        today = self._today()
        with self._units.read() as uow:
            every = uow.contacts.of_person(person_id)
        upcoming = tuple(c for c in every if is_still_to_come(c, today))
        past = tuple(reversed([c for c in every if not is_still_to_come(c, today)]))
        return PersonContacts(upcoming=upcoming, past=past)

    def get(self, contact_id: uuid.UUID) -> ContactDetail:
        with self._units.read() as uow:
            return contact_repo.to_contact_detail(self._contact(uow, contact_id))

    def check(self, draft: ContactDraft) -> BookingCheck:
        """Overlaps with the worker's other bookings and a clock-change note, before saving."""
        with self._units.read() as uow:
            worker = draft.link_worker or self._worker_of(uow, draft.episode_id)
            return self._check(uow, dataclasses.replace(draft, link_worker=worker))

    def next_steps(self, person_id: uuid.UUID) -> tuple[StepOffer, ...]:
        """What can follow a missed contact with this person, each with why not, if not."""
        with self._units.read() as uow:
            return self._offers(uow, person_id)

    # Writing -------------------------------------------------------------------

    def book(self, draft: ContactDraft) -> Booked:
        """Book a contact in an open episode, or record one that has happened.

        Raises InvalidPerson (naming the contact details) for a time that has
        passed while still "booked", a time the clocks skip, a length out of
        range, a hub with no name, or a closed episode. Overlaps are not refused:
        they come back in :attr:`Booked.check`, as from :meth:`check`.
        """
        self._refuse_problems(draft)
        with self._units.write() as uow:
            episode = self._open_episode(uow, draft.episode_id)
            worker = draft.link_worker.strip() or episode.link_worker
            draft = dataclasses.replace(draft, link_worker=worker)
            check = self._check(uow, draft)
            if draft.id is None:
                row = uow.contacts.add(episode, contact_repo.contact_values(draft))
            else:
                row = self._checked(uow, draft.id, draft)
                uow.contacts.apply(row, contact_repo.contact_values(draft))
            if draft.outcome is ContactOutcome.ATTENDED:
                uow.people.contact_made(episode, draft.starts_at.date())
                record_codes(uow, episode)
            detail = self._saved(uow, episode, row)
            return Booked(contact=detail, check=check)

    def record_past(self, drafts: Sequence[ContactDraft]) -> int:
        """Record contacts that have already happened, all in one write: all, or none.

        Each is checked as :meth:`book` checks it (one still "booked" in the past is
        refused); attended ones date their referral's first contact and bring its
        coded events in step, as recording them one at a time does. Returns how many.
        """
        for draft in drafts:
            self._refuse_problems(draft)
        with self._units.write() as uow:
            episodes: dict[uuid.UUID, Episode] = {}
            for draft in sorted(drafts, key=lambda d: d.starts_at):
                episode = episodes.get(draft.episode_id) or self._open_episode(
                    uow, draft.episode_id
                )
                episodes[episode.id] = episode
                worker = draft.link_worker.strip() or episode.link_worker
                values = contact_repo.contact_values(dataclasses.replace(draft, link_worker=worker))
                uow.contacts.add(episode, values)
                if draft.outcome is ContactOutcome.ATTENDED:
                    uow.people.contact_made(episode, draft.starts_at.date())
            uow.flush("These contacts")
            for episode in episodes.values():
                record_codes(uow, episode)
                self._follow(uow, episode)
        return len(drafts)

    def reschedule(
        self,
        contact_id: uuid.UUID,
        starts_at: dt.datetime,
        minutes: int | None = None,
        version: int | None = None,
    ) -> Booked:
        """Move a booked contact to another time; the first time it was booked for is kept."""
        with self._units.write() as uow:
            row = self._for_update(uow, contact_id, version)
            current = contact_repo.to_contact_detail(row)
            if not current.outcome.is_pending:
                raise InvalidPerson(
                    [
                        FieldError(
                            "starts_at",
                            "What happened at this contact is already recorded, so it cannot "
                            "be moved. Book a new one instead.",
                        )
                    ],
                    what=CONTACT,
                )
            draft = dataclasses.replace(
                current.draft,
                starts_at=starts_at,
                minutes=current.draft.minutes if minutes is None else minutes,
            )
            self._refuse_problems(draft)
            episode = self._open_episode(uow, row.episode_id)
            check = self._check(uow, draft)
            if row.moved_from is None and row.starts_at != draft.starts_at:
                row.moved_from = row.starts_at
            uow.contacts.apply(row, contact_repo.contact_values(draft))
            return Booked(contact=self._saved(uow, episode, row), check=check)

    def record_outcome(
        self,
        contact_id: uuid.UUID,
        outcome: ContactOutcome,
        note: str = "",
        version: int | None = None,
    ) -> OutcomeRecorded:
        """Record what happened at a contact (attended, did not attend, cancelled...).

        Attended makes the referral active and dates the first contact. A missed
        or unreachable contact comes back with the next steps open to the person
        and, after three in a row, the suggestion to close as "not taken up".
        """
        with self._units.write() as uow:
            row = self._for_update(uow, contact_id, version)
            current = contact_repo.to_contact_detail(row)
            draft = dataclasses.replace(current.draft, outcome=outcome, outcome_note=note)
            self._refuse_problems(draft)
            episode = uow.people.episode(row.episode_id)
            if episode is None:
                raise errors.referral_gone()
            uow.contacts.apply(row, contact_repo.contact_values(draft))
            if outcome is ContactOutcome.ATTENDED:
                uow.people.contact_made(episode, row.starts_at.date())
                record_codes(uow, episode)
            detail = self._saved(uow, episode, row)
            in_episode = uow.contacts.of_episode(episode.id)
            if not outcome.is_failed_attempt:
                return OutcomeRecorded(contact=detail)
            return OutcomeRecorded(
                contact=detail,
                next_steps=self._offers(uow, row.person_id),
                failed_in_a_row=failed_attempts_in_a_row(in_episode),
                suggest_not_taken_up=suggest_not_taken_up(in_episode),
            )

    # Inside --------------------------------------------------------------------

    def _refuse_problems(self, draft: ContactDraft) -> None:
        problems = contact_problems(draft, self._now())
        if problems:
            raise InvalidPerson(problems, what=CONTACT)

    def _check(self, uow: UnitOfWork, draft: ContactDraft) -> BookingCheck:
        overlaps: tuple[ContactDetail, ...] = ()
        if draft.outcome.is_pending and draft.link_worker.strip():
            others = uow.contacts.booked_for_worker(
                draft.link_worker, draft.starts_at, draft.ends_at
            )
            overlaps = overlapping(draft, others)
        return BookingCheck(overlaps=overlaps, clock_note=clock_change_note(draft.starts_at) or "")

    def _saved(self, uow: UnitOfWork, episode: Episode, row: Contact) -> ContactDetail:
        """Flush the contact, let the episode's next contact follow, and read it back."""
        uow.flush("This contact")
        self._follow(uow, episode)
        return contact_repo.to_contact_detail(row)

    def _follow(self, uow: UnitOfWork, episode: Episode) -> None:
        """Let the episode's next contact and its person's summary follow its contacts."""
        following = following_next_contact(
            episode.next_contact_on, uow.contacts.of_episode(episode.id), self._today()
        )
        if following != episode.next_contact_on:
            episode.next_contact_on = following
            uow.flush("This referral")
        uow.people.refresh_summary(episode.person_id)

    def _offers(self, uow: UnitOfWork, person_id: uuid.UUID) -> tuple[StepOffer, ...]:
        has_phone, has_address = uow.contacts.reach(person_id)
        flags = [f.kind for f in uow.flags.current(person_id)]
        return step_offers(has_phone=has_phone, has_address=has_address, flags=flags)

    @staticmethod
    def _worker_of(uow: UnitOfWork, episode_id: uuid.UUID) -> str:
        episode = uow.people.episode(episode_id)
        return "" if episode is None else episode.link_worker

    @staticmethod
    def _open_episode(uow: UnitOfWork, episode_id: uuid.UUID) -> Episode:
        episode = uow.people.episode(episode_id)
        if episode is None:
            raise errors.referral_gone()
        if episode.status == EpisodeStatus.CLOSED.value:
            raise InvalidPerson(
                [
                    FieldError(
                        "episode",
                        "This referral is closed; reopen it, or record a new referral, "
                        "before booking a contact.",
                    )
                ],
                what=CONTACT,
            )
        return episode

    @staticmethod
    def _contact(uow: UnitOfWork, contact_id: uuid.UUID) -> Contact:
        row = uow.contacts.get(contact_id)
        if row is None:
            raise errors.NotFound(
                "That contact is no longer on the record.",
                "Reopen the person's record to see their contacts as they are now.",
            )
        return row

    def _for_update(self, uow: UnitOfWork, contact_id: uuid.UUID, version: int | None) -> Contact:
        row = self._contact(uow, contact_id)
        if version is not None and row.version != version:
            raise changed_elsewhere("This contact")
        return row

    @staticmethod
    def _checked(uow: UnitOfWork, contact_id: uuid.UUID, draft: ContactDraft) -> Contact:
        """The stored contact ``draft`` changes; both versions if someone saved it meanwhile."""
        row = ContactService._contact(uow, contact_id)
        check_version(
            "This contact",
            row,
            draft,
            lambda: contact_repo.to_contact_detail(row).draft,
            person_id=row.person_id,
        )
        return row
