"""Referrals that came in with no date (``undated_referral``, see models_undated.py).

Rows never leave the data layer: callers get :class:`UndatedReferral` values.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select

from linkworker.data.models import Person, utcnow
from linkworker.data.models_undated import UndatedReferralRow
from linkworker.data.unit_of_work import Repository
from linkworker.domain.names import display_name
from linkworker.domain.people import ReferrerKind, UndatedReferral, Urgency


def undated_values(referral: UndatedReferral, person_id: uuid.UUID) -> dict[str, Any]:
    """The columns of one row, for a bulk insert."""
    now = utcnow()
    return {
        "id": uuid.uuid4(),
        "person_id": person_id,
        "referred_by": referral.referred_by.value,
        "referrer_name": referral.referrer_name.strip(),
        "reasons": json.dumps(list(referral.reasons), ensure_ascii=False),
        "reason_notes": referral.reason_notes.strip(),
        "urgency": referral.urgency.value,
        "link_worker": referral.link_worker.strip(),
        "created_at": now,
        "updated_at": now,
    }


def _to_value(row: UndatedReferralRow) -> UndatedReferral:
    return UndatedReferral(
        id=row.id,
        person_id=row.person_id,
        referred_by=ReferrerKind(row.referred_by),
        referrer_name=row.referrer_name,
        reasons=tuple(json.loads(row.reasons or "[]")),
        reason_notes=row.reason_notes,
        urgency=Urgency(row.urgency),
        link_worker=row.link_worker,
    )


class UndatedReferralRepository(Repository):
    """Referrals waiting for the link worker to give their date."""

    def insert(self, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            self._session.execute(insert(UndatedReferralRow), list(rows))

    def of_person(self, person_id: uuid.UUID) -> list[UndatedReferral]:
        """The person's undated referrals, oldest first."""
        rows = self._session.scalars(
            select(UndatedReferralRow)
            .where(UndatedReferralRow.person_id == person_id)
            .order_by(UndatedReferralRow.created_at, UndatedReferralRow.id)
        )
        return [_to_value(r) for r in rows]

    def get(self, referral_id: uuid.UUID) -> UndatedReferral | None:
        row = self._session.get(UndatedReferralRow, referral_id)
        return None if row is None else _to_value(row)

    def remove(self, referral_id: uuid.UUID) -> None:
        self._session.execute(
            delete(UndatedReferralRow).where(UndatedReferralRow.id == referral_id)
        )

    def waiting_among(self, person_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these people have a referral waiting for its date."""
        if not person_ids:
            return set()
        return set(
            self._session.scalars(
                select(UndatedReferralRow.person_id)
                .where(UndatedReferralRow.person_id.in_(list(person_ids)))
                .distinct()
            )
        )

    def people(self) -> list[tuple[uuid.UUID, str, int]]:
        """Everyone with a referral waiting for its date: (id, name, how many), by name."""
        rows = self._session.execute(
            select(
                Person.id,
                Person.given_name,
                Person.family_name,
                Person.preferred_name,
                UndatedReferralRow.id,
            )
            .join(UndatedReferralRow, UndatedReferralRow.person_id == Person.id)
            .order_by(Person.sort_name, Person.id)
        ).all()
        found: dict[uuid.UUID, tuple[str, int]] = {}
        for person_id, given, family, preferred, _ in rows:
            name, count = found.get(person_id, (display_name(given, family, preferred), 0))
            found[person_id] = (name, count + 1)
        return [(pid, name, count) for pid, (name, count) in found.items()]
