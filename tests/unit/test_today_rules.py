"""Today's rules without a database: limits from settings, names, words, what a row says."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker.domain.today import (
    BookedContact,
    SectionKind,
    TodayRow,
    TodaySection,
    TodayView,
    ago_words,
    day_words,
    days_between,
    for_how_long,
    initials,
    limits,
    same_worker,
    short_day,
    since_words,
    what_words,
    worker_key,
)

DAY = dt.date(2026, 3, 30)


def row(days: int, *, at: dt.datetime | None = None) -> TodayRow:
    return TodayRow(
        person_id=uuid.UUID(int=1),
        name="Peggy Owens",
        what="",
        since=DAY - dt.timedelta(days=days),
        days=days,
        tab="story",
        at=at,
    )


def test_limits_count_back_from_the_day() -> None:
    bounds = limits(DAY, 6, 21)
    assert bounds.quiet_before == dt.date(2026, 2, 16)
    assert bounds.no_news_before == dt.date(2026, 3, 9)
    assert bounds.day_start == dt.datetime(2026, 3, 30, 0, 0)
    assert bounds.day_end == dt.datetime(2026, 3, 31, 0, 0)


@pytest.mark.parametrize(
    ("weeks", "days", "expected"),
    [
        ("8", 30.0, (8, 30)),
        (0, 0, (6, 21)),
        (None, "soon", (6, 21)),
        (True, 400, (6, 21)),
        (105, 365, (6, 365)),
        (104, 366, (104, 21)),
        (1, 1, (1, 1)),
        ("1", "1", (1, 1)),
    ],
)
def test_odd_settings_fall_back_to_the_usual_limits(
    weeks: object, days: object, expected: tuple[int, int]
) -> None:
    bounds = limits(DAY, weeks, days)
    assert (bounds.quiet_weeks, bounds.no_news_days) == expected


@pytest.mark.parametrize(
    ("recorded", "user", "same"),
    [
        ("Sam Patel", "Sam Patel", True),
        ("sam  PATEL", "Sam Patel", True),
        ("Siân O'Brien", "sian obrien", True),
        ("Sam Patel", "Sam Patil", False),
        ("", "", False),
        ("Sam Patel", "", False),
    ],
)
def test_a_worker_is_the_user_when_the_names_fold_alike(
    recorded: str, user: str, same: bool
) -> None:
    assert same_worker(recorded, user) is same


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (-1, "in the future"),
        (0, "today"),
        (1, "yesterday"),
        (13, "13 days ago"),
        (14, "2 weeks ago"),
        (69, "9 weeks ago"),
        (70, "2 months ago"),
        (76, "2 months ago"),
        (77, "3 months ago"),
        (365, "12 months ago"),
    ],
)
def test_ago_in_words(days: int, words: str) -> None:
    assert ago_words(days) == words


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (-2, "0 days"),
        (0, "0 days"),
        (1, "1 day"),
        (13, "13 days"),
        (14, "2 weeks"),
        (20, "2 weeks"),
        (69, "9 weeks"),
        (70, "2 months"),
        (76, "2 months"),
        (77, "3 months"),
        (100, "3 months"),
    ],
)
def test_how_long_in_words(days: int, words: str) -> None:
    assert for_how_long(days) == words


def test_days_between_counts_forward() -> None:
    assert days_between(dt.date(2026, 3, 1), DAY) == 29
    assert days_between(DAY, dt.date(2026, 3, 1)) == -29


def test_a_worker_key_keeps_the_words_apart() -> None:
    assert worker_key("  Siân   O'Brien ") == "sian obrien"


def test_days_in_words() -> None:
    assert day_words(DAY) == "Monday 30 March 2026"
    assert short_day(dt.date(2026, 12, 3)) == "3 Dec"


def test_each_section_says_when_its_own_way() -> None:
    assert since_words(row(0, at=dt.datetime(2026, 3, 30, 13, 30)), SectionKind.BOOKED_TODAY) == (
        "13:30"
    )
    assert since_words(row(3), SectionKind.OVERDUE) == "due 27 Mar (3 days ago)"
    assert since_words(row(12), SectionKind.WAITING) == "12 days, since 18 Mar"
    assert since_words(row(50), SectionKind.QUIET) == "7 weeks, since 8 Feb"
    assert since_words(row(0), SectionKind.CHECK_BACK) == "due 30 Mar"
    assert since_words(row(2), SectionKind.CHECK_BACK) == "due 28 Mar (2 days ago)"
    assert since_words(row(22), SectionKind.NO_NEWS) == "3 weeks ago (8 Mar)"


@pytest.mark.parametrize(
    ("code", "detail", "label", "words"),
    [
        ("booked_today", "hub", "Elton  Cafe", "Hub: Elton Cafe"),
        ("booked_today", "phone", "", "Phone"),
        ("booked_today", "moon", "", "Practice"),
        ("booked", "home", "", "Booked (Home visit): nothing recorded"),
        ("no_news", "agreed", "Knit and Natter", "Knit and Natter (agreed to try)"),
        ("no_news", "odd", "Knit and Natter", "Knit and Natter (odd)"),
        ("next", "", "", "Next contact was due"),
        ("never", "", "", "No contact since the referral"),
        ("last", "", "", "No contact"),
        ("waiting", "", "", "Waiting for a first contact"),
        ("unknown", "", "", "unknown"),
        ("check_back", "", "", "Check back after a crisis"),
    ],
)
def test_what_a_row_is_about(code: str, detail: str, label: str, words: str) -> None:
    assert what_words(code, detail, label) == words


@pytest.mark.parametrize(
    ("first", "family", "letters"),
    [
        ("Margaret", "Owens", "M.O."),
        ("Peggy", "", "P."),
        ("", "", "?"),
        ("Mary Jo", "de Ruiter", "M.R."),
    ],
)
def test_initials(first: str, family: str, letters: str) -> None:
    assert initials(first, family) == letters


def test_a_booked_contact_uses_the_preferred_name_for_initials_and_ends_after_its_minutes() -> None:
    contact = BookedContact(
        id=uuid.UUID(int=2),
        version=1,
        person_id=uuid.UUID(int=1),
        given_name="Margaret",
        family_name="Owens",
        preferred_name="Peggy",
        starts_at=dt.datetime(2026, 3, 29, 10, 0),
        minutes=45,
        where="Home visit",
    )
    assert contact.initials == "P.O."
    assert contact.name == "Peggy Owens"
    assert contact.ends_at == dt.datetime(2026, 3, 29, 10, 45)


def test_a_view_counts_whole_sections_and_knows_a_quiet_day() -> None:
    full = TodaySection(SectionKind.OVERDUE, (row(3),), total=250)
    empty = TodaySection(SectionKind.WAITING, (), total=0)
    view = TodayView(DAY, everyone=False, worker="Sam", sections=(full, empty))
    assert view.counts == {SectionKind.OVERDUE: 250, SectionKind.WAITING: 0}
    assert not full.shown_all and empty.shown_all and empty.is_empty
    assert not view.is_quiet_day
    assert TodayView(DAY, everyone=True, worker="", sections=(empty,)).is_quiet_day
    assert view.section(SectionKind.WAITING) is empty


def test_every_section_has_words_and_a_tab_the_people_page_knows() -> None:
    for kind in SectionKind:
        assert kind.heading and kind.short and kind.empty_text.endswith(".")
        assert kind.tab in {"story", "plan", "contacts"}
