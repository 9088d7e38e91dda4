"""Autosaved drafts: kept by key, one row each, replaced in one statement."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select

from linkworker.data.dialect import insert_for
from linkworker.data.models import Draft
from linkworker.data.unit_of_work import Repository
from linkworker.domain.drafts import SavedDraft


def _to_saved(row: Draft) -> SavedDraft:
    return SavedDraft(
        key=row.key, title=row.title, payload=json.loads(row.payload), saved_at=row.saved_at
    )


class DraftRepository(Repository):
    """The ``draft`` table."""

    def keep(self, values: dict[str, Any]) -> None:
        """Insert the draft, or replace the one under the same key, in one statement."""
        stmt = insert_for(self._session)(Draft).values(**values)
        self._session.execute(
            stmt.on_conflict_do_update(
                index_elements=[Draft.key],
                set_={k: stmt.excluded[k] for k in ("title", "payload", "saved_at")},
            )
        )

    def newest_first(self) -> list[SavedDraft]:
        rows = self._session.scalars(select(Draft).order_by(Draft.saved_at.desc(), Draft.key))
        return [_to_saved(r) for r in rows]

    def get(self, key: str) -> SavedDraft | None:
        row = self._session.get(Draft, key)
        return None if row is None else _to_saved(row)

    def discard(self, key: str) -> None:
        self._session.execute(delete(Draft).where(Draft.key == key))
