"""Contacts booked with a person and what happened at each."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select

from linkworker.data.models import Contact, Episode, Person
from linkworker.data.unit_of_work import Repository
from linkworker.domain.journey import (
    MAX_MINUTES,
    ContactDetail,
    ContactDraft,
    ContactOutcome,
    ContactPlace,
)


def contact_values(draft: ContactDraft) -> dict[str, Any]:
    """The columns of a contact row from a checked draft."""
    return {
        "episode_id": draft.episode_id,
        "starts_at": draft.starts_at.replace(second=0, microsecond=0),
        "minutes": draft.minutes,
        "place": draft.place.value,
        "asset_id": draft.asset_id if draft.place is ContactPlace.HUB else None,
        "place_name": " ".join(draft.place_name.split()),
        "outcome": draft.outcome.value,
        "outcome_note": draft.outcome_note.strip(),
        "link_worker": draft.link_worker.strip(),
        "booked_by": draft.booked_by.strip(),
    }


def to_contact_detail(row: Contact) -> ContactDetail:
    draft = ContactDraft(
        episode_id=row.episode_id,
        starts_at=row.starts_at,
        minutes=row.minutes,
        place=ContactPlace(row.place),
        asset_id=row.asset_id,
        place_name=row.place_name,
        outcome=ContactOutcome(row.outcome),
        outcome_note=row.outcome_note,
        link_worker=row.link_worker,
        booked_by=row.booked_by,
        id=row.id,
        version=row.version,
    )
    return ContactDetail(
        id=row.id,
        version=row.version,
        person_id=row.person_id,
        draft=draft,
        moved_from=row.moved_from,
    )


class ContactRepository(Repository):
    """Contacts booked with a person and what happened at each."""

    def get(self, contact_id: uuid.UUID) -> Contact | None:
        return self._session.get(Contact, contact_id)

    def add(self, episode: Episode, values: dict[str, Any]) -> Contact:
        """A new contact in ``episode`` (its person's id is copied onto the row)."""
        row = Contact(id=uuid.uuid4(), person_id=episode.person_id, **values)
        self._session.add(row)
        return row

    @staticmethod
    def apply(row: Contact, values: dict[str, Any]) -> None:
        """Set only what changed, so an unchanged save does not bump the version."""
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)

    def of_person(self, person_id: uuid.UUID) -> list[ContactDetail]:
        """Every contact with the person, earliest first."""
        rows = self._session.scalars(
            select(Contact)
            .where(Contact.person_id == person_id)
            .order_by(Contact.starts_at, Contact.created_at)
        ).all()
        return [to_contact_detail(r) for r in rows]

    def of_episode(self, episode_id: uuid.UUID) -> list[ContactDetail]:
        """Every contact in one episode, earliest first."""
        rows = self._session.scalars(
            select(Contact)
            .where(Contact.episode_id == episode_id)
            .order_by(Contact.starts_at, Contact.created_at)
        ).all()
        return [to_contact_detail(r) for r in rows]

    def booked_for_worker(
        self, link_worker: str, starts: dt.datetime, ends: dt.datetime
    ) -> list[ContactDetail]:
        """Contacts still booked for ``link_worker`` that may overlap ``starts``..``ends``
        (those starting up to the longest contact before it), whoever they are with."""
        rows = self._session.scalars(
            select(Contact).where(
                Contact.outcome == ContactOutcome.BOOKED.value,
                Contact.link_worker == link_worker.strip(),
                Contact.starts_at >= starts - dt.timedelta(minutes=MAX_MINUTES),
                Contact.starts_at < ends,
            )
        ).all()
        return [to_contact_detail(r) for r in rows]

    def reach(self, person_id: uuid.UUID) -> tuple[bool, bool]:
        """(has a phone number, has an address to write to) for the person."""
        found = self._session.execute(
            select(Person.phone, Person.address, Person.no_fixed_address).where(
                Person.id == person_id
            )
        ).first()
        if found is None:
            return False, False
        phone, address, no_fixed_address = found
        has_address = bool((address or "").strip()) and not no_fixed_address
        return bool((phone or "").strip()), has_address
