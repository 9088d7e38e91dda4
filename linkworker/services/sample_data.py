"""The sample directory that ships in resources/, for the demo and for a first look.

``resources/sample_directory.json`` is a list of assets. Each object has the
fields of :class:`~linkworker.domain.directory.AssetDraft` (enums by value,
``opening_times`` as ``{"day": "Tuesday", "starts": "10:00", "ends": "12:00",
"note": ""}``) except that freshness is given as ``verified_days_ago`` so the
demo always shows a realistic mix of recently and long-ago checked listings.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
from typing import Any

from linkworker.domain.directory import (
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.validation import parse_time

SAMPLE_FILE = "sample_directory.json"


def _slot(raw: dict[str, Any]) -> OpeningTime:
    return OpeningTime(
        day=Day.parse(raw["day"]) if raw.get("day") else None,
        starts=parse_time(raw["starts"]) if raw.get("starts") else None,
        ends=parse_time(raw["ends"]) if raw.get("ends") else None,
        note=raw.get("note", ""),
    )


def draft_from_sample(raw: dict[str, Any], today: dt.date) -> AssetDraft:
    """One sample object as a draft; dates are relative to ``today``."""
    days_ago = raw.get("verified_days_ago")
    return AssetDraft(
        name=raw["name"],
        organisation=raw.get("organisation", ""),
        description=raw.get("description", ""),
        categories=tuple(raw.get("categories", ())),
        tags=tuple(raw.get("tags", ())),
        cost=Cost(raw.get("cost", "free")),
        cost_note=raw.get("cost_note", ""),
        join_mode=JoinMode(raw.get("join_mode", "drop_in")),
        age_min=raw.get("age_min"),
        age_max=raw.get("age_max"),
        eligibility=raw.get("eligibility", ""),
        accessibility=tuple(raw.get("accessibility", ())),
        languages=tuple(raw.get("languages", ())),
        status=AssetStatus(raw.get("status", "active")),
        capacity_note=raw.get("capacity_note", ""),
        waiting_list=bool(raw.get("waiting_list", False)),
        website=raw.get("website", ""),
        email=raw.get("email", ""),
        phone=raw.get("phone", ""),
        locations=tuple(Location(**loc) for loc in raw.get("locations", ())),
        opening_times=tuple(_slot(s) for s in raw.get("opening_times", ())),
        contacts=tuple(Contact(**c) for c in raw.get("contacts", ())),
        last_verified_on=None if days_ago is None else today - dt.timedelta(days=int(days_ago)),
        verified_by=raw.get("verified_by", ""),
        notes=raw.get("notes", ""),
    )


def load_sample_drafts(today: dt.date | None = None) -> list[AssetDraft]:
    """Every asset in the shipped sample directory."""
    text = (
        importlib.resources.files("linkworker.resources")
        .joinpath(SAMPLE_FILE)
        .read_text(encoding="utf-8")
    )
    return [draft_from_sample(raw, today or dt.date.today()) for raw in json.loads(text)]
