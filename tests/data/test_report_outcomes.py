"""The Community connections, Outcomes and Stories reports over a known caseload built through
the real services on a real SQLite file; every figure is checked against the sum done by hand.

The period is April to June 2026. Places, measures and ratings sit on both sides of its
edges, some answers are declined or not asked, and one person has two referrals.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from linkworker.domain.actor import Actor
from linkworker.domain.closing import GivingBackDraft, HelperRole, Story, StoryConsent
from linkworker.domain.directory import AssetDraft
from linkworker.domain.episodes import PlaceOutcome
from linkworker.domain.outcomes import DECLINED, NOT_ASKED, Measure, OutcomeRecord, Timepoint
from linkworker.domain.people import ClosingReason, EpisodeStatus, ImportantPerson
from linkworker.domain.plan import AssetReferralDraft, GoalDraft, ReferralStatus
from linkworker.domain.reports import FEWER_THAN, Period, Report, ReportKind, ReportRequest
from linkworker.services.context import Services
from linkworker.services.episodes import Closing
from linkworker.services.report_outcomes import (
    NOT_SHOWN,
    build_connections,
    build_outcomes,
    build_stories,
)
from tests.data.people_helpers import add_episode, add_person

Q2 = Period.quarter(2026, 2)
REFERRED = dt.date(2026, 1, 10)
D = dt.date
S = ReferralStatus


def _report(services: Services, build: object, kind: ReportKind, period: Period = Q2) -> Report:
    request = ReportRequest(kind, period, "Riverside PCN", D(2026, 12, 1), "Sam Link")
    with services.units.read() as uow:
        return build(uow, request)  # type: ignore[operator,no-any-return]


def _figures(report: Report) -> dict[str, str]:
    return {f.label: f.value for f in report.headline}


def _table(report: Report, title: str) -> list[tuple[object, ...]]:
    (table,) = [t for t in report.tables if t.title == title]
    return [tuple(row) for row in table.rows]


def _chart(report: Report, title: str) -> dict[str, dict[str, float | None]]:
    (chart,) = [c for c in report.charts if c.title == title]
    return {name: dict(zip(chart.categories, values, strict=True)) for name, values in chart.series}


def _episode(services: Services, given: str, **fields: object) -> tuple[uuid.UUID, uuid.UUID]:
    person = add_person(services.people, given, "Testperson", **fields)
    return person, add_episode(
        services.people, person, status=EpisodeStatus.ACTIVE, referral_date=REFERRED
    )


@pytest.fixture(autouse=True)
def _worker(services: Services) -> None:
    services.units.actor = Actor(worker_id=uuid.UUID(int=5), worker_name="Sam Link")


def _close(
    services: Services,
    episode: uuid.UUID,
    on: dt.date,
    reason: ClosingReason = ClosingReason.GOALS_MET,
    places: tuple[tuple[uuid.UUID, PlaceOutcome], ...] = (),
    helpers: tuple[GivingBackDraft, ...] = (),
    story: Story | None = None,
) -> None:
    closing = Closing(on=on, reason=reason, places=places, helpers=helpers, story=story or Story())
    services.episodes.close(episode, closing)


# Community connections -------------------------------------------------------------------


def _place(
    services: Services, episode: uuid.UUID, asset: uuid.UUID, *changes: tuple[S, dt.date]
) -> uuid.UUID:
    first, on = changes[0]
    detail = services.plans.save_referral(
        AssetReferralDraft(episode_id=episode, asset_id=asset, status=first, status_on=on)
    )
    for status, on in changes[1:]:
        detail = services.plans.save_referral(
            AssetReferralDraft(
                episode_id=episode,
                asset_id=asset,
                id=detail.id,
                version=detail.version,
                status=status,
                status_on=on,
            )
        )
    return detail.id


@pytest.fixture
def connections(services: Services) -> None:
    def listing(name: str, kinds: tuple[str, ...], checked: dt.date | None) -> uuid.UUID:
        return services.directory.save(
            AssetDraft(name=name, categories=kinds, last_verified_on=checked)
        ).id

    garden = listing("Riverside Community Garden", ("Gardening",), D(2026, 5, 1))
    walking = listing("Tuesday Walking Group", ("Walking", "Exercise"), D(2025, 9, 1))
    shed = listing("Men's Shed", ("Sheds",), D(2024, 1, 1))
    chat = listing("Library Chat", (), None)
    knit = listing("Knit and Natter", ("Crafts",), D(2026, 6, 20))
    advice = listing("Debt Advice", ("Advice",), D(2025, 12, 31))  # the 6-month edge
    listing("Lunch Club", ("Food",), D(2026, 8, 1))  # checked after the period

    p1, e1 = _episode(services, "Ada")
    going = _place(services, e1, garden, (S.AGREED, D(2026, 4, 5)), (S.ATTENDED, D(2026, 4, 20)),
           (S.STILL_GOING, D(2026, 5, 10)))  # fmt: skip
    p2, e2 = _episode(services, "Bea")
    _place(services, e2, garden, (S.SUGGESTED, D(2026, 3, 1)), (S.REFERRED, D(2026, 4, 2)),
           (S.ATTENDED, D(2026, 4, 15)), (S.STOPPED, D(2026, 5, 1)))  # fmt: skip
    _p3, e3 = _episode(services, "Cy")
    _place(services, e3, garden, (S.REFERRED, D(2026, 3, 20)))  # before: no news only
    _place(services, e3, walking, (S.REFERRED, D(2026, 6, 29)))
    _p4, e4 = _episode(services, "Di")
    _place(services, e4, walking, (S.AGREED, D(2026, 5, 1)))  # no news
    _place(services, e4, shed, (S.SUGGESTED, D(2026, 4, 10)))  # only suggested
    _p5, e5 = _episode(services, "Ed")
    _place(services, e5, shed, (S.AGREED, D(2026, 6, 30)), (S.ATTENDED, D(2026, 7, 5)))
    _p6, e6 = _episode(services, "Flo")
    _place(services, e6, chat, (S.AGREED, D(2026, 4, 1)), (S.DECLINED, D(2026, 4, 3)))
    knitting = _place(services, e6, knit, (S.REFERRED, D(2026, 4, 12)))  # no news at the end
    for n in range(5):
        _, episode = _episode(services, f"Gus{n}")
        _place(services, episode, advice, (S.AGREED, D(2026, 5, 15)), (S.ATTENDED, D(2026, 5, 20)))

    helped = (
        GivingBackDraft(HelperRole.VOLUNTEER, D(2026, 6, 10), asset_id=garden),
        GivingBackDraft(HelperRole.PEER_SUPPORTER, D(2026, 6, 10), place_name="Chat"),
    )
    _close(services, e1, D(2026, 6, 10), places=((going, PlaceOutcome.KEEP_GOING),), helpers=helped)
    cafe = GivingBackDraft(HelperRole.VOLUNTEER, D(2026, 3, 15), place_name="Cafe")
    _close(services, e2, D(2026, 6, 5), helpers=(cafe,))
    # Closed after the period: at its end the knitting group still had no news.
    _close(services, e6, D(2026, 7, 10), places=((knitting, PlaceOutcome.KEEP_GOING),))
    assert p1 != p2


@pytest.mark.usefixtures("connections")
def test_connections_count_places_first_agreed_in_the_period_and_where_they_got_to(
    services: Services,
) -> None:
    report = _report(services, build_connections, ReportKind.CONNECTIONS)
    assert report.title == "Community connections: April to June 2026"
    assert report.team == "Riverside PCN"
    # Connected in the period: Ada and Bea's garden, Cy and Di's walks, Ed's shed (on the
    # last day), Flo's chat (the first day) and knitting, and five to debt advice: 12.
    # Went: Ada, Bea and the five = 7/12; still going: Ada 1/12; stopped: Bea 1/12.
    assert _figures(report) == {
        "Places people were connected to": "12",
        "Went at least once": "58%",
        "Still going at the end": "8%",
        "Stopped": "8%",
        "Places with no news": FEWER_THAN,
        "People who began giving back": FEWER_THAN,
        "Listings checked in the last 6 months": "57%",
    }
    assert _table(report, "Places by category") == [
        ("Advice", "5", "5", "0", "0"),
        ("Exercise", FEWER_THAN, "0", "0", "0"),
        ("Gardening", FEWER_THAN, FEWER_THAN, FEWER_THAN, FEWER_THAN),
        ("Walking", FEWER_THAN, "0", "0", "0"),
        ("Crafts", FEWER_THAN, "0", "0", "0"),
        ("No category", FEWER_THAN, "0", "0", "0"),
        ("Sheds", FEWER_THAN, "0", "0", "0"),
    ]
    assert _table(report, "Places by listing")[:2] == [
        ("Debt Advice", "Advice", "5", "5", "0", "0"),
        ("Riverside Community Garden", "Gardening", FEWER_THAN, FEWER_THAN, FEWER_THAN,
         FEWER_THAN),
    ]  # fmt: skip
    assert _table(report, "Where places had got to by the period's last day") == [
        ("Agreed to try", FEWER_THAN),  # Di's walk, Ed's shed (attended only after the end)
        ("Referred", FEWER_THAN),  # Cy's walk, Flo's knitting
        ("Attended", "5"),
        ("Still going", FEWER_THAN),
        ("Stopped", FEWER_THAN),
        ("Declined", FEWER_THAN),
    ]
    # Cy's garden (referred in March), Di's walk and Flo's knitting (closed only in July).
    assert _table(report, "Places with no news") == [
        ("Knit and Natter", FEWER_THAN),
        ("Riverside Community Garden", FEWER_THAN),
        ("Tuesday Walking Group", FEWER_THAN),
    ]
    # Ada began two roles in June; Bea's began in March.
    assert _table(report, "People who began giving back") == [
        ("Volunteer", FEWER_THAN),
        ("Peer supporter", FEWER_THAN),
        ("Group organiser", "0"),
    ]
    # Seven live listings: checked since 30 Dec 2025 garden, knitting, advice, lunch club;
    # since 30 Jun 2025 also the walks; the library chat never.
    assert _table(report, "Directory freshness") == [
        ("Live listings", 7, "100%"),
        ("Checked in the last 6 months", 4, "57%"),
        ("Checked in the last 12 months", 5, "71%"),
        ("Never checked", 1, "14%"),
    ]
    by_category = _chart(report, "Places people were connected to, by category")["Places"]
    assert by_category["Advice"] == 5.0 and by_category["Gardening"] is None
    assert _chart(report, "Directory listings checked")["Share of live listings"] == {
        "In the last 6 months": 57.1,
        "In the last 12 months": 71.4,
    }
    assert report.could_not_count == ()


@pytest.mark.usefixtures("connections")
def test_places_with_no_news_follow_the_teams_setting_and_say_it(services: Services) -> None:
    request = ReportRequest(
        ReportKind.CONNECTIONS, Q2, "Riverside PCN", D(2026, 12, 1), no_news_days=60
    )
    with services.units.read() as uow:
        report = build_connections(uow, request)
    # 60 days before 30 June is 1 May: Di's walk, agreed that day, is not yet 60 days quiet.
    assert _table(report, "Places with no news") == [
        ("Knit and Natter", FEWER_THAN),
        ("Riverside Community Garden", FEWER_THAN),
    ]
    (figure,) = [f for f in report.headline if f.label == "Places with no news"]
    assert "no news for 60 days" in figure.note
    (table,) = [t for t in report.tables if t.title == "Places with no news"]
    assert "60 days" in table.note

    services.settings.set("no_news_days", 60)
    assert services.reports.request(ReportKind.CONNECTIONS, Q2).no_news_days == 60
    services.settings.set("no_news_days", "lots")  # an odd value: the usual 21
    assert services.reports.request(ReportKind.CONNECTIONS, Q2).no_news_days == 21


@pytest.mark.usefixtures("connections")
def test_a_one_day_period_counts_only_that_day(services: Services) -> None:
    day = Period(D(2026, 6, 30), D(2026, 6, 30))
    report = _report(services, build_connections, ReportKind.CONNECTIONS, day)
    assert _figures(report)["Places people were connected to"] == FEWER_THAN  # Ed's shed
    assert _table(report, "Where places had got to by the period's last day") == [
        ("Agreed to try", FEWER_THAN)
    ]
    assert _figures(report)["Went at least once"] == NOT_SHOWN


def test_an_empty_period_says_so(services: Services) -> None:
    for build, kind in (
        (build_connections, ReportKind.CONNECTIONS),
        (build_outcomes, ReportKind.OUTCOMES),
        (build_stories, ReportKind.STORIES),
    ):
        report = _report(services, build, kind, Period.month(2025, 1))
        assert report.could_not_count, kind
        assert "January 2025" in report.could_not_count[0]
        assert report.passages == ()
    connections = _report(services, build_connections, ReportKind.CONNECTIONS)
    assert _figures(connections)["Places people were connected to"] == "0"
    assert _figures(connections)["Went at least once"] == "0%"


# Outcomes ---------------------------------------------------------------------------------


def _measure(
    services: Services,
    who: tuple[uuid.UUID, uuid.UUID],
    measure: Measure,
    timepoint: Timepoint,
    on: dt.date,
    *answers: int | str,
) -> None:
    services.outcomes.record(OutcomeRecord(*who, measure, timepoint, on, tuple(answers)))


BASE, REVIEW = D(2026, 2, 1), D(2026, 5, 1)
Answers = tuple[int | str, ...]
ONS4_PAIRS: list[tuple[Answers, Answers]] = [  # baseline, review (in the period)
    ((3, 4, 5, 7), (6, 6, 5, 4)),
    ((5, 5, 5, 5), (5, 7, 6, 6)),
    ((2, 3, 4, 8), (4, 3, DECLINED, 6)),
    ((6, 6, 6, 3), (7, 5, 7, 3)),
    ((4, NOT_ASKED, 4, 6), (5, 5, 6, 2)),
    ((1, 2, 3, 9), (3, 4, 5, 7)),
]


@pytest.fixture
def outcomes(services: Services) -> None:
    ons4, ucla, con, review = Measure.ONS4, Measure.UCLA3, Measure.CONNECTION, Timepoint.REVIEW
    who = [_episode(services, f"Hal{n}") for n in range(len(ONS4_PAIRS))]
    for pair, (before, after) in zip(who, ONS4_PAIRS, strict=True):
        _measure(services, pair, ons4, Timepoint.BASELINE, BASE, *before)
        _measure(services, pair, ons4, review, REVIEW, *after)
    ucla_pairs: tuple[tuple[tuple[uuid.UUID, uuid.UUID], Answers, Answers], ...] = (
        (who[0], (3, 3, 3), (2, 2, 1)),  # 9 -> 5, better
        (who[1], (2, 2, 2), (2, DECLINED, 2)),  # left out
        (who[2], (1, 1, 1), (2, 1, 1)),  # 3 -> 4, worse
    )
    for pair, was, now in ucla_pairs:
        _measure(services, pair, ucla, Timepoint.BASELINE, BASE, *was)
        _measure(services, pair, ucla, review, REVIEW, *now)
    _measure(services, who[0], con, review, REVIEW, "Yes", "Partly", "No")
    _measure(services, who[1], con, review, REVIEW, "Yes", "Yes", DECLINED)
    _measure(services, who[3], con, review, D(2026, 4, 10), "Partly", "Partly", "Partly")
    _measure(services, who[3], con, review, D(2026, 6, 1), "Yes", "Yes", "Yes")  # the latest

    # Reviewed in the period and closed after it: the review is the pair's later end.
    late = _episode(services, "Ivy")
    _measure(services, late, ons4, Timepoint.BASELINE, BASE, 5, 5, 5, 5)
    _measure(services, late, ons4, review, REVIEW, 6, 6, 6, 4)
    _measure(services, late, con, review, REVIEW, "No", "Not sure", "Yes")
    _close(services, late[1], D(2026, 7, 15))
    _measure(services, late, ons4, Timepoint.CLOSING, D(2026, 7, 15), 0, 0, 0, 10)
    _measure(services, late, con, Timepoint.CLOSING, D(2026, 7, 15), "Yes", "Yes", "Yes")

    # Jo: two referrals; the first closed before the period, the second only a baseline.
    jo = add_person(services.people, "Jo", "Testperson")
    first = add_episode(
        services.people, jo, status=EpisodeStatus.ACTIVE, referral_date=D(2025, 9, 1)
    )
    _measure(services, (jo, first), ons4, Timepoint.BASELINE, D(2025, 9, 1), 2, 2, 2, 8)
    _close(services, first, D(2025, 12, 1))
    _measure(services, (jo, first), ons4, Timepoint.CLOSING, D(2025, 12, 1), 9, 9, 9, 0)
    second = add_episode(services.people, jo, status=EpisodeStatus.ACTIVE, referral_date=REFERRED)
    _measure(services, (jo, second), ons4, Timepoint.BASELINE, BASE, 1, 1, 1, 9)
    # A review in the period with no baseline.
    _measure(services, _episode(services, "Kit"), ons4, review, REVIEW, 5, 5, 5, 5)

    # Goal confidence: first rating against the latest in the period.
    def goal(episode: uuid.UUID, *ratings: tuple[int, dt.date]) -> None:
        detail = services.plans.save_goal(GoalDraft(episode_id=episode, words="Get out more"))
        for score, on in ratings:
            services.plans.rate_goal(detail.id, score, on)

    goal(who[0][1], (3, BASE), (6, D(2026, 5, 1)), (9, D(2026, 7, 1)))  # +3
    goal(who[1][1], (5, D(2026, 4, 5)))  # rated once
    goal(who[2][1], (4, D(2026, 1, 15)), (5, D(2026, 3, 1)))  # not rated in the period
    for episode, latest in zip((who[3], who[4], who[5], late), (7, 5, 4, 8), strict=True):
        goal(episode[1], (5, BASE), (latest, D(2026, 6, 1)))  # +2, 0, -1, +3


@pytest.mark.usefixtures("outcomes")
def test_outcomes_pair_each_item_with_declined_answers_left_out(services: Services) -> None:
    report = _report(services, build_outcomes, ReportKind.OUTCOMES)
    # Seven ONS4 pairs (six plus Ivy's review); UCLA adds no referral of its own.
    # Life satisfaction: +3 0 +2 +1 +1 +2 +1 = 10/7; worthwhile: +2 +2 0 -1 +2 +1 = 6/6
    # happiness: 0 +1 +1 +2 +2 +1 = 7/6; anxiety: -3 +1 -2 0 -4 -2 -1 = -11/7.
    assert _table(report, "Change from baseline, item by item") == [
        ("Life satisfaction", "higher is better", "7", 1.4, "86%", "14%", "0%"),
        ("Worthwhile", "higher is better", "6", 1.0, "67%", "17%", "17%"),
        ("Happiness", "higher is better", "6", 1.2, "83%", "17%", "0%"),
        ("Anxiety", "lower is better", "7", -1.6, "71%", "14%", "14%"),
        ("Loneliness (UCLA total, 3 to 9)", "lower is better", FEWER_THAN, None, None, None,
         None),
    ]  # fmt: skip
    figures = _figures(report)
    assert figures["Referrals with a baseline and a later measure"] == "7"
    assert figures["Anxiety: mean change"] == "-1.6"
    assert figures["Loneliness (UCLA total, 3 to 9): mean change"] == NOT_SHOWN
    assert figures["Connection Test answered"] == FEWER_THAN
    assert not any("wellbeing score" in f.label.lower() for f in report.headline)
    assert _table(report, "Connection Test") == [
        ("Better informed", FEWER_THAN, "0", FEWER_THAN, "0"),
        ("More confident of their own capacity", FEWER_THAN, FEWER_THAN, "0", FEWER_THAN),
        ("Better connected to the people around them", FEWER_THAN, "0", FEWER_THAN, "0"),
    ]
    # Goals: +3 +2 0 -1 +3 = 7/5.
    assert _table(report, "Goal confidence") == [
        ("Confidence in their goals (0 to 10)", "higher is better", "5", 1.4, "60%", "20%",
         "20%"),
    ]  # fmt: skip
    assert report.could_not_count == (
        "Worthwhile: fewer than 5 pairs left out, the answer declined or not asked at the "
        "baseline or later (never counted as nought).",
        "Happiness: fewer than 5 pairs left out, the answer declined or not asked at the "
        "baseline or later (never counted as nought).",
        "Loneliness (UCLA total, 3 to 9): fewer than 5 pairs left out, the answer declined "
        "or not asked at the baseline or later (never counted as nought).",
        "ONS4 personal wellbeing: fewer than 5 referrals have a later measure in the period "
        "but no baseline, so no change can be counted.",
        "Connection Test, better connected to the people around them: fewer than 5 answers "
        "declined or not asked, not counted.",
        "Fewer than 5 goals rated in the period have only one rating, so no change can be counted.",
    )
    means = _chart(report, "Mean change from baseline")["Mean change"]
    assert means["Life satisfaction"] == 1.4 and means["Loneliness (UCLA total, 3 to 9)"] is None
    better = _chart(report, "Better, the same or worse")["Better"]
    assert better["Anxiety"] == 71.4
    answers = _chart(report, "Connection Test answers")
    assert answers["Yes"]["Better informed"] is None and answers["Partly"]["Better informed"] == 0


@pytest.mark.usefixtures("outcomes")
def test_a_measure_taken_after_the_period_is_counted_in_the_next(services: Services) -> None:
    july = _report(services, build_outcomes, ReportKind.OUTCOMES, Period.month(2026, 7))
    # Only Ivy's closing: 5 5 5 5 -> 0 0 0 10; Connection Test Yes Yes Yes.
    rows = _table(july, "Change from baseline, item by item")
    assert [row[2] for row in rows] == [FEWER_THAN] * 4 + ["0"]
    assert {row[3] for row in rows} == {None}
    assert _figures(july)["Connection Test answered"] == FEWER_THAN


def test_the_direct_loneliness_question_is_paired_with_its_baseline(services: Services) -> None:
    lonely, review = Measure.LONELY, Timepoint.REVIEW
    for n, (was, now) in enumerate(
        (
            ("Often/always", "Some of the time"),  # less lonely
            ("Some of the time", "Hardly ever"),  # less lonely
            ("Never", "Never"),  # the same
            ("Occasionally", "Often/always"),  # lonelier
            ("Hardly ever", "Occasionally"),  # lonelier
            ("Some of the time", DECLINED),  # left out
        )
    ):
        who = _episode(services, f"Lou{n}")
        _measure(services, who, lonely, Timepoint.BASELINE, BASE, was)
        _measure(services, who, lonely, review, REVIEW, now)
    _measure(services, _episode(services, "Max"), lonely, review, REVIEW, "Never")  # no baseline

    report = _report(services, build_outcomes, ReportKind.OUTCOMES)
    # Five pairs: two less lonely, one the same, two lonelier.
    assert _table(report, "How often do you feel lonely?") == [
        ("How often lonely", "5", "40%", "20%", "40%")
    ]
    assert _figures(report)["Feel lonely less often"] == "40%"
    assert _figures(report)["Referrals with a baseline and a later measure"] == "6"
    better = _chart(report, "Better, the same or worse")
    assert better["Better"]["How often lonely"] == 40.0
    assert better["Worse"]["How often lonely"] == 40.0
    notes = " ".join(report.could_not_count)
    assert "How often lonely: fewer than 5 pairs left out" in notes
    assert "How often do you feel lonely?: fewer than 5 referrals have a later measure" in notes


# Stories ---------------------------------------------------------------------------------


STORY = (
    "My name is Peggy Ó Súilleabháin, born 2nd March 1948, and after my husband Reg died I "
    "hardly left 14 Station Road. Siobhán worried. Sam Link took me to Riverside Community "
    "Garden and now I grow beans there. Ring me on 07700 900123 if you start one in CH65!"
)


@pytest.fixture
def stories(services: Services) -> None:
    garden = services.directory.save(AssetDraft(name="Riverside Community Garden")).id
    _, first = _episode(
        services,
        "Margaret",
        preferred_name="Peggy",
        date_of_birth=D(1948, 3, 2),
        address="14 Station Road\nEllesmere Port",
        postcode="CH65 4AB",
        important_people=(
            ImportantPerson("Siobhán", "Daughter"),
            ImportantPerson("Reg Ó Súilleabháin", "Husband, died 2025"),
        ),
    )
    place = _place(services, first, garden, (S.ATTENDED, D(2026, 3, 1)))

    def close(
        episode: uuid.UUID,
        on: dt.date,
        words: str,
        consent: StoryConsent,
        reason: ClosingReason = ClosingReason.GOALS_MET,
        places: tuple[tuple[uuid.UUID, PlaceOutcome], ...] = (),
    ) -> None:
        _close(services, episode, on, reason, places, story=Story(words=words, consent=consent))

    close(first, D(2026, 5, 20), STORY, StoryConsent.YES,
          places=((place, PlaceOutcome.KEEP_GOING),))  # fmt: skip
    _, named = _episode(services, "Nell")
    close(named, D(2026, 6, 1), "Thanks to Nell and Sam I joined a choir.", StoryConsent.NAMED,
          ClosingReason.REFERRED_ON)  # fmt: skip
    _, private = _episode(services, "Olly")
    close(private, D(2026, 4, 2), "I would rather this stayed between us.", StoryConsent.NO)
    _, later = _episode(services, "Pat")
    close(later, D(2026, 7, 2), "After the period.", StoryConsent.YES)
    _, silent = _episode(services, "Quin")
    close(silent, D(2026, 5, 2), "", StoryConsent.YES)


@pytest.mark.usefixtures("stories")
def test_stories_shared_are_anonymised_and_ready_to_paste(services: Services) -> None:
    report = _report(services, build_stories, ReportKind.STORIES)
    assert report.passages == (
        "My name is [name], born [date of birth], and after my husband [name] died I hardly "
        "left [address]. [name] worried. [name] took me to a local group and now I grow "
        "beans there. Ring me on [number] if you start one in CH65!",
        "Thanks to [name] and [name] I joined a choir.",
    )
    # The stories shared are there in full, with consent; those kept private are a count.
    assert _figures(report) == {"Stories shared": "2", "Kept private": FEWER_THAN}
    (table,) = report.tables
    assert list(table.rows) == [("Goals met", 1), ("Moved on to other support", 1)]
    assert "1 of these were agreed to be shared with the person's name" in table.note
    assert report.could_not_count == ()
    for passage in report.passages:
        for secret in ("Peggy", "Margaret", "1948", "Station", "Siobhán", "Reg", "Nell"):
            assert secret not in passage


def test_records_with_no_date_are_said_and_not_counted(services: Services) -> None:
    """Records kept before dates were asked for: a place with no dated status, a referral
    marked closed with no closing day."""
    from linkworker.data.models import AssetReferral, Episode

    garden = services.directory.save(AssetDraft(name="Riverside Community Garden")).id
    _, old = _episode(services, "Rae")
    _, closed = _episode(services, "Sol")
    with services.units.write() as uow:
        uow.session.add(AssetReferral(episode_id=old, asset_id=garden, asset_name="Garden"))
        episode = uow.session.get(Episode, closed)
        assert episode is not None
        episode.status, episode.closed_on = "closed", None
        episode.story, episode.story_consent = "It helped.", StoryConsent.YES.value

    connections = _report(services, build_connections, ReportKind.CONNECTIONS)
    assert _figures(connections)["Places people were connected to"] == "0"
    assert connections.could_not_count[1] == (
        "Fewer than 5 places in plans have no dated status and are not counted: open them in "
        "the plan and record when they were agreed."
    )
    stories = _report(services, build_stories, ReportKind.STORIES)
    assert stories.passages == ()
    assert stories.could_not_count[1] == (
        "1 shared story belongs to a referral closed with no closing day, so no period can "
        "hold it: add the closing day in the referral."
    )
