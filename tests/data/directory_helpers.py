"""What the directory service tests share: rows and helpers."""

from __future__ import annotations

import datetime as dt

from linkworker.domain.directory import (
    AssetDetail,
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    Day,
    DirectoryFilter,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.services.directory import DirectoryService

TODAY = dt.date(2026, 6, 15)


def _names(
    directory: DirectoryService, flt: DirectoryFilter = DirectoryFilter(), **kw: object
) -> list[str]:
    return [r.name for r in directory.search(flt, **kw).rows]  # type: ignore[arg-type]


def _add(directory: DirectoryService, *names: str, **fields: object) -> list[AssetDetail]:
    return [directory.save(AssetDraft(name=n, **fields)) for n in names]  # type: ignore[arg-type]


FULL = AssetDraft(
    name="Gardening club",
    organisation="Green Spaces Trust",
    description="Grow vegetables together.\nTools provided.",
    categories=("Outdoors", "Food and cooking"),
    tags=("allotment", "vegetables"),
    cost=Cost.LOW_COST,
    cost_note="£2 a session",
    join_mode=JoinMode.SELF_REFERRAL,
    age_min=16,
    age_max=99,
    eligibility="Anyone living in Ellesmere Port",
    accessibility=("accessible_toilet", "step_free"),
    languages=("English", "Polish"),
    status=AssetStatus.PAUSED,
    capacity_note="12 places",
    waiting_list=True,
    website="https://example.org/garden",
    email="garden@example.org",
    phone="01632 960123",
    locations=(
        Location(
            name="Community allotment",
            address="Rivacre Road",
            town="Ellesmere Port",
            postcode="CH65 4AB",
            latitude=53.2791,
            longitude=-2.9045,
        ),
        Location(name="Church hall", address="1 High Street", town="Neston", postcode="CH64 9AA"),
    ),
    opening_times=(
        OpeningTime(Day.TUESDAY, dt.time(10), dt.time(12, 30)),
        OpeningTime(Day.SATURDAY, dt.time(9, 15)),
        OpeningTime(note="first Sunday of the month, afternoons"),
    ),
    contacts=(
        Contact(name="Priya Shah", role="Coordinator", phone="07700 900123", email="p@example.org"),
        Contact(name="Office", phone="01632 960999"),
    ),
    last_verified_on=dt.date(2026, 3, 1),
    verified_by="Sam",
    notes="Ring before first visit.",
)
