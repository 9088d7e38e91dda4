"""The Activity and Who-we-reach reports, built from the counts the database adds up.

Each builder is ``(uow, request) -> Report`` over one read unit of work. Every
count is shown through :func:`count_cell` / :func:`chart_value`, so 1 to 4 reads
"fewer than 5" and is left out of charts; what could not be counted (a referral
closed with no date, contacts left with nothing recorded, referrals with no date)
is said in :attr:`Report.could_not_count`, with why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from linkworker.data.reports_repo import AgeBands, Counts
from linkworker.data.unit_of_work import UnitOfWork
from linkworker.domain.codes import SnomedCode
from linkworker.domain.journey import ContactOutcome, ContactPlace, ReferralResponse
from linkworker.domain.people import (
    DEFAULT_REFERRAL_REASONS,
    ClosingReason,
    ConversationMode,
    ConversationType,
    ReferrerKind,
)
from linkworker.domain.report_figures import (
    AGE_BANDS,
    NONE_TO_COUNT,
    TOO_FEW,
    born_after_for_age,
    by_month,
    count_cell,
    days_text,
    drawn,
    hidden_notes,
    histogram_mean,
    histogram_median,
    month_label,
    months_between,
    noted,
    percent,
    protected_column,
    protected_rows,
    share_cell,
)
from linkworker.domain.reports import (
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

NOT_RECORDED = "Not recorded"

#: Waits from referral to first contact, as a manager reads them: (label, up to days).
WAIT_BANDS: tuple[tuple[str, int | None], ...] = (
    ("Same day", 0),
    ("1 to 7 days", 7),
    ("8 to 14 days", 14),
    ("15 to 28 days", 28),
    ("29 to 56 days", 56),
    ("More than 56 days", None),
)

_CANCELLED = (ContactOutcome.CANCELLED_BY_PERSON.value, ContactOutcome.CANCELLED_BY_WORKER.value)


def _lead(n: int) -> str:
    """A count to start a sentence with: 'Fewer than 5', '12'."""
    text = shown_count(n)
    return text[:1].upper() + text[1:]


def _total(counts: Iterable[tuple[Any, int]]) -> int:
    return sum(n for _, n in counts)


def _rows(pairs: Sequence[tuple[str, int]]) -> tuple[tuple[Cell, ...], ...]:
    """Counts that add up to a total the report shows, protected as a group."""
    cells = protected_column([n for _, n in pairs])
    return tuple((label, cell) for (label, _), cell in zip(pairs, cells, strict=True))


def _bar(title: str, pairs: Sequence[tuple[str, int]], unit: str, *, parts: bool = True) -> Chart:
    """A bar per count; ``parts``: the counts add up to a total the report shows, so they
    are hidden as the table hides them."""
    counts = [n for _, n in pairs]
    cells = protected_column(counts) if parts else [count_cell(n) for n in counts]
    return Chart(
        title,
        ChartKind.BAR,
        tuple(label for label, _ in pairs),
        ((unit.capitalize(), drawn(cells)),),
        unit,
        hidden=hidden_notes(cells),
    )


def _labelled(counts: Counts, labels: dict[str, str]) -> list[tuple[str, int]]:
    """Counts by stored value in ``labels``' order (0 where none), then any others as
    stored, then 'Not recorded'."""
    found: dict[Any, int] = {}
    for value, n in counts:
        found[value] = found.get(value, 0) + n
    pairs = [(label, found.pop(value, 0)) for value, label in labels.items()]
    missing = found.pop(None, 0) + found.pop("", 0)
    pairs += sorted((str(value).replace("_", " ").capitalize(), n) for value, n in found.items())
    if missing:
        pairs.append((NOT_RECORDED, missing))
    return pairs


def _period_notes(request: ReportRequest) -> list[str]:
    period = request.period
    notes: list[str] = []
    if period.end > request.made_on:
        notes.append(
            f"The period runs past today ({request.made_on.day} {request.made_on:%B %Y}): "
            "the days still to come have nothing recorded yet, so the figures are for the "
            "days so far."
        )
    return notes


def _undated_note(uow: UnitOfWork, notes: list[str]) -> None:
    undated = uow.reports.undated_referrals()
    if undated:
        notes.append(
            f"{_lead(undated)} referrals came in with no date, so they fall in no "
            "period and are not counted. Give each its date on the person's record."
        )


# Activity ------------------------------------------------------------------------------


def build_activity(uow: UnitOfWork, request: ReportRequest) -> Report:
    """People referred, first contacts (and the IIF count), contacts, did-not-attend, waits,
    the caseload at the period's end, closings by reason and declines."""
    start, end = request.period.start, request.period.end
    reports = uow.reports
    notes = _period_notes(request)

    request.counting("referrals")
    referrals, people_referred = reports.referrals(start, end)
    referral_days = reports.referrals_by_day(start, end)
    request.counting("first contacts and their codes")
    first_days = reports.first_contacts_by_day(start, end)
    first_contacts = _total(first_days)
    coded = dict(reports.coded_events(start, end))
    iif = coded.get(SnomedCode.REFERRAL.value, 0)
    if iif != first_contacts:
        notes.append(
            f"{_lead(first_contacts)} first contacts are recorded in the period but "
            f"{shown_count(iif)} carry the code {SnomedCode.REFERRAL.value}: the codes follow "
            "the referral when it is saved, so open and save the referrals that differ."
        )

    request.counting("contacts")
    places = reports.contacts_by_place_and_outcome(start, end)
    contacts_table, outcome_totals = _contacts_table(places)
    attended = outcome_totals.get(ContactOutcome.ATTENDED.value, 0)
    missed = outcome_totals.get(ContactOutcome.DID_NOT_ATTEND.value, 0)
    dna_rate = percent(missed, attended + missed)
    if referrals == 0 and first_contacts == 0 and not places:
        notes.append(
            f"No referral, first contact or booked contact is recorded {during(request.period)}."
        )
    elif attended + missed == 0:
        notes.append(
            "No booked contact in the period has 'attended' or 'did not attend' recorded, "
            "so there is no did-not-attend rate."
        )
    left = reports.contacts_left_booked(start, end, dt.datetime.combine(request.made_on, dt.time()))
    if left:
        notes.append(
            f"{_lead(left)} booked contacts in the period have passed with nothing recorded "
            "about them; they are left out of the did-not-attend rate until what happened is "
            "recorded."
        )

    held, seen = reports.contacts_held(start, end)
    average = (
        NONE_TO_COUNT
        if seen == 0
        else TOO_FEW
        if seen < SMALL_NUMBER
        else f"{held / seen:.1f}".removesuffix(".0")
    )

    request.counting("waits")
    waits = dict(reports.waits(start, end))
    early = sum(n for days, n in waits.items() if days < 0)
    if early:
        notes.append(
            f"{_lead(early)} first contacts are dated before their referral, so their wait "
            "is not counted. Check the referral date and the first contact on those records."
        )
    waits = {days: n for days, n in waits.items() if days >= 0}
    waited = sum(waits.values())

    request.counting("the caseload")
    caseload = reports.caseload_at(end)
    if caseload.closed_undated:
        notes.append(
            f"{_lead(caseload.closed_undated)} closed referrals have no closing date, so "
            "whether they were open at the end of the period, or closed in it, is not known: "
            "they are in neither count. Add the closing date on those referrals."
        )
    request.counting("closings and answers")
    closed = reports.closed_by_reason(start, end)
    answers = dict(reports.answers(start, end))
    undated_answers = reports.answers_undated()
    if undated_answers:
        notes.append(
            f"{_lead(undated_answers)} referrals were answered (accepted, declined or not "
            "taken up) with no date for the answer, so they are in no period's count."
        )
    _undated_note(uow, notes)
    declined = answers.get(ReferralResponse.DECLINED.value, 0)

    headline = (
        Figure("Referrals received", shown_count(referrals)),
        Figure("People referred", shown_count(people_referred)),
        Figure(
            "First contacts coded 871731000000106",
            shown_count(iif),
            "Referral to social prescribing service: the PCN's Investment and Impact Fund count",
        ),
        Figure("First contacts", shown_count(first_contacts)),
        Figure(
            "Contacts held",
            shown_count(held),
            "A conversation or an attended booked contact; one a person a day",
        ),
        Figure("People seen", shown_count(seen)),
        Figure("Average contacts per person seen", average),
        Figure("Did-not-attend rate", dna_rate, "Of booked contacts attended or missed"),
        Figure(
            "Median wait from referral to first contact",
            days_text(histogram_median(waits), waited),
        ),
        Figure(
            "Mean wait from referral to first contact", days_text(histogram_mean(waits), waited)
        ),
        Figure(
            f"People on the caseload on {end:%d %B %Y}",
            shown_count(caseload.people),
            "Referrals received by then and not closed by then",
        ),
        Figure("Referrals closed", shown_count(_total(closed))),
        Figure("Declined", shown_count(declined)),
    )

    closed_pairs = _labelled(closed, {r.value: r.label for r in ClosingReason})
    conversation_kinds, conversation_modes = _conversations(
        reports.conversations_by_kind_and_mode(start, end)
    )
    wait_pairs = _wait_bands(waits)
    answer_pairs = [(r.label, answers.get(r.value, 0)) for r in ReferralResponse]
    tables = [
        Table(
            "Coded events, as a GP search would find them",
            ("Code", "Term", "Count"),
            tuple((code.value, code.term, count_cell(coded.get(code.value, 0))) for code in CODES),
            "Dated in the period. Referral to social prescribing service is coded on the first "
            "contact of a referral only.",
        ),
        contacts_table,
        Table(
            "Conversations by type",
            ("Type", "Conversations"),
            _rows(conversation_kinds),
        ),
        Table(
            "Conversations by how they happened",
            ("How", "Conversations"),
            _rows(conversation_modes),
        ),
        Table(
            "Wait from referral to first contact",
            ("Wait", "First contacts"),
            _rows(wait_pairs),
            "For first contacts in the period.",
        ),
        Table(
            f"Caseload on {end:%d %B %Y}",
            ("", "Count"),
            tuple(
                (label, count_cell(n))
                for label, n in (
                    ("Referrals waiting for a first contact", caseload.waiting),
                    ("Referrals active", caseload.active),
                    ("People", caseload.people),
                )
            ),
        ),
        Table("Referrals closed, by reason", ("Reason", "Referrals"), _rows(closed_pairs)),
        Table(
            "How referrals were answered",
            ("Answer", "Referrals"),
            _rows(answer_pairs),
            "Answers dated in the period.",
        ),
    ]
    charts = [
        _bar("Contacts booked, by what happened", _outcome_pairs(outcome_totals), "contacts"),
        _bar("Conversations by how they happened", conversation_modes, "conversations"),
        _bar("Wait from referral to first contact", wait_pairs, "first contacts"),
        _bar("Referrals closed, by reason", [p for p in closed_pairs if p[1]], "referrals"),
    ]
    months = months_between(start, end)
    if len(months) > 1:
        monthly = protected_rows(
            list(zip(by_month(referral_days, months), by_month(first_days, months), strict=True)),
            row_totals=False,
            column_totals=True,
        )
        by_referral, by_first = [r[0] for r in monthly], [r[1] for r in monthly]
        labels = tuple(month_label(*m) for m in months)
        tables.insert(
            0,
            Table(
                "Referrals and first contacts by month",
                ("Month", "Referrals", "First contacts"),
                tuple(
                    (label, r, f) for label, r, f in zip(labels, by_referral, by_first, strict=True)
                ),
            ),
        )
        charts.insert(
            0,
            Chart(
                "Referrals and first contacts by month",
                ChartKind.LINE,
                labels,
                (
                    ("Referrals", drawn(by_referral)),
                    ("First contacts", drawn(by_first)),
                ),
                "referrals",
            ),
        )
    return dataclasses.replace(
        request.empty(),
        headline=headline,
        tables=tuple(noted(t) for t in tables),
        charts=tuple(charts),
        could_not_count=tuple(notes),
    )


#: The codes, in the order a practice lists them.
CODES = (SnomedCode.REFERRAL, SnomedCode.OFFERED, SnomedCode.DECLINED)

_OUTCOME_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Attended", (ContactOutcome.ATTENDED.value,)),
    ("Did not attend", (ContactOutcome.DID_NOT_ATTEND.value,)),
    ("Could not reach", (ContactOutcome.COULD_NOT_REACH.value,)),
    ("Cancelled", _CANCELLED),
    ("Nothing recorded yet", (ContactOutcome.BOOKED.value,)),
)


def _outcome_pairs(totals: dict[str, int]) -> list[tuple[str, int]]:
    return [(label, sum(totals.get(v, 0) for v in values)) for label, values in _OUTCOME_COLUMNS]


def _contacts_table(counts: Counts) -> tuple[Table, dict[str, int]]:
    """Booked contacts by place (rows) and what happened (columns), with the totals by outcome."""
    by_place: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for (place, outcome), n in counts:
        by_place.setdefault(place, {})
        by_place[place][outcome] = by_place[place].get(outcome, 0) + n
        totals[outcome] = totals.get(outcome, 0) + n
    places = [p.value for p in ContactPlace] + sorted(
        p for p in by_place if p not in set(ContactPlace)
    )
    labels: list[str] = []
    grid: list[list[int]] = []
    for place in [*places, None]:
        found = totals if place is None else by_place.get(place, {})
        labels.append(
            "All places"
            if place is None
            else ContactPlace(place).short
            if place in set(ContactPlace)
            else str(place)
        )
        grid.append([sum(found.get(v, 0) for v in values) for _, values in _OUTCOME_COLUMNS])
    # Each place's row and each column has its total shown: protected both ways.
    inner = protected_rows(grid[:-1], row_totals=True, column_totals=True)
    rows: list[tuple[Cell, ...]] = [
        (label, *cells, count_cell(sum(counts)))
        for label, cells, counts in zip(labels, inner, grid, strict=False)
    ]
    rows.append((labels[-1], *(count_cell(n) for n in grid[-1]), count_cell(sum(grid[-1]))))
    table = Table(
        "Contacts booked, by place and what happened",
        ("Place", *(label for label, _ in _OUTCOME_COLUMNS), "All"),
        tuple(rows),
        "Contacts booked for a time in the period.",
    )
    return table, totals


def _conversations(counts: Counts) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    kinds: list[tuple[Any, int]] = [(kind, n) for (kind, _), n in counts]
    modes: list[tuple[Any, int]] = [(mode, n) for (_, mode), n in counts]
    return (
        _labelled(tuple(kinds), {k.value: k.label for k in ConversationType}),
        _labelled(tuple(modes), {m.value: m.label for m in ConversationMode}),
    )


def _wait_bands(waits: dict[int, int]) -> list[tuple[str, int]]:
    pairs: list[tuple[str, int]] = []
    low = 0
    for label, top in WAIT_BANDS:
        pairs.append(
            (
                label,
                sum(n for days, n in waits.items() if days >= low and (top is None or days <= top)),
            )
        )
        low = (top or 0) + 1
    return pairs


# Who we reach ---------------------------------------------------------------------------


def age_bands(on: dt.date) -> AgeBands:
    """The age bands of :data:`AGE_BANDS` as birthdays on ``on``."""
    bands = tuple(
        (label, born_after_for_age(AGE_BANDS[i + 1][1], on))
        for i, (label, _) in enumerate(AGE_BANDS[:-1])
    )
    return AgeBands(bands, AGE_BANDS[-1][0])


def _shared(pairs: Sequence[tuple[str, int]], whole: int) -> tuple[tuple[Cell, ...], ...]:
    """A group adding up to ``whole`` with each one's share; a hidden count's share too."""
    cells = protected_column([n for _, n in pairs])
    return tuple(
        (label, cell, share_cell(n, whole) if isinstance(cell, int) else None)
        for (label, n), cell in zip(pairs, cells, strict=True)
    )


def _people_table(title: str, heading: str, pairs: Sequence[tuple[str, int]], whole: int) -> Table:
    return Table(title, (heading, "People", "Share of people referred (%)"), _shared(pairs, whole))


def _found(counts: Counts, known: Iterable[str] = ()) -> list[tuple[str, int]]:
    """Counts by value as recorded, most first, the ``known`` values with none at 0, and
    'Not recorded' last."""
    found: dict[str, int] = dict.fromkeys(known, 0)
    missing = 0
    for value, n in counts:
        if value is None or not str(value).strip():
            missing += n
        else:
            found[str(value)] = found.get(str(value), 0) + n
    pairs = sorted(found.items(), key=lambda p: (-p[1], p[0].casefold()))
    if missing:
        pairs.append((NOT_RECORDED, missing))
    return pairs


def build_reach(uow: UnitOfWork, request: ReportRequest) -> Report:
    """Referrals by source and reason, and the people referred by age band, gender,
    ethnicity and postcode district, each with those not recorded, so gaps show."""
    start, end = request.period.start, request.period.end
    reports = uow.reports
    notes = _period_notes(request)
    request.counting("referrals by who referred and why")
    referrals, people = reports.referrals(start, end)
    sources = _labelled(
        reports.referrals_by_source(start, end), {k.value: k.label for k in ReferrerKind}
    )
    reasons_found, unread = reports.referrals_by_reason(start, end)
    reasons = _found(reasons_found, DEFAULT_REFERRAL_REASONS)
    no_reason = reports.referrals_without_reason(start, end)
    if no_reason:
        reasons.append(("No reason given", no_reason))
    if unread:
        notes.append(
            f"The reasons of {shown_count(unread)} referrals could not be read, so they are "
            "not in the table of reasons."
        )
    request.counting("ages")
    bands = age_bands(end)
    ages = dict(reports.people_by_age(start, end, bands))
    age_pairs = [(label, ages.get(label, 0)) for label, _ in AGE_BANDS]
    if ages.get(None):
        age_pairs.append((NOT_RECORDED, ages[None]))
    request.counting("gender, ethnicity, places")
    genders = _found(reports.people_by_gender(start, end))
    ethnicities = _found(reports.people_by_ethnicity(start, end))
    districts = _found(reports.people_by_district(start, end), reports.districts_on_record())
    _undated_note(uow, notes)
    if referrals == 0:
        notes.append(f"No referrals were received {during(request.period)}.")

    missing = {
        label: dict(pairs).get(NOT_RECORDED, 0)
        for label, pairs in (
            ("date of birth", age_pairs),
            ("gender", genders),
            ("ethnicity", ethnicities),
            ("postcode", districts),
        )
    }
    headline = (
        Figure("Referrals received", shown_count(referrals)),
        Figure("People referred", shown_count(people)),
        *(
            Figure(f"People referred with no {what} recorded", shown_count(n))
            for what, n in missing.items()
        ),
    )
    tables = (
        Table(
            "Referrals by who referred",
            ("Referred by", "Referrals", "Share of referrals (%)"),
            _shared(sources, referrals),
        ),
        Table(
            "Referrals by reason",
            ("Reason", "Referrals", "Share of referrals (%)"),
            tuple((label, count_cell(n), share_cell(n, referrals)) for label, n in reasons),
            "A referral may give several reasons, so the shares add up to more than 100.",
        ),
        _people_table(f"People referred by age on {end:%d %B %Y}", "Age", age_pairs, people),
        _people_table("People referred by gender", "Gender", genders, people),
        _people_table("People referred by ethnicity", "Ethnicity", ethnicities, people),
        _people_table("People referred by postcode district", "District", districts, people),
    )
    charts = (
        _bar("Referrals by who referred", sources, "referrals"),
        _bar("Referrals by reason", reasons, "referrals", parts=False),
        _bar("People referred by age", age_pairs, "people"),
        _bar("People referred by gender", genders, "people"),
        _bar("People referred by ethnicity", ethnicities, "people"),
        _bar("People referred by postcode district", districts, "people"),
    )
    return dataclasses.replace(
        request.empty(),
        headline=headline,
        tables=tuple(noted(t) for t in tables),
        charts=charts,
        could_not_count=tuple(notes),
    )
