"""The message back to the GP and referrer: made only with the person's consent.

:class:`GpLetterService` gathers one episode's message back (domain/message_back.py)
and renders it as a letter (PDF) or as JSON. Nothing is made without the person's
consent to share with their GP, recorded on that referral: :class:`NoGpConsent` says
why and no file or record is written. With no GP practice recorded,
:class:`NoGpPractice` lets the caller ask for it (:meth:`GpLetterService.record_practice`)
or make the letter without an address block (``without_address=True``).

Saving and printing are noted in the audit trail and in the person's record of
documents, as the plan is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from linkworker import errors
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain import audit
from linkworker.domain.documents import DocumentAction, DocumentKind
from linkworker.domain.message_back import MessageBack, message_back
from linkworker.domain.outcomes import episode_outcomes
from linkworker.domain.people import EpisodeDetail, GpPractice, PersonDetail
from linkworker.interchange.message_back import message_back_bytes
from linkworker.paths import save_export
from linkworker.printing.snapshots import PrintOptions
from linkworker.services.documents import DocumentService, person_detail
from linkworker.services.people import PeopleService


class NoGpConsent(errors.UserFacingError):
    """The person has not agreed to share this referral with their GP."""

    title = "No consent to share with the GP"


class NoGpPractice(errors.UserFacingError):
    """No GP practice is recorded for the person: ask for it, or make it without an address."""

    title = "No GP practice recorded"


def _no_consent() -> NoGpConsent:
    return NoGpConsent(
        "This person has not agreed to their information being shared with their GP, "
        "so no letter was made.",
        "Ask them, and record their answer in the referral's consent (Update referral). "
        "Nothing was saved or printed.",
    )


def _no_practice() -> NoGpPractice:
    return NoGpPractice(
        "No GP practice is recorded for this person, so the letter has no address.",
        "Add their GP practice to their details, or make the letter without an address.",
    )


@dataclass(frozen=True, slots=True)
class LetterFiles:
    """The letter as PDF bytes and the same content as JSON bytes."""

    pdf: bytes
    json: bytes


class GpLetterService:
    """Makes the message back to the GP, and records what was done with it."""

    def __init__(
        self,
        units: UnitsOfWork,
        documents: DocumentService,
        people: PeopleService,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self._units = units
        self._documents = documents
        self._people = people
        self._today = today

    # What it says -------------------------------------------------------------------

    def content(
        self,
        person_id: uuid.UUID,
        episode_id: uuid.UUID | None = None,
        *,
        without_address: bool = False,
    ) -> MessageBack:
        """The message back about ``episode_id`` (default: their newest referral).

        Raises NoGpConsent without the person's consent to share that referral with
        their GP, NoGpPractice when no practice is recorded (unless
        ``without_address``), NotFound for someone or a referral not on the record.
        """
        with self._units.read() as uow:
            person = person_detail(uow, person_id)
            episode = self._episode(person, episode_id)
            if not episode.draft.consent_share_gp.given:
                raise _no_consent()
            if not person.draft.gp_practice.recorded and not without_address:
                raise _no_practice()
            plan = uow.plans.plan_of_episode(episode.id)
            outcomes = episode_outcomes(
                episode.id,
                episode.draft.referral_date,
                not episode.is_open,
                uow.outcomes.of_episode(episode.id),
            )
            events = uow.codes.of_person(person_id)
        worker = self._documents.worker()
        letter = message_back(
            person,
            episode,
            plan,
            outcomes,
            events,
            written_by=worker.name,
            team=worker.team,
            written_on=self._today(),
            phone=worker.phone,
            email=worker.email,
        )
        if without_address:
            return dataclasses.replace(letter, practice=GpPractice())
        return letter

    def json(
        self,
        person_id: uuid.UUID,
        episode_id: uuid.UUID | None = None,
        *,
        without_address: bool = False,
    ) -> bytes:
        """The same content as JSON, by the standard's sections."""
        letter = self.content(person_id, episode_id, without_address=without_address)
        return message_back_bytes(letter)

    # What was done with it ---------------------------------------------------------------

    def record(
        self, person_id: uuid.UUID, action: DocumentAction, options: PrintOptions | None = None
    ) -> None:
        """Note that the letter was printed or saved as a PDF, in the trail and their record."""
        self._documents.record(person_id, DocumentKind.GP_LETTER, action, options or PrintOptions())

    def record_json(self, person_id: uuid.UUID) -> None:
        """Note in the trail that the letter's JSON was saved."""
        self._units.note(audit.EXPORT, person_id=person_id, subject=DocumentKind.GP_LETTER.value)

    def save_json(
        self,
        person_id: uuid.UUID,
        path: Path,
        episode_id: uuid.UUID | None = None,
        *,
        without_address: bool = False,
    ) -> None:
        """Write the JSON to ``path`` (readable by the user alone) and note the export.

        Raises OSError when it cannot be written; nothing is left behind then.
        """
        save_export(path, self.json(person_id, episode_id, without_address=without_address))
        self.record_json(person_id)

    def make(
        self,
        person_id: uuid.UUID,
        episode_id: uuid.UUID | None = None,
        options: PrintOptions | None = None,
        *,
        without_address: bool = False,
    ) -> LetterFiles:
        """The letter and its JSON from one reading of the record, not yet written or noted."""
        from linkworker.printing.gp_letter import render_gp_letter

        letter = self.content(person_id, episode_id, without_address=without_address)
        return LetterFiles(render_gp_letter(letter, options), message_back_bytes(letter))

    def record_practice(self, person_id: uuid.UUID, practice: GpPractice) -> PersonDetail:
        """Keep ``practice`` as the person's GP practice; InvalidPerson says what is wrong."""
        person = self._people.get_person(person_id)
        return self._people.save_person(dataclasses.replace(person.draft, gp_practice=practice))

    # Helpers ------------------------------------------------------------------------------

    @staticmethod
    def _episode(person: PersonDetail, episode_id: uuid.UUID | None) -> EpisodeDetail:
        if episode_id is None:
            if not person.episodes:
                raise errors.NotFound(
                    "This person has no referral yet, so there is nothing to tell their GP.",
                    "Record their referral first.",
                )
            return person.episodes[0]
        found = next((e for e in person.episodes if e.id == episode_id), None)
        if found is None:
            raise errors.referral_gone()
        return found
