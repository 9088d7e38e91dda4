"""Reports built by hand, with invented numbers that read like a real team's month.

They are what the Reports page and the printed report are given: the reports service
makes values of exactly this shape from the data.
"""

from __future__ import annotations

import datetime as dt

from linkworker.domain.reports import (
    Chart,
    ChartKind,
    Figure,
    Period,
    Report,
    ReportKind,
    Table,
    shown_count,
)

TEAM = "Pennant Bay PCN link workers"
MADE_ON = dt.date(2026, 12, 7)
NOVEMBER = Period.month(2026, 11)

MONTHS = ("Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov")


def activity(period: Period = NOVEMBER) -> Report:
    """The Activity report of a month: figures, four tables, four charts, two caveats."""
    return Report(
        kind=ReportKind.ACTIVITY,
        period=period,
        team=TEAM,
        made_on=MADE_ON,
        made_by="Sam Okafor",
        headline=(
            Figure("People referred", "47", "IIF count (871731000000106): 41"),
            Figure("First contacts", "41"),
            Figure("Contacts", "236"),
            Figure("Did not attend", "6.4%", "15 of 236 booked contacts"),
            Figure("Contacts per person", "3.8"),
            Figure("Days from referral to first contact", "9", "median; 75% within 14 days"),
            Figure("Active caseload on 30 November", "212"),
            Figure("Declined", shown_count(3), "871711000000103"),
        ),
        tables=(
            Table(
                "Contacts by type and mode",
                ("Type", "Face to face", "Phone", "Home visit", "Hub", "Total"),
                (
                    ("First conversation", 22, 9, 7, 3, 41),
                    ("Follow-up", 61, 58, 19, 24, 162),
                    ("Crisis", shown_count(2), 11, shown_count(1), 0, 14),
                    ("Review", 8, 6, shown_count(3), 2, 19),
                    ("Total", 93, 84, 30, 29, 236),
                ),
                note="Did-not-attend contacts are counted under the mode that was booked.",
            ),
            Table(
                "Episodes closed by reason",
                ("Reason", "Episodes", "Share"),
                (
                    ("Goals met", 19, "54%"),
                    ("Declined further support", 6, "17%"),
                    ("No longer in touch", 5, "14%"),
                    ("Moved away", shown_count(3), "fewer than 5"),
                    ("Referred to another service", shown_count(2), "fewer than 5"),
                ),
            ),
            Table(
                "Codes GP searches would show",
                ("SNOMED CT", "Term", "Count"),
                (
                    ("871731000000106", "Referral to social prescribing service", 41),
                    ("871711000000103", "Social prescribing declined", shown_count(3)),
                    ("871691000000100", "Social prescribing offered", 52),
                ),
            ),
            Table(
                "Waiting time from referral to first contact",
                ("Days", "People"),
                (
                    ("0 to 7", 18),
                    ("8 to 14", 13),
                    ("15 to 28", 7),
                    ("More than 28", shown_count(3)),
                ),
            ),
        ),
        charts=(
            Chart(
                "People referred each month",
                ChartKind.LINE,
                MONTHS,
                (
                    ("Referred", (31, 38, 35, 42, 40, 44, 39, 33, 37, 45, 49, 47)),
                    ("First contacts", (27, 33, 30, 38, 36, 40, 35, 29, 34, 40, 44, 41)),
                ),
                unit="people",
            ),
            Chart(
                "Contacts by mode",
                ChartKind.PIE,
                ("Face to face", "Phone", "Home visit", "Community hub"),
                (("Contacts", (93, 84, 30, 29)),),
                unit="contacts",
            ),
            Chart(
                "Contacts by type and mode",
                ChartKind.STACKED_BAR,
                ("First conversation", "Follow-up", "Crisis", "Review"),
                (
                    ("Face to face", (22, 61, None, 8)),
                    ("Phone", (9, 58, 11, 6)),
                    ("Home visit", (7, 19, None, None)),
                    ("Hub", (3, 24, 0, 2)),
                ),
                unit="contacts",
            ),
            Chart(
                "Episodes closed by reason",
                ChartKind.BAR,
                ("Goals met", "Declined", "Not in touch", "Moved", "Referred on"),
                (("Episodes", (19, 6, 5, None, None)),),
                unit="episodes",
            ),
        ),
        could_not_count=(
            "3 contacts have no date and are not counted.",
            "2 referrals have no referral date: they are left out of the waiting time.",
        ),
    )


def reach_with_long_table(period: Period = NOVEMBER) -> Report:
    """Who we reach, with a table of 120 postcode districts: longer than a page."""
    districts = tuple(
        (f"CH{60 + n // 10} {n % 10}", 40 - n // 4 if n < 100 else shown_count(n % 4 + 1))
        for n in range(120)
    )
    return Report(
        kind=ReportKind.REACH,
        period=period,
        team=TEAM,
        made_on=MADE_ON,
        headline=(Figure("People referred", "47"), Figure("Postcode districts", "120")),
        tables=(
            Table("Referrals by age band", ("Age", "People"), (("18 to 34", 9), ("35 to 64", 21))),
            Table("Referrals by postcode sector", ("Sector", "People"), districts),
        ),
        charts=(
            Chart(
                "Referrals by source",
                ChartKind.BAR,
                ("GP", "Practice nurse", "Self-referral", "Social care", "Voluntary sector"),
                (("Referred", (24, 7, 9, None, 5)),),
                unit="people",
            ),
        ),
    )


PASSAGES = (
    "A woman in her seventies had not left the house since her husband died. After three "
    "visits she tried the Thursday lunch club at the community centre, and now helps set "
    "out the tables. \u201cI have somewhere to be on a Thursday,\u201d she said.",
    "A man in his forties, out of work after an injury, joined the allotment project. He "
    "says it is the first thing in a year he has looked forward to.",
)


def stories(period: Period = NOVEMBER) -> Report:
    return Report(
        kind=ReportKind.STORIES,
        period=period,
        team=TEAM,
        made_on=MADE_ON,
        headline=(Figure("Stories shared", "2"),),
        passages=PASSAGES,
    )


def empty(period: Period = NOVEMBER) -> Report:
    return Report(ReportKind.OUTCOMES, period, TEAM, MADE_ON)
