"""The Activity and Who-we-reach reports over a known caseload, built through the real
services, each figure checked against a count made by hand (worked out in the comments).

The period is March 2025. The caseload:

- six women (White British, born 1 May 1950, CH65 4AB): an earlier referral in January,
  closed in February (goals met); a second referral on 3 March (GP: loneliness, low mood),
  first conversation face to face on 10 March (a wait of 7 days), a booked contact at the
  practice on 17 March attended, a home visit on 24 March not attended; still open.
- five men (no ethnicity, no date of birth, CH66 1AA): referred on 20 February (self:
  housing), first conversation by phone on 5 March (13 days) with a booked phone contact
  that day attended too, a follow-up by phone on 19 March, closed 28 March (stopped
  getting in touch).
- two women (Asian British: Indian, born 31 March 1990, no postcode): referred on
  15 March (pharmacist: money or debt), declined on 20 March.
- five boys (White British, born 2010, CH65 9ZZ): referred on 31 March (GP: loneliness),
  first conversation on 2 April, after the period.
- one woman referred on 5 January, met 1 February, a conversation at a hub on 12 March,
  closed 10 April: her referral spans the period's end.
- one referral closed with no closing date (an old record), and one referral with no date.
- one contact at the practice on 26 March left 'booked', nothing recorded.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from linkworker.data.models import Episode
from linkworker.data.models_undated import UndatedReferralRow
from linkworker.domain.journey import ContactDraft, ContactOutcome, ContactPlace, ReferralResponse
from linkworker.domain.people import (
    ClosingReason,
    ConversationMode,
    ConversationType,
    ReferrerKind,
)
from linkworker.domain.report_figures import ALSO_HIDDEN, NONE_TO_COUNT
from linkworker.domain.reports import FEWER_THAN, Period, Report, ReportKind
from linkworker.services.episodes import Closing
from linkworker.services.reports import ReportService
from linkworker.services.sample_journey import SampleContact, add_sample_contacts
from tests.data.people_helpers import add_episode, add_person, add_talk

MARCH = Period.month(2025, 3)
MADE_ON = dt.date(2025, 6, 30)


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour))


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _talk(services: Any, episode: uuid.UUID, when: dt.datetime, kind: Any, mode: Any) -> None:
    add_talk(services.people, episode, when, kind=kind, mode=mode)


def _book(services: Any, episode: uuid.UUID, when: dt.datetime, place: Any, outcome: Any) -> None:
    services.contacts.book(
        ContactDraft(episode_id=episode, starts_at=when, place=place, outcome=outcome)
    )


def _close(services: Any, episode: uuid.UUID, on: str, reason: ClosingReason) -> None:
    services.episodes.close(episode, Closing(on=day(on), reason=reason))


def _referred(
    services: Any,
    name: tuple[str, str],
    on: str,
    reasons: tuple[str, ...],
    referred_by: ReferrerKind = ReferrerKind.GP,
    **person: Any,
) -> tuple[uuid.UUID, uuid.UUID]:
    """A person (with what ``person`` says of them) and their referral: (person, episode)."""
    who = add_person(services.people, *name, **person)
    episode = add_episode(
        services.people, who, referral_date=day(on), reasons=reasons, referred_by=referred_by
    )
    return who, episode


@pytest.fixture
def caseload(services: Any) -> Any:
    first, follow = ConversationType.FIRST, ConversationType.FOLLOW_UP
    face, phone = ConversationMode.FACE_TO_FACE, ConversationMode.PHONE
    older = {
        "gender": "Woman",
        "ethnicity": "White British",
        "date_of_birth": day("1950-05-01"),
        "postcode": "CH65 4AB",
    }
    left_booked: list[SampleContact] = []
    for i in range(6):
        who, old = _referred(services, ("Ada", f"Woman{i}"), "2025-01-10", ("Loneliness",), **older)
        _talk(services, old, at("2025-01-20"), first, face)
        _close(services, old, "2025-02-15", ClosingReason.GOALS_MET)
        new = add_episode(
            services.people,
            who,
            referral_date=day("2025-03-03"),
            reasons=("Loneliness", "Low mood"),
        )
        _talk(services, new, at("2025-03-10"), first, face)
        _book(services, new, at("2025-03-17"), ContactPlace.PRACTICE, ContactOutcome.ATTENDED)
        _book(services, new, at("2025-03-24"), ContactPlace.HOME, ContactOutcome.DID_NOT_ATTEND)
        if i == 0:
            draft = ContactDraft(
                episode_id=new, starts_at=at("2025-03-26"), place=ContactPlace.PRACTICE
            )
            left_booked.append(SampleContact(who, draft))
    for i in range(5):
        _, ep = _referred(
            services,
            ("Bob", f"Man{i}"),
            "2025-02-20",
            ("Housing",),
            ReferrerKind.SELF,
            gender="Man",
            postcode="CH66 1AA",
        )
        _talk(services, ep, at("2025-03-05"), first, phone)
        _book(services, ep, at("2025-03-05", 11), ContactPlace.PHONE, ContactOutcome.ATTENDED)
        _talk(services, ep, at("2025-03-19"), follow, phone)
        _close(services, ep, "2025-03-28", ClosingReason.DISENGAGED)
    for i in range(2):
        _, ep = _referred(
            services,
            ("Cai", f"Declined{i}"),
            "2025-03-15",
            ("Money or debt",),
            ReferrerKind.PHARMACIST,
            gender="Woman",
            ethnicity="Asian British: Indian",
            date_of_birth=day("1990-03-31"),
        )
        services.episodes.respond(ep, ReferralResponse.DECLINED, day("2025-03-20"), "Not now")
    for i in range(5):
        _, ep = _referred(
            services,
            ("Dan", f"Young{i}"),
            "2025-03-31",
            ("Loneliness",),
            gender="Man",
            ethnicity="White British",
            date_of_birth=day("2010-01-01"),
            postcode="CH65 9ZZ",
        )
        _talk(services, ep, at("2025-04-02"), first, face)
    _, ep = _referred(
        services,
        ("Eve", "Spanning"),
        "2025-01-05",
        ("Anxiety",),
        **{**older, "date_of_birth": day("1960-03-31")},
    )
    _talk(services, ep, at("2025-02-01"), first, face)
    _talk(services, ep, at("2025-03-12"), follow, ConversationMode.HUB)
    _close(services, ep, "2025-04-10", ClosingReason.GOALS_MET)
    # An old record: closed, with no closing date; and a referral that came with no date.
    who, ep = _referred(
        services, ("Fay", "Undated"), "2025-02-01", (), gender="Woman", postcode="CH66 2BB"
    )
    with services.units.write() as uow:
        uow.session.execute(
            update(Episode).where(Episode.id == ep).values(status="closed", closed_on=None)
        )
        uow.session.add(UndatedReferralRow(person_id=who, reasons='["Loneliness"]'))
    add_sample_contacts(services.units, left_booked)
    return ReportService(services.units, services.settings, today=lambda: MADE_ON)


def figures(report: Report) -> dict[str, str]:
    return {f.label: f.value for f in report.headline}


def table(report: Report, title: str) -> dict[Any, tuple[Any, ...]]:
    (found,) = [t for t in report.tables if t.title == title]
    return {row[0]: row[1:] for row in found.rows}


def test_activity_figures_match_the_hand_count(caseload: ReportService) -> None:
    report = caseload.build(ReportKind.ACTIVITY, MARCH)
    got = figures(report)
    # Referred in March: six women (3rd), two declined (15th), five boys (31st).
    assert got["Referrals received"] == "13"
    assert got["People referred"] == "13"
    # First contacts in March: the six women (10th) and five men (5th); the boys' is in April.
    assert got["First contacts"] == "11"
    assert got["First contacts coded 871731000000106"] == "11"
    # Days met: women 10th and 17th (12); men 5th, once though a conversation and a contact
    # were both kept, and 19th (10); the spanning woman 12th (1): 23 over 12 people.
    assert got["Contacts held"] == "23"
    assert got["People seen"] == "12"
    assert got["Average contacts per person seen"] == "1.9"
    # Booked contacts with an outcome: 6 + 5 attended, 6 did not attend: 6 / 17.
    assert got["Did-not-attend rate"] == "35%"
    # Waits: six of 7 days, five of 13: the median is the 6th of 11, the mean 107 / 11.
    assert got["Median wait from referral to first contact"] == "7 days"
    assert got["Mean wait from referral to first contact"] == "9.7 days"
    # Open on 31 March: the six women (active), five boys (waiting), the spanning woman.
    assert got["People on the caseload on 31 March 2025"] == "12"
    # Closed in March: five men, two declined.
    assert got["Referrals closed"] == "7"
    assert got["Declined"] == FEWER_THAN

    assert table(report, "Coded events, as a GP search would find them") == {
        "871731000000106": ("Referral to social prescribing service", 11),
        "871691000000100": ("Social prescribing offered", 13),
        "871711000000103": ("Social prescribing declined", FEWER_THAN),
    }
    contacts = table(report, "Contacts booked, by place and what happened")
    # Attended, did not attend, could not reach, cancelled, nothing recorded yet, all.
    # The practice's lone 1 could be worked out from its total of 7, so its 6 is hidden
    # too; that 6 could then be worked out from the attended total of 11, so the phone's
    # 5 goes as well.
    assert contacts["Practice"] == (ALSO_HIDDEN, 0, 0, 0, FEWER_THAN, 7)
    assert contacts["Home visit"] == (0, 6, 0, 0, 0, 6)
    assert contacts["Phone"] == (ALSO_HIDDEN, 0, 0, 0, 0, 5)
    assert contacts["All places"] == (11, 6, 0, 0, FEWER_THAN, 18)
    kinds = table(report, "Conversations by type")
    assert kinds[ConversationType.FIRST.label] == (11,)
    assert kinds[ConversationType.FOLLOW_UP.label] == (6,)
    assert kinds[ConversationType.CRISIS.label] == (0,)
    modes = table(report, "Conversations by how they happened")
    assert modes["Face to face"] == (ALSO_HIDDEN,)  # else the hub's 1 is 17 - 6 - 10
    assert modes["Phone"] == (10,)
    assert modes["At a community hub"] == (FEWER_THAN,)
    waits = table(report, "Wait from referral to first contact")
    assert waits["1 to 7 days"] == (6,) and waits["8 to 14 days"] == (5,)
    caseload_end = table(report, "Caseload on 31 March 2025")
    assert caseload_end["Referrals waiting for a first contact"] == (5,)
    assert caseload_end["Referrals active"] == (7,)
    closed = table(report, "Referrals closed, by reason")
    assert closed["Stopped getting in touch"] == (ALSO_HIDDEN,)  # 7 closed less the 2
    assert closed["Declined support"] == (FEWER_THAN,)
    assert closed["Goals met"] == (0,)  # February's and April's closings are not March's

    notes = " ".join(report.could_not_count)
    assert "Fewer than 5 closed referrals have no closing date" in notes
    assert "Fewer than 5 booked contacts in the period have passed with nothing recorded" in notes
    assert "Fewer than 5 referrals came in with no date" in notes
    assert report.team == "" and report.made_on == MADE_ON


def test_who_we_reach_matches_the_hand_count(caseload: ReportService) -> None:
    report = caseload.build(ReportKind.REACH, MARCH)
    got = figures(report)
    assert got["Referrals received"] == "13"
    assert got["People referred with no postcode recorded"] == FEWER_THAN
    assert got["People referred with no gender recorded"] == "0"
    sources = table(report, "Referrals by who referred")
    # 11 of 13 by a GP, but with 2 by a pharmacist the 11 would give the 2 away.
    assert sources["GP"] == (ALSO_HIDDEN, None)
    assert sources["Pharmacist"] == (FEWER_THAN, None)
    assert sources["Self-referral"] == (0, 0)  # the men were referred in February
    reasons = table(report, "Referrals by reason")
    assert reasons["Loneliness"] == (11, 85)
    assert reasons["Low mood"] == (6, 46)
    assert reasons["Money or debt"] == (FEWER_THAN, None)
    assert reasons["Housing"] == (0, 0)  # a gap: shown, not left out
    ages = table(report, "People referred by age on 31 March 2025")
    assert ages["65 to 74"] == (6, 46)
    assert ages["Under 18"] == (ALSO_HIDDEN, None)  # beside the two aged 35
    # Born 31 March 1990: 35 on the period's last day, not 34.
    assert ages["35 to 44"] == (FEWER_THAN, None)
    assert ages["25 to 34"] == (0, 0)
    genders = table(report, "People referred by gender")
    assert genders == {"Man": (5, 38), "Woman": (8, 62)}
    # 11 White British and 2 Asian British: Indian of 13; the 11 would give the 2 away.
    assert table(report, "People referred by ethnicity")["White British"] == (ALSO_HIDDEN, None)
    districts = table(report, "People referred by postcode district")
    assert districts["CH65"] == (ALSO_HIDDEN, None)
    assert districts["Not recorded"] == (FEWER_THAN, None)
    assert districts["CH66"] == (0, 0)  # people live there, but nobody was referred in March
    (age_chart,) = [c for c in report.charts if c.title == "People referred by age"]
    values = dict(zip(age_chart.categories, age_chart.series[0][1], strict=True))
    assert values["65 to 74"] == 6.0 and values["35 to 44"] is None
    assert values["Under 18"] is None  # hidden in the chart as in the table

    quarter = caseload.build(ReportKind.REACH, Period.quarter(2025, 1))
    # January to March adds the five men (no ethnicity, no date of birth), the spanning
    # woman and the referral closed with no date (both February or January).
    assert figures(quarter)["People referred with no ethnicity recorded"] == "6"
    assert figures(quarter)["People referred with no date of birth recorded"] == "6"


def test_one_day_and_empty_periods_say_what_they_could_not_count(
    caseload: ReportService,
) -> None:
    one_day = caseload.build(ReportKind.ACTIVITY, Period(day("2025-03-10"), day("2025-03-10")))
    got = figures(one_day)
    assert got["First contacts"] == "6" and got["Contacts held"] == "6"
    assert got["Average contacts per person seen"] == "1"
    assert got["Median wait from referral to first contact"] == "7 days"
    assert got["Did-not-attend rate"] == NONE_TO_COUNT
    assert any("no did-not-attend rate" in note for note in one_day.could_not_count)
    assert not any(t.title.endswith("by month") for t in one_day.tables)

    empty = caseload.build(ReportKind.ACTIVITY, Period.month(2024, 6))
    got = figures(empty)
    assert got["Referrals received"] == "0"
    assert got["Median wait from referral to first contact"] == NONE_TO_COUNT
    assert got["Average contacts per person seen"] == NONE_TO_COUNT
    reach = caseload.build(ReportKind.REACH, Period.month(2024, 6))
    assert "No referrals were received in June 2024." in reach.could_not_count


def test_a_year_shows_referrals_and_first_contacts_by_month(caseload: ReportService) -> None:
    report = caseload.build(ReportKind.ACTIVITY, Period.year(2025))
    months = table(report, "Referrals and first contacts by month")
    assert months["Mar 2025"] == (13, 11)
    # First contacts: February's one (the spanning woman's) would be the year's total
    # less the others, so the next smallest, April's 5 boys, is hidden too.
    assert months["Feb 2025"] == (6, FEWER_THAN)
    assert months["Apr 2025"] == (0, ALSO_HIDDEN)
    assert months["Dec 2025"] == (0, 0)
    (line,) = [c for c in report.charts if c.title == "Referrals and first contacts by month"]
    assert line.categories[0] == "Jan 2025" and len(line.categories) == 12


def test_making_a_report_is_in_the_audit_trail(services: Any, caseload: ReportService) -> None:
    from linkworker.domain.audit import AuditFilter
    from linkworker.domain.audit_words import describe

    before = services.audit.count()
    caseload.build(ReportKind.REACH, MARCH)
    assert services.audit.count() == before + 1
    (entry,) = services.audit.page(AuditFilter(action="report"), limit=1)
    assert describe(entry.action, entry.subject, entry.detail) == (
        "Made the reach report: for March 2025"
    )


def test_every_report_is_made_and_saved_as_pdf_and_csv_privately_and_audited(
    services: Any, caseload: ReportService, tmp_path: Path
) -> None:
    from linkworker.domain.audit import AuditFilter

    assert caseload.available == tuple(ReportKind)
    for kind in ReportKind:
        report = caseload.build(kind, MARCH)
        assert report.kind is kind and report.period == MARCH
        for suffix in (".pdf", ".csv"):
            path = tmp_path / f"{kind.value}{suffix}"
            caseload.save(report, path)
            assert path.stat().st_size > 0
            if os.name == "posix":
                assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert (tmp_path / f"{kind.value}.pdf").read_bytes().startswith(b"%PDF")
    exports = services.audit.page(AuditFilter(action="export"), limit=100)
    assert len([e for e in exports if e.subject.endswith(" report")]) == 2 * len(ReportKind)


def test_reasons_that_cannot_be_read_are_said_not_a_crash(services: Any) -> None:
    for i in range(6):
        who = add_person(services.people, "Gil", f"Reasons{i}")
        add_episode(services.people, who, referral_date=day("2025-03-04"), reasons=("Housing",))
    with services.units.write() as uow:  # one written by something other than the app
        uow.session.execute(
            update(Episode).where(Episode.person_id == who).values(reasons="Housing; debt")
        )
    report = ReportService(services.units, services.settings, today=lambda: MADE_ON).build(
        ReportKind.REACH, MARCH
    )
    assert table(report, "Referrals by reason")["Housing"] == (5, 83)
    assert any(
        "The reasons of fewer than 5 referrals could not be read" in note
        for note in report.could_not_count
    )


def test_saving_as_csv_is_an_export_in_the_audit_trail(
    services: Any, caseload: ReportService, tmp_path: Any
) -> None:
    import os
    import stat

    from linkworker.domain.audit import AuditFilter
    from linkworker.domain.audit_words import describe

    report = caseload.build(ReportKind.ACTIVITY, MARCH)
    target = tmp_path / "activity.csv"
    caseload.save(report, target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfReport,Activity\r\n")
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    (entry,) = services.audit.page(AuditFilter(action="export"), limit=1)
    assert describe(entry.action, entry.subject, entry.detail) == (
        "Exported activity report: for March 2025"
    )
    assert "Ada" not in target.read_text(encoding="utf-8-sig")


EMPTY_NOTES = {
    ReportKind.ACTIVITY: "No referral, first contact or booked contact is recorded",
    ReportKind.REACH: "No referrals were received",
    ReportKind.CONNECTIONS: "No place was agreed, referred to or gone to",
    ReportKind.OUTCOMES: "No measure or goal rating was taken after a baseline",
    ReportKind.STORIES: "No story that may be shared was told at a closing",
}


@pytest.mark.parametrize("kind", list(ReportKind))
def test_an_empty_period_or_day_is_said_on_screen_in_print_and_in_the_csv(
    caseload: ReportService, kind: ReportKind, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from linkworker.services.report_csv import report_csv

    for period, when in (
        (Period.month(2024, 6), "in June 2024"),
        (Period(day("2024-06-03"), day("2024-06-03")), "on 3 June 2024"),
    ):
        report = caseload.build(kind, period)
        said = f"{EMPTY_NOTES[kind]} {when}."
        assert said in report.could_not_count
        csv = report_csv(report).decode("utf-8-sig")
        assert "What could not be counted" in csv and said in csv
        pdf = tmp_path / f"{kind.value}-{period.days}.pdf"
        caseload.save(report, pdf)
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
        assert "could not be counted" in text.lower() and said in text
