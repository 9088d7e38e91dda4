"""Autosave of unfinished typing, so that nothing typed is ever lost.

A form saves what it holds every few seconds under a key of its choosing
(``"conversation:<episode id>"``, say). Each save is its own small committed
transaction, so a crash or a killed process keeps the last one; on the next
start :meth:`DraftService.pending` offers them back. The form discards its
draft once the real record is saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from linkworker.data.database import Database
from linkworker.data.models import Draft


@dataclass(frozen=True)
class SavedDraft:
    """One autosaved draft. ``saved_at`` is local time, without a time zone."""

    key: str
    title: str
    payload: dict[str, Any]
    saved_at: datetime


def _to_saved(row: Draft) -> SavedDraft:
    return SavedDraft(
        key=row.key, title=row.title, payload=json.loads(row.payload), saved_at=row.saved_at
    )


class DraftService:
    """Keeps, lists and discards autosaved drafts."""

    def __init__(self, db: Database, now: Callable[[], datetime] = datetime.now) -> None:
        self._db = db
        self._now = now

    def save(self, key: str, title: str, payload: dict[str, Any]) -> None:
        """Keep ``payload`` (JSON-serialisable values) under ``key``, replacing any earlier one.

        One statement and one commit: cheap enough to call every few seconds.
        """
        values = {
            "key": key,
            "title": title,
            "payload": json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
            "saved_at": self._now().replace(tzinfo=None),
        }
        with self._db.transaction() as session:
            dialect = session.get_bind().dialect.name
            if dialect in ("sqlite", "postgresql"):
                insert = sqlite.insert if dialect == "sqlite" else postgresql.insert
                stmt = insert(Draft).values(**values)
                session.execute(
                    stmt.on_conflict_do_update(
                        index_elements=[Draft.key],
                        set_={k: stmt.excluded[k] for k in ("title", "payload", "saved_at")},
                    )
                )
            else:
                session.merge(Draft(**values))

    def pending(self) -> list[SavedDraft]:
        """Every draft kept, newest first."""
        with self._db.read() as session:
            rows = session.scalars(select(Draft).order_by(Draft.saved_at.desc(), Draft.key))
            return [_to_saved(r) for r in rows]

    def get(self, key: str) -> SavedDraft | None:
        with self._db.read() as session:
            row = session.get(Draft, key)
            return None if row is None else _to_saved(row)

    def discard(self, key: str) -> None:
        """Forget the draft under ``key`` (nothing happens if there is none)."""
        with self._db.transaction() as session:
            session.execute(delete(Draft).where(Draft.key == key))
