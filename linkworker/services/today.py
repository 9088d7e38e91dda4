"""Today: who the link worker needs to see or chase, read in one go for the window and the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain.audit import EXPORT
from linkworker.domain.today import (
    BookedContact,
    SectionKind,
    TodayLimits,
    TodayView,
    limits,
)
from linkworker.services.settings import SettingsStore

__all__ = ["SectionKind", "TodayService", "TodayView"]


class TodayService:
    """The Today sections for a day, for the user ("only mine") or for everyone."""

    def __init__(
        self,
        units: UnitsOfWork,
        settings: SettingsStore,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self._units = units
        self._settings = settings
        self._today = today

    @property
    def user_name(self) -> str:
        """The worker "only mine" means: who signed in, else the name in Settings ("" if none)."""
        signed_in = self._units.actor.worker_name
        return signed_in or " ".join(str(self._settings.get("user_name") or "").split())

    def limits(self, day: dt.date | None = None) -> TodayLimits:
        """The day and the team's limits for "no contact" and "no news"."""
        return limits(
            day or self._today(),
            self._settings.get("quiet_weeks"),
            self._settings.get("no_news_days"),
        )

    def view(
        self,
        day: dt.date | None = None,
        *,
        everyone: bool = False,
        kinds: Sequence[SectionKind] | None = None,
    ) -> TodayView:
        """Every section (or those in ``kinds``) for ``day`` (default today), in one read.

        Without a name in Settings there is no "mine": everyone is shown.
        """
        bounds = self.limits(day)
        worker = "" if everyone else self.user_name
        wanted = set(kinds) if kinds is not None else None
        with self._units.read() as uow:
            worker, workers = _reach(uow, worker)
            sections = tuple(
                uow.today.section(kind, bounds, workers)
                for kind in SectionKind
                if wanted is None or kind in wanted
            )
            flagged = uow.flags.current_kinds({r.person_id for s in sections for r in s.rows})
        if flagged:
            sections = tuple(
                replace(
                    section,
                    rows=tuple(
                        replace(r, flags=flagged[r.person_id]) if r.person_id in flagged else r
                        for r in section.rows
                    ),
                )
                for section in sections
            )
        return TodayView(day=bounds.day, everyone=not worker, worker=worker, sections=sections)

    def exported_calendar(self, rows: int, *, names: bool) -> None:
        """Record in the audit trail that booked contacts were exported to a calendar file."""
        self._units.note(EXPORT, subject="calendar", rows=rows, names=names)

    def booked(
        self, start: dt.datetime, days: int, *, everyone: bool = False
    ) -> tuple[BookedContact, ...]:
        """Contacts still booked from ``start`` for ``days`` days, for the user or everyone."""
        worker = "" if everyone else self.user_name
        with self._units.read() as uow:
            _worker, workers = _reach(uow, worker)
            return uow.today.booked_between(start, start + dt.timedelta(days=days), workers)


def _reach(uow: UnitOfWork, worker: str) -> tuple[str, tuple[str, ...] | None]:
    """Whose day is shown, and the spellings of their name to match (None: everyone's).

    A link worker signed in on a team sees their own people and new referrals with no link
    worker yet, whatever they ask for; a manager sees what they ask for. Someone who sees no
    personal records (or nobody, before anyone signs in) sees no one.
    """
    standing = uow.standing
    if not standing.sees_people:
        return standing.name, ()
    if not standing.sees_everyone:
        return standing.name, uow.today.worker_spellings(standing.name, ("",))
    return worker, uow.today.worker_spellings(worker) if worker else None
