"""Risk flags on a person: raised with who and when, removed with who and when.

A flag is never deleted: removing one dates it, so the history of who knew
what, and when, stays on the record. Flags are shown wherever the person is
on screen and are never printed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from linkworker import errors
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.journey import RiskFlag, RiskFlagKind, flag_problems
from linkworker.domain.validation import FieldError
from linkworker.services.people import InvalidPerson

FLAG = "flag details"


class FlagService:
    """Raise and remove a person's risk flags."""

    def __init__(self, units: UnitsOfWork, today: Callable[[], dt.date] = dt.date.today) -> None:
        self._units = units
        self._today = today

    def current(self, person_id: uuid.UUID) -> tuple[RiskFlag, ...]:
        """The flags in force, oldest first."""
        with self._units.read() as uow:
            return uow.flags.current(person_id)

    def current_for_episode(self, episode_id: uuid.UUID) -> tuple[RiskFlag, ...]:
        """The flags in force for the person whose referral this is (none if it is gone)."""
        with self._units.read() as uow:
            episode = uow.people.episode(episode_id)
            return () if episode is None else uow.flags.current(episode.person_id)

    def history(self, person_id: uuid.UUID) -> tuple[RiskFlag, ...]:
        """Every flag the person has carried, removed ones included, oldest first."""
        with self._units.read() as uow:
            return uow.flags.history(person_id)

    def raise_flag(
        self, person_id: uuid.UUID, kind: RiskFlagKind | None, note: str, raised_by: str
    ) -> RiskFlag:
        """Raise a flag today; raises InvalidPerson with no kind or no one who raised it."""
        raised_by = raised_by.strip() or self._units.actor.worker_name
        problems = flag_problems(kind, raised_by)
        if problems or kind is None:
            raise InvalidPerson(problems, what=FLAG)
        with self._units.write() as uow:
            if not uow.people.person_exists(person_id):
                raise errors.person_gone()
            return uow.flags.raise_flag(person_id, kind, note, raised_by, self._today())

    def remove_flag(self, flag_id: uuid.UUID, removed_by: str) -> RiskFlag:
        """Remove a flag today (it stays in the history with who removed it)."""
        removed_by = removed_by.strip() or self._units.actor.worker_name
        if not removed_by:
            raise InvalidPerson(
                [FieldError("removed_by", "Say who removed it, so a colleague knows whom to ask.")],
                what=FLAG,
            )
        with self._units.write() as uow:
            row = uow.flags.get(flag_id)
            if row is None:
                raise errors.NotFound(
                    "That flag is no longer on the record.",
                    "Reopen the person's record to see their flags as they are now.",
                )
            if row.removed_on is not None:
                return uow.flags.remove(row, row.removed_by, row.removed_on)
            return uow.flags.remove(row, removed_by, self._today())
