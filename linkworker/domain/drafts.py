"""An autosaved draft of unfinished typing, as the forms get it back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class SavedDraft:
    """One autosaved draft. ``saved_at`` is local time, without a time zone."""

    key: str
    title: str
    payload: dict[str, Any]
    saved_at: datetime
