"""Reading and writing the record of documents printed or saved for a person.

Only this module knows how a :class:`~linkworker.domain.documents.DocumentRecord`
is laid out in the ``document_log`` table; callers get the frozen value type.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from linkworker.data.models import AssetReferral, DocumentLogRow, Episode
from linkworker.data.unit_of_work import Repository
from linkworker.domain.documents import DocumentAction, DocumentKind, DocumentRecord

RECORDED_BY_LIMIT = 200
OPTIONS_LIMIT = 200
DETAIL_LIMIT = 300


class DocumentRepository(Repository):
    """The record of documents printed or saved for each person."""

    def add(
        self,
        person_id: uuid.UUID,
        kind: DocumentKind,
        action: DocumentAction,
        at: dt.datetime,
        *,
        recorded_by: str = "",
        options: str = "",
        detail: str = "",
    ) -> None:
        """Add one line to the person's record of documents (text cut to fit its column)."""
        self._session.add(
            DocumentLogRow(
                id=uuid.uuid4(),
                person_id=person_id,
                kind=kind.value,
                action=action.value,
                at=at,
                recorded_by=recorded_by.strip()[:RECORDED_BY_LIMIT],
                options=options.strip()[:OPTIONS_LIMIT],
                detail=detail.strip()[:DETAIL_LIMIT],
            )
        )

    def history(self, person_id: uuid.UUID) -> list[DocumentRecord]:
        """The person's documents, newest first."""
        rows = self._session.scalars(
            select(DocumentLogRow)
            .where(DocumentLogRow.person_id == person_id)
            .order_by(DocumentLogRow.at.desc())
        )
        return [
            DocumentRecord(
                kind=DocumentKind(row.kind),
                action=DocumentAction(row.action),
                at=row.at,
                recorded_by=row.recorded_by,
                options=row.options,
                detail=row.detail,
            )
            for row in rows
        ]

    def referral_episode(self, referral_id: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID] | None:
        """(episode id, person id) of a community asset chosen in a plan, else None."""
        found = self._session.execute(
            select(Episode.id, Episode.person_id)
            .join(AssetReferral, AssetReferral.episode_id == Episode.id)
            .where(AssetReferral.id == referral_id)
        ).first()
        return None if found is None else (found[0], found[1])
