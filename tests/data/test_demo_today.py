"""The demo's Today is lived in: contacts today, people overdue, waiting, quiet, check-backs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from linkworker.domain.journey import RiskFlagKind
from linkworker.domain.people import ConversationType, EpisodeStatus
from linkworker.domain.today import SectionKind
from linkworker.paths import AppPaths
from linkworker.services.context import open_services


def test_the_demo_today_has_something_in_every_section(demo_data: Path) -> None:
    paths = AppPaths.under(demo_data)
    services = open_services(paths)
    try:
        view = services.today.view()
        today = dt.date.today()
        booked = view.section(SectionKind.BOOKED_TODAY).rows
        assert [row.at.strftime("%H:%M") for row in booked if row.at] == ["10:00", "13:30", "15:00"]
        assert "Hub: Westminster Road Community Hub Cafe" in [row.what for row in booked]
        assert all(row.at is not None and row.at.date() == today for row in booked)
        counts = view.counts
        assert counts[SectionKind.OVERDUE] >= 3
        assert counts[SectionKind.WAITING] >= 3
        assert len({row.days for row in view.section(SectionKind.WAITING).rows}) >= 3
        assert counts[SectionKind.QUIET] >= 1
        assert counts[SectionKind.CHECK_BACK] == 1
        assert counts[SectionKind.NO_NEWS] >= 1
        assert services.today.view(everyone=True).counts[SectionKind.BOOKED_TODAY] == 4

        derek = services.people.find_by_nhs_number("999 271 8285")
        assert derek is not None
        assert [f.kind for f in derek.flags] == [RiskFlagKind.LONE_WORKING]
        pauline = services.people.find_by_nhs_number("999 314 1593")
        assert pauline is not None
        kinds = [c.draft.kind for c in pauline.conversations]
        assert ConversationType.LONG_TERM in kinds
        ryan = services.people.find_by_nhs_number("999 539 2186")
        assert ryan is not None
        assert [e.draft.status for e in ryan.episodes].count(EpisodeStatus.CLOSED) == 1
    finally:
        services.close()
