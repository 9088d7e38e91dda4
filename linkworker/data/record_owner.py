"""Whose record a row is part of: the person a write is about, for the audit trail.

One table of how each kind of row leads to its person: the person row itself,
rows that hold a ``person_id``, and rows that belong to a referral (episode),
a goal or an asset referral, followed up to the episode's person. Rows about no
one (the directory, settings) give None.
"""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from linkworker.data import models

#: Rows that reach their person through a parent row: (the column, the parent's model).
_PARENTS: dict[str, tuple[str, type[models.Base]]] = {
    "conversation": ("episode_id", models.Episode),
    "goal": ("episode_id", models.Episode),
    "asset_referral": ("episode_id", models.Episode),
    "goal_rating": ("goal_id", models.Goal),
    "asset_referral_change": ("referral_id", models.AssetReferral),
}


def person_of(session: Session, obj: object) -> uuid.UUID | None:
    """The id of the person ``obj`` (a flushed ORM row) is about, or None."""
    for _ in range(3):  # at most three steps: rating, goal, episode
        table = getattr(obj, "__tablename__", "")
        if table == "person":
            return _uuid(getattr(obj, "id", None))
        if hasattr(obj, "person_id"):
            return _uuid(obj.person_id)
        parent = _PARENTS.get(table)
        if parent is None:
            return None
        column, model = parent
        parent_id = getattr(obj, column, None)
        if parent_id is None:
            return None
        found = session.get(model, parent_id)
        if found is None:
            return None
        obj = found
    return None


def person_of_row(session: Session, table: str, key: Any) -> uuid.UUID | None:
    """The id of the person the row ``key`` of ``table`` is about, or None."""
    if table == "person":
        return _uuid(key)
    model = _models().get(table)
    found = session.get(model, key) if model is not None else None
    return person_of(session, found) if found is not None else None


@cache
def _models() -> dict[str, type[Any]]:
    return {
        str(getattr(mapper.local_table, "name", "")): mapper.class_
        for mapper in models.Base.registry.mappers
    }


def _uuid(value: Any) -> uuid.UUID | None:
    return value if isinstance(value, uuid.UUID) else None
