"""The sections of the Today page, each one query over the caseload."""

from __future__ import annotations

from linkworker.data.unit_of_work import Repository


class TodayRepository(Repository):
    """The sections of the Today page, each one query over the caseload."""
