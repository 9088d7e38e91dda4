"""The Community connections, Outcomes and Stories reports, built from one read unit of work.

Each builder is ``(uow, request) -> Report``; the reports service looks them up by kind.

**Community connections.** A place in someone's plan counts in the period when it was
first agreed, referred to or gone to in the period (a place only suggested, or declined,
is not a connection). Where it had got to is its status on the period's last day; "went
at least once" is a place whose history reached attended or still going by then. Places
with no news are those Today would have shown on the period's last day: agreed or
referred to, in a referral still open then, with no change for the team's number of days
(``no_news_days``, the setting Today uses; the report says which number it used). Giving
back counts people whose helper role began in the period. Directory freshness is as the
directory stands now: live listings checked in the six and twelve months up to the
period's last day (a listing checked since counts as checked).

**Outcomes.** For each referral with a review or closing measure dated in the period, the
first baseline is paired with the latest later measure of the same kind up to the
period's end, item by item; an item declined or not asked at either end is left out of
that item's pairs and said so. ONS4 items and the UCLA loneliness total are reported one
by one, never added into one score. Where lower is better (anxiety, loneliness) a fall
is an improvement. The Connection Test counts the latest answers given in the period in
each referral; goal confidence pairs each goal's first rating with its latest rating in
the period. Fewer than 5 pairs: the count is "fewer than 5" and no mean or share is shown.

**Stories.** Closing stories (referrals closed in the period) the person agreed to share,
with or without their name, always anonymised (:mod:`linkworker.domain.story_anonymise`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from linkworker.data.report_outcomes_repo import ChangeCount
from linkworker.data.unit_of_work import UnitOfWork
from linkworker.domain.closing import HelperRole, StoryConsent
from linkworker.domain.dates import months_before
from linkworker.domain.outcomes import (
    CONNECTION_ANSWERS,
    ITEMS,
    Measure,
)
from linkworker.domain.people import ClosingReason
from linkworker.domain.plan import ReferralStatus
from linkworker.domain.report_figures import (
    NONE_TO_COUNT,
    drawn,
    hidden_notes,
    noted,
    protected_column,
    protected_rows,
)
from linkworker.domain.reports import (
    FEWER_THAN,
    SMALL_NUMBER,
    Cell,
    Chart,
    ChartKind,
    Figure,
    Report,
    ReportRequest,
    Table,
    during,
    shown_count,
)
from linkworker.domain.story_anonymise import StoryFacts, anonymise

NOT_SHOWN = f"not shown ({FEWER_THAN})"


def chart_value(n: float, count: int) -> float | None:
    """A chart's value, or None when the count behind it is small (1 to 4)."""
    return None if 0 < count < SMALL_NUMBER else float(n)


def share(part: int, whole: int) -> str:
    """'40%' of ``whole``, or not shown when ``whole`` is under 5 (and '0%' of none)."""
    if whole == 0:
        return "0%"
    if whole < SMALL_NUMBER:
        return NOT_SHOWN
    return f"{int(100 * part / whole + 0.5)}%"


def _small_hidden(count: int) -> float | None:
    return chart_value(count, count)


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _percent(part: int, whole: int) -> float | None:
    return None if whole < SMALL_NUMBER else round(100 * part / whole, 1)


def _made(
    request: ReportRequest,
    headline: tuple[Figure, ...],
    tables: tuple[Table, ...],
    could_not: Sequence[str],
    charts: tuple[Chart, ...] = (),
    passages: tuple[str, ...] = (),
) -> Report:
    """The report as asked for, carrying its team, period and date, with what was counted."""
    return replace(
        request.empty(),
        headline=headline,
        tables=tuple(noted(t) for t in tables),
        charts=charts,
        passages=passages,
        could_not_count=tuple(could_not),
    )


# Community connections ----------------------------------------------------------------


@dataclass
class _Tally:
    places: int = 0
    went: int = 0
    still_going: int = 0
    stopped: int = 0

    def add(self, went: bool, status: str, places: int = 1) -> None:
        self.places += places
        self.went += places if went else 0
        self.still_going += places if status == ReferralStatus.STILL_GOING.value else 0
        self.stopped += places if status == ReferralStatus.STOPPED.value else 0

    def cells(self) -> tuple[Cell, ...]:
        counts = (self.places, self.went, self.still_going, self.stopped)
        return tuple(shown_count(n) for n in counts)


def build_connections(uow: UnitOfWork, request: ReportRequest) -> Report:
    period = request.period
    repo = uow.report_outcomes
    by_category: dict[str, _Tally] = defaultdict(_Tally)
    by_place: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    at_end: Counter[str] = Counter()
    whole = _Tally()
    request.counting("places in plans")
    for group in repo.connections(period.start, period.end):
        listed = tuple(k.strip() for k in group.categories.split(";") if k.strip()) or (
            "No category" if group.in_directory else "Not in the directory now",
        )
        name = group.asset_name or "A place not named"
        place = by_place[(name, "; ".join(listed))]
        for tally in (whole, *(by_category[k] for k in listed), place):
            tally.add(group.went, group.status, group.places)
        at_end[group.status] += group.places
    request.counting("places with no news")
    days = request.no_news_days
    quiet_since = period.end - dt.timedelta(days=days)
    no_news: Counter[str] = Counter()
    for name, places in repo.no_news(period.end, quiet_since):
        no_news[name or "A place not named"] += places

    request.counting("people giving back")
    helpers = repo.helpers_began(period.start, period.end)
    helper_people = {who for who, _ in helpers}
    by_role = {role: {who for who, r in helpers if r is role} for role in HelperRole}
    request.counting("directory checks")
    checks = repo.directory_checks(months_before(period.end, 6), months_before(period.end, 12))
    undated = repo.undated_places()

    headline = (
        Figure("Places people were connected to", shown_count(whole.places)),
        Figure("Went at least once", share(whole.went, whole.places)),
        Figure("Still going at the end", share(whole.still_going, whole.places)),
        Figure("Stopped", share(whole.stopped, whole.places)),
        Figure(
            "Places with no news",
            shown_count(sum(no_news.values())),
            f"Agreed or referred, no news for {days} days or more by the period's last day "
            "(the team's setting)",
        ),
        Figure("People who began giving back", shown_count(len(helper_people))),
        Figure(
            "Listings checked in the last 6 months",
            share(checks.since_6_months, checks.listings),
        ),
    )
    heads = ("Places", "Went at least once", "Still going", "Stopped")
    kinds = sorted(by_category, key=lambda k: (-by_category[k].places, k))
    named = sorted(by_place, key=lambda k: (-by_place[k].places, k))
    statuses = [s for s in ReferralStatus if at_end[s.value]]
    # They add up to the places shown at the top, so a lone small one is protected.
    status_cells = protected_column([at_end[s.value] for s in statuses])
    tables = (
        Table(
            "Places by category",
            ("Category", *heads),
            tuple((k, *by_category[k].cells()) for k in kinds),
            "A place listed under two categories counts under each.",
        ),
        Table(
            "Places by listing",
            ("Place", "Category", *heads),
            tuple((name, kind, *by_place[(name, kind)].cells()) for name, kind in named),
        ),
        Table(
            "Where places had got to by the period's last day",
            ("Status", "Places"),
            tuple((s.label, str(cell)) for s, cell in zip(statuses, status_cells, strict=True)),
        ),
        Table(
            "Places with no news",
            ("Place", "Waiting for news"),
            tuple((n, shown_count(c)) for n, c in sorted(no_news.items(), key=_most_first)),
            f"Agreed or referred, in a referral still open, unchanged for {days} days or more "
            "on the period's last day (the team's setting for places with no news): worth a "
            "call to the provider.",
        ),
        Table(
            "People who began giving back",
            ("Role", "People"),
            tuple((role.label, shown_count(len(by_role[role]))) for role in HelperRole),
            "One person may hold more than one role; the total counts them once.",
        ),
        Table(
            "Directory freshness",
            ("Listings", "Number", "Share"),
            (
                ("Live listings", checks.listings, "100%" if checks.listings else "0%"),
                (
                    "Checked in the last 6 months",
                    checks.since_6_months,
                    share(checks.since_6_months, checks.listings),
                ),
                (
                    "Checked in the last 12 months",
                    checks.since_12_months,
                    share(checks.since_12_months, checks.listings),
                ),
                ("Never checked", checks.never, share(checks.never, checks.listings)),
            ),
            "As the directory stands now, counted back from the period's last day.",
        ),
    )
    charts = (
        Chart(
            "Places people were connected to, by category",
            ChartKind.BAR,
            tuple(kinds),
            (("Places", tuple(_small_hidden(by_category[k].places) for k in kinds)),),
            "places",
        ),
        Chart(
            "Where places had got to",
            ChartKind.PIE,
            tuple(s.label for s in statuses),
            (("Places", drawn(status_cells)),),
            "places",
            hidden=hidden_notes(status_cells),
        ),
        Chart(
            "Directory listings checked",
            ChartKind.BAR,
            ("In the last 6 months", "In the last 12 months"),
            (
                (
                    "Share of live listings",
                    (
                        _percent(checks.since_6_months, checks.listings),
                        _percent(checks.since_12_months, checks.listings),
                    ),
                ),
            ),
            "%",
        ),
    )
    could_not: list[str] = []
    if not whole.places:
        could_not.append(f"No place was agreed, referred to or gone to {during(period)}.")
    if undated:
        could_not.append(
            f"{shown_count(undated).capitalize()} places in plans have no dated status and are "
            "not counted: open them in the plan and record when they were agreed."
        )
    return _made(request, headline, tables, could_not, charts=charts)


# Outcomes ----------------------------------------------------------------------------------


@dataclass
class _Pairs:
    """Paired changes of one item (change -> how many), and how many pairs were left out
    for a missing answer."""

    label: str
    lower_better: bool
    changes: Counter[int] = field(default_factory=Counter)
    left_out: int = 0

    def add(self, before: int | None, after: int | None, times: int = 1) -> None:
        if before is not None and after is not None:
            self.changes[after - before] += times
        else:
            self.left_out += times

    @property
    def pairs(self) -> int:
        return self.changes.total()

    def counts(self) -> tuple[int, int, int]:
        better = sum(n for c, n in self.changes.items() if (c < 0 if self.lower_better else c > 0))
        same = self.changes[0]
        return better, same, self.pairs - better - same

    @property
    def shown(self) -> bool:
        return self.pairs >= SMALL_NUMBER

    @property
    def mean(self) -> float | None:
        total = sum(c * n for c, n in self.changes.items())
        return round(total / self.pairs, 1) if self.shown else None

    def row(self) -> tuple[Cell, ...]:
        n = self.pairs
        better, same, worse = self.counts()
        shares = (share(better, n), share(same, n), share(worse, n)) if self.shown else (None,) * 3
        direction = "lower is better" if self.lower_better else "higher is better"
        return (self.label, direction, shown_count(n), self.mean, *shares)


#: The direct loneliness question, its answers scored 1 (never) to 5 (often or always).
_LONELY_LABEL = "How often lonely"


def _measure_pairs(
    changes: Iterable[ChangeCount],
) -> tuple[list[_Pairs], _Pairs, Counter[Measure]]:
    """Paired change item by item (ONS4, then the UCLA total), the direct loneliness
    question's, and, by measure, referrals with a later measure but no baseline."""
    ons4 = [_Pairs(i.label, i.lower_better) for i in ITEMS[Measure.ONS4]]
    ucla = _Pairs("Loneliness (UCLA total, 3 to 9)", True)
    lonely = _Pairs(_LONELY_LABEL, True)
    no_baseline: Counter[Measure] = Counter()
    for change in changes:
        if not change.has_baseline:
            if change.item == 0:
                no_baseline[change.measure] += change.referrals
            continue
        pairs = {Measure.UCLA3: ucla, Measure.LONELY: lonely}.get(change.measure)
        (pairs or ons4[change.item]).add(change.before, change.after, change.referrals)
    return [*ons4, ucla], lonely, no_baseline


def _connection_answers(
    given: Iterable[tuple[tuple[object, ...], int]],
) -> tuple[list[Counter[str]], list[int], int]:
    """Per question, the count of each answer (latest in the period per referral), the
    number left out as declined or not asked, and how many referrals answered."""
    questions = ITEMS[Measure.CONNECTION]
    counts: list[Counter[str]] = [Counter() for _ in questions]
    left_out = [0 for _ in questions]
    asked = 0
    for answers, referrals in given:
        asked += referrals
        for index, answer in enumerate(answers):
            if isinstance(answer, str) and answer in CONNECTION_ANSWERS:
                counts[index][answer] += referrals
            else:
                left_out[index] += referrals
    return counts, left_out, asked


def _goal_pairs(rated: Iterable[tuple[int, int | None, int]]) -> tuple[_Pairs, int]:
    """Each goal's first rating against its latest (in the period); goals rated only once."""
    pairs = _Pairs("Confidence in their goals (0 to 10)", False)
    once = 0
    for first, latest, goals in rated:
        if latest is None:
            once += goals
        else:
            pairs.add(first, latest, goals)
    return pairs, once


_CHANGE_HEADS = ("Measure", "Direction", "Pairs", "Mean change", "Better", "Same", "Worse")


def build_outcomes(uow: UnitOfWork, request: ReportRequest) -> Report:
    period = request.period
    repo = uow.report_outcomes
    request.counting("paired measures")
    items, lonely, no_baseline = _measure_pairs(repo.measure_changes(period.start, period.end))
    paired = repo.paired_referrals(period.start, period.end)
    request.counting("Connection Test answers")
    answers, connection_left_out, asked = _connection_answers(
        repo.connection_answers(period.start, period.end)
    )
    request.counting("goal confidence")
    goals, rated_once = _goal_pairs(repo.goal_changes(period.start, period.end))
    questions = ITEMS[Measure.CONNECTION]

    headline = (
        Figure(
            "Referrals with a baseline and a later measure",
            shown_count(paired),
            "ONS4 or loneliness, the later one taken in the period",
        ),
        *(
            Figure(
                f"{p.label}: mean change",
                f"{p.mean:+.1f}" if p.mean is not None else NOT_SHOWN,
                f"{shown_count(p.pairs)} pairs; {'lower' if p.lower_better else 'higher'} "
                "is better",
            )
            for p in items
        ),
        Figure(
            "Feel lonely less often",
            share(lonely.counts()[0], lonely.pairs) if lonely.pairs else NONE_TO_COUNT,
            f"{shown_count(lonely.pairs)} pairs answering 'How often do you feel lonely?'",
        ),
        Figure("Connection Test answered", shown_count(asked)),
        Figure("Goals with confidence rated twice or more", shown_count(goals.pairs)),
    )
    # Each question's answers add up to the referrals asked, shown at the top.
    answer_cells = protected_rows(
        [[answers[i][a] for a in CONNECTION_ANSWERS] for i in range(len(questions))]
    )
    connection_rows = tuple(
        (q.label, *(str(c) for c in cells))
        for q, cells in zip(questions, answer_cells, strict=True)
    )
    less, same, more = lonely.counts()
    lonely_shares = (
        (share(less, lonely.pairs), share(same, lonely.pairs), share(more, lonely.pairs))
        if lonely.shown
        else (None,) * 3
    )
    tables = (
        Table(
            "Change from baseline, item by item",
            _CHANGE_HEADS,
            tuple(p.row() for p in items),
            "ONS4 items are reported one by one and never added up. Mean and shares are not "
            f"shown for {FEWER_THAN} pairs.",
        ),
        Table(
            "How often do you feel lonely?",
            ("Measure", "Pairs", "Less lonely", "Same", "Lonelier"),
            ((lonely.label, shown_count(lonely.pairs), *lonely_shares),),
            "The answer at baseline against the latest in the period (Often/always, Some of "
            "the time, Occasionally, Hardly ever, Never). Shares are not shown for "
            f"{FEWER_THAN} pairs.",
        ),
        Table(
            "Connection Test",
            ("Question", *CONNECTION_ANSWERS),
            connection_rows,
            "The latest answers in the period, one set per referral.",
        ),
        Table(
            "Goal confidence",
            _CHANGE_HEADS,
            (goals.row(),),
            "Each goal's first rating against its latest in the period.",
        ),
    )
    shown = [*items, goals]
    compared = [*items, lonely, goals]
    charts = (
        Chart(
            "Mean change from baseline",
            ChartKind.BAR,
            tuple(p.label for p in shown),
            (("Mean change", tuple(p.mean for p in shown)),),
            "mean change",
        ),
        Chart(
            "Better, the same or worse",
            ChartKind.STACKED_BAR,
            tuple(p.label for p in compared),
            tuple(
                (
                    name,
                    tuple(_percent(p.counts()[k], p.pairs) if p.shown else None for p in compared),
                )
                for k, name in enumerate(("Better", "Same", "Worse"))
            ),
            "% of pairs",
        ),
        Chart(
            "Connection Test answers",
            ChartKind.STACKED_BAR,
            tuple(q.label for q in questions),
            tuple(
                (a, drawn([cells[k] for cells in answer_cells]))
                for k, a in enumerate(CONNECTION_ANSWERS)
            ),
            "people",
        ),
    )
    could_not: list[str] = []
    if not paired and not asked and not goals.pairs:
        could_not.append(f"No measure or goal rating was taken after a baseline {during(period)}.")
    for p in (*items, lonely):
        if p.left_out:
            could_not.append(
                f"{p.label}: {shown_count(p.left_out)} pairs left out, the answer declined or "
                "not asked at the baseline or later (never counted as nought)."
            )
    for measure, n in no_baseline.items():
        could_not.append(
            f"{measure.label}: {shown_count(n)} referrals have a later measure in the period "
            "but no baseline, so no change can be counted."
        )
    for q, n in zip(questions, connection_left_out, strict=True):
        if n:
            could_not.append(
                f"Connection Test, {q.label.lower()}: {shown_count(n)} answers declined or not "
                "asked, not counted."
            )
    if rated_once:
        could_not.append(
            f"{shown_count(rated_once).capitalize()} goals rated in the period have only one "
            "rating, so no change can be counted."
        )
    return _made(request, headline, tables, could_not, charts=charts)


# Stories ----------------------------------------------------------------------------------


def build_stories(uow: UnitOfWork, request: ReportRequest) -> Report:
    period = request.period
    request.counting("stories")
    stories, private, undated = uow.report_outcomes.stories(period.start, period.end)
    passages = tuple(
        anonymise(
            s.words,
            StoryFacts(s.names, s.date_of_birth, s.address, s.postcode, s.places),
        )
        for s in stories
    )
    reasons: Counter[str] = Counter(
        ClosingReason(s.closing_reason).label if s.closing_reason else "Not recorded"
        for s in stories
    )
    named = sum(1 for s in stories if s.consent is StoryConsent.NAMED)
    headline = (
        Figure("Stories shared", str(len(stories)), "Anonymised, ready to paste"),
        Figure(
            "Kept private",
            shown_count(private),
            "Told at closing in the period; the person did not agree to sharing",
        ),
    )
    tables = (
        Table(
            "Stories by why the referral closed",
            ("Why it closed", "Stories"),
            tuple((r, n) for r, n in sorted(reasons.items(), key=_most_first)),
            (
                f"{named} of these were agreed to be shared with the person's name; in a "
                "report they are still anonymised."
                if named
                else ""
            ),
        ),
    )
    could_not: list[str] = []
    if not stories:
        could_not.append(f"No story that may be shared was told at a closing {during(period)}.")
    if undated:
        could_not.append(
            (
                "1 shared story belongs to a referral closed with no closing day, so no period "
                "can hold it"
                if undated == 1
                else f"{undated} shared stories belong to referrals closed with no closing day, "
                "so no period can hold them"
            )
            + ": add the closing day in the referral."
        )
    return _made(request, headline, tables, could_not, passages=passages)
