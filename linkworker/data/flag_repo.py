"""Risk flags on a person: raised, and removed (never deleted)."""

from __future__ import annotations

from linkworker.data.unit_of_work import Repository


class FlagRepository(Repository):
    """Risk flags on a person: raised, and removed (never deleted)."""
