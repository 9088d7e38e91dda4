"""Today's sections over a real database: who each includes, and who it leaves out."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from linkworker.domain.journey import RiskFlagKind
from linkworker.domain.people import (
    ClosingReason,
    ConversationDraft,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.domain.today import SectionKind, TodayView, flag_words
from linkworker.services.context import Services
from tests.data.people_helpers import AGREED
from tests.data.today_caseload import DAY, ME, Caseload, at, build, days_ago


@pytest.fixture
def caseload(services: Any) -> Caseload:
    return build(services)


def names(view: TodayView, kind: SectionKind) -> list[str]:
    return [row.name for row in view.section(kind).rows]


def mine(services: Services) -> TodayView:
    return services.today.view(DAY)


def everyone(services: Services) -> TodayView:
    return services.today.view(DAY, everyone=True)


def test_booked_today_is_mine_by_time_with_the_place(services: Any, caseload: Caseload) -> None:
    section = mine(services).section(SectionKind.BOOKED_TODAY)
    assert [(r.name, r.at, r.what) for r in section.rows] == [
        ("Alice Booked", at(DAY, 13, 30), "Hub: Elton Cafe")
    ]
    assert section.rows[0].tab == "contacts"


def test_booked_today_for_everyone_adds_colleagues_but_not_closed_or_recorded(
    services: Any, caseload: Caseload
) -> None:
    # Eve's episode is closed; Alice's 09:00 was attended; Cara's is tomorrow.
    assert names(everyone(services), SectionKind.BOOKED_TODAY) == ["Bob Colleague", "Alice Booked"]


def test_overdue_next_contacts_and_missed_bookings(services: Any, caseload: Caseload) -> None:
    section = mine(services).section(SectionKind.OVERDUE)
    assert [(r.name, r.since, r.days) for r in section.rows] == [
        ("Cara Overdue", days_ago(3), 3),
        ("Dan Missed", days_ago(2), 2),
        ("Mo Spelt", days_ago(1), 1),
    ]
    assert section.rows[1].what == "Booked (Practice): nothing recorded"
    assert section.rows[0].what == "Next contact was due"


def test_overdue_for_everyone_adds_a_colleagues_but_never_a_closed_episode(
    services: Any, caseload: Caseload
) -> None:
    found = names(everyone(services), SectionKind.OVERDUE)
    assert "Nia Theirs" in found
    assert "Eve Closed" not in found
    assert found.count("Dan Missed") == 1  # the DNA is recorded: only the booking left open


def test_waiting_longest_first_with_days(services: Any, caseload: Caseload) -> None:
    rows = mine(services).section(SectionKind.WAITING).rows
    assert [(r.name, r.days) for r in rows] == [("Gus Longwait", 60), ("Fay Waiting", 12)]
    assert "Ola Theirswaiting" in names(everyone(services), SectionKind.WAITING)


def test_quiet_people_since_their_last_contact_or_their_referral(
    services: Any, caseload: Caseload
) -> None:
    rows = mine(services).section(SectionKind.QUIET).rows
    assert [(r.name, r.since, r.what) for r in rows] == [
        ("Gus Longwait", days_ago(60), "No contact since the referral"),
        ("Hal Quiet", days_ago(50), "No contact"),
    ]


def test_quiet_follows_the_weeks_in_settings(services: Any, caseload: Caseload) -> None:
    services.settings.set("quiet_weeks", 9)
    assert names(mine(services), SectionKind.QUIET) == []
    services.settings.set("quiet_weeks", 8)  # 56 days: Hal was seen 50 days ago
    assert names(mine(services), SectionKind.QUIET) == ["Gus Longwait"]
    services.settings.set("quiet_weeks", 1)  # exactly a week since Cara was seen is not quiet
    assert "Cara Overdue" not in names(mine(services), SectionKind.QUIET)
    assert "Fay Waiting" in names(mine(services), SectionKind.QUIET)


def test_a_crisis_check_back_is_due_until_something_follows_it(
    services: Any, caseload: Caseload
) -> None:
    rows = mine(services).section(SectionKind.CHECK_BACK).rows
    assert [(r.name, r.since) for r in rows] == [("Jon Crisis", days_ago(1))]  # not Kim


def test_a_check_back_not_yet_due_is_not_shown(services: Any, caseload: Caseload) -> None:
    assert names(services.today.view(days_ago(2)), SectionKind.CHECK_BACK) == []


def test_places_with_no_news_only_referred_or_agreed_and_old(
    services: Any, caseload: Caseload
) -> None:
    rows = mine(services).section(SectionKind.NO_NEWS).rows
    assert [(r.name, r.what, r.days) for r in rows] == [
        ("Lou News", "Port Money Advice (referred)", 30)
    ]
    services.settings.set("no_news_days", 3)
    assert [r.what for r in mine(services).section(SectionKind.NO_NEWS).rows] == [
        "Port Money Advice (referred)",
        "Knit and Natter (agreed to try)",
    ]


def test_counts_are_the_whole_sections(services: Any, caseload: Caseload) -> None:
    view = mine(services)
    assert view.counts == {
        SectionKind.BOOKED_TODAY: 1,
        SectionKind.OVERDUE: 3,
        SectionKind.WAITING: 2,
        SectionKind.QUIET: 2,
        SectionKind.CHECK_BACK: 1,
        SectionKind.NO_NEWS: 1,
    }
    assert view.worker == ME and not view.everyone


def test_without_a_name_in_settings_everyone_is_shown(services: Any, caseload: Caseload) -> None:
    services.settings.set("user_name", "")
    view = mine(services)
    assert view.everyone
    assert view.counts == everyone(services).counts


def test_a_row_opens_the_person_it_names(services: Any, caseload: Caseload) -> None:
    for section in everyone(services).sections:
        for row in section.rows:
            assert caseload.name_of(row.person_id) == row.name.split()[0]


def test_the_calendar_reads_booked_contacts_ahead(services: Any, caseload: Caseload) -> None:
    booked = services.today.booked(at(DAY, 0), 2)
    assert [(b.initials, b.starts_at, b.where) for b in booked] == [
        ("A.B.", at(DAY, 13, 30), "Hub: Elton Cafe"),
        ("C.O.", at(days_ago(-1), 10), "Practice"),
    ]


def test_someone_back_for_a_new_episode_is_not_quiet_because_of_the_old_one(
    services: Any, caseload: Caseload
) -> None:
    pat = services.people.save_person(PersonDraft(given_name="Pat", family_name="Returning"))
    old = services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED, person_id=pat.id, referral_date=days_ago(400), link_worker=ME
        )
    )
    services.people.save_conversation(ConversationDraft(episode_id=old.id, at=at(days_ago(390), 9)))
    services.people.save_episode(
        replace(
            services.people.get_person(pat.id).episodes[0].draft,
            id=old.id,
            version=services.people.get_person(pat.id).episodes[0].version,
            status=EpisodeStatus.CLOSED,
            closed_on=days_ago(300),
            closing_reason=ClosingReason.GOALS_MET,
        )
    )
    services.people.save_episode(
        EpisodeDraft(
            consent_to_hold=AGREED,
            person_id=pat.id,
            referral_date=days_ago(10),
            link_worker=ME,
            status=EpisodeStatus.ACTIVE,
        )
    )
    assert "Pat Returning" not in names(mine(services), SectionKind.QUIET)
    services.settings.set("quiet_weeks", 1)  # ten days since the new referral, no contact in it
    rows = [r for r in mine(services).section(SectionKind.QUIET).rows if r.name == "Pat Returning"]
    assert [(r.since, r.what) for r in rows] == [(days_ago(10), "No contact")]


def test_a_flagged_persons_rows_carry_their_flags_in_force(
    services: Any, caseload: Caseload
) -> None:
    alice = caseload.ids["Alice"]
    services.flags.raise_flag(alice, RiskFlagKind.DO_NOT_VISIT_ALONE, "Dog", "Sam Patel")
    services.flags.raise_flag(alice, RiskFlagKind.NO_LETTERS, "", "Sam Patel")
    gone = services.flags.raise_flag(alice, RiskFlagKind.LONE_WORKING, "", "Sam Patel")
    services.flags.remove_flag(gone.id, "Sam Patel")

    view = everyone(services)
    flagged = {
        row.name: row.flags for section in view.sections for row in section.rows if row.flags
    }
    assert flagged == {"Alice Booked": (RiskFlagKind.DO_NOT_VISIT_ALONE, RiskFlagKind.NO_LETTERS)}
    assert flag_words(flagged["Alice Booked"]) == ("Do not visit alone; No letters to the address")
