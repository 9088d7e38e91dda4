"""The backup rota: which backups to keep, from when they were made."""

from __future__ import annotations

import datetime as dt

from linkworker.domain.backup_rota import DAILY, MONTHLY, WEEKLY, Rota, backups_to_keep


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


def test_nothing_made_nothing_kept() -> None:
    assert backups_to_keep([]) == {}


def test_one_backup_a_day_for_a_year_keeps_7_daily_4_weekly_12_monthly() -> None:
    start = dt.date(2026, 1, 1)
    made = [at(start + dt.timedelta(days=n)) for n in range(365)]

    kept = backups_to_keep(made)

    kinds = list(kept.values())
    assert kinds.count(DAILY) == 7
    # The newest of this week and last are already daily: 2 more weeks, then months.
    assert len({(w.isocalendar()[0], w.isocalendar()[1]) for w in kept}) >= 4
    assert len({(m.year, m.month) for m in kept}) == 12
    assert max(made) in kept
    assert min(kept) == at(dt.date(2026, 1, 31))  # January's newest, the oldest kept
    assert all(kind in (DAILY, WEEKLY, MONTHLY) for kind in kinds)


def test_the_newest_of_each_day_stands_for_it() -> None:
    day = dt.date(2026, 3, 10)
    made = [at(day, 8), at(day, 12), at(day, 17)]
    assert backups_to_keep(made) == {at(day, 17): DAILY}


def test_ten_failed_starts_in_a_row_leave_the_good_backups() -> None:
    """Ten backups in a few minutes of one morning use one daily place, not ten."""
    good = [at(dt.date(2026, 11, 20) + dt.timedelta(days=n)) for n in range(10)]
    morning = dt.datetime(2026, 12, 1, 8, 0)
    failed = [morning + dt.timedelta(minutes=n) for n in range(10)]

    kept = backups_to_keep(good + failed)

    newest_good_days = good[-6:]
    assert set(newest_good_days) <= set(kept)
    assert max(failed) in kept
    assert not set(failed[:-1]) & set(kept)


def test_quiet_weeks_use_up_no_places() -> None:
    """A laptop shut for two months still keeps its last seven days of backups."""
    days = [at(dt.date(2026, 6, 1) + dt.timedelta(days=n)) for n in range(10)]
    after_a_break = at(dt.date(2026, 8, 15))

    kept = backups_to_keep([*days, after_a_break])

    assert set(days[-6:]) <= set(kept)
    assert kept[after_a_break] == DAILY


def test_a_smaller_rota_keeps_fewer_and_always_the_newest() -> None:
    made = [at(dt.date(2026, 1, 1) + dt.timedelta(days=n)) for n in range(60)]
    kept = backups_to_keep(made, Rota(daily=1, weekly=0, monthly=0))
    assert kept == {max(made): DAILY}
    kept = backups_to_keep(made, Rota(daily=0, weekly=0, monthly=0))
    assert kept == {max(made): DAILY}
    kept = backups_to_keep(made, Rota(daily=0, weekly=2, monthly=0))
    assert sorted(kept.values()) == [WEEKLY, WEEKLY]
