"""Which backups to keep: a rota of daily, weekly and monthly copies.

The rule looks only at when each backup was made. Within a day, an ISO week or
a month, the newest backup stands for that period; the newest periods that
have a backup are kept (7 days, 4 weeks, 12 months by default). The newest
backup of all is always kept. Days without a backup do not use up a place, so
a laptop left shut for a month still has its last good copies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

DAILY = "daily"
WEEKLY = "weekly"
MONTHLY = "monthly"


@dataclass(frozen=True, slots=True)
class Rota:
    """How many days, ISO weeks and months keep a backup each."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def _day(when: dt.datetime) -> Hashable:
    return when.date()


def _week(when: dt.datetime) -> Hashable:
    year, week, _ = when.isocalendar()
    return (year, week)


def _month(when: dt.datetime) -> Hashable:
    return (when.year, when.month)


#: Each kind of place on the rota, shortest period first (a backup kept for
#: more than one reason is named by the shortest).
PERIODS: tuple[tuple[str, Callable[[dt.datetime], Hashable]], ...] = (
    (DAILY, _day),
    (WEEKLY, _week),
    (MONTHLY, _month),
)


def backups_to_keep(made: Iterable[dt.datetime], rota: Rota = Rota()) -> dict[dt.datetime, str]:
    """The backups to keep, each with the kind of place it holds on the rota.

    ``made`` are the times the backups were made; any time not in the answer
    may be deleted. The newest backup is always in the answer.
    """
    newest_first = sorted(set(made), reverse=True)
    limits = {DAILY: rota.daily, WEEKLY: rota.weekly, MONTHLY: rota.monthly}
    kept: dict[dt.datetime, str] = {}
    for kind, period_of in PERIODS:
        seen: set[Hashable] = set()
        for when in newest_first:
            period = period_of(when)
            if period in seen:
                continue
            if len(seen) >= limits[kind]:
                break
            seen.add(period)
            kept.setdefault(when, kind)
    if newest_first:
        kept.setdefault(newest_first[0], DAILY)
    return kept
