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
from datetime import datetime
from typing import Any

from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.drafts import SavedDraft

__all__ = ["DraftService", "SavedDraft"]


class DraftService:
    """Keeps, lists and discards autosaved drafts."""

    def __init__(self, units: UnitsOfWork, now: Callable[[], datetime] = datetime.now) -> None:
        self._units = units
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
        with self._units.write() as uow:
            uow.drafts.keep(values)

    def pending(self) -> list[SavedDraft]:
        """Every draft kept, newest first."""
        with self._units.read() as uow:
            return uow.drafts.newest_first()

    def get(self, key: str) -> SavedDraft | None:
        with self._units.read() as uow:
            return uow.drafts.get(key)

    def discard(self, key: str) -> None:
        """Forget the draft under ``key`` (nothing happens if there is none)."""
        with self._units.write() as uow:
            uow.drafts.discard(key)
